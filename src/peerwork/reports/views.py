"""Report pages: writing, the council's factual-accuracy check, publishing, the action
plan, and the public pages of published reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peerwork.accounts import permissions
from peerwork.accounts.permissions import (
    case_required,
    council_required,
    staff_required,
    team_required,
)
from peerwork.core.errors import EditConflict
from peerwork.core.pagination import paginate
from peerwork.core.params import whole_number
from peerwork.offers.models import Stage
from peerwork.reports import presenters, selectors, services
from peerwork.reports.forms import (
    ActionForm,
    CommentForm,
    PublishedFilterForm,
    ResolveForm,
    SectionForm,
    SummaryForm,
)
from peerwork.reports.models import Report
from peerwork.reports.pdf import report_pdf_response

CONFLICT = _("Someone else changed this report while you were editing. Open it again.")


def _report(request, pk, kind) -> Report:
    if kind not in Report.Kind.values:
        raise Http404
    engagement = selectors.engagement_for_reports(request.user, pk)
    report = selectors.report_open_to(request.user, engagement, kind)
    if report is None:
        raise Http404  # the council sees the report once it is sent to them
    return report


def _fail(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@team_required
def report_page(request, pk, kind):
    if kind not in Report.Kind.values:
        raise Http404
    engagement = selectors.engagement_for_reports(request.user, pk)
    report = selectors.report_open_to(request.user, engagement, kind)
    if report is None:
        if permissions.may_start_report(request.user):
            return render(
                request,
                "reports/report_start.html",
                {
                    "engagement": engagement,
                    "kind": kind,
                    "kind_label": Report.Kind(kind).label,
                    "can_start": engagement.status in services.STARTS_AT[kind],
                },
            )
        raise Http404
    summary_form = SummaryForm(initial={"version": report.version, "summary": report.summary})
    return _report_page(request, report, summary_form)


def _report_page(request, report: Report, summary_form: SummaryForm):
    context = presenters.report_context(report)
    context.update(
        {
            "can_write": permissions.may_write_report(request.user, report),
            "is_staff": permissions.may_change_report_status(request.user, report),
            "can_comment": permissions.may_comment_on_report(request.user, report)
            and report.status == Report.Status.ACCURACY_CHECK,
            "comment_form": CommentForm(),
            "resolve_form": ResolveForm(),
            "summary_form": summary_form,
        }
    )
    return render(request, "reports/report.html", context)


@staff_required
@require_POST
def report_start(request, pk, kind):
    if kind not in Report.Kind.values:
        raise Http404
    engagement = selectors.engagement_for_reports(request.user, pk)
    try:
        services.report_start(engagement=engagement, kind=kind, by=request.user)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The report is open for writing."))
    return redirect("reports:report", pk, kind)


@team_required
def section_edit(request, pk, kind, section_id):
    report = _report(request, pk, kind)
    permissions.require(permissions.may_write_report(request.user, report))
    section = get_object_or_404(report.sections, pk=section_id)
    initial = {
        "version": report.version,
        "findings": section.findings,
        "strengths": section.strengths,
        "notable_practice": section.notable_practice,
        "recommendations": "\n".join(r.text for r in section.recommendations.all()),
    }
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("recommendations")
        try:
            services.section_save(
                section=section,
                by=request.user,
                expected_version=data.pop("version"),
                recommendations=form.recommendation_lines(),
                **data,
            )
        except EditConflict:
            form.add_error(None, CONFLICT)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Section saved: %(heading)s") % {"heading": section.heading}
            )
            return redirect("reports:report", pk, kind)
    return render(
        request,
        "reports/section.html",
        {"report": report, "engagement": report.engagement, "section": section, "form": form},
    )


@team_required
@require_POST
def summary_save(request, pk, kind):
    report = _report(request, pk, kind)
    permissions.require(permissions.may_write_report(request.user, report))
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.summary_save(
                report=report,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
            )
        except EditConflict:
            form.add_error(None, CONFLICT)
        else:
            messages.success(request, _("Key messages saved."))
            return redirect("reports:report", pk, kind)
    return _report_page(request, report, form)


def _staff_step(request, pk, kind, step, done: str):
    report = _report(request, pk, kind)
    try:
        version = whole_number(request.POST.get("version"))
        step(report=report, by=request.user, expected_version=version)
    except EditConflict:
        messages.error(request, CONFLICT)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, done)
    return redirect("reports:report", pk, kind)


@staff_required
@require_POST
def report_send(request, pk, kind):
    return _staff_step(request, pk, kind, services.report_send, _("Sent to the council."))


@staff_required
@require_POST
def report_publish(request, pk, kind):
    return _staff_step(
        request, pk, kind, services.report_publish, _("Published: the public page shows it.")
    )


@council_required
@require_POST
def comment_add(request, pk, kind, section_id):
    report = _report(request, pk, kind)
    section = get_object_or_404(report.sections, pk=section_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your comment before sending it."))
        return redirect("reports:report", pk, kind)
    try:
        services.comment_add(section=section, by=request.user, text=form.cleaned_data["text"])
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Thank you: your comment has been added."))
    return redirect("reports:report", pk, kind)


@staff_required
@require_POST
def comment_resolve(request, pk, kind, comment_id):
    report = _report(request, pk, kind)
    comment = get_object_or_404(selectors.comments_on(report), pk=comment_id)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say how the comment was resolved."))
        return redirect("reports:report", pk, kind)
    services.comment_resolve(
        comment=comment, by=request.user, resolution=form.cleaned_data["resolution"]
    )
    messages.success(request, _("Comment resolved."))
    return redirect("reports:report", pk, kind)


# The action plan ----------------------------------------------------------------------


def _action_plan_report(request, pk) -> Report:
    """The action plan is the council's and the association's: the team's access to the
    report pages does not reach it (a council's contact who is also a peer on another
    council's team sees that council's report, not its plan)."""
    report = _report(request, pk, Report.Kind.REPORT)
    if not report.is_published or not permissions.may_act_on_plan(request.user, report.engagement):
        raise Http404
    return report


@case_required
def action_plan(request, pk):
    report = _action_plan_report(request, pk)
    rows = selectors.action_plan_rows(report)
    return render(
        request,
        "reports/action_plan.html",
        {
            "report": report,
            "engagement": report.engagement,
            "action_table": presenters.action_table(rows, report.engagement, editable=True),
            "missing": sum(1 for row in rows if row["action"] is None),
            "can_publish": report.action_plan_published_at is None,
        },
    )


@case_required
def action_edit(request, pk, recommendation_id):
    report = _action_plan_report(request, pk)
    numbers = {rec.pk: number for number, rec in services.numbered(report)}
    recommendation = get_object_or_404(selectors.recommendations_of(report), pk=recommendation_id)
    action = getattr(recommendation, "action", None)
    initial = {"status": "not_started"}
    if action:
        initial = {
            "version": action.version,
            "action": action.action,
            "owner": action.owner,
            "due_on": action.due_on,
            "status": action.status,
            "progress_notes": action.progress_notes,
            "progress_statement": action.progress_statement,
        }
    with_statement = report.engagement.status == Stage.PROGRESS_REVIEW
    form = ActionForm(request.POST or None, initial=initial, with_statement=with_statement)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.action_save(
                recommendation=recommendation,
                by=request.user,
                expected_version=data.pop("version"),
                **data,
            )
        except EditConflict:
            form.add_error(None, _("Someone else changed this action meanwhile. Open it again."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Action saved."))
            return redirect("reports:action-plan", pk)
    return render(
        request,
        "reports/action.html",
        {
            "report": report,
            "engagement": report.engagement,
            "recommendation": recommendation,
            "number": numbers[recommendation.pk],
            "form": form,
        },
    )


@case_required
@require_POST
def action_plan_publish(request, pk):
    report = _action_plan_report(request, pk)
    try:
        services.action_plan_publish(
            report=report, by=request.user, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The action plan is published with the report."))
    return redirect("reports:action-plan", pk)


# Public pages -------------------------------------------------------------------------


# Shorter than staff lists: anyone may open this page, so a page costs little to draw.
PUBLIC_PAGE_SIZE = 20


@login_not_required
def published_list(request):
    form = PublishedFilterForm(request.GET, choices=selectors.filter_choices())
    page = paginate(request, selectors.published_reports(form.filters()), per_page=PUBLIC_PAGE_SIZE)
    return render(request, "reports/published_list.html", {"form": form, "page": page})


def _published(report_id) -> Report:
    published = selectors.published_reports(selectors.PublishedFilters())
    return get_object_or_404(published, pk=report_id)


@login_not_required
def published(request, report_id):
    report = _published(report_id)
    return render(request, "reports/published.html", presenters.public_context(report))


@login_not_required
def published_pdf(request, report_id):
    return report_pdf_response(_published(report_id))
