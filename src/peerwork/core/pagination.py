"""One way to show a list that grows a page at a time, with GOV.UK's pagination component.

`paginate(request, rows)` reads the page the request asks for and returns Django's
Page, carrying the component's parameters in `page.pagination`; its links keep the
request's other GET parameters (the list's search and filters). `{% govuk_pagination
page %}` draws them. A dashboard shows a `short_list` of a list instead, with a link to
the whole of it.

A page number is never an error: anything that is not a whole number from 1 (missing,
words, "0", "-3", "2.5") shows the first page, and a number past the end, however
large, shows the last. Counting the rows is one query (Django's Paginator counts a
queryset with COUNT), taking a page another, whatever the length of the list.
"""

from dataclasses import dataclass
from typing import cast

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.translation import gettext as _

from peerwork.core.params import whole_number

PAGE_SIZE = 50


def page_number(value: str | None, last: int) -> int:
    """The page to show for a requested page number, between 1 and `last`."""
    return whole_number(value, minimum=1, maximum=last, clamp=True) or 1


class ListPage(Page):
    """Django's Page, with the GOV.UK pagination component's parameters (None when the
    whole list fits on it)."""

    pagination: dict | None = None


class _Paginator(Paginator):
    def _get_page(self, *args, **kwargs) -> ListPage:
        return ListPage(*args, **kwargs)


def paginate(request, rows, *, per_page: int = PAGE_SIZE, param: str = "page") -> ListPage:
    """The page of `rows` (an ordered queryset or a list) the request asks for."""
    paginator = _Paginator(rows, per_page)
    page = cast(ListPage, paginator.page(page_number(request.GET.get(param), paginator.num_pages)))
    page.pagination = pagination_params(page, request.GET, param=param)
    return page


def pagination_params(page: Page, query: QueryDict, *, param: str = "page") -> dict | None:
    """The GOV.UK pagination component's parameters for a page, or None when the list
    fits on one: previous and next links and the page numbers, with an ellipsis for a
    gap (1 … 6 7 8 … 42), each link keeping the other parameters of `query`."""
    if not page.has_other_pages():
        return None

    def href(number: int) -> str:
        kept = query.copy()
        kept[param] = str(number)
        return f"?{kept.urlencode()}"

    hidden = '<span class="govuk-visually-hidden"> {}</span>'
    params: dict = {"landmarkLabel": _("Pagination"), "items": []}
    if page.has_previous():
        params["previous"] = {
            "href": href(page.previous_page_number()),
            "html": format_html("{}" + hidden, _("Previous"), _("page")),
        }
    if page.has_next():
        params["next"] = {
            "href": href(page.next_page_number()),
            "html": format_html("{}" + hidden, _("Next"), _("page")),
        }
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if isinstance(number, str):  # the paginator's ellipsis
            params["items"].append({"ellipsis": True})
        else:
            params["items"].append(
                {
                    "number": number,
                    "href": href(number),
                    "current": number == page.number,
                    "visuallyHiddenText": _("Page %(number)s") % {"number": number},
                }
            )
    return params


SHORT_LIST = 10


@dataclass(frozen=True)
class ShortList:
    """The first rows of a list that a page shows in full elsewhere, and how many there
    are in all: for a dashboard's section, which links to the whole list when `more`."""

    rows: list
    total: int

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def short_list(rows, *, size: int = SHORT_LIST) -> ShortList:
    """At most `size` of `rows` (a queryset or a list). A queryset is counted only when it
    holds more than that, so a short one costs one query and a long one two."""
    if isinstance(rows, list | tuple):
        return ShortList(list(rows[:size]), len(rows))
    shown = list(rows[: size + 1])
    if len(shown) <= size:
        return ShortList(shown, len(shown))
    return ShortList(shown[:size], rows.count())
