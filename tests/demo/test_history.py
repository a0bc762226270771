"""The demo's engagements keep the rules the services keep, over every offer and stage.

The demo is loaded once for the module (on the demo's own pool) and rolled back after.
"""

import datetime
import io
from collections import defaultdict
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from peerwork.demo.history.making import History
from peerwork.demo.history.specs import demo_specs
from peerwork.demo.loader import (
    demo_engagements_load,
    demo_load,
    demo_peer_record_link,
    demo_pool_load,
)
from peerwork.demo.management.commands.demo import DATA
from peerwork.engagements.models import (
    Booking,
    Engagement,
    Exit,
    MemberStatus,
    Part,
    Session,
    SessionKind,
    TeamMember,
)
from peerwork.engagements.team import lifecycle as team_lifecycle
from peerwork.engagements.team.selectors import engagement_date
from peerwork.offers.models import Format, Offer, Stage
from peerwork.peers.models import Peer, Unavailability
from peerwork.peers.selectors import conflicts_for_peers, load_this_year
from peerwork.reports import lifecycle as report_lifecycle
from peerwork.reports.models import AccuracyComment, Action, Recommendation, Report
from peerwork.reports.services import add_months

TODAY = datetime.date(2026, 11, 25)
# Smaller than the demo's pool, so the module loads quickly; still enough for full teams.
POOL_SIZE = 900
NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 18, 0))
ORDER = list(Stage.values)
AFTER_ACTION_PLAN = ORDER[ORDER.index(Stage.ACTION_PLAN_PUBLISHED) :]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import-councils", str(DATA / "councils.csv"), stdout=io.StringIO())
        demo_load()
        demo_peer_record_link()
        demo_pool_load(size=POOL_SIZE)
        demo_engagements_load(today=TODAY)
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_every_active_offer_appears_at_every_stage_it_uses():
    for offer in Offer.objects.filter(is_active=True):
        statuses = set(offer.engagements.values_list("status", flat=True))

        assert set(offer.stages) <= statuses, offer.slug


def test_some_engagements_were_declined_withdrawn_or_cancelled_with_a_reason():
    for exit in Exit.values:
        ended = Engagement.objects.filter(status=exit)

        assert ended.exists(), exit
        for engagement in ended:
            assert engagement.history.last().reason


def test_history_walks_the_offers_stages_in_order_from_the_request_to_now():
    for engagement in Engagement.objects.select_related("offer").prefetch_related("history"):
        changes = list(engagement.history.all())
        stages = [c.to_status for c in changes if c.to_status not in Exit.values]

        assert changes[0].from_status == "" and changes[0].to_status == Stage.REQUESTED
        assert changes[-1].to_status == engagement.status
        assert all(a.to_status == b.from_status for a, b in pairwise(changes))
        assert stages == [s for s in ORDER if s in engagement.offer.stages][: len(stages)]
        assert all(a.at < b.at for a, b in pairwise(changes))
        assert changes[0].at.date() >= datetime.date(2023, 4, 1)
        assert changes[-1].at <= NOW


def test_no_peer_has_two_overlapping_live_bookings():
    by_peer = defaultdict(list)
    for booking in Booking.objects.filter(live=True):
        by_peer[booking.peer_id].append((booking.starts_at, booking.ends_at))

    assert by_peer
    for spans in by_peer.values():
        spans.sort()
        assert all(earlier[1] <= later[0] for earlier, later in pairwise(spans))


def test_nobody_is_booked_on_a_day_they_are_away():
    away = defaultdict(list)
    for period in Unavailability.objects.all():
        away[period.peer_id].append((period.starts_on, period.ends_on))

    for booking in Booking.objects.filter(live=True):
        day = timezone.localdate(booking.starts_at)
        assert not any(start <= day <= end for start, end in away[booking.peer_id])


def test_no_team_member_has_a_conflict_with_the_engagements_council():
    for engagement in Engagement.objects.all():
        peer_ids = list(engagement.team.values_list("peer_id", flat=True))
        conflicts = conflicts_for_peers(peer_ids, on=engagement_date(engagement))

        for peer_id in peer_ids:
            assert engagement.council_id not in conflicts.get(peer_id, {})


def test_team_members_are_of_the_places_kind_and_not_away_on_the_dates():
    members = TeamMember.objects.select_related("engagement", "peer").prefetch_related(
        "peer__unavailability"
    )
    for member in members.filter(part=Part.MAIN):
        engagement = member.engagement
        seats = [
            p.peer_kind
            for p in engagement.offer.team_places.all()
            if p.peer_kind != "staff"
            for _seat in range(p.count)
        ]
        kind = dict(enumerate(seats, start=1))
        assert kind[member.place] in ("any", member.peer.kind)
        assert not any(
            u.starts_on <= engagement.preferred_to and u.ends_on >= engagement.preferred_from
            for u in member.peer.unavailability.all()
        )


