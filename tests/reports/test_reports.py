"""Reports: writing, the factual-accuracy check, publishing, the action plan and the
progress review it starts."""

import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import Client

from peerwork.accounts import permissions
from peerwork.accounts.models import Role
from peerwork.core.errors import EditConflict
from peerwork.core.periods import add_months
from peerwork.engagements.models import Engagement, MemberStatus, Part, ProgressReview
from peerwork.offers.models import Offer, Stage
from peerwork.reports import selectors, services
from peerwork.reports.models import AccuracyComment, Report
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, SessionFactory, TeamMemberFactory
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db


def _at(engagement, status):
    Engagement.objects.filter(pk=engagement.pk).update(status=status)
    engagement.refresh_from_db()
    return engagement


@pytest.fixture
def staff():
    return UserFactory(role=Role.PROGRAMME_STAFF)


@pytest.fixture
def engagement():
    engagement = EngagementFactory(
        help_with=["Governance and culture", "Financial planning and management"],
        local_focus="Housing",
    )
    SessionFactory(engagement=engagement)  # on site, 9 March 2027
    return _at(engagement, Stage.FEEDBACK_GIVEN)


def _written(report, by):
    first, second, third = report.sections.all()
    services.section_save(
        section=first,
        by=by,
        expected_version=report.version,
        recommendations=["Refresh the constitution", "", "Train new members"],
        findings="Clear and open decision making.",
        strengths="",
        notable_practice="",
    )
    report.refresh_from_db()
    services.section_save(
        section=second,
        by=by,
        expected_version=report.version,
        recommendations=["Close the budget gap for 2028/29"],
        findings="A gap of £12m in year three.",
        strengths="Reserves are healthy.",
        notable_practice="",
    )
    report.refresh_from_db()
    return report


def test_starting_a_report_opens_a_section_per_agreed_component_and_moves_to_drafting(
    engagement, staff
):
    report = services.report_start(engagement=engagement, kind=Report.Kind.REPORT, by=staff)

    assert [s.heading for s in report.sections.all()] == [
        "Governance and culture",
        "Financial planning and management",
        "Local focus: Housing",
    ]
    engagement.refresh_from_db()
    assert engagement.status == Stage.REPORT_DRAFTING


def test_a_report_cannot_start_before_the_feedback(staff):
    engagement = _at(EngagementFactory(), Stage.PREPARATION)
    with pytest.raises(ValidationError):
        services.report_start(engagement=engagement, kind=Report.Kind.REPORT, by=staff)
    assert not Report.objects.exists()


def test_recommendations_are_numbered_across_the_whole_report(engagement, staff):
    report = _written(
        services.report_start(engagement=engagement, kind=Report.Kind.REPORT, by=staff), staff
    )

    numbered = [(n, r.text) for n, r in services.numbered(report)]
    assert numbered == [
        (1, "Refresh the constitution"),
        (2, "Train new members"),
        (3, "Close the budget gap for 2028/29"),
    ]
    by_section = selectors.sections_with_numbers(report)
    assert [n for n, _r in by_section[1]["recommendations"]] == [3]


def test_a_stale_section_edit_is_refused_and_changes_nothing(engagement, staff):
    report = services.report_start(engagement=engagement, kind=Report.Kind.REPORT, by=staff)
    section = report.sections.first()
    services.section_save(
        section=section,
        by=staff,
        expected_version=report.version,
        recommendations=[],
        findings="First",
        strengths="",
        notable_practice="",
    )
    with pytest.raises(EditConflict):
        services.section_save(
            section=section,
            by=staff,
            expected_version=report.version,  # the version before the first save
            recommendations=[],
            findings="Second",
            strengths="",
            notable_practice="",
        )
    section.refresh_from_db()
    assert section.findings == "First"


