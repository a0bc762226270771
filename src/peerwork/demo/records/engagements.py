"""Engagements before the demo's history: delivered from 2019/20 to 2022/23, all closed.

They are planned with the history's own machinery (`peerwork.demo.history`): the same
timelines, team rules, status walks, bookings, progress reviews and reports. Three
things differ:

- the pool is every peer, not only today's active ones: a peer paused or retired now
  may well have been on teams years ago;
- it starts from the bookings and yearly loads already written, so these years fit
  around the history (a 2022/23 progress review visits in 2023/24);
- in a year with a number of peers used to reach (2019/20), the team search prefers
  peers not yet on a team that year while the number allows, and then only reuses
  them. The year's peer challenges have about 520 places, fewer than the 784 peers
  published, so progress reviews, remote support and mentoring are added until
  exactly that many peers have taken a place.
"""

import datetime
import random
from decimal import Decimal

from peerwork.core.periods import year_start
from peerwork.councils.models import Council, Nation
from peerwork.demo.history.availability import Job, Pool, PoolPeer
from peerwork.demo.history.making import History
from peerwork.demo.history.specs import Spec
from peerwork.demo.history.timeline import DAY, ORDER, draw_gaps, lay_out, local, snap
from peerwork.demo.records.figures import ENGAGEMENT_YEARS, EngagementYear
from peerwork.engagements.models import Booking, MemberStatus, TeamMember
from peerwork.engagements.team.selectors import Place, template_places
from peerwork.offers.models import PEER_CHALLENGES, Format, Offer, Stage
from peerwork.peers.models import Accreditation, Peer

# Conflicts are read as on this day: the look-back then reaches furthest, so they are
# every conflict any of these engagements could have.
FIRST_REQUEST = datetime.date(2018, 9, 1)
# Offers added, in turn, until a year's peers used is reached: none is a peer challenge.
TOP_UP = ("progress-review", "bespoke-remote-peer-support")
TOP_UP_MEMBERS_ONLY = "mentoring"
ATTEMPTS = 60


class PastPool(Pool):
    """Every peer, whatever their status now, with the bookings and load already written.

    The demo peer (the one with a sign-in) is left out: their story starts in 2023."""

    def __init__(self, *, conflicts_on: datetime.date):
        super().__init__(conflicts_on=conflicts_on, peers=Peer.objects.filter(user__isnull=True))
        self._load_what_is_booked(list(self.peers))
        # Per year with a number of peers to reach: the number, who has taken a place,
        # and how many more new peers the search may still take (invitations included).
        self.target: dict[datetime.date, int] = {}
        self.used: dict[datetime.date, set[int]] = {}
        self.budget: dict[datetime.date, int] = {}

    def _load_what_is_booked(self, ids) -> None:
        for peer_id, starts in Booking.objects.filter(live=True, peer_id__in=ids).values_list(
            "peer_id", "starts_at"
        ):
            self.peers[peer_id].booked.add(local(starts))
        # Counted as `engagements.team.load_by_peer` counts them; invitations hold too.
        places = TeamMember.objects.filter(
            peer_id__in=ids, status__in=[MemberStatus.INVITED, MemberStatus.ACCEPTED]
        ).values_list("peer_id", "days", "engagement__preferred_from", "engagement__requested_at")
        for peer_id, days, preferred_from, requested_at in places:
            year = year_start(preferred_from or local(requested_at))
            self.peers[peer_id].take(year, days, set())

    def counting(self, year: datetime.date, target: int) -> None:
        """From now on, prefer peers not yet on a team in `year` until `target` have been."""
        self.target[year] = target
        self.used[year] = set()
        self.budget[year] = target

    def took_places(self, year: datetime.date, peer_ids) -> None:
        if year in self.target:
            self.used[year] |= set(peer_ids)
            self.budget[year] = self.left(year)

    def left(self, year: datetime.date) -> int:
        return self.target[year] - len(self.used[year])

    def _allowed(self, peer: PoolPeer, year: datetime.date) -> str:
        """Whether the peer is "fresh" (on no team yet this year), "used", or "any" peer
        (the year has no number to reach)."""
        if year not in self.target:
            return "any"
        return "used" if peer.pk in self.used[year] else "fresh"

    def pick(self, rng, place: Place, job: Job) -> PoolPeer | None:
        if job.year not in self.target:
            return super().pick(rng, place, job)
        candidates = self.by_kind.get(place.peer_kind, self.everyone)
        offset = rng.randrange(len(candidates))
        fallback = None
        for n in range(len(candidates)):
            peer = candidates[(offset + n) % len(candidates)]
            if not self.fits(peer, place, job):
                continue
            if self._allowed(peer, job.year) == "fresh":
                if self.budget[job.year] > 0:
                    self.budget[job.year] -= 1
                    return peer
            elif self.budget[job.year] <= 0:
                return peer
            elif fallback is None:
                fallback = peer
        return fallback

    def can_fill(self, places: list[Place], job: Job) -> bool:
        """Whether every place could be filled, as `pick` would, without taking anyone."""
        team, budget = set(job.team), self.budget.get(job.year, 0)
        trial = Job(job.council_id, job.first, job.last, job.days, job.year, job.length, team)
        for place in places:
            found = None
            for peer in self.by_kind.get(place.peer_kind, self.everyone):
                allowed = self._allowed(peer, job.year)
                if allowed == "fresh" and budget <= 0:
                    continue
                if self.fits(peer, place, trial):
                    found = peer
                    budget -= allowed == "fresh"
                    break
            if found is None:
                return False
            trial.team.add(found.pk)
        return True


