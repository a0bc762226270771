"""The annual report, its downloads, the records behind each figure, and targets.

Staff and board members read the report and the quarterly return; only staff follow
a figure to its records; only managers set targets.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.accounts.permissions import figures_required, staff_required
from peerwork.core.charts import Bar, bar_chart, describe
from peerwork.core.pdfs import pdf_kept, pdf_response
from peerwork.core.periods import Period, report_years, year_label, year_start
from peerwork.core.presenters import Table
from peerwork.impact.annual import exports
from peerwork.impact.annual.evidence import evidence_table
from peerwork.impact.annual.figures import (
    BY_KEY,
    COUNT,
    DIVERSITY,
    REACH,
    SECTIONS,
    SHARE,
    AnnualReport,
    Records,
)
from peerwork.impact.annual.forms import YearForm
from peerwork.impact.annual.kept import annual_report_kept


def _years() -> list[int]:
    return report_years(timezone.localdate())


def _last_complete_year() -> int:
    return year_start(timezone.localdate()).year - 1


def _year_or_404(year: int) -> int:
    if year not in _years():
        raise Http404
    return year


@figures_required
def annual_index(request):
    form = YearForm(request.GET or None, years=_years())
    if form.is_valid():
        return redirect("impact:annual", form.cleaned_data["year"])
    return render(
        request,
        "impact/annual_index.html",
        {
            "form": form,
            "latest": _last_complete_year(),
            "latest_label": year_label(_last_complete_year()),
        },
    )


# The answers behind the diversity shares are special-category data: the people who
# see peers' diversity (administrators and programme staff) see them, advisers do not.


def may_see_records(user, key: str) -> bool:
    return permissions.may_see_figure_records(user, special_category=key in DIVERSITY)


def _figure_table(report: AnnualReport, section, viewer=None) -> Table:
    table = Table(
        str(section),
        [_("Figure"), report.label, report.previous_label, _("Change")],
        numeric={1, 2},
    )
    for line in report.lines:
        if line.spec.section != section:
            continue
        unit = line.spec.unit
        now = exports.shown(line.now, unit)
        if unit == SHARE and line.now.base:
            now = _("%(share)s of %(base)s") % {"share": now, "base": f"{line.now.base:,}"}
        label = line.spec.label
        if viewer is not None and may_see_records(viewer, line.key):
            label = format_html(
                '{} <a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}'
                "</span></a>",
                label,
                reverse("impact:annual-records", args=[report.year, line.key]),
                _("records"),
                _("behind %(figure)s") % {"figure": line.spec.label},
            )
        table.add(
            label,
            now,
            exports.shown(line.before, unit),
            exports.change(line.now.value, line.before.value, unit),
        )
    return table


def _charts(report: AnnualReport) -> list[dict]:
    charts = []
    by_type = [Bar(name, now, f"{now:,}") for name, now, _before in report.by_type]
    if by_type:
        title = _("Peer challenges by type, %(year)s") % {"year": report.label}
        table = Table(title, [_("Offer"), report.label, report.previous_label], numeric={1, 2})
        for name, now, before in report.by_type:
            table.add(name, now, before)
        svg = bar_chart(title, describe(by_type), by_type, chart_id="chart-by-type")
        charts.append({"svg": svg, "table": table})
    reach = [
        Bar(
            str(line.spec.short or line.spec.label),
            (line.now.value or 0) * 100,
            exports.display(line.now.value, SHARE),
        )
        for line in report.lines
        if line.spec.section == REACH and line.spec.unit == SHARE
    ]
    if any(line.now.value is not None for line in report.lines if line.spec.section == REACH):
        title = _("Share of councils reached, %(year)s") % {"year": report.label}
        table = Table(title, [_("Programme"), _("Share of councils")], numeric={1})
        for bar in reach:
            table.add(bar.label, bar.text)
        svg = bar_chart(title, describe(reach), reach, maximum=100, chart_id="chart-reach")
        charts.append({"svg": svg, "table": table})
    trend = [Bar(label, n or 0, exports.display(n, COUNT)) for label, n, _cpc in report.trend]
    if any(n is not None for _label, n, _cpc in report.trend):
        title = _("Peer challenges in each of the last %(n)s years") % {"n": len(report.trend)}
        table = Table(title, [_("Year"), _("Peer challenges"), _("Corporate")], numeric={1, 2})
        for label, n, cpc in report.trend:
            table.add(label, exports.display(n, COUNT), exports.display(cpc, COUNT))
        charts.append(
            {
                "svg": bar_chart(title, describe(trend), trend, chart_id="chart-trend"),
                "table": table,
            }
        )
    return charts


def _context(report: AnnualReport, *, viewer=None) -> dict:
    """What the page and the PDF show; links to records only for a viewer who may see them."""
    headline_keys = [
        "peer_challenges",
        "corporate_peer_challenges",
        "peers_used",
        "councillors_on_leadership",
        "ngdp_graduates_placed",
        "savings_total",
    ]
    return {
        "report": report,
        "headlines": [
            (BY_KEY[key].label, exports.headline(report.value(key), BY_KEY[key].unit))
            for key in headline_keys
        ],
        "tables": [_figure_table(report, section, viewer) for section in SECTIONS],
        "charts": _charts(report),
        "organisation": _organisation(),
    }


def _organisation() -> str:
    return settings.PEERWORK_ORGANISATION_NAME


@figures_required
def annual(request, year):
    report = annual_report_kept(_year_or_404(year))
    return render(request, "impact/annual.html", _context(report, viewer=request.user))


DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "attachment"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"),
    "pdf": ("application/pdf", "inline"),
}


def annual_file(report: AnnualReport, fmt: str, base_url: str) -> bytes | str:
    if fmt == "csv":
        return exports.as_csv(report)
    if fmt == "xlsx":
        return exports.as_xlsx(report)
    if fmt == "json":
        return exports.as_json(report)
    return exports.as_pdf(_context(report), base_url)


@figures_required
def annual_download(request, year, fmt):
    if fmt not in DOWNLOADS:
        raise Http404
    report = annual_report_kept(_year_or_404(year))
    name = f"annual-report-{report.label.replace('/', '-')}.{fmt}"
    if fmt == "pdf":
        # Drawn once for each version of the year's figures, and kept.
        html = exports.pdf_html(_context(report))
        return pdf_response(pdf_kept(html, folder=f"impact/annual/{year}"), filename=name)
    content_type, disposition = DOWNLOADS[fmt]
    response = HttpResponse(
        annual_file(report, fmt, request.build_absolute_uri("/")), content_type=content_type
    )
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


@staff_required
def annual_records(request, year, key):
    if key not in BY_KEY:
        raise Http404
    if not may_see_records(request.user, key):
        raise PermissionDenied
    period = Period.year(_year_or_404(year))
    spec = BY_KEY[key]
    return render(
        request,
        "impact/annual_records.html",
        {
            "year": year,
            "year_label": year_label(year),
            "spec": spec,
            "table": evidence_table(Records(period), key),
        },
    )
