"""Changing accounts: invitations, roles and the sign-in lock-out."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.accounts.models import User
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
    roles,
    council=None,
    regions=(),
    invited_by: User,
    base_url: str,
) -> User:
    """Create an account without a password and email a link to choose one."""
    roles = set(roles)
    _check_roles(invited_by, roles, council=council, regions=regions)
    user = User(
        email=email.strip().lower(),
        full_name=full_name.strip(),
        council=council if permissions.keeps_council(roles) else None,
        invited_by=invited_by,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.set_roles(roles)
    if permissions.keeps_regions(roles):
        user.advised_regions.set(regions)
    link = _set_password_link(user, base_url)
    email_after_commit(
        "accounts/email/invitation",
        [user.email],
        {"user": user, "link": link, "invited_by": invited_by},
    )
    return user


def _check_roles(actor, roles, *, council, regions) -> None:
    """Refuse roles the actor may not give, and a council contact with no council or an
    adviser with no region (the form says so first; this holds for every caller)."""
    permissions.require(bool(roles) and roles <= set(permissions.grantable_roles(actor)))
    missing = permissions.may_hold(roles, council=council, regions=regions)
    if missing:
        raise ValidationError(
            {
                field: _("A council contact names a council; an adviser at least one region.")
                for field in missing
            }
        )


@transaction.atomic
def user_update(
    *,
    user: User,
    by: User,
    expected_version: int,
    full_name: str,
    roles,
    council=None,
    regions=(),
    is_active: bool,
) -> User:
    permissions.require(permissions.may_edit_account(by, user))
    roles = set(roles)
    _check_roles(by, roles, council=council, regions=regions)
    user = edit_claim(User, user.pk, expected_version)
    user.full_name = full_name.strip()
    user.council = council if permissions.keeps_council(roles) else None
    user.is_active = is_active
    user.full_clean()
    user.save()
    user.set_roles(roles)
    user.advised_regions.set(regions if permissions.keeps_regions(roles) else [])
    return user
