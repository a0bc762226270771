import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.core.errors import EditConflict
from peerwork.engagements import lifecycle, services
from peerwork.engagements.models import Engagement, StatusChange
from peerwork.engagements.selectors import council_support_history
from peerwork.offers.models import Offer
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.engagements.factories import EngagementFactory

pytestmark = pytest.mark.django_db


def test_the_next_stage_is_the_next_one_the_offer_uses():
    panel = Offer.objects.get(slug="recovery-and-renewal-panel").stages
    cpc = Offer.objects.get(slug="corporate-peer-challenge").stages

    assert lifecycle.next_stage("team_confirmed", cpc) == "preparation"
    assert lifecycle.next_stage("team_confirmed", panel) == "delivery"
    assert lifecycle.next_stage("feedback_given", panel) == "closed"
    assert lifecycle.allowed("requested", cpc) == ["scoping", "declined", "withdrawn", "cancelled"]
    assert lifecycle.allowed("closed", cpc) == []
    assert lifecycle.allowed("declined", cpc) == []


def test_a_council_contact_asks_and_the_regions_adviser_is_emailed(
    client, django_capture_on_commit_callbacks
):
    council = CouncilFactory()
    adviser = UserFactory(role=Role.PRINCIPAL_ADVISER, email="adviser@example.org")
    council.region.principal_advisers.add(adviser)
    contact = UserFactory(role=Role.COUNCIL_CONTACT, council=council)
    client.force_login(contact)
    offer = Offer.objects.get(slug="corporate-peer-challenge")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("engagements:request"),
            {
                "offer": offer.pk,
                "description": "Assurance on our finances and governance",
                "contact_name": "Chief Executive",
                "contact_email": "ceo@example.org",
                "preferred_from-day": "9",
                "preferred_from-month": "3",
                "preferred_from-year": "2027",
                "preferred_to-day": "12",
                "preferred_to-month": "3",
                "preferred_to-year": "2027",
            },
        )

    engagement = Engagement.objects.get()
    assert response["Location"] == reverse("engagements:detail", args=[engagement.pk])
    assert (engagement.council, engagement.status) == (council, "requested")
    assert mail.outbox[0].to == ["adviser@example.org"]
    assert [c.to_status for c in engagement.history.all()] == ["requested"]


def test_bad_request_input_is_explained(client):
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT))

    response = client.post(
        reverse("engagements:request"),
        {
            "preferred_from-day": "12",
            "preferred_from-month": "3",
            "preferred_from-year": "2027",
            "preferred_to-day": "9",
            "preferred_to-month": "3",
            "preferred_to-year": "2027",
        },
    )

    content = response.content.decode()
    for message in (
        "Choose the support you would like",
        "Say what you would like help with",
        "The latest date must be after the earliest date",
    ):
        assert message in content
    assert not Engagement.objects.exists()


def test_adviser_accepts_and_the_council_is_told(client, django_capture_on_commit_callbacks):
    engagement = EngagementFactory(contact_email="ceo@example.org")
    adviser = UserFactory(role=Role.PRINCIPAL_ADVISER)
    engagement.council.region.principal_advisers.add(adviser)
    client.force_login(adviser)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("engagements:move", args=[engagement.pk]),
            {"to_status": "scoping", "version": engagement.version},
        )

    engagement.refresh_from_db()
    assert engagement.status == "scoping"
    change = engagement.history.last()
    assert (change.from_status, change.to_status, change.by) == ("requested", "scoping", adviser)
    assert "ceo@example.org" in mail.outbox[0].to


def test_an_adviser_answers_only_their_own_regions_requests(client):
    engagement = EngagementFactory()
    elsewhere = UserFactory(role=Role.PRINCIPAL_ADVISER)
    client.force_login(elsewhere)

    page = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    response = client.post(
        reverse("engagements:move", args=[engagement.pk]),
        {"to_status": "scoping", "version": engagement.version},
    )

    assert "Accept the request" not in page
    assert response.status_code == 403
    engagement.refresh_from_db()
    assert engagement.status == "requested"


def test_declining_needs_a_reason(client):
    engagement = EngagementFactory()
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    url = reverse("engagements:move", args=[engagement.pk])

    refused = client.post(url, {"to_status": "declined", "version": 1, "reason": ""}, follow=True)

    assert "Give a reason" in refused.content.decode()
    engagement.refresh_from_db()
    assert engagement.status == "requested"