class Past(History):
    """The closed engagements of the years before the demo's history."""

    def __init__(self, *, today, now, seed: int, offers: list[Offer]):
        super().__init__(today=today, now=now, seed=seed)
        # In place of the history's pool of today's active peers.
        self.pool = PastPool(conflicts_on=FIRST_REQUEST)
        self.demo_peer = None
        self.offers = {o.slug: o for o in offers}
        # Every English principal council, those since abolished too, for their own years.
        self.england = list(
            Council.objects.principal().filter(nation=Nation.ENGLAND).order_by("code")
        )
        self.contact_council = self.contact.council_id if self.contact else None
        # When each council last had each offer delivered, to spread them out.
        self.last_had: dict[tuple[int, int], datetime.date] = {}
        self.delivered: dict[int, list] = {}

    def year(self, first_year: int, plan: EngagementYear) -> None:
        """Deliver the year's offers; then, if it has a number of peers used, top up."""
        year = datetime.date(first_year, 4, 1)
        self.delivered[first_year] = []
        challenges = sum(
            count
            for slug, count in plan.offers.items()
            if slug in self.offers and self.offers[slug].counts_as in PEER_CHALLENGES
        )
        if plan.peers_used is not None:
            self.pool.counting(year, plan.peers_used)
        # Big teams first, while the most peers are free.
        ordered = sorted(
            plan.offers.items(), key=lambda item: -len(template_places(self.offers[item[0]]))
        )
        for slug, count in ordered:
            for _n in range(count):
                if not self.deliver_in(first_year, plan, self.offers[slug]):
                    raise RuntimeError(f"{first_year}: no day or team found for {slug}")
        if plan.peers_used is not None:
            self._top_up(first_year, plan)
        delivered = self.delivered[first_year]
        made = sum(1 for e in delivered if e.offer.counts_as in PEER_CHALLENGES)
        if made != challenges:
            raise RuntimeError(f"{first_year}: {made} peer challenges, not {challenges}")

    def _top_up(self, first_year: int, plan: EngagementYear) -> None:
        year = datetime.date(first_year, 4, 1)
        turn, stuck = 0, 0
        while (left := self.pool.left(year)) > 0:
            unused = {p.kind for p in self.pool.everyone if p.pk not in self.pool.used[year]}
            if "officer" in unused and (left >= 2 or "member" not in unused):
                slug = TOP_UP[turn % len(TOP_UP)]
                turn += 1
            else:
                slug = TOP_UP_MEMBERS_ONLY
            if not self.deliver_in(first_year, plan, self.offers[slug]):
                raise RuntimeError(f"{first_year}: no room left for {slug}")
            stuck = stuck + 1 if self.pool.left(year) == left else 0
            if stuck > 20:
                raise RuntimeError(f"{first_year}: cannot reach {plan.peers_used} peers used")

    def deliver_in(self, first_year: int, plan: EngagementYear, offer: Offer) -> bool:
        """Deliver one engagement of the offer in the year, on a day and at a council
        where its whole team can be found."""
        year = datetime.date(first_year, 4, 1)
        first = plan.first
        if offer.format == Format.ON_SITE and plan.on_site_from:
            first = plan.on_site_from
        places = template_places(offer)
        for _attempt in range(ATTEMPTS):
            gaps = draw_gaps(self.rng)
            day = first + self.rng.randint(0, (plan.last - first).days) * DAY
            day = snap(offer, day)
            timeline = lay_out(offer, day, gaps)
            if not (first <= timeline.first and timeline.last <= plan.last):
                continue
            if any(_christmas(d) for d in timeline.days):
                continue
            if timeline.entry[Stage.CLOSED] > self.now - 5 * DAY:
                continue
            council = self._council(offer, timeline.first)
            job = Job(
                council_id=council.pk,
                first=timeline.first,
                last=timeline.last,
                days=timeline.days,
                year=year_start(timeline.first),
                length=Decimal(offer.length_days),
            )
            if job.year != year or not self.pool.can_fill(places, job):
                continue
            accepted = self._deliver(offer, council, timeline, places)
            self.pool.took_places(year, [m.peer_id for m in accepted])
            self.last_had[(council.pk, offer.pk)] = timeline.first
            self.delivered[first_year].append(self.engagements[-1])
            return True
        return False

    def _council(self, offer: Offer, day: datetime.date):
        """One of the councils (then in being) that have waited longest for this offer.
        The council contact's council keeps only the history's engagements, chosen to show."""
        councils = [c for c in self.england if c.is_current(day) and c.pk != self.contact_council]
        self.rng.shuffle(councils)
        never = datetime.date(1900, 1, 1)
        councils.sort(key=lambda c: self.last_had.get((c.pk, offer.pk), never))
        return self.rng.choice(councils[: max(1, len(councils) // 3)])

    def _deliver(self, offer, council, timeline, places) -> list[TeamMember]:
        """As `History.add` makes an engagement that has run its course, on this timeline."""
        entry = timeline.entry
        spec = Spec(offer.slug, Stage.CLOSED, council.code)
        engagement = self._engagement(spec, offer, council, timeline, True, self.staff)
        self.engagements.append(engagement)
        self.stamps.append((engagement, "requested_at", entry[Stage.REQUESTED]))
        moves = [s for s in ORDER if s in offer.stages]
        previous = ""
        for stage in moves:
            reason = ""
            if stage == Stage.PROGRESS_REVIEW and timeline.due_by:
                reason = f"Progress review due by {timeline.due_by:%-d %B %Y}"
            self._change(engagement, previous, stage, self.staff, entry[stage], reason)
            previous = stage
        engagement.version = len(moves)
        accepted = self._team(spec, offer, engagement, timeline, places, Stage.CLOSED, None)
        if len(accepted) != len(places):
            raise RuntimeError(f"{engagement}: a place could not be filled after all")
        self._book(engagement, timeline, accepted, cancelled=False)
        review_at = None
        if timeline.due_by:
            review_at = self._progress_review(engagement, timeline, accepted, Stage.CLOSED)
        self.writing.engagement_reports(
            engagement=engagement,
            reached=Stage.CLOSED,
            entry=entry,
            review_at=review_at,
            commenter=self.staff,
        )
        return accepted


def _christmas(day: datetime.date) -> bool:
    return (day.month, day.day) >= (12, 18) or (day.month, day.day) <= (1, 4)


def older_accreditations(rng) -> int:
    """Accreditation lasts three years and most peers renew it; the pool's files go back
    two cycles (to 2020), so give most of those accredited then one cycle more, or
    nobody could have been on a 2019 corporate peer challenge."""
    earliest = {}
    for accreditation in Accreditation.objects.filter(peer__user__isnull=True).order_by(
        "peer_id", "completed_on"
    ):
        earliest.setdefault(accreditation.peer_id, accreditation)
    older = [
        Accreditation(
            peer_id=first.peer_id,
            name=first.name,
            completed_on=first.completed_on - datetime.timedelta(days=3 * 365),
            expires_on=first.completed_on,
        )
        for first in earliest.values()
        if first.completed_on > FIRST_REQUEST and rng.random() < 0.85
    ]
    Accreditation.objects.bulk_create(older)
    return len(older)


def past_engagements_load(*, today, now, seed: int = 2019) -> list:
    """Plan and write the engagements of the years before the history; the caller holds
    the transaction. Returns them."""
    older_accreditations(random.Random(seed + 1))
    offers = list(Offer.objects.prefetch_related("team_places"))
    past = Past(today=today, now=now, seed=seed, offers=offers)
    for first_year, plan in sorted(ENGAGEMENT_YEARS.items()):
        past.year(first_year, plan)
    past.save()
    return past.engagements