def test_no_peer_is_over_capacity_in_any_year():
    capacity = dict(Peer.objects.values_list("pk", "capacity_engagements"))

    for year in range(2022, 2028):
        load = load_this_year(list(capacity), on=datetime.date(year, 4, 1))
        for peer_id, used in load.items():
            assert used["engagements"] <= capacity[peer_id]


def test_teams_are_full_once_confirmed_and_some_places_were_declined_then_refilled():
    confirmed = Engagement.objects.filter(
        status__in=ORDER[ORDER.index(Stage.TEAM_CONFIRMED) :]
    ).prefetch_related("offer__team_places", "team")
    for engagement in confirmed:
        places = sum(p.count for p in engagement.offer.team_places.all() if p.peer_kind != "staff")
        accepted = [
            m for m in engagement.team.all() if m.part == Part.MAIN and m.status == "accepted"
        ]
        assert len(accepted) == places, engagement

    declined = TeamMember.objects.filter(status=MemberStatus.DECLINED, part=Part.MAIN).exclude(
        engagement__status__in=Exit.values
    )
    assert declined.exists()
    for member in declined:
        assert member.decline_reason
        assert member.engagement.team.filter(
            place=member.place, part=Part.MAIN, status__in=["invited", "accepted"]
        ).exists()


def test_sessions_suit_the_offer_and_book_exactly_the_accepted_team():
    for session in Session.objects.select_related("engagement__offer").prefetch_related("bookings"):
        engagement = session.engagement
        if session.kind == SessionKind.PROGRESS_REVIEW:
            part = Part.PROGRESS_REVIEW
        else:
            part = Part.MAIN
            expected = {
                Format.ON_SITE: {SessionKind.ON_SITE},
                Format.REMOTE: {SessionKind.REMOTE_PANEL},
                Format.HYBRID: {SessionKind.ON_SITE, SessionKind.REMOTE_PANEL},
            }[engagement.offer.format]
            assert session.kind in expected
            day = timezone.localdate(session.starts_at)
            assert engagement.preferred_from <= day <= engagement.preferred_to
        accepted = set(
            engagement.team.filter(part=part, status="accepted").values_list("peer_id", flat=True)
        )
        booked = {b.peer_id for b in session.bookings.all() if b.live}
        assert booked == (set() if session.cancelled else accepted)


def test_every_published_report_has_sections_and_numbered_recommendations():
    published = Report.objects.filter(status=Report.Status.PUBLISHED)

    assert published.exists()
    for report in published:
        sections = list(report.sections.all())
        assert sections and all(s.findings for s in sections)
        recommendations = Recommendation.objects.filter(section__report=report)
        assert recommendations.count() >= 1
        assert report.published_at <= NOW


def test_engagements_past_report_drafting_have_a_report_of_two_to_four_recommendations():
    later = Engagement.objects.filter(
        status__in=ORDER[ORDER.index(Stage.FACTUAL_ACCURACY_CHECK) :]
    ).select_related("offer")
    for engagement in later:
        if Stage.REPORT_DRAFTING not in engagement.offer.stages:
            continue
        report = engagement.reports.get(kind=Report.Kind.REPORT)
        count = Recommendation.objects.filter(section__report=report).count()
        assert 2 <= count <= 4
        headings = list(report.sections.values_list("heading", flat=True))
        assert headings[: len(engagement.help_with)] == engagement.help_with


def test_every_engagement_from_action_plan_published_on_has_an_action_for_every_recommendation():
    later = Engagement.objects.filter(status__in=AFTER_ACTION_PLAN)
    checked = 0
    for engagement in later:
        if Stage.ACTION_PLAN_PUBLISHED not in engagement.offer.stages:
            continue
        report = engagement.reports.get(kind=Report.Kind.REPORT)
        assert report.action_plan_published_at is not None
        assert not Recommendation.objects.filter(
            section__report=report, action__isnull=True
        ).exists()
        checked += 1

    assert checked
    overdue = Action.objects.filter(due_on__lt=TODAY).exclude(status=Action.Status.DONE)
    assert overdue.exists()


def test_reports_in_the_factual_accuracy_check_have_an_open_council_comment():
    checking = Engagement.objects.filter(status=Stage.FACTUAL_ACCURACY_CHECK)

    assert checking.exists()
    for engagement in checking:
        report = engagement.reports.get(kind=Report.Kind.REPORT)
        assert report.status == Report.Status.ACCURACY_CHECK
        assert AccuracyComment.objects.filter(
            section__report=report, resolved_at__isnull=True
        ).exists()


