"""Given a council contact and their principal adviser, when the council asks for support ..."""

import pytest
from django.core import mail

from peerwork.accounts.models import Role
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"


def test_a_request_is_accepted_scoped_and_shown_on_the_council_page(journey):
    council = CouncilFactory(short_name="Ashford Vale", official_name="Ashford Vale Council")
    adviser = UserFactory(role=Role.PRINCIPAL_ADVISER, full_name="Rowan Adviser")
    council.region.principal_advisers.add(adviser)
    contact = UserFactory(role=Role.COUNCIL_CONTACT, council=council)
    page = journey.page

    journey.sign_in(contact.email, PASSWORD)
    journey.goto("/offers/corporate-peer-challenge/")
    journey.follow(page.get_by_role("button", name="Ask for this support"))
    assert page.get_by_label("Corporate Peer Challenge").is_checked()
    page.get_by_label("What would you like help with?").fill("Assurance on our finances.")
    journey.follow(page.get_by_role("button", name="Send request"))
    assert "Requested" in page.locator(".govuk-caption-l").inner_text()
    journey.sign_out()

    journey.sign_in(adviser.email, PASSWORD)
    journey.follow(page.get_by_role("link", name="Engagements", exact=True))
    journey.follow(page.get_by_role("link", name="Corporate Peer Challenge: Ashford Vale"))
    journey.follow(page.get_by_role("button", name="Accept the request"))
    assert "Scoping" in page.locator(".govuk-caption-l").inner_text()
    journey.follow(page.get_by_role("link", name="Record scoping: focus, dates and notes"))
    page.get_by_label("Governance and culture").check()
    page.get_by_label("Scoping notes").fill("Met the leader and chief executive on 2 December.")
    journey.follow(page.get_by_role("button", name="Save scoping"))
    journey.follow(page.get_by_role("button", name="Move to: Team forming"))
    assert "Team forming" in page.locator(".govuk-caption-l").inner_text()

    journey.goto(f"/councils/{council.code}/")
    history = page.locator("main").inner_text()
    assert "Corporate Peer Challenge" in history and "First time" in history


def test_a_declined_place_is_offered_again_and_filled(journey):
    from peerwork.offers.models import Offer
    from tests.engagements.factories import EngagementFactory
    from tests.peers.factories import PeerFactory

    engagement = EngagementFactory(
        offer=Offer.objects.get(slug="recovery-and-renewal-panel"), status="team_forming"
    )
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    first, second = (UserFactory(role=Role.PEER) for _ in range(2))
    PeerFactory(user=first, email=first.email, full_name="Avery First", kind="officer")
    PeerFactory(user=second, email=second.email, full_name="Blake Second", kind="officer")
    page = journey.page

    def invite(name):
        journey.sign_in(staff.email, PASSWORD)
        journey.goto(f"/engagements/{engagement.pk}/team/")
        journey.follow(page.get_by_role("link", name="Choose a peer for Officer peer").first)
        journey.follow(page.get_by_role("button", name=f"Invite {name}"))
        journey.sign_out()

    def answer(user, choice, reason=""):
        journey.sign_in(user.email, PASSWORD)
        journey.follow(page.get_by_role("link", name="Your profile"))
        journey.follow(page.get_by_role("link", name="Invitation:", exact=False))
        page.get_by_label(choice).check()
        if reason:
            page.get_by_label("If you decline, why?").fill(reason)
        journey.follow(page.get_by_role("button", name="Send answer"))
        journey.sign_out()

    invite("Avery First")
    answer(first, "No, I must decline", "Budget council that week")
    invite("Blake Second")
    answer(second, "Yes, I accept")

    journey.sign_in(staff.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/team/")
    places = page.get_by_role("table").inner_text()
    assert "Blake Second" in places and "Accepted" in places
    assert "Avery First declined: Budget council that week" in places

    # The accepted team is booked on a new session, and everyone gets a calendar file.
    journey.goto(f"/engagements/{engagement.pk}/sessions/")
    page.get_by_label("Kind of session").select_option(label="Remote panel")
    day = page.get_by_role("group", name="Day")
    day.get_by_label("Day", exact=True).fill("9")
    day.get_by_label("Month").fill("3")
    day.get_by_label("Year").fill("2027")
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("12:30")
    page.get_by_label("Video link (for a remote session)").fill("https://meet.example.org/panel")
    journey.follow(page.get_by_role("button", name="Add session"))
    assert "Tuesday 9 March 2027, 10:00–12:30" in page.locator("main").inner_text()
    invitation = next(m for m in mail.outbox if m.attachments)
    assert second.email in invitation.to
