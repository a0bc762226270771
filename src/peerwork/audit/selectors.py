"""Reading the audit log: the entries a search asks for, newest first."""

import datetime

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    LogEntry.Action.CREATE: _("Created"),
    LogEntry.Action.UPDATE: _("Changed"),
    LogEntry.Action.DELETE: _("Deleted"),
    LogEntry.Action.ACCESS: _("Seen"),
}


def _label(model) -> str:
    return f"{capfirst(model._meta.verbose_name)} ({model._meta.app_config.verbose_name})"


def record_types() -> list[tuple[str, str]]:
    """peerwork's models as (app_label.model_name, readable name), for a choice list:
    those auditlog follows, and those only read (survey responses, by their trace)."""
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_config.name.startswith("peerwork.") or auditlog.contains(m)
    ]
    return sorted(((m._meta.label_lower, _label(m)) for m in models), key=lambda c: c[1])


def log_search(
    *,
    q: str = "",
    record_type: str = "",
    action: int | None = None,
    record_id: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[LogEntry]:
    entries = LogEntry.objects.select_related("actor", "content_type")
    if q:
        entries = entries.filter(
            Q(actor_email__icontains=q)
            | Q(actor__full_name__icontains=q)
            | Q(actor__email__icontains=q)
        )
    if record_type:
        content_type = ContentType.objects.get_for_model(apps.get_model(record_type))
        entries = entries.filter(content_type=content_type)
    if action is not None:
        entries = entries.filter(action=action)
    if record_id:
        # A record's own entries, and the reads that showed it among others
        # (core.audit.log_access keeps their ids space-separated in changes_text).
        record_id = record_id.strip()
        entries = entries.filter(
            Q(object_pk=record_id)
            | Q(action=LogEntry.Action.ACCESS, changes_text__contains=f" {record_id} ")
        )
    # Days in the service's time zone (Europe/London), as the page shows the times.
    if since:
        entries = entries.filter(timestamp__date__gte=since)
    if until:
        entries = entries.filter(timestamp__date__lte=until)
    return entries.order_by("-timestamp", "-pk")
