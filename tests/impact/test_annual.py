"""The annual report's figures, each worked out by hand from a few records."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from peerwork.core.periods import LONDON, Period
from peerwork.councils.models import CouncilType, Nation
from peerwork.engagements.models import Part
from peerwork.impact.annual.figures import Records, Result, annual_report, figures_for
from peerwork.offers.models import Offer
from peerwork.peers.models import DiversityRecord
from peerwork.programmes.models import (
    ClimateParticipation,
    HousingBid,
    HousingProject,
    HousingSurveyResponse,
    LeadershipCohort,
    LeadershipParticipant,
    NgdpCohort,
    NgdpPlacement,
    Saving,
)
from tests.councils.factories import CouncilFactory
from tests.engagements.factories import EngagementFactory, SessionFactory, TeamMemberFactory
from tests.impact.factories import respond
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), LONDON)


def session(engagement, kind, day, *, cancelled=False):
    return SessionFactory(
        engagement=engagement,
        kind=kind,
        starts_at=at(day),
        ends_at=at(day, 17),
        cancelled=cancelled,
    )


def delivered(council, slug, day, *, kind="on_site", status="closed", cancelled=False):
    """An engagement whose on-site day (or remote panel) is `day`."""
    engagement = EngagementFactory(
        council=council, offer=Offer.objects.get(slug=slug), status=status
    )
    session(engagement, kind, day, cancelled=cancelled)
    return engagement


def value(key, year=2019):
    return figures_for(Period.year(year), [key])[key].value


def test_peer_challenges_count_engagements_delivered_in_the_year_by_type():
    council = CouncilFactory()
    delivered(council, "corporate-peer-challenge", datetime.date(2019, 4, 1))
    delivered(council, "corporate-peer-challenge", datetime.date(2020, 3, 31))
    delivered(council, "finance-peer-challenge", datetime.date(2019, 10, 1))
    # Not counted: before the year, after it, withdrawn, cancelled session, not a challenge.
    delivered(council, "corporate-peer-challenge", datetime.date(2019, 3, 31))
    delivered(council, "corporate-peer-challenge", datetime.date(2020, 4, 1))
    delivered(council, "corporate-peer-challenge", datetime.date(2019, 6, 1), status="withdrawn")
    delivered(council, "finance-peer-challenge", datetime.date(2019, 6, 1), cancelled=True)
    delivered(council, "mentoring", datetime.date(2019, 6, 1))

    report = annual_report(2019)

    assert report.value("peer_challenges") == 3
    assert report.value("corporate_peer_challenges") == 2
    assert report.by_type == [
        ("Corporate Peer Challenge", 2, 1),
        ("Finance Peer Challenge", 1, 0),
    ]
    assert report.line("peer_challenges").before.value == 1


def test_an_engagement_counts_in_the_year_its_last_delivery_day_ends():
    engagement = delivered(CouncilFactory(), "corporate-peer-challenge", datetime.date(2020, 3, 30))
    session(engagement, "on_site", datetime.date(2020, 4, 2))

    assert value("peer_challenges", 2019) == 0
    assert value("peer_challenges", 2020) == 1


def test_a_year_with_no_records_has_no_data_rather_than_zero():
    delivered(CouncilFactory(), "corporate-peer-challenge", datetime.date(2019, 6, 1))

    report = annual_report(2010)

    assert not report.has_data()
    assert all(line.now.value is None for line in report.lines)
    assert value("corporate_peer_challenges", 2019) == 1
    assert value("councillors_on_leadership", 2019) is None
    assert value("council_positive_impact_share", 2019) is None


def test_first_time_councils_had_no_challenge_delivered_before_the_year():
    old, new, twice = CouncilFactory(), CouncilFactory(), CouncilFactory()
    delivered(old, "finance-peer-challenge", datetime.date(2016, 5, 1))
    delivered(old, "corporate-peer-challenge", datetime.date(2019, 5, 1))
    delivered(new, "corporate-peer-challenge", datetime.date(2019, 5, 1))
    delivered(twice, "corporate-peer-challenge", datetime.date(2019, 5, 1))
    delivered(twice, "finance-peer-challenge", datetime.date(2019, 9, 1))

    assert value("first_time_councils") == 2


def test_progress_reviews_and_remote_sessions():
    council = CouncilFactory()
    challenge = delivered(council, "corporate-peer-challenge", datetime.date(2018, 5, 1))
    session(challenge, "progress_review", datetime.date(2019, 3, 1))
    review = delivered(council, "progress-review", datetime.date(2019, 7, 1))
    session(review, "progress_review", datetime.date(2019, 7, 1))
    later = delivered(council, "finance-peer-challenge", datetime.date(2018, 9, 1))
    session(later, "progress_review", datetime.date(2019, 8, 1))
    panel = delivered(
        council, "recovery-and-renewal-panel", datetime.date(2019, 11, 5), kind="remote_panel"
    )
    session(panel, "remote_panel", datetime.date(2019, 11, 6), cancelled=True)

    # The review offer's engagement once (its session and its delivery), the later review.
    assert value("progress_reviews") == 2
    assert value("remote_support_sessions") == 1


def test_peers_used_and_peer_days_count_accepted_places_once_per_peer():
    council = CouncilFactory()
    first = delivered(council, "corporate-peer-challenge", datetime.date(2019, 6, 1))
    second = delivered(council, "finance-peer-challenge", datetime.date(2019, 9, 1))
    earlier = delivered(council, "finance-peer-challenge", datetime.date(2018, 9, 1))
    session(earlier, "progress_review", datetime.date(2019, 9, 10))
    both, one, declined, reviewer = PeerFactory(), PeerFactory(), PeerFactory(), PeerFactory()
    TeamMemberFactory(engagement=first, peer=both, status="accepted", days=4)
    TeamMemberFactory(engagement=second, peer=both, status="accepted", days=3, place=1)
    TeamMemberFactory(engagement=second, peer=one, status="accepted", days=Decimal("2.5"), place=2)
    TeamMemberFactory(engagement=second, peer=declined, status="declined", days=3, place=3)
    TeamMemberFactory(
        engagement=earlier, peer=reviewer, status="accepted", days=1, part=Part.PROGRESS_REVIEW
    )
    TeamMemberFactory(engagement=earlier, peer=PeerFactory(), status="accepted", days=5, place=2)

    assert value("peers_used") == 3
    assert value("peer_days") == Decimal("10.5")


def test_diversity_shares_count_the_answers_given_not_prefer_not_to_say():
    engagement = delivered(CouncilFactory(), "corporate-peer-challenge", datetime.date(2019, 6, 1))
    # Ten each of three kinds of answer, and a peer with no diversity record at all.
    answers = (
        [("woman", "yes", "asian")] * 10
        + [("man", "no", "white_british")] * 10
        + [("prefer_not", "prefer_not", "")] * 10
    )
    for place, (gender, disability, ethnicity) in enumerate(answers, start=1):
        peer = PeerFactory()
        TeamMemberFactory(engagement=engagement, peer=peer, status="accepted", place=place)
        DiversityRecord.objects.create(
            peer=peer,
            consent_given_at=timezone.now(),
            gender=gender,
            disability=disability,
            ethnicity=ethnicity,
        )
    TeamMemberFactory(engagement=engagement, peer=PeerFactory(), status="accepted", place=99)
    figures = figures_for(
        Period.year(2019),
        ["peers_women_share", "peers_disabled_share", "peers_not_white_british_share"],
    )

    assert (figures["peers_women_share"].value, figures["peers_women_share"].base) == (1 / 2, 20)
    assert figures["peers_disabled_share"].value == 1 / 2
    assert figures["peers_not_white_british_share"].value == 1 / 2


def test_a_share_of_fewer_than_ten_answers_is_not_shown():
    engagement = delivered(CouncilFactory(), "corporate-peer-challenge", datetime.date(2019, 6, 1))
    for place in range(1, 10):
        peer = PeerFactory()
        TeamMemberFactory(engagement=engagement, peer=peer, status="accepted", place=place)
        DiversityRecord.objects.create(peer=peer, consent_given_at=timezone.now(), gender="woman")
        respond(
            engagement, "peer", submitted_at=at(datetime.date(2019, 8, 1)), own_development=True
        )

    figures = figures_for(Period.year(2019), ["peers_women_share", "peer_development_share"])

    for key in ("peers_women_share", "peer_development_share"):
        assert figures[key] == Result(None, 9, suppressed=True), key


def test_programme_figures_count_their_records_in_the_year():
    council, other = CouncilFactory(), CouncilFactory()
    cohort = LeadershipCohort.objects.create(
        programme="academy", name="Autumn 2019", starts_on=datetime.date(2019, 10, 1), places=3
    )
    LeadershipCohort.objects.create(
        programme="academy", name="Spring 2020", starts_on=datetime.date(2020, 5, 1), places=3
    )
    for name, enrolled in (("A", True), ("B", True), ("C", False)):
        LeadershipParticipant.objects.create(
            cohort=cohort, full_name=name, council=council, enrolled=enrolled
        )
    intake = NgdpCohort.objects.create(
        intake_year=2020,
        name="Cohort 22",
        applications=120,
        recruitment_closed_on=datetime.date(2020, 1, 15),
    )
    NgdpCohort.objects.create(
        intake_year=2021,
        name="Cohort 23",
        applications=99,
        recruitment_closed_on=datetime.date(2021, 1, 15),
    )
    NgdpPlacement.objects.create(
        cohort=intake, graduate_name="G", council=other, started_on=datetime.date(2019, 9, 2)
    )
    for amount, where, day in (
        ("1000000.50", council, datetime.date(2019, 5, 1)),
        ("500000.00", council, datetime.date(2020, 2, 1)),
        ("250.00", other, datetime.date(2019, 12, 1)),
        ("9999.00", other, datetime.date(2020, 4, 1)),
    ):
        Saving.objects.create(
            council=where,
            kind="saving",
            amount=Decimal(amount),
            description="Shared waste contract",
            verified_on=day,
        )
    figures = figures_for(Period.year(2019))

    assert figures["councillors_on_leadership"].value == 2
    assert figures["ngdp_applications"].value == 120
    assert figures["ngdp_graduates_placed"].value == 1
    assert figures["savings_total"].value == Decimal("1500250.50")
    assert figures["savings_councils"].value == 2


def test_impact_shares_come_from_answers_submitted_in_the_year():
    council = CouncilFactory()
    cpc = delivered(council, "corporate-peer-challenge", datetime.date(2019, 6, 1))
    finance = delivered(council, "finance-peer-challenge", datetime.date(2019, 6, 1))
    in_year = at(datetime.date(2019, 8, 1))
    for _ in range(6):
        respond(cpc, submitted_at=in_year, positive_impact=True, satisfaction=5)
    for _ in range(4):
        respond(cpc, submitted_at=in_year, positive_impact=True, satisfaction=3)
    for _ in range(5):
        respond(finance, submitted_at=in_year, positive_impact=False, satisfaction=4)
    respond(finance, submitted_at=at(datetime.date(2020, 4, 2)), positive_impact=False)
    for answer in [True] * 9 + [False]:
        respond(cpc, "peer", submitted_at=in_year, own_development=answer, satisfaction=1)
    project = HousingProject.objects.create(
        bid=HousingBid.objects.create(
            council=council, title="Homes", submitted_on=datetime.date(2019, 4, 2)
        ),
        title="Homes for the district",
        started_on=datetime.date(2019, 5, 1),
    )
    for answer in [True] * 15 + [False] * 5:
        HousingSurveyResponse.objects.create(
            project=project, submitted_on=datetime.date(2019, 12, 1), lasting_positive_impact=answer
        )
    figures = figures_for(Period.year(2019))

    assert figures["council_positive_impact_share"] == Result(10 / 15, 15)
    # Councils' satisfaction: 6 answered 5 and 5 answered 4, of 15; peers' answers apart.
    assert figures["council_satisfaction_share"].value == 11 / 15
    assert figures["cpc_positive_impact_share"] == Result(1.0, 10)
    assert figures["peer_development_share"] == Result(0.9, 10)
    assert figures["housing_lasting_impact_share"].value == 0.75


def test_what_has_not_happened_yet_is_not_counted():
    council = CouncilFactory()
    held = delivered(council, "corporate-peer-challenge", datetime.date(2019, 6, 1))
    coming = delivered(council, "finance-peer-challenge", datetime.date(2019, 9, 1))
    session(held, "progress_review", datetime.date(2019, 10, 1))
    TeamMemberFactory(engagement=coming, peer=PeerFactory(), status="accepted")
    on_the_day = at(datetime.date(2019, 9, 1), 12)  # the finance challenge's day is not over

    figures = figures_for(Period.year(2019), now=on_the_day)

    assert figures["peer_challenges"].value == 1
    assert figures["peers_used"].value == 0
    assert figures["progress_reviews"].value == 0
    assert figures_for(Period.year(2019))["peer_challenges"].value == 2


def test_a_day_ends_at_midnight_in_london_not_in_utc():
    # 00:30 on 1 April 2020 in London is 23:30 on 31 March in UTC: it is in 2020/21.
    engagement = EngagementFactory(
        council=CouncilFactory(), offer=Offer.objects.get(slug="mentoring"), status="closed"
    )
    late = datetime.datetime(2020, 4, 1, 0, 30, tzinfo=LONDON)
    SessionFactory(
        engagement=engagement,
        kind="remote_panel",
        starts_at=late - datetime.timedelta(hours=1),
        ends_at=late,
    )

    assert value("peers_used", 2019) == 0  # held in 2019/20: it started on 31 March
    assert value("remote_support_sessions", 2019) == 1
    assert engagement.pk in Records(Period.year(2020)).delivered_ids


def test_applications_with_no_recruitment_round_closed_are_no_data_not_zero():
    council = CouncilFactory()
    cohort = NgdpCohort.objects.create(
        intake_year=2019,
        name="C21",
        applications=50,
        recruitment_closed_on=datetime.date(2019, 1, 9),
    )
    NgdpPlacement.objects.create(
        cohort=cohort, graduate_name="G", council=council, started_on=datetime.date(2019, 9, 2)
    )

    assert value("ngdp_applications") is None
    assert value("ngdp_graduates_placed") == 1


def test_reach_is_out_of_the_principal_councils_of_the_served_nations_at_year_end():
    a, b, c, d = (CouncilFactory() for _ in range(4))
    CouncilFactory(nation=Nation.SCOTLAND, council_type=CouncilType.SCOTTISH_UNITARY)
    CouncilFactory(council_type=CouncilType.COMBINED_AUTHORITY)
    CouncilFactory(end_date=datetime.date(2020, 3, 31))  # gone on the year's last day
    delivered(a, "corporate-peer-challenge", datetime.date(2019, 6, 1))
    delivered(b, "mentoring", datetime.date(2019, 6, 1))
    delivered(c, "finance-peer-challenge", datetime.date(2015, 6, 1))
    ClimateParticipation.objects.create(
        council=a, activity="training", took_part_on=datetime.date(2019, 7, 1)
    )
    ClimateParticipation.objects.create(
        council=d, activity="webinar", took_part_on=datetime.date(2019, 7, 1)
    )
    figures = figures_for(Period.year(2019))

    assert figures["reach_peer_support_share"].value == 2 / 4
    assert figures["reach_climate_share"].value == 2 / 4
    assert figures["reach_climate_share"].base == 4
    assert figures["reach_any_share"].value == 3 / 4
    assert figures["reach_leadership_share"].value is None
    # a and c have had a peer challenge by the year's end; b and d never have.
    assert figures["councils_never_challenged"].value == 2


def test_quarter_periods_end_on_the_quarter_s_last_day():
    assert Period.to_quarter_end(2019, 1).end == datetime.date(2019, 6, 30)
    assert Period.to_quarter_end(2019, 3).end == datetime.date(2019, 12, 31)
    assert Period.to_quarter_end(2019, 4) == Period.year(2019)
    with pytest.raises(ValueError):
        Period.to_quarter_end(2019, 5)


def test_the_trend_counts_each_of_the_last_five_years():
    council = CouncilFactory()
    for year in (2016, 2018, 2018, 2019):
        delivered(council, "finance-peer-challenge", datetime.date(year, 6, 1))

    report = annual_report(2019)

    assert [row[0] for row in report.trend] == [
        "2015/16",
        "2016/17",
        "2017/18",
        "2018/19",
        "2019/20",
    ]
    assert [row[1] for row in report.trend] == [None, 1, None, 2, 1]
