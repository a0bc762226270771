"""Audit log entries Django's signals cannot write: bulk writes, updates and reads.

django-auditlog logs every save and delete of a registered model (settings: AUDITLOG_*)
with the person of the request as actor (its middleware) or no actor for commands and
tasks. Bulk writes (`bulk_create`, `QuerySet.update`) send no signal, and reading a
record writes nothing; these helpers write the same `LogEntry` rows for them, so there
is one log and one page to read it.

- `log_created(records)` after a `bulk_create`;
- `audited_update(queryset, **values)` in place of `queryset.update(**values)`;
- `log_change(record, {"roles": (before, after)})` for a change no one field shows, and
  `log_changes([(record, changes), ...])` after a `bulk_update`;
- `log_access(Model, pks, what=..., columns=...)` when a page or file shows
  special-category data (`LogEntry.Action.ACCESS`): one entry per page or file.

The log is append-only: nothing here or anywhere else edits or deletes an entry (on
PostgreSQL a trigger refuses it, migration `audit.0001`).
"""

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.db import models
from django.db.models.signals import pre_save

# auditlog's modules define or import models: they are imported where used, so any
# module (a service read before the apps are loaded) may import this one.

MASK = "••••••"


class Action:
    """auditlog's `LogEntry.Action` values (its models module needs the apps loaded)."""

    CREATE = 0
    UPDATE = 1
    DELETE = 2
    ACCESS = 3


def mask(value: Any) -> str:
    """A secret's value as the log keeps it: that it changed, never what it is."""
    return MASK


# What is running outside a request (a command), for entries that have no actor.
_running: ContextVar[str] = ContextVar("peerwork_audit_running", default="")


@contextlib.contextmanager
def running(note: str) -> Iterator[None]:
    """Entries written inside with no actor (the system's) note what ran: "command: retention"."""
    token = _running.set(note)
    try:
        yield
    finally:
        _running.reset(token)


def note_what_runs(sender, instance, **kwargs) -> None:
    """pre_save of LogEntry (connected by peerwork.audit): the note of `running`."""
    note = _running.get()
    if note and instance.actor_id is None:
        instance.additional_data = {**(instance.additional_data or {}), "run_by": note}


def _entry(
    model: type[models.Model],
    pk: Any,
    action: int,
    changes: dict | None,
    *,
    object_repr: str = "",
    note: dict | None = None,
):
    from auditlog import get_logentry_model
    from auditlog.cid import get_cid
    from django.contrib.contenttypes.models import ContentType

    LogEntry = get_logentry_model()
    entry = LogEntry(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=object_repr or f"{model._meta.verbose_name} {pk}",
        action=action,
        changes=changes,
        changes_text="",
        cid=get_cid(),
    )
    # bulk_create sends no pre_save, which is how auditlog's middleware (or `as_system`)
    # gives an entry its actor and notes: send it here, so these entries get the same.
    pre_save.send(sender=LogEntry, instance=entry, raw=False, using=None, update_fields=None)
    if note:
        entry.additional_data = {**(entry.additional_data or {}), **note}
    return entry


def _write(entries: list) -> None:
    from auditlog import get_logentry_model

    if entries:
        get_logentry_model().objects.bulk_create(entries, batch_size=500)


def _followed(model: type[models.Model]) -> bool:
    from auditlog.registry import auditlog

    return auditlog.contains(model)


def _shown(model: type[models.Model], field: str, value: Any) -> str:
    from auditlog.registry import auditlog

    masked = auditlog.get_model_fields(model)["mask_fields"] if auditlog.contains(model) else []
    if field in masked:
        return MASK
    return "None" if value is None else str(value)


def log_created(records: Iterable[models.Model]) -> None:
    """Log records just written with `bulk_create` as created, with their values."""
    entries = []
    for record in records:
        model = type(record)
        if not _followed(model):
            continue
        changes = {
            f.name: ["None", _shown(model, f.name, getattr(record, f.attname))]
            for f in model._meta.concrete_fields
            if not f.primary_key
        }
        entries.append(_entry(model, record.pk, Action.CREATE, changes))
    _write(entries)


def log_change(record: models.Model, changes: dict[str, tuple[Any, Any]]) -> None:
    """Log a change no single field shows, said readably: {"roles": ("a", "a, b")}."""
    log_changes([(record, changes)])


def log_changes(changed: Iterable[tuple[models.Model, dict[str, tuple[Any, Any]]]]) -> None:
    """Log records changed by a `bulk_update`: each with {field: (old, new)}, in one write."""
    entries = []
    for record, changes in changed:
        model = type(record)
        shown = {
            name: [_shown(model, name, old), _shown(model, name, new)]
            for name, (old, new) in changes.items()
            if old != new
        }
        if shown:
            entries.append(_entry(model, record.pk, Action.UPDATE, shown, object_repr=str(record)))
    _write(entries)


def audited_update(queryset: models.QuerySet, **values: Any) -> int:
    """`queryset.update(**values)`, logging each row whose values it changed.

    Values must be plain values (no F() expressions): the log records old and new.
    """
    model = queryset.model
    fields = list(values)
    before = list(queryset.values_list("pk", *[model._meta.get_field(f).attname for f in fields]))
    updated = queryset.update(**values)
    if _followed(model):
        entries = []
        for pk, *old in before:
            changes = {}
            for field, was in zip(fields, old, strict=True):
                now = values[field]
                now = getattr(now, "pk", now)
                if was != now:
                    changes[field] = [_shown(model, field, was), _shown(model, field, now)]
            if changes:
                entries.append(_entry(model, pk, Action.UPDATE, changes))
        _write(entries)
    return updated


def log_access(
    model: type[models.Model], pks: Iterable[Any], *, what: str, columns: Iterable[str] = ()
) -> None:
    """Log that the acting person saw these records' special-category data, and where.

    One entry for the lot, however many (an export's 2,000 peers are one write): about
    the record itself when there is one, otherwise listing the records' ids, which are
    also kept space-separated in `changes_text` so the log page can find them by id.
    """
    pks = list(dict.fromkeys(pks))
    note: dict[str, Any] = {"shown_in": what, "records": pks}
    columns = list(columns)
    if columns:
        note["columns"] = columns
    one = pks[0] if len(pks) == 1 else ""
    entry = _entry(
        model,
        one,
        Action.ACCESS,
        None,
        object_repr=f"{model._meta.verbose_name_plural} ({len(pks)})" if one == "" else "",
        note=note,
    )
    entry.changes_text = " " + " ".join(str(pk) for pk in pks) + " "
    _write([entry])
