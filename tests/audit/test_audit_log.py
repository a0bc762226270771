"""The audit log: who changed, created, deleted or saw what, and the page that reads it."""

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peerwork.accounts.models import Role, User
from peerwork.councils.models import Party
from peerwork.peers.models import Peer
from tests.accounts.factories import UserFactory
from tests.peers.factories import MemberPeerFactory, PeerFactory

pytestmark = pytest.mark.django_db


def entries_for(model, pk=None, action=None):
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if pk is not None:
        entries = entries.filter(object_pk=str(pk))
    if action is not None:
        entries = entries.filter(action=action)
    return entries.order_by("timestamp", "pk")


def test_every_model_of_peerwork_is_logged_but_the_machinery():
    from auditlog.registry import auditlog

    left_out = {
        "core.workerbeat",
        "core.outgoingemail",
        "impact.keptfigures",
        "impact.figuresgeneration",
        "impact.surveyinvitation",
        "impact.surveyresponse",
        "impact.answer",
    }
    for model in apps.get_models():
        if not model._meta.app_config.name.startswith("peerwork."):
            continue
        assert auditlog.contains(model) == (model._meta.label_lower not in left_out), model


def test_staff_changing_a_peer_is_logged_with_who_and_what(client):
    staff = UserFactory(role=Role.PROGRAMME_STAFF, full_name="Sam Staff")
    client.force_login(staff)
    peer = PeerFactory(full_name="Original Name")
    form = {
        "kind": "officer",
        "full_name": "New Name",
        "email": peer.email,
        "home_council": peer.home_council.pk,
        "home_role": "chief_executive",
        "status": "active",
        "capacity_engagements": "4",
        "capacity_days": "12",
        "version": peer.version,
    }

    assert client.post(reverse("peers:edit", args=[peer.pk]), form).status_code == 302

    entry = entries_for(Peer, peer.pk, LogEntry.Action.UPDATE).last()
    assert entry.actor == staff
    assert entry.changes["full_name"] == ["Original Name", "New Name"]
    assert "version" not in entry.changes


def test_a_role_change_is_logged_readably(client):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    account = UserFactory(role=Role.PROGRAMME_STAFF, full_name="Rita Roles")
    client.force_login(admin)

    response = client.post(
        reverse("accounts:user-edit", args=[account.pk]),
        {
            "full_name": account.full_name,
            "roles": [Role.PROGRAMME_STAFF, Role.BOARD_MEMBER],
            "is_active": "on",
            "version": account.version,
        },
    )

    assert response.status_code == 302
    entry = entries_for(User, account.pk, LogEntry.Action.UPDATE).filter(actor=admin)
    entry = entry.filter(changes__has_key="roles")
    assert entry.get().changes["roles"] == ["Programme staff", "Programme staff, Board member"]


def test_passwords_are_logged_as_changed_never_with_their_value():
    account = UserFactory(role=Role.PEER)
    account.set_password("a new secret password")
    account.save()

    entry = entries_for(User, account.pk, LogEntry.Action.UPDATE).last()
    old, new = entry.changes["password"]
    assert old == new == "••••••"
    assert "secret" not in str(LogEntry.objects.filter(object_pk=str(account.pk)).values())


def test_an_export_with_special_category_columns_logs_an_access(client):
    manager = UserFactory(role=Role.PROGRAMME_STAFF)
    peers = [
        MemberPeerFactory(party=Party.objects.get(short_name="Lab")),
        PeerFactory(),
    ]
    client.force_login(manager)

    client.get(reverse("peers:export-csv")).getvalue()

    entry = entries_for(Peer, action=LogEntry.Action.ACCESS).get()
    assert entry.actor == manager
    assert entry.additional_data["shown_in"] == "peer export (csv)"
    assert {"party", "gender", "disability", "ethnicity"} <= set(entry.additional_data["columns"])
    assert sorted(entry.additional_data["records"]) == sorted(p.pk for p in peers)


