"""Reading the peer pool. Conflicts are computed here, never typed in."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.accounts.permissions import may_see_special_category
from peerwork.core.periods import year_start
from peerwork.councils.models import Council
from peerwork.peers.models import (
    Accreditation,
    CouncilTypeKnown,
    DeclaredInterest,
    DiversityRecord,
    FormerRole,
    Peer,
    PeerApplication,
    PeerSkill,
    Skill,
)


@dataclass(frozen=True)
class Conflict:
    council_id: int
    council_name: str
    reason: str


def _lookback_start(on: datetime.date) -> datetime.date:
    years = settings.PEERWORK_CONFLICT_LOOKBACK_YEARS
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def conflicts_for_peers(peer_ids, *, on: datetime.date | None = None) -> dict[int, dict[int, str]]:
    """For each peer, the councils they must not review and why: {peer: {council: reason}}.

    The one place conflicts are decided; team assembly and every page read it.
    Rules: home council; declared interests; former councils within the look-back;
    and, when PEERWORK_CONFLICT_SAME_AREA is on, councils sharing the home council's
    county or combined authority.
    """
    on = on or timezone.localdate()
    peer_ids = list(peer_ids)
    result: dict[int, dict[int, str]] = defaultdict(dict)

    homes = dict(
        Peer.objects.filter(pk__in=peer_ids, home_council__isnull=False).values_list(
            "pk", "home_council_id"
        )
    )
    for peer_id, council_id in homes.items():
        result[peer_id][council_id] = _("home council")

    for interest in DeclaredInterest.objects.filter(peer_id__in=peer_ids):
        result[interest.peer_id].setdefault(
            interest.council_id, _("declared interest: %(reason)s") % {"reason": interest.reason}
        )

    since = _lookback_start(on)
    for role in FormerRole.objects.filter(peer_id__in=peer_ids, ended_on__gte=since):
        result[role.peer_id].setdefault(
            role.council_id,
            _("worked there until %(date)s") % {"date": role.ended_on.strftime("%-d %B %Y")},
        )

    if settings.PEERWORK_CONFLICT_SAME_AREA and homes:
        home_links = Council.objects.filter(pk__in=set(homes.values())).values_list(
            "pk", "county_id", "combined_authority_id"
        )
        areas = {pk: (county, combined) for pk, county, combined in home_links}
        county_ids = {c for c, _ in areas.values() if c}
        combined_ids = {c for _, c in areas.values() if c}
        neighbours = (
            Council.objects.current()
            .filter(
                Q(county_id__in=county_ids)
                | Q(pk__in=county_ids)
                | Q(combined_authority_id__in=combined_ids)
            )
            .values_list("pk", "county_id", "combined_authority_id")
        )
        neighbours = list(neighbours)
        for peer_id, home_id in homes.items():
            county, combined = areas[home_id]
            for pk, their_county, their_combined in neighbours:
                same_county = county and (their_county == county or pk == county)
                same_combined = combined and their_combined == combined
                if pk != home_id and (same_county or same_combined):
                    result[peer_id].setdefault(pk, _("same county or combined authority"))
    return dict(result)


def peer_conflicts(peer: Peer, *, on: datetime.date | None = None) -> list[Conflict]:
    reasons = conflicts_for_peers([peer.pk], on=on).get(peer.pk, {})
    names = dict(Council.objects.filter(pk__in=reasons).values_list("pk", "short_name"))
    return sorted(
        (Conflict(pk, names[pk], reason) for pk, reason in reasons.items()),
        key=lambda c: c.council_name,
    )


def peer_search(
    *,
    user,
    name: str = "",
    kind: str = "",
    skill: str = "",
    min_level: int | None = None,
    region: str = "",
    council_type: str = "",
    party: str = "",
    status: str = "",
    accreditation_expiring: bool = False,
    load: str = "",
    sort: str = "name",
    on: datetime.date | None = None,
) -> QuerySet[Peer]:
    """The staff directory. Filtering by party is ignored for roles that may not see it.

    One row a peer, with no join that repeats rows: every filter on skills, council
    types, training or load is a subquery, so counting and paging cost what the page
    costs, not the pool. Ties are broken by id, so pages never overlap.
    """
    on = on or timezone.localdate()
    peers = Peer.objects.all()
    if name:
        peers = peers.filter(Q(full_name__icontains=name) | Q(email__icontains=name))
    if kind:
        peers = peers.filter(kind=kind)
    peers = _with_skill(peers, skill, min_level)
    if region:
        peers = peers.filter(home_council__region__slug=region)
    if council_type:
        peers = peers.filter(
            Exists(CouncilTypeKnown.objects.filter(peer=OuterRef("pk"), council_type=council_type))
        )
    if party and may_see_special_category(user):
        peers = peers.filter(party__short_name=party)
    if status:
        peers = peers.filter(status=status)
    if accreditation_expiring:
        peers = _accreditation_expiring(peers, on)
    if load or sort == "load":
        peers = peers.annotate(year_engagements=_per_peer(_year_engagements(on)))
    peers = _by_load(peers, load)
    if sort == "skills":
        peers = peers.annotate(skill_count=_per_peer(Count("skills")))
    order = {
        "name": ["full_name"],
        "-name": ["-full_name"],
        "council": ["home_council__short_name", "full_name"],
        "kind": ["kind", "full_name"],
        "skills": ["-skill_count", "full_name"],
        "load": ["-year_engagements", "full_name"],
    }.get(sort, ["full_name"])
    return peers.order_by(*order, "pk")


def peer_page_rows(peers: QuerySet[Peer], ids: list[int], *, user) -> list[Peer]:
    """The peers of one page of `peers` (from peer_search), whose ids the page holds: in
    the directory's order, read with their council, region and party."""
    related = ["home_council", "home_council__region"]
    if may_see_special_category(user):
        related.append("party")
    return list(peers.filter(pk__in=ids).select_related(*related))


