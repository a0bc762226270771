"""Email after commit: rendered at once, kept with the change, sent by a task once the
change is saved, and tried again when the mail server fails."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from peerwork.core.email import RETRY_MINUTES, deliver_email, email_after_commit, queue_email
from peerwork.core.models import OutgoingEmail

TEMPLATES = {
    "note/hello_subject.txt": "Hello {{ name }}\n",
    "note/hello.txt": "Dear {{ name }}, from {{ organisation_name }}.\n",
    "note/hello.html": "<p>Dear {{ name }}</p>",
    "note/plain_subject.txt": "Plain",
    "note/plain.txt": "Only text.",
}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def templates():
    engine = {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)]},
    }
    with override_settings(TEMPLATES=[engine], PEERWORK_ORGANISATION_NAME="The Association"):
        yield


def test_nothing_is_sent_before_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        email_after_commit("note/hello", ["ada@example.org"], {"name": "Ada"})

    assert len(callbacks) == 1 and mail.outbox == []
    callbacks[0]()
    message = mail.outbox[0]
    assert message.subject == "Hello Ada"
    assert message.body == "Dear Ada, from The Association.\n"
    assert message.alternatives == [("<p>Dear Ada</p>", "text/html")]


def test_empty_and_repeated_addresses_are_dropped(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_after_commit(
            "note/plain", ["lee@example.org", "", None, "ada@example.org", "lee@example.org"], {}
        )

    assert [m.to for m in mail.outbox] == [["ada@example.org", "lee@example.org"]]
    assert mail.outbox[0].alternatives == []


def test_nothing_is_sent_to_nobody(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        email_after_commit("note/plain", ["", None], {})

    assert callbacks == []


def test_attachments_go_with_the_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_after_commit(
            "note/plain",
            ["ada@example.org"],
            {},
            attachments=[("session.ics", "BEGIN:VCALENDAR", "text/calendar")],
        )

    assert mail.outbox[0].attachments == [("session.ics", "BEGIN:VCALENDAR", "text/calendar")]


# Kept, sent by a task, retried: the mail server being down loses nothing.


class MailServerDown(Exception):
    pass


@pytest.fixture
def mail_server_down(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise MailServerDown("connection refused")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)


def test_each_email_is_kept_and_marked_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kept = email_after_commit("note/hello", ["ada@example.org"], {"name": "Ada"})

    kept.refresh_from_db()
    assert kept.status == OutgoingEmail.Status.SENT and kept.attempts == 1
    assert kept.recipients == ["ada@example.org"] and kept.subject == "Hello Ada"
    assert kept.sent_at is not None


def test_an_email_rolled_back_with_its_change_is_never_kept_or_sent():
    with pytest.raises(RuntimeError), transaction.atomic():
        email_after_commit("note/hello", ["ada@example.org"], {"name": "Ada"})
        raise RuntimeError("the change failed")

    assert not OutgoingEmail.objects.exists() and mail.outbox == []


def test_a_failed_send_is_kept_and_tried_again_later(
    django_capture_on_commit_callbacks, mail_server_down
):
    with django_capture_on_commit_callbacks(execute=True):
        kept = email_after_commit("note/hello", ["ada@example.org"], {"name": "Ada"})

    kept.refresh_from_db()
    assert kept.status == OutgoingEmail.Status.WAITING and kept.attempts == 1
    assert "connection refused" in kept.last_error
    wait = kept.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=50) < wait <= datetime.timedelta(minutes=RETRY_MINUTES[0])
    # Not due yet: a task that runs early leaves it alone.
    assert deliver_email.call(kept.pk) == "not due"


def test_an_email_that_keeps_failing_is_marked_failed_and_kept(mail_server_down):
    kept = queue_email(recipients=["ada@example.org"], subject="Hello", body="Dear Ada")
    for _ in range(len(RETRY_MINUTES) + 1):
        OutgoingEmail.objects.filter(pk=kept.pk).update(next_attempt_at=timezone.now())
        outcome = deliver_email.call(kept.pk)

    kept.refresh_from_db()
    assert outcome == "failed" and kept.status == OutgoingEmail.Status.FAILED
    assert kept.attempts == len(RETRY_MINUTES) + 1 and kept.body == "Dear Ada"


def test_retrying_failed_emails_sends_them_once_the_server_is_back(
    django_capture_on_commit_callbacks,
):
    kept = queue_email(recipients=["ada@example.org"], subject="Hello", body="Dear Ada")
    OutgoingEmail.objects.filter(pk=kept.pk).update(status=OutgoingEmail.Status.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-email", "--retry-failed", stdout=io.StringIO())

    kept.refresh_from_db()
    assert kept.status == OutgoingEmail.Status.SENT and len(mail.outbox) == 1


def test_with_the_database_queue_the_task_is_saved_with_the_change(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(RuntimeError), transaction.atomic():
        email_after_commit("note/plain", ["lee@example.org"], {})
        raise RuntimeError("the change failed")
    assert not DBTaskResult.objects.exists()

    kept = email_after_commit("note/plain", ["ada@example.org"], {})

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "peerwork.core.email.deliver_email"
    assert queued.args_kwargs == {"args": [kept.pk], "kwargs": {}}
    assert mail.outbox == []
