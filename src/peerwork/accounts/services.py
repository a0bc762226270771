"""Changing accounts: invitations, roles and lifting the sign-in lock-out."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from peerwork.accounts import lockout, permissions
from peerwork.accounts.models import User
from peerwork.core.email import email_after_commit
from peerwork.core.versioning import edit_claim


def user_lockout_lift(*, user: User, by) -> int:
    """An administrator lifts the lock on someone's sign-in (their address's failed
    attempts are forgotten); how many attempt records went."""
    permissions.require(permissions.may_lift_lockout(by, user))
    return lockout.lockout_lift(user.email)


def user_password_chosen(*, user: User) -> None:
    """A password chosen with a reset or invitation link, which proved the person holds
    the address: any lock on signing in with it is lifted, as the sign-in page says."""
    lockout.lockout_lift(user.email)


def user_signed_in(*, user: User) -> None:
    """A complete sign-in (password, and code if asked) forgets the address's earlier
    failures; its IP's count of failures at other addresses stays."""
    lockout.lockout_lift(user.email)


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
