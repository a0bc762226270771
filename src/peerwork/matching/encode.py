"""Turn engagements and the peer pool into the solver's JSON instance, and back.

The solver (`peerwork.assembly`) knows nothing of Django; this module is the only
bridge. Conflicts come from the peer pool's one selector; availability, bookings
and load from the same records the team pages read. Each open place becomes a slot
of count 1 named "<role> #<place number>", so every proposal maps back to a place.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from peerwork.councils.selectors import council_current_control
from peerwork.engagements.models import Booking, MemberStatus, Part
from peerwork.engagements.team.selectors import LIVE, engagement_date, team_places
from peerwork.offers.models import Format
from peerwork.peers.models import (
    Accreditation,
    CouncilTypeKnown,
    Peer,
    PeerSkill,
    PeerStatus,
    Unavailability,
)
from peerwork.peers.selectors import conflicts_for_peers, load_this_year


@dataclass
class Encoded:
    instance: dict
    # slot role -> (engagement pk, place number), to map answers back to places
    places: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)


def slot_name(place) -> str:
    return f"{place.role} #{place.number}"


def dates(engagement) -> tuple[datetime.date, datetime.date]:
    sessions = [
        (timezone.localtime(s.starts_at).date(), timezone.localtime(s.ends_at).date())
        for s in engagement.sessions.filter(cancelled=False)
    ]
    start = engagement_date(engagement)
    end = engagement.preferred_to or start
    if sessions:
        start = min([start] + [a for a, _b in sessions])
        end = max([end] + [b for _a, b in sessions])
    return start, end


def _party_code(party) -> str:
    return party.short_name.upper() if party else ""


def _engagement_spec(engagement, part, locked, excluded) -> tuple[dict, dict]:
    start, end = dates(engagement)
    control = council_current_control(engagement.council)
    controlling = ""
    if control is not None:
        controlling = _party_code(control.party_in_control) or "NOC"
    slots, places = [], {}
    locked_by_place = {item["place"]: item["peer"] for item in locked}
    fixed = []
    for place in team_places(engagement, part):
        name = slot_name(place)
        places[name] = place.number
        slot = {"role": name, "count": 1}
        if place.peer_kind in ("member", "officer"):
            slot["kind"] = str(place.peer_kind)
        if place.required_skills:
            slot["skills"] = {slug: 1 for slug in place.required_skills}
        if place.accreditation_required:
            slot["accredited"] = True
        slots.append(slot)
        if place.member is not None:
            fixed.append({"role": name, "peer": str(place.member.peer_id)})
        elif place.number in locked_by_place:
            fixed.append({"role": name, "peer": str(locked_by_place[place.number])})
    previous = []
    if part == Part.PROGRESS_REVIEW:
        previous = [
            str(pk)
            for pk in engagement.team.filter(
                part=Part.MAIN, status=MemberStatus.ACCEPTED
            ).values_list("peer_id", flat=True)
        ]
    declined = engagement.team.filter(part=part).exclude(status__in=LIVE)
    spec = {
        "id": str(engagement.pk),
        "council": engagement.council.code,
        "council_type": str(engagement.council.council_type),
        "region": engagement.council.region.name if engagement.council.region else "",
        "controlling_party": controlling,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "on_site": engagement.offer.format != Format.REMOTE,
        "slots": slots,
        "team": {},
        "locked": fixed,
        "excluded": sorted(
            {str(pk) for pk in excluded} | {str(m.peer_id) for m in declined}, key=int
        ),
        "previous_team": previous,
    }
    # The instance leaves out what is unknown rather than sending empty strings.
    spec = {k: v for k, v in spec.items() if v != ""}
    return spec, places


def encode(engagements, *, part: str = Part.MAIN, locked=(), excluded=()) -> Encoded:
    """The instance for these engagements and every active peer who could take part."""
    specs, places = [], {}
    for engagement in engagements:
        spec, by_name = _engagement_spec(engagement, part, list(locked), list(excluded))
        specs.append(spec)
        for name, number in by_name.items():
            places[(spec["id"], name)] = (engagement.pk, number)
    if not specs:
        return Encoded({"engagements": [], "peers": []}, places)
    councils = {e.council_id: e.council.code for e in engagements}
    peers = _pool(specs)
    facts = _peer_facts(peers, specs)
    peer_specs = [_peer_spec(peer, facts, councils) for peer in peers]
    return Encoded({"engagements": specs, "peers": peer_specs}, places)


def _pool(specs) -> list[Peer]:
    """Every active peer, and anyone already on (or locked to) a place though inactive."""
    peers = list(
        Peer.objects.filter(status=PeerStatus.ACTIVE).select_related("home_council", "party")
    )
    for member_id in _fixed_peer_ids(specs):
        if not any(p.pk == member_id for p in peers):
            peers.extend(Peer.objects.filter(pk=member_id).select_related("home_council", "party"))
    return peers


@dataclass
class _PeerFacts:
    """What the instance says of each peer over the engagements' period, by peer pk."""

    conflicts: dict
    skills: dict[int, dict[str, int]]
    types: dict[int, list[str]]
    accredited: set[int]
    away: dict[int, list[list[str]]]
    booked: dict[int, list[list[str]]]
    load: dict


