"""What report pages show: the report with its numbered sections, and the council's action
plan as a table (on its page, the published report and the PDF)."""

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from peerwork.core.presenters import Table, day, hidden_link, tag
from peerwork.reports import selectors
from peerwork.reports.models import Action, Report


def report_context(report: Report) -> dict:
    return {
        "report": report,
        "engagement": report.engagement,
        "sections": selectors.sections_with_numbers(report),
    }


def public_context(report: Report) -> dict:
    """What the public page of a published report and its PDF show."""
    context = report_context(report)
    if report.kind == Report.Kind.REPORT and report.action_plan_published_at:
        context["action_rows"] = selectors.action_plan_rows(report)
        context["action_table"] = action_table(context["action_rows"])
    context["related"] = (
        report.engagement.reports.filter(status=Report.Status.PUBLISHED)
        .exclude(pk=report.pk)
        .exclude(kind=Report.Kind.FEEDBACK_LETTER)
    )
    return context


def action_table(rows, engagement=None, *, editable: bool = False) -> Table:
    """rows: from selectors.action_plan_rows; editable adds a link to each row's action."""
    head = [_("Recommendation"), _("Action"), _("Owner"), _("Due"), _("Status")]
    if editable:
        head.append(format_html('<span class="govuk-visually-hidden">{}</span>', _("Change")))
    table = Table(_("Action plan"), head)
    for row in rows:
        action = row["action"]
        cells = [
            f"{row['number']}. {row['recommendation'].text}",
            _action_text(action),
            action.owner if action else "",
            day(action.due_on, "j M Y") if action else "",
            _status(action, overdue=row["overdue"]),
        ]
        if editable:
            cells.append(
                hidden_link(
                    _("Change") if action else _("Add action"),
                    reverse("reports:action", args=[engagement.pk, row["recommendation"].pk]),
                    _("for recommendation %(n)s") % {"n": row["number"]},
                )
            )
        table.add(*cells)
    return table


def _action_text(action):
    if action is None:
        return _("No action yet")
    notes = (
        format_html('<br><span class="govuk-body-s">{}</span>', action.progress_notes)
        if action.progress_notes
        else ""
    )
    progress = (
        format_html(
            "<br><strong>{}</strong> {}",
            _("Progress:"),
            linebreaksbr(action.progress_statement),
        )
        if action.progress_statement
        else ""
    )
    return format_html("{}{}{}", linebreaksbr(action.action), notes, progress)


def _status(action, *, overdue: bool):
    if action is None:
        return ""
    if overdue:
        return tag(_("Overdue"), "red")
    colour = "green" if action.status == Action.Status.DONE else "blue"
    return tag(action.get_status_display(), colour)
