"""The demo's records from 2019/20 on: the annual report computes the association's
published figures from them, and the earlier engagements keep the rules the demo's
history keeps.

The whole demo is loaded once for the module, on a pool the size test_history uses,
and rolled back after.
"""

import datetime
import io
import random
from collections import defaultdict
from decimal import Decimal
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from peerwork.core.periods import Period
from peerwork.councils.models import Council, Nation, Party
from peerwork.demo.history.timeline import aware
from peerwork.demo.loader import (
    demo_engagements_load,
    demo_load,
    demo_peer_record_link,
    demo_pool_load,
    demo_records_load,
)
from peerwork.demo.management.commands.demo import DATA
from peerwork.demo.records.engagements import Past
from peerwork.demo.records.figures import ENGAGEMENT_YEARS
from peerwork.demo.records.programmes import Councils, leadership_plan, split, split_money
from peerwork.engagements.models import (
    Booking,
    Engagement,
    MemberStatus,
    Part,
    SessionKind,
    TeamMember,
)
from peerwork.engagements.team.selectors import engagement_date
from peerwork.impact.annual.figures import annual_report, figures_for
from peerwork.impact.models import SurveyResponse
from peerwork.offers.models import CountsAs, Offer, Stage
from peerwork.peers.models import Peer, Unavailability
from peerwork.peers.selectors import conflicts_for_peers, load_this_year
from peerwork.programmes.models import (
    HousingProject,
    LeadershipCohort,
    LeadershipParticipant,
    LeadershipProgramme,
    PollingRound,
    Saving,
)
from peerwork.reports.models import Recommendation, Report

# As in test_history: a smaller pool than the demo's, which must still be enough.
TODAY = datetime.date(2026, 11, 25)
NOW = aware(TODAY, 18)
POOL_SIZE = 900
# The demo's history asks for nothing before this; everything earlier is the records'.
HISTORY_STARTS = aware(datetime.date(2023, 4, 1), 0)
ORDER = list(Stage.values)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import-councils", str(DATA / "councils.csv"), stdout=io.StringIO())
        demo_load()
        demo_peer_record_link()
        demo_pool_load(size=POOL_SIZE)
        demo_engagements_load(today=TODAY)
        demo_records_load(today=TODAY)
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def earlier_engagements():
    return Engagement.objects.filter(requested_at__lt=HISTORY_STARTS)


def test_the_register_has_67_principal_councils_in_england_and_wales_on_31_march_2022():
    counted = (
        Council.objects.current(datetime.date(2022, 3, 31))
        .principal()
        .filter(nation__in=[Nation.ENGLAND, Nation.WALES])
    )

    assert counted.count() == 67


def test_the_2019_20_report_shows_the_published_figures():
    report = annual_report(2019)

    assert {
        key: report.value(key)
        for key in (
            "peer_challenges",
            "corporate_peer_challenges",
            "peers_used",
            "councillors_on_leadership",
            "ngdp_graduates_placed",
            "ngdp_applications",
            "savings_total",
            "savings_councils",
        )
    } == {
        "peer_challenges": 129,
        "corporate_peer_challenges": 60,
        "peers_used": 784,
        "councillors_on_leadership": 958,
        "ngdp_graduates_placed": 149,
        "ngdp_applications": 5000,
        "savings_total": Decimal("38500000.00"),
        "savings_councils": 43,
    }


def test_the_2021_22_report_shows_the_published_figures():
    report = annual_report(2021)

    assert report.value("councillors_on_leadership") > 2000
    assert report.value("cpc_positive_impact_share") == 1.0
    assert round(report.value("reach_climate_share") * 100, 1) == 98.5
    assert report.value("housing_lasting_impact_share") == 0.97


def test_every_year_since_2019_20_has_records_of_every_programme():
    keys = [
        "peer_challenges",
        "corporate_peer_challenges",
        "councillors_on_leadership",
        "ngdp_applications",
        "ngdp_graduates_placed",
        "savings_total",
        "council_positive_impact_share",
        "reach_climate_share",
        "reach_housing_share",
    ]
    for year in range(2019, 2026):
        figures = figures_for(Period.year(year), keys)

        assert all(figures[key].value for key in keys), year
        assert PollingRound.objects.filter(fieldwork_to__year=year).count() == 3


def test_earlier_engagements_walked_their_offers_stages_to_closed():
    earlier = earlier_engagements().select_related("offer").prefetch_related("history")

    assert earlier.count() > 129
    for engagement in earlier:
        changes = list(engagement.history.all())
        assert engagement.status == Stage.CLOSED
        assert [c.to_status for c in changes] == [s for s in ORDER if s in engagement.offer.stages]
        assert [c.from_status for c in changes] == ["", *[c.to_status for c in changes[:-1]]]
        assert all(a.at < b.at for a, b in pairwise(changes))
        assert engagement.requested_at == changes[0].at
        assert changes[-1].at <= NOW


