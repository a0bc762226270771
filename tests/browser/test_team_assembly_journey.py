"""Staff ask the solver for a corporate peer challenge team, adjust it, accept it, and
repair it after a peer declines."""

import datetime

import pytest
from django.core import mail

from peerwork.accounts.models import Role
from peerwork.engagements.models import MemberStatus, TeamMember
from peerwork.offers.models import Offer
from peerwork.peers.models import Accreditation, Skill
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory
from tests.peers.factories import MemberPeerFactory, PeerFactory, PeerSkillFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"


def _peer(factory, name, **extra):
    user = UserFactory(role=Role.PEER, full_name=name)
    peer = factory(user=user, email=user.email, full_name=name, **extra)
    Accreditation.objects.create(
        peer=peer, name="Peer challenge", completed_on=datetime.date(2025, 1, 10)
    )
    PeerSkillFactory(peer=peer, skill=Skill.objects.get(slug="leadership"), level=3)
    return peer, user


def _proposed_for(role):
    """Who the newest proposal puts in the place with this role."""
    from peerwork.matching.models import Proposal
    from peerwork.peers.models import Peer

    result = Proposal.objects.first().result
    row = next(r for r in result["assignments"] if r["role"].startswith(role + " #"))
    return Peer.objects.get(pk=int(row["peer"])).full_name


def test_propose_lock_exclude_accept_and_repair(journey):
    offer = Offer.objects.get(slug="corporate-peer-challenge")
    offer.team_places.exclude(role__in=["Lead member peer", "Officer peer"]).delete()
    engagement = EngagementFactory(
        offer=offer,
        status="team_forming",
        preferred_from=datetime.date(2027, 3, 9),
        preferred_to=datetime.date(2027, 3, 12),
    )
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    _peer(MemberPeerFactory, "Lee Lead", home_role="leader")
    officers = {name: _peer(PeerFactory, name) for name in ("Avery", "Blake", "Casey")}
    page = journey.page

    journey.sign_in(staff.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/team/")
    journey.follow(page.get_by_role("link", name="Propose a team"))
    journey.follow(page.get_by_role("button", name="Propose a team"))
    text = page.locator("main").inner_text()
    assert "Lee Lead" in text and "Fit " in text  # every peer with their reasons
    first_officer = _proposed_for("Officer peer")
    assert first_officer in officers

    page.get_by_label("Lock this choice for Lead member peer").check()
    page.get_by_label("Exclude this peer from Officer peer").check()
    journey.follow(page.get_by_role("button", name="Propose again"))
    text = page.locator("main").inner_text()
    assert "Locked" in text and "Lee Lead" in text
    assert f"Excluded: {first_officer}" in text
    second_officer = _proposed_for("Officer peer")
    assert second_officer in officers and second_officer != first_officer
    assert _proposed_for("Lead member peer") == "Lee Lead"

    journey.follow(page.get_by_role("button", name="Accept and send the invitations"))
    invited = {m.peer.full_name for m in TeamMember.objects.select_related("peer")}
    assert invited == {"Lee Lead", second_officer}
    assert {m.to[0] for m in mail.outbox} >= {officers[second_officer][0].email}
    journey.sign_out()

    # The officer declines; repair proposes a replacement for that place only.
    officer_user = officers[second_officer][1]
    journey.sign_in(officer_user.email, PASSWORD)
    journey.answer_invitation("No, I must decline", "Budget council that week")
    journey.sign_out()

    journey.sign_in(staff.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/team/")
    journey.follow(page.get_by_role("button", name="Propose a replacement for the places reopened"))
    text = page.locator("main").inner_text()
    assert "Lee Lead (invited): kept as they are." in text
    replacement = _proposed_for("Officer peer")
    assert replacement in officers and replacement not in (first_officer, second_officer)
    journey.follow(page.get_by_role("button", name="Accept and send the invitations"))
    live = TeamMember.objects.filter(status=MemberStatus.INVITED).select_related("peer")
    assert {m.peer.full_name for m in live} == {"Lee Lead", replacement}
