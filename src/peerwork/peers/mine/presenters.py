"""A peer's month of availability as a calendar table."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from peerwork.core.presenters import Cell, Table, day


def calendar_table(month, weeks, weekdays) -> Table:
    """weeks: from calendar_month.month_weeks; a day they are not available is marked ✕
    for the eye and in words for screen readers."""
    table = Table(
        day(month, "F Y"),
        [format_html('<abbr title="{}">{}</abbr>', long, short) for short, long in weekdays],
        first_cell_is_header=False,
        classes="pw-calendar",
    )
    for week in weeks:
        table.add(*(_day_cell(d) for d in week))
    return table


def _day_cell(d):
    if d is None:
        return ""
    if not d.unavailable:
        return d.date.day
    return Cell(
        format_html(
            '{} <span aria-hidden="true">✕</span><span class="govuk-visually-hidden">{}</span>',
            d.date.day,
            _("not available"),
        ),
        classes="pw-calendar__day--unavailable",
    )
