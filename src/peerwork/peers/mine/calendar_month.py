"""A month of days for the availability calendar, with each day's state. No Django."""

import calendar
import datetime
from dataclasses import dataclass


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
    """'2027-03' to the first of that month; anything else means this month."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def shift_month(first: datetime.date, months: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)
