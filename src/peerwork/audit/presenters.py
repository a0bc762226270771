"""The audit log's rows: when, who, what, and the changes as a readable list."""

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peerwork.audit.selectors import ACTIONS
from peerwork.core.presenters import Table

# A read of many records (an export) lists this many of their ids; search by id for any.
SHOWN_IDS = 30


def _field_label(model, name: str) -> str:
    if model is not None:
        try:
            return str(capfirst(model._meta.get_field(name).verbose_name))
        except (FieldDoesNotExist, AttributeError):
            pass
    return name.replace("_", " ")


def _change_lines(entry, model) -> list[str]:
    lines = []
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    for name, change in changes.items():
        label = _field_label(model, name)
        if isinstance(change, dict) and change.get("type") == "m2m":
            verb = _("added") if change.get("operation") == "add" else _("removed")
            objects = ", ".join(str(o) for o in change.get("objects", []))
            lines.append(f"{label}: {verb} {objects}")
        elif isinstance(change, list | tuple) and len(change) == 2:
            old, new = change
            if entry.action == entry.Action.CREATE:
                lines.append(f"{label}: {new}")
            elif entry.action == entry.Action.DELETE:
                lines.append(f"{label}: {old}")
            else:
                lines.append(f"{label}: {old} → {new}")
        else:
            lines.append(f"{label}: {change}")
    return lines + _note_lines(entry)


def _note_lines(entry) -> list[str]:
    """What a read showed, or which command wrote the entry."""
    lines = []
    notes = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    if notes.get("shown_in"):
        lines.append(_("Shown in: %(where)s") % {"where": notes["shown_in"]})
    records = notes.get("records") or []
    if len(records) > 1:
        shown = ", ".join(str(pk) for pk in records[:SHOWN_IDS])
        more = len(records) - SHOWN_IDS
        if more > 0:
            shown += " " + ngettext("and %(n)s more", "and %(n)s more", more) % {"n": more}
        lines.append(_("Records: %(ids)s") % {"ids": shown})
    if notes.get("columns"):
        lines.append(_("Columns: %(columns)s") % {"columns": ", ".join(notes["columns"])})
    if notes.get("run_by"):
        lines.append(_("Run by: %(what)s") % {"what": notes["run_by"]})
    return lines


def _who(entry) -> str:
    if entry.actor is not None:
        return format_html(
            "{}<br><span class='govuk-body-s'>{}</span>", entry.actor.full_name, entry.actor.email
        )
    if entry.actor_email:
        return entry.actor_email
    return _("The system")


def _what(entry, model) -> str:
    kind = capfirst(model._meta.verbose_name) if model is not None else entry.content_type.model
    return format_html(
        "{} {}<br><span class='govuk-body-s'>{} {}</span>",
        ACTIONS.get(entry.action, ""),
        entry.object_repr,
        kind,
        entry.object_pk,
    )


def log_table(page) -> Table:
    n = page.paginator.count
    table = Table(
        ngettext("%(n)s entry", "%(n)s entries", n) % {"n": n},
        [_("When"), _("Who"), _("What"), _("Changes")],
    )
    for entry in page:
        model = entry.content_type.model_class()
        lines = _change_lines(entry, model)
        table.add(
            date_format(timezone.localtime(entry.timestamp), "j M Y H:i:s"),
            _who(entry),
            _what(entry, model),
            format_html(
                '<ul class="govuk-list govuk-body-s">{}</ul>',
                format_html_join("", "<li>{}</li>", ((line,) for line in lines)),
            )
            if lines
            else "",
        )
    return table
