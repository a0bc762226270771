"""When a demo engagement's moves, sessions and progress review happen.

Each engagement draws its gaps (days between stages) once, lays its timeline out
against a reference day to measure it, then picks the first session day that has it
in the wanted stage now.
"""

import datetime
import math
import random
from dataclasses import dataclass

from django.utils import timezone

from peerwork.core.periods import add_months
from peerwork.engagements.models import SessionKind
from peerwork.offers.models import Format, Offer, ReviewStart, Stage

ORDER = list(Stage.values)
DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
# A Monday, to lay an offer's timeline out once and measure it.
REFERENCE = datetime.date(2030, 1, 7)


def aware(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def local(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def delivery_days(offer: Offer) -> int:
    return max(1, math.ceil(offer.length_days))


def starts_on(offer: Offer, day: datetime.date) -> bool:
    """On-site and remote days run in one working week; mentoring starts Monday to Thursday."""
    if offer.format == Format.HYBRID:
        return day.weekday() <= 3
    return day.weekday() <= min(3, 5 - delivery_days(offer))


def snap(offer: Offer, day: datetime.date, step: int = -1) -> datetime.date:
    while not starts_on(offer, day):
        day += step * DAY
    return day


def sessions_for(offer: Offer, start: datetime.date) -> list[tuple]:
    """The on-site days or remote sessions, as (kind, starts, ends)."""
    if offer.format == Format.HYBRID:
        # Mentoring: a first meeting in person, then video calls three weeks apart,
        # none over Christmas.
        days = [start + 21 * n * DAY for n in range(4)]
        days = [
            d + 14 * DAY if (d.month, d.day) >= (12, 20) or (d.month, d.day) <= (1, 3) else d
            for d in days
        ]
        return [
            (
                SessionKind.ON_SITE if n == 0 else SessionKind.REMOTE_PANEL,
                aware(day, 10),
                aware(day, 11, 30),
            )
            for n, day in enumerate(days)
        ]
    kind = SessionKind.REMOTE_PANEL if offer.format == Format.REMOTE else SessionKind.ON_SITE
    if offer.length_days < 1:
        return [(kind, aware(start, 10), aware(start, 13))]
    days = delivery_days(offer)
    return [
        (kind, aware(start + n * DAY, 9), aware(start + n * DAY, 17 if n < days - 1 else 16, 30))
        for n in range(days)
    ]


@dataclass
class Timeline:
    """When an engagement entered each stage its offer uses (past or still to come)."""

    entry: dict[str, datetime.datetime]
    sessions: list[tuple]
    due_by: datetime.date | None = None
    visit: datetime.date | None = None
    review_report: datetime.datetime | None = None

    @property
    def first(self) -> datetime.date:
        return local(self.sessions[0][1])

    @property
    def last(self) -> datetime.date:
        return local(self.sessions[-1][2])

    @property
    def days(self) -> set[datetime.date]:
        return {local(starts) for _kind, starts, _ends in self.sessions}


def draw_gaps(rng: random.Random) -> dict[str, int]:
    """Days between one stage and the next, and the like, drawn once per engagement."""
    return {
        Stage.SCOPING: rng.randint(7, 21),
        Stage.TEAM_FORMING: rng.randint(21, 45),
        Stage.TEAM_CONFIRMED: rng.randint(21, 42),
        Stage.PREPARATION: rng.randint(10, 21),
        Stage.DELIVERY: rng.randint(14, 28),
        Stage.REPORT_DRAFTING: rng.randint(1, 5),
        Stage.FACTUAL_ACCURACY_CHECK: rng.choice([21, 24, 26, 28, 28, 33]),
        Stage.PUBLISHED: rng.randint(14, 30),
        Stage.ACTION_PLAN_PUBLISHED: rng.randint(21, 70),
        Stage.CLOSED: rng.randint(10, 60),
        "letter": rng.randint(2, 10),
        "visit": rng.randint(7, 28),
        "review_report": rng.randint(21, 35),
        "clock": rng.randint(0, 479),
    }


def lay_out(offer: Offer, start: datetime.date, gaps: dict) -> Timeline:
    stages = [s for s in ORDER if s in offer.stages]
    sessions = sessions_for(offer, start)
    timeline = Timeline(entry={}, sessions=sessions)
    entry = timeline.entry

    def clock(day: datetime.date, n: int) -> datetime.datetime:
        return aware(day, 9) + datetime.timedelta(minutes=(gaps["clock"] * (n + 3)) % 480)

    # Before the sessions: walk back from the first day.
    before = [s for s in stages if ORDER.index(s) < ORDER.index(Stage.DELIVERY)]
    day = start - gaps[Stage.DELIVERY] * DAY
    for n, stage in enumerate(reversed(before)):
        entry[stage] = clock(day, n)
        day -= gaps.get(stage, 14) * DAY
    entry[Stage.DELIVERY] = aware(start, 8, 30)
    end = timeline.last
    if offer.format == Format.REMOTE:
        # A remote panel's feedback is its letter, sent a few days later.
        entry[Stage.FEEDBACK_GIVEN] = clock(end + gaps["letter"] * DAY, 1)
    else:
        entry[Stage.FEEDBACK_GIVEN] = sessions[-1][2]
    entry[Stage.REPORT_DRAFTING] = clock(end + gaps[Stage.REPORT_DRAFTING] * DAY, 2)
    entry[Stage.FACTUAL_ACCURACY_CHECK] = clock(end + gaps[Stage.FACTUAL_ACCURACY_CHECK] * DAY, 3)
    published = local(entry[Stage.FACTUAL_ACCURACY_CHECK]) + gaps[Stage.PUBLISHED] * DAY
    entry[Stage.PUBLISHED] = clock(published, 4)
    planned = published + gaps[Stage.ACTION_PLAN_PUBLISHED] * DAY
    entry[Stage.ACTION_PLAN_PUBLISHED] = clock(planned, 5)
    entry[Stage.PROGRESS_REVIEW] = entry[Stage.ACTION_PLAN_PUBLISHED] + datetime.timedelta(
        seconds=1
    )
    last = sessions[-1][2]
    for stage in (Stage.FEEDBACK_GIVEN, Stage.ACTION_PLAN_PUBLISHED):
        if stage in stages:
            last = entry[stage]
    if Stage.PROGRESS_REVIEW in stages and offer.progress_review_after_months:
        base = planned if offer.progress_review_from == ReviewStart.AFTER_ACTION_PLAN else end
        timeline.due_by = add_months(base, offer.progress_review_after_months)
        visit = timeline.due_by - gaps["visit"] * DAY
        while visit.weekday() > 4:
            visit -= DAY
        timeline.visit = visit
        timeline.review_report = clock(visit + gaps["review_report"] * DAY, 6)
        last = timeline.review_report
    entry[Stage.CLOSED] = clock(local(last) + gaps[Stage.CLOSED] * DAY, 7)
    for stage in list(entry):
        if stage not in stages:
            del entry[stage]
    return timeline


def leaving(timeline: Timeline, stage: str, offer: Offer) -> datetime.datetime | None:
    """When the engagement would leave `stage`: the next stage, or the review visit."""
    if stage == Stage.PROGRESS_REVIEW and timeline.visit:
        return aware(timeline.visit, 9)
    later = [s for s in ORDER[ORDER.index(stage) + 1 :] if s in offer.stages]
    return timeline.entry[later[0]] if later else None


def start_for(offer, gaps, stage, rng, *, now, earliest, leaves=False):
    """The first session day that puts the engagement in `stage` now (or, with `leaves`,
    that has it leave `stage` early, some time in the past)."""
    probe = lay_out(offer, REFERENCE, gaps)
    zero = aware(REFERENCE, 0)
    entered = probe.entry[stage] - zero
    following = leaving(probe, stage, offer)
    stay = (following - zero - entered) if following else 60 * DAY
    if stage == Stage.CLOSED or leaves:
        # Anywhere from a request in the earliest year to a few days ago.
        latest = (entered + stay) if leaves else entered
        low = local(earliest - (probe.entry[Stage.REQUESTED] - zero))
        high = local(now - 5 * DAY - latest)
        day = low + max(0, (high - low).days) * rng.random() * DAY
        day = snap(offer, day) if snap(offer, day) >= low else snap(offer, day, step=1)
    elif stage == Stage.DELIVERY:
        # Under way now: a start in the last fortnight whose last session is not over.
        today = local(now)
        options = [
            day
            for day in (today - n * DAY for n in range(14))
            if starts_on(offer, day) and local(sessions_for(offer, day)[-1][2]) >= today
        ]
        day = rng.choice(options) if options else snap(offer, today)
    else:
        stay = max(stay, 7 * DAY)
        day = snap(offer, local(now - stay * rng.uniform(0.05, 0.85) - entered))
    for _attempt in range(30):
        timeline = lay_out(offer, day, gaps)
        if timeline.entry[stage] <= now - HOUR:
            return day, timeline
        day = snap(offer, day - DAY)
    return day, timeline
