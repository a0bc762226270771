"""Reading programme records for the staff pages."""

import datetime

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from peerwork.core.periods import Period, year_start, years_between
from peerwork.programmes.kinds import KINDS, Kind
from peerwork.programmes.models import LeadershipCohort, PollingRound


def record_counts() -> list[tuple[Kind, int]]:
    return [(kind, kind.model.objects.count()) for kind in KINDS.values()]


def records(kind: Kind, *, year: int | None = None, q: str = "") -> QuerySet:
    """A kind's records, newest first, in the April-to-March year starting in `year` if
    given, and with `q` in one of the kind's searched fields if given."""
    found = kind.model.objects.select_related(*kind.related).prefetch_related(*kind.many)
    if kind.model is LeadershipCohort:
        found = found.annotate(
            applications=Count("participants"),
            enrolled=Count("participants", filter=Q(participants__enrolled=True)),
            attended=Count("participants", filter=Q(participants__attended=True)),
            completed=Count("participants", filter=Q(participants__completed=True)),
        ).order_by(*LeadershipCohort._meta.ordering)
    if q and kind.search:
        matches = Q()
        for name in kind.search:
            matches |= Q(**{f"{name}__icontains": q})
        found = found.filter(matches)
    if year is None or not kind.year_field:
        return found
    start, end = Period.year(year).days()
    if kind.year_end_field:
        # A record that runs for a while counts in every year it was running.
        return found.filter(
            Q(**{f"{kind.year_field}__lte": end}),
            Q(**{f"{kind.year_end_field}__isnull": True})
            | Q(**{f"{kind.year_end_field}__gte": start}),
        )
    return found.filter(**{f"{kind.year_field}__range": (start, end)})


def year_choices(kind: Kind, today: datetime.date | None = None) -> list[datetime.date]:
    """The first day of each year from the earliest record to now (or the latest), latest first."""
    current = year_start(today or timezone.localdate())
    dates = kind.model.objects.aggregate(first=Min(kind.year_field), last=Max(kind.year_field))
    first = year_start(dates["first"]) if dates["first"] else current
    last = max(year_start(dates["last"]), current) if dates["last"] else current
    return years_between(min(first, current), last)


def polling_rounds() -> QuerySet:
    return PollingRound.objects.order_by("number")