def test_remote_offers_past_feedback_have_a_published_letter():
    remote = Engagement.objects.filter(
        offer__format=Format.REMOTE, status__in=[Stage.FEEDBACK_GIVEN, Stage.CLOSED]
    )

    assert remote.exists()
    for engagement in remote:
        letter = engagement.reports.get(kind=Report.Kind.FEEDBACK_LETTER)
        assert letter.is_published


def test_progress_reviews_follow_the_offers_rule_and_ask_the_original_team_back():
    reviewing = Engagement.objects.filter(status=Stage.PROGRESS_REVIEW).select_related(
        "progress_review", "offer"
    )

    assert reviewing.exists()
    for engagement in reviewing:
        delivered = max(
            timezone.localdate(s.ends_at) for s in engagement.sessions.filter(kind="on_site")
        )
        due_by = add_months(delivered, engagement.offer.progress_review_after_months)
        assert engagement.progress_review.due_by == due_by
        original = set(
            engagement.team.filter(part=Part.MAIN, status="accepted").values_list(
                "peer_id", flat=True
            )
        )
        asked = engagement.team.filter(part=Part.PROGRESS_REVIEW)
        assert set(asked.values_list("peer_id", flat=True)) == original
    closed_reviews = Report.objects.filter(
        kind=Report.Kind.PROGRESS_REVIEW, engagement__status=Stage.CLOSED
    )
    assert closed_reviews.filter(status=Report.Status.PUBLISHED).exists()


def test_the_demo_council_contact_has_a_report_to_check_and_a_published_action_plan():
    from peerwork.accounts.models import User

    contact = User.objects.get(email="council@peerwork.test")
    reports = Report.objects.filter(
        engagement__council=contact.council, kind=Report.Kind.REPORT
    ).select_related("engagement")

    checking = reports.get(status=Report.Status.ACCURACY_CHECK)
    assert checking.engagement.requested_by == contact
    assert AccuracyComment.objects.filter(section__report=checking, by=contact).exists()
    assert reports.filter(
        status=Report.Status.PUBLISHED, action_plan_published_at__isnull=False
    ).exists()


def test_the_demo_peer_is_on_teams_and_has_an_invitation_waiting():
    memberships = TeamMember.objects.filter(peer__user__email="peer@peerwork.test")

    assert memberships.filter(status=MemberStatus.ACCEPTED).count() >= 2
    waiting = memberships.get(status=MemberStatus.INVITED)
    assert not waiting.engagement.is_finished


def test_team_places_keep_a_history_their_table_allows_from_the_invitation():
    for member in TeamMember.objects.prefetch_related("history"):
        changes = list(member.history.all())

        assert (changes[0].from_status, changes[0].to_status) == ("", MemberStatus.INVITED)
        assert changes[0].at == member.invited_at
        assert changes[-1].to_status == member.status
        for before, after in pairwise(changes):
            assert before.to_status == after.from_status
            assert after.to_status in team_lifecycle.MOVES[before.to_status]
            assert before.at < after.at <= NOW
        answers = [c.at for c in changes if c.to_status in team_lifecycle.ANSWERS]
        assert answers == ([member.responded_at] if member.responded_at else [])


def test_the_demo_peers_answers_are_theirs_and_other_peers_answered_by_email():
    demo_peer = Peer.objects.get(user__email="peer@peerwork.test")
    answers = defaultdict(set)
    for member in TeamMember.objects.prefetch_related("history"):
        for change in member.history.all():
            if change.to_status in team_lifecycle.ANSWERS:
                answers[member.peer_id == demo_peer.pk].add(change.by_id)

    assert answers[True] == {demo_peer.user_id}
    assert answers[False] == {None}


def test_reports_keep_a_history_along_their_kinds_path_from_the_draft():
    for report in Report.objects.prefetch_related("history"):
        changes = list(report.history.all())

        assert (changes[0].from_status, changes[0].to_status) == ("", Report.Status.DRAFT)
        assert changes[-1].to_status == report.status
        for before, after in pairwise(changes):
            assert before.to_status == after.from_status
            assert after.to_status == report_lifecycle.next_status(report.kind, before.to_status)
            assert before.at < after.at <= NOW
        sent = [c.at for c in changes if c.from_status == Report.Status.DRAFT]
        published = [c.at for c in changes if c.to_status == Report.Status.PUBLISHED]
        assert sent == ([report.sent_for_check_at] if report.sent_for_check_at else [])
        assert published == ([report.published_at] if report.published_at else [])


def test_the_plan_is_the_same_every_time():
    def plan():
        history = History(today=TODAY, now=NOW, seed=2023)
        offers = list(Offer.objects.filter(is_active=True).prefetch_related("team_places"))
        by_slug = {o.slug: o for o in offers}
        for spec in demo_specs(offers):
            history.add(spec, by_slug[spec.offer])
        return [(e.council_id, e.offer_id, e.status, e.preferred_from) for e in history.engagements]

    assert plan() == plan()
