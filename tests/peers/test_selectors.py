import datetime

import pytest

from peerwork.peers.selectors import conflicts_for_peers, peer_accreditation_state, peer_conflicts
from tests.councils.factories import CouncilFactory
from tests.peers.factories import DeclaredInterestFactory, FormerRoleFactory, PeerFactory

pytestmark = pytest.mark.django_db
ON = datetime.date(2027, 3, 1)


def test_conflicts_give_a_reason_for_each_council():
    peer = PeerFactory(home_council=CouncilFactory(short_name="Hometown"))
    DeclaredInterestFactory(
        peer=peer, council=CouncilFactory(short_name="Sisterton"), reason="Sister is leader"
    )
    FormerRoleFactory(
        peer=peer,
        council=CouncilFactory(short_name="Oldham Vale"),
        ended_on=datetime.date(2023, 1, 31),
    )

    conflicts = {c.council_name: c.reason for c in peer_conflicts(peer, on=ON)}

    assert conflicts == {
        "Hometown": "home council",
        "Sisterton": "declared interest: Sister is leader",
        "Oldham Vale": "worked there until 31 January 2023",
    }


def test_former_councils_older_than_the_look_back_are_not_conflicts(settings):
    settings.PEERWORK_CONFLICT_LOOKBACK_YEARS = 5
    peer = PeerFactory()
    FormerRoleFactory(peer=peer, ended_on=datetime.date(2022, 2, 28))
    recent = FormerRoleFactory(peer=peer, ended_on=datetime.date(2022, 3, 1))

    conflicts = conflicts_for_peers([peer.pk], on=ON)[peer.pk]

    assert set(conflicts) == {peer.home_council_id, recent.council_id}


def test_same_county_conflicts_only_when_the_setting_is_on(settings):
    county = CouncilFactory(council_type="CTY", short_name="Shire")
    home = CouncilFactory(county=county)
    neighbour = CouncilFactory(county=county)
    elsewhere = CouncilFactory()
    peer = PeerFactory(home_council=home)

    settings.PEERWORK_CONFLICT_SAME_AREA = False
    assert set(conflicts_for_peers([peer.pk], on=ON)[peer.pk]) == {home.pk}

    settings.PEERWORK_CONFLICT_SAME_AREA = True
    conflicts = conflicts_for_peers([peer.pk], on=ON)[peer.pk]
    assert set(conflicts) == {home.pk, neighbour.pk, county.pk}
    assert elsewhere.pk not in conflicts


def test_conflicts_for_many_peers_in_one_call(django_assert_max_num_queries):
    peers = [PeerFactory() for _ in range(20)]

    with django_assert_max_num_queries(3):
        conflicts = conflicts_for_peers([p.pk for p in peers], on=ON)

    assert all(conflicts[p.pk] == {p.home_council_id: "home council"} for p in peers)


def test_accreditation_state():
    peer = PeerFactory()
    assert peer_accreditation_state(peer, on=ON) == "none"
    peer.accreditations.create(
        name="CPC", completed_on=datetime.date(2024, 1, 1), expires_on=datetime.date(2027, 4, 1)
    )
    assert peer_accreditation_state(peer, on=ON) == "expiring"
    assert peer_accreditation_state(peer, on=datetime.date(2027, 5, 1)) == "expired"
    assert peer_accreditation_state(peer, on=datetime.date(2026, 1, 1)) == "current"
