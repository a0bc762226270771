"""All-or-nothing imports of the councils register and of political control.

Both read a whole file, check every row, and either refuse it (listing every
bad row by its line number, with the database untouched) or apply it inside
one transaction.
"""

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TextIO

from django.db import transaction
from django.utils.text import slugify

from peerwork.councils.models import (
    Council,
    CouncilType,
    Nation,
    Party,
    PoliticalControl,
    Region,
)


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class ImportRefused(Exception):
    """The file had bad rows; nothing was changed."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} bad row(s); nothing was imported")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
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


def _rows(stream: TextIO, required: tuple[str, ...]):
    """Yield (line number, row) and refuse a file that lacks a required column."""
    reader = csv.DictReader(stream)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportRefused([RowError(1, f"the header lacks column(s): {', '.join(missing)}")])
    for row in reader:
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def _date(value: str, column: str, problems: list[str]) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{column} '{value}' is not a real date in the form YYYY-MM-DD")
        return None


def _number(value: str, column: str, problems: list[str], kind=Decimal):
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        problems.append(f"{column} '{value}' is not a number")
        return None
    return int(number) if kind is int else number.quantize(Decimal("0.000001"))


def _read_councils(stream: TextIO) -> tuple[list[dict], list[RowError]]:
    errors: list[RowError] = []
    parsed: list[dict] = []
    seen: dict[str, int] = {}
    nations = set(Nation.values)
    types = set(CouncilType.values)
    for line, row in _rows(stream, COUNCIL_COLUMNS):
        problems: list[str] = []
        code = row["local-authority-code"]
        if not code:
            problems.append("local-authority-code is missing")
        elif code in seen:
            problems.append(f"local-authority-code {code} is also on line {seen[code]}")
        else:
            seen[code] = line
        if not row["official-name"]:
            problems.append("official-name is missing")
        if row["nation"] not in nations:
            problems.append(f"nation '{row['nation']}' is not one of {', '.join(sorted(nations))}")
        if row["local-authority-type"] not in types:
            problems.append(
                f"local-authority-type '{row['local-authority-type']}' is not a known type"
            )
        start = _date(row["start-date"], "start-date", problems)
        end = _date(row["end-date"], "end-date", problems)
        if start and end and end < start:
            problems.append(f"end-date {end} is before start-date {start}")
        values = {
            "line": line,
            "code": code,
            "gss_code": row["gss-code"],
            "official_name": row["official-name"],
            "short_name": row["nice-name"] or row["official-name"],
            "nation": row["nation"],
            "region": row["region"],
            "council_type": row["local-authority-type"],
            "county": row["county-la"],
            "combined_authority": row["combined-authority"],
            "successors": sorted(c.strip() for c in row["replaced-by"].split(",") if c.strip()),
            "start_date": start,
            "end_date": end,
            "population": _number(row["pop-2020"], "pop-2020", problems, kind=int),
            "latitude": _number(row["lat"], "lat", problems),
            "longitude": _number(row["long"], "long", problems),
        }
        if problems:
            errors.extend(RowError(line, p) for p in problems)
        else:
            parsed.append(values)

    known = set(seen) | set(Council.objects.values_list("code", flat=True))
    for values in parsed:
        for column, key in (("county-la", "county"), ("combined-authority", "combined_authority")):
            if values[key] and values[key] not in known:
                errors.append(
                    RowError(values["line"], f"{column} '{values[key]}' is not a known council")
                )
        for successor in values["successors"]:
            if successor not in known:
                errors.append(
                    RowError(values["line"], f"replaced-by '{successor}' is not a known council")
                )
    errors.sort(key=lambda e: e.line)
    return parsed, errors


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
    parsed, errors = _read_councils(stream)
    if errors:
        raise ImportRefused(errors)

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


def _party_lookup() -> dict[str, Party]:
    lookup = {}
    for party in Party.objects.all():
        lookup[party.name.lower()] = party
        lookup[party.short_name.lower()] = party
    return lookup


def control_import(*, stream: TextIO) -> ImportResult:
    """Add or correct dated political-control records, keyed by council code and from date."""
    councils = {c.code: c for c in Council.objects.all()}
    parties = _party_lookup()
    errors: list[RowError] = []
    parsed = []
    seen: dict[tuple[str, datetime.date], int] = {}
    for line, row in _rows(stream, CONTROL_COLUMNS):
        problems: list[str] = []
        council = councils.get(row["code"])
        if not row["code"]:
            problems.append("code is missing")
        elif council is None:
            problems.append(f"code '{row['code']}' is not a council in the register")
        control = row["control"].lower()
        party = None
        if not control:
            problems.append("control is missing (a party, or NOC for no overall control)")
        elif control not in NO_OVERALL_CONTROL:
            party = parties.get(control)
            if party is None:
                problems.append(f"control '{row['control']}' is not a known party or NOC")
        leader = None
        if row["leader_party"]:
            leader = parties.get(row["leader_party"].lower())
            if leader is None:
                problems.append(f"leader_party '{row['leader_party']}' is not a known party")
        valid_from = _date(row["from"], "from", problems)
        if not row["from"]:
            problems.append("from is missing")
        if council and valid_from:
            key = (council.code, valid_from)
            if key in seen:
                problems.append(f"{council.code} from {valid_from} is also on line {seen[key]}")
            seen[key] = line
        if problems:
            errors.extend(RowError(line, p) for p in problems)
        else:
            parsed.append((council, party, leader, valid_from))
    if errors:
        raise ImportRefused(errors)

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


def read_text(path: str) -> io.TextIOBase:
    return open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115
