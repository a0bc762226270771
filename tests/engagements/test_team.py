import datetime

import pytest
from django.core import mail
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.engagements.models import MemberStatus, PeerFeedback, ShortlistEntry, TeamMember
from peerwork.engagements.team import selectors as team
from peerwork.offers.models import Offer
from peerwork.peers.models import Skill
from peerwork.peers.selectors import load_this_year
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, TeamMemberFactory
from tests.peers.factories import (
    DeclaredInterestFactory,
    MemberPeerFactory,
    PeerFactory,
    PeerSkillFactory,
    UnavailabilityFactory,
)

pytestmark = pytest.mark.django_db
MARCH = datetime.date(2027, 3, 9)


@pytest.fixture
def panel():
    """A remote panel: places Member peer, Officer peer ×2, no skills or accreditation."""
    return EngagementFactory(
        offer=Offer.objects.get(slug="recovery-and-renewal-panel"),
        preferred_from=MARCH,
        preferred_to=MARCH,
    )


@pytest.fixture
def bespoke():
    """Staff choose this team themselves: Member peer, Officer peer."""
    return EngagementFactory(
        offer=Offer.objects.get(slug="bespoke-remote-peer-support"),
        preferred_from=MARCH,
        preferred_to=MARCH,
    )


def _place(engagement, role):
    return next(p for p in team.team_places(engagement) if p.role == role)


def test_places_come_from_the_offer_template_without_staff_places(panel):
    roles = [p.role for p in team.team_places(panel)]

    assert roles == ["Member peer", "Officer peer", "Officer peer"]


def test_only_eligible_peers_are_offered_and_others_say_why(panel):
    good = PeerFactory(full_name="Olive Good")
    conflicted = PeerFactory(full_name="Olive Conflict")
    DeclaredInterestFactory(peer=conflicted, council=panel.council, reason="Former partner")
    away = PeerFactory(full_name="Olive Away")
    UnavailabilityFactory(peer=away, starts_on=MARCH, ends_on=MARCH)
    PeerFactory(full_name="Olive Paused", status="paused")
    MemberPeerFactory(full_name="Olive Member")
    home = PeerFactory(full_name="Olive Home", home_council=panel.council)

    eligible, _ = team.candidates(panel, _place(panel, "Officer peer"))
    _, excluded = team.candidates(panel, _place(panel, "Officer peer"), name="Olive")

    assert [p.full_name for p in eligible] == ["Olive Good"]
    reasons = {peer.full_name: "; ".join(r) for peer, r in excluded}
    assert (
        reasons["Olive Conflict"] == "conflict with this council: declared interest: Former partner"
    )
    assert reasons["Olive Away"] == "not available on these dates"
    assert reasons["Olive Paused"] == "not active (Paused)"
    assert reasons["Olive Member"] == "the place needs a Officer peer"
    assert reasons[home.full_name] == "conflict with this council: home council"
    assert good not in [p for p, _ in excluded]


def test_required_skills_and_accreditation_are_enforced():
    cpc = EngagementFactory(preferred_from=MARCH)
    finance = next(p for p in team.team_places(cpc) if p.role == "Officer peer (finance)")
    skilled = PeerSkillFactory(skill=Skill.objects.get(slug="finance")).peer
    skilled.accreditations.create(name="CPC", completed_on=datetime.date(2025, 1, 1))

    eligible, _ = team.candidates(cpc, finance)
    _, excluded = team.candidates(cpc, finance, name=PeerFactory(full_name="Una Trained").full_name)

    assert eligible == [skilled]
    assert "lacks the skill finance" in excluded[0][1][0]


def test_staff_invite_a_peer_who_gets_links_by_email(
    client, bespoke, django_capture_on_commit_callbacks
):
    peer = PeerFactory(email="olive@example.org")
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("engagements:place", args=[bespoke.pk, 2]), {"peer": peer.pk})

    member = TeamMember.objects.get()
    assert (member.peer, member.place, member.status) == (peer, 2, MemberStatus.INVITED)
    assert mail.outbox[0].to == ["olive@example.org"]
    assert f"/engagements/invitations/{member.token}/" in mail.outbox[0].body


def test_an_ineligible_peer_cannot_be_invited_by_posting_their_id(client, bespoke, panel):
    for engagement in (bespoke, panel):  # invited directly, or shortlisted for the council
        peer = PeerFactory(home_council=engagement.council)
        client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))

        client.post(reverse("engagements:place", args=[engagement.pk, 2]), {"peer": peer.pk})

    assert not TeamMember.objects.exists()
    assert not ShortlistEntry.objects.exists()


