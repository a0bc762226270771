"""Two-factor sign-in (django-otp): set-up with a QR code and a first code, the code
after the password, recovery codes that work once, the roles that must use it, and an
administrator's reset."""

import re
import time
from binascii import unhexlify

import pytest
from axes.models import AccessFailureLog
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from peerwork.accounts import checks, permissions
from peerwork.accounts.models import Role
from peerwork.accounts.two_factor import services as two_factor
from peerwork.accounts.two_factor import signing_in
from tests.accounts.factories import UserFactory
from tests.core.test_settings import PRODUCTION, _peerwork

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
WRONG_CODE = "The code is not right."


def _codes_for(secret: str, step: int) -> set[str]:
    """The codes an app shows for `secret` at `step` 30-second steps from now, and those
    either side (which peerwork accepts, for a phone's clock a little out)."""
    totp = TOTP(unhexlify(secret))
    codes = set()
    for offset in (step - 1, step, step + 1):
        totp.time = time.time() + 30 * offset
        codes.add(f"{totp.token():06d}")
    return codes


def _code(secret: str, step: int = 0) -> str:
    totp = TOTP(unhexlify(secret))
    totp.time = time.time() + 30 * step
    return f"{totp.token():06d}"


def _wrong_code(secret: str) -> str:
    near = _codes_for(secret, 0) | _codes_for(secret, 1)
    return next(c for c in (f"{n:06d}" for n in range(1000000)) if c not in near)


def _with_two_factor(user):
    """Set up for `user` as the set-up page would, with the code the app showed then."""
    secret = two_factor.two_factor_new_secret()
    _device, codes = two_factor.two_factor_set_up(user=user, secret=secret, code=_code(secret))
    return secret, codes


