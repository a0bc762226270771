"""The annual report, its downloads, the records behind each figure, and targets.

Staff and board members read the report and the quarterly return; only staff follow
a figure to its records; only managers set targets.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from peerwork.accounts.access import manager_required, role_required
from peerwork.accounts.models import MANAGER_ROLES, STAFF_ROLES, Role
from peerwork.core import versioning
from peerwork.core.charts import Bar, bar_chart, describe
from peerwork.core.presenters import Table
from peerwork.engagements.team import year_start
from peerwork.impact import exports
from peerwork.impact.annual import (
    BY_KEY,
    COUNT,
    DIVERSITY,
    REACH,
    SECTIONS,
    SHARE,
    AnnualReport,
    Records,
    annual_report,
)
from peerwork.impact.evidence import evidence_table
from peerwork.impact.forms import QuarterForm, TargetForm, YearForm
from peerwork.impact.models import Target
from peerwork.impact.periods import Period, quarter_of, year_label
from peerwork.impact.targets import quarterly_return

READERS = STAFF_ROLES | {Role.BOARD_MEMBER}
FIRST_YEAR = 2015


def _years() -> list[int]:
    """Every year the report can be asked for, latest first."""
    return list(range(year_start(timezone.localdate()).year, FIRST_YEAR - 1, -1))


def _last_complete_year() -> int:
    return year_start(timezone.localdate()).year - 1


def _year_or_404(year: int) -> int:
    if year not in _years():
        raise Http404
    return year


@role_required(READERS)
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
    if key in DIVERSITY:
        return user.has_role(*MANAGER_ROLES)
    return user.has_role(*STAFF_ROLES)


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
        charts.append({"svg": bar_chart(title, describe(by_type), by_type), "table": table})
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
        charts.append(
            {"svg": bar_chart(title, describe(reach), reach, maximum=100), "table": table}
        )
    trend = [Bar(label, n or 0, exports.display(n, COUNT)) for label, n, _cpc in report.trend]
    if any(n is not None for _label, n, _cpc in report.trend):
        title = _("Peer challenges in each of the last %(n)s years") % {"n": len(report.trend)}
        table = Table(title, [_("Year"), _("Peer challenges"), _("Corporate")], numeric={1, 2})
        for label, n, cpc in report.trend:
            table.add(label, exports.display(n, COUNT), exports.display(cpc, COUNT))
        charts.append({"svg": bar_chart(title, describe(trend), trend), "table": table})
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
            {
                "label": BY_KEY[key].label,
                "value": exports.headline(report.value(key), BY_KEY[key].unit),
            }
            for key in headline_keys
        ],
        "tables": [_figure_table(report, section, viewer) for section in SECTIONS],
        "charts": _charts(report),
        "organisation": _organisation(),
    }


def _organisation() -> str:
    return settings.PEERWORK_ORGANISATION_NAME


@role_required(READERS)
def annual(request, year):
    report = annual_report(_year_or_404(year))
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


@role_required(READERS)
def annual_download(request, year, fmt):
    if fmt not in DOWNLOADS:
        raise Http404
    report = annual_report(_year_or_404(year))
    content_type, disposition = DOWNLOADS[fmt]
    response = HttpResponse(
        annual_file(report, fmt, request.build_absolute_uri("/")), content_type=content_type
    )
    name = f"annual-report-{report.label.replace('/', '-')}.{fmt}"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


@role_required(STAFF_ROLES)
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


@role_required(READERS)
def quarterly(request):
    year = year_start(timezone.localdate()).year
    quarter = quarter_of(timezone.localdate())
    form = QuarterForm(
        request.GET or None, years=_years(), initial={"year": year, "quarter": quarter}
    )
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    return render(
        request,
        "impact/quarterly.html",
        {
            "form": form,
            "year": year,
            "year_label": year_label(year),
            "quarter": quarter,
            "period": Period.to_quarter_end(year, quarter),
            "lines": quarterly_return(year, quarter),
            "can_manage": request.user.has_role("administrator", "programme_staff"),
        },
    )


@manager_required
def target_edit(request, pk=None):
    target = get_object_or_404(Target, pk=pk) if pk else None
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _target_save(form, target)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The target is saved."))
            return redirect(f"{_return_url()}?year={saved.year}&quarter={saved.due_quarter}")
    return render(request, "impact/target_edit.html", {"form": form, "target": target})


def _return_url() -> str:
    return reverse("impact:quarterly")


def _target_save(form: TargetForm, target: Target | None) -> Target:
    fields = {name: value for name, value in form.cleaned_data.items() if name != "version"}
    try:
        return versioning.record_save(
            record=target or Target(),
            fields=fields,
            expected_version=str(form.cleaned_data["version"] or ""),
        )
    except versioning.EditConflict as conflict:
        raise ValidationError(
            _(
                "Someone else changed this target while you were editing it. "
                "Open it again to see their change, then make yours."
            )
        ) from conflict
