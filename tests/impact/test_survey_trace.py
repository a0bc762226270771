"""Tracing survey responses (administrators only): fifty a page, found by email."""

import pytest
from django.urls import reverse

from peerwork.accounts.models import Role
from tests.impact.factories import SurveyInvitationFactory, respond
from tests.pagination import assert_paginates

pytestmark = pytest.mark.django_db
URL = reverse("impact:survey-trace")


def _traced(email="casey@example.org"):
    invitation = SurveyInvitationFactory(email=email)
    response = respond(invitation.engagement, positive_impact=True)
    response.invitation = invitation
    response.save()
    return response


def test_an_administrator_sees_fifty_responses_a_page(client, sign_in):
    sign_in(Role.ADMINISTRATOR)
    for n in range(52):
        _traced(f"person{n}@example.org")

    assert_paginates(client, URL, per_page=50)


def test_the_search_finds_the_responses_of_one_address(client, sign_in):
    sign_in(Role.ADMINISTRATOR)
    casey = _traced("Casey@Example.org")
    _traced("someone@example.org")

    page = client.get(URL, {"q": "casey@example.org"})

    assert list(page.context["page"]) == [casey]


def test_a_hostile_search_is_a_message_not_an_error(client, sign_in):
    sign_in(Role.ADMINISTRATOR)

    page = client.get(URL, {"q": "\x00", "page": "0"})

    assert page.status_code == 200 and "govuk-error-summary" in page.content.decode()
