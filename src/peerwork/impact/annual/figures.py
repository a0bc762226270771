"""The annual report: every figure is a query over the records of one period.

docs/annual-report.md says in words what each figure counts. A figure is None
("No data") when the records it counts hold nothing for the period, and a share is
None when no one is in its base; a count is 0 only when there were records and
none of them counted.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from peerwork.core.periods import Period, year_label
from peerwork.councils.models import Council
from peerwork.engagements.models import (
    Engagement,
    Exit,
    MemberStatus,
    Part,
    Session,
    SessionKind,
    TeamMember,
)
from peerwork.engagements.sessions.selectors import DELIVERY_KINDS
from peerwork.impact.models import Audience, SurveyResponse
from peerwork.impact.surveys.selectors import impact_figures, responses_in
from peerwork.offers.models import PEER_CHALLENGES, CountsAs
from peerwork.peers.models import DiversityRecord
from peerwork.programmes.models import (
    ClimateParticipation,
    ExpertEngagement,
    HousingBid,
    HousingProject,
    HousingSurveyResponse,
    LeadershipCohort,
    LeadershipParticipant,
    NgdpCohort,
    NgdpPlacement,
    Saving,
)

COUNT, MONEY, SHARE = "count", "money", "share"
# A share of people's answers out of fewer than this many is not shown: it could
# tell who gave which answer.
MIN_BASE = 10


def delivered_engagements(period: Period, now: datetime.datetime) -> QuerySet[Engagement]:
    """Engagements whose last live on-site day or remote panel ended in the period,
    and has ended by `now`: a visit still to come is not yet delivered."""
    start, after = period.instants()
    return with_delivery(Engagement.objects.all()).filter(
        delivered_at__gte=start, delivered_at__lt=min(after, now)
    )


def with_delivery(engagements: QuerySet[Engagement]) -> QuerySet[Engagement]:
    return engagements.exclude(status__in=Exit.values).annotate(
        delivered_at=Max(
            "sessions__ends_at",
            filter=Q(sessions__kind__in=DELIVERY_KINDS, sessions__cancelled=False),
        )
    )


def held_sessions(period: Period, now: datetime.datetime, kind: str | None = None):
    """Sessions that started in the period and have ended by `now`, not cancelled, of
    engagements that went ahead."""
    start, after = period.instants()
    sessions = Session.objects.filter(
        cancelled=False, starts_at__gte=start, starts_at__lt=after, ends_at__lte=now
    ).exclude(engagement__status__in=Exit.values)
    return sessions if kind is None else sessions.filter(kind=kind)


def councils_counted(on: datetime.date) -> QuerySet[Council]:
    """The councils shares are out of: principal councils current on the day, in the
    nations the association serves."""
    return Council.objects.current(on).principal().filter(nation__in=settings.PEERWORK_NATIONS)


@dataclass(frozen=True)
class Result:
    """A computed figure: its value, and for a share how many it is out of.

    `suppressed` marks a share of people's answers out of fewer than MIN_BASE: its
    value is left out (None) so that no one's answer can be inferred.
    """

    value: int | Decimal | float | None
    base: int | None = None
    suppressed: bool = False


NO_DATA = Result(None)


def _share(part: int, whole: int) -> Result:
    return Result(part / whole if whole else None, whole)


def _answers_share(part: int, whole: int) -> Result:
    """A share of people's answers, left out when too few answered."""
    if 0 < whole < MIN_BASE:
        return Result(None, whole, suppressed=True)
    return _share(part, whole)


