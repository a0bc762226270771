"""Given the public, staff, a new peer and a council contact, when a peer joins the pool ..."""

import re

import pytest
from django.core import mail

from peerwork.accounts.models import Role
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a long new peer passphrase"


def test_a_new_peer_applies_is_approved_and_manages_their_record(journey):
    CouncilFactory(short_name="Ashford Vale", code="ZAV")
    CouncilFactory(short_name="Brookshire", code="ZBS")
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    contact = UserFactory(role=Role.COUNCIL_CONTACT)
    page = journey.page

    # The public applies, one question a page.
    journey.goto("/")
    journey.follow(page.get_by_role("link", name="Apply to become a peer"))
    journey.follow(page.get_by_role("button", name="Start now"))
    page.get_by_label("A councillor: I would be a member peer").check()
    journey.follow(page.get_by_role("button", name="Continue"))
    page.get_by_label("Full name").fill("Morgan Newpeer")
    page.get_by_label("Email address").fill("morgan@example.org")
    journey.follow(page.get_by_role("button", name="Continue"))
    page.get_by_label("Your council").select_option(label="Ashford Vale")
    page.get_by_label("Your role there").select_option(label="Cabinet member")
    journey.follow(page.get_by_role("button", name="Continue"))
    page.get_by_label("Your political party or group").select_option(label="Green Party")
    journey.follow(page.get_by_role("button", name="Continue"))
    page.get_by_label("Finance").select_option(label="3 – expert, could lead on it")
    journey.follow(page.get_by_role("button", name="Continue"))
    page.get_by_label("Tell us about your experience").fill("Cabinet member for finance.")
    journey.follow(page.get_by_role("button", name="Continue"))
    journey.follow(page.get_by_role("button", name="Continue"))  # no diversity answers
    journey.follow(page.get_by_role("button", name="Accept and send"))
    assert page.locator("h1").inner_text() == "Application sent"

    # Staff approve it.
    journey.sign_in(staff.email, PASSWORD)
    journey.goto("/peers/applications/")
    journey.follow(page.get_by_role("link", name="Morgan Newpeer"))
    page.get_by_label("Approve: add them to the pool and invite them to sign in").check()
    journey.follow(page.get_by_role("button", name="Save decision"))
    journey.sign_out()

    # The new peer chooses a password from the invitation and signs in.
    invitation = next(
        m for m in mail.outbox if m.to == ["morgan@example.org"] and "/invitation/" in m.body
    )
    link = re.search(r"https?://[^/]+(/invitation/\S+/)", invitation.body).group(1)
    journey.goto(link)
    page.get_by_label("New password", exact=False).first.fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    journey.follow(page.get_by_role("button", name="Save password"))
    journey.sign_in("morgan@example.org", NEW_PASSWORD)
    journey.follow(page.get_by_role("link", name="Your profile"))

    # Two unavailable periods and a declared interest.
    journey.follow(page.get_by_role("link", name="Dates you are not available"))
    for start, end in ((1, 3), (15, 19)):
        journey.fill_date("From", start, 3, 2027)
        journey.fill_date("Until", end, 3, 2027)
        journey.follow(page.get_by_role("button", name="Add these dates"))
    assert page.get_by_role("table", name="March 2027").get_by_text("not available").count() == 8
    journey.goto("/my/interests/")
    page.get_by_label("Council").select_option(label="Brookshire")
    page.get_by_label("Why you should not review it").fill("My sister is its chief executive")
    journey.follow(page.get_by_role("button", name="Declare interest"))
    journey.goto("/my/profile/")
    assert "Brookshire: declared interest" in page.locator("main").inner_text()
    journey.sign_out()

    # Staff find the peer by skill and level.
    journey.sign_in(staff.email, PASSWORD)
    journey.follow(page.get_by_role("link", name="Peers", exact=True))
    page.get_by_label("Skill").select_option(label="Finance")
    page.get_by_label("At least level").select_option(label="3 – expert, could lead on it")
    journey.follow(page.get_by_role("button", name="Apply filters"))
    assert page.get_by_role("link", name="Morgan Newpeer").count() == 1
    journey.sign_out()

    # A council contact sees no peer's party anywhere they can go.
    journey.sign_in(contact.email, PASSWORD)
    for path in ("/", "/offers/", "/peers/", "/my/profile/", "/councils/"):
        journey.goto(path)
        assert "Green Party" not in page.content()
