"""The annual report's figures, computed once and kept until a record behind them changes.

Computing a year reads the records with about 160 queries. The result is kept in the
database (`KeptFigures`, one row a year), which every web process shares, and is
computed again on the first request after something it counts has moved. Two things
move it:

- A change to a record the figures read: a save or delete of any model in `WATCHED`
  (or a bulk write that sends `core.signals.bulk_written`) raises the one
  `FiguresGeneration` number once its transaction commits. Figures kept at an older
  number are stale.
- Time: a year still running counts what has happened by now (a visit counts once its
  last session has ended), so figures are kept only until the next session of the
  years they cover ends.

Figures computed by a request are kept only if the number has not moved since the
request read it (checked under a lock on the number), so figures read from records that
changed meanwhile are never kept. The number moves after the commit, not inside the
writing transaction, so that writers never wait for one another on it.
"""

import hashlib
import logging
from decimal import Decimal
from pathlib import Path

from django.db import OperationalError, transaction
from django.db.models import F, Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from peerwork.core.periods import Period
from peerwork.core.signals import bulk_written
from peerwork.councils.models import Council
from peerwork.engagements.models import Engagement, Session, TeamMember
from peerwork.impact.annual import figures
from peerwork.impact.annual.figures import BY_KEY, AnnualReport, Line, Result, annual_report
from peerwork.impact.models import (
    Answer,
    FiguresGeneration,
    KeptFigures,
    Question,
    SurveyResponse,
)
from peerwork.impact.surveys import selectors as surveys_selectors
from peerwork.offers.models import Offer
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

logger = logging.getLogger(__name__)


def _rules() -> str:
    """How the figures are counted, as a digest of the code that counts them: figures
    kept by a release that counted differently are computed again."""
    digest = hashlib.sha256()
    for module in (figures, surveys_selectors):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


RULES = _rules()

# Every model whose rows the figures read (tests/impact/test_kept_figures.py checks
# this against the tables the computation queries).
WATCHED = [
    Council,
    Offer,
    Engagement,
    Session,
    TeamMember,
    DiversityRecord,
    SurveyResponse,
    Answer,
    Question,
    LeadershipCohort,
    LeadershipParticipant,
    NgdpCohort,
    NgdpPlacement,
    Saving,
    ExpertEngagement,
    ClimateParticipation,
    HousingProject,
    HousingProject.councils.through,
    HousingBid,
    HousingSurveyResponse,
]


def annual_report_kept(year: int, *, now=None) -> AnnualReport:
    """The year's report as `figures.annual_report` computes it, from the kept figures
    when they are still true."""
    now = now or timezone.now()
    generation = _generation()
    kept = KeptFigures.objects.filter(key=_key(year)).first()
    if (
        kept is not None
        and kept.generation == generation
        and (kept.valid_until is None or now < kept.valid_until)
        and _current(kept.data)
    ):
        return report_from_data(year, kept.data)
    valid_until = _next_session_end(year, now)
    report = annual_report(year, now=now)
    _keep(_key(year), generation, report_as_data(report), now, valid_until)
    return report


def _key(year: int) -> str:
    return f"annual/{year}"


def _generation() -> int:
    row, _created = FiguresGeneration.objects.get_or_create(pk=1)
    return row.number


def _next_session_end(year: int, now):
    """When the next session that the year's report could count ends, if any does.

    Every period the report covers (the year, the year before, the trend) ends when the
    year ends; a session started before then counts once it has ended.
    """
    _start, after = Period.year(year).instants()
    return Session.objects.filter(cancelled=False, starts_at__lt=after, ends_at__gte=now).aggregate(
        first=Min("ends_at")
    )["first"]


def _keep(key: str, generation: int, data: dict, computed_at, valid_until) -> bool:
    """Keep the figures, unless a change has committed since `generation` was read."""
    try:
        with transaction.atomic():
            current = (
                FiguresGeneration.objects.select_for_update()
                .filter(pk=1)
                .values_list("number", flat=True)
                .first()
            )
            if current != generation:
                return False
            KeptFigures.objects.update_or_create(
                key=key,
                defaults={
                    "generation": generation,
                    "data": data,
                    "computed_at": computed_at,
                    "valid_until": valid_until,
                },
            )
    except OperationalError as error:  # the database is busy: the next request keeps them
        logger.warning("Figures %s computed but not kept: %s", key, error)
        return False
    return True


# Changes --------------------------------------------------------------------------


def _raise_generation() -> None:
    if not FiguresGeneration.objects.filter(pk=1).update(number=F("number") + 1):
        FiguresGeneration.objects.get_or_create(pk=1)


class _Raise:
    """The raise owed for the changes of one transaction: made by the first of its
    callbacks to run, so a transaction that changes a thousand records raises once."""

    done = False

    def __call__(self) -> None:
        if not self.done:
            _raise_generation()
            self.done = True


def records_changed(**_kwargs) -> None:
    """A record the figures read has changed: once the change commits, every kept figure
    is stale."""
    connection = transaction.get_connection()
    owed = getattr(connection, "_kept_figures_raise", None)
    if owed is None or owed.done:
        owed = connection._kept_figures_raise = _Raise()
    # A callback for every change, so that a savepoint rolled back (which drops its own
    # callbacks) cannot take away the raise owed for a change that stands. Robust: the
    # change is saved whatever happens here, so a failure is logged, not shown as an error
    # (and the next callback of the transaction tries again).
    transaction.on_commit(owed, robust=True)


def _m2m_changed(action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        records_changed()


def _bulk_written(sender, **kwargs) -> None:
    if sender in WATCHED:
        records_changed()


def watch() -> None:
    """Follow every change to the records behind the figures (from ImpactConfig.ready)."""
    for model in WATCHED:
        uid = f"impact.kept.{model._meta.label_lower}"
        post_save.connect(records_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(records_changed, sender=model, dispatch_uid=uid)
        if model._meta.auto_created:  # a many-to-many table: changed through the relation
            m2m_changed.connect(_m2m_changed, sender=model, dispatch_uid=uid)
    bulk_written.connect(_bulk_written, dispatch_uid="impact.kept")


# The report as data ---------------------------------------------------------------


def _plain(value):
    """A figure's value as JSON: Decimals kept exact, so a kept figure is the same number."""
    return {"decimal": str(value)} if isinstance(value, Decimal) else value


def _value(data):
    return Decimal(data["decimal"]) if isinstance(data, dict) else data


def _result(result: Result) -> list:
    return [_plain(result.value), result.base, result.suppressed]


def _from(data: list) -> Result:
    value, base, suppressed = data
    return Result(_value(value), base, suppressed)


def report_as_data(report: AnnualReport) -> dict:
    return {
        "rules": RULES,
        "lines": [[line.key, _result(line.now), _result(line.before)] for line in report.lines],
        "by_type": [list(row) for row in report.by_type],
        "trend": [list(row) for row in report.trend],
    }


def _current(data: dict) -> bool:
    """Whether kept data was computed by the rules this code counts by."""
    return data.get("rules") == RULES and [key for key, *_ in data["lines"]] == list(BY_KEY)


def report_from_data(year: int, data: dict) -> AnnualReport:
    """The report `report_as_data` kept, as `annual_report` computed it."""
    return AnnualReport(
        year=year,
        period=Period.year(year),
        lines=[Line(BY_KEY[key], _from(now), _from(before)) for key, now, before in data["lines"]],
        by_type=[tuple(row) for row in data["by_type"]],
        trend=[tuple(row) for row in data["trend"]],
    )
