import re

import pytest
from django.core import mail
from django.urls import reverse

from peerwork.accounts.models import Role, User
from peerwork.core.email import deliver_email
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


def _sign_in(client, email, password):
    return client.post(reverse("accounts:sign-in"), {"username": email, "password": password})


def test_sign_in_with_email_in_any_case_then_sign_out(client):
    user = UserFactory(email="ruth@example.org")

    response = _sign_in(client, "Ruth@Example.org", PASSWORD)

    assert response.status_code == 302
    assert client.get(reverse("home:home")).context["user"] == user
    client.post(reverse("accounts:sign-out"))
    assert not client.get(reverse("home:home")).context["user"].is_authenticated


def test_wrong_password_shows_an_error_summary(client):
    UserFactory(email="ruth@example.org")

    response = _sign_in(client, "ruth@example.org", "wrong")

    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert b"The email address or password is not right" in response.content


def test_empty_form_says_what_to_enter(client):
    response = client.post(reverse("accounts:sign-in"), {"username": "", "password": ""})

    assert b"Enter your email address" in response.content
    assert b"Enter your password" in response.content
    assert b'href="#id_username"' in response.content


def test_password_is_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User.objects.create_user("a@example.org", "a long enough password", full_name="A")
    assert user.password.startswith("argon2")


def test_password_reset_by_email(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="ruth@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": "ruth@example.org"})

    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a brand new passphrase")


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.PROGRAMME_STAFF])
def test_managers_invite_someone_who_then_chooses_a_password(
    client, role, django_capture_on_commit_callbacks
):
    manager = UserFactory(role=role)
    client.force_login(manager)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:user-invite"),
            {"full_name": "Nia Board", "email": "Nia@Example.org", "roles": Role.BOARD_MEMBER},
        )

    assert response.status_code == 302
    invited = User.objects.get(email="nia@example.org")
    assert invited.roles == {Role.BOARD_MEMBER}
    assert not invited.has_usable_password()
    assert mail.outbox[0].to == ["nia@example.org"]
    assert "as Board member." in mail.outbox[0].body
    link = re.search(r"http://testserver(/invitation/\S+/)", mail.outbox[0].body).group(1)
    client.logout()
    form_page = client.get(link, follow=True)
    assert b"Choose your password" in form_page.content
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    invited.refresh_from_db()
    assert invited.check_password("a brand new passphrase")


def test_an_invitation_with_the_mail_server_down_is_kept_and_sent_later(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from peerwork.core.models import OutgoingEmail

    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))

    def refuse(self, messages):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:user-invite"),
            {"full_name": "Nia Board", "email": "nia@example.org", "roles": Role.BOARD_MEMBER},
        )

    assert response.status_code == 302  # not a 500: the person's work is saved
    assert User.objects.filter(email="nia@example.org").exists()
    kept = OutgoingEmail.objects.get(recipients=["nia@example.org"])
    assert kept.status == "waiting" and "mail server is down" in kept.last_error

    monkeypatch.undo()
    OutgoingEmail.objects.update(next_attempt_at=kept.created_at)
    deliver_email.call(kept.pk)  # the retry the worker does when it is due

    assert mail.outbox[0].to == ["nia@example.org"] and "/invitation/" in mail.outbox[0].body


def test_invite_form_errors_name_each_problem(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    existing = UserFactory()

    response = client.post(
        reverse("accounts:user-invite"),
        {"full_name": "", "email": existing.email, "roles": Role.COUNCIL_CONTACT},
    )

    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter the person&#39;s full name" in content
    assert "Someone already has an account with this email address" in content
    assert "Choose the council this contact speaks for" in content
    assert mail.outbox == []


def test_programme_staff_cannot_make_or_change_an_administrator(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    admin = UserFactory(role=Role.ADMINISTRATOR)

    response = client.post(
        reverse("accounts:user-invite"),
        {"full_name": "Sly", "email": "sly@example.org", "roles": Role.ADMINISTRATOR},
    )
    assert b"Select a valid choice" in response.content
    assert client.get(reverse("accounts:user-edit", args=[admin.pk])).status_code == 403


def test_two_people_editing_one_account_cannot_overwrite_each_other(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    peer = UserFactory(role=Role.PEER, full_name="Original Name")
    url = reverse("accounts:user-edit", args=[peer.pk])
    form = {
        "full_name": "First Edit",
        "roles": Role.PEER,
        "is_active": "on",
        "version": peer.version,
    }

    first = client.post(url, form)
    second = client.post(url, {**form, "full_name": "Second Edit"})

    assert first.status_code == 302
    assert second.status_code == 200
    assert b"Someone else changed this account" in second.content
    peer.refresh_from_db()
    assert peer.full_name == "First Edit"


def test_closing_an_account_stops_sign_in(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    peer = UserFactory(role=Role.PEER, email="closed@example.org")
    client.post(
        reverse("accounts:user-edit", args=[peer.pk]),
        {"full_name": peer.full_name, "roles": Role.PEER, "version": peer.version},
    )
    client.logout()

    response = _sign_in(client, "closed@example.org", PASSWORD)

    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content


def test_a_page_with_errors_says_so_in_its_title(client):
    response = client.post(reverse("accounts:sign-in"), {"username": "", "password": ""})

    assert "<title>Error: Sign in" in response.content.decode()


def test_an_account_with_several_roles_is_invited_as_each_and_named_so(
    client, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:user-invite"),
            {
                "full_name": "Cai Councillor",
                "email": "cai@example.org",
                "roles": [Role.PEER, Role.BOARD_MEMBER],
            },
        )

    invited = User.objects.get(email="cai@example.org")
    assert invited.roles == {Role.PEER, Role.BOARD_MEMBER}
    assert "as Peer, Board member." in mail.outbox[0].body
    client.force_login(invited)
    assert "Cai Councillor (Peer, Board member)" in client.get("/").content.decode()
