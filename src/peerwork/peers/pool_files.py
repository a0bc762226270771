"""The peer pool as a file: an all-or-nothing CSV import, and CSV/XLSX exports.

The export writes the import's own columns, so a file exported from one
peerwork can be imported into another. Party and diversity columns are written
only for roles that may see special-category data.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from typing import TextIO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from peerwork.accounts.permissions import may_see_special_category
from peerwork.councils.importers import ImportRefused, RowError
from peerwork.councils.models import Council, CouncilType, Party
from peerwork.peers.models import (
    MEMBER_ROLES,
    Accreditation,
    CouncilRole,
    CouncilTypeKnown,
    Peer,
    PeerKind,
    PeerSkill,
    PeerStatus,
    Skill,
)

COLUMNS = [
    "email",
    "full_name",
    "kind",
    "phone",
    "home_council_code",
    "home_role",
    "party",
    "status",
    "capacity_engagements",
    "capacity_days",
    "skills",
    "council_types",
    "accreditation",
    "accredited_on",
    "accreditation_expires_on",
    "experience",
]
REQUIRED = ["email", "full_name", "kind", "home_council_code", "home_role"]
SPECIAL_COLUMNS = {"party", "gender", "disability", "ethnicity"}
NOT_KNOWN_TYPES = {CouncilType.COMBINED_AUTHORITY, CouncilType.STRATEGIC_REGIONAL}


@dataclass
class PoolImportResult:
    created: int = 0
    updated: int = 0
    emails: list[str] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    peer: dict
    skills: dict[int, int]
    council_types: list[str]
    accreditation: tuple | None


def _date(value, column, problems):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{column} '{value}' is not a real date in the form YYYY-MM-DD")
        return None


def _whole(value, column, problems, default):
    if not value:
        return default
    if not value.isdigit() or int(value) > 366:
        problems.append(f"{column} '{value}' is not a whole number from 0 to 366")
        return default
    return int(value)


def _read(stream: TextIO) -> tuple[list[_Row], list[RowError]]:
    reader = csv.DictReader(stream)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportRefused([RowError(1, f"the header lacks column(s): {', '.join(missing)}")])
    councils = dict(Council.objects.values_list("code", "pk"))
    parties = {}
    for party in Party.objects.all():
        parties[party.short_name.lower()] = party.pk
        parties[party.name.lower()] = party.pk
    skills = dict(Skill.objects.values_list("slug", "pk"))
    roles = set(CouncilRole.values)
    types = set(CouncilType.values) - {str(t) for t in NOT_KNOWN_TYPES}
    rows, errors, seen = [], [], {}

    for raw in reader:
        line = reader.line_num
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        problems: list[str] = []
        email = row.get("email", "").lower()
        try:
            validate_email(email)
        except ValidationError:
            problems.append(
                f"email '{email}' is not an email address" if email else "email is missing"
            )
        if email in seen:
            problems.append(f"email {email} is also on line {seen[email]}")
        seen.setdefault(email, line)
        if not row.get("full_name"):
            problems.append("full_name is missing")
        kind = row.get("kind", "").lower()
        if kind not in PeerKind.values:
            problems.append(f"kind '{row.get('kind', '')}' must be member or officer")
        code = row.get("home_council_code", "")
        if code not in councils:
            problems.append(f"home_council_code '{code}' is not a council in the register")
        role = row.get("home_role", "")
        if role not in roles:
            problems.append(f"home_role '{role}' is not a known role")
        elif kind == PeerKind.MEMBER and role not in MEMBER_ROLES:
            problems.append(
                f"home_role '{role}' is an officer's role but the peer is a member peer"
            )
        elif kind == PeerKind.OFFICER and role in MEMBER_ROLES:
            problems.append(f"home_role '{role}' is a councillor's role but the peer is an officer")
        party_id = None
        if row.get("party"):
            party_id = parties.get(row["party"].lower())
            if party_id is None:
                problems.append(f"party '{row['party']}' is not a known party")
            elif kind == PeerKind.OFFICER:
                problems.append("party is given but officer peers have no party")
        status = row.get("status", "") or PeerStatus.ACTIVE
        if status not in PeerStatus.values:
            problems.append(f"status '{status}' must be active, paused or retired")
        capacity_engagements = _whole(
            row.get("capacity_engagements", ""), "capacity_engagements", problems, 4
        )
        capacity_days = _whole(row.get("capacity_days", ""), "capacity_days", problems, 12)
        peer_skills: dict[int, int] = {}
        for item in filter(None, (s.strip() for s in row.get("skills", "").split(";"))):
            slug, _, level = item.partition(":")
            if slug.strip() not in skills:
                problems.append(f"skill '{slug.strip()}' is not in the skills vocabulary")
            elif level.strip() not in {"1", "2", "3"}:
                problems.append(f"skill '{slug.strip()}' needs a level 1, 2 or 3, like finance:2")
            else:
                peer_skills[skills[slug.strip()]] = int(level)
        council_types = [t.strip() for t in row.get("council_types", "").split(";") if t.strip()]
        for council_type in council_types:
            if council_type not in types:
                problems.append(f"council type '{council_type}' is not a council type")
        accreditation = None
        completed = _date(row.get("accredited_on", ""), "accredited_on", problems)
        expires = _date(
            row.get("accreditation_expires_on", ""), "accreditation_expires_on", problems
        )
        if row.get("accreditation"):
            if completed is None:
                problems.append("accredited_on is needed when accreditation is given")
            elif expires and expires <= completed:
                problems.append("accreditation_expires_on must be after accredited_on")
            else:
                accreditation = (row["accreditation"], completed, expires)
        if problems:
            errors.extend(RowError(line, p) for p in problems)
            continue
        rows.append(
            _Row(
                line=line,
                peer={
                    "email": email,
                    "full_name": row["full_name"],
                    "kind": kind,
                    "phone": row.get("phone", ""),
                    "home_council_id": councils[code],
                    "home_role": role,
                    "party_id": party_id if kind == PeerKind.MEMBER else None,
                    "status": status,
                    "capacity_engagements": capacity_engagements,
                    "capacity_days": capacity_days,
                    "experience": row.get("experience", ""),
                },
                skills=peer_skills,
                council_types=sorted(set(council_types)),
                accreditation=accreditation,
            )
        )
    return rows, errors


def pool_import(*, stream: TextIO) -> PoolImportResult:
    """Create or update peers by email. A file with any bad row changes nothing."""
    rows, errors = _read(stream)
    if errors:
        raise ImportRefused(errors)
    result = PoolImportResult()
    with transaction.atomic():
        existing = {
            p.email: p for p in Peer.objects.filter(email__in=[r.peer["email"] for r in rows])
        }
        new, changed = [], []
        for row in rows:
            peer = existing.get(row.peer["email"])
            if peer is None:
                new.append(Peer(**row.peer))
            else:
                for name, value in row.peer.items():
                    setattr(peer, name, value)
                peer.version += 1
                changed.append(peer)
        Peer.objects.bulk_create(new, batch_size=500)
        fields = [k for k in rows[0].peer if k != "email"] + ["version"] if rows else []
        Peer.objects.bulk_update(changed, fields, batch_size=500)
        ids = dict(
            Peer.objects.filter(email__in=[r.peer["email"] for r in rows]).values_list(
                "email", "pk"
            )
        )
        touched = list(ids.values())
        PeerSkill.objects.filter(peer_id__in=touched).delete()
        CouncilTypeKnown.objects.filter(peer_id__in=touched).delete()
        PeerSkill.objects.bulk_create(
            [
                PeerSkill(peer_id=ids[r.peer["email"]], skill_id=skill, level=level)
                for r in rows
                for skill, level in r.skills.items()
            ],
            batch_size=1000,
        )
        CouncilTypeKnown.objects.bulk_create(
            [
                CouncilTypeKnown(peer_id=ids[r.peer["email"]], council_type=t)
                for r in rows
                for t in r.council_types
            ],
            batch_size=1000,
        )
        have = set(
            Accreditation.objects.filter(peer_id__in=touched).values_list(
                "peer_id", "name", "completed_on"
            )
        )
        Accreditation.objects.bulk_create(
            [
                Accreditation(
                    peer_id=ids[r.peer["email"]], name=name, completed_on=done, expires_on=expiry
                )
                for r in rows
                if r.accreditation
                for name, done, expiry in [r.accreditation]
                if (ids[r.peer["email"]], name, done) not in have
            ]
        )
        result.created, result.updated = len(new), len(changed)
        result.emails = [r.peer["email"] for r in rows]
    return result


def export_columns(user) -> list[str]:
    columns = list(COLUMNS)
    if may_see_special_category(user):
        columns += ["gender", "disability", "ethnicity"]
    else:
        columns.remove("party")
    return columns


def export_rows(peers, user):
    """One dict per peer with exactly the columns this user may have."""
    columns = export_columns(user)
    special = may_see_special_category(user)
    peers = peers.select_related("home_council").prefetch_related(
        "skills__skill", "council_types", "accreditations"
    )
    if special:
        peers = peers.select_related("party", "diversity")
    for peer in peers:
        newest = max(peer.accreditations.all(), key=lambda a: a.completed_on, default=None)
        row = {
            "email": peer.email,
            "full_name": peer.full_name,
            "kind": peer.kind,
            "phone": peer.phone,
            "home_council_code": peer.home_council.code if peer.home_council_id else "",
            "home_role": peer.home_role,
            "party": peer.party.short_name if special and peer.party_id else "",
            "status": peer.status,
            "capacity_engagements": peer.capacity_engagements,
            "capacity_days": peer.capacity_days,
            "skills": ";".join(f"{s.skill.slug}:{s.level}" for s in peer.skills.all()),
            "council_types": ";".join(sorted(t.council_type for t in peer.council_types.all())),
            "accreditation": newest.name if newest else "",
            "accredited_on": newest.completed_on.isoformat() if newest else "",
            "accreditation_expires_on": (
                newest.expires_on.isoformat() if newest and newest.expires_on else ""
            ),
            "experience": peer.experience,
        }
        diversity = getattr(peer, "diversity", None) if special else None
        row.update(
            gender=diversity.gender if diversity else "",
            disability=diversity.disability if diversity else "",
            ethnicity=diversity.ethnicity if diversity else "",
        )
        yield {c: row[c] for c in columns}


def export_csv(peers, user) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=export_columns(user))
    writer.writeheader()
    writer.writerows(export_rows(peers, user))
    return out.getvalue()


def export_xlsx(peers, user) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Peers")
    columns = export_columns(user)
    sheet.append(columns)
    for row in export_rows(peers, user):
        sheet.append([row[c] for c in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
