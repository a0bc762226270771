"""On PostgreSQL the audit log refuses UPDATE and DELETE (migration audit.0001)."""

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import DatabaseError, transaction

from peerwork.accounts.models import Role
from tests.accounts.factories import UserFactory
from tests.peers.factories import PeerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def test_an_entry_cannot_be_changed_or_deleted():
    PeerFactory()
    entry = LogEntry.objects.latest("pk")

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(object_repr="nothing happened")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).delete()

    entry.refresh_from_db()
    assert entry.object_repr != "nothing happened"


def test_deleting_an_account_keeps_its_entries_with_the_email():
    actor = UserFactory(role=Role.PROGRAMME_STAFF, email="gone@example.org")
    with set_actor(actor):
        peer = PeerFactory()
    entry = LogEntry.objects.get(
        content_type__model="peer", object_pk=str(peer.pk), action=LogEntry.Action.CREATE
    )

    actor.delete()

    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_email == "gone@example.org"
