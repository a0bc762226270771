"""Given staff and a council contact, when they use the councils register, then ..."""

import pytest
from django.core.management import call_command

from peerwork.accounts.models import Role
from peerwork.councils.models import Region
from tests.accounts.factories import UserFactory
from tests.registers import EXTRACT

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"


@pytest.fixture
def register():
    call_command("import-councils", str(EXTRACT), stdout=open("/dev/null", "w"))  # noqa: SIM115
    adviser = UserFactory(role=Role.PRINCIPAL_ADVISER, full_name="Rowan Adviser")
    adviser.advised_regions.add(Region.objects.get(name="South East"))


def test_staff_find_a_council_and_see_its_region_adviser_and_neighbours(journey, register):
    staff = UserFactory(role=Role.PROGRAMME_STAFF)

    journey.sign_in(staff.email, PASSWORD)
    journey.follow(journey.page.get_by_role("link", name="Councils", exact=True).first)
    journey.page.get_by_label("Name or code").fill("Tandridge")
    journey.follow(journey.page.get_by_role("button", name="Apply filters"))
    journey.follow(journey.page.get_by_role("link", name="Tandridge"))

    page = journey.page
    assert page.locator("h1").inner_text() == "Tandridge"
    facts = page.locator(".govuk-summary-list")
    assert "South East" in facts.inner_text()
    assert "Rowan Adviser" in facts.inner_text()
    neighbours = page.get_by_role("table", name="Neighbouring councils")
    assert neighbours.get_by_role("link", name="Reigate and Banstead").count() == 1
    assert neighbours.get_by_role("link", name="Surrey", exact=True).count() == 1

    journey.follow(page.get_by_role("link", name="South East"))
    assert "Rowan Adviser" in page.locator("main").inner_text()


def test_council_contact_gets_the_403_page_on_a_staff_page(journey, register):
    contact = UserFactory(role=Role.COUNCIL_CONTACT)

    journey.sign_in(contact.email, PASSWORD)
    journey.goto("/councils/")

    assert journey.page.locator("h1").inner_text() == "You cannot see this page"
    assert journey.page.get_by_role("link", name="Councils", exact=True).count() == 0


def test_staff_page_through_the_register_and_choose_a_peer_nearest_the_council(journey, register):
    """The paginated lists, each checked by axe: the councils, then a team place's peers
    sorted by distance, filtered, and paged through to invite someone on page 2."""
    from peerwork.councils.models import Council
    from peerwork.offers.models import Offer
    from tests.councils.factories import CouncilFactory
    from tests.engagements.factories import EngagementFactory
    from tests.peers.factories import PeerFactory

    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    tandridge = Council.objects.get(short_name="Tandridge")
    engagement = EngagementFactory(
        council=tandridge, offer=Offer.objects.get(slug="bespoke-remote-peer-support")
    )
    CouncilFactory.create_batch(30)  # the extract holds 34 councils: make it two pages
    homes = list(Council.objects.current().exclude(pk=tandridge.pk).exclude(latitude=None))
    for n in range(55):
        PeerFactory(full_name=f"Officer {n:02d}", home_council=homes[n % len(homes)])
    page = journey.page

    journey.sign_in(staff.email, PASSWORD)
    journey.goto("/councils/?include_former=on")
    pages = page.get_by_role("navigation", name="Pagination")
    assert pages.get_by_role("link", name="Page 1").get_attribute("aria-current") == "page"
    journey.follow(pages.get_by_role("link", name="Next page"))
    assert "page=2" in page.url and "include_former=on" in page.url

    journey.goto(f"/engagements/{engagement.pk}/team/2/")
    assert "55 eligible peers" in page.locator("main").inner_text()
    page.get_by_label("Sort by").select_option(label="Nearest home council")
    journey.follow(page.get_by_role("button", name="Show peers"))
    first = page.get_by_role("table", name="Eligible peers").locator("tbody tr").first
    assert " km" in first.inner_text()
    journey.follow(
        page.get_by_role("navigation", name="Pagination").get_by_role("link", name="Next page")
    )
    assert "sort=distance" in page.url and "page=2" in page.url
    chosen = page.get_by_role("table", name="Eligible peers").locator("tbody tr").first
    name = chosen.get_by_role("link").first.inner_text()
    journey.follow(chosen.get_by_role("button", name=f"Invite {name}"))
    assert f"{name} has been invited." in page.locator("main").inner_text()
