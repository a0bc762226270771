"""Presenters' tables and summary lists drawn by the GOV.UK component library."""

import html5lib
from django.utils.html import format_html

from peerwork.core import govuk
from peerwork.core.presenters import Action, Cell, Table


def _parse(html):
    return html5lib.parse(html, namespaceHTMLElements=False)


def test_a_table_draws_numbers_right_aligned_and_escapes_text_but_not_safe_html():
    table = Table("Scores", ["Name", "Score"], numeric={1})
    table.add("<b>Ann</b>", 3)
    table.add(format_html("<em>{}</em>", "Bo"), None)

    html = govuk.render_component("table", table.params())

    assert "&lt;b&gt;Ann&lt;/b&gt;" in html and "<em>Bo</em>" in html
    assert "govuk-table__header govuk-table__header--numeric" in html
    assert html.count("govuk-table__cell--numeric") == 2
    assert html.count('scope="row"') == 2
    assert "govuk-table__caption--m" in html


def test_a_cell_carries_its_classes_and_id_and_a_caption_can_be_for_screen_readers_only():
    table = Table("Days", ["Mon"], caption_hidden=True, first_cell_is_header=False, classes="x")
    table.add(Cell(1, classes="busy", attributes={"id": "day-1"}))

    document = _parse(govuk.render_component("table", table.params()))

    cell = document.find(".//td")
    assert cell.get("id") == "day-1" and cell.get("class") == "govuk-table__cell busy"
    assert document.find(".//caption").get("class") == "govuk-table__caption govuk-visually-hidden"
    assert document.find(".//table").get("class") == "govuk-table x"
    assert document.find(".//tbody//th") is None


def test_a_summary_row_can_have_a_change_link_and_an_empty_value_says_so_or_stays_blank():
    rows = [("Name", "Ann", Action("Change", "/name/", "name")), ("Phone", "")]

    document = _parse(govuk.render_summary_list(rows))
    blank = _parse(govuk.render_summary_list(rows, blank=""))

    link = document.find(".//dd[@class='govuk-summary-list__actions']/a")
    assert link.get("href") == "/name/"
    assert "".join(link.itertext()).split() == ["Change", "name"]
    assert link.find("span").get("class") == "govuk-visually-hidden"
    values = [" ".join("".join(dd.itertext()).split()) for dd in document.iter("dd")]
    assert values == ["Ann", "Change name", "Not recorded"]
    assert "".join(list(blank.iter("dd"))[-1].itertext()).strip() == ""


def test_an_error_summary_lists_errors_a_page_found_itself():
    html = govuk.render_error_summary(errors=[("Choose a peer", "#choices")])

    link = _parse(html).find(".//ul/li/a")
    assert link.get("href") == "#choices" and link.text.strip() == "Choose a peer"
    assert "There is a problem" in html
    assert govuk.render_error_summary(errors=[]) == ""
