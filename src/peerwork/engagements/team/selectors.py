"""Filling an engagement's team by hand: places, who is eligible and why others are not.

Eligibility reads the peer pool's one conflicts selector and its one count of a peer's
load this year; team assembly (the matching app) proposes whole teams through the same
rules.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.councils.geography import distance_km
from peerwork.engagements.models import MemberStatus, Part, TeamMember
from peerwork.offers.models import PlaceKind
from peerwork.peers.models import Accreditation, Peer, PeerSkill, PeerStatus, Unavailability
from peerwork.peers.selectors import conflicts_for_peers, load_this_year

LIVE = (MemberStatus.INVITED, MemberStatus.ACCEPTED)
# A name search explains why each peer it finds cannot be chosen: this many at most.
NAME_SEARCH_LIMIT = 500


@dataclass
class Place:
    number: int
    role: str
    peer_kind: str
    required_skills: list[str]
    accreditation_required: bool
    member: TeamMember | None = None
    past: list[TeamMember] = field(default_factory=list)


def template_places(offer) -> list[Place]:
    """The offer's team template, one numbered Place per seat (staff places left out)."""
    places, number = [], 0
    for template in offer.team_places.all():
        if template.peer_kind == PlaceKind.STAFF:
            continue
        for _seat in range(template.count):
            number += 1
            places.append(
                Place(
                    number,
                    template.role,
                    template.peer_kind,
                    list(template.required_skills),
                    template.accreditation_required,
                )
            )
    return places


def team_places(engagement, part: str = Part.MAIN) -> list[Place]:
    """The offer's seats with who fills each for that part (the engagement itself, or
    its progress review)."""
    places = template_places(engagement.offer)
    by_number = {p.number: p for p in places}
    for member in engagement.team.filter(part=part).select_related("peer").order_by("invited_at"):
        place = by_number.get(member.place)
        if place is None:
            continue
        if member.status in LIVE:
            place.member = member
        else:
            place.past.append(member)
    return places


def engagement_date(engagement) -> datetime.date:
    return engagement.preferred_from or timezone.localtime(engagement.requested_at).date()


@dataclass(frozen=True)
class Narrowing:
    """What staff narrowed the list to, beyond the place's own rules: the home council's
    region (a slug), a skill (a slug) and the kind of peer, each "" for any."""

    region: str = ""
    skill: str = ""
    kind: str = ""


# How the eligible peers may be ordered: by name, fewest engagements this year first (to
# share the work), or nearest home council first.
SORTS = ("name", "load", "distance")


def candidates(
    engagement,
    place: Place,
    *,
    name: str = "",
    part: str = Part.MAIN,
    narrowing: Narrowing = Narrowing(),
    sort: str = "name",
) -> tuple[list[Peer], list[tuple]]:
    """Peers who may fill the place, in the order asked for, each with their load this
    year and the distance from their home council to the engagement's; and (when
    searching by name) who may not and why."""
    peers = _searched_peers(place, name, narrowing)
    facts = _facts(engagement, [p.pk for p in peers], part)
    eligible, excluded = [], []
    for peer in peers:
        reasons = _reasons_against(engagement, place, peer, facts)
        if reasons:
            excluded.append((peer, reasons))
        else:
            peer.load = facts.load.get(peer.pk, {"engagements": 0, "days": 0})
            peer.distance_km = distance_km(peer.home_council, engagement.council)
            eligible.append(peer)
    return _sorted(eligible, sort), (excluded if name else [])


def _sorted(peers: list[Peer], sort: str) -> list[Peer]:
    """The peers (already by name) in the order asked for; ties stay by name."""
    if sort == "load":
        return sorted(peers, key=lambda p: (p.load["engagements"], p.load["days"] or 0))
    if sort == "distance":
        far = float("inf")
        return sorted(peers, key=lambda p: far if p.distance_km is None else p.distance_km)
    return peers


