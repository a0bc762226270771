"""The association's year (1 April to 31 March), its quarters, and month arithmetic.

The one place that knows when the year starts: load "this year", the annual report,
targets and deadlines all count through it.
"""

import calendar
import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
# The first year the annual report can be asked for.
FIRST_REPORT_YEAR = 2015
# The years any date typed into peerwork (or a month asked for in a link) may fall in:
# wide enough for every record, and far from the calendar's ends (years 1 and 9999),
# where adding a month or a day to a date fails.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


def year_start(on: datetime.date) -> datetime.date:
    """1 April of the association's year that `on` falls in."""
    return datetime.date(on.year if on.month >= 4 else on.year - 1, 4, 1)


def years_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of each year from `first`'s to `last`'s, latest first."""
    return [
        datetime.date(year, 4, 1)
        for year in range(year_start(last).year, year_start(first).year - 1, -1)
    ]


def report_years(today: datetime.date) -> list[int]:
    """Every year the annual report can be asked for, latest first."""
    return list(range(year_start(today).year, FIRST_REPORT_YEAR - 1, -1))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months later, or that month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int) -> "Period":
        """The year `year`/`year + 1`: 1 April to 31 March."""
        return cls(datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31))

    @classmethod
    def to_quarter_end(cls, year: int, quarter: int) -> "Period":
        """From 1 April to the end of the year's quarter (Q1 ends 30 June)."""
        if quarter not in (1, 2, 3, 4):
            raise ValueError("a quarter is 1, 2, 3 or 4")
        first_of_next = datetime.date(year + (quarter * 3 + 3) // 12, (quarter * 3 + 3) % 12 + 1, 1)
        return cls(datetime.date(year, 4, 1), first_of_next - datetime.timedelta(days=1))

    @property
    def first_year(self) -> int:
        return year_start(self.start).year

    def previous_year(self) -> "Period":
        """The same stretch of the year before."""
        return Period(_year_earlier(self.start), _year_earlier(self.end))

    def days(self) -> tuple[datetime.date, datetime.date]:
        return self.start, self.end

    def instants(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The first instant and the instant after the last, by the clock in London."""
        after = self.end + datetime.timedelta(days=1)
        return (
            datetime.datetime.combine(self.start, datetime.time(), LONDON),
            datetime.datetime.combine(after, datetime.time(), LONDON),
        )


def quarter_of(day: datetime.date) -> int:
    """The association's quarter a day falls in: April to June is 1."""
    return (day.month - 4) % 12 // 3 + 1


def end_of(day: datetime.date) -> datetime.datetime:
    """The instant a day ends in London."""
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), LONDON)


def year_label(year: int) -> str:
    """2019 -> "2019/20"."""
    return f"{year}/{(year + 1) % 100:02d}"


def _year_earlier(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
