"""The councils register's list: fifty a page, searched and filtered."""

import pytest
from django.urls import reverse

from peerwork.accounts.models import Role
from tests.councils.factories import CouncilFactory, RegionFactory
from tests.pagination import assert_paginates

pytestmark = pytest.mark.django_db
URL = reverse("councils:list")


def test_staff_see_fifty_councils_a_page_and_page_through_them(client, sign_in):
    sign_in(Role.PRINCIPAL_ADVISER)
    CouncilFactory.create_batch(55)

    assert_paginates(client, URL, per_page=50, params={"region": "south-east"})


def test_the_search_box_is_q_and_narrows_by_name_or_code(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    ashford = CouncilFactory(short_name="Ashford", code="ASF")
    bolton = CouncilFactory(short_name="Bolton", region=RegionFactory(name="North West"))

    def listed(**params):
        return list(client.get(URL, params).context["page"])

    assert listed(q="ashf") == [ashford]
    assert listed(q="ASF") == [ashford]
    assert listed(region="north-west") == [bolton]


def test_a_filter_that_is_not_a_choice_is_a_message_not_an_error(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    CouncilFactory()

    page = client.get(URL, {"region": "\x00", "q": "\x00"})

    assert page.status_code == 200
    assert "Choose a region from the list" in page.content.decode()
