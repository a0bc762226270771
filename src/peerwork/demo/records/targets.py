"""The targets the demo association agreed with government, one set a year.

Invented, round numbers of the kind such agreements hold; the quarterly return
computes each one's status from the records.
"""

from decimal import Decimal

from peerwork.impact.models import Target

# (figure, value, due quarter); shares are percentages.
TARGETS = [
    ("peer_challenges", Decimal(120), 4),
    ("corporate_peer_challenges", Decimal(50), 4),
    ("councillors_on_leadership", Decimal(900), 4),
    ("ngdp_graduates_placed", Decimal(140), 2),
    ("savings_total", Decimal(25_000_000), 4),
    ("council_positive_impact_share", Decimal(90), 4),
]
FIRST_YEAR = 2019


def targets_load(*, last_year: int) -> int:
    """Each year's targets, from 2019/20 to `last_year`/next."""
    Target.objects.bulk_create(
        Target(year=year, figure=figure, value=value, due_quarter=quarter)
        for year in range(FIRST_YEAR, last_year + 1)
        for figure, value, quarter in TARGETS
    )
    return (last_year + 1 - FIRST_YEAR) * len(TARGETS)