class Records:
    """The records of one period, each query made once however many figures use it.

    Only what has happened by `now` counts: a year still running is counted so far.
    """

    def __init__(self, period: Period, now: datetime.datetime | None = None):
        self.period = period
        self.now = now or timezone.now()

    # Engagements ------------------------------------------------------------------

    @cached_property
    def delivered(self) -> QuerySet[Engagement]:
        return delivered_engagements(self.period, self.now)

    @cached_property
    def delivered_ids(self) -> set[int]:
        return set(self.delivered.values_list("pk", flat=True))

    @cached_property
    def has_engagements(self) -> bool:
        return bool(self.delivered_ids) or held_sessions(self.period, self.now).exists()

    @cached_property
    def peer_challenges(self) -> QuerySet[Engagement]:
        return Engagement.objects.filter(
            pk__in=self.delivered_ids, offer__counts_as__in=PEER_CHALLENGES
        )

    @cached_property
    def progress_review_ids(self) -> set[int]:
        held = held_sessions(self.period, self.now, SessionKind.PROGRESS_REVIEW).values_list(
            "engagement_id", flat=True
        )
        counted = Engagement.objects.filter(
            pk__in=self.delivered_ids, offer__counts_as=CountsAs.PROGRESS_REVIEW
        ).values_list("pk", flat=True)
        return set(held) | set(counted)

    @cached_property
    def places_used(self) -> QuerySet[TeamMember]:
        reviews = held_sessions(self.period, self.now, SessionKind.PROGRESS_REVIEW).values(
            "engagement_id"
        )
        return TeamMember.objects.filter(status=MemberStatus.ACCEPTED).filter(
            Q(part=Part.MAIN, engagement_id__in=self.delivered_ids)
            | Q(part=Part.PROGRESS_REVIEW, engagement_id__in=reviews)
        )

    @cached_property
    def peer_ids(self) -> set[int]:
        return set(self.places_used.values_list("peer_id", flat=True))

    # Programmes -------------------------------------------------------------------

    @cached_property
    def leadership(self) -> QuerySet[LeadershipParticipant]:
        return LeadershipParticipant.objects.filter(
            enrolled=True, cohort__starts_on__range=self.period.days()
        )

    @cached_property
    def has_leadership(self) -> bool:
        return LeadershipCohort.objects.filter(starts_on__range=self.period.days()).exists()

    @cached_property
    def ngdp_cohorts(self) -> QuerySet[NgdpCohort]:
        return NgdpCohort.objects.filter(recruitment_closed_on__range=self.period.days())

    @cached_property
    def placements(self) -> QuerySet[NgdpPlacement]:
        return NgdpPlacement.objects.filter(started_on__range=self.period.days())

    @cached_property
    def savings(self) -> QuerySet[Saving]:
        return Saving.objects.filter(verified_on__range=self.period.days())

    @cached_property
    def expert_engagements(self) -> QuerySet[ExpertEngagement]:
        return ExpertEngagement.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=self.period.start),
            started_on__lte=self.period.end,
        )

    @cached_property
    def climate(self) -> QuerySet[ClimateParticipation]:
        return ClimateParticipation.objects.filter(took_part_on__range=self.period.days())

    @cached_property
    def housing_projects(self) -> QuerySet[HousingProject]:
        return HousingProject.objects.filter(
            Q(completed_on__isnull=True) | Q(completed_on__gte=self.period.start),
            started_on__lte=self.period.end,
        )

    @cached_property
    def housing_bids(self) -> QuerySet[HousingBid]:
        return HousingBid.objects.filter(submitted_on__range=self.period.days())

    @cached_property
    def housing_responses(self) -> QuerySet[HousingSurveyResponse]:
        return HousingSurveyResponse.objects.filter(submitted_on__range=self.period.days())

    # Surveys ----------------------------------------------------------------------

    @cached_property
    def responses(self) -> QuerySet[SurveyResponse]:
        return responses_in(self.period)

    def survey_share(self, key: str, audience: str, **filters) -> Result:
        figure = impact_figures(self.responses.filter(audience=audience, **filters)).get(key)
        if figure is None or not figure.answered:
            return NO_DATA
        agreed = figure.share_yes if figure.share_yes is not None else figure.share_satisfied
        return _answers_share(round(agreed * figure.answered), figure.answered)

    # Reach ------------------------------------------------------------------------

    @cached_property
    def council_ids(self) -> set[int]:
        return set(councils_counted(self.period.end).values_list("pk", flat=True))

    @cached_property
    def reached(self) -> dict[str, set[int] | None]:
        """Per programme, the councils it reached; None where it holds no records."""

        def ids(queryset, field="council_id") -> set[int]:
            return set(queryset.values_list(field, flat=True))

        return {
            "peer_support": ids(Engagement.objects.filter(pk__in=self.delivered_ids))
            if self.has_engagements
            else None,
            "leadership": ids(self.leadership) if self.has_leadership else None,
            "ngdp": ids(self.placements) if self.placements.exists() else None,
            "productivity": (ids(self.expert_engagements) | ids(self.savings))
            if self.expert_engagements.exists() or self.savings.exists()
            else None,
            "climate": ids(self.climate) if self.climate.exists() else None,
            "housing": (ids(self.housing_projects, "councils") | ids(self.housing_bids))
            if self.housing_projects.exists() or self.housing_bids.exists()
            else None,
        }

    def reach(self, programme: str) -> Result:
        reached = self.reached[programme]
        if reached is None:
            return NO_DATA
        return _share(len(reached & self.council_ids), len(self.council_ids))

    def reach_any(self) -> Result:
        sets = [s for s in self.reached.values() if s is not None]
        if not sets:
            return NO_DATA
        return _share(len(set().union(*sets) & self.council_ids), len(self.council_ids))

    def _challenged_before(self, instant: datetime.datetime) -> set[int]:
        """Councils with a peer challenge delivered before the instant (and by now)."""
        return set(
            with_delivery(Engagement.objects.filter(offer__counts_as__in=PEER_CHALLENGES))
            .filter(delivered_at__lt=min(instant, self.now))
            .values_list("council_id", flat=True)
        )

    @cached_property
    def challenged_ever_ids(self) -> set[int]:
        return self._challenged_before(self.period.instants()[1])

    @cached_property
    def first_time_ids(self) -> set[int]:
        """Councils with a peer challenge in the period and none delivered before it."""
        now = set(self.peer_challenges.values_list("council_id", flat=True))
        return now - self._challenged_before(self.period.instants()[0])

    @cached_property
    def never_challenged_ids(self) -> set[int]:
        return self.council_ids - self.challenged_ever_ids


