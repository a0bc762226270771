"""The selectors the views read records through return only what the person may see."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from peerwork.accounts import selectors as accounts
from peerwork.accounts.models import Role
from peerwork.councils import selectors as councils
from peerwork.impact.questions import selectors as questions
from peerwork.impact.targets.selectors import targets_managed_by
from peerwork.matching.selectors import batch_runs_for
from peerwork.offers.models import Offer
from peerwork.offers.selectors import offers_for
from peerwork.peers import selectors as peers
from peerwork.reports.selectors import engagement_for_reports
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.engagements.factories import EngagementFactory, TeamMemberFactory
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db


def test_inactive_offers_are_listed_only_for_those_who_manage_offers():
    Offer.objects.filter(slug="corporate-peer-challenge").update(is_active=False)
    manager = UserFactory(role=Role.PROGRAMME_STAFF)
    contact = UserFactory(role=Role.COUNCIL_CONTACT)

    assert offers_for(manager).filter(slug="corporate-peer-challenge").exists()
    for person in (contact, AnonymousUser()):
        offers = offers_for(person)
        assert offers.exists()
        assert not offers.filter(slug="corporate-peer-challenge").exists()


def test_a_peer_sees_only_their_own_record_and_staff_the_whole_pool():
    mine = PeerFactory(user=UserFactory(role=Role.PEER))
    other = PeerFactory()

    assert list(peers.peers_visible_to(mine.user)) == [mine]
    assert set(peers.peers_visible_to(UserFactory(role=Role.PRINCIPAL_ADVISER))) == {mine, other}
    assert not peers.peers_visible_to(UserFactory(role=Role.COUNCIL_CONTACT)).exists()
    assert not peers.peers_visible_to(AnonymousUser()).exists()


def test_only_managers_reach_the_records_they_manage():
    PeerFactory()
    CouncilFactory()
    manager = UserFactory(role=Role.PROGRAMME_STAFF)
    adviser = UserFactory(role=Role.PRINCIPAL_ADVISER)
    managed = [
        accounts.accounts_managed_by,
        peers.peers_managed_by,
        questions.questions_managed_by,
    ]
    for selector in managed:
        assert selector(manager).exists(), selector.__name__
        assert not selector(adviser).exists(), selector.__name__
    assert not targets_managed_by(adviser).exists()
    assert not peers.applications_for(adviser).exists()


def test_staff_records_are_out_of_reach_of_a_peer_and_a_council():
    CouncilFactory()
    staff = UserFactory(role=Role.PRINCIPAL_ADVISER)
    peer = UserFactory(role=Role.PEER)
    contact = UserFactory(role=Role.COUNCIL_CONTACT)
    for selector in (councils.councils_visible_to, councils.regions_visible_to):
        assert selector(staff).exists(), selector.__name__
        for person in (peer, contact):
            assert not selector(person).exists(), selector.__name__
    assert not batch_runs_for(peer).exists()


def test_a_peer_opens_the_reports_only_of_an_engagement_whose_team_they_are_on():
    engagement = EngagementFactory()
    on_team = UserFactory(role=Role.PEER)
    TeamMemberFactory(engagement=engagement, peer=PeerFactory(user=on_team), status="accepted")
    stranger = UserFactory(role=Role.PEER)
    PeerFactory(user=stranger)

    assert engagement_for_reports(on_team, engagement.pk) == engagement
    with pytest.raises(Http404):
        engagement_for_reports(stranger, engagement.pk)
