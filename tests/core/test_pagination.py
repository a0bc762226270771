"""The one pagination helper: which page a request gets, and the component's links."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from peerwork.core.pagination import page_number, paginate

HOSTILE = [
    "",
    "abc",
    "0",
    "00",
    "-1",
    "2.5",
    "1e3",
    " ",
    "²",
    "１",
    "%00",
    "\x00",
    "-" + "9" * 5000,
]


@pytest.mark.parametrize("value", [None, *HOSTILE])
def test_anything_but_a_whole_number_from_one_shows_the_first_page(value):
    assert page_number(value, last=7) == 1


@pytest.mark.parametrize(
    "value", ["8", "99999999999999999999", "9" * 5000, "0000000000000000000012"]
)
def test_a_number_past_the_end_shows_the_last_page(value):
    assert page_number(value, last=7) == 7


def test_a_number_in_range_is_that_page():
    assert page_number("3", last=7) == 3
    assert page_number(" 03 ", last=7) == 3
    assert page_number("1", last=1) == 1


def _page(query, rows=range(1, 1001), per_page=10):
    return paginate(RequestFactory().get("/list/", query), list(rows), per_page=per_page)


@pytest.mark.parametrize("value", ["0", "-5", "x", "99999999999999999999", "9" * 5000, "101"])
def test_paginate_never_fails_on_a_hostile_page_number(value):
    page = _page({"page": value})
    assert page.number in (1, 100)
    assert len(page.object_list) == 10


def test_an_empty_list_is_one_empty_page_without_links():
    page = _page({"page": "4"}, rows=[])
    assert (page.number, list(page.object_list), page.pagination) == (1, [], None)


def test_links_keep_the_other_parameters_and_elide_the_middle():
    page = _page({"page": "50", "q": "Ash ford", "status": "scoping"})
    params = page.pagination
    assert params["previous"]["href"] == "?page=49&q=Ash+ford&status=scoping"
    assert params["next"]["href"] == "?page=51&q=Ash+ford&status=scoping"
    numbers = [item.get("number", "…") for item in params["items"]]
    assert numbers == [1, "…", 49, 50, 51, "…", 100]
    assert [i["number"] for i in params["items"] if i.get("current")] == [50]


def test_first_and_last_pages_have_no_link_beyond_them():
    assert "previous" not in _page({}).pagination
    assert "next" not in _page({"page": "100"}).pagination


def test_the_tag_draws_the_govuk_component_and_nothing_for_one_page():
    template = Template("{% load govuk %}{% govuk_pagination page %}")
    html = template.render(Context({"page": _page({"page": "2", "q": "x"})}))
    assert 'class="govuk-pagination"' in html
    assert 'href="?page=3&amp;q=x"' in html and 'rel="next"' in html
    assert 'aria-current="page"' in html
    assert template.render(Context({"page": _page({}, rows=range(5))})) == ""
