"""The users page: fifty accounts a page, searched by name or email and by role."""

import pytest
from django.urls import reverse

from peerwork.accounts.models import Role
from tests.accounts.factories import UserFactory
from tests.pagination import assert_paginates

pytestmark = pytest.mark.django_db
URL = reverse("accounts:users")


def test_managers_see_fifty_accounts_a_page_and_page_through_them(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    UserFactory.create_batch(55, role=Role.PEER)

    assert_paginates(client, URL, per_page=50, params={"role": Role.PEER})


def test_the_search_and_the_role_narrow_the_list(client, sign_in):
    me = sign_in(Role.PROGRAMME_STAFF)
    ruth = UserFactory(full_name="Ruth Reader", email="ruth@example.org", role=Role.BOARD_MEMBER)
    UserFactory(full_name="Sam Peer", role=Role.PEER)

    def listed(**params):
        return list(client.get(URL, params).context["page"])

    assert listed(q="ruth@") == [ruth]
    assert listed(q="reader") == [ruth]
    assert listed(role=Role.BOARD_MEMBER) == [ruth]
    assert me in listed(role=Role.PROGRAMME_STAFF)


def test_a_role_that_does_not_exist_is_a_message_not_an_error(client, sign_in):
    sign_in(Role.ADMINISTRATOR)

    page = client.get(URL, {"role": "emperor", "q": "x" * 500})

    assert page.status_code == 200
    assert "Choose a role from the list" in page.content.decode()
