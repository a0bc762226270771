"""Setting up, using and resetting two-factor sign-in.

An authenticator app is django-otp's TOTP device; the recovery codes are its static
device, each code removed once used. A new secret is kept in the person's session
until a first code from their app proves they have it: only then is a device saved.
"""

from binascii import unhexlify

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from peerwork.accounts import permissions
from peerwork.accounts.models import User

RECOVERY_CODES = 10
# How many 30-second steps either side of now a code may come from: a phone's clock a
# little out, or a code typed as it changed.
TOLERANCE = 1

ENTER_CODE = _("Enter the code from your authenticator app, or a recovery code")
WRONG_CODE = _(
    "The code is not right. Enter the code your authenticator app shows now, or one of "
    "your recovery codes"
)
WRONG_FIRST_CODE = _(
    "The code is not right. Check you added the key to your authenticator app, then "
    "enter the code it shows now"
)
TOO_MANY = _("There have been too many wrong codes. Wait a minute, then try again")
ALREADY_SET_UP = _("Two-factor sign-in is already set up for your account")


def two_factor_new_secret() -> str:
    """A new secret (hex, as django-otp keeps it) for a set-up page to show."""
    return random_hex(20)


def _clean(code: str) -> str:
    """A code as typed, without the spaces or dashes people add."""
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def two_factor_set_up(*, user: User, secret: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Save the person's authenticator app once `code` shows it holds `secret`, with
    new recovery codes: the device, and the codes to show once."""
    permissions.require(permissions.may_change_own_two_factor(user, has_device=False))
    # Lock the account's row, so two set-ups sent at once save one device.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(ALREADY_SET_UP)
    token = _clean(code)
    if not token:
        raise ValidationError(ENTER_CODE)
    totp = TOTP(unhexlify(secret))
    if not (token.isdigit() and totp.verify(int(token), tolerance=TOLERANCE)):
        raise ValidationError(WRONG_FIRST_CODE)
    TOTPDevice.objects.filter(user=user).delete()  # any left unconfirmed
    device = TOTPDevice.objects.create(
        user=user,
        name="Authenticator app",
        key=secret,
        tolerance=TOLERANCE,
        drift=totp.drift,
        last_t=totp.t(),  # the code just used cannot sign in
        confirmed=True,
    )
    return device, _recovery_codes_make(user)


@transaction.atomic
def two_factor_recovery_codes_renew(*, user: User) -> list[str]:
    """New recovery codes in place of the old ones (which stop working), to show once."""
    permissions.require(permissions.may_change_own_two_factor(user, has_device=True))
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("Set up two-factor sign-in first"))
    return _recovery_codes_make(user)


def _recovery_codes_make(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Recovery codes", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_verify(*, user: User, code: str):
    """The device that accepts `code` for this person: their app for six digits, their
    recovery codes (each used once) for anything else. Raises ValidationError with what
    to tell them. Wrong codes slow further tries down (django-otp's throttling, which
    doubles the wait after each one)."""
    token = _clean(code)
    if not token:
        raise ValidationError(ENTER_CODE)
    model = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise ValidationError(WRONG_CODE)
    allowed, _why = device.verify_is_allowed()
    if not allowed:
        raise ValidationError(TOO_MANY)
    verified = verify_token(user, device.persistent_id, token)
    if verified is None:
        raise ValidationError(WRONG_CODE)
    return verified


@transaction.atomic
def two_factor_reset(*, user: User, by) -> None:
    """An administrator removes someone's authenticator app and recovery codes (a lost
    phone): they sign in with their password and, if their role requires it, set up
    two-factor sign-in again. Sessions signed in with the old app stop counting as
    verified (django-otp's middleware no longer finds the device)."""
    permissions.require(permissions.may_reset_two_factor(by, user))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
