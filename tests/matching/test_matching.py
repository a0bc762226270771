"""The matching app: engagements and the pool encoded for the solver, proposals saved,
accepted through the engagements workflow, repaired after a decline, and batches."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from peerwork.accounts.models import Role
from peerwork.engagements.models import Booking, MemberStatus, TeamMember
from peerwork.matching import services
from peerwork.matching.encode import encode
from peerwork.offers.models import Offer
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, SessionFactory, TeamMemberFactory
from tests.peers.factories import (
    DeclaredInterestFactory,
    MemberPeerFactory,
    PeerFactory,
    UnavailabilityFactory,
)

pytestmark = pytest.mark.django_db
MARCH = datetime.date(2027, 3, 9)
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def bespoke():
    """Member peer and officer peer places; no skills or accreditation needed."""
    return EngagementFactory(
        offer=Offer.objects.get(slug="bespoke-remote-peer-support"),
        status="team_forming",
        preferred_from=MARCH,
        preferred_to=MARCH,
    )


@pytest.fixture
def staff():
    return UserFactory(role=Role.PROGRAMME_STAFF)


def _peer_spec(encoded, peer):
    return next(p for p in encoded.instance["peers"] if p["id"] == str(peer.pk))


def test_the_instance_carries_conflicts_availability_and_bookings(bespoke):
    conflicted = PeerFactory()
    DeclaredInterestFactory(peer=conflicted, council=bespoke.council, reason="Partner works there")
    away = PeerFactory()
    UnavailabilityFactory(peer=away, starts_on=MARCH, ends_on=MARCH)
    busy = PeerFactory()
    elsewhere = SessionFactory(
        starts_at=datetime.datetime(2027, 3, 9, 9, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 3, 9, 12, tzinfo=LONDON),
    )
    Booking.objects.create(
        peer=busy, session=elsewhere, starts_at=elsewhere.starts_at, ends_at=elsewhere.ends_at
    )

    encoded = encode([bespoke])

    spec = encoded.instance["engagements"][0]
    assert [s["role"] for s in spec["slots"]] == ["Member peer #1", "Officer peer #2"]
    assert (spec["start"], spec["end"]) == ("2027-03-09", "2027-03-09")
    assert _peer_spec(encoded, conflicted)["avoid_councils"] == [bespoke.council.code]
    assert _peer_spec(encoded, away)["unavailable"] == [["2027-03-09", "2027-03-09"]]
    assert _peer_spec(encoded, busy)["booked"] == [["2027-03-09", "2027-03-09"]]


def test_a_proposal_never_picks_a_conflicted_or_absent_peer(bespoke, staff):
    conflicted = PeerFactory(full_name="Conflicted")
    DeclaredInterestFactory(peer=conflicted, council=bespoke.council)
    away = PeerFactory(full_name="Away")
    UnavailabilityFactory(peer=away, starts_on=MARCH, ends_on=MARCH)
    free = PeerFactory(full_name="Free")
    member = MemberPeerFactory(full_name="Member")

    proposal = services.proposal_make(engagement=bespoke, by=staff)

    chosen = {(row["place"], row["peer"]) for row in proposal.result["assignments"]}
    assert chosen == {(1, str(member.pk)), (2, str(free.pk))}
    assert all("breakdown" in row for row in proposal.result["assignments"])


def test_an_unfillable_place_says_why(bespoke, staff):
    PeerFactory(full_name="Only officer")  # no member peer in the pool at all

    proposal = services.proposal_make(engagement=bespoke, by=staff)

    [unfilled] = proposal.result["unfilled"]
    assert unfilled["place"] == 1 and unfilled["reason"]


def test_locks_and_exclusions_are_kept(bespoke, staff):
    officers = [PeerFactory() for _ in range(3)]
    member = MemberPeerFactory()
    first = services.proposal_make(engagement=bespoke, by=staff)
    proposed = next(r["peer"] for r in first.result["assignments"] if r["place"] == 2)

    second = services.proposal_make(
        engagement=bespoke,
        by=staff,
        locked=[{"place": 1, "peer": member.pk}],
        excluded=[int(proposed)],
    )

    chosen = {row["place"]: row["peer"] for row in second.result["assignments"]}
    assert chosen[1] == str(member.pk)
    assert chosen[2] != proposed and int(chosen[2]) in {o.pk for o in officers}


def test_accepting_sends_the_invitations_through_the_engagement(
    bespoke, staff, django_capture_on_commit_callbacks
):
    PeerFactory()
    MemberPeerFactory()
    proposal = services.proposal_make(engagement=bespoke, by=staff)

    with django_capture_on_commit_callbacks(execute=True):
        invited = services.proposal_accept(proposal=proposal, by=staff, base_url="http://t/")

    assert len(invited) == 2 == len(mail.outbox)
    assert set(TeamMember.objects.values_list("status", flat=True)) == {MemberStatus.INVITED}
    with pytest.raises(ValidationError):
        services.proposal_accept(proposal=proposal, by=staff, base_url="http://t/")


def test_repair_replaces_only_the_peer_who_declined(bespoke, staff):
    member = MemberPeerFactory()
    stays = TeamMemberFactory(engagement=bespoke, place=1, role="Member peer", peer=member)
    declined = TeamMemberFactory(
        engagement=bespoke, place=2, role="Officer peer", status=MemberStatus.DECLINED
    )
    other = PeerFactory()

    proposal = services.proposal_make(engagement=bespoke, by=staff, repair=True)
    services.proposal_accept(proposal=proposal, by=staff, base_url="http://t/")

    live = TeamMember.objects.filter(status__in=["invited", "accepted"])
    assert {(m.place, m.peer_id) for m in live} == {(1, member.pk), (2, other.pk)}
    assert declined.peer_id != other.pk
    stays.refresh_from_db()
    assert stays.status == MemberStatus.INVITED


def test_a_team_changed_while_the_solver_worked_is_not_overwritten(bespoke, staff, monkeypatch):
    PeerFactory()
    MemberPeerFactory()
    real_solve = services.solve
    invited_meanwhile = MemberPeerFactory()

    def someone_invites_a_peer_meanwhile(instance, **options):
        answer = real_solve(instance, **options)
        TeamMemberFactory(engagement=bespoke, place=1, role="Member peer", peer=invited_meanwhile)
        return answer

    monkeypatch.setattr(services, "solve", someone_invites_a_peer_meanwhile)
    with pytest.raises(ValidationError, match="team changed while the solver was working"):
        services.proposal_make(engagement=bespoke, by=staff)

    assert not bespoke.proposals.exists()


def test_the_solver_works_outside_any_transaction(bespoke, staff, monkeypatch):
    from django.db import connection

    PeerFactory()
    MemberPeerFactory()
    real_solve = services.solve
    depth = []

    def solve_noting_the_transaction(instance, **options):
        depth.append(len(connection.savepoint_ids))
        return real_solve(instance, **options)

    monkeypatch.setattr(services, "solve", solve_noting_the_transaction)
    before = len(connection.savepoint_ids)  # the test's own transaction
    services.proposal_make(engagement=bespoke, by=staff)

    assert depth == [before]  # no atomic block of proposal_make's own around the solve


def test_a_batch_shares_the_pool_across_engagements(staff, django_capture_on_commit_callbacks):
    offer = Offer.objects.get(slug="bespoke-remote-peer-support")
    engagements = [
        EngagementFactory(
            offer=offer, status="team_forming", preferred_from=MARCH, preferred_to=MARCH
        )
        for _ in range(2)
    ]
    for _ in range(2):
        PeerFactory()
        MemberPeerFactory()

    with django_capture_on_commit_callbacks(execute=True):
        run = services.batch_start(period_from=MARCH, period_to=MARCH, by=staff)
    run.refresh_from_db()

    assert run.status == "done" and run.attempts == 1
    assert run.summary["filled"] == 4 and run.summary["unfilled"] == 0
    peers = [row["peer"] for row in run.result["assignments"]]
    assert len(peers) == len(set(peers))  # same days: nobody on both
    assert all(e.proposals.count() == 1 for e in engagements)


def test_a_batch_with_nothing_to_solve_says_so(staff):
    with pytest.raises(ValidationError, match="No engagement"):
        services.batch_start(period_from=MARCH, period_to=MARCH, by=staff)


def test_a_cancelled_batch_keeps_the_best_teams_found(
    staff, monkeypatch, django_capture_on_commit_callbacks
):
    offer = Offer.objects.get(slug="bespoke-remote-peer-support")
    EngagementFactory(offer=offer, status="team_forming", preferred_from=MARCH)
    PeerFactory()
    MemberPeerFactory()
    real_solve = services.solve

    def cancelled_as_it_starts(instance, **options):
        from peerwork.matching.models import BatchRun

        BatchRun.objects.update(cancel_requested=True)
        return real_solve(instance, **options)

    monkeypatch.setattr(services, "solve", cancelled_as_it_starts)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.batch_start(period_from=MARCH, period_to=MARCH, by=staff)
    run.refresh_from_db()

    assert run.status == "cancelled"
    assert run.result["status"] in ("optimal", "feasible")
