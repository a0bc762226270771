"""Checks for a list shown a page at a time through peerwork.core.pagination."""

import html
import re

HOSTILE_PAGES = ["0", "-1", "abc", "2.5", "1e9", "99999999999999999999", "9" * 5000, "\x00", "１"]
_NEXT = re.compile(r'href="([^"]*)" rel="next"')


def assert_paginates(client, url, *, per_page, params=None, key="page"):
    """The list at `url`, which holds more than a page, shows `per_page` rows and a link
    to the next page that works (keeping `params`); a hostile page number shows the first
    or the last page. Returns the first page."""
    params = params or {}
    first = client.get(url, params)
    assert first.status_code == 200
    page = first.context[key]
    assert page.paginator.count > per_page, "make more rows than a page holds"
    assert len(page.object_list) == per_page
    found = _NEXT.search(first.content.decode())
    assert found, "no link to the next page"
    href = html.unescape(found.group(1))
    for name, value in params.items():
        assert f"{name}=" in href, f"the next page's link drops {name}={value}"
    second = client.get(url + href)
    assert second.status_code == 200
    assert second.context[key].number == 2
    assert not set(_ids(second.context[key])) & set(_ids(page)), "page 2 repeats page 1"
    last = page.paginator.num_pages
    for value in HOSTILE_PAGES:
        response = client.get(url, {**params, "page": value})
        assert response.status_code == 200, f"page={value[:20]!r} gave {response.status_code}"
        assert response.context[key].number in (1, last)
    return page


def _ids(rows) -> list:
    """Each row's record id (a row may be a record, or hold one as `engagement`)."""
    return [row.pk if hasattr(row, "pk") else row.engagement.pk for row in rows]
