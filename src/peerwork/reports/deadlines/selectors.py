"""An engagement's deadlines, worked out from its offer's rules (read only).

The rules live on the offer (weeks to the report, months to the action plan and
the progress review), so they change with the offer, not with this code. Dates
are calendar dates in Europe/London. They count from the end of delivery and are
met by the reports and action plan, so they live here; the engagement page shows
them through `peerwork.engagements.extensions.deadlines`.
"""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.core.periods import add_months
from peerwork.engagements.models import Engagement, ProgressReview, SessionKind
from peerwork.engagements.sessions.selectors import delivery_end, live_sessions
from peerwork.offers.models import ReviewStart, Stage
from peerwork.reports.models import Action, Report

# How close a due date must be before it is "due soon" and reminders start.
DUE_SOON_DAYS = 14


class Owner:
    STAFF = "staff"
    COUNCIL = "council"


class State:
    MET = "met"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    owner: str
    due_on: datetime.date
    met_on: datetime.date | None
    today: datetime.date

    @property
    def is_met(self) -> bool:
        return self.met_on is not None

    @property
    def state(self) -> str:
        if self.is_met:
            return State.MET
        if self.due_on < self.today:
            return State.OVERDUE
        if (self.due_on - self.today).days <= DUE_SOON_DAYS:
            return State.DUE_SOON
        return State.UPCOMING

    @property
    def state_label(self) -> str:
        return {
            State.MET: _("Met"),
            State.OVERDUE: _("Overdue"),
            State.DUE_SOON: _("Due soon"),
            State.UPCOMING: _("Upcoming"),
        }[self.state]

    @property
    def state_colour(self) -> str:
        return {
            State.MET: "green",
            State.OVERDUE: "red",
            State.DUE_SOON: "yellow",
            State.UPCOMING: "grey",
        }[self.state]


def with_deadline_data(engagements: QuerySet[Engagement]) -> QuerySet[Engagement]:
    """Load what deadlines_for reads in a fixed number of queries, however many rows."""
    return engagements.select_related(
        "offer", "council", "manager", "progress_review"
    ).prefetch_related("sessions", "reports")


def _local(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(value) if value else None


def _report(engagement, kind) -> Report | None:
    return next((r for r in engagement.reports.all() if r.kind == kind), None)


def _progress_review(engagement) -> ProgressReview | None:
    try:
        return engagement.progress_review
    except ProgressReview.DoesNotExist:
        return None


def deadlines_for(engagement, today: datetime.date | None = None) -> list[Deadline]:
    """Every deadline the offer's rules give this engagement, soonest rule first."""
    today = today or timezone.localdate()
    end = delivery_end(engagement)
    if end is None:
        return []
    offer, stages = engagement.offer, set(engagement.offer.stages)
    report = _report(engagement, Report.Kind.REPORT)
    action_plan_on = _local(report.action_plan_published_at) if report else None
    found = []

    def add(key, label, owner, due_on, met_on):
        found.append(Deadline(key, label, owner, due_on, met_on, today))

    if offer.report_within_weeks and Stage.REPORT_DRAFTING in stages:
        add(
            "report",
            _("Report to the council"),
            Owner.STAFF,
            end + datetime.timedelta(weeks=offer.report_within_weeks),
            _local(report.sent_for_check_at) if report else None,
        )
    if offer.action_plan_within_months and Stage.ACTION_PLAN_PUBLISHED in stages:
        add(
            "action_plan",
            _("Report and action plan published"),
            Owner.COUNCIL,
            add_months(end, offer.action_plan_within_months),
            action_plan_on,
        )
    if offer.action_plan_latest_months and Stage.ACTION_PLAN_PUBLISHED in stages:
        add(
            "action_plan_latest",
            _("Action plan published at the latest"),
            Owner.COUNCIL,
            add_months(end, offer.action_plan_latest_months),
            action_plan_on,
        )
    if Stage.PROGRESS_REVIEW in stages:
        _add_progress_review(add, engagement, end, action_plan_on, today)

    if engagement.is_finished:
        return [d for d in found if d.is_met]
    return found


def _add_progress_review(add, engagement, end, action_plan_on, today) -> None:
    offer = engagement.offer
    review = _progress_review(engagement)
    if review is not None:
        due_on = review.due_by
    elif offer.progress_review_after_months:
        base = end if offer.progress_review_from == ReviewStart.AFTER_DELIVERY else action_plan_on
        due_on = add_months(base, offer.progress_review_after_months) if base else None
    else:
        due_on = None
    visit_ends = sorted(
        _local(s.ends_at) for s in live_sessions(engagement, {SessionKind.PROGRESS_REVIEW})
    )
    visit_end = visit_ends[-1] if visit_ends else None
    if due_on is not None:
        ended = [day for day in visit_ends if day < today]
        add("progress_review", _("Progress review"), Owner.STAFF, due_on, max(ended, default=None))
    if visit_end and offer.report_within_weeks:
        report = _report(engagement, Report.Kind.PROGRESS_REVIEW)
        published = report is not None and report.is_published
        add(
            "progress_review_report",
            _("Progress review report"),
            Owner.STAFF,
            visit_end + datetime.timedelta(weeks=offer.report_within_weeks),
            (_local(report.published_at) or today) if published else None,
        )


def overdue_actions(engagement, today: datetime.date | None = None) -> QuerySet[Action]:
    """The council's actions past their due date and not done, once the plan is published."""
    return overdue_actions_for([engagement.pk], today)


def overdue_actions_for(engagement_ids, today: datetime.date | None = None) -> QuerySet[Action]:
    today = today or timezone.localdate()
    return (
        Action.objects.filter(
            recommendation__section__report__engagement_id__in=engagement_ids,
            recommendation__section__report__action_plan_published_at__isnull=False,
            due_on__lt=today,
        )
        .exclude(status=Action.Status.DONE)
        .select_related("recommendation__section__report")
        .order_by("due_on", "pk")
    )
