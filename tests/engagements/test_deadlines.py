import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from peerwork.accounts.models import Role, User
from peerwork.engagements.models import ProgressReview, ReminderSent
from peerwork.offers.models import Offer
from peerwork.reports.deadlines import selectors as deadlines
from peerwork.reports.models import Action, Recommendation, Report, Section
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, SessionFactory

LONDON = ZoneInfo("Europe/London")
END = datetime.date(2027, 3, 9)  # the last on-site day in these tests


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def _session(engagement, day, kind="on_site", **extra):
    return SessionFactory(
        engagement=engagement, kind=kind, starts_at=_at(day, 9), ends_at=_at(day, 17), **extra
    )


def _delivered(end=END, offer="corporate-peer-challenge", kind="on_site", **extra):
    extra.setdefault("status", "report_drafting")
    engagement = EngagementFactory(offer=Offer.objects.get(slug=offer), **extra)
    _session(engagement, end, kind=kind)
    return engagement


def _by_key(engagement, today=END):
    return {d.key: d for d in deadlines.deadlines_for(engagement, today)}


def _report(engagement, kind=Report.Kind.REPORT, **fields):
    return Report.objects.create(engagement=engagement, kind=kind, **fields)


def _action(report, due_on, status=Action.Status.NOT_STARTED):
    section = Section.objects.create(report=report, heading="Governance and culture")
    recommendation = Recommendation.objects.create(section=section, text="Refresh the plan")
    return Action.objects.create(
        recommendation=recommendation,
        action="Refresh the medium-term financial plan",
        owner="Director of finance",
        due_on=due_on,
        status=status,
    )


def _run(*args) -> str:
    out = io.StringIO()
    # The emails are sent by tasks, which the tests run once the command's work commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send-reminders", *args, stdout=out)
    return out.getvalue()


# Dates


def test_adding_a_month_to_the_31st_of_january_gives_the_last_day_of_february():
    assert deadlines.add_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert deadlines.add_months(datetime.date(2028, 1, 31), 1) == datetime.date(2028, 2, 29)
    assert deadlines.add_months(datetime.date(2026, 10, 31), 4) == datetime.date(2027, 2, 28)
    assert deadlines.add_months(datetime.date(2027, 3, 9), 10) == datetime.date(2028, 1, 9)


@pytest.mark.django_db
def test_delivery_ends_on_the_last_live_on_site_or_panel_day():
    engagement = _delivered(datetime.date(2027, 3, 9))
    _session(engagement, datetime.date(2027, 3, 8))
    _session(engagement, datetime.date(2027, 3, 10), cancelled=True)
    _session(engagement, datetime.date(2027, 3, 20), kind="feedback")

    assert deadlines.delivery_end(engagement) == datetime.date(2027, 3, 9)


@pytest.mark.django_db
def test_delivery_end_falls_back_to_the_latest_date_that_suits_then_to_none():
    assert deadlines.delivery_end(EngagementFactory()) is None
    engagement = EngagementFactory(
        preferred_from=datetime.date(2027, 5, 1), preferred_to=datetime.date(2027, 5, 4)
    )
    assert deadlines.delivery_end(engagement) == datetime.date(2027, 5, 4)


@pytest.mark.django_db
def test_a_late_evening_session_ends_on_its_london_date():
    engagement = EngagementFactory()
    SessionFactory(
        engagement=engagement,
        starts_at=_at(datetime.date(2027, 6, 30), 22),
        ends_at=datetime.datetime(2027, 7, 1, 0, 30, tzinfo=LONDON),  # 23:30 on 30 June UTC
    )
    assert deadlines.delivery_end(engagement) == datetime.date(2027, 7, 1)


# The corporate peer challenge's rules


@pytest.mark.django_db
def test_a_corporate_peer_challenge_has_its_four_deadlines_from_the_last_on_site_day():
    found = _by_key(_delivered())

    assert [(d.key, d.owner, d.due_on) for d in found.values()] == [
        ("report", "staff", datetime.date(2027, 4, 6)),
        ("action_plan", "council", datetime.date(2027, 6, 9)),
        ("action_plan_latest", "council", datetime.date(2027, 8, 9)),
        ("progress_review", "staff", datetime.date(2028, 1, 9)),
    ]
    assert found["report"].label == "Report to the council"
    assert all(d.met_on is None for d in found.values())


@pytest.mark.django_db
def test_the_report_deadline_is_met_when_the_report_goes_for_its_accuracy_check():
    engagement = _delivered()
    _report(engagement, sent_for_check_at=_at(datetime.date(2027, 4, 1), 10))

    found = _by_key(engagement, today=datetime.date(2027, 5, 1))

    assert found["report"].met_on == datetime.date(2027, 4, 1)
    assert found["report"].state == "met"
    assert found["action_plan"].met_on is None


@pytest.mark.django_db
def test_both_action_plan_deadlines_are_met_when_the_council_publishes_its_action_plan():
    engagement = _delivered()
    _report(engagement, action_plan_published_at=_at(datetime.date(2027, 7, 1), 12))

    found = _by_key(engagement, today=datetime.date(2027, 7, 2))

    assert found["action_plan"].met_on == datetime.date(2027, 7, 1)  # late, but met
    assert found["action_plan_latest"].met_on == datetime.date(2027, 7, 1)
    assert found["action_plan"].state == found["action_plan_latest"].state == "met"