def test_the_host_council_chooses_its_panel_from_the_shortlist(
    client, panel, django_capture_on_commit_callbacks
):
    first, second = PeerFactory(full_name="Olive One"), PeerFactory(full_name="Olive Two")
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    for peer in (first, second):
        client.post(reverse("engagements:place", args=[panel.pk, 2]), {"peer": peer.pk})
    assert not TeamMember.objects.exists()  # shortlisting invites nobody
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("engagements:shortlist-send", args=[panel.pk]))
    assert panel.contact_email in mail.outbox[-1].to

    stranger = UserFactory(role=Role.COUNCIL_CONTACT)
    client.force_login(stranger)
    assert client.get(reverse("engagements:panel", args=[panel.pk])).status_code == 404

    contact = UserFactory(role=Role.COUNCIL_CONTACT, council=panel.council)
    client.force_login(contact)
    url = reverse("engagements:panel", args=[panel.pk])
    page = client.get(url).content.decode()
    assert "Olive One" in page and "Olive Two" in page
    refused = client.post(url, {"place-2": str(PeerFactory().pk)})
    assert "Choose from the shortlist" in refused.content.decode()
    assert not TeamMember.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"place-2": str(second.pk)})

    member = TeamMember.objects.get()
    assert (member.peer, member.place, member.invited_by) == (second, 2, contact)
    assert ShortlistEntry.objects.get(peer=second).chosen_at is not None
    assert "Olive One" not in client.get(url).content.decode()  # the place is filled


def _peer_user(client, member):
    user = UserFactory(role=Role.PEER)
    member.peer.user = user
    member.peer.save()
    client.force_login(user)
    return user


def test_the_invited_peer_declines_with_a_reason_and_the_place_reopens(client, panel):
    member = TeamMemberFactory(engagement=panel, place=2, role="Officer peer")
    _peer_user(client, member)
    url = reverse("engagements:invitation", args=[member.token])

    refused = client.post(url, {"answer": "decline", "reason": ""})
    client.post(url, {"answer": "decline", "reason": "Budget council that week"})
    again = client.post(url, {"answer": "accept"})

    assert "Tell us why you cannot take part" in refused.content.decode()
    member.refresh_from_db()
    assert (member.status, member.decline_reason) == ("declined", "Budget council that week")
    assert "already answered this invitation" in again.content.decode()
    place = _place(panel, "Officer peer")
    assert place.member is None and place.past == [member]


def test_an_invitation_link_used_by_someone_else_is_refused(client, panel):
    member = TeamMemberFactory(engagement=panel)
    client.force_login(UserFactory(role=Role.PEER))

    response = client.post(
        reverse("engagements:invitation", args=[member.token]), {"answer": "accept"}
    )

    assert response.status_code == 403
    member.refresh_from_db()
    assert member.status == "invited"


def test_load_counts_accepted_places_in_the_year_april_to_march(panel):
    member = TeamMemberFactory(engagement=panel, status="accepted", days=2)
    TeamMemberFactory(
        peer=member.peer,
        status="accepted",
        days=4,
        engagement=EngagementFactory(preferred_from=datetime.date(2027, 4, 1)),
    )
    TeamMemberFactory(
        peer=member.peer, status="declined", engagement=EngagementFactory(preferred_from=MARCH)
    )

    load = load_this_year([member.peer.pk], on=datetime.date(2026, 4, 1))

    assert load[member.peer.pk] == {"engagements": 1, "days": 2}


def test_a_peer_at_capacity_is_not_offered(panel):
    peer = PeerFactory(capacity_engagements=1)
    TeamMemberFactory(
        peer=peer, status="accepted", engagement=EngagementFactory(preferred_from=MARCH)
    )

    _, excluded = team.candidates(panel, _place(panel, "Officer peer"), name=peer.full_name)

    assert excluded[0][1] == ["already at capacity: 1 of 1 engagements this year"]


def test_feedback_opens_after_the_feedback_stage_and_shows_to_staff_only(client, panel):
    member = TeamMemberFactory(engagement=panel, status="accepted")
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    url = reverse("engagements:feedback", args=[panel.pk, member.pk])
    answers = {
        "preparation": "4",
        "contribution": "5",
        "teamwork": "4",
        "use_again": "yes",
        "comment": "Sharp on finance",
    }

    early = client.post(url, answers)
    assert early.status_code == 302
    assert not PeerFeedback.objects.exists()
    panel.status = "feedback_given"
    panel.save()
    client.post(url, answers)

    member.refresh_from_db()
    assert member.feedback.contribution == 5
    page = client.get(reverse("peers:detail", args=[member.peer.pk])).content.decode()
    assert "contribution 5/5" in page and "Sharp on finance" in page
