"""Who may fill a place on a demo team: the team search's rules, kept in memory.

`engagements.team.candidates` asks the database for every place (about a tenth of a
second each); the demo fills hundreds, so it loads the active pool once and keeps
each peer's booked days and yearly load as it goes.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from peerwork.engagements.team.selectors import Place
from peerwork.offers.models import PlaceKind
from peerwork.peers.models import Accreditation, Peer, PeerSkill, PeerStatus, Unavailability
from peerwork.peers.selectors import conflicts_for_peers


@dataclass
class PoolPeer:
    pk: int
    kind: str
    capacity_engagements: int
    capacity_days: Decimal
    skills: set[str] = field(default_factory=set)
    accredited: list[tuple] = field(default_factory=list)
    away: list[tuple] = field(default_factory=list)
    conflicts: frozenset[int] = frozenset()
    booked: set[datetime.date] = field(default_factory=set)
    load: dict[datetime.date, list] = field(default_factory=dict)

    def accredited_for(self, first, last) -> bool:
        return any(
            done <= first and (ends is None or ends >= last) for done, ends in self.accredited
        )

    def away_between(self, first, last) -> bool:
        return any(starts <= last and ends >= first for starts, ends in self.away)

    def has_room(self, year: datetime.date, days: Decimal) -> bool:
        engagements, used = self.load.get(year, (0, Decimal(0)))
        return engagements < self.capacity_engagements and used + days <= self.capacity_days

    def take(self, year: datetime.date, days: Decimal, on: set[datetime.date]) -> None:
        engagements, used = self.load.get(year, (0, Decimal(0)))
        self.load[year] = [engagements + 1, used + days]
        self.booked |= on


class Pool:
    """The active peers with what decides whether they may fill a place."""

    def __init__(self, *, conflicts_on: datetime.date, peers=None):
        """`peers` (a queryset) is the active peers unless given."""
        rows = peers if peers is not None else Peer.objects.filter(status=PeerStatus.ACTIVE)
        rows = rows.order_by("pk")
        self.peers = {
            pk: PoolPeer(pk, kind, engagements, Decimal(days))
            for pk, kind, engagements, days in rows.values_list(
                "pk", "kind", "capacity_engagements", "capacity_days"
            )
        }
        ids = list(self.peers)
        for peer_id, slug in PeerSkill.objects.filter(peer_id__in=ids).values_list(
            "peer_id", "skill__slug"
        ):
            self.peers[peer_id].skills.add(slug)
        for peer_id, done, ends in Accreditation.objects.filter(peer_id__in=ids).values_list(
            "peer_id", "completed_on", "expires_on"
        ):
            self.peers[peer_id].accredited.append((done, ends))
        for peer_id, starts, ends in Unavailability.objects.filter(peer_id__in=ids).values_list(
            "peer_id", "starts_on", "ends_on"
        ):
            self.peers[peer_id].away.append((starts, ends))
        # Conflicts as on the earliest day: the look-back then reaches furthest, so
        # these are every conflict any later engagement could have.
        for peer_id, councils in conflicts_for_peers(ids, on=conflicts_on).items():
            self.peers[peer_id].conflicts = frozenset(councils)
        self.by_kind = {
            kind: [p for p in self.peers.values() if p.kind == kind]
            for kind in (PlaceKind.MEMBER, PlaceKind.OFFICER)
        }
        self.everyone = list(self.peers.values())

    def fits(self, peer: PoolPeer, place: Place, job: "Job") -> bool:
        return (
            (place.peer_kind not in self.by_kind or peer.kind == place.peer_kind)
            and peer.pk not in job.team
            and job.council_id not in peer.conflicts
            and all(slug in peer.skills for slug in place.required_skills)
            and (not place.accreditation_required or peer.accredited_for(job.first, job.last))
            and not peer.away_between(job.first, job.last)
            and not (peer.booked & job.days)
            and peer.has_room(job.year, job.length)
        )

    def pick(self, rng: random.Random, place: Place, job: "Job") -> PoolPeer | None:
        candidates = self.by_kind.get(place.peer_kind, self.everyone)
        if not candidates:
            return None
        offset = rng.randrange(len(candidates))
        for n in range(len(candidates)):
            peer = candidates[(offset + n) % len(candidates)]
            if self.fits(peer, place, job):
                return peer
        return None


@dataclass
class Job:
    """What a place on one engagement's team asks of a peer."""

    council_id: int
    first: datetime.date
    last: datetime.date
    days: set[datetime.date]
    year: datetime.date
    length: Decimal
    team: set[int] = field(default_factory=set)
