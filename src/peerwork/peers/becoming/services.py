"""Applications to become a peer: submitting, and staff decisions on them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.accounts import selectors as accounts
from peerwork.accounts.models import User
from peerwork.accounts.services import user_invite
from peerwork.core import audit
from peerwork.core.email import email_after_commit
from peerwork.peers.becoming import lifecycle
from peerwork.peers.models import (
    ApplicationStatus,
    ApplicationStatusChange,
    DiversityRecord,
    Peer,
    PeerApplication,
    PeerKind,
    PeerSkill,
    Skill,
)

OPEN = lifecycle.OPEN  # the application page asks whether it may still be decided


@transaction.atomic
def application_submit(*, answers: dict) -> PeerApplication:
    consent = bool(answers.get("consent"))
    diversity = {k: answers.get(k, "") for k in ("gender", "disability", "ethnicity")}
    application = PeerApplication(
        kind=answers["kind"],
        full_name=answers["full_name"],
        email=answers["email"],
        phone=answers.get("phone", ""),
        home_council_id=answers["home_council"],
        home_role=answers["home_role"],
        party_id=answers.get("party") if answers["kind"] == PeerKind.MEMBER else None,
        skills=answers["skills"],
        experience=answers["experience"],
        diversity={k: v for k, v in diversity.items() if v} if consent else {},
        diversity_consent=consent,
    )
    application.full_clean()
    application.save()
    # Made by a member of the public: nobody signed in.
    ApplicationStatusChange.objects.create(
        application=application, to_status=application.status, by=None
    )
    email_after_commit(
        "peers/email/application_received", [application.email], {"application": application}
    )
    staff = list(accounts.programme_staff().values_list("email", flat=True))
    if staff:
        email_after_commit("peers/email/application_waiting", staff, {"application": application})
    return application


def _locked(application: PeerApplication) -> PeerApplication:
    return PeerApplication.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def application_approve(*, application: PeerApplication, reviewed_by, base_url: str) -> Peer:
    """Create the peer from the application and invite them to sign in. Happens once."""
    permissions.require(permissions.may_manage_pool(reviewed_by))
    application = _locked(application)
    lifecycle.check(application, ApplicationStatus.APPROVED)  # before anything is made
    existing_user = User.objects.filter(email=application.email).first()
    if existing_user and not permissions.may_become_peer(existing_user):
        # The public form proves nothing about the address: an account that holds other
        # roles is given the peer role by an administrator on the users pages instead.
        raise ValidationError(
            _("%(email)s already has an account as %(role)s: give that account the peer role first")
            % {"email": application.email, "role": ", ".join(existing_user.role_labels())}
        )
    if Peer.objects.filter(email=application.email).exists():
        raise ValidationError(_("A peer with this email address is already in the pool"))
    peer = Peer(
        kind=application.kind,
        full_name=application.full_name,
        email=application.email,
        phone=application.phone,
        home_council=application.home_council,
        home_role=application.home_role,
        party=application.party if application.kind == PeerKind.MEMBER else None,
        experience=application.experience,
    )
    peer.full_clean()
    peer.save()
    skills = dict(Skill.objects.filter(slug__in=application.skills).values_list("slug", "pk"))
    audit.log_created(
        PeerSkill.objects.bulk_create(
            [
                PeerSkill(peer=peer, skill_id=skills[slug], level=level)
                for slug, level in application.skills.items()
                if slug in skills
            ]
        )
    )
    if application.diversity_consent and application.diversity:
        DiversityRecord.objects.create(
            peer=peer, consent_given_at=application.submitted_at, **application.diversity
        )
    if existing_user:
        existing_user.grant(*permissions.peer_roles())  # already a peer's, or no role yet
    peer.user = existing_user or user_invite(
        email=application.email,
        full_name=application.full_name,
        roles=permissions.peer_roles(),
        invited_by=reviewed_by,
        base_url=base_url,
    )
    peer.save(update_fields=["user"])
    application.peer = peer
    lifecycle.application_move(application, ApplicationStatus.APPROVED, by=reviewed_by)
    return peer


@transaction.atomic
def application_reject(*, application: PeerApplication, reviewed_by, reason: str) -> None:
    permissions.require(permissions.may_manage_pool(reviewed_by))
    application = _locked(application)
    lifecycle.application_move(
        application, ApplicationStatus.REJECTED, by=reviewed_by, reason=reason
    )
    email_after_commit(
        "peers/email/application_rejected", [application.email], {"application": application}
    )


@transaction.atomic
def application_ask_for_more(*, application: PeerApplication, reviewed_by, question: str) -> None:
    permissions.require(permissions.may_manage_pool(reviewed_by))
    application = _locked(application)
    lifecycle.application_move(
        application, ApplicationStatus.MORE_INFORMATION, by=reviewed_by, reason=question
    )
    email_after_commit(
        "peers/email/application_question", [application.email], {"application": application}
    )
