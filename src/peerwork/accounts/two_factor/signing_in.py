"""Signing in in two steps: the password, then (for someone with two-factor sign-in)
a code. Between the two the person is not signed in: the session only remembers who
gave the right password, for a few minutes."""

import time
from dataclasses import dataclass

from django.contrib.auth import login
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django_otp import login as otp_login

from peerwork.accounts import selectors, services

PENDING = "peerwork.sign-in.pending"
# Long enough to find a phone and open the app; a password alone is worth nothing after.
PENDING_SECONDS = 10 * 60


@dataclass(frozen=True)
class Pending:
    user: object
    next_url: str


def pending_begin(request, user, next_url: str) -> None:
    """The password was right and the account asks for a code next."""
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "at": int(time.time()),
    }


def pending_of(request) -> Pending | None:
    """Who is between the password and the code in this session, if anyone still is."""
    data = request.session.get(PENDING)
    if not data:
        return None
    user = selectors.account_signing_in(data.get("user"))
    if user is None or time.time() - data.get("at", 0) > PENDING_SECONDS:
        del request.session[PENDING]
        return None
    user.backend = data["backend"]
    return Pending(user=user, next_url=data["next"])


def code_refused(request, user) -> None:
    """A wrong code counts like a wrong password: django-axes logs it, and counts it
    towards locking the address and the IP."""
    user_login_failed.send(sender=__name__, credentials={"username": user.email}, request=request)


def sign_in_complete(request, user, next_url: str, device=None):
    """Sign the person in (with the device that gave the code, if any) and send them on."""
    request.session.pop(PENDING, None)
    login(request, user, backend=getattr(user, "backend", None))
    if device is not None:
        otp_login(request, device)
    services.user_signed_in(user=user)
    return redirect(next_url)
