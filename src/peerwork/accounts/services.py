"""Changing accounts: invitations, roles and the sign-in lock-out."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from peerwork.accounts.models import Role, User
from peerwork.core.email import email_after_commit
from peerwork.core.versioning import edit_claim


def user_record_failed_sign_in(*, user: User) -> None:
    """Count a failed password; lock the account once the limit is reached."""
    User.objects.filter(pk=user.pk).update(failed_sign_ins=F("failed_sign_ins") + 1)
    user.refresh_from_db(fields=["failed_sign_ins"])
    if user.failed_sign_ins >= settings.PEERWORK_LOCKOUT_ATTEMPTS:
        user.locked_until = timezone.now() + timedelta(minutes=settings.PEERWORK_LOCKOUT_MINUTES)
        user.failed_sign_ins = 0
        user.save(update_fields=["locked_until", "failed_sign_ins"])


def user_record_sign_in(*, user: User) -> None:
    if user.failed_sign_ins or user.locked_until:
        user.failed_sign_ins = 0
        user.locked_until = None
        user.save(update_fields=["failed_sign_ins", "locked_until"])


def _set_password_link(user: User, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("accounts:accept-invitation", args=[uid, token])


@transaction.atomic
def user_invite(
    *,
    email: str,
    full_name: str,
    role: str,
    council=None,
    regions=(),
    invited_by: User,
    base_url: str,
) -> User:
    """Create an account without a password and email a link to choose one."""
    user = User(
        email=email.strip().lower(),
        full_name=full_name.strip(),
        role=role,
        council=council if role == Role.COUNCIL_CONTACT else None,
        invited_by=invited_by,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    if role == Role.PRINCIPAL_ADVISER:
        user.advised_regions.set(regions)
    link = _set_password_link(user, base_url)
    email_after_commit(
        "accounts/email/invitation",
        [user.email],
        {"user": user, "link": link, "invited_by": invited_by},
    )
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    expected_version: int,
    full_name: str,
    role: str,
    council=None,
    regions=(),
    is_active: bool,
) -> User:
    user = edit_claim(User, user.pk, expected_version)
    user.full_name = full_name.strip()
    user.role = role
    user.council = council if role == Role.COUNCIL_CONTACT else None
    user.is_active = is_active
    user.full_clean()
    user.save()
    user.advised_regions.set(regions if role == Role.PRINCIPAL_ADVISER else [])
    return user
