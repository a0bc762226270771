"""A report's transition table: each kind's path, the moves it refuses, and the history
every move leaves."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.engagements.models import Engagement
from peerwork.offers.models import Offer, Stage
from peerwork.reports import lifecycle, services
from peerwork.reports.models import Report, ReportStatusChange
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory

pytestmark = pytest.mark.django_db

DRAFT, CHECK, PUBLISHED = Report.Status.DRAFT, Report.Status.ACCURACY_CHECK, Report.Status.PUBLISHED


def _report(kind=Report.Kind.REPORT, status=DRAFT):
    engagement = EngagementFactory()
    return Report.objects.create(engagement=engagement, kind=kind, status=status)


def _started(offer_slug: str, stage: str, kind: str, staff) -> Report:
    engagement = EngagementFactory(offer=Offer.objects.get(slug=offer_slug))
    Engagement.objects.filter(pk=engagement.pk).update(status=stage)
    engagement.refresh_from_db()
    report = services.report_start(engagement=engagement, kind=kind, by=staff)
    section = report.sections.first()
    services.section_save(
        section=section,
        by=staff,
        expected_version=report.version,
        recommendations=["Refresh the constitution"],
        findings="Clear and open decision making.",
        strengths="",
        notable_practice="",
    )
    report.refresh_from_db()
    return report


def test_a_report_is_checked_by_the_council_before_it_is_published_a_letter_is_not():
    assert lifecycle.next_status(Report.Kind.REPORT, DRAFT) == CHECK
    assert lifecycle.next_status(Report.Kind.REPORT, CHECK) == PUBLISHED
    assert lifecycle.next_status(Report.Kind.PROGRESS_REVIEW, CHECK) == PUBLISHED
    assert lifecycle.next_status(Report.Kind.FEEDBACK_LETTER, DRAFT) == PUBLISHED
    assert lifecycle.next_status(Report.Kind.FEEDBACK_LETTER, CHECK) is None
    for kind in Report.Kind.values:
        assert lifecycle.next_status(kind, PUBLISHED) is None


@pytest.mark.parametrize(
    ("kind", "status", "leaving", "message"),
    [
        (Report.Kind.REPORT, CHECK, DRAFT, "already been sent to the council"),
        (Report.Kind.REPORT, PUBLISHED, DRAFT, "already been sent to the council"),
        (Report.Kind.REPORT, DRAFT, CHECK, "Only a report the council has checked"),
        (Report.Kind.FEEDBACK_LETTER, DRAFT, CHECK, "Only a report the council has checked"),
        (Report.Kind.FEEDBACK_LETTER, PUBLISHED, DRAFT, "already been sent to the council"),
        (Report.Kind.REPORT, PUBLISHED, PUBLISHED, "cannot move on"),
    ],
)
def test_a_move_off_the_path_is_refused_and_changes_nothing(kind, status, leaving, message):
    report = _report(kind, status)

    with pytest.raises(ValidationError, match=message):
        lifecycle.report_move(report, leaving=leaving, by=UserFactory())

    report.refresh_from_db()
    assert (report.status, report.sent_for_check_at, report.published_at) == (status, None, None)
    assert not ReportStatusChange.objects.exists()


def test_each_step_of_a_report_is_kept_with_who_took_it():
    writer, checker = (UserFactory(role=Role.PROGRAMME_STAFF) for _ in range(2))
    report = _started("corporate-peer-challenge", Stage.FEEDBACK_GIVEN, "report", writer)
    assert [(c.from_status, c.to_status, c.by) for c in report.history.all()] == [
        ("", DRAFT, writer)
    ]

    report = services.report_send(report=report, by=writer, expected_version=report.version)
    report = services.report_publish(report=report, by=checker, expected_version=report.version)

    started, sent, published = report.history.all()
    assert (sent.from_status, sent.to_status, sent.by) == (DRAFT, CHECK, writer)
    assert (published.from_status, published.to_status, published.by) == (CHECK, PUBLISHED, checker)
    assert (sent.at, published.at) == (report.sent_for_check_at, report.published_at)


def test_sending_a_feedback_letter_publishes_it_in_one_move():
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    letter = _started("recovery-and-renewal-panel", Stage.DELIVERY, "feedback_letter", staff)

    letter = services.report_send(report=letter, by=staff, expected_version=letter.version)

    assert [(c.from_status, c.to_status) for c in letter.history.all()] == [
        ("", DRAFT),
        (DRAFT, PUBLISHED),
    ]
    assert letter.sent_for_check_at == letter.published_at == letter.history.last().at


def test_a_draft_letter_cannot_be_published_without_being_sent():
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    letter = _started("recovery-and-renewal-panel", Stage.DELIVERY, "feedback_letter", staff)

    with pytest.raises(ValidationError, match="Only a report the council has checked"):
        services.report_publish(report=letter, by=staff, expected_version=letter.version)

    letter.refresh_from_db()
    assert letter.status == DRAFT
    assert letter.history.count() == 1


def test_the_history_is_append_only():
    report = _report()
    change = lifecycle.report_move(report, leaving=DRAFT, by=None)

    with pytest.raises(ValueError, match="append-only"):
        change.save()
    with pytest.raises(ValueError, match="append-only"):
        change.delete()


def test_staff_see_the_reports_history_on_its_page(client):
    writer = UserFactory(role=Role.PROGRAMME_STAFF, full_name="Wren Writer")
    report = _started("corporate-peer-challenge", Stage.FEEDBACK_GIVEN, "report", writer)
    services.report_send(report=report, by=writer, expected_version=report.version)
    url = reverse("reports:report", kwargs={"pk": report.engagement_id, "kind": report.kind})

    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    page = client.get(url).content.decode()
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT, council=report.engagement.council))
    councils_page = client.get(url).content.decode()

    assert "History" in page and page.count("Wren Writer") == 2
    assert "Wren Writer" not in councils_page
