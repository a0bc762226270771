"""All-or-nothing imports of the councils register and of political control.

Both read the file with peerwork.core.imports: every row is checked, and a file
with any bad row is refused whole (every problem listed by line, the database
untouched); otherwise it is applied inside one transaction.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peerwork.core import imports
from peerwork.core.imports import CsvRows, Lookup
from peerwork.core.imports import ImportRefused as ImportRefused  # callers catch it from here
from peerwork.councils.models import (
    Council,
    CouncilType,
    Nation,
    Party,
    PoliticalControl,
    Region,
)

NOT_IN_REGISTER = gettext_lazy("%(column)s '%(value)s' is not a council in the register")
NOT_A_PARTY = gettext_lazy("%(column)s '%(value)s' is not a known party")
NOT_A_TYPE = gettext_lazy("%(column)s '%(value)s' is not a known type")


def council_lookup() -> Lookup:
    """The councils in the register, as rows name them: by local-authority code."""
    return Lookup.of(Council.objects.all(), lambda c: c.code, missing=NOT_IN_REGISTER)


def party_lookup() -> Lookup:
    """The parties, as rows name them: by name or short name, like Lab."""
    return Lookup.of(
        Party.objects.all(), lambda p: p.name, lambda p: p.short_name, missing=NOT_A_PARTY
    )


@dataclass
class ImportResult(imports.ImportResult):
    ended: int = 0
    principal_by_nation: dict[str, int] = field(default_factory=dict)

    @property
    def principal_total(self) -> int:
        return sum(self.principal_by_nation.values())


COUNCIL_COLUMNS = (
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "start-date",
    "end-date",
    "replaced-by",
    "nation",
    "region",
    "local-authority-type",
    "county-la",
    "combined-authority",
    "pop-2020",
    "lat",
    "long",
)
_MICRODEGREE = Decimal("0.000001")


def _read_councils(stream: TextIO) -> list[dict]:
    rows = CsvRows(stream, required=COUNCIL_COLUMNS)
    nations, types = Nation.values, CouncilType.values
    parsed: list[tuple] = []
    codes: set[str] = set()
    for row in rows:
        code = row.text("local-authority-code")
        codes.add(code)
        row.once((code,), ("local-authority-code",))
        official_name = row.text("official-name")
        population = row.decimal("pop-2020", required=False)
        latitude = row.decimal("lat", required=False)
        longitude = row.decimal("long", required=False)
        values = {
            "code": code,
            "gss_code": row["gss-code"],
            "official_name": official_name,
            "short_name": row["nice-name"] or official_name,
            "nation": row.choice("nation", nations),
            "region": row["region"],
            "council_type": row.choice("local-authority-type", types, message=NOT_A_TYPE),
            "county": row["county-la"],
            "combined_authority": row["combined-authority"],
            "successors": sorted(row.items("replaced-by", ",")),
            "start_date": row.date("start-date", required=False),
            "end_date": row.date("end-date", required=False),
            "population": None if population is None else int(population),
            "latitude": None if latitude is None else latitude.quantize(_MICRODEGREE),
            "longitude": None if longitude is None else longitude.quantize(_MICRODEGREE),
        }
        row.in_order("start-date", "end-date")
        if row.ok:
            parsed.append((row, values))

    # A council may name one later in the file as its county or successor.
    known = codes | set(Council.objects.values_list("code", flat=True))
    for row, values in parsed:
        named = [(column, row[column]) for column in ("county-la", "combined-authority")]
        named += [("replaced-by", successor) for successor in values["successors"]]
        for column, code in named:
            if code and code not in known:
                row.problem(
                    _("%(column)s '%(value)s' is not a known council")
                    % {"column": column, "value": code},
                    column,
                )
    rows.refuse_if_bad()
    return [values for _row, values in parsed]


_COMPARED = (
    "gss_code",
    "official_name",
    "short_name",
    "nation",
    "council_type",
    "start_date",
    "end_date",
    "population",
    "latitude",
    "longitude",
)


def _current_state(council: Council) -> dict:
    state = {name: getattr(council, name) for name in _COMPARED}
    state["region"] = council.region.name if council.region_id else ""
    state["county"] = council.county.code if council.county_id else ""
    state["combined_authority"] = (
        council.combined_authority.code if council.combined_authority_id else ""
    )
    state["successors"] = sorted(s.code for s in council.successors.all())
    return state


def councils_import(*, stream: TextIO) -> ImportResult:
    """Upsert councils by local-authority code from a file in the open register's format."""
    parsed = _read_councils(stream)
    result = ImportResult()
    with transaction.atomic():
        existing = {
            c.code: c
            for c in Council.objects.select_related(
                "region", "county", "combined_authority"
            ).prefetch_related("successors")
        }
        before = {code: _current_state(c) for code, c in existing.items()}
        regions = {r.name: r for r in Region.objects.all()}

        for values in parsed:
            region = None
            if values["region"]:
                region = regions.get(values["region"])
                if region is None:
                    region = Region.objects.create(
                        name=values["region"],
                        slug=slugify(values["region"]),
                        nation=values["nation"],
                    )
                    regions[region.name] = region
            council = existing.get(values["code"]) or Council(code=values["code"])
            for name in _COMPARED:
                setattr(council, name, values[name])
            council.region = region
            council.save()
            existing[council.code] = council

        for values in parsed:
            council = existing[values["code"]]
            council.county = existing.get(values["county"]) if values["county"] else None
            council.combined_authority = (
                existing.get(values["combined_authority"]) if values["combined_authority"] else None
            )
            council.save(update_fields=["county", "combined_authority"])
            council.successors.set([existing[s] for s in values["successors"]])

        for values in parsed:
            code = values["code"]
            previous = before.get(code)
            after = {k: values[k] for k in _COMPARED}
            after.update(
                region=values["region"],
                county=values["county"],
                combined_authority=values["combined_authority"],
                successors=values["successors"],
            )
            if previous is None:
                result.created += 1
            elif previous == after:
                result.unchanged += 1
            else:
                result.updated += 1
            if values["end_date"] and (previous is None or previous["end_date"] is None):
                result.ended += 1

    result.principal_by_nation = principal_councils_by_nation()
    return result


