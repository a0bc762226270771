"""What an import is made of, and how one row's raw text is read into values.

An ImportSpec names a kind's columns, how a Row becomes the record's field values,
and the natural key that matches a row to a saved record. A Row reads each column
as a type (a date, an amount, a council by code...) and collects a named problem for
every value it cannot read.
"""

import csv
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from peerwork.councils.models import Council, Party
from peerwork.programmes.models import HousingBid, HousingProject, LeadershipCohort, NgdpCohort


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    example: str
    required: bool = True


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class ImportSpec:
    model: type[models.Model]
    columns: tuple[Column, ...]
    # The fields of the record (as read from a row) that identify it, and the
    # columns they come from, as the import page and duplicate messages name them.
    key_fields: tuple[str, ...]
    key_columns: tuple[str, ...]
    key_text: str
    read: Callable[["Row"], dict[str, Any]]
    many: tuple[str, ...] = ()
    # For records that are not upserted field by field (survey answers).
    apply: Callable[[list[dict[str, Any]]], ImportResult] | None = None
    note: str = ""

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    def example_csv(self) -> str:
        """The header line and one example row."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.header)
        writer.writerow([c.example for c in self.columns])
        return out.getvalue()


# Reading one row -------------------------------------------------------------------


class References:
    """Saved records that rows refer to, loaded once per import."""

    @cached_property
    def councils(self) -> dict[str, Council]:
        return {c.code.upper(): c for c in Council.objects.all()}

    @cached_property
    def parties(self) -> dict[str, Party]:
        lookup = {}
        for party in Party.objects.all():
            lookup[party.name.casefold()] = party
            lookup[party.short_name.casefold()] = party
        return lookup

    @cached_property
    def leadership_cohorts(self) -> dict[tuple[str, str], LeadershipCohort]:
        return {(c.programme, c.name): c for c in LeadershipCohort.objects.all()}

    @cached_property
    def ngdp_cohorts(self) -> dict[int, NgdpCohort]:
        return {c.intake_year: c for c in NgdpCohort.objects.all()}

    @cached_property
    def bids(self) -> dict[str, list[HousingBid]]:
        return _by_title(HousingBid.objects.all())

    @cached_property
    def projects(self) -> dict[str, list[HousingProject]]:
        return _by_title(HousingProject.objects.all())


def _by_title(records) -> dict:
    found: dict[str, list] = {}
    for record in records:
        found.setdefault(record.title, []).append(record)
    return found


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


class Row:
    """One row's raw values, the problems found in them, and readers for each type."""

    def __init__(self, values: dict[str, str], refs: References):
        self.values = values
        self.refs = refs
        self.problems: list[str] = []

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def _raw(self, column: str, required: bool) -> str:
        value = self.values.get(column, "")
        if required and not value:
            self.problem(_("%(column)s is missing") % {"column": column})
        return value

    def text(self, column: str, *, max_length: int | None = None, required=True) -> str:
        value = self._raw(column, required)
        if max_length and len(value) > max_length:
            self.problem(
                _("%(column)s is longer than %(n)s characters")
                % {"column": column, "n": max_length}
            )
        return value

    def date(self, column: str, *, required=True) -> datetime.date | None:
        value = self._raw(column, required)
        if not value:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(value)
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.problem(
                _("%(column)s '%(value)s' is not a real date in the form YYYY-MM-DD")
                % {"column": column, "value": value}
            )
            return None

    def whole(self, column: str, *, required=True, lowest=0, highest=10**9) -> int | None:
        value = self._raw(column, required)
        if not value:
            return None
        if not re.fullmatch(r"-?\d+", value):
            self.problem(
                _("%(column)s '%(value)s' must be a whole number")
                % {"column": column, "value": value}
            )
            return None
        number = int(value)
        if not lowest <= number <= highest:
            self.problem(
                _("%(column)s '%(value)s' must be from %(lowest)s to %(highest)s")
                % {"column": column, "value": value, "lowest": lowest, "highest": highest}
            )
            return None
        return number

    def _decimal(self, column: str, required: bool, places: int) -> Decimal | None:
        value = self._raw(column, required)
        if not value:
            return None
        try:
            number = Decimal(value.removeprefix("£").replace(",", ""))
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.problem(
                _("%(column)s '%(value)s' is not a number") % {"column": column, "value": value}
            )
            return None
        if number.as_tuple().exponent < -places:
            self.problem(
                _("%(column)s '%(value)s' has more than %(places)s decimal places")
                % {"column": column, "value": value, "places": places}
            )
            return None
        return number

    def money(self, column: str, *, required=True, max_digits=12) -> Decimal | None:
        amount = self._decimal(column, required, 2)
        if amount is None:
            return None
        if amount < 0:
            self.problem(
                _("%(column)s '%(value)s' must not be negative")
                % {"column": column, "value": self.values[column]}
            )
            return None
        if amount >= 10 ** (max_digits - 2):
            self.problem(
                _("%(column)s '%(value)s' is too large") % {"column": column, "value": amount}
            )
            return None
        return amount

    def percentage(self, column: str) -> Decimal | None:
        share = self._decimal(column, True, 1)
        if share is not None and not 0 <= share <= 100:
            self.problem(
                _("%(column)s '%(value)s' must be a percentage from 0 to 100")
                % {"column": column, "value": self.values[column]}
            )
            return None
        return share

    def choice(self, column: str, choices: type[models.TextChoices], default=None) -> str | None:
        value = self._raw(column, default is None).lower()
        if not value:
            return default
        if value not in choices.values:
            self.problem(
                _("%(column)s '%(value)s' is not one of %(allowed)s")
                % {"column": column, "value": value, "allowed": ", ".join(choices.values)}
            )
            return None
        return value

    def yes_no(self, column: str) -> bool:
        value = self.values.get(column, "").lower()
        if value not in _YES | _NO:
            self.problem(
                _("%(column)s '%(value)s' must be yes or no")
                % {"column": column, "value": self.values[column]}
            )
        return value in _YES

    def council(self, column: str) -> Council | None:
        code = self._raw(column, True)
        if not code:
            return None
        council = self.refs.councils.get(code.upper())
        if council is None:
            self.problem(
                _("%(column)s '%(value)s' is not a council in the register")
                % {"column": column, "value": code}
            )
        return council

    def councils(self, column: str) -> list[Council]:
        codes = [c for c in re.split(r"[\s;]+", self._raw(column, True)) if c]
        found = []
        for code in dict.fromkeys(codes):
            council = self.refs.councils.get(code.upper())
            if council is None:
                self.problem(
                    _("%(column)s '%(value)s' is not a council in the register")
                    % {"column": column, "value": code}
                )
            else:
                found.append(council)
        return found

    def party(self, column: str) -> Party | None:
        name = self.values.get(column, "")
        if not name:
            return None
        party = self.refs.parties.get(name.casefold())
        if party is None:
            self.problem(
                _("%(column)s '%(value)s' is not a known party") % {"column": column, "value": name}
            )
        return party

    def one_titled(self, column: str, found: dict[str, list], what: str):
        title = self._raw(column, True)
        if not title:
            return None
        matches = found.get(title, [])
        if not matches:
            self.problem(
                _("%(column)s '%(value)s' is not a known %(what)s")
                % {"column": column, "value": title, "what": what}
            )
            return None
        if len(matches) > 1:
            self.problem(
                _("%(column)s '%(value)s' is the title of more than one %(what)s")
                % {"column": column, "value": title, "what": what}
            )
            return None
        return matches[0]

    def in_order(self, values: dict, first: str, then: str) -> None:
        """The later date of a pair is not before the earlier one, when both are given."""
        start, end = values.get(first), values.get(then)
        if start and end and end < start:
            self.problem(
                _("%(then)s %(end)s is before %(first)s %(start)s")
                % {"then": then, "end": end, "first": first, "start": start}
            )
