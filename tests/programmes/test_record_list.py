"""A kind of programme record's list: fifty a page, by year, and searched where the kind
has something to search."""

import datetime

import pytest
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.programmes.kinds import KINDS
from tests.councils.factories import CouncilFactory
from tests.pagination import assert_paginates
from tests.programmes.factories import LeadershipCohortFactory, LeadershipParticipantFactory

pytestmark = pytest.mark.django_db


def _url(slug):
    return reverse("programmes:list", args=[slug])


def test_staff_see_fifty_records_a_page_and_page_through_them(client, sign_in):
    sign_in(Role.PRINCIPAL_ADVISER)
    LeadershipParticipantFactory.create_batch(53, cohort=LeadershipCohortFactory())

    assert_paginates(client, _url("leadership-participants"), per_page=50, params={"year": "2024"})


def test_the_search_looks_in_the_kind_s_own_fields_within_the_year(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    this_year = LeadershipCohortFactory(starts_on=datetime.date(2024, 9, 1))
    last_year = LeadershipCohortFactory(starts_on=datetime.date(2023, 9, 1))
    ann = LeadershipParticipantFactory(full_name="Ann Able", cohort=this_year)
    ann_before = LeadershipParticipantFactory(full_name="Ann Earlier", cohort=last_year)
    bolton = LeadershipParticipantFactory(
        full_name="Ben Other", cohort=this_year, council=CouncilFactory(short_name="Bolton")
    )

    def listed(**params):
        return set(client.get(_url("leadership-participants"), params).context["page"])

    assert listed(q="ann") == {ann, ann_before}
    assert listed(q="ann", year="2024") == {ann}
    assert listed(q="bolton") == {bolton}
    page = client.get(_url("leadership-participants")).content.decode()
    assert "Looks in: councillor&#39;s full name, council" in page


def test_a_kind_with_nothing_to_search_has_no_search_box(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)

    page = client.get(_url("polling"), {"q": "ignored"})

    assert not KINDS["polling"].search
    assert 'name="q"' not in page.content.decode()
    assert page.status_code == 200


def test_every_kind_s_search_runs(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)

    for slug, kind in KINDS.items():
        page = client.get(_url(slug), {"q": "nothing like this", "page": "99999999999999999999"})
        assert page.status_code == 200, slug
        assert ('name="q"' in page.content.decode()) is bool(kind.search), slug


def test_a_hostile_search_is_a_message_and_the_year_still_applies(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    kept = LeadershipParticipantFactory(cohort=LeadershipCohortFactory())
    LeadershipParticipantFactory(
        cohort=LeadershipCohortFactory(starts_on=datetime.date(2020, 9, 1))
    )

    page = client.get(_url("leadership-participants"), {"q": "\x00", "year": "2024"})

    assert page.status_code == 200 and "govuk-error-summary" in page.content.decode()
    assert list(page.context["page"]) == [kept]
