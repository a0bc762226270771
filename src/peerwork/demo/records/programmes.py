"""The programmes' records, year by year: leadership cohorts, the graduate programme,
productivity savings, the climate change programme, the housing advisers programme and
the resident polls. Each adds up to its year in `figures`; nothing dated after the
demo's today is kept.
"""

import datetime
import random
from decimal import Decimal

from peerwork.councils.models import Council, Nation, Party
from peerwork.demo.pool import FIRST, LAST, PARTIES
from peerwork.demo.records import figures
from peerwork.programmes.models import (
    ClimateActivity,
    ClimateParticipation,
    ExpertEngagement,
    HousingBid,
    HousingProject,
    HousingSurveyResponse,
    LeadershipCohort,
    LeadershipParticipant,
    LeadershipProgramme,
    NgdpCohort,
    NgdpPlacement,
    PollingRound,
    Saving,
)

DAY = datetime.timedelta(days=1)
# The association's nations: councils elsewhere in the register take no part.
NATIONS = (Nation.ENGLAND, Nation.WALES)


def year_days(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def weekday_between(rng, first: datetime.date, last: datetime.date) -> datetime.date:
    """A working day from `first` to `last`, both included."""
    days = [first + n * DAY for n in range((last - first).days + 1)]
    return rng.choice([d for d in days if d.weekday() <= 4] or days)


def split(total: int, low: int, high: int, rng) -> list[int]:
    """`total` as a list of random sizes from `low` to `high` that add up to it exactly."""
    if total <= 0:
        return []
    if total < low:
        return [total]
    count = max(1, round(total / ((low + high) / 2)))
    while count * low > total:
        count -= 1
    while count * high < total:
        count += 1
    sizes = [rng.randint(low, high) for _ in range(count)]
    left = total - sum(sizes)
    while left:
        step = 1 if left > 0 else -1
        index = rng.randrange(count)
        if low <= sizes[index] + step <= high:
            sizes[index] += step
            left -= step
    return sizes


def split_money(total: Decimal, count: int, rng) -> list[Decimal]:
    """`total` in `count` amounts of varied size, in round hundreds of pounds, adding up
    to it exactly (the largest takes the odd pounds and pence)."""
    weights = [rng.lognormvariate(0, 0.8) for _ in range(count)]
    whole = sum(weights)
    amounts = [
        max(Decimal(20000), Decimal(round(total * Decimal(w / whole) / 100) * 100)) for w in weights
    ]
    largest = amounts.index(max(amounts))
    amounts[largest] += total - sum(amounts)
    if amounts[largest] <= 0:
        raise ValueError("too many amounts for the total")
    return amounts


class People:
    """Made-up names, unique within whatever group asks for them."""

    def __init__(self, rng):
        self.rng = rng

    def name(self, taken: set) -> str:
        for _ in range(50):
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            if name not in taken:
                taken.add(name)
                return name
        initial = self.rng.choice("ABCDEFGHJKLMNPRSTW")
        name = f"{self.rng.choice(FIRST)} {initial}. {self.rng.choice(LAST)}"
        taken.add(name)
        return name


class Councils:
    """The register's principal councils in England and Wales, as they were on a day."""

    def __init__(self):
        self.all = list(Council.objects.principal().filter(nation__in=NATIONS).order_by("code"))

    def on(self, day: datetime.date, *, england_only: bool = True) -> list[Council]:
        return [
            c
            for c in self.all
            if c.is_current(day) and (not england_only or c.nation == Nation.ENGLAND)
        ]


# Leadership programmes ---------------------------------------------------------------

# (programme, share of the year's councillors, cohort sizes, weeks it runs, months it
# may start in)
LEADERSHIP = [
    (LeadershipProgramme.ESSENTIALS, 0.52, (12, 24), 0, (4, 5, 6, 7, 9, 10, 11, 1, 2, 3)),
    (LeadershipProgramme.ACADEMY, 0.26, (20, 28), 13, (9, 10, 11, 1, 2, 3)),
    (LeadershipProgramme.NEXT_GENERATION, 0.13, (14, 20), 26, (9, 10, 11)),
    (LeadershipProgramme.LEADERS, 0.09, (14, 22), 17, (10, 11, 1, 2)),
]
ESSENTIALS_THEMES = [
    "Finance",
    "Children's services",
    "Adult social care",
    "Planning",
    "Scrutiny",
    "Climate change",
    "Housing",
    "Cyber security",
    "Licensing",
    "Public health",
    "Culture and leisure",
    "Transport",
]
# Next Generation runs a stream for each political group.
NEXT_GENERATION_STREAMS = [("Con", 3), ("Lab", 3), ("LD", 2), ("Ind", 1)]


def _start_in(rng, year: int, months) -> datetime.date:
    month = rng.choice(months)
    calendar_year = year if month >= 4 else year + 1
    first = datetime.date(calendar_year, month, 1)
    return weekday_between(rng, first, first + 24 * DAY)


def leadership_plan(year: int, total: int, councils: Councils, parties: dict, rng):
    """The year's cohorts, and per cohort its applications as (name, council, party,
    enrolled) tuples: exactly `total` enrolled."""
    people = People(rng)
    shares = [round(total * share) for _p, share, *_rest in LEADERSHIP]
    shares[0] += total - sum(shares)
    plan, names = [], set()
    for (programme, _share, (low, high), weeks, months), target in zip(
        LEADERSHIP, shares, strict=True
    ):
        sizes = split(target, low, high, rng)
        streams = [s for s, n in NEXT_GENERATION_STREAMS for _ in range(n)]
        per_stream = dict.fromkeys(streams, 0)
        for number, size in enumerate(sizes, start=1):
            starts = _start_in(rng, year, months)
            ends = starts + (DAY if weeks == 0 else weeks * 7 * DAY)
            stream = None
            if programme == LeadershipProgramme.ESSENTIALS:
                name = f"{rng.choice(ESSENTIALS_THEMES)}, {starts:%-d %B %Y}"
            elif programme == LeadershipProgramme.NEXT_GENERATION:
                stream = streams[(number - 1) % len(streams)]
                per_stream[stream] += 1
                name = f"{label(year)}: {parties[stream].name} {per_stream[stream]}"
            else:
                name = f"{label(year)} cohort {number}"
            while (programme, name) in names:
                name += " (2)"
            names.add((programme, name))
            cohort = LeadershipCohort(
                programme=programme,
                name=name,
                starts_on=starts,
                ends_on=ends,
                places=size + rng.randint(0, 4),
            )
            selective = programme != LeadershipProgramme.ESSENTIALS
            turned_down = rng.randint(1, max(2, size // 4)) if selective else rng.randint(0, 2)
            taken, applications = set(), []
            here = councils.on(starts)
            for n in range(size + turned_down):
                party = stream or _weighted(rng, PARTIES)
                if rng.random() < 0.03 and not stream:
                    party = None
                applications.append(
                    (people.name(taken), rng.choice(here), parties.get(party), n < size)
                )
            plan.append((cohort, applications))
    return plan


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def leadership_load(*, today, councils: Councils, rng) -> tuple[int, int]:
    parties = {p.short_name: p for p in Party.objects.all()}
    cohorts, participants = [], []
    for year, numbers in sorted(figures.YEARS.items()):
        for cohort, applications in leadership_plan(
            year, numbers.leadership, councils, parties, rng
        ):
            if cohort.starts_on > today:
                continue
            cohorts.append(cohort)
            finished = cohort.ends_on <= today
            for name, council, party, enrolled in applications:
                attended = enrolled and rng.random() < 0.96
                participants.append(
                    LeadershipParticipant(
                        cohort=cohort,
                        full_name=name,
                        council=council,
                        party=party,
                        enrolled=enrolled,
                        attended=attended,
                        completed=attended and finished and rng.random() < 0.9,
                    )
                )
    LeadershipCohort.objects.bulk_create(cohorts)
    LeadershipParticipant.objects.bulk_create(participants, batch_size=1000)
    return len(cohorts), len(participants)


# The graduate programme (ngdp) -------------------------------------------------------

FIRST_NGDP_INTAKE = 2002


def ngdp_load(*, today, councils: Councils, rng) -> tuple[int, int]:
    people = People(rng)
    cohorts, placements = [], []
    for intake, numbers in sorted(figures.NGDP_INTAKES.items()):
        closed = weekday_between(rng, datetime.date(intake, 1, 10), datetime.date(intake, 1, 24))
        if closed > today:
            continue
        cohort = NgdpCohort(
            intake_year=intake,
            name=f"Cohort {intake - FIRST_NGDP_INTAKE + 1} ({intake} intake)",
            applications=numbers.applications,
            recruitment_closed_on=closed,
        )
        cohorts.append(cohort)
        # Placements start on the first Monday of September, a few of them later.
        first_monday = datetime.date(intake, 9, 1)
        while first_monday.weekday() != 0:
            first_monday += DAY
        hosts = councils.on(first_monday, england_only=False)
        taken = set()
        for n in range(numbers.placed):
            started = first_monday
            if n % 9 == 8:
                started += rng.randint(1, 6) * 7 * DAY
            if started > today:
                continue
            placements.append(
                NgdpPlacement(
                    cohort=cohort,
                    graduate_name=people.name(taken),
                    council=rng.choice(hosts),
                    started_on=started,
                )
            )
    NgdpCohort.objects.bulk_create(cohorts)
    NgdpPlacement.objects.bulk_create(placements, batch_size=1000)
    return len(cohorts), len(placements)


# Productivity: experts, and the savings and income they found -------------------------

EXPERT_TOPICS = [
    ("Procurement and contract management", "Renegotiated the waste collection contract"),
    ("Commercial income", "New fees for pre-application planning advice"),
    ("Energy", "Street lighting converted to LED"),
    ("Digital customer services", "Online forms replacing telephone transactions"),
    ("Fleet and transport", "Shared fleet maintenance with a neighbouring council"),
    ("Temporary accommodation", "Leased homes replacing bed-and-breakfast placements"),
    ("Adult social care commissioning", "Home care framework re-let on outcomes"),
    ("Property and estates", "Office consolidation and disposal of surplus sites"),
    ("Business rates", "Review of reliefs and unlisted properties"),
    ("Shared services", "Revenues and benefits service shared across three councils"),
]
INCOME_TOPICS = {"Commercial income", "Business rates", "Property and estates"}


def savings_load(*, today, councils: Councils, rng) -> tuple[int, int]:
    people = People(rng)
    engagements, savings = [], []
    for year, numbers in sorted(figures.YEARS.items()):
        first, last = year_days(year)
        places = rng.sample(councils.on(last), numbers.savings_councils)
        rows = []
        for council in places:
            experts = []
            for topic, description in rng.sample(EXPERT_TOPICS, rng.randint(1, 2)):
                # Experts start and find their savings within the year.
                started = first + rng.randint(0, 150) * DAY
                ended = started + rng.randint(90, 300) * DAY
                expert = ExpertEngagement(
                    council=council,
                    expert_name=people.name(set()),
                    topic=topic,
                    started_on=started,
                    ended_on=ended if ended <= today else None,
                )
                experts.append((expert, description))
            engagements += [e for e, _d in experts]
            for _n in range(rng.randint(1, 3)):
                expert, description = rng.choice(experts)
                kind = Saving.Kind.SAVING
                if rng.random() < (0.9 if expert.topic in INCOME_TOPICS else 0.1):
                    kind = Saving.Kind.INCOME
                earliest, latest = max(first, expert.started_on + 60 * DAY), min(last, today)
                if earliest > latest:
                    continue
                verified = weekday_between(rng, earliest, latest)
                rows.append((council, expert, kind, description, verified))
        for (council, expert, kind, description, verified), amount in zip(
            rows, split_money(numbers.savings, len(rows), rng), strict=True
        ):
            savings.append(
                Saving(
                    council=council,
                    expert_engagement=expert,
                    kind=kind,
                    amount=amount,
                    description=description,
                    verified_on=verified,
                )
            )
    ExpertEngagement.objects.bulk_create(engagements)
    Saving.objects.bulk_create(savings)
    return len(engagements), len(savings)


# The climate change programme --------------------------------------------------------


def climate_load(*, today, councils: Councils, rng) -> int:
    rows = []
    for year, numbers in sorted(figures.YEARS.items()):
        first, last = year_days(year)
        # Out of the councils the year's report counts: those in being on its last day.
        counted = councils.on(last, england_only=False)
        for council in rng.sample(counted, numbers.climate_councils):
            seen = set()
            for activity in rng.sample(ClimateActivity.values, rng.randint(1, 4)):
                day = weekday_between(rng, first, last)
                if (activity, day) in seen or day > today:
                    continue
                seen.add((activity, day))
                rows.append(
                    ClimateParticipation(council=council, activity=activity, took_part_on=day)
                )
    ClimateParticipation.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


# The housing advisers programme --------------------------------------------------------

HOUSING_WORK = [
    "Temporary accommodation strategy",
    "Homelessness prevention hub",
    "Empty homes back into use",
    "Retrofit skills partnership",
    "Private rented sector licensing scheme",
    "Housing company business case",
    "Rough sleeping pathway",
    "Older people's housing needs assessment",
    "Modular homes on council land",
    "Gypsy and Traveller site delivery",
]
HOUSING_OUTCOMES = [
    "The strategy was adopted by cabinet and the first leased homes are in use.",
    "Partners agreed a shared referral route; evictions into homelessness fell.",
    "A business case was approved and the scheme is out to tender.",
    "The work gave the councils an evidence base they now use in their local plans.",
]


def housing_load(*, today, councils: Councils, rng) -> tuple[int, int, int]:
    bids, projects, members, responses = [], [], [], []
    for year, numbers in sorted(figures.YEARS.items()):
        first, last = year_days(year)
        here = councils.on(first)
        # Two rounds a year: bids in by early summer and by early winter.
        for n in range(numbers.housing_bids):
            month_from = datetime.date(year, 6 if n % 2 == 0 else 11, 1)
            submitted = weekday_between(rng, month_from, month_from + 40 * DAY)
            if submitted > today:
                continue
            lead = rng.choice(here)
            work = rng.choice(HOUSING_WORK)
            partners = [
                c for c in here if c != lead and lead.county_id and c.county_id == lead.county_id
            ]
            together = rng.random() < 0.35 and partners
            title = f"{work}: {lead.short_name}" + (" and partners" if together else "")
            bid = HousingBid(council=lead, title=title, submitted_on=submitted)
            decided = submitted + rng.randint(45, 75) * DAY
            if decided > today:
                bid.outcome = HousingBid.Outcome.PENDING
            elif rng.random() < 0.6:
                bid.outcome = HousingBid.Outcome.AWARDED
                bid.awarded_amount = Decimal(rng.randint(30, 240) * 500)
            else:
                bid.outcome = HousingBid.Outcome.DECLINED
            bids.append(bid)
            if bid.outcome != HousingBid.Outcome.AWARDED:
                continue
            started = decided + rng.randint(20, 60) * DAY
            if started > today:
                continue
            completed = started + rng.randint(240, 540) * DAY
            project = HousingProject(
                bid=bid,
                title=title,
                started_on=started,
                completed_on=completed if completed <= today else None,
                outcome=rng.choice(HOUSING_OUTCOMES) if completed <= today else "",
            )
            projects.append(project)
            joined = [lead]
            if together:
                joined += rng.sample(partners, min(len(partners), rng.randint(1, 3)))
            members += [(project, council) for council in joined]
        responses += _housing_answers(year, numbers, projects, today, rng)
    HousingBid.objects.bulk_create(bids)
    HousingProject.objects.bulk_create(projects)
    Through = HousingProject.councils.through
    Through.objects.bulk_create(
        [Through(housingproject_id=p.pk, council_id=c.pk) for p, c in members]
    )
    HousingSurveyResponse.objects.bulk_create(responses)
    return len(bids), len(projects), len(responses)


def _housing_answers(year, numbers, projects, today, rng) -> list[HousingSurveyResponse]:
    """The year's survey answers, each from someone on a project running for at least three
    months by then, or finished within the year before."""
    first, last = year_days(year)
    answers = [True] * numbers.housing_lasting
    answers += [False] * (numbers.housing_responses - numbers.housing_lasting)
    rng.shuffle(answers)
    made = []
    for lasting in answers:
        for _attempt in range(50):
            day = first + rng.randint(0, (last - first).days) * DAY
            running = [
                p
                for p in projects
                if p.started_on + 90 * DAY <= day
                and (p.completed_on is None or p.completed_on + 365 * DAY >= day)
            ]
            if running:
                break
        else:
            raise RuntimeError(f"{label(year)}: no housing project to answer about")
        if day > today:
            continue
        made.append(
            HousingSurveyResponse(
                project=rng.choice(running), submitted_on=day, lasting_positive_impact=lasting
            )
        )
    return made


# Resident polling -------------------------------------------------------------------

# Each indicator's drift a round, in points: satisfaction and trust slowly fall.
POLLING_DRIFT = {
    "satisfied_with_area": -0.1,
    "satisfied_with_council": -0.32,
    "value_for_money": -0.3,
    "acts_on_concerns": -0.22,
    "keeps_informed": -0.18,
    "trust_council": -0.24,
}
# The first round of the pandemic (June 2020) saw councils rated higher for a while.
PANDEMIC_LIFT = {"satisfied_with_council": 3.5, "keeps_informed": 4.0, "trust_council": 4.5}
PANDEMIC_ROUND = datetime.date(2020, 6, 1)


def polling_load(*, today, rng) -> int:
    rounds, number = [], figures.FIRST_POLLING_ROUND
    noise = dict.fromkeys(figures.POLLING_START, 0.0)
    years = sorted(figures.YEARS)
    for n, month in enumerate(
        datetime.date(year, month, 1)
        for year in range(years[0], years[-1] + 2)
        for month in (2, 6, 10)
    ):
        starts = weekday_between(rng, month + 3 * DAY, month + 10 * DAY)
        ends = starts + 4 * DAY
        if ends > today:
            break
        values = {}
        for name, start in figures.POLLING_START.items():
            noise[name] = 0.6 * noise[name] + rng.gauss(0, 0.8)
            lift = 0.0
            if month >= PANDEMIC_ROUND:
                since = (month.year - PANDEMIC_ROUND.year) * 3 + (month.month - 6) // 4
                lift = PANDEMIC_LIFT.get(name, 0.0) * 0.7**since
            value = start + POLLING_DRIFT[name] * n + lift + noise[name]
            values[name] = Decimal(f"{min(100.0, max(0.0, value)):.1f}")
        rounds.append(
            PollingRound(
                number=number,
                fieldwork_from=starts,
                fieldwork_to=ends,
                sample_size=rng.randint(1000, 1040),
                **values,
            )
        )
        number += 1
    PollingRound.objects.bulk_create(rounds)
    return len(rounds)


def programmes_load(*, today: datetime.date, seed: int = 2019) -> dict[str, int]:
    """Every programme's records; the caller holds the transaction."""
    councils = Councils()
    made = {}
    made["leadership_cohorts"], made["leadership_applications"] = leadership_load(
        today=today, councils=councils, rng=random.Random(seed)
    )
    made["ngdp_intakes"], made["ngdp_placements"] = ngdp_load(
        today=today, councils=councils, rng=random.Random(seed + 1)
    )
    made["expert_engagements"], made["savings"] = savings_load(
        today=today, councils=councils, rng=random.Random(seed + 2)
    )
    made["climate_activities"] = climate_load(
        today=today, councils=councils, rng=random.Random(seed + 3)
    )
    made["housing_bids"], made["housing_projects"], made["housing_answers"] = housing_load(
        today=today, councils=councils, rng=random.Random(seed + 4)
    )
    made["polling_rounds"] = polling_load(today=today, rng=random.Random(seed + 5))
    return made
