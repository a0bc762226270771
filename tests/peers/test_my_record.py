import datetime

import pytest
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.peers.mine.calendar_month import month_weeks, parse_month, shift_month
from peerwork.peers.models import Unavailability
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.peers.factories import (
    DeclaredInterestFactory,
    FormerRoleFactory,
    PeerFactory,
    UnavailabilityFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def peer(client):
    user = UserFactory(role=Role.PEER)
    client.force_login(user)
    return PeerFactory(user=user, email=user.email, home_council=CouncilFactory(short_name="Home"))


def _dates(prefix, day, month, year):
    return {f"{prefix}-day": day, f"{prefix}-month": month, f"{prefix}-year": year}


def test_profile_shows_each_conflict_with_its_reason(client, peer):
    DeclaredInterestFactory(
        peer=peer, council=CouncilFactory(short_name="Nextdoor"), reason="Spouse"
    )
    FormerRoleFactory(peer=peer, council=CouncilFactory(short_name="Recent"))
    FormerRoleFactory(
        peer=peer,
        council=CouncilFactory(short_name="Longago"),
        ended_on=datetime.date.today() - datetime.timedelta(days=6 * 366),
    )

    page = client.get(reverse("peers:my-profile")).content.decode()

    assert "Home: home council" in page
    assert "Nextdoor: declared interest: Spouse" in page
    assert "Recent: worked there until" in page
    assert "Longago" not in page


def test_editing_the_profile_saves_and_a_stale_edit_is_refused(client, peer):
    url = reverse("peers:my-profile-edit")
    form = {
        "phone": "01632 960001",
        "capacity_engagements": "3",
        "capacity_days": "9",
        "experience": "Ten years as chief executive",
        "version": peer.version,
    }

    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "experience": "Overwritten?"})

    assert "Someone else changed your record" in stale.content.decode()
    peer.refresh_from_db()
    assert (peer.experience, peer.capacity_days, peer.version) == (
        "Ten years as chief executive",
        9,
        2,
    )


def test_skills_are_replaced_and_at_least_one_is_needed(client, peer):
    url = reverse("peers:my-skills")

    refused = client.post(url, {"council_types": ["NMD"]})
    client.post(url, {"skill_finance": "3", "skill_housing": "1", "council_types": ["NMD", "UA"]})

    assert "Choose a level for at least one skill" in refused.content.decode()
    assert sorted((s.skill.slug, s.level) for s in peer.skills.all()) == [
        ("finance", 3),
        ("housing", 1),
    ]
    assert sorted(t.council_type for t in peer.council_types.all()) == ["NMD", "UA"]


def test_two_unavailable_periods_show_in_the_list_and_the_calendar(client, peer):
    url = reverse("peers:my-availability")
    client.post(url, {**_dates("starts_on", 1, 3, 2027), **_dates("ends_on", 3, 3, 2027)})
    client.post(
        url,
        {**_dates("starts_on", 20, 3, 2027), **_dates("ends_on", 21, 3, 2027), "reason": "Holiday"},
    )

    page = client.get(url, {"month": "2027-03"})

    assert peer.unavailability.count() == 2
    content = page.content.decode()
    assert "20 March 2027 – 21 March 2027 (Holiday)" in content
    unavailable = [d.date.day for w in page.context["weeks"] for d in w if d and d.unavailable]
    assert unavailable == [1, 2, 3, 20, 21]
    assert content.count("not available</span>") == 5


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ((10, 3, 2027), (1, 3, 2027), "The end date must be the same as or after the start date"),
        ((2, 3, 2027), (5, 3, 2027), "These dates overlap a period you are already unavailable"),
        ((31, 2, 2027), (1, 3, 2027), "The first day must be a real date"),
        ((1, "", 2027), (1, 3, 2027), "The first day must include a month"),
    ],
)
def test_bad_periods_are_refused_with_a_reason_and_nothing_saved(client, peer, start, end, message):
    UnavailabilityFactory(
        peer=peer, starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 3, 3)
    )

    response = client.post(
        reverse("peers:my-availability"), {**_dates("starts_on", *start), **_dates("ends_on", *end)}
    )

    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()
    assert peer.unavailability.count() == 1


def test_a_peer_cannot_remove_another_peers_dates(client, peer):
    theirs = UnavailabilityFactory()

    response = client.post(reverse("peers:my-availability-remove", args=[theirs.pk]))

    assert response.status_code == 404
    assert Unavailability.objects.filter(pk=theirs.pk).exists()


def test_removing_own_dates(client, peer):
    mine = UnavailabilityFactory(peer=peer)

    client.post(reverse("peers:my-availability-remove", args=[mine.pk]))

    assert not peer.unavailability.exists()


def test_declaring_and_withdrawing_an_interest(client, peer):
    other = CouncilFactory(short_name="Elsewhere")
    url = reverse("peers:my-interests")

    client.post(url, {"council": other.pk, "reason": "My brother is the leader"})
    duplicate = client.post(url, {"council": other.pk, "reason": "Again"})
    own = client.post(url, {"council": peer.home_council.pk, "reason": "Mine"})

    assert "already declared an interest in this council" in duplicate.content.decode()
    assert "This is your home council" in own.content.decode()
    interest = peer.interests.get()
    client.post(reverse("peers:my-interests-withdraw", args=[interest.pk]))
    assert not peer.interests.exists()


def test_a_peer_account_with_no_peer_record_gets_not_found(client):
    client.force_login(UserFactory(role=Role.PEER))

    assert client.get(reverse("peers:my-profile")).status_code == 404


def test_calendar_weeks_start_on_monday_with_blank_days_outside_the_month():
    weeks = month_weeks(2027, 3, [(datetime.date(2027, 3, 31), datetime.date(2027, 4, 2))])

    assert weeks[0][0].date == datetime.date(2027, 3, 1)  # 1 March 2027 is a Monday
    assert weeks[-1][2].date.day == 31 and weeks[-1][2].unavailable
    assert weeks[-1][3] is None
    assert parse_month("2027-13", datetime.date(2026, 11, 23)) == datetime.date(2026, 11, 1)
    assert shift_month(datetime.date(2026, 12, 1), 1) == datetime.date(2027, 1, 1)
