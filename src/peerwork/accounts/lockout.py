"""The sign-in lock-out, kept by django-axes (settings: AXES_*, README: Security).

django-axes counts each failed sign-in in the database by email address and by IP
address, and its backend, first in AUTHENTICATION_BACKENDS, refuses either once it
has failed PEERWORK_LOCKOUT_ATTEMPTS times, before any password is checked. This
module is what peerwork adds around it:

- `authenticate_in_turn`: attempts on one address or from one IP are checked one at a
  time, so twenty sent at once cannot all be checked before the first failure is
  counted;
- `client_ip`: the client's address behind PEERWORK_TRUSTED_PROXIES proxies;
- `lockout_response`: a lock-out shows the same sign-in page as a wrong password;
- `lockout_lift` and `lockout_of`: what a password reset, a sign-in and the users
  pages do with one address's count.
"""

import hashlib
import ipaddress
from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import connection, transaction
from django.db.models import Max, Sum
from django.utils import timezone


def username_of(request, credentials=None) -> str | None:
    """The address an attempt is counted against, as peerwork stores addresses."""
    if credentials:
        value = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        data = getattr(request, "POST", None) or {}
        value = data.get(settings.AXES_USERNAME_FORM_FIELD)
    if value is None:
        return None
    return str(value).strip().lower()


def client_ip(request) -> str | None:
    """The client's IP address.

    Each of the PEERWORK_TRUSTED_PROXIES proxies in front of peerwork (the load balancer)
    adds the address it was reached from to the right of X-Forwarded-For; entries
    further left are whatever the client sent and prove nothing. So the client is the
    entry that many from the right. With no trusted proxy, or a header shorter than the
    proxies it should have passed, the connecting address is used.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.PEERWORK_TRUSTED_PROXIES
    if proxies <= 0:
        return _address(remote)
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return _address(remote)
    return _address(forwarded[-proxies]) or _address(remote)


def _address(value: str | None) -> str | None:
    """An IP address as written, without a port some proxies add; None if it is not one."""
    if not value:
        return None
    candidates = [value]
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        candidates.append(value[1 : value.index("]")])
    elif value.count(":") == 1:  # 192.0.2.1:443
        candidates.append(value.split(":")[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def lockout_response(request, original_response=None, credentials=None):
    """A lock-out shows the page the sign-in form drew: its message is the same one a
    wrong password or an unknown address gets, so the page tells no one which
    addresses have accounts or which are locked."""
    return original_response


def authenticate_in_turn(request, *, email: str, password: str):
    """`authenticate`, with every attempt on this address or from this IP waiting for
    the one before it to be counted.

    django-axes checks the count and records a failure in separate steps, so without
    this, attempts sent at once are all checked before the first failure is recorded.
    On PostgreSQL each attempt takes a transaction-scoped advisory lock for its address
    and one for its IP (in a fixed order, so two attempts never wait for each other);
    on SQLite the transaction itself takes the database's write lock at its start
    (settings: transaction_mode IMMEDIATE), which queues every attempt behind the last.
    """
    keys = sorted({f"address:{email}", f"ip:{client_ip(request)}"})
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for key in keys:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_id(key)])
        return authenticate(request, username=email, password=password)


def _lock_id(key: str) -> int:
    """A signed 64-bit number for PostgreSQL's advisory locks, from a key."""
    digest = hashlib.sha256(f"peerwork.sign-in:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lockout_lift(email: str) -> int:
    """Forget the failed sign-ins counted against this address, from every IP (how many
    records went). The IPs' own counts keep the failures against other addresses."""
    return reset(username=email.strip().lower())


@dataclass(frozen=True)
class Lockout:
    failures: int
    locked: bool
    until: datetime | None


def lockout_of(email: str) -> Lockout:
    """How many failed sign-ins count against this address now, and whether it is locked
    (and until when, unless more attempts come)."""
    since = timezone.now() - get_cool_off()
    counted = AccessAttempt.objects.filter(
        username=email.strip().lower(), attempt_time__gte=since
    ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    failures = counted["failures"] or 0
    locked = failures >= get_failure_limit(None, None)
    until = counted["last"] + get_cool_off() if locked else None
    return Lockout(failures=failures, locked=locked, until=until)
