"""The peers who may fill a team place: a page at a time, sorted and filtered, with the
same eligibility rules and the reasons against anyone found by name."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.engagements.team import selectors as team
from peerwork.offers.models import Offer
from tests.councils.factories import CouncilFactory, RegionFactory
from tests.engagements.factories import EngagementFactory, TeamMemberFactory
from tests.pagination import assert_paginates
from tests.peers.factories import (
    DeclaredInterestFactory,
    MemberPeerFactory,
    PeerFactory,
    PeerSkillFactory,
)

pytestmark = pytest.mark.django_db
MARCH = datetime.date(2027, 3, 9)


@pytest.fixture
def panel():
    """A remote panel in Reading: places Member peer, Officer peer ×2 (place 2 is an
    officer's), no skills or accreditation."""
    council = CouncilFactory(
        short_name="Reading", latitude=Decimal("51.454"), longitude=Decimal("-0.973")
    )
    return EngagementFactory(
        council=council,
        offer=Offer.objects.get(slug="recovery-and-renewal-panel"),
        preferred_from=MARCH,
        preferred_to=MARCH,
    )


@pytest.fixture
def staff(client, sign_in):
    return sign_in(Role.PROGRAMME_STAFF)


def _url(engagement, number=2):
    return reverse("engagements:place", args=[engagement.pk, number])


def _names(client, engagement, **params):
    return [p.full_name for p in client.get(_url(engagement), params).context["page"]]


def _at(name, lat, lon, **extra):
    council = CouncilFactory(latitude=Decimal(lat), longitude=Decimal(lon), **extra)
    return PeerFactory(full_name=name, home_council=council)


def test_the_place_lists_fifty_eligible_peers_a_page(client, staff, panel):
    PeerFactory.create_batch(55)

    page = assert_paginates(client, _url(panel), per_page=50, params={"sort": "load"})

    assert page.paginator.count == 55


def test_peers_sort_by_name_by_fewest_engagements_or_by_nearest(client, staff, panel):
    _at("Ann Far", "55.953", "-3.188")  # Edinburgh
    near = _at("Bea Near", "51.441", "-0.941")  # Wokingham
    _at("Cy Middle", "52.486", "-1.890")  # Birmingham
    PeerFactory(full_name="Dee Unknown")  # a council without coordinates
    for _ in range(2):
        TeamMemberFactory(peer=near, status="accepted", engagement=EngagementFactory())

    by_name = _names(client, panel)
    by_load = _names(client, panel, sort="load")
    nearest = client.get(_url(panel), {"sort": "distance"})

    assert by_name == ["Ann Far", "Bea Near", "Cy Middle", "Dee Unknown"]
    assert by_load == ["Ann Far", "Cy Middle", "Dee Unknown", "Bea Near"]
    assert [p.full_name for p in nearest.context["page"]] == [
        "Bea Near",
        "Cy Middle",
        "Ann Far",
        "Dee Unknown",
    ]
    html = nearest.content.decode()
    assert "3 km" in html and "Not known" in html


def test_filters_narrow_the_list_by_region_skill_and_kind(client, staff, panel):
    north = RegionFactory(name="North West")
    northern = PeerFactory(full_name="Nia North", home_council=CouncilFactory(region=north))
    skilled = PeerSkillFactory(peer=PeerFactory(full_name="Sam Skilled")).peer
    PeerFactory(full_name="Oli Officer")

    assert _names(client, panel, region="north-west") == [northern.full_name]
    assert _names(client, panel, skill="finance") == [skilled.full_name]
    assert 'name="kind"' not in client.get(_url(panel)).content.decode()  # officers only


def test_a_place_for_either_kind_filters_by_kind(client, staff):
    offer = Offer.objects.get(slug="bespoke-remote-peer-support")
    offer.team_places.filter(role="Officer peer").update(peer_kind="any")
    bespoke = EngagementFactory(offer=offer, preferred_from=MARCH)
    either = next(p.number for p in team.team_places(bespoke) if p.peer_kind == "any")
    member = MemberPeerFactory(full_name="Mo Member")
    officer = PeerFactory(full_name="Oli Officer")

    def names(**params):
        return [p.full_name for p in client.get(_url(bespoke, either), params).context["page"]]

    assert names() == [member.full_name, officer.full_name]
    assert names(kind="member") == [member.full_name]
    assert names(kind="officer") == [officer.full_name]


def test_a_name_search_still_says_why_others_cannot_be_chosen(client, staff, panel):
    good = PeerFactory(full_name="Olive Good")
    conflicted = PeerFactory(full_name="Olive Conflict")
    DeclaredInterestFactory(peer=conflicted, council=panel.council, reason="Former partner")
    MemberPeerFactory(full_name="Olive Member")
    PeerFactory(full_name="Someone Else")

    page = client.get(_url(panel), {"q": "olive"})
    html = page.content.decode()

    assert [p.full_name for p in page.context["page"]] == [good.full_name]
    assert "Cannot be chosen" in html
    assert "conflict with this council: declared interest: Former partner" in html
    assert "the place needs a Officer peer" in html


def test_a_long_list_of_peers_who_cannot_be_chosen_is_cut_short(client, staff, panel):
    MemberPeerFactory.create_batch(53, full_name="Olive Member")

    page = client.get(_url(panel), {"q": "Olive"})

    assert len(page.context["excluded"].rows) == 50 and page.context["excluded"].total == 53
    assert "first 50 of the 53 peers" in page.content.decode()


def test_a_filter_that_is_not_a_choice_is_a_message_not_an_error(client, staff, panel):
    PeerFactory(full_name="Olive Good")

    page = client.get(_url(panel), {"sort": "age", "region": "\x00", "skill": "juggling"})

    assert page.status_code == 200
    html = page.content.decode()
    assert "Choose an order from the list" in html and "Choose a skill from the list" in html
    assert _names(client, panel, sort="age") == ["Olive Good"]


def test_the_place_page_takes_the_same_queries_however_many_peers(client, staff, panel):
    PeerFactory.create_batch(3)

    def queries(**params):
        with CaptureQueriesContext(connection) as captured:
            client.get(_url(panel), params)
        return len(captured)

    few = queries(sort="distance")
    for peer in PeerFactory.create_batch(60):
        PeerSkillFactory(peer=peer)
        TeamMemberFactory(peer=peer, status="accepted", engagement=EngagementFactory())
    assert queries(sort="distance") == few


def test_inviting_still_checks_the_peer_may_fill_the_place(client, staff):
    bespoke = EngagementFactory(
        offer=Offer.objects.get(slug="bespoke-remote-peer-support"), preferred_from=MARCH
    )
    chosen = PeerFactory(full_name="Olive Good")
    conflicted = PeerFactory(full_name="Olive Conflict", home_council=bespoke.council)

    refused = client.post(_url(bespoke), {"peer": conflicted.pk})
    invited = client.post(_url(bespoke), {"peer": chosen.pk})

    assert refused.status_code == 302 and not bespoke.team.filter(peer=conflicted).exists()
    assert invited.status_code == 302 and bespoke.team.filter(peer=chosen).exists()