@pytest.mark.django_db
def test_a_recorded_progress_review_keeps_its_own_due_date():
    engagement = _delivered()
    ProgressReview.objects.create(engagement=engagement, due_by=datetime.date(2027, 12, 1))

    assert _by_key(engagement)["progress_review"].due_on == datetime.date(2027, 12, 1)


@pytest.mark.django_db
def test_a_progress_review_counted_from_the_action_plan_waits_for_its_publication():
    offer = Offer.objects.get(slug="corporate-peer-challenge")
    offer.progress_review_from = "action_plan"
    offer.progress_review_after_months = 6
    offer.save()
    engagement = _delivered()
    assert "progress_review" not in _by_key(engagement)

    _report(engagement, action_plan_published_at=_at(datetime.date(2027, 5, 31), 12))

    assert _by_key(engagement)["progress_review"].due_on == datetime.date(2027, 11, 30)


@pytest.mark.django_db
def test_the_progress_review_is_met_once_its_visit_has_ended_and_its_report_is_then_due():
    engagement = _delivered()
    _session(engagement, datetime.date(2028, 1, 12), kind="progress_review")

    before = _by_key(engagement, today=datetime.date(2028, 1, 12))
    after = _by_key(engagement, today=datetime.date(2028, 1, 13))

    assert before["progress_review"].met_on is None
    assert after["progress_review"].met_on == datetime.date(2028, 1, 12)
    assert after["progress_review_report"].due_on == datetime.date(2028, 2, 9)
    assert after["progress_review_report"].owner == "staff"
    assert after["progress_review_report"].met_on is None

    _report(
        engagement,
        kind=Report.Kind.PROGRESS_REVIEW,
        status=Report.Status.PUBLISHED,
        published_at=_at(datetime.date(2028, 2, 1), 9),
    )
    assert _by_key(engagement)["progress_review_report"].met_on == datetime.date(2028, 2, 1)


@pytest.mark.django_db
def test_a_cancelled_progress_review_visit_does_not_meet_the_deadline():
    engagement = _delivered()
    _session(engagement, datetime.date(2028, 1, 12), kind="progress_review", cancelled=True)

    found = _by_key(engagement, today=datetime.date(2028, 2, 1))

    assert found["progress_review"].state == "overdue"
    assert "progress_review_report" not in found


@pytest.mark.django_db
def test_a_remote_panel_has_no_report_deadlines():
    engagement = _delivered(offer="recovery-and-renewal-panel", kind="remote_panel")

    assert deadlines.delivery_end(engagement) == END
    assert deadlines.deadlines_for(engagement, END) == []


@pytest.mark.django_db
def test_an_engagement_without_dates_has_no_deadlines():
    assert deadlines.deadlines_for(EngagementFactory(), END) == []


@pytest.mark.django_db
def test_a_finished_engagement_keeps_only_the_deadlines_it_met():
    engagement = _delivered()
    _report(engagement, sent_for_check_at=_at(datetime.date(2027, 4, 1), 10))
    engagement.status = "cancelled"
    engagement.save()

    assert list(_by_key(engagement, today=datetime.date(2027, 9, 1))) == ["report"]


@pytest.mark.django_db
def test_month_clamping_applies_to_an_offers_deadlines():
    found = _by_key(_delivered(datetime.date(2026, 11, 30)), today=datetime.date(2026, 12, 1))

    assert found["action_plan"].due_on == datetime.date(2027, 2, 28)
    assert found["action_plan_latest"].due_on == datetime.date(2027, 4, 30)


# States


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (datetime.date(2027, 3, 22), "upcoming"),  # 15 days to go
        (datetime.date(2027, 3, 23), "due_soon"),  # 14 days to go
        (datetime.date(2027, 4, 6), "due_soon"),  # the day itself
        (datetime.date(2027, 4, 7), "overdue"),
    ],
)
@pytest.mark.django_db
def test_a_deadline_is_due_soon_within_fourteen_days_and_overdue_the_day_after(today, state):
    assert _by_key(_delivered(), today=today)["report"].state == state


def test_a_met_deadline_stays_met_after_its_due_date():
    deadline = deadlines.Deadline(
        "report",
        "Report to the council",
        "staff",
        due_on=datetime.date(2027, 4, 6),
        met_on=datetime.date(2027, 4, 10),
        today=datetime.date(2027, 6, 1),
    )
    assert deadline.state == "met"
    assert (deadline.state_label, deadline.state_colour) == ("Met", "green")


@pytest.mark.django_db
def test_overdue_actions_are_those_past_due_and_not_done_in_a_published_action_plan():
    engagement = _delivered()
    published = _report(engagement, action_plan_published_at=_at(datetime.date(2027, 6, 1), 9))
    late = _action(published, datetime.date(2027, 9, 30))
    _action(published, datetime.date(2027, 9, 30), status=Action.Status.DONE)
    _action(published, datetime.date(2027, 10, 1))
    draft = _report(EngagementFactory(), kind=Report.Kind.REPORT)
    _action(draft, datetime.date(2027, 1, 1))

    assert list(deadlines.overdue_actions(engagement, datetime.date(2027, 10, 1))) == [late]


