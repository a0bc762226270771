"""The report pages, opened by the people who use them."""

import pytest
from django.test import Client
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.engagements.models import Engagement, MemberStatus
from peerwork.offers.models import Stage
from peerwork.reports import services
from peerwork.reports.models import Report
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, TeamMemberFactory
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    engagement = EngagementFactory(help_with=["Governance and culture"])
    Engagement.objects.filter(pk=engagement.pk).update(status=Stage.FEEDBACK_GIVEN)
    engagement.refresh_from_db()
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    return services.report_start(engagement=engagement, kind=Report.Kind.REPORT, by=staff)


def _url(report, name="reports:report", **extra):
    return reverse(name, kwargs={"pk": report.engagement_id, "kind": report.kind, **extra})


def test_a_peer_on_the_team_writes_a_section(client, report):
    user = UserFactory(role=Role.PEER)
    TeamMemberFactory(
        engagement=report.engagement,
        status=MemberStatus.ACCEPTED,
        peer=PeerFactory(user=user, email=user.email),
    )
    client.force_login(user)
    section = report.sections.get()

    profile = client.get(reverse("peers:my-profile")).content.decode()
    assert _url(report) in profile  # "Write the report" on the peer's own page
    response = client.post(
        _url(report, "reports:section", section_id=section.pk),
        {
            "version": report.version,
            "findings": "Scrutiny is strong.",
            "strengths": "",
            "notable_practice": "",
            "recommendations": "Publish the forward plan\nReview committee sizes",
        },
    )

    assert response.status_code == 302
    assert [r.text for r in section.recommendations.all()] == [
        "Publish the forward plan",
        "Review committee sizes",
    ]


def test_a_peer_not_on_the_team_cannot_open_the_report(client, report):
    user = UserFactory(role=Role.PEER)
    PeerFactory(user=user, email=user.email)
    client.force_login(user)

    assert client.get(_url(report)).status_code == 404


def test_the_council_sees_the_report_only_once_it_is_sent(client, report):
    contact = UserFactory(role=Role.COUNCIL_CONTACT, council=report.engagement.council)
    client.force_login(contact)
    assert client.get(_url(report)).status_code == 404

    section = report.sections.get()
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    services.section_save(
        section=section,
        by=staff,
        expected_version=report.version,
        recommendations=["Refresh the constitution"],
        findings="Open decision making.",
        strengths="",
        notable_practice="",
    )
    report.refresh_from_db()
    services.report_send(report=report, by=staff, expected_version=report.version)
    page = client.get(_url(report)).content.decode()
    assert "Refresh the constitution" in page and "Add comment" in page

    client.post(_url(report, "reports:comment", section_id=section.pk), {"text": "Date wrong"})
    assert section.comments.get().text == "Date wrong"


def test_a_stale_publish_is_refused(client, report):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    response = client.post(_url(report, "reports:send"), {"version": report.version - 1})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_two_staff_saving_the_key_messages_at_once_overwrite_nothing(report):
    first, second = Client(), Client()
    first.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    second.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    opened_at = report.version
    for person in (first, second):
        assert f'name="version" value="{opened_at}"' in person.get(_url(report)).content.decode()

    saved = first.post(
        _url(report, "reports:summary"), {"version": opened_at, "summary": "Strong leadership."}
    )
    refused = second.post(
        _url(report, "reports:summary"), {"version": opened_at, "summary": "Weak scrutiny."}
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "govuk-error-summary" in page and "<title>Error:" in page
    assert "Someone else changed this report while you were editing" in page
    assert "Weak scrutiny.</textarea>" in page
    report.refresh_from_db()
    assert report.summary == "Strong leadership."
    assert report.version == opened_at + 1
