"""Every URL pattern, opened by every role: exactly the expected people may see it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from peerwork.accounts.models import Role
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *Role.values]
STAFF = {Role.ADMINISTRATOR, Role.PROGRAMME_STAFF, Role.PRINCIPAL_ADVISER}
MANAGERS = {Role.ADMINISTRATOR, Role.PROGRAMME_STAFF}
SIGNED_IN = set(Role.values)
EVERYONE = {ANONYMOUS, *Role.values}

# url name -> who may open it with GET. Anyone else gets the sign-in page (when
# anonymous) or the 403 page (when signed in).
ACCESS = {
    "core:home": EVERYONE,
    "core:accessibility": EVERYONE,
    "core:privacy": EVERYONE,
    "core:cookies": EVERYONE,
    "accounts:sign-in": EVERYONE,
    "accounts:password-reset": EVERYONE,
    "accounts:password-reset-sent": EVERYONE,
    "accounts:password-reset-confirm": EVERYONE,
    "accounts:password-reset-complete": EVERYONE,
    "accounts:accept-invitation": EVERYONE,
    "accounts:password-change": SIGNED_IN,
    "accounts:users": MANAGERS,
    "accounts:user-invite": MANAGERS,
    "accounts:user-edit": MANAGERS,
    "councils:list": STAFF,
    "councils:detail": STAFF,
    "councils:regions": STAFF,
    "councils:region": STAFF,
    "offers:list": EVERYONE,
    "offers:detail": EVERYONE,
    "offers:new": MANAGERS,
    "offers:edit": MANAGERS,
}
# Pages that only take POST: a GET is refused for everyone.
POST_ONLY = {"accounts:sign-out"}


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_pattern_has_declared_access():
    assert set(_url_names()) == set(ACCESS) | POST_ONLY


@pytest.fixture
def records(db):
    council = CouncilFactory()
    return {
        "code": council.code,
        "slug": council.region.slug,
        "pk": UserFactory(role=Role.PEER).pk,
        "uidb64": "MQ",
        "token": "not-a-token",
    }


def _reverse(name, records):
    for kwargs_keys in (
        (),
        ("code",),
        ("slug",),
        ("pk",),
        ("uidb64", "token"),
    ):
        try:
            return reverse(name, kwargs={k: records[k] for k in kwargs_keys})
        except Exception:  # noqa: BLE001 - try the next shape of arguments
            continue
    raise AssertionError(f"cannot build a URL for {name}")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_url_access_for_role(client, records, name, role):
    if name == "offers:detail" or name == "offers:edit":
        records = {**records, "slug": "corporate-peer-challenge"}
    url = _reverse(name, records)
    if role != ANONYMOUS:
        client.force_login(UserFactory(role=role))
    response = client.get(url)
    if role in ACCESS[name]:
        if name == "accounts:sign-in" and role != ANONYMOUS:
            assert response.status_code == 302  # already signed in: sent home
        else:
            assert response.status_code == 200, f"{role} should see {url}"
    elif role == ANONYMOUS:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
    else:
        assert response.status_code == 403, f"{role} should not see {url}"
        assert b"You cannot see this page" in response.content


@pytest.mark.parametrize("role", ROLES)
def test_post_only_urls_refuse_get(client, db, role):
    if role != ANONYMOUS:
        client.force_login(UserFactory(role=role))
    for name in POST_ONLY:
        assert client.get(reverse(name)).status_code in (302, 405)


def test_unknown_url_shows_the_404_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