# The figures ----------------------------------------------------------------------


def _programme(has: Callable[[Records], bool], value: Callable[[Records], object]):
    """A figure that is `value` when the records `has` anything for the period, else no data."""

    def compute(records: Records) -> Result:
        return Result(value(records)) if has(records) else NO_DATA

    return compute


def _engagement_count(count: Callable[[Records], int]) -> Callable[[Records], Result]:
    return _programme(lambda records: records.has_engagements, count)


def _peer_days(records: Records) -> Decimal:
    return records.places_used.aggregate(days=Sum("days"))["days"] or Decimal(0)


# Each diversity share: the record's field, and which answers it counts.
DIVERSITY = {
    "peers_women_share": ("gender", lambda a: a == DiversityRecord.Gender.WOMAN),
    "peers_disabled_share": ("disability", lambda a: a == DiversityRecord.YesNo.YES),
    "peers_not_white_british_share": (
        "ethnicity",
        lambda a: a != DiversityRecord.Ethnicity.WHITE_BRITISH,
    ),
}
# Each survey share: the question's key, who answers it, and which responses count.
SURVEYED = {
    "council_positive_impact_share": ("positive_impact", Audience.COUNCIL, {}),
    "council_satisfaction_share": ("satisfaction", Audience.COUNCIL, {}),
    "cpc_positive_impact_share": (
        "positive_impact",
        Audience.COUNCIL,
        {"offer__counts_as": CountsAs.CORPORATE_PEER_CHALLENGE},
    ),
    "peer_development_share": ("own_development", Audience.PEER, {}),
}


def _surveyed(key: str) -> Callable[[Records], Result]:
    question, audience, filters = SURVEYED[key]
    return lambda records: records.survey_share(question, audience, **filters)


def _diversity(key: str) -> Callable[[Records], Result]:
    field_name, counted = DIVERSITY[key]

    def compute(records: Records) -> Result:
        if not records.has_engagements:
            return NO_DATA
        answers = (
            DiversityRecord.objects.filter(peer_id__in=records.peer_ids)
            .exclude(**{field_name: ""})
            .exclude(**{field_name: "prefer_not"})
            .values_list(field_name, flat=True)
        )
        answers = list(answers)
        return _answers_share(sum(1 for a in answers if counted(a)), len(answers))

    return compute


def _has_ngdp(records: Records) -> bool:
    return records.ngdp_cohorts.exists() or records.placements.exists()


def _has_productivity(records: Records) -> bool:
    return records.savings.exists() or records.expert_engagements.exists()


def _housing_share(records: Records) -> Result:
    responses = records.housing_responses
    return _answers_share(responses.filter(lasting_positive_impact=True).count(), responses.count())


def _reach(programme: str) -> Callable[[Records], Result]:
    return lambda records: records.reach(programme)


