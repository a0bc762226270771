"""Applications to become a peer, for managers: fifty a page, by status, searched."""

import pytest
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.peers.models import ApplicationStatus, PeerApplication
from tests.councils.factories import CouncilFactory
from tests.pagination import assert_paginates

pytestmark = pytest.mark.django_db
URL = reverse("peers:applications")


def _application(full_name="Ada Applicant", status=ApplicationStatus.SUBMITTED, **extra):
    return PeerApplication.objects.create(
        kind="officer",
        full_name=full_name,
        email=extra.pop("email", f"{full_name.split()[0].lower()}@example.org"),
        home_council=CouncilFactory(),
        home_role="chief_executive",
        experience="Twenty years in local government.",
        status=status,
        **extra,
    )


def test_managers_see_fifty_applications_a_page_and_page_through_them(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    for n in range(53):
        _application(f"Applicant {n}", email=f"a{n}@example.org")

    assert_paginates(client, URL, per_page=50, params={"status": ApplicationStatus.SUBMITTED})


def test_the_status_and_the_search_narrow_the_list(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    ada = _application("Ada Applicant")
    bea = _application("Bea Brown", email="bea@council.example")
    approved = _application("Cy Approved", status=ApplicationStatus.APPROVED)

    def listed(**params):
        return list(client.get(URL, params).context["page"])

    assert listed() == [bea, ada]  # waiting for a decision, newest first
    assert listed(q="brown") == [bea]
    assert listed(q="council.example") == [bea]
    assert listed(status=ApplicationStatus.APPROVED) == [approved]
    assert listed(status="no-such-status") == [bea, ada]


def test_a_hostile_search_is_a_message_not_an_error(client, sign_in):
    sign_in(Role.ADMINISTRATOR)
    _application()

    page = client.get(URL, {"q": "\x00", "page": "-1"})

    assert page.status_code == 200
    assert "govuk-error-summary" in page.content.decode()
