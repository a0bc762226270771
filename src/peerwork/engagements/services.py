"""Changing engagements: requests, status moves and notes. Each records who and when."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.accounts import selectors as accounts
from peerwork.core.email import email_after_commit
from peerwork.core.versioning import edit_claim
from peerwork.engagements import lifecycle
from peerwork.engagements.models import Engagement, Exit, Note, StatusChange
from peerwork.engagements.signals import engagement_moved
from peerwork.offers.models import Stage


def email_context(engagement: Engagement, **extra) -> dict:
    """What every email about an engagement may show: the engagement and its page."""
    return {
        "engagement": engagement,
        "path": reverse("engagements:detail", args=[engagement.pk]),
        **extra,
    }


def _advisers_or_staff(engagement: Engagement) -> list[str]:
    council = engagement.council
    advisers = list(council.region.principal_advisers.all()) if council.region_id else []
    if advisers:
        return [a.email for a in advisers if a.is_active]
    return list(accounts.programme_staff().values_list("email", flat=True))


def may_move(user, engagement: Engagement, target: str) -> bool:
    """May this person make this move (the table decides whether it exists)?"""
    return permissions.may_move_engagement(
        user, engagement, target, withdraw=Exit.WITHDRAWN, requested=Stage.REQUESTED
    )


@transaction.atomic
def engagement_request(*, requested_by, council, offer, **details) -> Engagement:
    """A council asks for an offer; the request goes to its region's principal adviser."""
    permissions.require(permissions.may_request_support(requested_by, council))
    if not offer.is_active:
        raise ValidationError({"offer": _("This offer is not available at the moment")})
    engagement = Engagement(council=council, offer=offer, requested_by=requested_by, **details)
    engagement.full_clean()
    engagement.save()
    StatusChange.objects.create(
        engagement=engagement, from_status="", to_status=Stage.REQUESTED, by=requested_by
    )
    email_after_commit(
        "engagements/email/requested", _advisers_or_staff(engagement), email_context(engagement)
    )
    return engagement


@transaction.atomic
def engagement_move(
    *,
    engagement: Engagement,
    to_status: str,
    by,
    reason: str = "",
    expected_version: int,
    from_report: bool = False,
) -> Engagement:
    """Move an engagement along the transition table, or refuse and change nothing.

    `from_report` is for the report services, which check their own rules (publishing
    is for staff, the action plan for the council) before they move the engagement."""
    current = edit_claim(
        Engagement.objects.select_related("offer"), engagement.pk, expected_version
    )
    if not from_report:
        # Asked of the engagement as it is now; a refusal rolls the claim back.
        permissions.require(may_move(by, current, to_status))
    if to_status not in lifecycle.allowed(current.status, current.offer.stages):
        raise ValidationError(
            _("An engagement that is %(status)s cannot move to %(target)s.")
            % {"status": current.get_status_display().lower(), "target": to_status}
        )
    if to_status in lifecycle.ENTERED_FROM_REPORT and not from_report:
        raise ValidationError(
            _("That stage is reached from the report pages, once the report is ready for it.")
        )
    if to_status in lifecycle.NEEDS_REASON and not reason.strip():
        raise ValidationError(_("Give a reason: it is kept in the engagement's history."))
    from_status = current.status
    current.status = to_status
    current.save(update_fields=["status"])
    StatusChange.objects.create(
        engagement=current, from_status=from_status, to_status=to_status, by=by, reason=reason
    )
    if from_status == Stage.REQUESTED and to_status in (Stage.SCOPING, Exit.DECLINED):
        outcome = "accepted" if to_status == Stage.SCOPING else "declined"
        email_after_commit(
            f"engagements/email/{outcome}",
            [current.contact_email, current.requested_by.email],
            email_context(current, reason=reason),
        )
    # Apps above engagements act on the move: impact sends its surveys when it ends one.
    engagement_moved.send(
        Engagement, engagement=current, from_status=from_status, to_status=to_status, by=by
    )
    return current


@transaction.atomic
def engagement_add_note(*, engagement: Engagement, by, kind: str, text: str) -> Note:
    permissions.require(permissions.may_note(by, engagement))
    if kind != Note.Kind.ANSWER:
        # Questions to the council and internal notes are the association's.
        permissions.require(permissions.sees_internal_notes(by))
    if engagement.is_finished:
        raise ValidationError(_("This engagement has ended: notes can no longer be added."))
    note = Note(engagement=engagement, by=by, kind=kind, text=text.strip())
    note.full_clean()
    note.save()
    if kind == Note.Kind.QUESTION:
        email_after_commit(
            "engagements/email/question",
            [engagement.contact_email, engagement.requested_by.email],
            email_context(engagement, note=note),
        )
    elif kind == Note.Kind.ANSWER:
        email_after_commit(
            "engagements/email/answer",
            _advisers_or_staff(engagement),
            email_context(engagement, note=note),
        )
    return note


@transaction.atomic
def engagement_scope(*, engagement: Engagement, by, expected_version: int, **fields) -> Engagement:
    permissions.require(permissions.may_manage_engagement(by, engagement))
    current = edit_claim(Engagement, engagement.pk, expected_version)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    return current