def _never_challenged(records: Records) -> Result:
    if not records.challenged_ever_ids:
        return NO_DATA
    return Result(len(records.never_challenged_ids))


@dataclass(frozen=True)
class FigureSpec:
    key: str
    label: str
    section: str
    unit: str
    compute: Callable[[Records], Result] = field(repr=False)
    short: str = ""  # for a chart's bar


PEER_SUPPORT = _("Peer support")
PEERS = _("Peers")
PROGRAMMES = _("Programmes")
IMPACT = _("Impact")
REACH = _("Reach")
SECTIONS = [PEER_SUPPORT, PEERS, PROGRAMMES, IMPACT, REACH]

FIGURES = [
    FigureSpec(
        "peer_challenges",
        _("Peer challenges"),
        PEER_SUPPORT,
        COUNT,
        _engagement_count(lambda r: r.peer_challenges.count()),
    ),
    FigureSpec(
        "corporate_peer_challenges",
        _("Corporate peer challenges"),
        PEER_SUPPORT,
        COUNT,
        _engagement_count(
            lambda r: r.peer_challenges.filter(
                offer__counts_as=CountsAs.CORPORATE_PEER_CHALLENGE
            ).count()
        ),
    ),
    FigureSpec(
        "first_time_councils",
        _("Councils challenged for the first time"),
        PEER_SUPPORT,
        COUNT,
        _engagement_count(lambda r: len(r.first_time_ids)),
    ),
    FigureSpec(
        "progress_reviews",
        _("Progress reviews"),
        PEER_SUPPORT,
        COUNT,
        _engagement_count(lambda r: len(r.progress_review_ids)),
    ),
    FigureSpec(
        "remote_support_sessions",
        _("Remote support sessions"),
        PEER_SUPPORT,
        COUNT,
        _engagement_count(
            lambda r: held_sessions(r.period, r.now, SessionKind.REMOTE_PANEL).count()
        ),
    ),
    FigureSpec(
        "peers_used", _("Peers used"), PEERS, COUNT, _engagement_count(lambda r: len(r.peer_ids))
    ),
    FigureSpec("peer_days", _("Peer days"), PEERS, COUNT, _engagement_count(_peer_days)),
    FigureSpec(
        "peers_women_share",
        _("Peers used who are women"),
        PEERS,
        SHARE,
        _diversity("peers_women_share"),
    ),
    FigureSpec(
        "peers_disabled_share",
        _("Peers used who are disabled"),
        PEERS,
        SHARE,
        _diversity("peers_disabled_share"),
    ),
    FigureSpec(
        "peers_not_white_british_share",
        _("Peers used from a background other than White British"),
        PEERS,
        SHARE,
        _diversity("peers_not_white_british_share"),
    ),
    FigureSpec(
        "councillors_on_leadership",
        _("Councillors on leadership programmes"),
        PROGRAMMES,
        COUNT,
        _programme(lambda r: r.has_leadership, lambda r: r.leadership.count()),
    ),
    FigureSpec(
        "ngdp_applications",
        _("Applications to the graduate programme (ngdp)"),
        PROGRAMMES,
        COUNT,
        _programme(
            lambda r: r.ngdp_cohorts.exists(),
            lambda r: r.ngdp_cohorts.aggregate(n=Sum("applications"))["n"],
        ),
    ),
    FigureSpec(
        "ngdp_graduates_placed",
        _("Graduates placed in councils (ngdp)"),
        PROGRAMMES,
        COUNT,
        _programme(_has_ngdp, lambda r: r.placements.count()),
    ),
    FigureSpec(
        "savings_total",
        _("Savings and income verified"),
        PROGRAMMES,
        MONEY,
        _programme(
            _has_productivity,
            lambda r: r.savings.aggregate(total=Sum("amount"))["total"] or Decimal("0.00"),
        ),
    ),
    FigureSpec(
        "savings_councils",
        _("Councils with savings or income verified"),
        PROGRAMMES,
        COUNT,
        _programme(
            _has_productivity,
            lambda r: r.savings.aggregate(n=Count("council_id", distinct=True))["n"],
        ),
    ),
    FigureSpec(
        "council_positive_impact_share",
        _("Councils reporting a positive impact"),
        IMPACT,
        SHARE,
        _surveyed("council_positive_impact_share"),
    ),
    FigureSpec(
        "council_satisfaction_share",
        _("Councils satisfied with the support"),
        IMPACT,
        SHARE,
        _surveyed("council_satisfaction_share"),
    ),
    FigureSpec(
        "cpc_positive_impact_share",
        _("Councils reporting a positive impact of a corporate peer challenge"),
        IMPACT,
        SHARE,
        _surveyed("cpc_positive_impact_share"),
    ),
    FigureSpec(
        "peer_development_share",
        _("Peers reporting a positive impact on their own development"),
        IMPACT,
        SHARE,
        _surveyed("peer_development_share"),
    ),
    FigureSpec(
        "housing_lasting_impact_share",
        _("Housing advisers participants reporting a lasting positive impact"),
        IMPACT,
        SHARE,
        _housing_share,
    ),
    *(
        FigureSpec(f"reach_{programme}_share", label, REACH, SHARE, _reach(programme), short)
        for programme, label, short in (
            ("peer_support", _("Councils engaged in peer support"), _("Peer support")),
            (
                "leadership",
                _("Councils engaged in leadership programmes"),
                _("Leadership programmes"),
            ),
            ("ngdp", _("Councils engaged in the graduate programme"), _("Graduate programme")),
            ("productivity", _("Councils engaged in productivity support"), _("Productivity")),
            ("climate", _("Councils engaged in the climate change programme"), _("Climate change")),
            (
                "housing",
                _("Councils engaged in the housing advisers programme"),
                _("Housing advisers"),
            ),
        )
    ),
    FigureSpec(
        "reach_any_share",
        _("Councils reached by any support"),
        REACH,
        SHARE,
        lambda r: r.reach_any(),
        _("Any support"),
    ),
    FigureSpec(
        "councils_never_challenged",
        _("Councils never challenged"),
        REACH,
        COUNT,
        _never_challenged,
    ),
]
BY_KEY = {spec.key: spec for spec in FIGURES}