def test_no_peer_is_booked_twice_at_once_or_while_away_or_over_capacity_in_a_year():
    by_peer = defaultdict(list)
    for peer_id, starts, ends in Booking.objects.filter(live=True).values_list(
        "peer_id", "starts_at", "ends_at"
    ):
        by_peer[peer_id].append((starts, ends))
    for spans in by_peer.values():
        spans.sort()
        assert all(earlier[1] <= later[0] for earlier, later in pairwise(spans))

    away = defaultdict(list)
    for peer_id, starts, ends in Unavailability.objects.values_list(
        "peer_id", "starts_on", "ends_on"
    ):
        away[peer_id].append((starts, ends))
    for peer_id, starts in Booking.objects.filter(live=True).values_list("peer_id", "starts_at"):
        day = timezone.localdate(starts)
        assert not any(first <= day <= last for first, last in away[peer_id])

    capacity = dict(Peer.objects.values_list("pk", "capacity_engagements"))
    for year in range(2019, 2028):
        load = load_this_year(list(capacity), on=datetime.date(year, 4, 1))
        for peer_id, used in load.items():
            assert used["engagements"] <= capacity[peer_id], (year, peer_id)


def test_no_earlier_team_member_has_a_conflict_with_the_council():
    for engagement in earlier_engagements():
        peer_ids = list(engagement.team.values_list("peer_id", flat=True))
        conflicts = conflicts_for_peers(peer_ids, on=engagement_date(engagement))

        for peer_id in peer_ids:
            assert engagement.council_id not in conflicts.get(peer_id, {})


def test_earlier_teams_are_full_of_the_right_kind_and_their_sessions_book_exactly_them():
    earlier = earlier_engagements().prefetch_related(
        "offer__team_places", "team__peer", "sessions__bookings"
    )
    for engagement in earlier:
        seats = [
            p.peer_kind
            for p in engagement.offer.team_places.all()
            if p.peer_kind != "staff"
            for _seat in range(p.count)
        ]
        kind = dict(enumerate(seats, start=1))
        accepted, declined = defaultdict(set), set()
        for member in engagement.team.all():
            if member.status == "accepted":
                accepted[member.part].add(member.peer_id)
                assert kind[member.place] in ("any", member.peer.kind)
            elif member.status == "declined" and member.part == Part.MAIN:
                declined.add(member.place)
        filled = {
            m.place for m in engagement.team.all() if m.status == "accepted" and m.part == Part.MAIN
        }
        assert len(accepted[Part.MAIN]) == len(seats), engagement
        assert declined <= filled
        for session in engagement.sessions.all():
            booked = {b.peer_id for b in session.bookings.all() if b.live}
            if session.kind == SessionKind.PROGRESS_REVIEW:
                assert booked == accepted[Part.PROGRESS_REVIEW]
            else:
                assert booked == accepted[Part.MAIN]
                day = timezone.localdate(session.starts_at)
                assert engagement.preferred_from <= day <= engagement.preferred_to


def test_earlier_engagements_have_their_reports_action_plans_and_letters():
    for engagement in earlier_engagements().select_related("offer"):
        stages = engagement.offer.stages
        if Stage.REPORT_DRAFTING in stages:
            report = engagement.reports.get(kind=Report.Kind.REPORT)
            recommendations = Recommendation.objects.filter(section__report=report)
            assert report.status == Report.Status.PUBLISHED
            assert 2 <= recommendations.count() <= 4
            if Stage.ACTION_PLAN_PUBLISHED in stages:
                assert report.action_plan_published_at is not None
                assert not recommendations.filter(action__isnull=True).exists()
        elif Stage.FEEDBACK_GIVEN in stages:
            assert engagement.reports.get(kind=Report.Kind.FEEDBACK_LETTER).is_published
        if Stage.PROGRESS_REVIEW in stages:
            review = engagement.reports.get(kind=Report.Kind.PROGRESS_REVIEW)
            assert review.status == Report.Status.PUBLISHED


def test_earlier_team_places_and_reports_keep_the_history_of_how_they_got_there():
    """As the demo's history keeps it (see test_history), for the years before it."""
    earlier = earlier_engagements()
    places = TeamMember.objects.filter(engagement__in=earlier).prefetch_related("history")
    reports = Report.objects.filter(engagement__in=earlier).prefetch_related("history")

    assert places.exists() and reports.exists()
    starts = [(m, MemberStatus.INVITED) for m in places] + [(r, "draft") for r in reports]
    for record, first in starts:
        changes = list(record.history.all())
        assert (changes[0].from_status, changes[0].to_status) == ("", first)
        assert changes[-1].to_status == record.status
        assert all(a.to_status == b.from_status and a.at < b.at for a, b in pairwise(changes))


