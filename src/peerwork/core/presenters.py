"""Small presenters that turn records into GOV.UK component parameters."""

import datetime
from dataclasses import dataclass, field
from functools import cache

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from peerwork.core import govuk


def link(text, url_name, *args) -> str:
    return format_html('<a class="govuk-link" href="{}">{}</a>', reverse(url_name, args=args), text)


def hidden_link(text, href, hidden) -> str:
    """A link whose words for screen readers go on to say what it is about."""
    return format_html(
        '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
        href,
        text,
        hidden,
    )


@cache
def _labels(model_field) -> dict:
    return dict(model_field.flatchoices)


def choice_label(instance, name: str) -> str:
    """What ``instance.get_<name>_display()`` gives, for a list's every row.

    Django's own method hashes every choice's label on each call, and a lazily
    translated label is translated to be hashed: for a status with a dozen choices,
    a table of 50 rows translated 800 labels. The labels stay lazy here, so each row
    is still shown in the language of the request.
    """
    model_field = instance._meta.get_field(name)
    value = getattr(instance, model_field.attname)
    return str(_labels(model_field).get(value, value))


def tag(text, colour="") -> str:
    return govuk.render_tag(text, colour)


def day(value, fmt="j F Y") -> str:
    """A date as the template filter `date` writes it: in local time, month names translated."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, fmt)


@dataclass(frozen=True)
class Cell:
    """A table cell that needs more than its content: classes, or an id to link to."""

    content: object
    classes: str = ""
    attributes: dict | None = None


@dataclass
class Table:
    caption: str
    head: list
    rows: list[list] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)
    # A caption only screen readers hear, for a table whose heading is just above it.
    caption_hidden: bool = False
    first_cell_is_header: bool = True
    classes: str = ""

    def add(self, *cells) -> None:
        self.rows.append(list(cells))

    def params(self) -> dict:
        def cell(index, value):
            item = {}
            if isinstance(value, Cell):
                item = {"classes": value.classes or None, "attributes": value.attributes}
                value = value.content
            item["html"] = format_html("{}", value) if value is not None else ""
            if index in self.numeric:
                item["format"] = "numeric"
            return item

        return {
            "caption": str(self.caption),
            "captionClasses": (
                "govuk-visually-hidden" if self.caption_hidden else "govuk-table__caption--m"
            ),
            "firstCellIsHeader": self.first_cell_is_header,
            "classes": self.classes or None,
            "head": [
                {
                    "html": format_html("{}", h),
                    **({"format": "numeric"} if i in self.numeric else {}),
                }
                for i, h in enumerate(self.head)
            ],
            "rows": [[cell(i, v) for i, v in enumerate(row)] for row in self.rows],
        }


@dataclass(frozen=True)
class Action:
    """A summary list row's link (such as Change), with words only screen readers hear."""

    text: str
    href: str
    visually_hidden: str = ""


def cookies_table() -> Table:
    table = Table(_("Cookies peerwork sets"), [_("Name"), _("Purpose"), _("Expires")])
    table.add("sessionid", _("Keeps you signed in"), _("After 2 weeks, or when you sign out"))
    table.add(
        "csrftoken",
        _(
            "Protects forms from cross-site request forgery, where another website tries to "
            "send a form in your name"
        ),
        _("1 year"),
    )
    return table
