"""Writing, checking and publishing reports; the council's action plan; the progress review.

Each step that changes an engagement's stage does it through
`engagements.services.engagement_move`, and each that changes a report's status through
`reports.lifecycle.report_move`, so the transition tables still decide.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.core import audit
from peerwork.core.email import email_after_commit
from peerwork.core.periods import add_months
from peerwork.core.versioning import edit_claim
from peerwork.engagements.models import Engagement, MemberStatus, Part, ProgressReview
from peerwork.engagements.services import email_context, engagement_move
from peerwork.engagements.sessions.selectors import delivery_end
from peerwork.offers.models import ReviewStart, Stage
from peerwork.reports import lifecycle
from peerwork.reports.models import (
    AccuracyComment,
    Action,
    Recommendation,
    Report,
    ReportStatusChange,
    Section,
)
from peerwork.reports.pdf import report_pdf_refresh

# The stage an engagement must be at to start each kind of report.
STARTS_AT = {
    Report.Kind.REPORT: {Stage.FEEDBACK_GIVEN, Stage.REPORT_DRAFTING},
    Report.Kind.FEEDBACK_LETTER: {Stage.DELIVERY, Stage.FEEDBACK_GIVEN},
    Report.Kind.PROGRESS_REVIEW: {Stage.PROGRESS_REVIEW},
}


def kind_for(engagement: Engagement) -> str:
    """The main report of an engagement: a full report, or a letter for remote offers."""
    if Stage.REPORT_DRAFTING in engagement.offer.stages:
        return Report.Kind.REPORT
    return Report.Kind.FEEDBACK_LETTER


def _headings(engagement: Engagement, kind: str) -> list[str]:
    if kind == Report.Kind.PROGRESS_REVIEW:
        original = engagement.reports.filter(kind=Report.Kind.REPORT).first()
        if original:
            return list(original.sections.values_list("heading", flat=True))
    headings = list(engagement.help_with or engagement.offer.themes)
    if engagement.local_focus:
        headings.append(_("Local focus: %(focus)s") % {"focus": engagement.local_focus})
    return headings or [_("Findings")]


@transaction.atomic
def report_start(*, engagement: Engagement, kind: str, by) -> Report:
    """Open a report with a section for each agreed core component or theme."""
    permissions.require(permissions.may_start_report(by))
    engagement = (
        Engagement.objects.select_for_update().select_related("offer").get(pk=engagement.pk)
    )
    if engagement.status not in STARTS_AT[kind]:
        raise ValidationError(
            _("This report can be started once the engagement reaches the right stage.")
        )
    report, created = Report.objects.get_or_create(engagement=engagement, kind=kind)
    if created:
        ReportStatusChange.objects.create(report=report, to_status=report.status, by=by)
        audit.log_created(
            Section.objects.bulk_create(
                [
                    Section(report=report, order=i, heading=h)
                    for i, h in enumerate(_headings(engagement, kind))
                ]
            )
        )
        if kind == Report.Kind.REPORT and engagement.status == Stage.FEEDBACK_GIVEN:
            engagement_move(
                engagement=engagement,
                to_status=Stage.REPORT_DRAFTING,
                by=by,
                expected_version=engagement.version,
            )
    return report


def numbered(report: Report) -> list[tuple[int, Recommendation]]:
    """Every recommendation with its number across the whole report."""
    recommendations = Recommendation.objects.filter(section__report=report).select_related(
        "section"
    )
    return list(enumerate(recommendations, start=1))


@transaction.atomic
def section_save(
    *, section: Section, by, expected_version: int, recommendations: list[str], **fields
) -> Section:
    """Save a section's text and its recommendations (one per entry, in order)."""
    report = edit_claim(Report, section.report_id, expected_version)
    permissions.require(permissions.may_write_report(by, report))
    if report.status != Report.Status.DRAFT and not permissions.may_change_sent_report(by):
        raise ValidationError(_("The report is with the council: only staff can change it now."))
    for name, value in fields.items():
        setattr(section, name, value.strip())
    section.save()
    existing = list(section.recommendations.all())
    texts = [t.strip() for t in recommendations if t.strip()]
    for order, text in enumerate(texts):
        if order < len(existing):
            kept = existing[order]
            if kept.text != text or kept.order != order:
                kept.text, kept.order = text, order
                kept.save()
        else:
            Recommendation.objects.create(section=section, text=text, order=order)
    for stale in existing[len(texts) :]:
        if hasattr(stale, "action"):
            raise ValidationError(
                _("A recommendation with an action in the action plan cannot be removed.")
            )
        stale.delete()
    return section