def test_a_peer_on_the_team_may_write_but_another_peer_may_not(engagement, staff):
    report = services.report_start(engagement=engagement, kind=Report.Kind.REPORT, by=staff)
    on_team = TeamMemberFactory(
        engagement=engagement,
        status=MemberStatus.ACCEPTED,
        peer=PeerFactory(user=UserFactory(role=Role.PEER)),
    )
    outsider = PeerFactory(user=UserFactory(role=Role.PEER))

    assert permissions.may_write_report(on_team.peer.user, report)
    assert not permissions.may_write_report(outsider.user, report)


def test_the_factual_check_must_be_resolved_before_publishing(
    engagement, staff, django_capture_on_commit_callbacks
):
    report = _written(
        services.report_start(engagement=engagement, kind=Report.Kind.REPORT, by=staff), staff
    )
    contact = UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council)

    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_send(report=report, by=staff, expected_version=report.version)
    assert report.status == Report.Status.ACCURACY_CHECK
    assert Engagement.objects.get(pk=engagement.pk).status == Stage.FACTUAL_ACCURACY_CHECK
    assert engagement.contact_email in mail.outbox[-1].to

    comment = services.comment_add(
        section=report.sections.first(), by=contact, text="The gap is £11m, not £12m."
    )
    with pytest.raises(ValidationError, match="1 open comments"):
        services.report_publish(report=report, by=staff, expected_version=report.version)
    assert Report.objects.get(pk=report.pk).status == Report.Status.ACCURACY_CHECK

    services.comment_resolve(comment=comment, by=staff, resolution="Corrected to £11m.")
    report.refresh_from_db()
    report = services.report_publish(report=report, by=staff, expected_version=report.version)

    assert report.is_published and report.published_at
    assert Engagement.objects.get(pk=engagement.pk).status == Stage.PUBLISHED
    assert AccuracyComment.objects.get().resolved_by == staff


def test_comments_are_taken_only_during_the_check(engagement, staff):
    report = services.report_start(engagement=engagement, kind=Report.Kind.REPORT, by=staff)
    with pytest.raises(ValidationError):
        services.comment_add(section=report.sections.first(), by=staff, text="Too early")


def test_the_stages_the_report_drives_cannot_be_chosen_by_hand(engagement, staff):
    from peerwork.engagements.services import engagement_move

    _at(engagement, Stage.REPORT_DRAFTING)
    with pytest.raises(ValidationError, match="report pages"):
        engagement_move(
            engagement=engagement,
            to_status=Stage.FACTUAL_ACCURACY_CHECK,
            by=staff,
            expected_version=engagement.version,
        )
    assert Engagement.objects.get(pk=engagement.pk).status == Stage.REPORT_DRAFTING


def _published(engagement, staff):
    report = _written(
        services.report_start(engagement=engagement, kind=Report.Kind.REPORT, by=staff), staff
    )
    report = services.report_send(report=report, by=staff, expected_version=report.version)
    return services.report_publish(report=report, by=staff, expected_version=report.version)


def _act_on_everything(report, by, due=datetime.date(2027, 9, 30)):
    for _number, recommendation in services.numbered(report):
        services.action_save(
            recommendation=recommendation,
            by=by,
            expected_version=None,
            action="Do it",
            owner="Chief executive",
            due_on=due,
            status="in_progress",
            progress_notes="",
        )


def test_the_action_plan_needs_an_action_for_every_recommendation(engagement, staff):
    report = _published(engagement, staff)
    contact = UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council)
    first = services.numbered(report)[0][1]
    services.action_save(
        recommendation=first,
        by=contact,
        expected_version=None,
        action="Review the constitution with the monitoring officer",
        owner="Monitoring officer",
        due_on=datetime.date(2027, 6, 30),
        status="not_started",
        progress_notes="",
    )

    with pytest.raises(ValidationError, match="2 have none"):
        services.action_plan_publish(report=report, by=contact, base_url="http://testserver/")
    assert Report.objects.get(pk=report.pk).action_plan_published_at is None