def test_a_move_out_of_order_is_refused_and_changes_nothing():
    engagement = EngagementFactory()
    staff = UserFactory(role=Role.PROGRAMME_STAFF)

    with pytest.raises(ValidationError, match="cannot move to published"):
        services.engagement_move(
            engagement=engagement, to_status="published", by=staff, expected_version=1
        )

    engagement.refresh_from_db()
    assert engagement.status == "requested"
    assert engagement.history.count() == 0


def test_a_stale_move_is_refused():
    engagement = EngagementFactory()
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    services.engagement_move(
        engagement=engagement, to_status="scoping", by=staff, expected_version=1
    )

    with pytest.raises(EditConflict):
        services.engagement_move(
            engagement=engagement, to_status="declined", by=staff, reason="x", expected_version=1
        )


def test_status_history_is_append_only():
    engagement = EngagementFactory()
    change = StatusChange.objects.create(
        engagement=engagement, to_status="requested", by=engagement.requested_by
    )

    with pytest.raises(ValueError, match="append-only"):
        change.save()
    with pytest.raises(ValueError, match="append-only"):
        change.delete()


def test_a_council_contact_sees_only_their_councils_engagements(client):
    ours = EngagementFactory()
    theirs = EngagementFactory()
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT, council=ours.council))

    listing = client.get(reverse("engagements:list"))

    assert list(listing.context["page"]) == [ours]
    assert client.get(reverse("engagements:detail", args=[theirs.pk])).status_code == 404
    moved = client.post(
        reverse("engagements:move", args=[theirs.pk]), {"to_status": "withdrawn", "version": 1}
    )
    assert moved.status_code == 404


def test_a_council_contact_may_withdraw_but_not_accept(client):
    engagement = EngagementFactory()
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council))
    url = reverse("engagements:move", args=[engagement.pk])

    accept = client.post(url, {"to_status": "scoping", "version": 1})
    client.post(url, {"to_status": "withdrawn", "version": 1, "reason": "New chief executive"})

    assert accept.status_code == 403
    engagement.refresh_from_db()
    assert engagement.status == "withdrawn"


def test_adviser_asks_a_question_and_the_council_answers(
    client, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(contact_email="ceo@example.org")
    adviser = UserFactory(role=Role.PRINCIPAL_ADVISER)
    engagement.council.region.principal_advisers.add(adviser)
    client.force_login(adviser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("engagements:note", args=[engagement.pk]),
            {"kind": "question", "text": "Which months avoid your budget setting?"},
        )
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("engagements:note", args=[engagement.pk]), {"text": "Not February."})

    page = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert "Which months avoid your budget setting?" in page and "Not February." in page
    assert "ceo@example.org" in mail.outbox[0].to
    assert mail.outbox[1].to == [adviser.email]


def test_staff_notes_are_not_shown_to_the_council(client):
    engagement = EngagementFactory()
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    client.post(
        reverse("engagements:note", args=[engagement.pk]), {"kind": "note", "text": "Internal only"}
    )
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council))

    page = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()

    assert "Internal only" not in page


def test_first_time_is_computed_from_earlier_engagements_that_went_ahead():
    council = CouncilFactory()
    withdrawn = EngagementFactory(council=council, status="withdrawn")
    first = EngagementFactory(council=council, status="closed")
    second = EngagementFactory(council=council)

    history = {item["engagement"]: item["first_time"] for item in council_support_history(council)}

    assert history == {withdrawn: False, first: True, second: False}


def test_scoping_records_focus_and_dates_and_refuses_stale_edits(client):
    engagement = EngagementFactory(status="scoping")
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    url = reverse("engagements:scoping", args=[engagement.pk])
    form = {
        "version": 1,
        "help_with": ["Governance and culture"],
        "scoping_notes": "Met the leader and chief executive.",
        "preferred_from-day": "9",
        "preferred_from-month": "3",
        "preferred_from-year": "2027",
        "preferred_to-day": "12",
        "preferred_to-month": "3",
        "preferred_to-year": "2027",
    }

    client.post(url, form)
    stale = client.post(url, {**form, "scoping_notes": "Overwrite"})

    engagement.refresh_from_db()
    assert engagement.help_with == ["Governance and culture"]
    assert engagement.scoping_notes == "Met the leader and chief executive."
    assert "Someone else changed this engagement" in stale.content.decode()
