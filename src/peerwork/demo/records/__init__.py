"""The demo's records from 2019/20 on: the engagements before the demo's history and the
programmes' records, from which the annual report computes the association's figures.

The published figures are in `figures` and nowhere else; the report computes them
from these records without knowing them. Deterministic, and loaded once.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from peerwork.core.periods import year_start
from peerwork.demo.history.timeline import aware
from peerwork.demo.records.engagements import past_engagements_load
from peerwork.demo.records.programmes import programmes_load
from peerwork.demo.records.surveys import surveys_load
from peerwork.demo.records.targets import targets_load
from peerwork.programmes.models import LeadershipCohort

__all__ = ["demo_records_load", "demo_records_summary"]


def demo_records_load(*, today: datetime.date | None = None) -> dict[str, int]:
    """Load the records once; return how many of each were made (nothing if loaded)."""
    if LeadershipCohort.objects.exists():
        return {}
    if today is None:
        today, now = timezone.localdate(), timezone.now()
    else:
        now = aware(today, 18)
    with transaction.atomic():
        made = {"engagements": len(past_engagements_load(today=today, now=now))}
        made |= programmes_load(today=today)
        made["survey_invitations"], made["survey_responses"] = surveys_load(now=now)
        made["targets"] = targets_load(last_year=year_start(today).year)
    return made


def demo_records_summary(made: dict[str, int]) -> str:
    """One line saying what `demo_records_load` made."""
    return (
        "Loaded records since 2019/20: {engagements:,} earlier engagements, "
        "{leadership_applications:,} leadership applications in {leadership_cohorts:,} "
        "cohorts, {ngdp_placements:,} ngdp placements from {ngdp_intakes} intakes, "
        "{savings:,} savings from {expert_engagements:,} expert engagements, "
        "{climate_activities:,} climate activities, {housing_bids:,} housing bids with "
        "{housing_projects:,} projects and {housing_answers:,} survey answers, "
        "{survey_responses:,} impact survey responses, {polling_rounds} polling rounds "
        "and {targets} targets."
    ).format(**made)