@dataclass(frozen=True)
class Line:
    spec: FigureSpec
    now: Result
    before: Result

    @property
    def key(self) -> str:
        return self.spec.key


@dataclass
class AnnualReport:
    year: int
    period: Period
    lines: list[Line]
    by_type: list[tuple[str, int, int]]
    trend: list[tuple[str, int | None, int | None]]

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def previous_label(self) -> str:
        return year_label(self.year - 1)

    def line(self, key: str) -> Line:
        return next(line for line in self.lines if line.key == key)

    def value(self, key: str):
        return self.line(key).now.value

    def has_data(self) -> bool:
        return any(line.now.value is not None for line in self.lines)


def figures_for(period: Period, keys=None, *, now=None) -> dict[str, Result]:
    records = Records(period, now)
    specs = FIGURES if keys is None else [BY_KEY[k] for k in keys]
    return {spec.key: spec.compute(records) for spec in specs}


TREND_YEARS = 5


def annual_report(year: int, *, trend_years: int = TREND_YEARS, now=None) -> AnnualReport:
    """The year `year`/`year + 1`, with the year before beside every figure."""
    period = Period.year(year)
    now = now or timezone.now()
    this, before = Records(period, now), Records(period.previous_year(), now)
    lines = [Line(spec, spec.compute(this), spec.compute(before)) for spec in FIGURES]
    return AnnualReport(
        year=year,
        period=period,
        lines=lines,
        by_type=_by_type(this, before),
        trend=_trend(year, trend_years, now),
    )


def _by_type(now: Records, before: Records) -> list[tuple[str, int, int]]:
    def counts(records: Records) -> dict[str, int]:
        rows = records.peer_challenges.values("offer__name").annotate(n=Count("pk"))
        return {row["offer__name"]: row["n"] for row in rows}

    this, last = counts(now), counts(before)
    names = sorted(set(this) | set(last), key=lambda name: (-this.get(name, 0), name))
    return [(name, this.get(name, 0), last.get(name, 0)) for name in names]


def _trend(year: int, years: int, now) -> list[tuple[str, int | None, int | None]]:
    """Peer challenges and corporate peer challenges in each of the last few years."""
    rows = []
    keys = ["peer_challenges", "corporate_peer_challenges"]
    for each in range(year - years + 1, year + 1):
        figures = figures_for(Period.year(each), keys, now=now)
        rows.append(
            (
                year_label(each),
                figures["peer_challenges"].value,
                figures["corporate_peer_challenges"].value,
            )
        )
    return rows
