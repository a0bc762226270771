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
