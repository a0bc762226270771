"""The privacy notice made true: a copy of your data, consent withdrawn, erasure by an
administrator, and the retention periods (peerwork.home.privacy)."""

import datetime
import json

import pytest
from django.contrib.sessions.models import Session as SignInSession
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peerwork.accounts import permissions
from peerwork.accounts.models import Role, User
from peerwork.core.models import OutgoingEmail
from peerwork.engagements.models import Booking, Note, StatusChange
from peerwork.home.privacy import retention, selectors, services
from peerwork.impact.annual import kept
from peerwork.impact.annual.figures import annual_report
from peerwork.impact.models import SurveyInvitation, SurveyResponse
from peerwork.peers import services as peer_services
from peerwork.peers.models import DiversityRecord, Peer, PeerApplication
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.engagements.factories import SessionFactory, TeamMemberFactory
from tests.impact.factories import respond
from tests.impact.test_annual import at, delivered
from tests.peers.factories import PeerFactory, PeerSkillFactory

pytestmark = pytest.mark.django_db


def _peer_with_account(**fields):
    user = UserFactory(role=Role.PEER)
    peer = PeerFactory(user=user, email=user.email, **fields)
    return user, peer


def _diversity(peer, **answers):
    answers = {"gender": "woman", "disability": "yes", "ethnicity": "asian", **answers}
    return DiversityRecord.objects.create(peer=peer, consent_given_at=timezone.now(), **answers)


