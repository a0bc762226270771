"""The engagements list: a page at a time, searched and filtered, in constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.offers.models import Offer
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory, RegionFactory
from tests.engagements.factories import EngagementFactory
from tests.pagination import assert_paginates

pytestmark = pytest.mark.django_db
URL = reverse("engagements:list")


def _listed(client, **params):
    return list(client.get(URL, params).context["page"])


def test_the_list_shows_fifty_engagements_a_page_and_pages_through_them(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    EngagementFactory.create_batch(53, status="scoping")

    assert_paginates(client, URL, per_page=50, params={"status": "scoping"})


def test_search_and_filters_narrow_the_list(client, sign_in):
    me = sign_in(Role.PROGRAMME_STAFF)
    north = RegionFactory(name="North West")
    ashford = EngagementFactory(council=CouncilFactory(short_name="Ashford", code="ASF"))
    bolton = EngagementFactory(
        council=CouncilFactory(short_name="Bolton", region=north),
        offer=Offer.objects.get(slug="finance-peer-challenge"),
        status="scoping",
        manager=me,
    )

    assert _listed(client, q="ashf") == [ashford]
    assert _listed(client, q="asf") == [ashford]  # a council's code
    assert _listed(client, status="scoping") == [bolton]
    assert _listed(client, offer="finance-peer-challenge") == [bolton]
    assert _listed(client, region="north-west") == [bolton]
    assert _listed(client, mine="on") == [bolton]
    assert set(_listed(client)) == {ashford, bolton}


def test_a_wrong_filter_is_a_message_and_the_others_still_apply(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    ashford = EngagementFactory(council=CouncilFactory(short_name="Ashford"))
    EngagementFactory(council=CouncilFactory(short_name="Bolton"))

    page = client.get(URL, {"q": "Ashford", "status": "no-such-status", "region": "\x00"})

    assert page.status_code == 200
    assert "govuk-error-summary" in page.content.decode()
    assert list(page.context["page"]) == [ashford]
    assert "Choose a status from the list" in page.content.decode()


def test_control_characters_in_the_search_are_refused_without_an_error(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    EngagementFactory()

    page = client.get(URL, {"q": "Ash\x00ford\x01", "page": "\x00"})

    assert page.status_code == 200 and "govuk-error-summary" in page.content.decode()
    assert len(page.context["page"]) == 1  # the search was left out


def test_an_adviser_filters_to_their_regions_and_sees_a_short_list_waiting(client):
    adviser = UserFactory(role=Role.PRINCIPAL_ADVISER)
    ours = RegionFactory(name="North East")
    ours.principal_advisers.add(adviser)
    waiting = EngagementFactory.create_batch(12, council=CouncilFactory(region=ours))
    elsewhere = EngagementFactory(council=CouncilFactory(region=RegionFactory(name="London")))
    client.force_login(adviser)

    page = client.get(URL)
    mine = _listed(client, my_regions="on", status="requested")

    assert len(page.context["waiting"].rows) == 10 and page.context["waiting"].total == 12
    assert "See all 12 requests waiting" in page.content.decode()
    assert 'href="/engagements/?status=requested&amp;my_regions=on"' in page.content.decode()
    assert set(mine) == set(waiting) and elsewhere not in mine


def test_a_council_contact_has_no_search_or_region_filter_and_sees_only_their_own(client):
    ours = EngagementFactory()
    EngagementFactory()
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT, council=ours.council))

    page = client.get(URL, {"q": "Testborough", "region": "south-east"})

    assert list(page.context["page"]) == [ours]
    assert 'name="q"' not in page.content.decode()
    assert 'name="region"' not in page.content.decode()


def test_the_list_takes_the_same_queries_however_many_engagements(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    EngagementFactory.create_batch(3)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(URL)
        return len(captured)

    few = queries()
    EngagementFactory.create_batch(60)
    assert queries() == few