def test_corporate_peer_challenge_surveys_were_answered_after_the_engagement_closed():
    answered = SurveyResponse.objects.filter(
        offer__counts_as=CountsAs.CORPORATE_PEER_CHALLENGE, audience="council"
    ).select_related("engagement__offer", "invitation")

    assert answered.exists()
    for response in answered:
        closed = response.engagement.history.get(to_status=Stage.CLOSED).at
        assert response.engagement.offer_id == response.offer_id
        assert closed == response.invitation.sent_at < response.submitted_at
        assert response.submitted_at == response.invitation.responded_at
        assert response.submitted_at < response.invitation.closes_at


def test_leadership_cohorts_of_every_programme_with_applications_that_did_not_take_a_place():
    cohorts = LeadershipCohort.objects.annotate(
        enrolled=Count("participants", filter=Q(participants__enrolled=True)),
        parties=Count("participants__party", distinct=True),
    )

    assert set(cohorts.values_list("programme", flat=True)) == set(LeadershipProgramme.values)
    assert LeadershipParticipant.objects.filter(enrolled=False).exists()
    assert LeadershipParticipant.objects.filter(completed=True).exists()
    assert Party.objects.filter(pk__in=LeadershipParticipant.objects.values("party")).count() > 4
    for cohort in cohorts:
        assert 0 < cohort.enrolled <= cohort.places
        if cohort.programme == LeadershipProgramme.NEXT_GENERATION:
            assert cohort.parties == 1


def test_savings_and_income_come_from_expert_engagements_at_the_same_council():
    savings = Saving.objects.select_related("expert_engagement")

    assert {s.kind for s in savings} == set(Saving.Kind.values)
    for saving in savings:
        assert saving.expert_engagement.council_id == saving.council_id
        assert saving.expert_engagement.started_on <= saving.verified_on <= TODAY


def test_housing_projects_include_their_lead_council_and_some_several():
    projects = HousingProject.objects.select_related("bid").prefetch_related("councils")

    assert any(len(p.councils.all()) > 1 for p in projects)
    for project in projects:
        assert project.bid.council in project.councils.all()
        assert project.bid.outcome == "awarded"


def test_polling_indicators_drift_slowly_between_rounds():
    rounds = list(PollingRound.objects.order_by("number"))

    assert len(rounds) >= 3 * 7
    assert [r.number for r in rounds] == list(range(rounds[0].number, rounds[-1].number + 1))
    for earlier, later in pairwise(rounds):
        assert earlier.fieldwork_to < later.fieldwork_from
        for name in PollingRound.INDICATORS:
            assert abs(getattr(later, name) - getattr(earlier, name)) < 6


def test_loading_again_makes_nothing():
    def counts():
        return [
            m.objects.count() for m in (Engagement, LeadershipParticipant, Saving, SurveyResponse)
        ]

    before = counts()

    assert demo_records_load(today=TODAY) == {}
    assert counts() == before


def test_the_plans_are_the_same_every_time():
    def leadership():
        plan = leadership_plan(
            2019, 958, Councils(), {p.short_name: p for p in Party.objects.all()}, random.Random(5)
        )
        return [
            (cohort.name, cohort.starts_on, [(n, c.pk, e) for n, c, _p, e in applications])
            for cohort, applications in plan
        ]

    def engagements():
        offers = list(Offer.objects.prefetch_related("team_places"))
        past = Past(today=TODAY, now=NOW, seed=2019, offers=offers)
        past.year(2022, ENGAGEMENT_YEARS[2022])
        return [(e.council_id, e.offer_id, e.preferred_from) for e in past.engagements]

    assert leadership() == leadership()
    assert engagements() == engagements()


def test_sizes_and_amounts_add_up_exactly():
    rng = random.Random(3)

    for total in (1, 11, 958, 2046):
        sizes = split(total, 12, 24, rng)
        assert sum(sizes) == total
        assert total < 12 or all(12 <= s <= 24 for s in sizes)
    amounts = split_money(Decimal("38500000.00"), 97, rng)
    assert sum(amounts) == Decimal("38500000.00")
    assert all(a > 0 for a in amounts)


def test_every_year_has_targets_and_the_return_rates_them_from_the_records():
    from peerwork.demo.records.targets import TARGETS
    from peerwork.impact.targets.selectors import GREEN, quarterly_return

    lines = {line.target.figure: line for line in quarterly_return(2019, 4)}

    assert set(lines) == {figure for figure, _value, _quarter in TARGETS}
    for figure, line in lines.items():
        met = line.result.value is not None and line.status == GREEN
        value = line.result.value * 100 if line.spec.unit == "share" else line.result.value
        assert met == (value >= line.target.value), figure