def _peer_facts(peers: list[Peer], specs) -> _PeerFacts:
    period_start = min(datetime.date.fromisoformat(s["start"]) for s in specs)
    period_end = max(datetime.date.fromisoformat(s["end"]) for s in specs)
    ids = [p.pk for p in peers]
    conflicts = conflicts_for_peers(ids, on=period_start)
    skills: dict[int, dict[str, int]] = defaultdict(dict)
    for peer_id, slug, level in PeerSkill.objects.filter(peer_id__in=ids).values_list(
        "peer_id", "skill__slug", "level"
    ):
        skills[peer_id][slug] = level
    types: dict[int, list[str]] = defaultdict(list)
    for peer_id, council_type in CouncilTypeKnown.objects.filter(peer_id__in=ids).values_list(
        "peer_id", "council_type"
    ):
        types[peer_id].append(str(council_type))
    accredited = set(
        Accreditation.objects.filter(peer_id__in=ids, completed_on__lte=period_start)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=period_end))
        .values_list("peer_id", flat=True)
    )
    away: dict[int, list[list[str]]] = defaultdict(list)
    for peer_id, starts, ends in Unavailability.objects.filter(
        peer_id__in=ids, starts_on__lte=period_end, ends_on__gte=period_start
    ).values_list("peer_id", "starts_on", "ends_on"):
        away[peer_id].append([starts.isoformat(), ends.isoformat()])
    engagement_ids = [int(s["id"]) for s in specs]
    booked = _bookings_elsewhere(ids, engagement_ids, period_start, period_end)
    load = load_this_year(ids, on=period_start)
    return _PeerFacts(conflicts, skills, types, accredited, away, booked, load)


def _bookings_elsewhere(ids, engagement_ids, period_start, period_end) -> dict:
    """Each peer's live bookings on other engagements around the period, as date ranges."""
    booked = defaultdict(list)
    for peer_id, starts_at, ends_at in (
        Booking.objects.filter(peer_id__in=ids, live=True)
        .exclude(session__engagement_id__in=engagement_ids)
        .filter(
            ends_at__date__gte=period_start - datetime.timedelta(days=1),
            starts_at__date__lte=period_end + datetime.timedelta(days=1),
        )
        .values_list("peer_id", "starts_at", "ends_at")
    ):
        booked[peer_id].append(
            [
                timezone.localtime(starts_at).date().isoformat(),
                timezone.localtime(ends_at).date().isoformat(),
            ]
        )
    return booked


def _peer_spec(peer: Peer, facts: _PeerFacts, councils: dict[int, str]) -> dict:
    spec = {
        "id": str(peer.pk),
        "kind": str(peer.kind),
        "home_council": peer.home_council.code if peer.home_council else "",
        "avoid_councils": sorted(
            councils[c] for c in facts.conflicts.get(peer.pk, {}) if c in councils
        ),
        "skills": facts.skills.get(peer.pk, {}),
        "council_types": facts.types.get(peer.pk, []),
        "accredited": peer.pk in facts.accredited,
        "capacity": peer.capacity_engagements,
        "load": facts.load.get(peer.pk, {}).get("engagements", 0),
        "unavailable": facts.away.get(peer.pk, []),
        "booked": facts.booked.get(peer.pk, []),
    }
    if peer.kind == "member" and peer.party_id:
        spec["party"] = _party_code(peer.party)
    # The instance leaves out what is unknown rather than sending empty strings.
    return {k: v for k, v in spec.items() if v != ""}


def _fixed_peer_ids(specs) -> set[int]:
    return {int(item["peer"]) for spec in specs for item in spec["locked"]}
