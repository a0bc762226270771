import pytest
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.offers.models import Offer
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_default_catalogue_is_installed_with_rules_as_data():
    names = set(Offer.objects.values_list("name", flat=True))
    assert {
        "Corporate Peer Challenge",
        "Recovery and Renewal Panel",
        "Bespoke Remote Peer Support",
        "Finance Peer Challenge",
        "Governance Peer Challenge",
        "Communications Peer Challenge",
        "Equalities Peer Challenge",
        "Planning Peer Challenge",
        "Progress Review",
        "Mentoring",
    } <= names
    cpc = Offer.objects.get(slug="corporate-peer-challenge")
    assert len(cpc.themes) == 5
    assert (cpc.action_plan_within_months, cpc.action_plan_latest_months) == (3, 5)
    assert cpc.progress_review_after_months == 10
    assert cpc.entitlement_cycle_years == 5
    panel = Offer.objects.get(slug="recovery-and-renewal-panel")
    assert panel.format == "remote"
    assert "report_drafting" not in panel.stages
    assert cpc.counts_as == "corporate_peer_challenge"
    assert panel.counts_as == "remote_support"


def test_the_public_reads_the_catalogue_and_how_to_ask(client):
    response = client.get(reverse("offers:detail", args=["corporate-peer-challenge"]))

    assert b"Financial planning and management" in response.content
    assert b"principal adviser" in response.content
    assert b"Change this offer" not in response.content


def _form(offer, **changes):
    data = {
        "name": offer.name,
        "summary": offer.summary,
        "format": offer.format,
        "typical_length": offer.typical_length,
        "length_days": str(offer.length_days),
        "themes_text": "\n".join(offer.themes),
        "stages": offer.stages,
        "report_within_weeks": offer.report_within_weeks or "",
        "action_plan_within_months": offer.action_plan_within_months or "",
        "action_plan_latest_months": offer.action_plan_latest_months or "",
        "progress_review_after_months": offer.progress_review_after_months or "",
        "progress_review_from": offer.progress_review_from,
        "entitlement_cycle_years": offer.entitlement_cycle_years or "",
        "counts_as": offer.counts_as,
        "how_to_ask": offer.how_to_ask,
        "is_active": "on",
        "version": offer.version,
        "team-TOTAL_FORMS": "0",
        "team-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_staff_change_a_deadline_rule_without_touching_code(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    offer = Offer.objects.get(slug="corporate-peer-challenge")

    response = client.post(
        reverse("offers:edit", args=[offer.slug]),
        _form(offer, progress_review_after_months="12", entitlement_cycle_years="3"),
    )

    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.progress_review_after_months, offer.entitlement_cycle_years) == (12, 3)
    assert offer.version == 2


def test_bad_offer_input_is_explained_and_nothing_is_saved(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    offer = Offer.objects.get(slug="corporate-peer-challenge")

    response = client.post(
        reverse("offers:edit", args=[offer.slug]),
        _form(offer, length_days="four", action_plan_latest_months="2", stages=[]),
    )

    content = response.content.decode()
    assert "There is a problem" in content
    assert "Peer days must be a number" in content
    assert "cannot be before its usual deadline" in content
    assert "Choose at least one stage" in content
    offer.refresh_from_db()
    assert offer.action_plan_latest_months == 5


def test_a_stale_offer_edit_is_refused(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    offer = Offer.objects.get(slug="mentoring")
    stale = _form(offer, typical_length="Six sessions")
    client.post(reverse("offers:edit", args=[offer.slug]), _form(offer, typical_length="Four"))

    response = client.post(reverse("offers:edit", args=[offer.slug]), stale)

    assert b"Someone else changed this offer" in response.content
    offer.refresh_from_db()
    assert offer.typical_length == "Four"


def test_staff_add_a_team_place_to_the_template(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    offer = Offer.objects.get(slug="mentoring")
    data = _form(offer)
    data.update(
        {
            "team-TOTAL_FORMS": "1",
            "team-0-role": "Shadow peer",
            "team-0-count": "1",
            "team-0-peer_kind": "member",
            "team-0-skills_text": "Leadership, Governance",
        }
    )

    client.post(reverse("offers:edit", args=[offer.slug]), data)

    place = offer.team_places.get(role="Shadow peer")
    assert place.required_skills == ["leadership", "governance"]


def test_inactive_offers_are_hidden_from_the_public(client):
    Offer.objects.filter(slug="mentoring").update(is_active=False)

    assert b"Mentoring" not in client.get(reverse("offers:list")).content
    assert client.get(reverse("offers:detail", args=["mentoring"])).status_code == 404
