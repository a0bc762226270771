"""Tables and the polling chart for the programme pages, so templates hold no logic."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peerwork.core.presenters import Table, link
from peerwork.programmes.models import PollingRound


def _date(value) -> str:
    return date_format(value, "j M Y") if value else ""


def _money(value) -> str:
    return "" if value is None else f"£{value:,.2f}"


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _percent(value) -> str:
    return "" if value is None else f"{value}%"


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable
    numeric: bool = False
    special: bool = False  # special-category data: only for those who may see it


def _council(record) -> str:
    return record.council.short_name


COLUMNS: dict[str, list[Column]] = {
    "leadership-cohorts": [
        Column(gettext_lazy("Cohort"), lambda r: r.name),
        Column(gettext_lazy("Programme"), lambda r: r.get_programme_display()),
        Column(gettext_lazy("Starts"), lambda r: _date(r.starts_on)),
        Column(gettext_lazy("Ends"), lambda r: _date(r.ends_on)),
        Column(gettext_lazy("Places"), lambda r: r.places, numeric=True),
        Column(gettext_lazy("Applications"), lambda r: r.applications, numeric=True),
        Column(gettext_lazy("Took a place"), lambda r: r.enrolled, numeric=True),
        Column(gettext_lazy("Attended"), lambda r: r.attended, numeric=True),
        Column(gettext_lazy("Completed"), lambda r: r.completed, numeric=True),
    ],
    "leadership-participants": [
        Column(gettext_lazy("Councillor"), lambda r: r.full_name),
        Column(gettext_lazy("Cohort"), lambda r: str(r.cohort)),
        Column(gettext_lazy("Council"), _council),
        Column(
            gettext_lazy("Political group"),
            lambda r: r.party.short_name if r.party_id else "",
            special=True,
        ),
        Column(gettext_lazy("Took a place"), lambda r: _yes_no(r.enrolled)),
        Column(gettext_lazy("Attended"), lambda r: _yes_no(r.attended)),
        Column(gettext_lazy("Completed"), lambda r: _yes_no(r.completed)),
    ],
    "ngdp-cohorts": [
        Column(gettext_lazy("Cohort"), lambda r: r.name),
        Column(gettext_lazy("Intake year"), lambda r: r.intake_year, numeric=True),
        Column(gettext_lazy("Applications"), lambda r: r.applications, numeric=True),
        Column(gettext_lazy("Recruitment closed"), lambda r: _date(r.recruitment_closed_on)),
    ],
    "ngdp-placements": [
        Column(gettext_lazy("Graduate"), lambda r: r.graduate_name),
        Column(gettext_lazy("Cohort"), lambda r: r.cohort.name),
        Column(gettext_lazy("Council"), _council),
        Column(gettext_lazy("Started"), lambda r: _date(r.started_on)),
    ],
    "expert-engagements": [
        Column(gettext_lazy("Topic"), lambda r: r.topic),
        Column(gettext_lazy("Council"), _council),
        Column(gettext_lazy("Expert"), lambda r: r.expert_name),
        Column(gettext_lazy("Started"), lambda r: _date(r.started_on)),
        Column(gettext_lazy("Ended"), lambda r: _date(r.ended_on)),
    ],
    "savings": [
        Column(gettext_lazy("What it came from"), lambda r: r.description),
        Column(gettext_lazy("Council"), _council),
        Column(gettext_lazy("Kind"), lambda r: r.get_kind_display()),
        Column(gettext_lazy("Amount"), lambda r: _money(r.amount), numeric=True),
        Column(gettext_lazy("Verified"), lambda r: _date(r.verified_on)),
    ],
    "climate": [
        Column(gettext_lazy("Council"), _council),
        Column(gettext_lazy("Activity"), lambda r: r.get_activity_display()),
        Column(gettext_lazy("Took part"), lambda r: _date(r.took_part_on)),
    ],
    "housing-bids": [
        Column(gettext_lazy("Bid"), lambda r: r.title),
        Column(gettext_lazy("Lead council"), _council),
        Column(gettext_lazy("Submitted"), lambda r: _date(r.submitted_on)),
        Column(gettext_lazy("Outcome"), lambda r: r.get_outcome_display()),
        Column(gettext_lazy("Awarded"), lambda r: _money(r.awarded_amount), numeric=True),
    ],
    "housing-projects": [
        Column(gettext_lazy("Project"), lambda r: r.title),
        Column(gettext_lazy("Bid"), lambda r: r.bid.title),
        Column(
            gettext_lazy("Councils"), lambda r: ", ".join(c.short_name for c in r.councils.all())
        ),
        Column(gettext_lazy("Started"), lambda r: _date(r.started_on)),
        Column(gettext_lazy("Completed"), lambda r: _date(r.completed_on)),
    ],
    "housing-survey": [
        Column(gettext_lazy("Response"), lambda r: _("Response %(n)s") % {"n": r.pk}),
        Column(gettext_lazy("Project"), lambda r: r.project.title),
        Column(gettext_lazy("Submitted"), lambda r: _date(r.submitted_on)),
        Column(
            gettext_lazy("Lasting positive impact"), lambda r: _yes_no(r.lasting_positive_impact)
        ),
    ],
    "polling": [
        Column(gettext_lazy("Round"), lambda r: r.number),
        Column(
            gettext_lazy("Fieldwork"),
            lambda r: f"{_date(r.fieldwork_from)} – {_date(r.fieldwork_to)}",
        ),
        Column(gettext_lazy("Sample size"), lambda r: f"{r.sample_size:,}", numeric=True),
    ],
}


def record_table(kind, records, *, can_manage: bool, show_special: bool) -> Table:
    """A page of a kind's records; the first cell links to the record's form for managers."""
    columns = [c for c in COLUMNS[kind.slug] if show_special or not c.special]
    table = Table(
        kind.plural,
        [c.label for c in columns],
        numeric={i for i, c in enumerate(columns) if c.numeric},
    )
    for record in records:
        cells = [c.value(record) for c in columns]
        if can_manage:
            cells[0] = format_html(
                '<a class="govuk-link" href="{}">{}'
                '<span class="govuk-visually-hidden"> ({})</span></a>',
                reverse("programmes:edit", args=[kind.slug, record.pk]),
                cells[0],
                _("change"),
            )
        table.add(*cells)
    return table


def index_table(counts) -> Table:
    table = Table(
        _("Programme records"), [_("Records"), _("Programme"), _("Number of records")], numeric={2}
    )
    for kind, count in counts:
        table.add(link(kind.plural, "programmes:list", kind.slug), kind.programme, f"{count:,}")
    return table


def import_columns_table(spec) -> Table:
    table = Table(_("Columns of the file"), [_("Column"), _("What to put in it"), _("Required")])
    for column in spec.columns:
        table.add(column.name, column.help, _yes_no(column.required))
    return table


# Resident polling ---------------------------------------------------------------------


INDICATOR_LABELS = {
    "satisfied_with_area": gettext_lazy("Satisfied with their area"),
    "satisfied_with_council": gettext_lazy("Satisfied with their council"),
    "value_for_money": gettext_lazy("Council gives value for money"),
    "acts_on_concerns": gettext_lazy("Council acts on concerns"),
    "keeps_informed": gettext_lazy("Well informed by council"),
    "trust_council": gettext_lazy("Trust their council"),
}
COLUMNS["polling"] += [
    Column(INDICATOR_LABELS[name], lambda r, name=name: _percent(getattr(r, name)), numeric=True)
    for name in PollingRound.INDICATORS
]


def polling_table(rounds) -> Table:
    table = Table(
        _("Resident satisfaction by polling round (per cent of residents)"),
        [
            _("Round"),
            _("Fieldwork"),
            _("Sample size"),
            *(INDICATOR_LABELS[n] for n in PollingRound.INDICATORS),
        ],
        numeric={2, 3, 4, 5, 6, 7, 8},
    )
    for r in rounds:
        table.add(*(c.value(r) for c in COLUMNS["polling"]))
    return table


# Colours with at least 3:1 contrast on white, and a dash and marker for each line, so
# no line is told apart by colour alone.
_STYLES = (
    ("#1d70b8", "none", "circle"),
    ("#d4351c", "8 4", "square"),
    ("#00703c", "2 4", "triangle"),
    ("#4c2c92", "12 4 3 4", "diamond"),
    ("#0b0c0c", "4 4", "open-circle"),
    ("#d53880", "16 6", "open-square"),
)


@dataclass
class Series:
    label: str
    colour: str
    dash: str
    points: str
    markers: list[str]
    marker_fill: str
    legend_x: int
    legend_y: int
    legend_marker: str


@dataclass
class LineChart:
    title: str
    description: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    # Coordinates are strings, so no locale's number format can reach the SVG.
    y_ticks: list[tuple[str, str]] = field(default_factory=list)
    x_ticks: list[tuple[str, str]] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)


def _marker(shape: str, x: float, y: float, size: float = 5) -> str:
    """An SVG path for one marker centred on (x, y)."""
    s = size
    if shape in ("circle", "open-circle"):
        return f"M{x - s:.1f},{y:.1f}a{s},{s} 0 1,0 {2 * s},0a{s},{s} 0 1,0 {-2 * s},0Z"
    if shape in ("square", "open-square"):
        return f"M{x - s:.1f},{y - s:.1f}h{2 * s}v{2 * s}h{-2 * s}Z"
    corners = (
        [(x, y - s - 1), (x + s + 1, y + s), (x - s - 1, y + s)]  # triangle
        if shape == "triangle"
        else [(x, y - s - 1), (x + s + 1, y), (x, y + s + 1), (x - s - 1, y)]  # diamond
    )
    return "M" + "L".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners) + "Z"


def polling_chart(rounds) -> LineChart | None:
    """The six indicators across rounds, on a 0 to 100 scale so changes are not exaggerated."""
    rounds = list(rounds)
    if not rounds:
        return None
    chart = LineChart(
        title=_("Resident satisfaction, round %(first)s to round %(last)s")
        % {"first": rounds[0].number, "last": rounds[-1].number},
        description=_(
            "A line chart of six indicators, each the per cent of residents, for each "
            "polling round. The table below gives the same figures."
        ),
        width=760,
        height=440,
        left=56,
        right=740,
        top=16,
        bottom=316,
    )
    plot_width = chart.right - chart.left
    plot_height = chart.bottom - chart.top

    def x_of(index: int) -> float:
        if len(rounds) == 1:
            return chart.left + plot_width / 2
        return chart.left + 12 + index * (plot_width - 24) / (len(rounds) - 1)

    def y_of(value) -> float:
        return chart.bottom - float(value) / 100 * plot_height

    chart.y_ticks = [(f"{y_of(v):.1f}", f"{v}%") for v in range(0, 101, 20)]
    every = max(1, len(rounds) // 12)  # keep round labels from running into each other
    chart.x_ticks = [
        (f"{x_of(i):.1f}", str(r.number))
        for i, r in enumerate(rounds)
        if i % every == 0 or i == len(rounds) - 1
    ]
    for i, name in enumerate(PollingRound.INDICATORS):
        colour, dash, shape = _STYLES[i]
        points = [(x_of(j), y_of(getattr(r, name))) for j, r in enumerate(rounds)]
        legend_x = chart.left + (i % 2) * 340
        legend_y = chart.bottom + 56 + (i // 2) * 24
        chart.series.append(
            Series(
                label=str(INDICATOR_LABELS[name]),
                colour=colour,
                dash=dash,
                points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                markers=[_marker(shape, x, y) for x, y in points],
                marker_fill="#ffffff" if shape.startswith("open") else colour,
                legend_x=legend_x,
                legend_y=legend_y,
                legend_marker=_marker(shape, legend_x + 18, legend_y),
            )
        )
    return chart
