"""The peer pool as a file: an all-or-nothing CSV import, and CSV/XLSX exports.

The export writes the import's own columns, so a file exported from one
peerwork can be imported into another. Party and diversity columns are written
only for roles that may see special-category data.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TextIO

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peerwork.accounts import permissions
from peerwork.accounts.permissions import may_see_special_category
from peerwork.core import audit, imports, spreadsheets
from peerwork.core.imports import CsvRows, Row
from peerwork.councils.importers import council_lookup, party_lookup
from peerwork.councils.models import CouncilType
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
NOT_A_KIND = gettext_lazy("%(column)s '%(value)s' must be member or officer")
NOT_A_ROLE = gettext_lazy("%(column)s '%(value)s' is not a known role")
NOT_A_STATUS = gettext_lazy("%(column)s '%(value)s' must be active, paused or retired")


@dataclass
class PoolImportResult(imports.ImportResult):
    emails: list[str] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    peer: dict
    skills: dict[int, int]
    council_types: list[str]
    accreditation: tuple | None


def _read(stream: TextIO) -> list[_Row]:
    """Every row of the file read into a peer's values, or ImportRefused listing every problem."""
    rows = CsvRows(stream, required=REQUIRED)
    councils, parties = council_lookup(), party_lookup()
    skills = dict(Skill.objects.values_list("slug", "pk"))
    types = set(CouncilType.values) - {str(t) for t in NOT_KNOWN_TYPES}
    kinds, roles, statuses = PeerKind.values, CouncilRole.values, PeerStatus.values
    parsed = []
    for row in rows:
        email = row.email("email")
        row.once((email,), ("email",))
        full_name = row.text("full_name")
        kind = row.choice("kind", kinds, message=NOT_A_KIND)
        council = row.lookup("home_council_code", councils)
        role = row.choice("home_role", roles, message=NOT_A_ROLE)
        _check_role(row, kind, role)
        party = row.lookup("party", parties, required=False)
        if party and kind == PeerKind.OFFICER:
            row.problem(_("party is given but officer peers have no party"), "party")
        status = row.choice("status", statuses, default=PeerStatus.ACTIVE, message=NOT_A_STATUS)
        capacity_engagements = row.integer(
            "capacity_engagements", required=False, highest=366, default=4
        )
        capacity_days = row.integer("capacity_days", required=False, highest=366, default=12)
        peer_skills = _skill_levels(row, skills)
        council_types = _council_types(row, types)
        accreditation = _accreditation(row)
        if not row.ok:
            continue
        parsed.append(
            _Row(
                line=row.line,
                peer={
                    "email": email,
                    "full_name": full_name,
                    "kind": kind,
                    "phone": row["phone"],
                    "home_council_id": council.pk,
                    "home_role": role,
                    "party_id": party.pk if party else None,
                    "status": status,
                    "capacity_engagements": capacity_engagements,
                    "capacity_days": capacity_days,
                    "experience": row["experience"],
                },
                skills=peer_skills,
                council_types=sorted(set(council_types)),
                accreditation=accreditation,
            )
        )
    rows.refuse_if_bad()
    return parsed


def _check_role(row: Row, kind: str | None, role: str | None) -> None:
    """A member peer holds a councillor's role at home, an officer an officer's."""
    if kind == PeerKind.MEMBER and role and role not in MEMBER_ROLES:
        row.problem(
            _("home_role '%(value)s' is an officer's role but the peer is a member peer")
            % {"value": role},
            "home_role",
        )
    elif kind == PeerKind.OFFICER and role in MEMBER_ROLES:
        row.problem(
            _("home_role '%(value)s' is a councillor's role but the peer is an officer")
            % {"value": role},
            "home_role",
        )


def _skill_levels(row: Row, skills: dict[str, int]) -> dict[int, int]:
    """The skills column ("finance:2; governance:1") as skill pk -> level."""
    peer_skills: dict[int, int] = {}
    for item in row.items("skills"):
        slug, _colon, level = (part.strip() for part in item.partition(":"))
        if slug not in skills:
            row.problem(
                _("skill '%(value)s' is not in the skills vocabulary") % {"value": slug},
                "skills",
            )
        elif level not in {"1", "2", "3"}:
            row.problem(
                _("skill '%(value)s' needs a level 1, 2 or 3, like finance:2") % {"value": slug},
                "skills",
            )
        else:
            peer_skills[skills[slug]] = int(level)
    return peer_skills


