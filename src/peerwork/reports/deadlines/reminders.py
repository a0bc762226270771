"""Reminder emails for deadlines that are close or past, each sent exactly once.

`peerwork send-reminders` runs this every hour. A reminder is recorded as a
ReminderSent row in the same transaction as its email is kept for sending
(peerwork.core.email), so a second run (or two runs at once) finds the row and skips
it, and an email that fails to go is tried again by the worker until it does.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from peerwork.accounts import selectors as accounts
from peerwork.core.email import queue_email
from peerwork.engagements.models import FINISHED, Engagement, ReminderSent
from peerwork.reports.deadlines.selectors import (
    Owner,
    State,
    deadlines_for,
    overdue_actions_for,
    with_deadline_data,
)

REMIND_IN = frozenset({State.DUE_SOON, State.OVERDUE})


@dataclass(frozen=True)
class Reminder:
    engagement: Engagement
    deadline: str
    state: str
    due_on: datetime.date
    template: str
    recipients: tuple[str, ...]
    context: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def key(self) -> tuple:
        return (self.engagement.pk, self.deadline, self.state, self.due_on)


@dataclass
class ReminderRun:
    sent: int = 0
    already_sent: int = 0
    nobody_to_tell: int = 0
    reminders: list[Reminder] = field(default_factory=list)


def _staff_emails(engagement, programme_staff: list[str]) -> tuple[str, ...]:
    manager = engagement.manager
    if manager is not None and manager.is_active and manager.email:
        return (manager.email,)
    return tuple(programme_staff)


def reminders_due(*, today: datetime.date) -> Iterator[Reminder]:
    """Every reminder today calls for, whether or not it was sent before."""
    engagements = list(with_deadline_data(Engagement.objects.exclude(status__in=FINISHED)))
    actions_by_engagement: dict[int, list] = {}
    for action in overdue_actions_for([e.pk for e in engagements], today):
        engagement_id = action.recommendation.section.report.engagement_id
        actions_by_engagement.setdefault(engagement_id, []).append(action)
    programme_staff = sorted(accounts.programme_staff().values_list("email", flat=True))
    for engagement in engagements:
        for deadline in deadlines_for(engagement, today):
            if deadline.state not in REMIND_IN:
                continue
            if deadline.owner == Owner.STAFF:
                recipients = _staff_emails(engagement, programme_staff)
            else:
                recipients = (engagement.contact_email,)
            yield Reminder(
                engagement,
                deadline.key,
                deadline.state,
                deadline.due_on,
                "reminder",
                recipients,
                {"deadline": deadline, "overdue": deadline.state == State.OVERDUE},
            )
        for action in actions_by_engagement.get(engagement.pk, []):
            yield Reminder(
                engagement,
                f"action-{action.pk}",
                State.OVERDUE,
                action.due_on,
                "action_overdue",
                (engagement.contact_email,),
                {"action": action},
            )


def _send(reminder: Reminder) -> None:
    context = {
        "engagement": reminder.engagement,
        "organisation_name": settings.PEERWORK_ORGANISATION_NAME,
        "path": reverse("engagements:detail", args=[reminder.engagement.pk]),
        "due_on": reminder.due_on,
        **reminder.context,
    }
    subject = render_to_string(f"engagements/email/{reminder.template}_subject.txt", context)
    body = render_to_string(f"engagements/email/{reminder.template}.txt", context)
    queue_email(recipients=reminder.recipients, subject=subject, body=body)


def reminders_send(*, today: datetime.date | None = None, dry_run: bool = False) -> ReminderRun:
    """Send each due reminder that was never sent; with dry_run, only say what would go."""
    today = today or timezone.localdate()
    run = ReminderRun()
    due = list(reminders_due(today=today))
    recorded = set(
        ReminderSent.objects.filter(engagement_id__in={r.engagement.pk for r in due}).values_list(
            "engagement_id", "deadline", "state", "due_on"
        )
    )
    for reminder in due:
        if reminder.key in recorded:
            run.already_sent += 1
            continue
        if not reminder.recipients:
            run.nobody_to_tell += 1
            continue
        if dry_run:
            run.sent += 1
            run.reminders.append(reminder)
            continue
        with transaction.atomic():
            _row, created = ReminderSent.objects.get_or_create(
                engagement=reminder.engagement,
                deadline=reminder.deadline,
                state=reminder.state,
                due_on=reminder.due_on,
            )
            if not created:  # another run got there first
                run.already_sent += 1
                continue
            _send(reminder)
        run.sent += 1
        run.reminders.append(reminder)
    return run
