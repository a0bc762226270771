"""Charts drawn as SVG on the server: no JavaScript, and always shown beside a table.

The SVG is an image with a title and a description; the table beside it carries the
same numbers for screen readers and for anyone who prefers to read them.
"""

from dataclasses import dataclass
from itertools import count

from django.utils.html import format_html
from django.utils.safestring import SafeString

_ids = count(1)
BAR_HEIGHT = 28
GAP = 12
LABEL_WIDTH = 330
BAR_WIDTH = 300
VALUE_WIDTH = 90


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str  # the value as shown, e.g. "98.5%" or "No data"


def bar_chart(
    title: str,
    description: str,
    bars: list[Bar],
    *,
    maximum: float | None = None,
    chart_id: str = "",
):
    """Horizontal bars, one per row, each labelled with its value.

    Give `chart_id` (unique on the page) where the same figures must draw the same SVG,
    as a kept PDF does; else each chart gets a new one.
    """
    chart_id = chart_id or f"chart-{next(_ids)}"
    top = max((bar.value or 0 for bar in bars), default=0)
    scale = maximum or top or 1
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = []
    for index, bar in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = round(BAR_WIDTH * (bar.value or 0) / scale, 1)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="pw-chart__label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="pw-chart__bar" '
                'fill="#1d70b8"></rect>'
                '<text x="{}" y="{}" class="pw-chart__value">{}</text>',
                LABEL_WIDTH - 8,
                y + BAR_HEIGHT - 8,
                _shorten(bar.label),
                LABEL_WIDTH,
                y,
                length,
                BAR_HEIGHT,
                LABEL_WIDTH + length + 6,
                y + BAR_HEIGHT - 8,
                bar.text,
            )
        )
    return format_html(
        '<svg class="pw-chart" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'font-size="19" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id,
        w=width,
        h=height,
        title=title,
        desc=description,
        body=SafeString("".join(parts)),
    )


def describe(bars: list[Bar]) -> str:
    """A sentence listing every bar, for the chart's description."""
    return "; ".join(f"{bar.label}: {bar.text}" for bar in bars) + "."


def _shorten(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
