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


def test_a_recovery_and_renewal_panel_from_request_to_the_feedback_letter(journey):
    from peerwork.engagements.models import Engagement
    from tests.peers.factories import PeerFactory

    council = CouncilFactory(short_name="Brackenby", official_name="Brackenby Borough Council")
    adviser = UserFactory(role=Role.PRINCIPAL_ADVISER)
    council.region.principal_advisers.add(adviser)
    contact = UserFactory(role=Role.COUNCIL_CONTACT, council=council)
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    first, second = (UserFactory(role=Role.PEER) for _ in range(2))
    PeerFactory(user=first, email=first.email, full_name="Avery First", kind="officer")
    PeerFactory(user=second, email=second.email, full_name="Blake Second", kind="officer")
    page = journey.page

    journey.sign_in(contact.email, PASSWORD)
    journey.request_support("recovery-and-renewal-panel", "Our recovery plan after floods.")
    engagement = Engagement.objects.get(council=council)
    journey.sign_out()

    journey.sign_in(adviser.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/")
    journey.follow(page.get_by_role("button", name="Accept the request"))
    journey.follow(page.get_by_role("button", name="Move to: Team forming"))
    journey.sign_out()

    # Staff shortlist two peers for a place; the host council chooses one.
    journey.sign_in(staff.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/team/")
    journey.follow(page.get_by_role("link", name="Shortlist peers for Officer peer").first)
    journey.follow(page.get_by_role("button", name="Add to shortlist Avery First"))
    journey.follow(page.get_by_role("button", name="Add to shortlist Blake Second"))
    journey.goto(f"/engagements/{engagement.pk}/team/")
    journey.follow(page.get_by_role("button", name="Ask the council to choose"))
    assert any(engagement.contact_email in m.to for m in mail.outbox)
    journey.sign_out()

    journey.sign_in(contact.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/")
    journey.follow(page.get_by_role("link", name="Choose your panel"))
    journey.follow(page.get_by_role("button", name="Invite the peers we chose"))
    assert "Choose a peer for at least one place" in page.locator("main").inner_text()
    page.get_by_label("Blake Second").check()
    journey.follow(page.get_by_role("button", name="Invite the peers we chose"))
    journey.sign_out()

    journey.sign_in(second.email, PASSWORD)
    journey.answer_invitation("Yes, I accept")
    journey.sign_out()

    # The panel meets remotely; the accepted peer gets a calendar file.
    journey.sign_in(staff.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/sessions/")
    page.get_by_label("Kind of session").select_option(label="Remote panel")
    journey.fill_date("Day", 9, 3, 2027)
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("12:30")
    page.get_by_label("Video link (for a remote session)").fill("https://meet.example.org/panel")
    journey.follow(page.get_by_role("button", name="Add session"))
    assert "Tuesday 9 March 2027, 10:00–12:30" in page.locator("main").inner_text()
    invitation = next(m for m in mail.outbox if m.attachments)
    assert second.email in invitation.to and first.email not in invitation.to

    journey.goto(f"/engagements/{engagement.pk}/")
    journey.follow(page.get_by_role("button", name="Move to: Team confirmed"))
    journey.follow(page.get_by_role("button", name="Move to: Delivery"))

    # The feedback letter: written in peerwork, sent to the council, never public.
    journey.follow(page.get_by_role("link", name="Feedback letter"))
    journey.follow(page.get_by_role("button", name="Start writing"))
    journey.follow(page.get_by_role("link", name="Write this section on Leadership capacity"))
    page.get_by_label("Findings").fill("Leaders kept services running through the floods.")
    page.get_by_label("Recommendations").fill("Keep the recovery board meeting monthly")
    journey.follow(page.get_by_role("button", name="Save section"))
    journey.follow(page.get_by_role("button", name="Send the feedback letter to the council"))
    journey.sign_out()

    journey.sign_in(contact.email, PASSWORD)
    journey.goto(f"/engagements/{engagement.pk}/")
    assert "Feedback given" in page.locator(".govuk-caption-l").inner_text()
    journey.follow(page.get_by_role("link", name="Feedback letter"))
    letter = page.locator("main").inner_text()
    assert "Keep the recovery board meeting monthly" in letter
    journey.sign_out()
    journey.goto("/reports/")
    assert "Brackenby" not in page.locator("main").inner_text()
