"""Given a peer who gave diversity answers, when they look at their data and withdraw
their consent, then they see their records, download them, and the answers are gone."""

import json
from pathlib import Path

import pytest
from django.utils import timezone

from peerwork.accounts.models import Role
from peerwork.peers.models import DiversityRecord
from tests.accounts.factories import UserFactory
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"


def test_a_peer_downloads_their_data_and_withdraws_consent(journey):
    user = UserFactory(role=Role.PEER, full_name="Dee Diverse")
    peer = PeerFactory(user=user, email=user.email, full_name="Dee Diverse")
    DiversityRecord.objects.create(peer=peer, consent_given_at=timezone.now(), gender="woman")
    page = journey.page

    journey.sign_in(user.email, PASSWORD)
    journey.follow(page.get_by_role("link", name="Get a copy of your data"))
    assert page.locator("h1").inner_text() == "Your data"
    assert "Dee Diverse" in page.locator("main").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data as a JSON file").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["peer"]["diversity"]["gender"] == "Woman"

    journey.goto("/my/profile/")
    journey.follow(page.get_by_role("link", name="Withdraw your consent for diversity information"))
    assert "cannot be brought back" in page.locator(".govuk-warning-text").inner_text()
    journey.follow(
        page.get_by_role("button", name="Withdraw consent and delete my diversity information")
    )
    assert "diversity information is deleted" in page.locator("main").inner_text()
    assert not DiversityRecord.objects.filter(peer=peer).exists()