def principal_councils_by_nation(on: datetime.date | None = None) -> dict[str, int]:
    counts = Counter(Council.objects.current(on).principal().values_list("nation", flat=True))
    return {nation: counts.get(nation, 0) for nation in Nation.values}


NO_OVERALL_CONTROL = {"noc", "no overall control"}
CONTROL_COLUMNS = ("code", "control", "leader_party", "from")
NOT_A_PARTY_OR_NOC = gettext_lazy("%(column)s '%(value)s' is not a known party or NOC")


def control_import(*, stream: TextIO) -> ImportResult:
    """Add or correct dated political-control records, keyed by council code and from date."""
    rows = CsvRows(stream, required=CONTROL_COLUMNS)
    councils, parties = council_lookup(), party_lookup()
    controlling = Lookup(parties.records, NOT_A_PARTY_OR_NOC)
    parsed = []
    for row in rows:
        council = row.lookup("code", councils)
        party = None
        if not row["control"]:
            row.problem(_("control is missing (a party, or NOC for no overall control)"), "control")
        elif row["control"].casefold() not in NO_OVERALL_CONTROL:
            party = row.lookup("control", controlling)
        leader = row.lookup("leader_party", parties, required=False)
        valid_from = row.date("from")
        row.once((council and council.pk, valid_from), ("code", "from"))
        if row.ok:
            parsed.append((council, party, leader, valid_from))
    rows.refuse_if_bad()

    result = ImportResult()
    touched = set()
    with transaction.atomic():
        for council, party, leader, valid_from in parsed:
            record, created = PoliticalControl.objects.get_or_create(
                council=council,
                valid_from=valid_from,
                defaults={"party_in_control": party, "leader_party": leader},
            )
            if created:
                result.created += 1
            elif record.party_in_control_id == getattr(
                party, "pk", None
            ) and record.leader_party_id == getattr(leader, "pk", None):
                result.unchanged += 1
            else:
                record.party_in_control = party
                record.leader_party = leader
                record.save(update_fields=["party_in_control", "leader_party"])
                result.updated += 1
            touched.add(council.pk)
        for council_id in touched:
            _close_control_periods(council_id)
    result.principal_by_nation = principal_councils_by_nation()
    return result


def _close_control_periods(council_id: int) -> None:
    """Each record runs until the day before the next one starts."""
    records = list(PoliticalControl.objects.filter(council_id=council_id).order_by("valid_from"))
    for record, following in zip(records, records[1:] + [None], strict=True):
        valid_to = following.valid_from - datetime.timedelta(days=1) if following else None
        if record.valid_to != valid_to:
            record.valid_to = valid_to
            record.save(update_fields=["valid_to"])
