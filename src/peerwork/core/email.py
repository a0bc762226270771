"""Sending email: written down with the change it tells of, sent by a worker.

Every email peerwork sends goes through `email_after_commit`. It renders the message
now, in the language of the moment, and keeps it as an `OutgoingEmail` in the current
transaction, with a task to send it (`peerwork.core.tasks.enqueue`). So nobody is
told of a change that was then rolled back, a person never waits for the mail server
or sees an error because it is down, and no email is lost: a failed send is tried
again with growing pauses (`RETRY_MINUTES`), and one that still fails is kept, marked
as failed, with the error, where `peerwork send-email --retry-failed` can try again.
"""

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from peerwork.core.models import OutgoingEmail
from peerwork.core.tasks import enqueue

logger = logging.getLogger(__name__)

# Minutes to wait after each failed try; after the last, the email is marked failed.
RETRY_MINUTES = (1, 5, 15, 60, 180, 360)
# How long a worker holds an email while it sends it; after that another may try.
LEASE = datetime.timedelta(minutes=5)


def email_after_commit(
    template_prefix: str,
    recipients: Iterable[str | None],
    context: dict,
    *,
    attachments: Iterable[tuple[str, str, str]] = (),
) -> OutgoingEmail | None:
    """Email `template_prefix` to `recipients` once the current transaction commits.

    The subject is `<prefix>_subject.txt`, the text `<prefix>.txt`, and `<prefix>.html`
    an HTML version if there is one; all are rendered now, in the language of the moment,
    with the organisation's name added to `context`. Empty and repeated addresses are
    dropped, and nothing is sent if none are left. `attachments` are (name, content,
    mimetype) triples of text.
    """
    recipients = sorted(set(filter(None, recipients)))
    if not recipients:
        return None
    context = {"organisation_name": settings.PEERWORK_ORGANISATION_NAME, **context}
    try:
        html = get_template(f"{template_prefix}.html").render(context)
    except TemplateDoesNotExist:
        html = ""
    return queue_email(
        recipients=recipients,
        subject=render_to_string(f"{template_prefix}_subject.txt", context).strip(),
        body=render_to_string(f"{template_prefix}.txt", context),
        html=html,
        attachments=attachments,
    )


def queue_email(
    *, recipients, subject: str, body: str, html: str = "", attachments=()
) -> OutgoingEmail:
    """Keep an email already written and queue the task that sends it."""
    email = OutgoingEmail.objects.create(
        recipients=list(recipients),
        subject=" ".join(subject.split()),
        body=body,
        html=html,
        attachments=[list(a) for a in attachments],
    )
    _queue(email.pk)
    return email


def _queue(pk: int, *, run_after=None) -> None:
    result = enqueue(deliver_email, pk, run_after=run_after)
    if result is not None:
        OutgoingEmail.objects.filter(pk=pk).update(task_id=result.id)


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(email.subject, email.body, None, email.recipients)
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for name, content, mimetype in email.attachments:
        message.attach(name, content, mimetype)
    return message


def _claim(pk: int) -> bool:
    """Take the email for this worker, if it is waiting and due; False if another
    worker holds it, or it has gone."""
    now = timezone.now()
    return bool(
        OutgoingEmail.objects.filter(
            pk=pk, status=OutgoingEmail.Status.WAITING, next_attempt_at__lte=now
        ).update(next_attempt_at=now + LEASE)
    )


@task()
def deliver_email(pk: int) -> str:
    """Send one kept email; on failure, keep it and queue the next try."""
    if not _claim(pk):
        return "not due"
    email = OutgoingEmail.objects.get(pk=pk)
    try:
        _message(email).send()
    except Exception as error:  # noqa: BLE001 - any failure to send is kept and retried
        return _failed(email, error)
    OutgoingEmail.objects.filter(pk=pk).update(
        status=OutgoingEmail.Status.SENT,
        sent_at=timezone.now(),
        attempts=email.attempts + 1,
        last_error="",
    )
    return "sent"


def _failed(email: OutgoingEmail, error: Exception) -> str:
    attempts = email.attempts + 1
    description = f"{type(error).__name__}: {error}"[:2000]
    with transaction.atomic():
        if attempts > len(RETRY_MINUTES):
            logger.error("Email %s could not be sent after %s tries: %s", email.pk, attempts, error)
            OutgoingEmail.objects.filter(pk=email.pk).update(
                status=OutgoingEmail.Status.FAILED, attempts=attempts, last_error=description
            )
            return "failed"
        due = timezone.now() + datetime.timedelta(minutes=RETRY_MINUTES[attempts - 1])
        logger.warning(
            "Email %s not sent (try %s), trying again at %s: %s", email.pk, attempts, due, error
        )
        OutgoingEmail.objects.filter(pk=email.pk).update(
            attempts=attempts, last_error=description, next_attempt_at=due
        )
        _queue(email.pk, run_after=due)
    return "retrying"


def requeue(emails) -> int:
    """Queue a new try for each of `emails` (waiting or failed) now."""
    count = 0
    for pk in emails.values_list("pk", flat=True):
        with transaction.atomic():
            OutgoingEmail.objects.filter(pk=pk).update(
                status=OutgoingEmail.Status.WAITING, next_attempt_at=timezone.now()
            )
            _queue(pk)
        count += 1
    return count


def lost_emails(stale: datetime.timedelta):
    """Waiting emails whose task is neither waiting nor running: it failed with a worker
    that died (peerwork.core.workers marks those failed first). An email queued through
    a backend that keeps no task rows counts as lost once its try is overdue by `stale`."""
    queued = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).values("id")
    waiting = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.WAITING)
    return waiting.filter(
        Q(task_id__isnull=True, next_attempt_at__lt=timezone.now() - stale)
        | (Q(task_id__isnull=False) & ~Q(task_id__in=queued))
    )
