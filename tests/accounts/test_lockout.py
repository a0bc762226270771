"""The sign-in lock-out (django-axes): by address and by IP, one message for every
refusal, lifted by a password reset or an administrator, every attempt logged, and no
more passwords checked than the limit when attempts come at once."""

import re
import threading

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core import mail
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from peerwork.accounts import lockout
from peerwork.accounts import services as accounts
from peerwork.accounts.backends import EmailBackend
from peerwork.accounts.models import Role
from peerwork.accounts.permissions import Denied
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
NOT_SIGNED_IN = b"The email address or password is not right, or there have been too many"


@pytest.fixture(autouse=True)
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def _sign_in(client, email, password, ip="192.0.2.1"):
    return client.post(
        reverse("accounts:sign-in"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def _fail(client, email, times, ip="192.0.2.1"):
    for _ in range(times):
        _sign_in(client, email, "wrong password", ip=ip)


def _signed_in(client) -> bool:
    return client.get(reverse("home:home")).context["user"].is_authenticated


def _page(response) -> str:
    """The page as anyone sees it, without what differs from one request to the next
    (the CSRF token, and the address typed back into the form)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'(name="username"[^>]*?) value="[^"]*"', r"\1", html)


def test_the_page_is_the_same_for_a_wrong_password_an_unknown_address_and_a_lock(client, limit):
    UserFactory(email="ruth@example.org")
    UserFactory(email="sam@example.org")
    _fail(client, "ruth@example.org", limit, ip="192.0.2.10")  # locks Ruth's address
    _fail(client, "ghost@example.org", limit, ip="192.0.2.11")  # and an unknown one

    answers = {
        "wrong password": _sign_in(client, "sam@example.org", "wrong password", ip="192.0.2.20"),
        "unknown address": _sign_in(client, "nobody@example.org", PASSWORD, ip="192.0.2.21"),
        "locked, right password": _sign_in(client, "ruth@example.org", PASSWORD, ip="192.0.2.22"),
        "locked unknown address": _sign_in(client, "ghost@example.org", PASSWORD, ip="192.0.2.23"),
    }

    pages = {name: _page(response) for name, response in answers.items()}
    assert {response.status_code for response in answers.values()} == {200}
    assert len(set(pages.values())) == 1, "the pages differ"
    assert NOT_SIGNED_IN in answers["locked, right password"].content
    assert b"govuk-error-summary" in answers["locked, right password"].content
    assert b"locked" not in answers["locked, right password"].content.lower()
    assert not _signed_in(client)


def test_a_locked_address_is_refused_from_any_ip_even_with_the_right_password(client, limit):
    UserFactory(email="ruth@example.org")
    _fail(client, "ruth@example.org", limit, ip="192.0.2.1")

    response = _sign_in(client, "ruth@example.org", PASSWORD, ip="198.51.100.7")

    assert NOT_SIGNED_IN in response.content
    assert not _signed_in(client)


def test_an_ip_that_failed_at_several_addresses_is_refused_for_every_address(client, limit):
    UserFactory(email="ruth@example.org")
    for n in range(limit):
        _sign_in(client, f"guess{n}@example.org", "wrong password", ip="203.0.113.9")

    from_there = _sign_in(client, "ruth@example.org", PASSWORD, ip="203.0.113.9")
    assert NOT_SIGNED_IN in from_there.content
    assert not _signed_in(client)

    from_elsewhere = _sign_in(client, "ruth@example.org", PASSWORD, ip="192.0.2.1")
    assert from_elsewhere.status_code == 302
    assert _signed_in(client)


def test_a_password_reset_lifts_the_lock(client, limit, django_capture_on_commit_callbacks):
    UserFactory(email="ruth@example.org")
    _fail(client, "ruth@example.org", limit)
    assert NOT_SIGNED_IN in _sign_in(client, "ruth@example.org", PASSWORD).content

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": "ruth@example.org"})
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )

    response = _sign_in(client, "ruth@example.org", "a brand new passphrase")
    assert response.status_code == 302
    assert _signed_in(client)


def test_choosing_a_password_with_an_invitation_lifts_a_lock(
    client, limit, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:user-invite"),
            {"full_name": "Nia Board", "email": "nia@example.org", "roles": Role.BOARD_MEMBER},
        )
    client.logout()
    _fail(client, "nia@example.org", limit)  # someone else, before Nia opens her email
    link = re.search(r"http://testserver(/invitation/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )

    assert _sign_in(client, "nia@example.org", "a brand new passphrase").status_code == 302


def test_an_administrator_sees_the_lock_and_lifts_it(client, limit):
    ruth = UserFactory(role=Role.PEER, email="ruth@example.org", full_name="Ruth Peer")
    _fail(Client(), "ruth@example.org", limit)
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    edit = reverse("accounts:user-edit", args=[ruth.pk])

    page = client.get(edit).content.decode()
    assert "Locked after 3 failed attempts" in page
    assert "Lift the lock on signing in" in page
    response = client.post(reverse("accounts:user-unlock", args=[ruth.pk]))

    assert response.status_code == 302 and response["Location"] == edit
    assert "No failed attempts recently" in client.get(edit).content.decode()
    assert _sign_in(Client(), "ruth@example.org", PASSWORD).status_code == 302


def test_programme_staff_cannot_lift_a_lock(client, limit):
    ruth = UserFactory(role=Role.PEER, email="ruth@example.org")
    _fail(Client(), "ruth@example.org", limit)
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    client.force_login(staff)

    assert (
        "Lift the lock"
        not in client.get(reverse("accounts:user-edit", args=[ruth.pk])).content.decode()
    )
    assert client.post(reverse("accounts:user-unlock", args=[ruth.pk])).status_code == 403
    with pytest.raises(Denied):
        accounts.user_lockout_lift(user=ruth, by=staff)

    assert lockout.lockout_of("ruth@example.org").locked
    assert NOT_SIGNED_IN in _sign_in(Client(), "ruth@example.org", PASSWORD).content


def test_every_attempt_is_logged(client, limit):
    UserFactory(email="ruth@example.org")
    _fail(client, "ruth@example.org", limit + 2)  # the last two while locked
    _sign_in(client, "ruth@example.org", PASSWORD, ip="198.51.100.7")  # refused: locked

    failures = AccessFailureLog.objects.filter(username="ruth@example.org")
    assert failures.count() == limit + 3
    assert failures.filter(locked_out=True).count() == 4  # the third attempt locked it
    assert {f.ip_address for f in failures} == {"192.0.2.1", "198.51.100.7"}
    assert "wrong password" not in repr(list(AccessAttempt.objects.values()))

    accounts.user_password_chosen(user=UserFactory.build(email="ruth@example.org"))
    _sign_in(client, "ruth@example.org", PASSWORD)
    assert AccessLog.objects.filter(username="ruth@example.org").count() == 1


def test_a_sign_in_forgets_the_address_failures_but_not_the_ip_failures(client, settings):
    settings.AXES_FAILURE_LIMIT = 4
    UserFactory(email="ruth@example.org")
    _fail(client, "ruth@example.org", 2)
    _fail(client, "someone@example.org", 1)

    _sign_in(client, "ruth@example.org", PASSWORD)

    assert lockout.lockout_of("ruth@example.org").failures == 0
    assert AccessAttempt.objects.get(username="someone@example.org").failures_since_start == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_twenty_attempts_at_once_check_no_more_passwords_than_the_limit(monkeypatch, settings):
    """Twenty threads, twenty connections, one address and IP, wrong passwords at once."""
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(email="ruth@example.org")
    checked = []
    check = EmailBackend.authenticate

    def counting(self, request, username=None, password=None, **kwargs):
        checked.append(username)  # list.append is atomic under the GIL
        return check(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(EmailBackend, "authenticate", counting)
    barrier = threading.Barrier(20)
    statuses = []

    def attempt():
        try:
            barrier.wait()
            statuses.append(_sign_in(Client(), "ruth@example.org", "wrong password").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * 20
    assert len(checked) == 5, f"{len(checked)} passwords were checked"
    assert AccessFailureLog.objects.filter(username="ruth@example.org").count() == 20
    assert NOT_SIGNED_IN in _sign_in(Client(), "ruth@example.org", PASSWORD).content
    assert len(checked) == 5


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "client"),
    [
        (0, "203.0.113.5", "10.0.0.2", "10.0.0.2"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.5", "10.0.0.2", "203.0.113.5"),
        (1, "198.51.100.66, 203.0.113.5", "10.0.0.2", "203.0.113.5"),  # left entry is forged
        (2, "198.51.100.66, 203.0.113.5, 10.0.0.9", "10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.2", "10.0.0.2"),  # shorter than the proxies: not trusted
        (1, "", "10.0.0.2", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2", "10.0.0.2"),
        (1, "203.0.113.5:51234", "10.0.0.2", "203.0.113.5"),
        (1, "[2001:db8::7]:443", "10.0.0.2", "2001:db8::7"),
        (1, "2001:DB8::7", "10.0.0.2", "2001:db8::7"),
    ],
)
def test_the_client_ip_is_read_behind_the_trusted_proxies(
    settings, proxies, forwarded, remote, client
):
    settings.PEERWORK_TRUSTED_PROXIES = proxies
    request = RequestFactory().post("/sign-in/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)

    assert lockout.client_ip(request) == client


def test_behind_a_load_balancer_each_client_is_counted_apart(client, settings, limit):
    settings.PEERWORK_TRUSTED_PROXIES = 1
    UserFactory(email="ruth@example.org")
    for n in range(limit):
        client.post(
            reverse("accounts:sign-in"),
            {"username": f"guess{n}@example.org", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )

    response = client.post(
        reverse("accounts:sign-in"),
        {"username": "ruth@example.org", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",  # the same load balancer
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",  # another client, who forged an entry
    )

    assert response.status_code == 302
    assert AccessFailureLog.objects.filter(ip_address="203.0.113.9").count() == limit