def _email_to(*recipients, body="Hello", days_ago=0, status=OutgoingEmail.Status.SENT):
    return OutgoingEmail.objects.create(
        recipients=list(recipients),
        subject="About your engagement",
        body=body,
        html=f"<p>{body}</p>",
        status=status,
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


# A copy of your data ------------------------------------------------------------------


@pytest.fixture
def two_people():
    """Ann, a peer with records of every kind, and Bob, another peer, with his own."""
    ann, ann_peer = _peer_with_account(full_name="Ann Peer", phone="01632 960001")
    bob, bob_peer = _peer_with_account(full_name="Bob Other", phone="01632 960999")
    for peer in (ann_peer, bob_peer):
        PeerSkillFactory(peer=peer)
        _diversity(peer)
        member = TeamMemberFactory(peer=peer, status="accepted", place=1 if peer == ann_peer else 2)
        session = SessionFactory(engagement=member.engagement)
        Booking.objects.create(
            peer=peer, session=session, starts_at=session.starts_at, ends_at=session.ends_at
        )
        invitation = SurveyInvitation.objects.create(
            engagement=member.engagement,
            audience="peer",
            role="peer",
            name=peer.full_name,
            email=peer.email,
            peer=peer,
        )
        response = respond(member.engagement, "peer", own_development=True)
        response.invitation = invitation
        response.save()
        _email_to(f"{peer.full_name} <{peer.email}>", body=f"Dear {peer.full_name}")
    return ann, bob


def test_the_json_copy_holds_the_person_s_records_and_nobody_else_s(client, two_people):
    ann, bob = two_people
    client.force_login(ann)

    response = client.get(reverse("home:my-data-json"))

    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == ann.email
    assert data["peer"]["full_name"] == "Ann Peer"
    assert data["peer"]["skills"] and data["peer"]["diversity"]["gender"] == "Woman"
    assert len(data["memberships"]) == len(data["bookings"]) == 1
    assert data["survey_invitations"][0]["answers"]
    assert [e["body"] for e in data["emails"]] == ["Dear Ann Peer"]
    text = response.content.decode()
    assert "Bob Other" not in text and bob.email not in text and "960999" not in text


def test_the_page_shows_each_kind_of_record(client, two_people):
    ann, _bob = two_people
    client.force_login(ann)

    page = client.get(reverse("home:my-data")).content.decode()

    for heading in ("Your account", "Your peer record", "Your skills", "Emails peerwork sent you"):
        assert heading in page
    assert "Dear Ann Peer" in page and "Bob Other" not in page


def test_an_address_inside_another_does_not_match():
    user = UserFactory(email="ann@example.org")
    _email_to("joann@example.org")

    assert selectors.personal_data(user)["emails"] == []


def test_gathering_the_copy_takes_the_same_queries_however_many_records(two_people):
    ann, _bob = two_people
    peer = Peer.objects.get(user=ann)

    def count():
        with CaptureQueriesContext(connection) as queries:
            selectors.personal_data(ann)
        return len(queries)

    before = count()
    for place in range(3, 6):
        TeamMemberFactory(peer=peer, status="accepted", place=place)
        _email_to(ann.email)
    assert count() == before


# Withdrawing consent ------------------------------------------------------------------


def test_withdrawing_consent_deletes_the_diversity_data_at_once(client):
    user, peer = _peer_with_account()
    _diversity(peer)
    PeerApplication.objects.create(
        kind="officer",
        full_name=peer.full_name,
        email=peer.email,
        home_role="chief_executive",
        experience="x",
        diversity={"gender": "woman"},
        diversity_consent=True,
        peer=peer,
    )
    client.force_login(user)
    url = reverse("peers:my-diversity-withdraw")

    confirmation = client.get(url).content.decode()
    assert "govuk-warning-text" in confirmation
    response = client.post(url, follow=True)

    assert "diversity information is deleted" in response.content.decode()
    assert not DiversityRecord.objects.filter(peer=peer).exists()
    application = PeerApplication.objects.get(peer=peer)
    assert application.diversity == {} and not application.diversity_consent
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    client.force_login(staff)
    assert "Woman" not in client.get(reverse("peers:detail", args=[peer.pk])).content.decode()


def test_party_is_not_withdrawn_with_diversity_consent():
    from tests.peers.factories import MemberPeerFactory

    user = UserFactory(role=Role.PEER)
    peer = MemberPeerFactory(user=user, email=user.email)
    _diversity(peer)

    peer_services.diversity_consent_withdraw(by=user, peer=peer)

    peer.refresh_from_db()
    assert peer.party is not None


def test_nobody_else_withdraws_a_peer_s_consent():
    _user, peer = _peer_with_account()
    _diversity(peer)
    for other in (UserFactory(role=Role.ADMINISTRATOR), _peer_with_account()[0]):
        with pytest.raises(permissions.Denied):
            peer_services.diversity_consent_withdraw(by=other, peer=peer)
    assert DiversityRecord.objects.filter(peer=peer).exists()


# Erasure ------------------------------------------------------------------------------


@pytest.fixture
def past_year():
    """2019/20: a delivered peer challenge with ten peers who gave diversity answers and
    answered the survey; the first peer has an account."""
    engagement = delivered(CouncilFactory(), "corporate-peer-challenge", datetime.date(2019, 6, 1))
    peers = []
    for place in range(1, 11):
        if place == 1:
            user, peer = _peer_with_account(full_name="Erin Erased")
        else:
            peer = PeerFactory()
        TeamMemberFactory(engagement=engagement, peer=peer, status="accepted", place=place)
        _diversity(peer, gender="woman" if place % 2 else "man")
        invitation = SurveyInvitation.objects.create(
            engagement=engagement,
            audience="peer",
            role="peer",
            name=peer.full_name,
            email=peer.email,
            peer=peer,
        )
        response = respond(
            engagement, "peer", submitted_at=at(datetime.date(2019, 8, 1)), own_development=True
        )
        response.invitation = invitation
        response.save()
        peers.append(peer)
    return engagement, peers


def _figures(year=2019):
    return kept.report_as_data(annual_report(year))


def test_past_annual_figures_are_identical_after_a_peer_is_erased(past_year):
    engagement, peers = past_year
    contact = UserFactory(role=Role.COUNCIL_CONTACT, email=engagement.contact_email)
    before = _figures()

    services.erase_person(by=UserFactory(role=Role.ADMINISTRATOR), peer=peers[0])
    services.erase_person(by=UserFactory(role=Role.ADMINISTRATOR), user=contact)

    assert _figures() == before
    figures = {key: now for key, now, _before in before["lines"]}
    # The year has figures that count the erased peer: a diversity share, survey answers.
    assert figures["peers_women_share"][0] == 0.5
    assert figures["peer_challenges"][0] == 1


def test_erasure_replaces_the_personal_fields(past_year):
    _engagement, peers = past_year
    peer = peers[0]
    peer.phone, peer.experience = "01632 960001", "Chief executive of Lowmoor"
    peer.save()
    user = User.objects.get(pk=peer.user_id)
    address = peer.email
    _email_to(f"Erin Erased <{address}>", "someone@example.org", body="Dear Erin")

    services.erase_person(by=UserFactory(role=Role.ADMINISTRATOR), user=user)

    peer.refresh_from_db()
    user.refresh_from_db()
    assert peer.full_name == f"Former peer {peer.pk}"
    assert peer.email.endswith("@erased.invalid") and peer.phone == peer.experience == ""
    assert user.email.endswith("@erased.invalid") and not user.is_active
    assert not user.has_usable_password() and not user.roles
    assert not SurveyInvitation.objects.filter(email__iexact=address).exists()
    email = OutgoingEmail.objects.get(subject="About your engagement")
    assert address not in json.dumps(email.recipients) and email.body == ""
    assert "someone@example.org" in email.recipients
    assert not User.objects.filter(email__iexact=address).exists()


def test_only_administrators_erase(client, past_year):
    _engagement, peers = past_year
    for role in (Role.PROGRAMME_STAFF, Role.PRINCIPAL_ADVISER, Role.PEER):
        with pytest.raises(permissions.Denied):
            services.erase_person(by=UserFactory(role=role), peer=peers[0])
    assert Peer.objects.get(pk=peers[0].pk).full_name == "Erin Erased"


def test_an_administrator_erases_through_a_confirmation_page(client, past_year):
    _engagement, peers = past_year
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    url = reverse("home:erase-peer", args=[peers[0].pk])

    assert "govuk-warning-text" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert Peer.objects.get(pk=peers[0].pk).full_name.startswith("Former peer")


def test_an_administrator_cannot_erase_their_own_account(client):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    client.force_login(admin)

    client.post(reverse("home:erase-user", args=[admin.pk]))

    admin.refresh_from_db()
    assert admin.is_active and not admin.email.endswith(".invalid")


# Retention ----------------------------------------------------------------------------


@pytest.fixture
def old_records(settings):
    """One record past each retention period, and one of each not yet past it."""
    now = timezone.now()
    long_ago = now - datetime.timedelta(days=365 * 8)
    engagement = delivered(CouncilFactory(), "corporate-peer-challenge", datetime.date(2017, 6, 1))
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    closing = StatusChange.objects.create(
        engagement=engagement, from_status="delivery", to_status="closed", by=staff
    )
    StatusChange.objects.filter(pk=closing.pk).update(at=long_ago)  # closed eight years ago
    Note.objects.create(engagement=engagement, kind="internal", text="Chris was upset", by=staff)
    recent = delivered(CouncilFactory(), "corporate-peer-challenge", datetime.date(2025, 6, 1))
    StatusChange.objects.create(
        engagement=recent, from_status="delivery", to_status="closed", by=staff
    )
    Note.objects.create(engagement=recent, kind="internal", text="Recent note", by=staff)
    unused = UserFactory(role=Role.PEER)
    User.objects.filter(pk=unused.pk).update(last_login=long_ago, date_joined=long_ago)
    for reviewed_at in (long_ago, now):
        application = PeerApplication.objects.create(
            kind="officer",
            full_name="Refused Applicant",
            email="refused@example.org",
            home_role="chief_executive",
            experience="x",
            status="rejected",
        )
        PeerApplication.objects.filter(pk=application.pk).update(reviewed_at=reviewed_at)
    old_response = respond(engagement, "peer", submitted_at=long_ago, own_development=True)
    invitation = SurveyInvitation.objects.create(
        engagement=recent, audience="peer", role="peer", name="Pat", email="pat@example.org"
    )
    old_response.invitation = invitation
    old_response.save()
    _email_to("someone@example.org", days_ago=100)
    _email_to("someone@example.org", days_ago=1, body="Recent")
    _email_to("someone@example.org", days_ago=100, status=OutgoingEmail.Status.WAITING)
    SignInSession.objects.create(
        session_key="x" * 32, session_data="", expire_date=now - datetime.timedelta(days=1)
    )
    return engagement, recent, unused


def _state():
    return {
        "notes": sorted(Note.objects.values_list("text", flat=True)),
        "active": sorted(User.objects.filter(is_active=True).values_list("pk", flat=True)),
        "applications": PeerApplication.objects.count(),
        "linked": SurveyResponse.objects.filter(invitation__isnull=False).count(),
        "bodies": sorted(OutgoingEmail.objects.values_list("body", flat=True)),
        "sessions": SignInSession.objects.count(),
    }


def test_a_dry_run_changes_nothing_and_says_what_it_would_do(old_records, capsys):
    before = _state()

    call_command("retention", "--dry-run")

    assert _state() == before
    out = capsys.readouterr().out
    for name in ("engagements: 1", "accounts: 1", "applications: 1", "survey-links: 1"):
        assert name in out
    assert "email-texts: 1 would be" in out and "sessions: 1" in out


def test_the_real_run_applies_each_period_once(old_records, capsys):
    engagement, recent, unused = old_records

    call_command("retention")
    after = _state()
    call_command("retention")

    assert _state() == after  # a second run changes nothing more
    assert after["notes"] == ["Recent note"]
    assert unused.pk not in after["active"]
    assert after["applications"] == 1
    assert after["linked"] == 0
    assert after["bodies"].count("") == 1 and "Recent" in after["bodies"]
    assert after["sessions"] == 0
    engagement.refresh_from_db()
    assert engagement.contact_email == "" and recent.contact_email
    out = capsys.readouterr().out.splitlines()
    assert all(line.split(": ")[1].startswith("0 done") for line in out[-len(retention.STEPS) :])


def test_retention_keeps_past_annual_figures(old_records):
    before = kept.report_as_data(annual_report(2017))

    retention.apply_retention()

    assert kept.report_as_data(annual_report(2017)) == before
