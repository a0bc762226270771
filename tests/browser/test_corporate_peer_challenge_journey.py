"""A whole corporate peer challenge, in the browser, from the council's request to the
progress review: every step through the pages people use."""

import datetime

import pytest
from django.core import mail

from peerwork.accounts.models import Role
from peerwork.engagements.models import Engagement, MemberStatus, Part
from peerwork.offers.models import Offer
from peerwork.peers.models import Accreditation, Skill
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.peers.factories import MemberPeerFactory, PeerFactory, PeerSkillFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"


def _accredited(peer):
    Accreditation.objects.create(peer=peer, completed_on=datetime.date(2025, 1, 10))
    return peer


def _peer(factory, name, **extra):
    user = UserFactory(role=Role.PEER, full_name=name)
    return _accredited(factory(user=user, email=user.email, full_name=name, **extra)), user


def _small_team_template():
    """Staff keep the catalogue as data; this journey's offer asks for two peers."""
    offer = Offer.objects.get(slug="corporate-peer-challenge")
    offer.team_places.exclude(role__in=["Lead member peer", "Officer peer"]).delete()
    return offer


def test_a_corporate_peer_challenge_from_request_to_progress_review(journey):
    _small_team_template()
    council = CouncilFactory(short_name="Ashford Vale", official_name="Ashford Vale Council")
    adviser = UserFactory(role=Role.PRINCIPAL_ADVISER, full_name="Rowan Adviser")
    council.region.principal_advisers.add(adviser)
    contact = UserFactory(role=Role.COUNCIL_CONTACT, council=council, full_name="Casey Contact")
    staff = UserFactory(role=Role.PROGRAMME_STAFF, full_name="Morgan Manager")
    lead, lead_user = _peer(MemberPeerFactory, "Lee Lead", home_role="leader")
    PeerSkillFactory(peer=lead, skill=Skill.objects.get(slug="leadership"))
    first, first_user = _peer(PeerFactory, "Avery First")
    second, second_user = _peer(PeerFactory, "Blake Second")
    page = journey.page

    # The council asks; its region's principal adviser accepts and scopes.
    journey.sign_in(contact.email, PASSWORD)
    journey.request_support("corporate-peer-challenge", "Assurance on our finances.")
    engagement = Engagement.objects.get(council=council)
    journey.sign_out()

    journey.sign_in(adviser.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/")
    journey.follow(page.get_by_role("button", name="Accept the request"))
    journey.follow(page.get_by_role("link", name="Record scoping: focus, dates and notes"))
    page.get_by_label("Governance and culture").check()
    page.get_by_label("Financial planning and management").check()
    journey.fill_date("Agreed first day", 9, 3, 2027)
    journey.fill_date("Agreed last day", 12, 3, 2027)
    page.get_by_label("Peer challenge manager or facilitator").select_option(label=staff.full_name)
    journey.follow(page.get_by_role("button", name="Save scoping"))
    journey.follow(page.get_by_role("button", name="Move to: Team forming"))
    journey.sign_out()

    # Staff fill the places; one peer declines and the place is offered again.
    def invite(role, name):
        journey.goto(f"/engagements/{engagement.pk}/team/")
        journey.follow(page.get_by_role("link", name=f"Choose a peer for {role}"))
        journey.follow(page.get_by_role("button", name=f"Invite {name}"))

    def answer(user, choice, reason=""):
        journey.sign_in(user.email, PASSWORD)
        journey.answer_invitation(choice, reason)
        journey.sign_out()

    journey.sign_in(staff.email, PASSWORD)
    invite("Lead member peer", "Lee Lead")
    invite("Officer peer", "Avery First")
    journey.sign_out()
    answer(lead_user, "Yes, I accept")
    answer(first_user, "No, I must decline", "Budget council that week")
    journey.sign_in(staff.email, PASSWORD)
    invite("Officer peer", "Blake Second")
    journey.sign_out()
    answer(second_user, "Yes, I accept")

    # The on-site days, with a calendar file for everyone.
    journey.sign_in(staff.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/sessions/")
    page.get_by_label("Kind of session").select_option(label="On-site day")
    journey.fill_date("Day", 9, 3, 2027)
    page.get_by_label("Start time").fill("09:00")
    page.get_by_label("End time").fill("17:00")
    page.get_by_label("Venue (for a session on site)").fill("Civic Centre, Ashford")
    journey.follow(page.get_by_role("button", name="Add session"))
    calendar = next(m for m in mail.outbox if m.attachments)
    assert {lead.email, second.email, engagement.contact_email} <= set(calendar.to)
    assert first.email not in calendar.to

    journey.goto(f"/engagements/{engagement.pk}/")
    for stage in ("Team confirmed", "Preparation", "Delivery", "Feedback given"):
        journey.follow(page.get_by_role("button", name=f"Move to: {stage}"))

    # The report: written in peerwork, a section per agreed component.
    journey.follow(page.get_by_role("link", name="Peer challenge report"))
    journey.follow(page.get_by_role("button", name="Start writing"))
    journey.follow(page.get_by_role("link", name="Write this section on Governance and culture"))
    page.get_by_label("Findings").fill("Decisions are open and well recorded.")
    page.get_by_label("Recommendations").fill(
        "Refresh the constitution\nTrain new members on scrutiny"
    )
    journey.follow(page.get_by_role("button", name="Save section"))
    journey.follow(page.get_by_role("link", name="Write this section on Financial planning"))
    page.get_by_label("Findings").fill("A gap of £12m in year three.")
    page.get_by_label("Recommendations").fill("Close the budget gap for 2028/29")
    journey.follow(page.get_by_role("button", name="Save section"))
    journey.follow(
        page.get_by_role("button", name="Send to the council for a factual-accuracy check")
    )
    journey.sign_out()

    # The council checks it and comments; staff resolve the comment and publish.
    journey.sign_in(contact.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/")
    journey.follow(page.get_by_role("link", name="Peer challenge report"))
    page.get_by_label("Your comment on Financial planning and management").fill(
        "The gap is £11m, not £12m."
    )
    journey.follow(page.get_by_role("button", name="Add comment").nth(1))
    journey.sign_out()

    journey.sign_in(staff.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/report/report/")
    journey.follow(page.get_by_role("button", name="Publish the report"))
    assert "Resolve the council's 1 open comments" in page.locator("main").inner_text()
    page.get_by_label("How it was resolved").fill("Corrected to £11m.")
    journey.follow(page.get_by_role("button", name="Resolve"))
    journey.follow(page.get_by_role("button", name="Publish the report"))
    journey.sign_out()

    # Anyone can read it in the public list.
    journey.goto("/reports/")
    journey.follow(page.get_by_role("link", name="Ashford Vale Council: Peer challenge report"))
    public = page.locator("main").inner_text()
    assert "Close the budget gap for 2028/29" in public
    assert "3.\nClose the budget gap" in public or "Close the budget gap" in public

    # The council records its action plan and publishes it with the report.
    journey.sign_in(contact.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/")
    journey.follow(page.get_by_role("link", name="Action plan"))
    for number in (1, 2, 3):
        journey.follow(page.get_by_role("link", name=f"Add action for recommendation {number}"))
        page.get_by_label("What the council will do").fill(f"Action {number}")
        page.get_by_label("Owner").fill("Chief executive")
        journey.fill_date("Due date", 30, 9, 2027)
        page.get_by_label("In progress").check()
        journey.follow(page.get_by_role("button", name="Save action"))
    journey.follow(page.get_by_role("button", name="Publish the action plan"))
    assert "Published with the report" in page.locator("main").inner_text()
    journey.sign_out()

    # The progress review exists, with the original team invited first.
    engagement.refresh_from_db()
    assert engagement.status == "progress_review"
    review_team = engagement.team.filter(part=Part.PROGRESS_REVIEW)
    assert {(m.peer_id, m.status) for m in review_team} == {
        (lead.pk, MemberStatus.INVITED),
        (second.pk, MemberStatus.INVITED),
    }
    journey.sign_in(staff.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/team/")
    text = page.locator("main").inner_text()
    assert "Progress review team" in text and "Lee Lead" in text
    journey.goto(f"/engagements/{engagement.pk}/")
    assert "Progress review" in page.locator(".govuk-caption-l").inner_text()
