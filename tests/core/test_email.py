"""Email after commit: rendered at once, sent only once the change is saved."""

import pytest
from django.core import mail
from django.test import override_settings

from peerwork.core.email import email_after_commit

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
