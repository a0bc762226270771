"""Planning the demo's engagements one by one, then writing them all at once."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from peerwork.accounts.models import User
from peerwork.core.periods import year_start
from peerwork.councils.models import Council, Nation
from peerwork.demo.history import texts
from peerwork.demo.history.availability import Job, Pool
from peerwork.demo.history.specs import Spec, demo_specs
from peerwork.demo.history.timeline import (
    DAY,
    HOUR,
    ORDER,
    aware,
    draw_gaps,
    leaving,
    local,
    start_for,
)
from peerwork.demo.history.writing import Writing, headings
from peerwork.engagements.models import (
    Booking,
    Engagement,
    Exit,
    MemberStatus,
    MemberStatusChange,
    Part,
    ProgressReview,
    Session,
    SessionKind,
    StatusChange,
    TeamMember,
)
from peerwork.engagements.team.lifecycle import member_move
from peerwork.engagements.team.selectors import template_places
from peerwork.offers.models import Offer, Stage
from peerwork.peers.models import Peer

# Why a place was taken off a team whose engagement ended before it ran its course.
ENDED_EARLY = "The engagement ended early."


class History:
    """Plans the demo's engagements one by one, then writes them all."""

    def __init__(self, *, today: datetime.date, now: datetime.datetime, seed: int):
        self.rng = random.Random(seed)
        self.today, self.now = today, now
        self.earliest = aware(year_start(today).replace(year=year_start(today).year - 3), 9)
        self.staff = User.objects.get(email="staff@peerwork.test")
        self.contact = User.objects.filter(email="council@peerwork.test").first()
        demo_peer = Peer.objects.filter(user__email="peer@peerwork.test").first()
        self.pool = Pool(conflicts_on=local(self.earliest))
        self.demo_peer = self.pool.peers.get(demo_peer.pk) if demo_peer else None
        # Only the demo peer signs in; the others answered their invitations by email.
        self.demo_peer_user = demo_peer.user if demo_peer else None
        councils = Council.objects.current().principal().order_by("code")
        self.councils = list(councils.filter(nation=Nation.ENGLAND)) or list(councils)
        self.by_code = {c.code: c for c in councils}
        self.went_ahead: set[tuple[int, int]] = set()
        self.engagements, self.changes, self.members, self.member_changes = [], [], [], []
        self.sessions, self.bookings, self.reviews = [], [], []
        self.stamps: list[tuple[object, str, datetime.datetime]] = []
        self.writing = Writing(rng=self.rng, today=today, now=now, staff=self.staff)

    def council_for(self, spec: Spec, offer: Offer) -> Council:
        fixed = self.by_code.get(spec.council)
        if fixed is not None:
            return fixed
        # The council contact's council has only its pinned engagements, chosen to show.
        contact_council = self.contact.council_id if self.contact else None
        fresh = [
            c
            for c in self.councils
            if (c.pk, offer.pk) not in self.went_ahead and c.pk != contact_council
        ]
        return self.rng.choice(fresh or self.councils)

    def add(self, spec: Spec, offer: Offer) -> None:
        rng, now = self.rng, self.now
        council = self.council_for(spec, offer)
        reached = spec.exit_from or spec.status
        gaps = draw_gaps(rng)
        start, timeline = start_for(
            offer, gaps, reached, rng, now=now, earliest=self.earliest, leaves=bool(spec.exit_from)
        )
        entry = timeline.entry
        scoped = ORDER.index(reached) >= ORDER.index(Stage.TEAM_FORMING)
        if spec.status not in Exit.values:
            self.went_ahead.add((council.pk, offer.pk))
        is_contact = self.contact is not None and council.pk == self.contact.council_id
        requester = self.contact if is_contact else self.staff
        engagement = self._engagement(spec, offer, council, timeline, scoped, requester)
        self.engagements.append(engagement)
        self.stamps.append((engagement, "requested_at", entry[Stage.REQUESTED]))

        moves = [s for s in ORDER[: ORDER.index(reached) + 1] if s in offer.stages]
        previous = ""
        for stage in moves:
            by = requester if stage == Stage.REQUESTED else self.staff
            if is_contact and stage in (Stage.ACTION_PLAN_PUBLISHED, Stage.PROGRESS_REVIEW):
                by = requester
            reason = ""
            if stage == Stage.PROGRESS_REVIEW and timeline.due_by:
                reason = f"Progress review due by {timeline.due_by:%-d %B %Y}"
            self._change(engagement, previous, stage, by, entry[stage], reason)
            previous = stage
        left_at = None
        if spec.exit_from:
            following = leaving(timeline, reached, offer) or now
            left_at = entry[reached] + (following - entry[reached]) * rng.uniform(0.2, 0.8)
            reason = rng.choice(texts.EXIT_REASONS[spec.status])
            self._change(engagement, previous, spec.status, self.staff, left_at, reason)
        engagement.version = len(moves) + bool(spec.exit_from)

        accepted = []
        if scoped and (places := template_places(offer)):
            accepted = self._team(spec, offer, engagement, timeline, places, reached, left_at)
        if scoped:
            self._book(engagement, timeline, accepted, cancelled=bool(spec.exit_from))
        review_at = None
        if reached in (Stage.PROGRESS_REVIEW, Stage.CLOSED) and timeline.due_by:
            review_at = self._progress_review(engagement, timeline, accepted, reached)
        self.writing.engagement_reports(
            engagement=engagement,
            reached=reached,
            entry=entry,
            review_at=review_at,
            commenter=requester,
        )

    def _change(self, engagement, from_status, to_status, by, at, reason="") -> None:
        change = StatusChange(
            engagement=engagement,
            from_status=from_status,
            to_status=to_status,
            by=by,
            reason=reason,
        )
        self.changes.append(change)
        self.stamps.append((change, "at", at))

    def _engagement(self, spec, offer, council, timeline, scoped, requester) -> Engagement:
        rng = self.rng
        local_focus = ""
        if not offer.themes or rng.random() < 0.3:
            local_focus = rng.choice(texts.LOCAL_FOCUS)
        if offer.slug == "corporate-peer-challenge" or len(offer.themes) <= 2:
            help_with = list(offer.themes)
        else:
            help_with = sorted(
                rng.sample(offer.themes, rng.randint(3, len(offer.themes))),
                key=offer.themes.index,
            )
        template = rng.choice(texts.DESCRIPTIONS.get(offer.slug, [texts.DEFAULT_DESCRIPTION]))
        engagement = Engagement(
            council=council,
            offer=offer,
            status=spec.status,
            help_with=help_with,
            local_focus=local_focus,
            description=template.format(
                name=council.short_name, focus=(local_focus or "our priorities").lower()
            ),
            requested_by=requester,
            contact_name=requester.full_name if requester != self.staff else "Chief executive",
            contact_email=(
                requester.email
                if requester != self.staff
                else f"chief.executive@{council.code.lower()}.example"
            ),
        )
        if scoped:
            # Scoping agreed the dates: the team search and the load count read them.
            engagement.preferred_from, engagement.preferred_to = timeline.first, timeline.last
            engagement.scoping_notes = texts.SCOPING_NOTES.format(
                day=f"{local(timeline.entry[Stage.SCOPING]):%-d %B %Y}",
                themes=", ".join(headings(engagement)).lower(),
            )
        elif rng.random() < 0.7:
            # The council's own idea of when would suit.
            engagement.preferred_from = timeline.first - rng.randint(0, 30) * DAY
            engagement.preferred_to = timeline.last + rng.randint(30, 90) * DAY
        if spec.status not in (Stage.REQUESTED, Exit.DECLINED):
            engagement.manager = self.staff
        return engagement

    def _member(self, engagement, place, peer, invited, **extra):
        """An invitation, as `engagements.team.services.member_invite` makes it."""
        member = TeamMember(
            engagement=engagement,
            place=place.number,
            role=place.role,
            peer_id=peer.pk,
            days=extra.pop("days", engagement.offer.length_days),
            invited_by=self.staff,
            **extra,
        )
        self.members.append(member)
        self.stamps.append((member, "invited_at", invited))
        self.member_changes.append(
            MemberStatusChange(member=member, to_status=member.status, by=self.staff, at=invited)
        )
        return member

    def _answer(self, member, answer, at, reason="") -> None:
        """The peer's answer, through the team place's transition table."""
        by = None
        if self.demo_peer is not None and member.peer_id == self.demo_peer.pk:
            by = self.demo_peer_user
        self._move(member, answer, at, by=by, reason=reason)

    def _move(self, member, to_status, at, *, by, reason="") -> None:
        self.member_changes.append(
            member_move(member, to_status, by=by, reason=reason, at=at, commit=False)
        )

    def _team(self, spec, offer, engagement, timeline, places, reached, left_at):
        """Fill the places as staff would have by now; a declined place is filled again.
        Returns the members who accepted (taken off the team again if it ended early)."""
        forming = reached == Stage.TEAM_FORMING
        opened = timeline.entry[Stage.TEAM_FORMING]
        # Answers come in while the team forms: until it is confirmed, or until now.
        closes = self.now if forming and not spec.exit_from else left_at
        if not forming:
            closes = timeline.entry.get(Stage.TEAM_CONFIRMED, left_at or self.now)
        job = Job(
            council_id=engagement.council.pk,
            first=timeline.first,
            last=timeline.last,
            days=timeline.days,
            year=year_start(timeline.first),
            length=Decimal(offer.length_days),
        )
        holds = not spec.exit_from
        accepted = []
        demo = self.demo_peer if spec.demo_peer else None
        for place in places:
            plan = self._plan() if forming else MemberStatus.ACCEPTED
            chosen = None
            if demo is not None and self.pool.fits(demo, place, job):
                chosen, demo, plan = demo, None, spec.demo_peer
            elif not plan:
                continue
            invited = self._invite(engagement, place, job, chosen, plan, (opened, closes))
            if invited is None:
                continue
            member, chosen = invited
            if plan == MemberStatus.ACCEPTED:
                accepted.append(member)
            if not holds:
                self._move(
                    member, MemberStatus.WITHDRAWN, left_at, by=self.staff, reason=ENDED_EARLY
                )
            job.team.add(chosen.pk)
            if holds:
                # An invitation holds the days too, so accepting it later cannot clash.
                chosen.take(job.year, job.length, job.days)
        return accepted

    def _plan(self) -> str:
        """How far a place of a forming team has got: accepted, invited, or not yet asked."""
        return self.rng.choices(["accepted", "invited", ""], [55, 30, 15])[0]

    def _invite(self, engagement, place, job, chosen, plan, window):
        """Invite ``chosen`` (or a peer picked now) to the place within ``window`` (opened,
        closes), after someone who declined it first now and then; accept if the plan says.
        Returns the member and their pool peer, or None if nobody fits."""
        rng = self.rng
        opened, closes = window
        span = closes - opened
        invited = opened + span * rng.uniform(0.02, 0.3)
        if chosen is None and rng.random() < 0.15:
            invited = self._declined(engagement, place, job, invited, span)
        chosen = chosen or self.pool.pick(rng, place, job)
        if chosen is None:
            return None
        responded = None
        if plan == MemberStatus.ACCEPTED:
            responded = min(invited + span * rng.uniform(0.05, 0.3), closes - HOUR)
        invited = min(invited, (responded or closes) - HOUR)
        member = self._member(engagement, place, chosen, invited)
        if plan == MemberStatus.ACCEPTED:
            self._answer(member, MemberStatus.ACCEPTED, responded)
        return member, chosen

    def _declined(self, engagement, place, job, invited, span):
        """A peer invited at ``invited`` who declined; returns when the next one is invited."""
        rng = self.rng
        declined = self.pool.pick(rng, place, job)
        if declined is None:
            return invited
        answered = invited + span * rng.uniform(0.05, 0.2)
        refused = self._member(engagement, place, declined, invited)
        reason = rng.choice(texts.DECLINE_REASONS)
        self._answer(refused, MemberStatus.DECLINED, answered, reason)
        return answered + HOUR * rng.randint(2, 30)

    def _book(self, engagement, timeline, accepted, *, cancelled: bool) -> None:
        for kind, starts, ends in timeline.sessions:
            session = self._session(engagement, kind, starts, ends, cancelled=cancelled)
            for member in accepted:
                self.bookings.append(
                    Booking(
                        peer_id=member.peer_id,
                        session=session,
                        starts_at=starts,
                        ends_at=ends,
                        live=not cancelled,
                    )
                )

    def _session(self, engagement, kind, starts, ends, *, cancelled=False) -> Session:
        council = engagement.council
        session = Session(
            engagement=engagement,
            kind=kind,
            starts_at=starts,
            ends_at=ends,
            cancelled=cancelled,
            sequence=1 if cancelled else 0,
        )
        if kind == SessionKind.REMOTE_PANEL:
            session.video_link = f"https://video.peerwork.example/{council.code.lower()}-{kind}"
        else:
            session.venue = f"{council.official_name}, council offices"
        self.sessions.append(session)
        return session

    def _progress_review(self, engagement, timeline, accepted, reached):
        """The review the action plan starts: the original team asked back; a closed
        engagement's visit took place and its report is published."""
        rng, now = self.rng, self.now
        created = timeline.entry[Stage.PROGRESS_REVIEW]
        review = ProgressReview(engagement=engagement, due_by=timeline.due_by)
        self.reviews.append(review)
        self.stamps.append((review, "created_at", created))
        visit = timeline.visit
        closed = reached == Stage.CLOSED
        booked_soon = closed or (aware(visit, 9) - now) < 60 * DAY
        year = year_start(engagement.preferred_from)
        places = {p.number: p for p in template_places(engagement.offer)}
        coming = []
        for member in accepted:
            peer = self.pool.peers[member.peer_id]
            free = (
                not peer.away_between(visit, visit)
                and visit not in peer.booked
                and peer.has_room(year, Decimal(1))
            )
            answered = min(created + rng.randint(2, 20) * DAY, now - HOUR)
            if not free:
                status, reason = MemberStatus.DECLINED, "Not free on the review date, sorry."
            elif closed or (booked_soon and rng.random() < 0.8) or rng.random() < 0.4:
                status, reason = MemberStatus.ACCEPTED, ""
            else:
                status, reason, answered = MemberStatus.INVITED, "", None
            invitation = self._member(
                engagement,
                places[member.place],
                peer,
                created,
                part=Part.PROGRESS_REVIEW,
                days=Decimal(1),
            )
            if status != MemberStatus.INVITED:
                self._answer(invitation, status, answered, reason)
            if status != MemberStatus.DECLINED:
                peer.take(year, Decimal(1), {visit})
            if status == MemberStatus.ACCEPTED:
                coming.append(peer.pk)
        if booked_soon:
            starts, ends = aware(visit, 9, 30), aware(visit, 16, 30)
            session = self._session(engagement, SessionKind.PROGRESS_REVIEW, starts, ends)
            self.bookings += [
                Booking(peer_id=pk, session=session, starts_at=starts, ends_at=ends, live=True)
                for pk in coming
            ]
        return timeline.review_report if closed else None

    def save(self) -> None:
        Engagement.objects.bulk_create(self.engagements)
        StatusChange.objects.bulk_create(self.changes)
        TeamMember.objects.bulk_create(self.members)
        MemberStatusChange.objects.bulk_create(self.member_changes, batch_size=1000)
        Session.objects.bulk_create(self.sessions)
        Booking.objects.bulk_create(self.bookings)
        ProgressReview.objects.bulk_create(self.reviews)
        self.writing.save()
        # auto_now_add fields took the time of the write; give them the planned times.
        for obj, name, value in self.stamps:
            setattr(obj, name, value)
        Engagement.objects.bulk_update(self.engagements, ["requested_at"], batch_size=500)
        StatusChange.objects.bulk_update(self.changes, ["at"], batch_size=500)
        TeamMember.objects.bulk_update(self.members, ["invited_at"], batch_size=500)
        ProgressReview.objects.bulk_update(self.reviews, ["created_at"], batch_size=500)


def demo_history_load(*, today: datetime.date | None = None, seed: int = 2023) -> int:
    """Make the demo's engagements; the caller holds the transaction."""
    if today is None:
        today, now = timezone.localdate(), timezone.now()
    else:
        now = aware(today, 18)
    history = History(today=today, now=now, seed=seed)
    offers = list(Offer.objects.filter(is_active=True).prefetch_related("team_places"))
    by_slug = {o.slug: o for o in offers}
    for spec in demo_specs(offers):
        history.add(spec, by_slug[spec.offer])
    history.save()
    return len(history.engagements)
