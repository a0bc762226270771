"""Sending surveys, recording who else to survey, and saving the answers.

The council's leader and chief executive are not on the council's record: the
engagement's contact is surveyed and stands for the chief executive, unless staff
record the leader or chief executive on the engagement's survey page.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.core.email import email_after_commit
from peerwork.engagements.models import Engagement, Exit, MemberStatus
from peerwork.impact.models import (
    OPEN_FOR,
    Answer,
    Audience,
    SurveyContact,
    SurveyInvitation,
    SurveyResponse,
)
from peerwork.offers.models import Stage

NOT_HELD = frozenset(Exit.values)


def surveys_due(engagement: Engagement) -> bool:
    """Surveys go out when an engagement closes, or, for an offer with no report
    stages (a remote panel), once its feedback has been given after the session."""
    if engagement.status == Stage.CLOSED:
        return True
    return (
        engagement.status == Stage.FEEDBACK_GIVEN
        and Stage.REPORT_DRAFTING not in engagement.offer.stages
    )


def surveys_send_when_due(engagement: Engagement) -> list[SurveyInvitation]:
    """Called after every status move; sends the surveys if this move is the one."""
    if not surveys_due(engagement):
        return []
    return surveys_send(engagement)


def _people(engagement: Engagement):
    """(audience, role, name, email, peer) for everyone the survey is for."""
    yield (
        Audience.COUNCIL,
        SurveyInvitation.Role.CHIEF_EXECUTIVE,
        engagement.contact_name,
        engagement.contact_email,
        None,
    )
    for contact in engagement.survey_contacts.all():
        yield Audience.COUNCIL, contact.role, contact.name, contact.email, None
    members = engagement.team.filter(status=MemberStatus.ACCEPTED).select_related("peer")
    for member in members.order_by("pk"):
        peer = member.peer
        yield Audience.PEER, SurveyInvitation.Role.PEER, peer.full_name, peer.email, peer


@transaction.atomic
def surveys_send(engagement: Engagement, *, base_url: str | None = None) -> list[SurveyInvitation]:
    """Invite everyone the survey is for who has not been invited yet, each with their own
    link. Sending again invites only people added since; no one is invited twice."""
    engagement = (
        Engagement.objects.select_for_update(of=("self",))
        .select_related("offer", "council")
        .get(pk=engagement.pk)
    )
    sent_to = engagement.survey_invitations.values_list("email", flat=True)
    already = {email.lower() for email in sent_to}
    now = timezone.now()
    invited = []
    for audience, role, name, email, peer in _people(engagement):
        email = (email or "").strip().lower()
        if not email or email in already:
            continue
        already.add(email)
        invitation = SurveyInvitation(
            engagement=engagement,
            audience=audience,
            role=role,
            name=name,
            email=email,
            peer=peer,
            sent_at=now,
            closes_at=now + OPEN_FOR,
        )
        invitation.full_clean()
        invitation.save()
        invited.append(invitation)
        _email_invitation(invitation, base_url)
    return invited


def _email_invitation(invitation: SurveyInvitation, base_url: str | None) -> None:
    base = (base_url or settings.PEERWORK_BASE_URL).rstrip("/")
    context = {
        "invitation": invitation,
        "engagement": invitation.engagement,
        "link": base + reverse("impact:survey", args=[invitation.token]),
    }
    email_after_commit("impact/email/invitation", [invitation.email], context)


@transaction.atomic
def survey_contact_add(
    *, engagement: Engagement, by, role: str, name: str, email: str, base_url: str | None = None
) -> SurveyContact:
    """Record a leader or chief executive to survey; invite them at once if the
    engagement's surveys have already gone out."""
    permissions.require(permissions.may_manage_engagement(by, engagement))
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.status in NOT_HELD:
        raise ValidationError(_("This engagement ended without taking place: it has no survey."))
    email = email.strip().lower()
    taken = {engagement.contact_email.lower()}
    taken |= {e.lower() for e in engagement.survey_contacts.values_list("email", flat=True)}
    taken |= {e.lower() for e in engagement.survey_invitations.values_list("email", flat=True)}
    if email in taken:
        raise ValidationError(
            {"email": _("This person is already on the survey list for this engagement")}
        )
    contact = SurveyContact(engagement=engagement, role=role, name=name.strip(), email=email)
    contact.full_clean()
    contact.save()
    if engagement.survey_invitations.exists():
        surveys_send(engagement, base_url=base_url)
    return contact


class SurveyUnavailable(ValidationError):
    """The link has been used already, or the survey has closed."""


@transaction.atomic
def survey_answer(*, invitation: SurveyInvitation, answers: dict) -> SurveyResponse:
    """Save one person's answers, once, while the survey is open; otherwise change nothing.

    answers: {Question: True/False, 1 to 5, or text}.
    """
    invitation = (
        SurveyInvitation.objects.select_for_update(of=("self",))
        .select_related("engagement")
        .get(pk=invitation.pk)
    )
    if invitation.responded_at is not None:
        raise SurveyUnavailable(_("You have already answered this survey, thank you"))
    now = timezone.now()
    if invitation.is_closed(now):
        raise SurveyUnavailable(_("This survey has closed"))
    response = SurveyResponse.objects.create(
        engagement=invitation.engagement,
        audience=invitation.audience,
        offer_id=invitation.engagement.offer_id,
        submitted_at=now,
        invitation=invitation,
    )
    rows = []
    for question, value in answers.items():
        answer = Answer(response=response, question=question)
        if question.kind == question.Kind.YES_NO:
            answer.value_bool = value
        elif question.kind == question.Kind.SCALE5:
            answer.value_int = value
        else:
            answer.value_text = (value or "").strip()
        answer.full_clean(exclude=["response"])
        rows.append(answer)
    Answer.objects.bulk_create(rows)
    invitation.responded_at = now
    invitation.save(update_fields=["responded_at"])
    return response
