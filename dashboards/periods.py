"""Reporting periods for the dashboards, as pure date arithmetic: no database.

A period is named by its type and a key in the query string, for example `quarter` and `2025-Q1`:

- month: `2025-03`, the calendar month;
- quarter: `2025-Q1`, January to March (Q2 April to June, and so on);
- academic year: `2024`, 1 September 2024 to 31 August 2025;
- calendar year: `2025`;
- rolling 12 months: `2025-03`, the 12 months ending with March 2025 (April 2024 to March 2025).
"""

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

MONTH = "month"
QUARTER = "quarter"
ACADEMIC_YEAR = "academic_year"
CALENDAR_YEAR = "calendar_year"
ROLLING_12 = "rolling_12"

PERIOD_TYPES = [
    (ROLLING_12, "Rolling 12 months"),
    (MONTH, "Month"),
    (QUARTER, "Quarter"),
    (ACADEMIC_YEAR, "Academic year"),
    (CALENDAR_YEAR, "Calendar year"),
]
DEFAULT_TYPE = ROLLING_12

# The earliest period offered: the England comparison series starts in 2019.
EARLIEST = dt.date(2019, 1, 1)
# How many periods each type offers in the list, newest first.
HOW_MANY = {MONTH: 36, QUARTER: 16, ACADEMIC_YEAR: 8, CALENDAR_YEAR: 8, ROLLING_12: 36}

_MONTH_KEY = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER_KEY = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_KEY = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Period:
    kind: str
    key: str
    start: dt.date
    end: dt.date  # inclusive
    label: str
    short_label: str

    @property
    def calendar_year(self) -> int | None:
        """The year, when the period is a whole calendar year (the England figures are by calendar year)."""
        return self.start.year if self.kind == CALENDAR_YEAR else None


def _month_end(start: dt.date) -> dt.date:
    return start + relativedelta(months=1) - dt.timedelta(days=1)


def _make(kind: str, start: dt.date) -> Period:
    if kind == MONTH:
        return Period(kind, start.strftime("%Y-%m"), start, _month_end(start), start.strftime("%B %Y"),
                      start.strftime("%b %Y"))
    if kind == QUARTER:
        number = (start.month - 1) // 3 + 1
        end = start + relativedelta(months=3) - dt.timedelta(days=1)
        return Period(kind, f"{start.year}-Q{number}", start, end,
                      f"{start.strftime('%B')} to {end.strftime('%B %Y')}", f"{start.year} Q{number}")
    if kind == ACADEMIC_YEAR:
        return Period(kind, str(start.year), start, dt.date(start.year + 1, 8, 31),
                      f"Academic year {start.year} to {start.year + 1}", f"{start.year}/{str(start.year + 1)[2:]}")
    if kind == CALENDAR_YEAR:
        return Period(kind, str(start.year), start, dt.date(start.year, 12, 31), str(start.year), str(start.year))
    if kind == ROLLING_12:
        # `start` here is the first day of the last month in the window.
        first = start - relativedelta(months=11)
        end = _month_end(start)
        return Period(kind, start.strftime("%Y-%m"), first, end,
                      f"12 months from {first.strftime('%B %Y')} to {end.strftime('%B %Y')}",
                      f"To {start.strftime('%b %Y')}")
    raise ValueError(f"Unknown period type {kind!r}")


def _anchor(kind: str, day: dt.date) -> dt.date:
    """The start that names the period of this type containing `day`."""
    if kind in (MONTH, ROLLING_12):
        return day.replace(day=1)
    if kind == QUARTER:
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if kind == ACADEMIC_YEAR:
        return dt.date(day.year if day.month >= 9 else day.year - 1, 9, 1)
    if kind == CALENDAR_YEAR:
        return dt.date(day.year, 1, 1)
    raise ValueError(f"Unknown period type {kind!r}")


def _step(kind: str) -> relativedelta:
    return {MONTH: relativedelta(months=1), ROLLING_12: relativedelta(months=1), QUARTER: relativedelta(months=3),
            ACADEMIC_YEAR: relativedelta(years=1), CALENDAR_YEAR: relativedelta(years=1)}[kind]


def current(kind: str, today: dt.date) -> Period:
    """The period of this type that contains today (so far): the default."""
    return _make(kind, _anchor(kind, today))


def previous(period: Period, count: int) -> list[Period]:
    """`count` periods of the same type ending with `period`, oldest first, none before EARLIEST."""
    anchor = _anchor(period.kind, period.end) if period.kind != ROLLING_12 else period.end.replace(day=1)
    periods = []
    for back in range(count - 1, -1, -1):
        candidate = _make(period.kind, anchor - _step(period.kind) * back)
        if candidate.end >= EARLIEST:
            periods.append(candidate)
    return periods


def choices(kind: str, today: dt.date) -> list[tuple[str, str]]:
    """The periods of this type a person can pick, newest first."""
    latest = current(kind, today)
    return [(period.key, period.label) for period in reversed(previous(latest, HOW_MANY[kind]))]


def parse(kind: str, key: str) -> Period | None:
    """The period named by `key`, or None when the key is not a well-formed key for this type."""
    try:
        if kind in (MONTH, ROLLING_12):
            match = _MONTH_KEY.match(key)
            return _make(kind, dt.date(int(match[1]), int(match[2]), 1)) if match else None
        if kind == QUARTER:
            match = _QUARTER_KEY.match(key)
            return _make(kind, dt.date(int(match[1]), (int(match[2]) - 1) * 3 + 1, 1)) if match else None
        if kind == ACADEMIC_YEAR:
            match = _YEAR_KEY.match(key)
            return _make(kind, dt.date(int(match[1]), 9, 1)) if match else None
        if kind == CALENDAR_YEAR:
            match = _YEAR_KEY.match(key)
            return _make(kind, dt.date(int(match[1]), 1, 1)) if match else None
    except ValueError:  # a month 13, or a year out of range
        return None
    return None


# --- Age groups ----------------------------------------------------------------------------------------------

AGE_GROUPS = [("0-4", "0 to 4", 0, 4), ("5-10", "5 to 10", 5, 10), ("11-15", "11 to 15", 11, 15),
              ("16-19", "16 to 19", 16, 19), ("20-25", "20 to 25", 20, 25)]


def birth_dates_for_age(youngest: int, oldest: int, on: dt.date) -> tuple[dt.date, dt.date]:
    """The range of dates of birth (exclusive start, inclusive end) of people aged `youngest` to `oldest`
    (whole years) on the day `on`."""
    return on - relativedelta(years=oldest + 1), on - relativedelta(years=youngest)
