"""The team of an engagement: inviting peers, their answers, and feedback on them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.core.email import email_after_commit
from peerwork.engagements.models import Engagement
from peerwork.engagements.services import email_context
from peerwork.engagements.team import lifecycle


def member_invite(*, engagement: Engagement, place, peer, by, base_url: str, part: str = "main"):
    """Staff invite a peer to a place; the email carries accept and decline links."""
    permissions.require(permissions.may_manage_engagement(by, engagement))
    return invite_to_place(
        engagement=engagement, place=place, peer=peer, by=by, base_url=base_url, part=part
    )


@transaction.atomic
def invite_to_place(*, engagement: Engagement, place, peer, by, base_url: str, part: str = "main"):
    """The invitation itself, for the services that invite as part of an act whose own
    rule they have checked: the council choosing its panel from the shortlist, and the
    original team invited to the progress review when the action plan is published."""
    from decimal import Decimal

    from django.db import IntegrityError

    from peerwork.engagements.models import MemberStatusChange, Part, TeamMember

    current = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if current.is_finished:
        raise ValidationError(_("This engagement has ended: its team cannot change."))
    member = TeamMember(
        engagement=current,
        place=place.number,
        role=place.role,
        peer=peer,
        part=part,
        # A progress review is a single day, whatever the offer's length.
        days=current.offer.length_days if part == Part.MAIN else Decimal("1"),
        invited_by=by,
    )
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as error:
        raise ValidationError(
            _("That place has just been filled, or this peer is already on the team.")
        ) from error
    MemberStatusChange.objects.create(member=member, to_status=member.status, by=by)
    link = base_url.rstrip("/") + reverse("engagements:invitation", args=[member.token])
    email_after_commit(
        "engagements/email/invitation",
        [peer.email],
        email_context(current, member=member, link=link),
    )
    return member


@transaction.atomic
def member_respond(*, member, user, accept: bool, reason: str = ""):
    """The invited peer, and only they, accepts or declines, once."""
    from peerwork.engagements.models import MemberStatus, TeamMember

    member = (
        TeamMember.objects.select_for_update()
        .select_related("peer", "engagement")
        .get(pk=member.pk)
    )
    permissions.require(permissions.may_answer_invitation(user, member))
    answer = MemberStatus.ACCEPTED if accept else MemberStatus.DECLINED
    lifecycle.check(member, answer, reason)
    if accept:
        from peerwork.engagements.sessions.services import book_member_on_sessions

        book_member_on_sessions(member)
    lifecycle.member_move(member, answer, by=user, reason="" if accept else reason)
    email_after_commit(
        "engagements/email/invitation_answered",
        [member.invited_by.email],
        email_context(member.engagement, member=member),
    )
    return member


@transaction.atomic
def feedback_record(*, member, by, **answers):
    from peerwork.engagements.models import MemberStatus, PeerFeedback

    permissions.require(permissions.may_manage_engagement(by, member.engagement))
    if member.status != MemberStatus.ACCEPTED:
        raise ValidationError(_("Only peers who took part can be given feedback."))
    feedback, _created = PeerFeedback.objects.update_or_create(
        member=member, defaults={**answers, "by": by}
    )
    return feedback
