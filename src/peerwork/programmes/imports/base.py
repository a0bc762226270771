"""What an import is made of, and how one row's raw text is read into values.

An ImportSpec names a kind's columns, how a Row becomes the record's field values,
and the natural key that matches a row to a saved record. A Row is peerwork.core's
row, with readers for what programme records refer to (a council by code, a party,
a housing bid by title...).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from peerwork.core import imports, spreadsheets
from peerwork.core.imports import ImportResult, Lookup
from peerwork.councils.importers import council_lookup, party_lookup
from peerwork.councils.models import Council, Party
from peerwork.programmes.models import HousingBid, HousingProject, LeadershipCohort, NgdpCohort


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    example: str
    required: bool = True


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
        return spreadsheets.csv_text(self.header, [[c.example for c in self.columns]])


# Reading one row -------------------------------------------------------------------


class References:
    """Saved records that rows refer to, loaded once per import."""

    @cached_property
    def councils(self) -> Lookup:
        return council_lookup()

    @cached_property
    def parties(self) -> Lookup:
        return party_lookup()

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


class Row(imports.Row):
    """A row of a programme import, with readers for the records it refers to."""

    def __init__(self, *args, refs: References):
        super().__init__(*args)
        self.refs = refs

    def council(self, column: str) -> Council | None:
        return self.lookup(column, self.refs.councils)

    def councils(self, column: str) -> list[Council]:
        return self.lookups(column, self.refs.councils)

    def party(self, column: str) -> Party | None:
        return self.lookup(column, self.refs.parties, required=False)

    def one_titled(self, column: str, found: dict[str, list], what: str):
        title = self.text(column)
        if not title:
            return None
        matches = found.get(title, [])
        if not matches:
            self.problem(
                _("%(column)s '%(value)s' is not a known %(what)s")
                % {"column": column, "value": title, "what": what},
                column,
            )
            return None
        if len(matches) > 1:
            self.problem(
                _("%(column)s '%(value)s' is the title of more than one %(what)s")
                % {"column": column, "value": title, "what": what},
                column,
            )
            return None
        return matches[0]
