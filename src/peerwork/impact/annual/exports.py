"""The annual report as words and numbers: one set of rows behind every format.

The page, the PDF, the CSV, the spreadsheet and the JSON all read `rows()`, so they
hold the same numbers. Shares are given as percentages to one decimal place.
"""

import json
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from peerwork.core import spreadsheets
from peerwork.impact.annual.figures import COUNT, MIN_BASE, MONEY, SHARE, AnnualReport, Result

HEADER = ["section", "key", "figure", "unit", "value", "out_of", "previous_year_value", "note"]


def number(value, unit: str):
    """The figure as a plain number: an int for whole counts, a Decimal otherwise,
    a percentage for a share; None for no data."""
    if value is None:
        return None
    if unit == SHARE:
        return Decimal(str(value * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if unit == MONEY:
        return Decimal(value).quantize(Decimal("0.01"))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def display(value, unit: str) -> str:
    """The figure in words: 1,234; £38,500,000; 98.5%; No data."""
    plain = number(value, unit)
    if plain is None:
        return _("No data")
    if unit == SHARE:
        return f"{plain}".removesuffix(".0") + "%"
    if unit == MONEY:
        return f"£{plain:,.0f}" if plain == plain.to_integral_value() else f"£{plain:,.2f}"
    return f"{plain:,}"


def too_few() -> str:
    return _("Fewer than %(n)s answered") % {"n": MIN_BASE}


def shown(result: Result, unit: str) -> str:
    """A computed figure in words, saying so when too few answered to show it."""
    return too_few() if result.suppressed else display(result.value, unit)


def note(result: Result) -> str:
    if result.suppressed:
        return too_few()
    return _("No data") if result.value is None else ""


def headline(value, unit: str) -> str:
    """Money in millions for the headline: £38.5m."""
    if unit == MONEY and value is not None and value >= 1_000_000:
        millions = (Decimal(value) / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"£{millions}m".replace(".0m", "m")
    return display(value, unit)


def change(now, before, unit: str) -> str:
    """How the figure moved since the year before, or an empty string."""
    now, before = number(now, unit), number(before, unit)
    if now is None or before is None:
        return ""
    difference = now - before
    if difference == 0:
        return _("No change")
    sign = "+" if difference > 0 else "−"
    size = abs(difference)
    if unit == SHARE:
        return _("%(sign)s%(size)s points") % {"sign": sign, "size": f"{size}".removesuffix(".0")}
    if unit == MONEY:
        return f"{sign}£{size:,.0f}"
    return f"{sign}{size:,}"


def rows(report: AnnualReport) -> list[dict]:
    return [
        {
            "section": str(line.spec.section),
            "key": line.key,
            "figure": str(line.spec.label),
            "unit": "percent" if line.spec.unit == SHARE else line.spec.unit,
            "value": number(line.now.value, line.spec.unit),
            "out_of": line.now.base,
            "previous_year_value": number(line.before.value, line.spec.unit),
            "note": note(line.now),
        }
        for line in report.lines
    ]


def trend_rows(report: AnnualReport) -> list[dict]:
    """The five-year trend, as rows in the same columns."""
    section = str(_("Peer challenges in each of the last years"))
    rows = []
    for label, challenges, corporate in report.trend:
        for key, figure, value in (
            ("trend_peer_challenges", _("Peer challenges, %(year)s"), challenges),
            (
                "trend_corporate_peer_challenges",
                _("Corporate peer challenges, %(year)s"),
                corporate,
            ),
        ):
            rows.append(
                {
                    "section": section,
                    "key": key,
                    "figure": str(figure) % {"year": label},
                    "unit": COUNT,
                    "value": value,
                    "out_of": None,
                    "previous_year_value": None,
                    "note": _("No data") if value is None else "",
                }
            )
    return rows


def as_json(report: AnnualReport) -> str:
    def plain(value):
        return float(value) if isinstance(value, Decimal) else value

    return json.dumps(
        {
            "year": report.label,
            "from": report.period.start.isoformat(),
            "to": report.period.end.isoformat(),
            "figures": [{k: plain(v) for k, v in row.items()} for row in rows(report)],
            "peer_challenges_by_type": [
                {"offer": name, "value": now, "previous_year_value": before}
                for name, now, before in report.by_type
            ],
            "trend": [{k: plain(v) for k, v in row.items()} for row in trend_rows(report)],
        },
        indent=2,
        ensure_ascii=False,
    )


def _by_type_rows(report: AnnualReport) -> list[list]:
    section = str(_("Peer challenges by type"))
    return [
        [section, "by_type", name, COUNT, now, None, before, ""]
        for name, now, before in report.by_type
    ]


def as_csv(report: AnnualReport) -> str:
    table = [[row[k] for k in HEADER] for row in rows(report) + trend_rows(report)]
    return spreadsheets.csv_text(HEADER, table + _by_type_rows(report))


def as_xlsx(report: AnnualReport) -> bytes:
    widths = {"A": 24, "C": 60}
    figures = spreadsheets.Sheet(
        "Figures",
        HEADER,
        [[row[k] for k in HEADER] for row in rows(report) + trend_rows(report)],
        widths=widths,
    )
    by_type = spreadsheets.Sheet(
        "Peer challenges by type",
        ["offer", "value", "previous_year_value"],
        [[name, now, before] for name, now, before in report.by_type],
        widths=widths,
    )
    title = _("Annual report %(year)s") % {"year": report.label}
    return spreadsheets.xlsx_bytes([figures, by_type], title=title)


def pdf_html(context: dict) -> str:
    """The page's context (see annual.views) as the PDF's HTML."""
    return render_to_string(
        "impact/annual_pdf.html", {**context, "LANGUAGE_CODE": translation.get_language()}
    )


def as_pdf(context: dict, base_url: str) -> bytes:
    """The page's context (see annual.views) drawn as a PDF."""
    from weasyprint import HTML

    return HTML(string=pdf_html(context), base_url=base_url).write_pdf()