# The engagement page


@pytest.mark.django_db
def test_the_engagement_page_shows_its_deadlines_with_their_state(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    today = timezone.localdate()
    engagement = _delivered(today - datetime.timedelta(weeks=4) + datetime.timedelta(days=5))

    page = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()

    assert "Deadlines" in page and "Report to the council" in page
    due = (today + datetime.timedelta(days=5)).strftime("%-d %B %Y")
    assert due in page and "govuk-tag--yellow" in page and "Due soon" in page


# send-reminders


@pytest.mark.django_db
def test_send_reminders_sends_each_reminder_once_however_often_it_runs():
    manager = UserFactory(role=Role.PROGRAMME_STAFF, email="mo@example.org")
    engagement = _delivered(manager=manager)

    first = _run("--today", "2027-04-01")
    second = _run("--today", "2027-04-01")
    third = _run("--today", "2027-04-02")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mo@example.org"]
    assert mail.outbox[0].subject == f"Due soon: Report to the council for {engagement.council}"
    assert "6 April 2027" in mail.outbox[0].body
    assert f"/engagements/{engagement.pk}/" in mail.outbox[0].body
    assert first.strip() == "Sent 1 reminders, 0 already sent"
    assert second.strip() == third.strip() == "Sent 0 reminders, 1 already sent"
    assert ReminderSent.objects.filter(engagement=engagement).count() == 1


@pytest.mark.django_db
def test_an_overdue_reminder_follows_the_due_soon_one():
    _delivered(manager=UserFactory(role=Role.PROGRAMME_STAFF))

    _run("--today", "2027-04-01")
    _run("--today", "2027-04-07")
    _run("--today", "2027-04-08")

    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Due soon", "Overdue"]
    assert "is now overdue" in mail.outbox[1].body


@pytest.mark.django_db
def test_staff_reminders_go_to_every_active_programme_staff_member_without_a_manager():
    UserFactory(role=Role.PROGRAMME_STAFF, email="gone@example.org", is_active=False)
    UserFactory(role=Role.PRINCIPAL_ADVISER, email="pa@example.org")
    _delivered()

    _run("--today", "2027-04-01")

    staff = User.objects.with_role(Role.PROGRAMME_STAFF)
    assert sorted(mail.outbox[0].to) == sorted(staff.values_list("email", flat=True))
    assert "gone@example.org" not in mail.outbox[0].to
    assert "pa@example.org" not in mail.outbox[0].to


@pytest.mark.django_db
def test_council_deadlines_and_overdue_actions_go_to_the_council_contact():
    manager = UserFactory(role=Role.PROGRAMME_STAFF, email="mo@example.org")
    engagement = _delivered(manager=manager, contact_email="chief@council.example")
    report = _report(engagement, sent_for_check_at=_at(datetime.date(2027, 4, 1), 9))
    report.action_plan_published_at = _at(datetime.date(2027, 5, 1), 9)
    report.save()
    late = _action(report, datetime.date(2027, 5, 20))
    ProgressReview.objects.create(engagement=engagement, due_by=datetime.date(2027, 6, 10))

    _run("--today", "2027-06-01")

    sent = {m.subject: m.to for m in mail.outbox}
    assert sent == {
        f"Overdue action in {engagement.council}'s action plan": ["chief@council.example"],
        f"Due soon: Progress review for {engagement.council}": ["mo@example.org"],
    }
    assert ReminderSent.objects.filter(deadline=f"action-{late.pk}", state="overdue").exists()


@pytest.mark.django_db
def test_an_unpublished_action_plan_is_chased_with_the_council():
    engagement = _delivered(contact_email="chief@council.example")
    _report(engagement, sent_for_check_at=_at(datetime.date(2027, 4, 1), 9))

    _run("--today", "2027-06-01")

    assert [(m.subject, m.to) for m in mail.outbox] == [
        (
            f"Due soon: Report and action plan published for {engagement.council}",
            ["chief@council.example"],
        )
    ]


@pytest.mark.django_db
def test_a_dry_run_sends_nothing_and_records_nothing():
    _delivered(manager=UserFactory(role=Role.PROGRAMME_STAFF, email="mo@example.org"))

    out = _run("--today", "2027-04-01", "--dry-run")

    assert mail.outbox == []
    assert not ReminderSent.objects.exists()
    assert "report due_soon 2027-04-06 to mo@example.org" in out
    assert "Would send 1 reminders, 0 already sent (dry run)" in out
    assert _run("--today", "2027-04-01").strip() == "Sent 1 reminders, 0 already sent"


@pytest.mark.django_db
def test_finished_engagements_get_no_reminders():
    _delivered(status="closed")
    _delivered(status="withdrawn")

    assert _run("--today", "2027-04-07").strip() == "Sent 0 reminders, 0 already sent"
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_malformed_date_is_refused():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--today must be a date"):
        _run("--today", "7 April")
