"""The retention periods the privacy notice states, applied by `peerwork retention`.

Each step finds only what is still to do (so running it twice changes nothing the
second time) and runs in its own transaction. `dry_run` counts without changing.
The periods are settings (`PEERWORK_RETENTION_*`), their defaults the notice's words.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session as SignInSession
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from peerwork.core.models import OutgoingEmail
from peerwork.engagements.models import (
    FINISHED,
    Document,
    Engagement,
    Note,
    PeerFeedback,
    ShortlistEntry,
)
from peerwork.impact.models import SurveyContact, SurveyInvitation, SurveyResponse
from peerwork.peers.models import ApplicationStatus, PeerApplication


def _months_before(now, months: int):
    """The same moment `months` calendar months earlier (the 31st becomes the month's last day)."""
    month = now.year * 12 + now.month - 1 - months
    year, month = divmod(month, 12)
    month += 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return now.replace(year=year, month=month, day=min(now.day, last))


@dataclass
class Step:
    name: str
    describe: str
    find: Callable  # now -> queryset of what is still to do
    apply: Callable  # queryset -> None


def _old_engagements(now):
    cutoff = _months_before(now, 12 * settings.PEERWORK_RETENTION_ENGAGEMENT_YEARS)
    return (
        Engagement.objects.filter(status__in=FINISHED)
        .exclude(contact_email="")
        .annotate(closed_at=Max("history__at"))
        .filter(closed_at__lt=cutoff)
    )


def _clear_engagements(engagements):
    ids = list(engagements.values_list("pk", flat=True))
    Note.objects.filter(engagement_id__in=ids).delete()
    ShortlistEntry.objects.filter(engagement_id__in=ids).delete()
    PeerFeedback.objects.filter(member__engagement_id__in=ids).delete()
    SurveyContact.objects.filter(engagement_id__in=ids).delete()
    SurveyResponse.objects.filter(engagement_id__in=ids, invitation__isnull=False).update(
        invitation=None
    )
    SurveyInvitation.objects.filter(engagement_id__in=ids).delete()
    documents = list(Document.objects.filter(engagement_id__in=ids))
    files = [d.file for d in documents]
    Document.objects.filter(pk__in=[d.pk for d in documents]).delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])
    Engagement.objects.filter(pk__in=ids).update(
        contact_name="", contact_email="", scoping_notes=""
    )


def _unused_accounts(now):
    cutoff = _months_before(now, 12 * settings.PEERWORK_RETENTION_UNUSED_ACCOUNT_YEARS)
    return (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .annotate(used_at=Coalesce("last_login", "date_joined"))
        .filter(used_at__lt=cutoff)
    )


def _close_accounts(accounts):
    get_user_model().objects.filter(pk__in=list(accounts.values_list("pk", flat=True))).update(
        is_active=False
    )


def _refused_applications(now):
    cutoff = _months_before(now, settings.PEERWORK_RETENTION_REFUSED_APPLICATION_MONTHS)
    return PeerApplication.objects.filter(
        status=ApplicationStatus.REJECTED, peer__isnull=True
    ).filter(Q(reviewed_at__lt=cutoff) | Q(reviewed_at__isnull=True, submitted_at__lt=cutoff))


def _delete(records):
    records.model.objects.filter(pk__in=list(records.values_list("pk", flat=True))).delete()


def _traceable_answers(now):
    cutoff = _months_before(now, settings.PEERWORK_RETENTION_SURVEY_LINK_MONTHS)
    return SurveyResponse.objects.filter(invitation__isnull=False, submitted_at__lt=cutoff)


def _untrace(responses):
    SurveyResponse.objects.filter(pk__in=list(responses.values_list("pk", flat=True))).update(
        invitation=None
    )


def _email_texts(now):
    cutoff = now - datetime.timedelta(days=settings.PEERWORK_RETENTION_EMAIL_TEXT_DAYS)
    return OutgoingEmail.objects.filter(
        status__in=[OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED],
        created_at__lt=cutoff,
    ).filter(~Q(body="") | ~Q(html="") | ~Q(attachments=[]))


def _clear_email_texts(emails):
    OutgoingEmail.objects.filter(pk__in=list(emails.values_list("pk", flat=True))).update(
        body="", html="", attachments=[]
    )


def _expired_sessions(now):
    return SignInSession.objects.filter(expire_date__lt=now)


STEPS = [
    Step(
        "engagements",
        "closed engagements past the retention period: notes, documents, feedback on "
        "peers, shortlists, survey contacts and invitations deleted, contact details cleared",
        _old_engagements,
        _clear_engagements,
    ),
    Step("accounts", "accounts unused for the period closed", _unused_accounts, _close_accounts),
    Step(
        "applications",
        "applications that were not accepted deleted",
        _refused_applications,
        _delete,
    ),
    Step(
        "survey-links",
        "survey answers no longer linked to who gave them",
        _traceable_answers,
        _untrace,
    ),
    Step(
        "email-texts",
        "the text of kept emails cleared (who, when and the subject kept)",
        _email_texts,
        _clear_email_texts,
    ),
    Step("sessions", "expired sign-in sessions deleted", _expired_sessions, _delete),
]


def apply_retention(*, dry_run: bool = False, now=None) -> list[tuple[Step, int]]:
    """Each step's count: what it did, or (dry_run) what it would do."""
    now = now or timezone.now()
    done = []
    for step in STEPS:
        with transaction.atomic():
            records = step.find(now)
            count = records.count()
            if count and not dry_run:
                step.apply(records)
        done.append((step, count))
    return done