def _council_types(row: Row, types: set[str]) -> list[str]:
    council_types = row.items("council_types")
    for council_type in council_types:
        if council_type not in types:
            row.problem(
                _("council type '%(value)s' is not a council type") % {"value": council_type},
                "council_types",
            )
    return council_types


def _accreditation(row: Row) -> tuple | None:
    """(name, completed on, expires on) when the row names an accreditation."""
    completed = row.date("accredited_on", required=False)
    expires = row.date("accreditation_expires_on", required=False)
    if not row["accreditation"]:
        return None
    if completed is None:
        row.problem(_("accredited_on is needed when accreditation is given"), "accredited_on")
        return None
    if expires and expires <= completed:
        row.problem(
            _("accreditation_expires_on must be after accredited_on"),
            "accreditation_expires_on",
        )
        return None
    return (row["accreditation"], completed, expires)


def pool_import(*, stream: TextIO, by) -> PoolImportResult:
    """Create or update peers by email. A file with any bad row changes nothing."""
    permissions.require(permissions.may_manage_pool(by))
    rows = _read(stream)
    result = PoolImportResult()
    with transaction.atomic():
        existing = {
            p.email: p for p in Peer.objects.filter(email__in=[r.peer["email"] for r in rows])
        }
        new, changed, logged = [], [], []
        for row in rows:
            peer = existing.get(row.peer["email"])
            if peer is None:
                new.append(Peer(**row.peer))
            else:
                differences = {n: (getattr(peer, n), v) for n, v in row.peer.items()}
                for name, value in row.peer.items():
                    setattr(peer, name, value)
                peer.version += 1
                changed.append(peer)
                logged.append((peer, differences))
        audit.log_created(Peer.objects.bulk_create(new, batch_size=500))
        fields = [k for k in rows[0].peer if k != "email"] + ["version"] if rows else []
        Peer.objects.bulk_update(changed, fields, batch_size=500)
        audit.log_changes(logged)
        ids = dict(
            Peer.objects.filter(email__in=[r.peer["email"] for r in rows]).values_list(
                "email", "pk"
            )
        )
        touched = list(ids.values())
        PeerSkill.objects.filter(peer_id__in=touched).delete()
        CouncilTypeKnown.objects.filter(peer_id__in=touched).delete()
        made = PeerSkill.objects.bulk_create(
            [
                PeerSkill(peer_id=ids[r.peer["email"]], skill_id=skill, level=level)
                for r in rows
                for skill, level in r.skills.items()
            ],
            batch_size=1000,
        )
        made += CouncilTypeKnown.objects.bulk_create(
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
        made += Accreditation.objects.bulk_create(
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
        audit.log_created(made)
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


# Rows are read this many at a time, each batch with its skills, council types and
# training: the export's queries grow with the batches, not the peers.
EXPORT_BATCH = 1000


def export_rows(peers, user):
    """One dict per peer with exactly the columns this user may have."""
    columns = export_columns(user)
    special = may_see_special_category(user)
    peers = peers.select_related("home_council").prefetch_related(
        "skills__skill", "council_types", "accreditations"
    )
    if special:
        peers = peers.select_related("party", "diversity")
    for peer in peers.iterator(chunk_size=EXPORT_BATCH):
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
            # Dates as dates: a spreadsheet types them, a CSV writes them as 2024-05-01.
            "accredited_on": newest.completed_on if newest else None,
            "accreditation_expires_on": newest.expires_on if newest else None,
            "experience": peer.experience,
        }
        diversity = getattr(peer, "diversity", None) if special else None
        row.update(
            gender=diversity.gender if diversity else "",
            disability=diversity.disability if diversity else "",
            ethnicity=diversity.ethnicity if diversity else "",
        )
        yield {c: row[c] for c in columns}


def export_csv(peers, user) -> Iterator[str]:
    """The CSV file, a batch of lines at a time, for a streaming response."""
    columns = export_columns(user)
    rows = ([row[c] for c in columns] for row in export_rows(peers, user))
    return spreadsheets.csv_chunks(columns, rows, batch=EXPORT_BATCH)


def export_xlsx(peers, user) -> IO[bytes]:
    """The spreadsheet, written row by row (openpyxl's write-only mode) into a temporary
    file, which comes back open at its start."""
    columns = export_columns(user)
    rows = ([row[c] for c in columns] for row in export_rows(peers, user))
    return spreadsheets.xlsx_file([spreadsheets.Sheet("Peers", columns, rows)])
