"""What the demo's records add up to, year by year.

The association's published figures for 2019/20 and 2021/22 are written here and
nowhere else: the records are made to add up to them, and the annual report computes
them back from the records without knowing them. The other years are invented,
smaller, and drift from one year to the next so that comparisons look real.

A year is named by its first calendar year: 2019 is 1 April 2019 to 31 March 2020.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

# 2019/20, as published ------------------------------------------------------------

PEER_CHALLENGES_2019 = 129
CORPORATE_PEER_CHALLENGES_2019 = 60
PEERS_USED_2019 = 784
COUNCILLORS_ON_LEADERSHIP_2019 = 958
NGDP_PLACED_2019 = 149  # the 2019 intake, starting in September 2019
NGDP_APPLICATIONS_2019 = 5000  # the 2020 intake's round, closing in January 2020
SAVINGS_2019 = Decimal("38500000.00")
SAVINGS_COUNCILS_2019 = 43

# 2021/22, as published ------------------------------------------------------------

COUNCILLORS_ON_LEADERSHIP_2021 = 2046  # "over 2,000"
CPC_POSITIVE_SHARE_2021 = 1.0
CLIMATE_COUNCILS_2021 = 66  # of the 67 principal councils in England and Wales: 98.5%
HOUSING_RESPONSES_2021 = 100
HOUSING_LASTING_2021 = 97


@dataclass(frozen=True)
class Year:
    """One year's programme records."""

    leadership: int  # councillors who took a place on a cohort starting in the year
    savings: Decimal  # savings and income verified in the year
    savings_councils: int
    climate_councils: int  # councils with a climate activity in the year
    housing_bids: int  # bids submitted in the year; about 60% are awarded
    housing_responses: int  # housing advisers survey answers submitted in the year
    housing_lasting: int  # of which report a lasting positive impact
    cpc_positive: float = 0.97  # chance a council says a CPC had a positive impact
    positive: float = 0.9  # the same for any other offer


YEARS = {
    2019: Year(
        leadership=COUNCILLORS_ON_LEADERSHIP_2019,
        savings=SAVINGS_2019,
        savings_councils=SAVINGS_COUNCILS_2019,
        climate_councils=21,
        housing_bids=38,
        housing_responses=0,
        housing_lasting=0,
    ),
    2020: Year(
        leadership=742,
        savings=Decimal("24215000.00"),
        savings_councils=31,
        climate_councils=47,
        housing_bids=44,
        housing_responses=46,
        housing_lasting=42,
    ),
    2021: Year(
        leadership=COUNCILLORS_ON_LEADERSHIP_2021,
        savings=Decimal("31750000.00"),
        savings_councils=37,
        climate_councils=CLIMATE_COUNCILS_2021,
        housing_bids=50,
        housing_responses=HOUSING_RESPONSES_2021,
        housing_lasting=HOUSING_LASTING_2021,
        cpc_positive=CPC_POSITIVE_SHARE_2021,
    ),
    2022: Year(
        leadership=1184,
        savings=Decimal("28430000.00"),
        savings_councils=35,
        climate_councils=58,
        housing_bids=45,
        housing_responses=81,
        housing_lasting=76,
    ),
    2023: Year(
        leadership=1046,
        savings=Decimal("22960000.00"),
        savings_councils=30,
        climate_councils=54,
        housing_bids=41,
        housing_responses=72,
        housing_lasting=67,
    ),
    2024: Year(
        leadership=987,
        savings=Decimal("19645000.00"),
        savings_councils=27,
        climate_councils=51,
        housing_bids=37,
        housing_responses=64,
        housing_lasting=61,
    ),
    2025: Year(
        leadership=1012,
        savings=Decimal("21380000.00"),
        savings_councils=28,
        climate_councils=48,
        housing_bids=36,
        housing_responses=58,
        housing_lasting=55,
    ),
    # The year under way: only what is dated on or before the demo's today is kept.
    2026: Year(
        leadership=1030,
        savings=Decimal("20500000.00"),
        savings_councils=27,
        climate_councils=46,
        housing_bids=34,
        housing_responses=52,
        housing_lasting=49,
    ),
}


