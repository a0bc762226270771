"""The statuses a report passes through, and the one function that moves it on.

A report, and a progress review report, goes to the council for a factual-accuracy
check before it is published; a feedback letter is final the moment it is sent.
Every move is kept as a ReportStatusChange (who and when).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from peerwork.reports.models import Report, ReportStatusChange
from peerwork.reports.pdf import report_pdf_refresh

Kind, Status = Report.Kind, Report.Status

# The statuses each kind of report passes through, in order.
PATHS: dict[str, list[str]] = {
    Kind.REPORT: [Status.DRAFT, Status.ACCURACY_CHECK, Status.PUBLISHED],
    Kind.PROGRESS_REVIEW: [Status.DRAFT, Status.ACCURACY_CHECK, Status.PUBLISHED],
    Kind.FEEDBACK_LETTER: [Status.DRAFT, Status.PUBLISHED],
}

# Each step leaves one status: sending leaves the draft, publishing leaves the
# factual-accuracy check. What the step says when the report is not there.
NOT_THERE: dict[str, str] = {
    Status.DRAFT: gettext_noop("This report has already been sent to the council."),
    Status.ACCURACY_CHECK: gettext_noop("Only a report the council has checked can be published."),
}


def next_status(kind: str, status: str) -> str | None:
    """The status a report of `kind` moves on to from `status`; none once published."""
    path = PATHS[kind]
    if status not in path or status == path[-1]:
        return None
    return path[path.index(status) + 1]


def check(report: Report, *, leaving: str) -> str:
    """The status `report` moves on to from `leaving`, or a refusal if it cannot."""
    if report.status != leaving:
        if leaving in NOT_THERE:
            raise ValidationError(_(NOT_THERE[leaving]))
        raise ValidationError(
            _("This report is %(status)s.") % {"status": report.get_status_display().lower()}
        )
    following = next_status(report.kind, leaving)
    if following is None:
        raise ValidationError(
            _("A %(kind)s that is %(status)s cannot move on.")
            % {
                "kind": report.get_kind_display().lower(),
                "status": report.get_status_display().lower(),
            }
        )
    return following


def report_move(
    report: Report, *, leaving: str, by, at=None, commit: bool = True
) -> ReportStatusChange:
    """Move a report on from `leaving` along its kind's path: sent (leaving the draft)
    and published each set their time, and the move is kept with who made it.

    With commit=False nothing is saved and the history row comes back unsaved, for
    the demo to write in bulk (and no PDF is drawn: it is drawn when first asked for).
    """
    to_status = check(report, leaving=leaving)
    at = at or timezone.now()
    if leaving == Status.DRAFT:
        report.sent_for_check_at = at
    if to_status == Status.PUBLISHED:
        report.published_at = at
    report.status = to_status
    change = ReportStatusChange(
        report=report, from_status=leaving, to_status=to_status, by=by, at=at
    )
    if commit:
        report.save(update_fields=["status", "sent_for_check_at", "published_at"])
        change.save()
        # A published report's PDF is drawn once, by a worker, and kept.
        report_pdf_refresh(report)
    return change
