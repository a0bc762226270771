"""Targets agreed with government and the quarterly return's red, amber and green.

docs/annual-report.md states the rule in words.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from peerwork.accounts import permissions
from peerwork.core.periods import Period
from peerwork.impact.annual import exports
from peerwork.impact.annual.figures import BY_KEY, SHARE, FigureSpec, Result, figures_for
from peerwork.impact.models import Target

GREEN, AMBER, RED = "green", "amber", "red"
STATUS_LABELS = {GREEN: _("Green"), AMBER: _("Amber"), RED: _("Red")}
# Amber is within this fraction below what is expected by now.
AMBER_MARGIN = Decimal("0.10")


def expected_by(target: Target, quarter: int, unit: str) -> Decimal:
    """What the figure should have reached by the end of `quarter`."""
    if unit == SHARE or quarter >= target.due_quarter:
        return target.value
    return target.value * quarter / target.due_quarter


def status(value, expected: Decimal) -> str | None:
    if value is None:
        return None
    value = Decimal(str(value))
    if value >= expected:
        return GREEN
    if value >= expected * (1 - AMBER_MARGIN):
        return AMBER
    return RED


@dataclass(frozen=True)
class ReturnLine:
    target: Target
    spec: FigureSpec
    result: Result
    expected: Decimal
    status: str | None

    @property
    def shown(self) -> str:
        return exports.shown(self.result, self.spec.unit)

    @property
    def tag_colour(self) -> str:
        return {GREEN: "green", AMBER: "yellow", RED: "red"}.get(self.status, "grey")

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status]) if self.status else str(_("No data"))


def quarterly_return(year: int, quarter: int, *, now=None) -> list[ReturnLine]:
    """Each of the year's targets against its figure from 1 April to the quarter's end
    (counting what has happened by `now`)."""
    targets = [t for t in Target.objects.filter(year=year) if t.figure in BY_KEY]
    period = Period.to_quarter_end(year, quarter)
    results = figures_for(period, [t.figure for t in targets], now=now)
    lines = []
    for target in targets:
        spec = BY_KEY[target.figure]
        result = results[target.figure]
        expected = expected_by(target, quarter, spec.unit)
        # Compared as shown: a share as its percentage to one decimal place.
        shown_value = exports.number(result.value, spec.unit)
        lines.append(
            ReturnLine(
                target=target,
                spec=spec,
                result=result,
                expected=expected,
                status=status(shown_value, expected),
            )
        )
    return lines


def targets_managed_by(user) -> QuerySet[Target]:
    """Every target, for those who manage programme records; none for anyone else."""
    if not permissions.may_manage_records(user):
        return Target.objects.none()
    return Target.objects.all()
