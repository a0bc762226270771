import os

import pytest
from django.test import Client

from tests.accounts.factories import UserFactory
from tests.reference_data import reference_data_reinstall
from tests.soundness import assert_page_is_sound


def pytest_collection_modifyitems(config, items):
    """Browser tests last: their live server flushes the database after each of them.

    Tests marked postgresql check what only PostgreSQL enforces (exclusion
    constraints); they are deselected, not skipped, when the suite runs on SQLite,
    and .ci/run runs the suite on PostgreSQL as well.
    """
    for item in items:
        if "/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: "/browser/" in str(item.path))
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        kept = [i for i in items if i.get_closest_marker("postgresql") is None]
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


class SoundClient(Client):
    """A test client whose every GET of a page also checks the page is sound."""

    def get(self, *args, **kwargs):
        response = super().get(*args, **kwargs)
        assert_page_is_sound(response)
        return response


@pytest.fixture
def client():
    return SoundClient()


@pytest.fixture
def sign_in(client):
    """Sign in as a new user of the given role and return them."""

    def _sign_in(role, **extra):
        user = UserFactory(role=role, **extra)
        client.force_login(user)
        return user

    return _sign_in


@pytest.fixture(autouse=True)
def reference_data(request):
    """A test with real transactions (`transaction=True`, every browser test) runs on a
    database the one before it may have flushed: put back what the data migrations
    install (pytest-django runs these tests after all the others)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        reference_data_reinstall()


@pytest.fixture(autouse=True)
def tasks_at_once(settings):
    """Background tasks run at once, in the test's own process, once the change that
    queued them commits (tests/core/test_worker.py runs a real worker)."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "assembly"],
        }
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests that do not test hashing need not pay for it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path_factory):
    """Files kept through the default storage (uploads, kept PDFs) go to a folder of the
    test's own, never into the checkout's var/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
