"""Every CSV and XLSX file peerwork writes, written so that no cell is a formula.

A spreadsheet program reads a cell that begins with `=`, `+`, `-` or `@` (or a tab
or carriage return before one) as a formula, which can fetch a web address with
the sheet's other cells in it. Following OWASP's advice on CSV injection, `inert`
puts a single quote before such text, so it is shown as the text that was typed;
numbers, dates and empty cells are left as they are. In a spreadsheet the same
text is also written as a string cell, never a formula.

CSV files begin with a UTF-8 byte-order mark, so that Excel reads "Siân" rather
than "SiÃ¢n". A spreadsheet has its header in row 1, frozen, and dates as dates.
"""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone

BOM = "\ufeff"
# What a spreadsheet may take as the start of a formula, with the full-width forms
# that some programs read the same way.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
KEPT_AS_THEY_ARE = (bool, int, float, Decimal, datetime.date, datetime.time)


def inert(value: Any) -> Any:
    """The value as a cell can safely hold it: text that could be read as a formula
    gets a single quote in front; numbers, dates and None stay as they are."""
    if value is None or isinstance(value, KEPT_AS_THEY_ARE):
        return value
    text = str(value)
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Line:
    """What csv.writer writes to: each row comes back as the string it wrote."""

    def write(self, text: str) -> str:
        return text


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence], *, batch=1000) -> Iterator[str]:
    """A CSV file for a streaming response: the byte-order mark first, then the
    header and rows, `batch` lines at a time."""
    writer = csv.writer(_Line())
    yield BOM
    lines = [writer.writerow([inert(name) for name in header])]
    for row in rows:
        lines.append(writer.writerow([inert(value) for value in row]))
        if len(lines) >= batch:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """A whole CSV file as text, beginning with the byte-order mark."""
    return "".join(csv_chunks(header, rows))


@dataclass
class Sheet:
    """One sheet of a workbook: its name, its header (row 1) and its rows."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    widths: dict[str, float] = field(default_factory=dict)  # column letter -> width


def _xlsx_value(value: Any) -> Any:
    """What openpyxl can store: Excel has no time zones, and some characters are
    not allowed in its files at all."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _cell(sheet, value: Any, *, font=None):
    from openpyxl.cell import WriteOnlyCell

    value = _xlsx_value(inert(value))
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, whatever it begins with: never a formula
    if font is not None:
        cell.font = font
    return cell


def xlsx_file(sheets: Iterable[Sheet], *, title: str = "") -> IO[bytes]:
    """The workbook, written row by row (openpyxl's write-only mode) into a temporary
    file, which comes back open at its start."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    if title:
        workbook.properties.title = title
    bold = Font(bold=True)
    for each in sheets:
        sheet = workbook.create_sheet(each.title)
        sheet.freeze_panes = "A2"  # before any row is written
        for letter, width in each.widths.items():
            sheet.column_dimensions[letter].width = width
        sheet.append([_cell(sheet, name, font=bold) for name in each.header])
        for row in each.rows:
            sheet.append([_cell(sheet, value) for value in row])
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the caller (or response) closes it
    workbook.save(out)
    out.seek(0)
    return out


def xlsx_bytes(sheets: Iterable[Sheet], *, title: str = "") -> bytes:
    """The workbook as bytes, for files small enough to hold in memory."""
    with xlsx_file(sheets, title=title) as out:
        return out.read()