@transaction.atomic
def summary_save(*, report: Report, by, expected_version: int, summary: str) -> Report:
    """Save the report's key messages, unless someone changed the report meanwhile."""
    permissions.require(permissions.may_write_report(by, report))
    report = edit_claim(Report, report.pk, expected_version)
    if report.status != Report.Status.DRAFT and not permissions.may_change_sent_report(by):
        raise ValidationError(_("The report is with the council: only staff can change it now."))
    report.summary = summary.strip()
    report.save(update_fields=["summary"])
    return report


def _contact_emails(engagement: Engagement) -> list[str]:
    return [engagement.contact_email, engagement.requested_by.email]


@transaction.atomic
def report_send(*, report: Report, by, expected_version: int) -> Report:
    """Send a report to the council: a full report for its factual-accuracy check;
    a feedback letter as the final word of a remote panel."""
    permissions.require(permissions.may_change_report_status(by, report))
    report = edit_claim(Report, report.pk, expected_version)
    engagement = report.engagement
    lifecycle.check(report, leaving=Report.Status.DRAFT)
    if not Recommendation.objects.filter(section__report=report).exists() and not any(
        s.findings for s in report.sections.all()
    ):
        raise ValidationError(_("Write the findings before sending the report to the council."))
    lifecycle.report_move(report, leaving=Report.Status.DRAFT, by=by)
    if report.kind == Report.Kind.FEEDBACK_LETTER:
        if engagement.status == Stage.DELIVERY:
            engagement_move(
                engagement=engagement,
                to_status=Stage.FEEDBACK_GIVEN,
                by=by,
                expected_version=engagement.version,
            )
        email_after_commit(
            "engagements/email/letter_sent",
            _contact_emails(engagement),
            email_context(engagement, report=report),
        )
        return report
    if report.kind == Report.Kind.REPORT:
        engagement_move(
            engagement=engagement,
            to_status=Stage.FACTUAL_ACCURACY_CHECK,
            by=by,
            expected_version=engagement.version,
            from_report=True,
        )
    email_after_commit(
        "engagements/email/accuracy_check",
        _contact_emails(engagement),
        email_context(engagement, report=report),
    )
    return report


@transaction.atomic
def comment_add(*, section: Section, by, text: str) -> AccuracyComment:
    if section.report.status != Report.Status.ACCURACY_CHECK:
        raise ValidationError(_("Comments are taken only during the factual-accuracy check."))
    permissions.require(permissions.may_comment_on_report(by, section.report))
    if not text.strip():
        raise ValidationError(_("Write your comment"))
    return AccuracyComment.objects.create(section=section, by=by, text=text.strip())


@transaction.atomic
def comment_resolve(*, comment: AccuracyComment, by, resolution: str) -> AccuracyComment:
    permissions.require(permissions.may_change_report_status(by, comment.section.report))
    if not resolution.strip():
        raise ValidationError(_("Say how the comment was resolved"))
    comment.resolution = resolution.strip()
    comment.resolved_by = by
    comment.resolved_at = timezone.now()
    comment.save()
    return comment


@transaction.atomic
def report_publish(*, report: Report, by, expected_version: int) -> Report:
    """Publish a checked report; every factual-accuracy comment must be resolved first."""
    permissions.require(permissions.may_change_report_status(by, report))
    report = edit_claim(Report, report.pk, expected_version)
    lifecycle.check(report, leaving=Report.Status.ACCURACY_CHECK)
    open_comments = AccuracyComment.objects.filter(
        section__report=report, resolved_at__isnull=True
    ).count()
    if open_comments:
        raise ValidationError(
            _("Resolve the council's %(count)s open comments before publishing.")
            % {"count": open_comments}
        )
    lifecycle.report_move(report, leaving=Report.Status.ACCURACY_CHECK, by=by)
    engagement = report.engagement
    if report.kind == Report.Kind.REPORT:
        engagement_move(
            engagement=engagement,
            to_status=Stage.PUBLISHED,
            by=by,
            expected_version=engagement.version,
            from_report=True,
        )
    email_after_commit(
        "engagements/email/report_published",
        _contact_emails(engagement),
        email_context(engagement, report=report),
    )
    return report


