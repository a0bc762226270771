"""The transition table of a team place, and the one function that moves it.

A peer invited to a place accepts or declines, once; an invited or accepted peer may
be taken off the team. A declined invitation stays declined: its place reopens for
a new one. Every move is kept as a MemberStatusChange (who, when, why).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.engagements.models import MemberStatus, MemberStatusChange, TeamMember

MOVES: dict[str, set[str]] = {
    MemberStatus.INVITED: {MemberStatus.ACCEPTED, MemberStatus.DECLINED, MemberStatus.WITHDRAWN},
    MemberStatus.ACCEPTED: {MemberStatus.WITHDRAWN},
    MemberStatus.DECLINED: set(),
    MemberStatus.WITHDRAWN: set(),
}

# The peer's own answers to an invitation: they stamp when it was answered.
ANSWERS: set[str] = {MemberStatus.ACCEPTED, MemberStatus.DECLINED}

# Moves that need a reason, in words for the peer making them.
NEEDS_REASON: set[str] = {MemberStatus.DECLINED}


def check(member: TeamMember, to_status: str, reason: str = "") -> None:
    """Refuse a move the table does not allow, or one that needs a reason without one."""
    if to_status not in MOVES[member.status]:
        status = member.get_status_display().lower()
        if to_status in ANSWERS:
            message = _("You have already answered this invitation: %(status)s.")
        else:
            message = _("A team place that is %(status)s cannot move to “%(target)s”.")
        raise ValidationError(
            message % {"status": status, "target": MemberStatus(to_status).label.lower()}
        )
    if to_status in NEEDS_REASON and not reason.strip():
        raise ValidationError(_("Tell us why you cannot take part, so we can find someone else."))


def member_move(
    member: TeamMember, to_status: str, *, by, reason: str = "", at=None, commit: bool = True
) -> MemberStatusChange:
    """Move a team place as the table allows: an answer stamps when it came and keeps a
    decline's reason; the move is kept with who made it (empty if nobody signed in).

    With commit=False nothing is saved and the history row comes back unsaved, for
    the demo to write in bulk.
    """
    check(member, to_status, reason)
    at = at or timezone.now()
    reason = reason.strip()
    change = MemberStatusChange(
        member=member, from_status=member.status, to_status=to_status, by=by, at=at, reason=reason
    )
    member.status = to_status
    if to_status in ANSWERS:
        member.responded_at = at
        member.decline_reason = reason if to_status == MemberStatus.DECLINED else ""
    if commit:
        member.save(update_fields=["status", "responded_at", "decline_reason"])
        change.save()
    return change
