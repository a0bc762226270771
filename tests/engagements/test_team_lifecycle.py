"""A team place's transition table: the moves it refuses, and the history every move
leaves, from the invitation to the peer's answer."""

import pytest
from django.core.exceptions import ValidationError

from peerwork.accounts.models import Role
from peerwork.engagements.models import MemberStatus, MemberStatusChange
from peerwork.engagements.team import lifecycle, services
from peerwork.engagements.team.selectors import team_places
from peerwork.offers.models import Offer
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, TeamMemberFactory
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db

INVITED, ACCEPTED, DECLINED, WITHDRAWN = (
    MemberStatus.INVITED,
    MemberStatus.ACCEPTED,
    MemberStatus.DECLINED,
    MemberStatus.WITHDRAWN,
)
LEGAL = [(status, target) for status, moves in lifecycle.MOVES.items() for target in moves]
ILLEGAL = [
    (status, target)
    for status in MemberStatus.values
    for target in MemberStatus.values
    if target not in lifecycle.MOVES[status]
]


def test_a_peer_answers_an_invitation_once_and_may_be_taken_off_the_team():
    assert sorted(LEGAL) == sorted(
        [(INVITED, ACCEPTED), (INVITED, DECLINED), (INVITED, WITHDRAWN), (ACCEPTED, WITHDRAWN)]
    )


@pytest.mark.parametrize(("status", "target"), ILLEGAL)
def test_a_move_the_table_does_not_allow_is_refused_and_changes_nothing(status, target):
    member = TeamMemberFactory(status=status)

    with pytest.raises(ValidationError):
        lifecycle.member_move(member, target, by=UserFactory(), reason="Away that week")

    member.refresh_from_db()
    assert (member.status, member.responded_at) == (status, None)
    assert not MemberStatusChange.objects.exists()


@pytest.mark.parametrize(("status", "target"), LEGAL)
def test_each_move_the_table_allows_writes_one_row_with_who_made_it(status, target):
    member = TeamMemberFactory(status=status)
    by = UserFactory(role=Role.PROGRAMME_STAFF)

    lifecycle.member_move(member, target, by=by, reason="Away that week")

    change = MemberStatusChange.objects.get()
    assert (change.member, change.from_status, change.to_status, change.by) == (
        member,
        status,
        target,
        by,
    )
    member.refresh_from_db()
    assert member.status == target
    assert (member.responded_at == change.at) == (target in lifecycle.ANSWERS)
    assert member.decline_reason == ("Away that week" if target == DECLINED else "")


def test_declining_needs_a_reason():
    member = TeamMemberFactory()

    with pytest.raises(ValidationError, match="Tell us why"):
        lifecycle.member_move(member, DECLINED, by=None, reason="  ")

    member.refresh_from_db()
    assert member.status == INVITED
    assert not MemberStatusChange.objects.exists()


def test_the_invitation_and_the_answer_are_kept_with_who_made_them():
    engagement = EngagementFactory(offer=Offer.objects.get(slug="recovery-and-renewal-panel"))
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    peer = PeerFactory(user=UserFactory(role=Role.PEER))

    member = services.member_invite(
        engagement=engagement,
        place=team_places(engagement)[0],
        peer=peer,
        by=staff,
        base_url="https://peerwork.example/",
    )
    services.member_respond(member=member, user=peer.user, accept=False, reason="On leave")

    assert [(c.from_status, c.to_status, c.by, c.reason) for c in member.history.all()] == [
        ("", INVITED, staff, ""),
        (INVITED, DECLINED, peer.user, "On leave"),
    ]
    with pytest.raises(ValidationError, match="already answered this invitation: declined"):
        services.member_respond(member=member, user=peer.user, accept=True)
    assert member.history.count() == 2