@dataclass(frozen=True)
class Intake:
    """One intake of the graduate programme: the applications to the round that closed
    the January before, and the graduates who started placements that September."""

    applications: int
    placed: int


NGDP_INTAKES = {
    # The year before the first report year, so 2019/20 has a year to compare with.
    2018: Intake(applications=4210, placed=141),
    2019: Intake(applications=4620, placed=NGDP_PLACED_2019),
    2020: Intake(applications=NGDP_APPLICATIONS_2019, placed=118),
    2021: Intake(applications=6310, placed=131),
    2022: Intake(applications=5820, placed=152),
    2023: Intake(applications=5460, placed=160),
    2024: Intake(applications=5910, placed=171),
    2025: Intake(applications=6080, placed=168),
    2026: Intake(applications=6390, placed=175),
}


@dataclass(frozen=True)
class EngagementYear:
    """The engagements delivered in one year before the demo's history begins.

    `offers` is how many of each offer; `first` and `last` bound the delivery days
    (on-site offers may be given a later `on_site_from`). Where `peers_used` is set,
    remote support, progress reviews and mentoring are added until exactly that many
    peers have taken a place on a team delivered in the year.
    """

    first: datetime.date
    last: datetime.date
    offers: dict[str, int] = field(default_factory=dict)
    on_site_from: datetime.date | None = None
    peers_used: int | None = None


ENGAGEMENT_YEARS = {
    2019: EngagementYear(
        first=datetime.date(2019, 4, 8),
        # Nothing on site after the week before the first lockdown.
        last=datetime.date(2020, 3, 13),
        offers={
            "corporate-peer-challenge": CORPORATE_PEER_CHALLENGES_2019,
            "finance-peer-challenge": 16,
            "governance-peer-challenge": 15,
            "communications-peer-challenge": 13,
            "equalities-peer-challenge": 12,
            "planning-peer-challenge": 13,
            "progress-review": 6,
            "bespoke-remote-peer-support": 6,
            "mentoring": 6,
        },
        peers_used=PEERS_USED_2019,
    ),
    2020: EngagementYear(
        first=datetime.date(2020, 6, 1),
        last=datetime.date(2021, 3, 26),
        on_site_from=datetime.date(2020, 9, 14),
        offers={
            "corporate-peer-challenge": 12,
            "finance-peer-challenge": 6,
            "governance-peer-challenge": 5,
            "communications-peer-challenge": 3,
            "equalities-peer-challenge": 2,
            "planning-peer-challenge": 3,
            "recovery-and-renewal-panel": 30,
            "bespoke-remote-peer-support": 12,
            "mentoring": 10,
            "progress-review": 3,
        },
    ),
    2021: EngagementYear(
        first=datetime.date(2021, 4, 12),
        last=datetime.date(2022, 3, 25),
        offers={
            "corporate-peer-challenge": 18,
            "finance-peer-challenge": 7,
            "governance-peer-challenge": 6,
            "communications-peer-challenge": 4,
            "equalities-peer-challenge": 4,
            "planning-peer-challenge": 4,
            "recovery-and-renewal-panel": 12,
            "bespoke-remote-peer-support": 10,
            "mentoring": 10,
            "progress-review": 6,
        },
    ),
    2022: EngagementYear(
        first=datetime.date(2022, 4, 11),
        last=datetime.date(2023, 3, 24),
        offers={
            "corporate-peer-challenge": 10,
            "finance-peer-challenge": 4,
            "governance-peer-challenge": 4,
            "communications-peer-challenge": 2,
            "equalities-peer-challenge": 3,
            "planning-peer-challenge": 2,
            "recovery-and-renewal-panel": 6,
            "bespoke-remote-peer-support": 8,
            "mentoring": 8,
            "progress-review": 5,
        },
    ),
}

# The resident polls: the round number of the first one the demo holds (February 2019;
# the poll itself began earlier), and where each indicator started, in per cent.
FIRST_POLLING_ROUND = 22
POLLING_START = {
    "satisfied_with_area": 80.0,
    "satisfied_with_council": 64.0,
    "value_for_money": 47.0,
    "acts_on_concerns": 59.0,
    "keeps_informed": 62.0,
    "trust_council": 61.0,
}