def test_the_directory_logs_an_access_only_when_it_shows_the_party(client):
    PeerFactory()
    client.force_login(UserFactory(role=Role.PRINCIPAL_ADVISER))
    client.get(reverse("peers:list"))
    assert not entries_for(Peer, action=LogEntry.Action.ACCESS).exists()

    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    client.get(reverse("peers:list"))
    assert entries_for(Peer, action=LogEntry.Action.ACCESS).get().additional_data["columns"] == [
        "party"
    ]


def test_a_bulk_update_through_the_helper_is_logged():
    from peerwork.core import audit

    peer = PeerFactory(capacity_days=3)
    audit.audited_update(Peer.objects.filter(pk=peer.pk), capacity_days=9)
    audit.audited_update(Peer.objects.filter(pk=peer.pk), capacity_days=9)  # no change

    entries = entries_for(Peer, peer.pk, LogEntry.Action.UPDATE)
    assert [e.changes for e in entries] == [{"capacity_days": ["3", "9"]}]


def test_a_command_acts_as_the_system_and_says_which():
    from peerwork.core import audit

    with audit.running("command: retention"):
        peer = PeerFactory()

    entry = entries_for(Peer, peer.pk, LogEntry.Action.CREATE).get()
    assert entry.actor is None
    assert entry.additional_data == {"run_by": "command: retention"}


def test_the_log_page_finds_an_entry_by_person_and_by_record_type(client):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    changer = UserFactory(role=Role.PROGRAMME_STAFF, full_name="Cora Changer")
    other = UserFactory(role=Role.PROGRAMME_STAFF, full_name="Otto Other")
    from auditlog.context import set_actor

    with set_actor(changer):
        PeerFactory(full_name="Petra Peerless")
    with set_actor(other):
        UserFactory(role=Role.BOARD_MEMBER, full_name="Bea Board")
    client.force_login(admin)
    url = reverse("audit:log")

    by_person = client.get(url, {"q": "cora"}).content.decode()
    by_type = client.get(url, {"record_type": "peers.peer"}).content.decode()

    assert "Petra Peerless" in by_person and "Bea Board" not in by_person
    assert "Petra Peerless" in by_type and "Bea Board" not in by_type
    assert "Cora Changer" in by_type


def test_the_log_page_filters_by_action_record_id_and_dates(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    peer = PeerFactory(full_name="Dora Dated")
    url = reverse("audit:log")

    found = client.get(url, {"record_type": "peers.peer", "record_id": str(peer.pk), "action": "0"})
    past = client.get(url, {"until-day": "1", "until-month": "1", "until-year": "2000"})
    backwards = client.get(
        url,
        {
            "since-day": "2",
            "since-month": "1",
            "since-year": "2020",
            "until-day": "1",
            "until-month": "1",
            "until-year": "2020",
        },
    )

    assert "Dora Dated" in found.content.decode()
    assert "Dora Dated" not in past.content.decode()
    assert "The last day must be the same as or after the first day" in backwards.content.decode()


@pytest.mark.parametrize(
    "query",
    [{"action": "7"}, {"record_type": "nope.nope"}, {"record_id": "x" * 500}, {"page": "99999"}],
)
def test_odd_filters_are_a_message_not_an_error(client, query):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    assert client.get(reverse("audit:log"), query).status_code == 200


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_only_administrators_may_read_the_log(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("audit:log")).status_code == 403


def test_administrators_find_the_log_in_the_navigation(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    assert reverse("audit:log") in client.get(reverse("home:home")).content.decode()


def test_the_log_page_runs_as_many_queries_for_many_entries_as_for_a_few(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    url = reverse("audit:log")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    PeerFactory()
    few = queries()
    for _n in range(30):
        with __import__("auditlog.context").context.set_actor(UserFactory()):
            PeerFactory()
    assert queries() == few