def _per_peer(count: Count) -> Subquery:
    """A count over one peer's related rows, as a subquery of its own."""
    one = Peer.objects.filter(pk=OuterRef("pk")).order_by().values("pk")
    return Subquery(one.annotate(n=count).values("n"))


def _year_engagements(on: datetime.date) -> Count:
    """load_this_year's count of engagements, over memberships."""
    return Count("memberships", filter=_accepted_this_year(on))


def _with_skill(peers: QuerySet[Peer], skill: str, min_level: int | None) -> QuerySet[Peer]:
    """Peers with the skill (at ``min_level`` or above, if given); everyone if no skill."""
    if not skill:
        return peers
    skills = PeerSkill.objects.filter(peer=OuterRef("pk"), skill__slug=skill)
    if min_level:
        skills = skills.filter(level__gte=min_level)
    return peers.filter(Exists(skills))


def _accreditation_expiring(peers: QuerySet[Peer], on: datetime.date) -> QuerySet[Peer]:
    """Peers with an accreditation that expires within the warning period from ``on``."""
    soon = on + datetime.timedelta(days=settings.PEERWORK_ACCREDITATION_WARNING_DAYS)
    expiring = Accreditation.objects.filter(
        peer=OuterRef("pk"), expires_on__gte=on, expires_on__lte=soon
    )
    return peers.filter(Exists(expiring))


def _by_load(peers: QuerySet[Peer], load: str) -> QuerySet[Peer]:
    """Peers by this year's load: "unused" (none), "full" (at capacity), else everyone."""
    if load == "unused":
        return peers.filter(year_engagements=0)
    if load == "full":
        return peers.filter(year_engagements__gte=F("capacity_engagements"))
    return peers


def _accepted_this_year(on: datetime.date) -> Q:
    """A peer's accepted places on engagements in the association's year (April to March)
    of `on`; an engagement falls in the year of the first date that suits the council, or
    of the day it was asked for. An invitation holds no capacity until the peer accepts."""
    start = year_start(on)
    end = datetime.date(start.year + 1, 3, 31)
    return Q(memberships__status="accepted") & (
        Q(memberships__engagement__preferred_from__range=(start, end))
        | Q(
            memberships__engagement__preferred_from__isnull=True,
            memberships__engagement__requested_at__date__range=(start, end),
        )
    )


