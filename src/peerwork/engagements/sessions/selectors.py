"""When an engagement was delivered, read from its sessions."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from peerwork.accounts import permissions
from peerwork.engagements.models import Session, SessionKind

DELIVERY_KINDS = frozenset({SessionKind.ON_SITE, SessionKind.REMOTE_PANEL})


def live_sessions(engagement, kinds) -> list:
    """The engagement's sessions of these kinds that are not cancelled."""
    # .all() so a prefetch is used when there is one.
    return [s for s in engagement.sessions.all() if not s.cancelled and s.kind in kinds]


def delivery_end(engagement) -> datetime.date | None:
    """The last day of the on-site days or remote panel, else the latest date that suits."""
    ends = [timezone.localdate(s.ends_at) for s in live_sessions(engagement, DELIVERY_KINDS)]
    if ends:
        return max(ends)
    return engagement.preferred_to


def sessions_for_calendar(user) -> QuerySet[Session]:
    """Sessions with their engagement, for those who may open calendar files at all (case
    workers and peers); none for anyone else. Whether this person may open a given
    session's file is the view's question, answered with 403, not 404."""
    if not (permissions.is_case_worker(user) or permissions.is_peer(user)):
        return Session.objects.none()
    return Session.objects.select_related("engagement")
