"""Reading reports: numbered recommendations, action plans and the public list."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from peerwork.accounts import permissions
from peerwork.councils.models import Region
from peerwork.engagements.models import Engagement
from peerwork.offers.models import Offer
from peerwork.reports.models import AccuracyComment, Action, Recommendation, Report


def sections_with_numbers(report: Report) -> list[dict]:
    """Each section with its recommendations numbered across the report, and comments."""
    sections = report.sections.prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.order_by("order", "pk")),
        Prefetch(
            "comments",
            queryset=AccuracyComment.objects.select_related("by", "resolved_by"),
        ),
    )
    number, result = 0, []
    for section in sections:
        numbered = []
        for recommendation in section.recommendations.all():
            number += 1
            numbered.append((number, recommendation))
        result.append({"section": section, "recommendations": numbered})
    return result


def action_plan_rows(report: Report, today=None) -> list[dict]:
    today = today or timezone.localdate()
    actions = {
        a.recommendation_id: a
        for a in Action.objects.filter(recommendation__section__report=report)
    }
    rows = []
    for entry in sections_with_numbers(report):
        for number, recommendation in entry["recommendations"]:
            action = actions.get(recommendation.pk)
            rows.append(
                {
                    "number": number,
                    "recommendation": recommendation,
                    "action": action,
                    "overdue": bool(
                        action and action.status != Action.Status.DONE and action.due_on < today
                    ),
                }
            )
    return rows


@dataclass
class PublishedFilters:
    """What the public list is narrowed to (reports.forms.PublishedFilterForm reads it
    from the page's GET parameters)."""

    council: str = ""
    offer: str = ""
    region: str = ""
    year: int | None = None


def published_reports(filters: PublishedFilters) -> QuerySet[Report]:
    """Published reports anyone may read. Remote panels' letters stay with the council."""
    reports = (
        Report.objects.filter(status=Report.Status.PUBLISHED)
        .exclude(kind=Report.Kind.FEEDBACK_LETTER)
        .select_related("engagement__council__region", "engagement__offer")
        .order_by("-published_at", "-pk")
    )
    if filters.council:
        reports = reports.filter(
            Q(engagement__council__short_name__icontains=filters.council)
            | Q(engagement__council__official_name__icontains=filters.council)
        )
    if filters.offer:
        reports = reports.filter(engagement__offer__slug=filters.offer)
    if filters.region:
        reports = reports.filter(engagement__council__region__slug=filters.region)
    if filters.year:
        reports = reports.filter(published_at__year=filters.year)
    return reports


def filter_choices() -> dict:
    years = Report.objects.filter(status=Report.Status.PUBLISHED).dates(
        "published_at", "year", order="DESC"
    )
    return {
        "offers": [o for o in Offer.objects.order_by("name") if "published" in o.stages],
        "regions": Region.objects.order_by("name"),
        "years": [d.year for d in years],
    }


def report_links_for(user, engagement) -> list[dict]:
    """The report pages this person can open from an engagement, with where each stands."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from peerwork.accounts import permissions
    from peerwork.reports.services import STARTS_AT, kind_for

    existing = {r.kind: r for r in engagement.reports.all()}
    kinds = [kind_for(engagement)]
    if hasattr(engagement, "progress_review"):
        kinds.append(Report.Kind.PROGRESS_REVIEW)
    links = []
    for kind in kinds:
        report = existing.get(kind)
        if report is None:
            if not permissions.may_start_report(user) or engagement.status not in STARTS_AT[kind]:
                continue
        elif report.status == Report.Status.DRAFT and not permissions.sees_draft_reports(
            user, engagement
        ):
            continue
        links.append(
            {
                "label": Report.Kind(kind).label,
                "url": reverse("reports:report", args=[engagement.pk, kind]),
                "status": report.get_status_display() if report else _("Not started"),
            }
        )
    main = existing.get(Report.Kind.REPORT)
    if main and main.is_published:
        links.append(
            {
                "label": _("Action plan"),
                "url": reverse("reports:action-plan", args=[engagement.pk]),
                "status": _("Published") if main.action_plan_published_at else _("Being written"),
            }
        )
    return links


def engagement_for_reports(user, pk) -> Engagement:
    """The engagement whose report pages this person may open (staff, its council, its
    accepted team), or "not found"."""
    engagement = get_object_or_404(Engagement.objects.select_related("council", "offer"), pk=pk)
    if not permissions.is_case_or_team(user, engagement):
        raise Http404
    return engagement


def report_open_to(user, engagement, kind: str) -> Report | None:
    """The engagement's report of this kind if it is started and this person may open it
    (the council only once it is sent to them), else None."""
    report = (
        Report.objects.select_related("engagement").filter(engagement=engagement, kind=kind).first()
    )
    if report is None or not permissions.may_open_report(user, engagement, report):
        return None
    return report


def comments_on(report: Report) -> QuerySet[AccuracyComment]:
    """The council's factual-accuracy comments on a report, for whoever may open it."""
    return AccuracyComment.objects.filter(section__report=report)


def recommendations_of(report: Report) -> QuerySet[Recommendation]:
    """A report's recommendations, for whoever may open the report."""
    return Recommendation.objects.filter(section__report=report)
