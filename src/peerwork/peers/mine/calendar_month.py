"""A month of days for the availability calendar, with each day's state. No Django."""

import calendar
import datetime
from dataclasses import dataclass

from peerwork.core.params import whole_number
from peerwork.core.periods import EARLIEST_YEAR, LATEST_YEAR


@dataclass(frozen=True)
class Day:
    date: datetime.date
    unavailable: bool


def month_weeks(
    year: int, month: int, periods: list[tuple[datetime.date, datetime.date]]
) -> list[list[Day | None]]:
    """Weeks from Monday; days outside the month are None."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                Day(day, any(start <= day <= end for start, end in periods))
                if day.month == month
                else None
                for day in week
            ]
        )
    return weeks


def parse_month(text: str | None, today: datetime.date) -> datetime.date:
    """'2027-03' to the first of that month; anything else (a month outside the years
    a date may fall in, whose neighbours the page links to, included) means this month."""
    year_text, _dash, month_text = (text or "").partition("-")
    year = whole_number(year_text, minimum=EARLIEST_YEAR, maximum=LATEST_YEAR)
    month = whole_number(month_text, minimum=1, maximum=12)
    if year is None or month is None:
        return today.replace(day=1)
    return datetime.date(year, month, 1)


def shift_month(first: datetime.date, months: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)