@transaction.atomic
def action_save(
    *, recommendation: Recommendation, by, expected_version: int | None, **fields
) -> Action:
    report = recommendation.section.report
    permissions.require(permissions.may_act_on_plan(by, report.engagement))
    if not report.is_published:
        raise ValidationError(_("Actions are recorded once the report is published."))
    action = Action.objects.filter(recommendation=recommendation).first()
    if action is None:
        action = Action(recommendation=recommendation)
    else:
        action = edit_claim(Action, action.pk, expected_version)
    for name, value in fields.items():
        setattr(action, name, value.strip() if isinstance(value, str) else value)
    action.full_clean()
    action.save()
    report_pdf_refresh(report)
    return action


def overdue(action: Action, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return action.status != Action.Status.DONE and action.due_on < today


@transaction.atomic
def action_plan_publish(*, report: Report, by, base_url: str) -> Report:
    """Publish the action plan with the report, and start the progress review the offer
    asks for: due by its rule, with the original team invited first."""
    report = (
        Report.objects.select_for_update().select_related("engagement__offer").get(pk=report.pk)
    )
    engagement = report.engagement
    permissions.require(permissions.may_act_on_plan(by, engagement))
    if not report.is_published or report.kind != Report.Kind.REPORT:
        raise ValidationError(_("The action plan is published after the report."))
    if report.action_plan_published_at:
        raise ValidationError(_("The action plan has already been published."))
    missing = Recommendation.objects.filter(section__report=report, action__isnull=True).count()
    if missing:
        raise ValidationError(
            _("Record an action for every recommendation first: %(count)s have none.")
            % {"count": missing}
        )
    report.action_plan_published_at = timezone.now()
    report.save(update_fields=["action_plan_published_at"])
    report_pdf_refresh(report)
    engagement = engagement_move(
        engagement=engagement,
        to_status=Stage.ACTION_PLAN_PUBLISHED,
        by=by,
        expected_version=engagement.version,
        from_report=True,
    )
    offer = engagement.offer
    if Stage.PROGRESS_REVIEW in offer.stages and offer.progress_review_after_months:
        progress_review_create(engagement=engagement, by=by, base_url=base_url)
    return report


def progress_review_create(*, engagement: Engagement, by, base_url: str) -> ProgressReview:
    """Create the progress review and invite everyone who was on the original team."""
    permissions.require(permissions.may_act_on_plan(by, engagement))
    from peerwork.engagements.team.selectors import team_places
    from peerwork.engagements.team.services import invite_to_place

    offer = engagement.offer
    if offer.progress_review_from == ReviewStart.AFTER_ACTION_PLAN:
        base = timezone.localdate()
    else:
        # Before sessions are booked, delivery counts from the latest date that suits.
        base = delivery_end(engagement) or timezone.localdate()
    review = ProgressReview.objects.create(
        engagement=engagement, due_by=add_months(base, offer.progress_review_after_months)
    )
    engagement = engagement_move(
        engagement=engagement,
        to_status=Stage.PROGRESS_REVIEW,
        by=by,
        expected_version=engagement.version,
        from_report=True,
        reason=_("Progress review due by %(day)s") % {"day": review.due_by.strftime("%-d %B %Y")},
    )
    places = {p.number: p for p in team_places(engagement)}
    original = engagement.team.filter(part=Part.MAIN, status=MemberStatus.ACCEPTED)
    for member in original.select_related("peer"):
        if member.place in places:
            invite_to_place(
                engagement=engagement,
                place=places[member.place],
                peer=member.peer,
                by=by,
                base_url=base_url,
                part=Part.PROGRESS_REVIEW,
            )
    return review
