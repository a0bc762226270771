"""Importing a CSV file all or nothing, with every bad row listed.

An import opens the file as `CsvRows`, which checks the header and then gives each
row that has anything in it as a `Row`. The row's typed readers (text, integer,
decimal, amount, percentage, date, yes or no, choice, email, lookup) turn a cell's
text into a value, or note a translated problem naming the line and the column.
The import keeps the rows that read cleanly, calls `refuse_if_bad()`, which raises
ImportRefused listing every problem when the file has any, and only then saves,
in one transaction. What the rows mean and how they are saved stays with each app.

This module knows no peerwork app: an app passes in what its rows refer to as a
`Lookup`.
"""

import csv
import datetime
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TextIO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peerwork.core import spreadsheets
from peerwork.core.params import whole_number


@dataclass(frozen=True)
class RowError:
    """One problem in a file: its line (1 is the header), what is wrong, and the column."""

    line: int
    message: str
    column: str = ""

    def __str__(self) -> str:
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class ImportRefused(Exception):
    """The file had problems; nothing was changed. `errors` lists them all, by line."""

    def __init__(self, errors: Iterable[RowError]):
        self.errors = sorted(errors, key=lambda error: error.line)
        n = len(self.errors)
        super().__init__(
            ngettext(
                "%(n)s problem in the file; nothing was imported",
                "%(n)s problems in the file; nothing was imported",
                n,
            )
            % {"n": n}
        )


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class Lookup:
    """Saved records by the text rows name them with, and what to say of an unknown name.

    `missing` is a translated message with %(column)s and %(value)s; names are matched
    case-insensitively, so `records` is keyed by casefolded text.
    """

    records: Mapping[str, Any]
    missing: str

    @classmethod
    def of(cls, records: Iterable, *names: Callable[[Any], str], missing: str) -> "Lookup":
        """Each of `records` under every name that `names` give it (a later name wins)."""
        return cls(
            {name(record).casefold(): record for record in records for name in names}, missing
        )

    def get(self, text: str):
        return self.records.get(text.casefold())


