"""The public list of published reports: twenty a page, filtered, in constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peerwork.offers.models import Offer
from peerwork.reports.models import Report
from tests.councils.factories import CouncilFactory, RegionFactory
from tests.engagements.factories import EngagementFactory
from tests.pagination import assert_paginates

pytestmark = pytest.mark.django_db
URL = reverse("reports:published-list")


def _published(year=2026, **engagement):
    return Report.objects.create(
        engagement=EngagementFactory(status="published", **engagement),
        kind=Report.Kind.REPORT,
        status=Report.Status.PUBLISHED,
        published_at=timezone.make_aware(datetime.datetime(year, 6, 1, 12)),
    )


def _listed(client, **params):
    return list(client.get(URL, params).context["page"])


def test_anyone_sees_twenty_reports_a_page_and_pages_through_them(client):
    for _ in range(23):
        _published()

    assert_paginates(client, URL, per_page=20, params={"year": "2026"})


def test_search_and_filters_narrow_the_list(client):
    ashford = _published(council=CouncilFactory(short_name="Ashford"), year=2025)
    bolton = _published(
        council=CouncilFactory(short_name="Bolton", region=RegionFactory(name="North West")),
        offer=Offer.objects.get(slug="finance-peer-challenge"),
    )

    assert _listed(client, q="ashf") == [ashford]
    assert _listed(client, offer="finance-peer-challenge") == [bolton]
    assert _listed(client, region="north-west") == [bolton]
    assert _listed(client, year="2025") == [ashford]
    assert _listed(client) == [bolton, ashford]  # newest first


@pytest.mark.parametrize(
    "params",
    [{"year": "99999999999"}, {"year": "2019"}, {"offer": "\x00"}, {"region": "nowhere"}],
)
def test_a_filter_that_is_not_a_choice_is_a_message_not_an_error(client, params):
    report = _published()

    page = client.get(URL, params)

    assert page.status_code == 200
    assert "govuk-error-summary" in page.content.decode()
    assert list(page.context["page"]) == [report]


def test_the_list_takes_the_same_queries_however_many_reports(client):
    _published()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(URL)
        return len(captured)

    few = queries()
    for year in (2024, 2025, 2026) * 10:
        _published(year=year)
    assert queries() == few
