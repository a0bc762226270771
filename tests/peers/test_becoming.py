import pytest
from django.core import mail
from django.urls import reverse

from peerwork.accounts.models import Role, User
from peerwork.councils.models import Party
from peerwork.peers.models import ApplicationStatus, Peer, PeerApplication
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db


def _step(client, step, data):
    return client.post(reverse("peers:apply-step", args=[step]), data)


def _apply(client, *, kind="member", email="mo@example.org", council=None, diversity=None):
    council = council or CouncilFactory()
    _step(client, "kind", {"kind": kind})
    _step(client, "name", {"full_name": "Mo Member", "email": email})
    role = "cabinet_member" if kind == "member" else "chief_executive"
    _step(client, "council", {"home_council": council.pk, "home_role": role})
    if kind == "member":
        _step(client, "party", {"party": Party.objects.get(short_name="LD").pk})
    _step(client, "skills", {"finance": "3", "governance": "2"})
    _step(client, "experience", {"experience": "Cabinet member for finance for six years."})
    return _step(client, "diversity", diversity or {})


def test_a_member_applies_through_every_question_to_the_confirmation(
    client, django_capture_on_commit_callbacks
):
    UserFactory(role=Role.PROGRAMME_STAFF, email="team@example.org")
    response = _apply(client, diversity={"consent": "on", "gender": "woman"})
    assert response["Location"] == reverse("peers:apply-check")

    check = client.get(reverse("peers:apply-check")).content.decode()
    assert "Liberal Democrats" in check
    assert "Finance: 3 – expert, could lead on it" in check
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reverse("peers:apply-check"))

    assert sent["Location"] == reverse("peers:apply-sent")
    assert client.get(sent["Location"]).status_code == 200
    application = PeerApplication.objects.get()
    assert application.skills == {"finance": 3, "governance": 2}
    assert application.diversity == {"gender": "woman"}
    assert sorted(m.to[0] for m in mail.outbox) == ["mo@example.org", "team@example.org"]


def test_officers_skip_the_party_question(client):
    _apply(client, kind="officer")

    assert client.get(reverse("peers:apply-step", args=["party"])).status_code == 302
    check = client.get(reverse("peers:apply-check")).content.decode()
    assert "Party or group" not in check


def test_jumping_ahead_returns_to_the_first_unanswered_question(client):
    _step(client, "kind", {"kind": "officer"})

    response = client.get(reverse("peers:apply-step", args=["experience"]))

    assert response["Location"] == reverse("peers:apply-step", args=["name"])


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("kind", {}, "Choose councillor or officer"),
        ("name", {"full_name": "", "email": "not-an-email"}, "Enter your full name"),
        (
            "name",
            {"full_name": "A", "email": "not-an-email"},
            "Enter an email address in the correct format",
        ),
        ("council", {"home_council": "", "home_role": "chief_executive"}, "Choose your council"),
        ("skills", {}, "Choose a level for at least one skill"),
        ("experience", {"experience": ""}, "Tell us about your experience"),
        ("diversity", {"gender": "man"}, "Tick the box to agree, or leave these questions blank"),
    ],
)
def test_each_question_explains_bad_answers(client, step, data, message):
    _apply(client, kind="officer")

    response = _step(client, step, data)

    content = response.content.decode()
    assert "There is a problem" in content
    assert message in content


def test_a_member_must_give_a_councillors_role(client):
    _step(client, "kind", {"kind": "member"})
    _step(client, "name", {"full_name": "Mo", "email": "mo@example.org"})

    response = _step(
        client, "council", {"home_council": CouncilFactory().pk, "home_role": "chief_executive"}
    )

    assert "Choose a councillor&#39;s role" in response.content.decode()


def test_an_existing_peer_or_applicant_cannot_apply_again(client):
    PeerFactory(email="mo@example.org")
    _step(client, "kind", {"kind": "officer"})

    response = _step(client, "name", {"full_name": "Mo", "email": "MO@example.org"})

    assert "already applied or are already a peer" in response.content.decode()


def _submitted(client):
    _apply(client, diversity={"consent": "on", "ethnicity": "asian"})
    client.post(reverse("peers:apply-check"))
    client.session.flush()
    return PeerApplication.objects.get()


def test_approval_creates_the_peer_and_invites_them(client, django_capture_on_commit_callbacks):
    application = _submitted(client)
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    client.force_login(staff)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("peers:application", args=[application.pk]), {"decision": "approve"})

    peer = Peer.objects.get(email="mo@example.org")
    assert peer.party.short_name == "LD"
    assert sorted(s.skill.slug for s in peer.skills.all()) == ["finance", "governance"]
    assert peer.diversity.ethnicity == "asian"
    assert peer.user.roles == {Role.PEER}
    assert not peer.user.has_usable_password()
    assert mail.outbox[0].to == ["mo@example.org"]
    assert "/invitation/" in mail.outbox[0].body
    application.refresh_from_db()
    assert (application.status, application.reviewed_by) == (ApplicationStatus.APPROVED, staff)


def test_approving_twice_creates_one_peer(client):
    application = _submitted(client)
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    url = reverse("peers:application", args=[application.pk])

    client.post(url, {"decision": "approve"})
    second = client.post(url, {"decision": "approve"})

    assert "already been decided" in second.content.decode()
    assert Peer.objects.count() == 1
    assert User.objects.filter(email="mo@example.org").count() == 1


@pytest.mark.parametrize(
    ("decision", "status", "message"),
    [
        ("reject", ApplicationStatus.REJECTED, "Give the reason"),
        ("more", ApplicationStatus.MORE_INFORMATION, "Write the question"),
    ],
)
def test_rejecting_or_asking_needs_a_note_which_is_emailed(
    client, django_capture_on_commit_callbacks, decision, status, message
):
    application = _submitted(client)
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    url = reverse("peers:application", args=[application.pk])

    refused = client.post(url, {"decision": decision, "note": ""})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": decision, "note": "Which scrutiny roles have you held?"})

    assert message in refused.content.decode()
    application.refresh_from_db()
    assert application.status == status
    assert "Which scrutiny roles have you held?" in mail.outbox[0].body
    assert not Peer.objects.exists()