class CsvRows:
    """The rows of a CSV file, after a header with every `required` column.

    When `known` is given, a header column outside it is refused too (an import
    whose every column is documented); otherwise other columns are ignored, so a
    file with extra columns, like an export, can be imported.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        required: Iterable[str],
        known: Collection[str] | None = None,
        row: Callable[..., "Row"] | None = None,
    ):
        self._reader = csv.DictReader(stream)
        # A file read as text may still begin with a byte-order mark, as peerwork's own do.
        header = [
            (name or "").strip().removeprefix(spreadsheets.BOM).strip()
            for name in self._reader.fieldnames or []
        ]
        self._reader.fieldnames = header
        self._row = row or Row
        self.errors: list[RowError] = []
        self.count = 0
        self._seen: dict[tuple, int] = {}
        missing = [name for name in required if name not in header]
        if missing:
            self.errors.append(
                RowError(
                    1, _("the header lacks column(s): %(names)s") % {"names": ", ".join(missing)}
                )
            )
        unknown = [name for name in header if name and known is not None and name not in known]
        if unknown:
            self.errors.append(
                RowError(
                    1,
                    _("the header has column(s) this import does not use: %(names)s")
                    % {"names": ", ".join(unknown)},
                )
            )
        if self.errors:
            raise ImportRefused(self.errors)

    def __iter__(self) -> Iterator["Row"]:
        for cells in self._reader:
            # Cells past the header's end are under None; a row of empty cells is skipped.
            if any(text.strip() for name, text in cells.items() if name and text):
                self.count += 1
                yield self._row(self, self._reader.line_num, cells)

    def refuse_if_bad(self) -> None:
        """Raise ImportRefused when any row had a problem, or the file had no rows."""
        if self.errors:
            raise ImportRefused(self.errors)
        if not self.count:
            raise ImportRefused([RowError(1, _("the file has no rows after the header"))])


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHOLE = re.compile(r"-?[0-9]+")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


class Row:
    """One row's cells, and readers that turn a cell into a value or note a problem.

    A reader returns None (or its default) for an empty cell, and for a cell it
    cannot read, so a row reads to the end and every problem in it is listed.
    """

    def __init__(self, rows: CsvRows, line: int, cells: dict[str, str | None]):
        self._rows = rows
        self._cells = cells
        self.line = line
        self.problems: list[RowError] = []
        self._dates: dict[str, datetime.date | None] = {}

    def __getitem__(self, column: str) -> str:
        """The column's text, without spaces around it ("" when the row has no such cell)."""
        return (self._cells.get(column) or "").strip()

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, message: str, column: str = "") -> None:
        error = RowError(self.line, str(message), column)
        self.problems.append(error)
        self._rows.errors.append(error)

    def _bad(self, message: str, column: str, **values) -> None:
        self.problem(str(message) % {"column": column, "value": self[column], **values}, column)

    def _cell(self, column: str, required: bool) -> str:
        value = (self._cells.get(column) or "").strip()
        if required and not value:
            self._bad(_("%(column)s is missing"), column)
        return value

    def text(self, column: str, *, required=True, max_length: int | None = None) -> str:
        value = self._cell(column, required)
        if max_length and len(value) > max_length:
            self._bad(_("%(column)s is longer than %(n)s characters"), column, n=max_length)
        return value

    def items(self, column: str, separator: str = ";") -> list[str]:
        """The cell split into its items, like "a; b" into a and b (`separator` is a regex)."""
        return [item.strip() for item in re.split(separator, self[column]) if item.strip()]

    def integer(
        self, column: str, *, required=True, lowest=0, highest=10**9, default: int | None = None
    ) -> int | None:
        value = self._cell(column, required)
        if not value:
            return default
        if not _WHOLE.fullmatch(value):
            self._bad(_("%(column)s '%(value)s' must be a whole number"), column)
            return default
        number = whole_number(value, minimum=lowest, maximum=highest)
        if number is None:
            self._bad(
                _("%(column)s '%(value)s' must be from %(lowest)s to %(highest)s"),
                column,
                lowest=lowest,
                highest=highest,
            )
            return default
        return number

    def decimal(self, column: str, *, required=True, places: int | None = None) -> Decimal | None:
        """A number; with `places`, one with more decimal places than that is refused."""
        value = self._cell(column, required)
        return self._decimal(column, value, places) if value else None

    def _decimal(self, column: str, text: str, places: int | None) -> Decimal | None:
        try:
            number = Decimal(text)
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self._bad(_("%(column)s '%(value)s' is not a number"), column)
            return None
        if places is not None and number.as_tuple().exponent < -places:
            self._bad(
                _("%(column)s '%(value)s' has more than %(places)s decimal places"),
                column,
                places=places,
            )
            return None
        return number

    def amount(self, column: str, *, required=True, max_digits=12) -> Decimal | None:
        """Pounds and pence, not negative, written with or without £ and thousands commas."""
        value = self._cell(column, required)
        if not value:
            return None
        amount = self._decimal(column, value.removeprefix("£").replace(",", ""), 2)
        if amount is None:
            return None
        if amount < 0:
            self._bad(_("%(column)s '%(value)s' must not be negative"), column)
            return None
        if amount >= 10 ** (max_digits - 2):
            self._bad(_("%(column)s '%(value)s' is too large"), column)
            return None
        return amount

    def percentage(self, column: str, *, required=True, places=1) -> Decimal | None:
        value = self._cell(column, required)
        share = self._decimal(column, value, places) if value else None
        if share is not None and not 0 <= share <= 100:
            self._bad(_("%(column)s '%(value)s' must be a percentage from 0 to 100"), column)
            return None
        return share

    def date(self, column: str, *, required=True) -> datetime.date | None:
        value = self._cell(column, required)
        day = None
        if value:
            try:
                if not _DATE.fullmatch(value):
                    raise ValueError(value)
                day = datetime.date.fromisoformat(value)
            except ValueError:
                self._bad(
                    _("%(column)s '%(value)s' is not a real date in the form YYYY-MM-DD"), column
                )
        self._dates[column] = day
        return day

    def yes_no(self, column: str) -> bool:
        """yes or no (y, true, 1 / n, false, 0); empty means no."""
        value = self[column].lower()
        if value not in _YES | _NO:
            self._bad(_("%(column)s '%(value)s' must be yes or no"), column)
        return value in _YES

    def choice(
        self,
        column: str,
        allowed: Sequence[str],
        *,
        default: str | None = None,
        message: str | None = None,
    ) -> str | None:
        """One of `allowed`, in any case; empty means `default`, or is missing without one.

        `message` replaces the usual one, with %(column)s, %(value)s and %(allowed)s."""
        value = self._cell(column, default is None)
        if not value:
            return default
        if value in allowed:
            return value
        folded = value.casefold()
        for option in allowed:
            if option.casefold() == folded:
                return option
        self._bad(
            message or _("%(column)s '%(value)s' is not one of %(allowed)s"),
            column,
            allowed=", ".join(allowed),
        )
        return None

    def email(self, column: str, *, required=True) -> str:
        """An email address, in lower case."""
        value = self._cell(column, required).lower()
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self._bad(_("%(column)s '%(value)s' is not an email address"), column)
        return value

    def lookup(self, column: str, lookup: Lookup, *, required=True):
        """The saved record the cell names, or None."""
        value = self._cell(column, required)
        if not value:
            return None
        found = lookup.get(value)
        if found is None:
            self._bad(lookup.missing, column)
        return found

    def lookups(self, column: str, lookup: Lookup, *, separator=r"[\s;]+") -> list:
        """The saved records the cell names, each once; at least one is needed."""
        found = []
        if not self._cell(column, True):
            return found
        for name in dict.fromkeys(self.items(column, separator)):
            record = lookup.get(name)
            if record is None:
                self.problem(str(lookup.missing) % {"column": column, "value": name}, column)
            else:
                found.append(record)
        return found

    def in_order(self, first: str, then: str) -> None:
        """The date read from `then` is not before the one from `first`, when both are given."""
        start, end = self._dates.get(first), self._dates.get(then)
        if start and end and end < start:
            self.problem(
                _("%(then)s %(end)s is before %(first)s %(start)s")
                % {"then": then, "end": end, "first": first, "start": start},
                then,
            )

    def once(self, key: tuple, columns: Sequence[str]) -> None:
        """No earlier row has the same `key`, the values read from `columns` that identify it.

        A key with a part missing (None or empty) is not compared: its row has a
        problem of its own already."""
        if None in key or "" in key:
            return
        first = self._rows._seen.setdefault(key, self.line)
        if first != self.line:
            self.problem(
                _("%(key)s is also on line %(line)s")
                % {"key": ", ".join(f"{c} {self[c]}" for c in columns), "line": first},
                columns[0],
            )


def import_file(importer: Callable[..., Any], path: str, *, stderr) -> Any:
    """A management command's import of the CSV file at `path` (UTF-8, with or without
    a byte-order mark). A refusal writes every problem to `stderr` and raises CommandError."""
    from django.core.management.base import CommandError

    try:
        with open(path, newline="", encoding="utf-8-sig") as stream:
            return importer(stream=stream)
    except FileNotFoundError as error:
        raise CommandError(f"No such file: {path}") from error
    except ImportRefused as refused:
        for error in refused.errors:
            stderr.write(str(error))
        raise CommandError(
            f"{path} was refused: {len(refused.errors)} problem(s). Nothing was changed."
        ) from refused