def test_another_councils_contact_cannot_act(engagement, staff):
    from django.core.exceptions import PermissionDenied

    report = _published(engagement, staff)
    stranger = UserFactory(role=Role.COUNCIL_CONTACT)
    with pytest.raises(PermissionDenied):
        _act_on_everything(report, stranger)


def test_overdue_actions_are_flagged(engagement, staff):
    report = _published(engagement, staff)
    _act_on_everything(report, staff, due=datetime.date(2027, 6, 1))
    rows = selectors.action_plan_rows(report, today=datetime.date(2027, 6, 2))
    assert all(row["overdue"] for row in rows)
    rows = selectors.action_plan_rows(report, today=datetime.date(2027, 6, 1))
    assert not any(row["overdue"] for row in rows)


def test_publishing_the_action_plan_creates_the_progress_review_with_the_original_team(
    engagement, staff, django_capture_on_commit_callbacks
):
    kept = TeamMemberFactory(engagement=engagement, place=1, status=MemberStatus.ACCEPTED)
    TeamMemberFactory(engagement=engagement, place=2, status=MemberStatus.DECLINED)
    report = _published(engagement, staff)
    _act_on_everything(report, staff)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.action_plan_publish(report=report, by=staff, base_url="http://testserver/")

    engagement.refresh_from_db()
    assert engagement.status == Stage.PROGRESS_REVIEW
    review = ProgressReview.objects.get(engagement=engagement)
    # The corporate peer challenge's rule: 10 months after the on-site days (9 March 2027).
    assert review.due_by == datetime.date(2028, 1, 9)
    invited = engagement.team.filter(part=Part.PROGRESS_REVIEW)
    assert [(m.peer_id, m.place, m.status) for m in invited] == [
        (kept.peer_id, 1, MemberStatus.INVITED)
    ]
    assert any(kept.peer.email in m.to for m in mail.outbox)


def test_a_review_counted_from_the_action_plan_uses_its_date(engagement, staff):
    offer = Offer.objects.get(slug="corporate-peer-challenge")
    offer.progress_review_from = "action_plan"
    offer.save()
    report = _published(engagement, staff)
    _act_on_everything(report, staff)
    services.action_plan_publish(report=report, by=staff, base_url="http://testserver/")
    from django.utils import timezone

    expected = add_months(timezone.localdate(), offer.progress_review_after_months)
    assert ProgressReview.objects.get().due_by == expected


def test_month_arithmetic_clamps_to_the_end_of_the_month():
    assert add_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2027, 11, 30), 3) == datetime.date(2028, 2, 29)


def test_a_remote_panel_ends_with_a_feedback_letter_not_a_public_report(staff):
    panel = EngagementFactory(offer=Offer.objects.get(slug="recovery-and-renewal-panel"))
    _at(panel, Stage.DELIVERY)
    kind = services.kind_for(panel)
    assert kind == Report.Kind.FEEDBACK_LETTER
    letter = services.report_start(engagement=panel, kind=kind, by=staff)
    assert [s.heading for s in letter.sections.all()] == [
        "Community and economic recovery",
        "Resilience and governance",
        "Leadership capacity",
    ]
    services.section_save(
        section=letter.sections.first(),
        by=staff,
        expected_version=letter.version,
        recommendations=["Keep the recovery board"],
        findings="Strong partnerships.",
        strengths="",
        notable_practice="",
    )
    letter.refresh_from_db()
    services.report_send(report=letter, by=staff, expected_version=letter.version)

    assert Engagement.objects.get(pk=panel.pk).status == Stage.FEEDBACK_GIVEN
    assert not selectors.published_reports(selectors.PublishedFilters()).exists()