def load_this_year(peer_ids, *, on: datetime.date) -> dict[int, dict]:
    """Each peer's accepted places and peer days in the April-March year of `on`:
    {peer: {"engagements": n, "days": d}}, leaving out peers with none.

    The one count of a peer's load. The directory shows it (and filters and sorts by the
    same count in `peer_search`); the capacity check on the team pages and team assembly
    compare it with the peer's capacity.
    """
    in_year = _accepted_this_year(on)
    rows = (
        Peer.objects.filter(pk__in=list(peer_ids))
        .order_by()
        .annotate(
            engagements=Count("memberships", filter=in_year),
            days=Sum("memberships__days", filter=in_year),
        )
        .filter(engagements__gt=0)
        .values_list("pk", "engagements", "days")
    )
    return {pk: {"engagements": n, "days": days} for pk, n, days in rows}


def peer_memberships(peer: Peer) -> QuerySet:
    """Every team place a peer was invited to, newest first, with any feedback."""
    return peer.memberships.select_related(
        "engagement__council", "engagement__offer", "feedback"
    ).order_by("-invited_at")


def peer_accreditation_state(peer: Peer, on: datetime.date | None = None) -> str:
    """'current', 'expiring', 'expired' or 'none', from the newest accreditation."""
    on = on or timezone.localdate()
    newest = peer.accreditations.order_by("-completed_on").first()
    if newest is None:
        return "none"
    if newest.expires_on is None or newest.expires_on > on + datetime.timedelta(
        days=settings.PEERWORK_ACCREDITATION_WARNING_DAYS
    ):
        return "current"
    return "expiring" if newest.expires_on >= on else "expired"


def pool_activity() -> dict:
    """How much of the pool is active: the share the annual report quotes."""
    from peerwork.peers.models import PeerStatus

    total = Peer.objects.count()
    active = Peer.objects.filter(status=PeerStatus.ACTIVE).count()
    return {"total": total, "active": active, "share": round(100 * active / total) if total else 0}


def peers_visible_to(user) -> QuerySet[Peer]:
    """The whole pool for the association's staff; for a peer, their own record; none for
    anyone else."""
    if permissions.may_see_pool(user):
        return Peer.objects.all()
    if permissions.is_peer(user):
        return Peer.objects.filter(user=user)
    return Peer.objects.none()


def peers_managed_by(user) -> QuerySet[Peer]:
    """The whole pool, for those who manage it (edits, training, former roles); none for
    anyone else."""
    if not permissions.may_manage_pool(user):
        return Peer.objects.none()
    return Peer.objects.all()


def applications_for(user) -> QuerySet[PeerApplication]:
    """Applications to join the pool, with the applicant's council, for those who decide
    them; none for anyone else."""
    if not permissions.may_manage_pool(user):
        return PeerApplication.objects.none()
    return PeerApplication.objects.select_related("home_council")


def application_search(user, *, status: str = "", q: str = "") -> QuerySet[PeerApplication]:
    """The applications this person decides, newest first: with `status` only those, and
    with `q` only those whose applicant's name or email holds it."""
    applications = applications_for(user)
    if status:
        applications = applications.filter(status=status)
    if q:
        applications = applications.filter(Q(full_name__icontains=q) | Q(email__icontains=q))
    return applications.order_by("-submitted_at", "-pk")


def skill_names() -> dict[str, str]:
    """Each skill's name by its code: the vocabulary is public."""
    return dict(Skill.objects.values_list("slug", "name"))


def peer_has_diversity_data(peer: Peer) -> bool:
    """Whether peerwork keeps diversity answers the peer gave: on their record, or on the
    application they came from."""
    return (
        DiversityRecord.objects.filter(peer=peer).exists()
        or PeerApplication.objects.filter(Q(peer=peer) | Q(email__iexact=peer.email))
        .filter(Q(diversity_consent=True) | ~Q(diversity={}))
        .exists()
    )
