"""Given a board member who is also a councillor peer, when an administrator gives their
account the peer role, then they see what a peer sees and what the board sees, and
nothing more."""

import pytest

from peerwork.accounts.models import Role
from tests.accounts.factories import UserFactory
from tests.peers.factories import MemberPeerFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"


def test_an_administrator_gives_a_board_member_the_peer_role(journey):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    member = UserFactory(role=Role.BOARD_MEMBER, full_name="Cai Councillor")
    MemberPeerFactory(user=member, email=member.email, full_name=member.full_name)
    page = journey.page

    journey.sign_in(admin.email, PASSWORD)
    journey.follow(page.get_by_role("link", name="Users", exact=True))
    journey.follow(page.get_by_role("link", name="Cai Councillor"))
    roles = page.get_by_role("group", name="Roles")
    assert roles.get_by_label("Board member").is_checked()
    roles.get_by_label("Peer", exact=True).check()
    journey.follow(page.get_by_role("button", name="Save changes"))
    assert "Changes to Cai Councillor saved." in page.locator("main").inner_text()
    row = page.get_by_role("row", name="Cai Councillor")
    assert "Peer, Board member" in row.inner_text()
    journey.sign_out()

    journey.sign_in(member.email, PASSWORD)
    assert "Cai Councillor (Peer, Board member)" in page.locator("header").inner_text()
    menu = page.locator(".govuk-service-navigation__list")
    assert menu.get_by_role("link", name="Your profile").count() == 1
    assert menu.get_by_role("link", name="Impact").count() == 1
    assert menu.get_by_role("link", name="Engagements").count() == 0
    assert menu.get_by_role("link", name="Peers", exact=True).count() == 0
    main = page.locator("main")
    assert "Invitations waiting for your answer" in main.inner_text()  # the peer's part
    assert "Targets for" in main.inner_text()  # the board's part

    journey.follow(menu.get_by_role("link", name="Your profile"))
    assert page.locator("h1").inner_text() == "Your peer profile"
    journey.follow(menu.get_by_role("link", name="Impact"))
    journey.goto("/peers/")
    assert page.locator("h1").inner_text() == "You cannot see this page"