def _searched_peers(place: Place, name: str, narrowing: Narrowing) -> list[Peer]:
    """Everyone whose name matches (at most 500, to explain who may not), or else the
    active peers of the place's kind with its skills; either within the narrowing."""
    peers = Peer.objects.select_related("home_council__region").order_by("full_name", "pk")
    if narrowing.region:
        peers = peers.filter(home_council__region__slug=narrowing.region)
    if narrowing.skill:
        peers = peers.filter(skills__skill__slug=narrowing.skill)
    if narrowing.kind:
        peers = peers.filter(kind=narrowing.kind)
    if name:
        return list(peers.filter(full_name__icontains=name)[:NAME_SEARCH_LIMIT])
    peers = peers.filter(status=PeerStatus.ACTIVE)
    if place.peer_kind in ("member", "officer"):
        peers = peers.filter(kind=place.peer_kind)
    for slug in place.required_skills:
        peers = peers.filter(skills__skill__slug=slug)
    return list(peers)


@dataclass
class _Facts:
    """What the rules need to know about the peers, read in one query each."""

    conflicts: dict
    on_team: set[int]
    skills: dict[int, set[str]]
    accredited: set[int]
    away: set[int]
    load: dict


def _facts(engagement, ids: list[int], part: str) -> _Facts:
    on = engagement_date(engagement)
    until = engagement.preferred_to or on
    conflicts = conflicts_for_peers(ids, on=on)
    on_team = set(
        engagement.team.filter(status__in=LIVE, part=part).values_list("peer_id", flat=True)
    )
    skills: dict[int, set[str]] = {}
    for peer_id, slug in PeerSkill.objects.filter(peer_id__in=ids).values_list(
        "peer_id", "skill__slug"
    ):
        skills.setdefault(peer_id, set()).add(slug)
    accredited = set(
        Accreditation.objects.filter(peer_id__in=ids, completed_on__lte=on)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=until))
        .values_list("peer_id", flat=True)
    )
    away = set(
        Unavailability.objects.filter(
            peer_id__in=ids, starts_on__lte=until, ends_on__gte=on
        ).values_list("peer_id", flat=True)
    )
    load = load_this_year(ids, on=on)
    return _Facts(conflicts, on_team, skills, accredited, away, load)


def _reasons_against(engagement, place: Place, peer: Peer, facts: _Facts) -> list[str]:
    """Why the peer may not fill the place; empty if they may."""
    reasons = []
    if peer.status != PeerStatus.ACTIVE:
        reasons.append(_("not active (%(status)s)") % {"status": peer.get_status_display()})
    if place.peer_kind in ("member", "officer") and peer.kind != place.peer_kind:
        reasons.append(
            _("the place needs a %(kind)s") % {"kind": dict(PlaceKind.choices)[place.peer_kind]}
        )
    if peer.pk in facts.on_team:
        reasons.append(_("already on this team"))
    conflict = facts.conflicts.get(peer.pk, {}).get(engagement.council_id)
    if conflict:
        reasons.append(_("conflict with this council: %(reason)s") % {"reason": conflict})
    missing = [s for s in place.required_skills if s not in facts.skills.get(peer.pk, set())]
    if missing:
        reasons.append(_("lacks the skill %(skills)s") % {"skills": ", ".join(missing)})
    if place.accreditation_required and peer.pk not in facts.accredited:
        reasons.append(_("no accreditation valid for these dates"))
    if peer.pk in facts.away:
        reasons.append(_("not available on these dates"))
    used = facts.load.get(peer.pk, {}).get("engagements", 0)
    if used >= peer.capacity_engagements:
        reasons.append(
            _("already at capacity: %(used)s of %(most)s engagements this year")
            % {"used": used, "most": peer.capacity_engagements}
        )
    return reasons


def invitations_for(user) -> QuerySet[TeamMember]:
    """Team places with their engagement and peer, for peers; none for anyone else. Only
    the invited peer may answer one: the view asks, and refuses another peer with 403."""
    if not permissions.is_peer(user):
        return TeamMember.objects.none()
    return TeamMember.objects.select_related("engagement__council", "engagement__offer", "peer")
