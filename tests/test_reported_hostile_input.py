"""The hostile requests that gave server errors when peerwork was attacked (issue 13),
each sent again exactly: now a message, a "not found" or the page as if the value were
missing. On PostgreSQL (as .ci/run runs the suite) the null bytes reached the database.
tests/test_hostile_input.py sends many more of their kind to every URL."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from peerwork.accounts.models import Role
from peerwork.engagements.models import Session
from peerwork.offers.forms import MOST_PLACES
from peerwork.offers.models import Offer
from tests.accounts.factories import UserFactory
from tests.councils.factories import RegionFactory
from tests.engagements.factories import EngagementFactory, SessionFactory
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "query",
    [
        {"council": "\x00"},  # the filter's old name, sent by the attack: now ignored
        {"q": "\x00"},
        {"q": "Bright\x00on", "offer": "\x00", "region": "\x00", "year": "\x00"},
    ],
)
def test_a_null_byte_in_the_public_reports_filters_is_refused_with_a_message(client, query):
    response = client.get(reverse("reports:published-list"), query)

    assert response.status_code == 200
    if "q" in query:
        assert b"There is a problem" in response.content


def test_a_null_byte_in_a_council_address_is_not_found(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)

    assert client.get("/councils/%00/").status_code == 404
    assert client.get("/councils/T%00/").status_code == 404


def test_a_null_byte_in_the_users_search_is_refused_with_a_message(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)

    response = client.get(reverse("accounts:users"), {"q": "\x00"})

    assert response.status_code == 200
    assert b"There is a problem" in response.content


def test_a_null_byte_for_the_offer_asked_for_is_ignored(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)

    response = client.get(reverse("engagements:request"), {"offer": "\x00"})

    assert response.status_code == 200


def _session_form(session, **changes):
    day = timezone.localtime(session.starts_at)
    return {
        "sequence": str(session.sequence),
        "kind": session.kind,
        "day-day": str(day.day),
        "day-month": str(day.month),
        "day-year": str(day.year),
        "starts": "09:00",
        "ends": "17:00",
        "venue": "Town hall",
    } | changes


@pytest.mark.parametrize(
    "part, value",
    [("day", HUGE), ("month", HUGE), ("year", HUGE), ("day", "9" * 5000), ("year", "²⁰²⁷")],
)
def test_a_huge_number_in_a_date_input_is_not_a_real_date(client, sign_in, part, value):
    sign_in(Role.PROGRAMME_STAFF)
    session = SessionFactory()
    url = reverse("engagements:session-change", args=[session.engagement_id, session.pk])

    response = client.post(url, _session_form(session, **{f"day-{part}": value}))

    assert response.status_code == 200
    assert "Day must be a real date, like 27 3 2027" in response.content.decode()


def test_a_date_far_from_any_record_is_refused_before_a_month_is_added_to_it(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    session = SessionFactory()
    url = reverse("engagements:session-change", args=[session.engagement_id, session.pk])

    response = client.post(url, _session_form(session, **{"day-day": "31", "day-year": "9999"}))

    assert "Day must be between 1900 and 2100" in response.content.decode()


def test_a_huge_year_in_the_public_reports_filter_is_refused_with_a_message(client):
    response = client.get(reverse("reports:published-list"), {"year": HUGE})

    assert response.status_code == 200
    assert b"Choose a year from the list" in response.content


@pytest.mark.parametrize("month", ["9999-12", "0001-01", f"{HUGE}-01", "2027-99", "-1-1"])
def test_a_month_at_the_end_of_the_calendar_shows_this_month(client, month):
    user = UserFactory(role=Role.PEER)
    PeerFactory(user=user, email=user.email)
    client.force_login(user)

    response = client.get(reverse("peers:my-availability"), {"month": month})

    assert response.status_code == 200
    assert f"{timezone.localdate():%B %Y}" in response.content.decode()


def test_a_month_near_the_edge_still_shows_with_its_neighbours(client):
    user = UserFactory(role=Role.PEER)
    PeerFactory(user=user, email=user.email)
    client.force_login(user)

    response = client.get(reverse("peers:my-availability"), {"month": "2100-12"})

    assert "December 2100" in response.content.decode()
    assert "month=2101-01" in response.content.decode()


@pytest.mark.parametrize("sequence", ["x", "", HUGE, "1.5", "\x00"])
def test_a_session_edited_with_a_sequence_that_is_not_a_number_is_a_conflict(
    client, sign_in, sequence
):
    sign_in(Role.PROGRAMME_STAFF)
    session = SessionFactory()
    url = reverse("engagements:session-change", args=[session.engagement_id, session.pk])

    response = client.post(url, _session_form(session, sequence=sequence, venue="Elsewhere"))

    assert response.status_code == 200
    assert "Someone else changed this session meanwhile" in response.content.decode()
    assert Session.objects.get(pk=session.pk).venue == session.venue


@pytest.mark.parametrize("peer", ["abc", "", HUGE, "-1", "\x00", "1e3"])
def test_a_team_place_chosen_with_a_peer_that_is_not_an_id_is_not_found(client, sign_in, peer):
    sign_in(Role.PROGRAMME_STAFF)
    engagement = EngagementFactory()

    response = client.post(reverse("engagements:place", args=[engagement.pk, 1]), {"peer": peer})

    assert response.status_code == 404
    assert not engagement.team.exists()


@pytest.mark.parametrize("region", [HUGE, "9" * 30, "-" + HUGE, "x"])
def test_a_region_id_no_database_holds_is_refused_with_a_message(client, sign_in, region):
    sign_in(Role.ADMINISTRATOR)
    adviser = UserFactory(role=Role.PRINCIPAL_ADVISER, full_name="Ada Adviser")

    response = client.post(
        reverse("accounts:user-edit", args=[adviser.pk]),
        {
            "full_name": "Ada Adviser",
            "roles": Role.PRINCIPAL_ADVISER,
            "regions": [str(RegionFactory().pk), region],
            "is_active": "on",
            "version": adviser.version,
        },
    )

    assert response.status_code == 200
    assert b"is not a valid value" in response.content
    assert not adviser.advised_regions.exists()


def test_a_huge_team_total_on_a_new_offer_reads_no_more_than_the_most_places(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)

    response = client.post(
        reverse("offers:new"),
        {
            "name": "Shadow offer",
            "team-TOTAL_FORMS": "99999999",
            "team-INITIAL_FORMS": "0",
            **{f"team-{n}-role": f"Place {n}" for n in range(MOST_PLACES + 5)},
        },
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert f"A team template can have at most {MOST_PLACES} kinds of place" in content
    assert content.count('name="team-') <= MOST_PLACES * 8
    assert f'name="team-{MOST_PLACES}-role"' not in content
    assert not Offer.objects.filter(name="Shadow offer").exists()


def test_a_date_in_range_is_still_read(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    session = SessionFactory()
    url = reverse("engagements:session-change", args=[session.engagement_id, session.pk])

    response = client.post(
        url, _session_form(session, **{"day-day": "07", "day-month": "4", "day-year": "2027"})
    )

    assert response.status_code == 302
    changed = Session.objects.get(pk=session.pk)
    assert timezone.localtime(changed.starts_at).date() == datetime.date(2027, 4, 7)
