"""A published report as a PDF, drawn once and kept (see `peerwork.core.pdfs`).

Publishing a report queues `report_pdf_keep`, which draws the PDF in a worker; so does
each change to what the published report shows (its text is fixed, but the council
publishes its action plan with it and keeps the actions up to date). The PDF is named
by what it says, so a request that finds no PDF of the report as it now is (the worker
has not got to it yet, or the report has just changed) draws it and keeps it: a link
to the PDF never breaks and never shows an old version.
"""

from django.conf import settings
from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django_tasks import task

from peerwork.core.pdfs import pdf_keep, pdf_kept, pdf_response
from peerwork.core.tasks import enqueue
from peerwork.reports import presenters, selectors
from peerwork.reports.models import Report


def _html(report: Report) -> str:
    context = presenters.public_context(report)
    context["organisation_name"] = settings.PEERWORK_ORGANISATION_NAME
    context["LANGUAGE_CODE"] = translation.get_language()
    return render_to_string("reports/report_pdf.html", context)


def _where(report: Report) -> dict:
    return {"folder": f"reports/pdf/{report.pk}", "label": f"v{report.version}"}


def report_pdf_response(report: Report) -> FileResponse:
    """The published report's PDF, the kept one or drawn now, served as a file."""
    return pdf_response(pdf_kept(_html(report), **_where(report)), filename=_file_name(report))


def _file_name(report: Report) -> str:
    name = slugify(f"{report.engagement.council.short_name}-{report.get_kind_display()}")
    day = timezone.localtime(report.published_at).date().isoformat()
    return f"{name or 'report'}-{day}.pdf"


@task()
def report_pdf_keep(report_id: int) -> str:
    """Draw and keep the PDF of a published report, in the language most readers get."""
    report = selectors.published_reports(selectors.PublishedFilters()).filter(pk=report_id).first()
    if report is None:
        return "not public"
    with translation.override(translation.get_supported_language_variant(settings.LANGUAGE_CODE)):
        return pdf_keep(_html(report), **_where(report))


def report_pdf_refresh(report: Report) -> None:
    """Queue the drawing of a published report's PDF, once what changed it commits."""
    if report.status == Report.Status.PUBLISHED and report.kind != Report.Kind.FEEDBACK_LETTER:
        enqueue(report_pdf_keep, report.pk)
