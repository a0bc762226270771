"""The transition table of an application to become a peer, and the one function that
moves it.

Staff approve an open application, reject it or ask the applicant for more (as often
as they need); approval and rejection are final. Every move is kept as an
ApplicationStatusChange (who, when, and the reason or question sent).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.peers.models import ApplicationStatus, ApplicationStatusChange, PeerApplication

DECISIONS: set[str] = {
    ApplicationStatus.MORE_INFORMATION,
    ApplicationStatus.APPROVED,
    ApplicationStatus.REJECTED,
}

MOVES: dict[str, set[str]] = {
    ApplicationStatus.SUBMITTED: DECISIONS,
    ApplicationStatus.MORE_INFORMATION: DECISIONS,
    ApplicationStatus.APPROVED: set(),
    ApplicationStatus.REJECTED: set(),
}

# Applications staff may still decide on.
OPEN = tuple(status for status, moves in MOVES.items() if moves)

# Moves whose reason is emailed to the applicant, and kept on the application.
SENT_TO_APPLICANT: set[str] = {ApplicationStatus.MORE_INFORMATION, ApplicationStatus.REJECTED}


def check(application: PeerApplication, to_status: str) -> None:
    if to_status in MOVES[application.status]:
        return
    if application.status not in OPEN:
        raise ValidationError(
            _("This application has already been decided: %(status)s")
            % {"status": application.get_status_display()}
        )
    raise ValidationError(
        _("An application that is %(status)s cannot move to %(target)s.")
        % {
            "status": application.get_status_display().lower(),
            "target": ApplicationStatus(to_status).label.lower(),
        }
    )


def application_move(
    application: PeerApplication, to_status: str, *, by, reason: str = ""
) -> ApplicationStatusChange:
    """Move an application as the table allows, recording who decided and when; the
    move is kept with its reason or question."""
    check(application, to_status)
    at = timezone.now()
    reason = reason.strip()
    change = ApplicationStatusChange(
        application=application,
        from_status=application.status,
        to_status=to_status,
        by=by,
        at=at,
        reason=reason,
    )
    application.status = to_status
    if to_status in SENT_TO_APPLICANT:
        application.decision_note = reason
    application.reviewed_by, application.reviewed_at = by, at
    application.save()
    change.save()
    return change