def _password(client, email, next_url=""):
    data = {"username": email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:sign-in"), data)


def _code_step(client, code):
    return client.post(reverse("accounts:two-factor-challenge"), {"code": code})


def _signed_in(client) -> bool:
    return client.get(reverse("home:home")).context["user"].is_authenticated


def _secret_on(page: str) -> str:
    shown = re.search(r'id="two-factor-key">([A-Z2-7 ]+)<', page).group(1)
    from base64 import b32decode

    return b32decode(shown.replace(" ", "")).hex()


def test_a_person_sets_up_two_factor_sign_in_from_their_account_page(client, sign_in):
    user = sign_in(Role.PEER)
    account = client.get(reverse("accounts:account")).content.decode()
    assert "Off. Turn it on" in account
    assert reverse("accounts:two-factor-setup") in account

    page = client.get(reverse("accounts:two-factor-setup")).content.decode()
    secret = _secret_on(page)
    response = client.post(reverse("accounts:two-factor-setup"), {"code": _code(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two-factor-recovery-codes")
    shown = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", shown)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    again = client.get(response["Location"]).content.decode()
    assert not re.findall(r"<li>([a-z2-7]{8})</li>", again), "codes are shown once"
    assert "You have 10 recovery codes left" in again
    assert TOTPDevice.objects.get(user=user).confirmed
    assert (
        "On. You have 10 recovery codes left."
        in client.get(reverse("accounts:account")).content.decode()
    )
    assert client.session[DEVICE_ID_SESSION_KEY]  # this session counts as verified


def test_the_set_up_page_draws_the_qr_code_without_script_or_style(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)

    page = client.get(reverse("accounts:two-factor-setup")).content.decode()

    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert svg.startswith('<svg role="img"')
    assert "<title>QR code to scan with your authenticator app</title>" in svg
    assert "style" not in svg and "<script" not in svg and "href" not in svg
    # The same secret until the first code proves the app holds it.
    assert _secret_on(client.get(reverse("accounts:two-factor-setup")).content.decode()) == (
        _secret_on(page)
    )


def test_a_wrong_first_code_is_refused_with_an_error_summary(client, sign_in):
    user = sign_in(Role.PEER)
    secret = _secret_on(client.get(reverse("accounts:two-factor-setup")).content.decode())

    response = client.post(reverse("accounts:two-factor-setup"), {"code": _wrong_code(secret)})

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and 'href="#id_code"' in page
    assert "The code is not right. Check you added the key" in page
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_signing_in_asks_for_a_code_after_the_password_and_a_right_code_signs_in(client):
    user = UserFactory(role=Role.PEER, email="ruth@example.org")
    secret, _codes = _with_two_factor(user)

    response = _password(client, "ruth@example.org", next_url="/account/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two-factor-challenge")
    assert not _signed_in(client)
    assert "Enter a code to sign in" in client.get(response["Location"]).content.decode()

    response = _code_step(client, _code(secret, step=1))  # the set-up used this step's code

    assert response.status_code == 302 and response["Location"] == "/account/"
    assert _signed_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY]


def test_a_wrong_code_is_refused_with_a_govuk_error_and_logged(client):
    user = UserFactory(role=Role.PEER, email="ruth@example.org")
    secret, _codes = _with_two_factor(user)
    _password(client, "ruth@example.org")

    response = _code_step(client, _wrong_code(secret))

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and WRONG_CODE in page
    assert "<title>Error: Enter a code to sign in" in page
    assert not _signed_in(client)
    assert AccessFailureLog.objects.filter(username="ruth@example.org").count() == 1


def test_after_a_wrong_code_the_next_tries_wait(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 3600  # an hour after one wrong code: no race
    user = UserFactory(role=Role.PEER, email="ruth@example.org")
    secret, _codes = _with_two_factor(user)
    _password(client, "ruth@example.org")
    _code_step(client, _wrong_code(secret))

    response = _code_step(client, _code(secret, step=1))

    assert "too many wrong codes" in response.content.decode()
    assert not _signed_in(client)


def test_a_code_used_once_cannot_sign_in_again(client):
    user = UserFactory(role=Role.PEER, email="ruth@example.org")
    secret = two_factor.two_factor_new_secret()
    code = _code(secret)
    two_factor.two_factor_set_up(user=user, secret=secret, code=code)
    _password(client, "ruth@example.org")

    response = _code_step(client, code)

    assert WRONG_CODE in response.content.decode()
    assert not _signed_in(client)


def test_a_recovery_code_signs_in_once(client):
    user = UserFactory(role=Role.PEER, email="ruth@example.org")
    _secret, codes = _with_two_factor(user)

    _password(client, "ruth@example.org")
    response = _code_step(client, codes[0].upper()[:4] + " " + codes[0][4:])  # as typed
    assert response.status_code == 302
    assert _signed_in(client)
    client.post(reverse("accounts:sign-out"))

    _password(client, "ruth@example.org")
    response = _code_step(client, codes[0])
    assert WRONG_CODE in response.content.decode()
    assert not _signed_in(client)
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_new_recovery_codes_replace_the_old_ones(client, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # no wait after the old code (tested above)
    user = UserFactory(role=Role.PEER, email="ruth@example.org")
    secret, old = _with_two_factor(user)
    _password(client, "ruth@example.org")
    _code_step(client, _code(secret, step=1))

    response = client.post(reverse("accounts:two-factor-recovery-codes"))
    new = re.findall(r"<li>([a-z2-7]{8})</li>", client.get(response["Location"]).content.decode())

    assert len(new) == 10 and not set(new) & set(old)
    client.post(reverse("accounts:sign-out"))
    _password(client, "ruth@example.org")
    assert WRONG_CODE in _code_step(client, old[0]).content.decode()
    assert _code_step(client, new[0]).status_code == 302


def test_new_recovery_codes_need_a_session_signed_in_with_a_code(client):
    user = UserFactory(role=Role.PEER)
    _secret, codes = _with_two_factor(user)
    client.force_login(user)  # a password alone, from before two-factor was set up

    page = client.get(reverse("accounts:two-factor-recovery-codes")).content.decode()
    assert "sign in again with a code" in page
    assert client.post(reverse("accounts:two-factor-recovery-codes")).status_code == 403
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(codes)


def test_the_code_page_needs_the_password_first(client):
    assert _code_step(client, "123456")["Location"] == reverse("accounts:sign-in")
    assert client.get(reverse("accounts:two-factor-challenge"))["Location"] == reverse(
        "accounts:sign-in"
    )


def test_a_password_given_long_ago_is_not_enough_for_the_code(client):
    user = UserFactory(role=Role.PEER, email="ruth@example.org")
    secret, _codes = _with_two_factor(user)
    _password(client, "ruth@example.org")
    session = client.session
    session[signing_in.PENDING]["at"] -= signing_in.PENDING_SECONDS + 1
    session.save()

    response = _code_step(client, _code(secret, step=1))

    assert response["Location"] == reverse("accounts:sign-in")
    assert not _signed_in(client)


REQUIRED = {Role.ADMINISTRATOR, Role.PROGRAMME_STAFF}


@pytest.mark.parametrize("role", sorted(REQUIRED))
def test_a_role_that_requires_two_factor_is_held_at_the_set_up_page(client, settings, role):
    settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR = REQUIRED
    UserFactory(role=role, email="ruth@example.org")
    setup = reverse("accounts:two-factor-setup")

    response = _password(client, "ruth@example.org", next_url="/users/")
    assert response.status_code == 302
    for path in ("/users/", "/", "/account/", "/offers/", reverse("accounts:password-change")):
        held = client.get(path)
        assert held.status_code == 302 and held["Location"] == setup, path
    page = client.get(setup).content.decode()
    assert "Your role needs two-factor sign-in" in page
    assert 'href="/users/"' not in page, "no menu of pages they cannot reach yet"

    client.post(setup, {"code": _code(_secret_on(page))})
    assert client.get("/users/").status_code == 200


def test_someone_held_at_the_set_up_page_may_sign_out(client, settings):
    settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR = REQUIRED
    UserFactory(role=Role.ADMINISTRATOR, email="ruth@example.org")
    _password(client, "ruth@example.org")

    client.post(reverse("accounts:sign-out"))

    assert not _signed_in(client)


def test_other_roles_are_offered_two_factor_but_not_held(client, settings):
    settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR = REQUIRED
    UserFactory(role=Role.PEER, email="ruth@example.org")
    _password(client, "ruth@example.org")

    assert client.get(reverse("accounts:account")).status_code == 200
    assert client.get("/offers/").status_code == 200
    assert (
        "Your role needs" not in client.get(reverse("accounts:two-factor-setup")).content.decode()
    )


def test_a_required_person_signed_in_without_a_code_is_told_to_sign_in_again(client, settings):
    settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR = REQUIRED
    admin = UserFactory(role=Role.ADMINISTRATOR)
    _with_two_factor(admin)
    client.force_login(admin)  # a session from before two-factor sign-in was set up

    response = client.get("/users/")

    assert response["Location"] == reverse("accounts:two-factor-setup")
    page = client.get(response["Location"]).content.decode()
    assert "you signed in here without a code" in page


def test_two_factor_is_required_nowhere_locally_by_default():
    assert not permissions.two_factor_required(UserFactory(role=Role.ADMINISTRATOR))


def test_a_misspelt_role_in_the_setting_stops_peerwork_starting(settings):
    settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR = {"administrators"}

    errors = checks.two_factor_roles_check(None)

    assert [e.id for e in errors] == ["peerwork.accounts.E001"]
    assert "administrators" in errors[0].msg


def test_an_administrator_resets_someones_two_factor(client, settings):
    settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR = REQUIRED
    staff = UserFactory(role=Role.PROGRAMME_STAFF, email="ruth@example.org", full_name="Ruth")
    secret, _codes = _with_two_factor(staff)
    theirs = Client()
    _password(theirs, "ruth@example.org")
    _code_step(theirs, _code(secret, step=1))
    assert theirs.get("/users/").status_code == 200
    admin = UserFactory(role=Role.ADMINISTRATOR)
    _with_two_factor(admin)
    client.force_login(admin)
    settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR = set()  # the administrator's own session
    edit = reverse("accounts:user-edit", args=[staff.pk])
    assert "Reset two-factor sign-in" in client.get(edit).content.decode()

    response = client.post(reverse("accounts:user-two-factor-reset", args=[staff.pk]))

    assert response["Location"] == edit
    assert "Two-factor sign-in is reset for Ruth" in client.get(edit).content.decode()
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticToken.objects.filter(device__user=staff).exists()
    settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR = REQUIRED
    # Their session signed in with the old app no longer counts: set it up again.
    assert theirs.get("/users/")["Location"] == reverse("accounts:two-factor-setup")


def test_programme_staff_cannot_reset_someones_two_factor(client):
    peer = UserFactory(role=Role.PEER)
    _with_two_factor(peer)
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    client.force_login(staff)

    assert (
        "Reset two-factor"
        not in client.get(reverse("accounts:user-edit", args=[peer.pk])).content.decode()
    )
    assert client.post(reverse("accounts:user-two-factor-reset", args=[peer.pk])).status_code == 403
    with pytest.raises(permissions.Denied):
        two_factor.two_factor_reset(user=peer, by=staff)
    assert TOTPDevice.objects.filter(user=peer).exists()


def test_a_second_set_up_is_refused_while_one_is_on(client, sign_in):
    user = sign_in(Role.PEER)
    _with_two_factor(user)
    secret = two_factor.two_factor_new_secret()

    with pytest.raises(Exception, match="already set up"):
        two_factor.two_factor_set_up(user=user, secret=secret, code=_code(secret))
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_production_requires_two_factor_of_administrators_and_programme_staff(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(sorted(settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR), "
        "settings.PEERWORK_TRUSTED_PROXIES)"
    )

    local = _peerwork("shell", "--no-imports", "-c", code, env={"PEERWORK_VAR_DIR": str(tmp_path)})
    production = _peerwork("shell", "--no-imports", "-c", code, env=PRODUCTION)
    chosen = _peerwork(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={**PRODUCTION, "PEERWORK_TWO_FACTOR_REQUIRED_FOR": "", "PEERWORK_TRUSTED_PROXIES": "2"},
    )

    assert local.stdout.strip() == "[] 0", local.stderr
    assert production.stdout.strip() == "['administrator', 'programme_staff'] 1", production.stderr
    assert chosen.stdout.strip() == "[] 2", chosen.stderr