def test_the_public_list_filters_by_council_offer_region_and_year(engagement, staff):
    report = _published(engagement, staff)
    everything = selectors.PublishedFilters()
    assert list(selectors.published_reports(everything)) == [report]
    council = engagement.council
    year = report.published_at.year
    for filters, found in [
        (selectors.PublishedFilters(council=council.short_name[:5]), True),
        (selectors.PublishedFilters(offer="corporate-peer-challenge"), True),
        (selectors.PublishedFilters(offer="finance-peer-challenge"), False),
        (selectors.PublishedFilters(region=council.region.slug), True),
        (selectors.PublishedFilters(region="no-such-region"), False),
        (selectors.PublishedFilters(year=year), True),
        (selectors.PublishedFilters(year=year - 1), False),
    ]:
        assert selectors.published_reports(filters).exists() is found, filters


def test_the_public_page_and_pdf_show_the_published_report(engagement, staff, client):
    report = _published(engagement, staff)

    page = client.get(f"/reports/{report.pk}/")
    assert page.status_code == 200
    assert "Close the budget gap for 2028/29" in page.content.decode()

    pdf = client.get(f"/reports/{report.pk}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.getvalue().startswith(b"%PDF-")


def _kept_pdfs(report) -> list[str]:
    folder = f"reports/pdf/{report.pk}"
    if not default_storage.exists(folder):
        return []
    return sorted(f"{folder}/{name}" for name in default_storage.listdir(folder)[1])


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def _not_drawn(html):
    raise AssertionError("the PDF was drawn again")


def test_publishing_draws_the_pdf_once_and_the_link_serves_the_kept_file(
    engagement, staff, client, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        report = _published(engagement, staff)
    [kept] = _kept_pdfs(report)
    assert kept.startswith(f"reports/pdf/{report.pk}/v{report.version}-")
    monkeypatch.setattr("peerwork.core.pdfs.pdf_drawn", _not_drawn)

    pdf = Client().get(f"/reports/{report.pk}/pdf/")

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    council = engagement.council.short_name.lower().replace(" ", "-")
    assert pdf["Content-Disposition"].startswith(f'inline; filename="{council}-')
    with default_storage.open(kept, "rb") as file:
        assert pdf.getvalue() == file.read()
    # Kept through the storage, served only through the view that checks the report is
    # public: never as media.
    for url in (f"/{kept}", f"/media/{kept}", f"/{settings.MEDIA_URL.strip('/')}/{kept}"):
        assert Client().get(url).status_code == 404, url


def test_a_pdf_not_drawn_yet_is_drawn_by_the_first_request_and_kept(engagement, staff, client):
    report = _published(engagement, staff)  # its task never ran
    assert _kept_pdfs(report) == []

    first = client.get(f"/reports/{report.pk}/pdf/")

    assert first.getvalue().startswith(b"%PDF-")
    assert len(_kept_pdfs(report)) == 1


def test_a_change_to_the_published_action_plan_replaces_the_kept_pdf(
    engagement, staff, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = _published(engagement, staff)
        _act_on_everything(report, staff)
        services.action_plan_publish(report=report, by=staff, base_url="http://testserver/")
    [before] = _kept_pdfs(report)
    assert "Do it" in _pdf_text(client.get(f"/reports/{report.pk}/pdf/").getvalue())
    recommendation = services.numbered(report)[0][1]

    with django_capture_on_commit_callbacks(execute=True):
        services.action_save(
            recommendation=recommendation,
            by=staff,
            expected_version=recommendation.action.version,
            action="Adopt the new constitution",
            owner="Monitoring officer",
            due_on=datetime.date(2027, 9, 30),
            status="done",
            progress_notes="",
        )

    [after] = _kept_pdfs(report)
    assert after != before
    pdf = client.get(f"/reports/{report.pk}/pdf/")
    assert "Adopt the new constitution" in _pdf_text(pdf.getvalue())


def test_an_unpublished_report_has_no_public_page(engagement, staff, client):
    report = services.report_start(engagement=engagement, kind=Report.Kind.REPORT, by=staff)
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    assert client.get(f"/reports/{report.pk}/pdf/").status_code == 404
