"""Given a programme staff member whose role requires two-factor sign-in, when they sign
in with their password, then they are held at the set-up page until they add peerwork
to their authenticator app; they sign out, and sign back in with their password and a
code from the app."""

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from peerwork.accounts.models import Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"


def _code(key: bytes, step: int = 0) -> str:
    """The code an authenticator app holding `key` shows `step` 30-second steps from now."""
    totp = TOTP(key)
    totp.time = time.time() + 30 * step
    return f"{totp.token():06d}"


def _wrong_code(key: bytes) -> str:
    """A code the app shows at none of the steps peerwork might accept in this journey."""
    near = {_code(key, step) for step in range(-1, 4)}
    return next(
        code
        for code in ("000000", "111111", "222222", "333333", "444444", "555555", "666666")
        if code not in near
    )


def test_a_staff_member_sets_up_two_factor_sign_in_then_signs_in_with_a_code(journey, settings):
    settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR = {Role.ADMINISTRATOR, Role.PROGRAMME_STAFF}
    # No wait after a wrong code here: tests/accounts/test_two_factor.py tests the wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    staff = UserFactory(role=Role.PROGRAMME_STAFF, full_name="Sam Staff")
    page = journey.page

    # Signed in with a password alone, they reach nothing but the set-up page.
    journey.sign_in(staff.email, PASSWORD)
    assert page.locator("h1").inner_text() == "Set up two-factor sign-in"
    assert "Your role needs two-factor sign-in" in page.locator("main").inner_text()
    journey.goto("/peers/")
    assert page.locator("h1").inner_text() == "Set up two-factor sign-in"

    # They scan the QR code, or type the key the page shows, and enter the app's code.
    assert page.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    key = b32decode(page.locator("#two-factor-key").inner_text().replace(" ", ""))
    page.get_by_label("Code from your authenticator app").fill(_code(key))
    journey.follow(page.get_by_role("button", name="Turn on two-factor sign-in"))
    assert page.locator("h1").inner_text() == "Your recovery codes"
    assert "Two-factor sign-in is on." in page.locator("main").inner_text()
    assert page.locator("#recovery-codes li").count() == 10
    journey.follow(page.get_by_role("link", name="Continue to peerwork"))
    journey.follow(page.get_by_role("link", name="Peers", exact=True))
    assert page.locator("h1").inner_text() != "Set up two-factor sign-in"
    journey.sign_out()

    # Back again: the password, then a code.
    journey.sign_in(staff.email, PASSWORD)
    assert page.locator("h1").inner_text() == "Enter a code to sign in"
    page.get_by_label("Code", exact=True).fill(_wrong_code(key))
    journey.follow(page.get_by_role("button", name="Sign in"))
    assert "The code is not right" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Code", exact=True).fill(_code(key, step=1))  # set-up used this step's
    journey.follow(page.get_by_role("button", name="Sign in"))
    assert "Sam Staff (Programme staff)" in page.locator("header").inner_text()
    assert page.locator("h1").inner_text() == "Your peerwork"

    journey.follow(page.get_by_role("link", name="Your account: password and two-factor sign-in"))
    assert "On. You have 10 recovery codes left." in page.locator("main").inner_text()
