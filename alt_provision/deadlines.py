"""School days and the statutory clocks for children out of school, as pure date arithmetic.

No database access: services build a `SchoolCalendar` from the council's term holidays and pass it in. A school
day is Monday to Friday, not a bank holiday in England, and not a day the calendar closes. Sources are in
../shared/domain/statutory.md §8.1 (the sixth-day duties after an exclusion: Education Act 1996 s.19(3A) for a
permanent exclusion, Education and Inspections Act 2006 s.100 for a suspension of more than 5 school days) and
§8.2 (15 school days of absence for health reasons in a term, statutory guidance of December 2023).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from send_portal.core.dates import is_working_day

# Day 6 counted from the first day of an exclusion: full-time education must start no later than this.
SIXTH_DAY = 6
# A suspension longer than this many school days brings the school's sixth-day duty.
SUSPENSION_DAYS_WITHOUT_DUTY = 5
# School days absent for health reasons in one term, together or apart, that bring in the health needs team.
HEALTH_NEEDS_DAYS = 15
# A calendar that closes every day would make the search for the next school day run for ever; no real gap between
# school days is anywhere near this long.
_MAX_GAP_DAYS = 366


class NoSchoolDayError(ValueError):
    """The calendar closes schools for longer than the search allows (more than a year in a row), so no school
    day can be found. Callers turn it into a clear message; it is a ValueError so older callers still catch it."""


@dataclass(frozen=True)
class SchoolCalendar:
    """The days a council's schools are closed beyond weekends and bank holidays (half terms, holidays, closure
    days), as inclusive (first day, last day) ranges."""

    closures: frozenset[tuple[dt.date, dt.date]] = frozenset()

    @classmethod
    def from_ranges(cls, ranges: Iterable[tuple[dt.date, dt.date]]) -> "SchoolCalendar":
        return cls(frozenset((start, end) for start, end in ranges))

    def is_closed(self, day: dt.date) -> bool:
        return any(start <= day <= end for start, end in self.closures)


@dataclass(frozen=True)
class Term:
    name: str
    starts_on: dt.date
    ends_on: dt.date


class DutyHolder:
    COUNCIL = "council"
    SCHOOL = "school"


def is_school_day(day: dt.date, calendar: SchoolCalendar | None = None) -> bool:
    return is_working_day(day) and not (calendar is not None and calendar.is_closed(day))


def school_days_between(start: dt.date, end: dt.date, calendar: SchoolCalendar | None = None) -> list[dt.date]:
    """The school days from `start` to `end`, both included (none when `end` is before `start`)."""
    days = []
    day = start
    while day <= end:
        if is_school_day(day, calendar):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def next_school_day_from(day: dt.date, calendar: SchoolCalendar | None = None) -> dt.date:
    """`day` itself when it is a school day, otherwise the next one. Raises NoSchoolDayError when there is none in
    the year from `day` (or the search would run past the last date Python can hold)."""
    start = day
    for _ in range(_MAX_GAP_DAYS):
        if is_school_day(day, calendar):
            return day
        try:
            day += dt.timedelta(days=1)
        except OverflowError:
            break
    raise NoSchoolDayError(f"The calendar has no school day in the year from {start}.")


def closure_run_start(day: dt.date, calendar: SchoolCalendar | None = None) -> dt.date:
    """The first day of the run of non-school days that `day` is in (`day` itself when the day before it is a school
    day). Raises NoSchoolDayError when the run goes back more than a year."""
    for _ in range(_MAX_GAP_DAYS):
        try:
            before = day - dt.timedelta(days=1)
        except OverflowError:
            break
        if is_school_day(before, calendar):
            return day
        day = before
    raise NoSchoolDayError(f"The calendar has no school day in the year before {day}.")


def check_no_long_closure(day: dt.date, calendar: SchoolCalendar | None = None) -> None:
    """Raise NoSchoolDayError when the run of non-school days that `day` is in lasts more than a year, which would
    leave the sixth-day clock with no day to count. A new holiday is checked with its first day."""
    next_school_day_from(closure_run_start(day, calendar), calendar)


def nth_school_day(first_day: dt.date, n: int, calendar: SchoolCalendar | None = None) -> dt.date:
    """The nth school day counting `first_day` as day 1 when it is a school day; otherwise day 1 is the next
    school day after it."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"Count school days from 1, not {n!r}.")
    day = next_school_day_from(first_day, calendar)
    for _ in range(n - 1):
        day = next_school_day_from(day + dt.timedelta(days=1), calendar)
    return day


def sixth_school_day(first_day: dt.date, calendar: SchoolCalendar | None = None) -> dt.date:
    """The day full-time education must start after an exclusion that starts on `first_day`. With no calendar,
    school days are the weekdays that are not England bank holidays; a calendar adds the council's term
    holidays. The first day of exclusion counts as day 1 when it is a school day."""
    return nth_school_day(first_day, SIXTH_DAY, calendar)


def duty_holder(kind: str, school_days: int | None) -> str | None:
    """Whose sixth-day duty an exclusion starts: the council's for a permanent exclusion, the school's for a
    suspension of more than 5 school days, nobody's for a shorter suspension."""
    if kind == "permanent":
        return DutyHolder.COUNCIL
    if kind == "suspension" and school_days is not None and school_days > SUSPENSION_DAYS_WITHOUT_DUTY:
        return DutyHolder.SCHOOL
    return None


def exclusion_sixth_day(kind: str, first_day: dt.date, school_days: int | None = None,
                        calendar: SchoolCalendar | None = None) -> dt.date | None:
    """The sixth school day when the exclusion starts a duty, otherwise None."""
    if duty_holder(kind, school_days) is None:
        return None
    return sixth_school_day(first_day, calendar)


def sixth_day_missed(sixth_day: dt.date | None, provision_starts_on: dt.date | None, today: dt.date) -> bool:
    """A duty is missed once its sixth day has passed without full-time education starting on or before it; a
    late start does not undo that."""
    if sixth_day is None or today <= sixth_day:
        return False
    return provision_starts_on is None or provision_starts_on > sixth_day


def default_term(day: dt.date) -> Term:
    """The term a day falls in when the council has entered no term dates: autumn 1 September to 31 December,
    spring 1 January to 31 March, summer 1 April to 31 August. These are broader than real terms so that every
    day belongs to one, holidays included; counting only recorded school days keeps the total right, and the
    boundaries follow the usual English pattern of Christmas and Easter breaks."""
    year = day.year
    if day.month >= 9:
        return Term(f"Autumn term {year}", dt.date(year, 9, 1), dt.date(year, 12, 31))
    if day.month <= 3:
        return Term(f"Spring term {year}", dt.date(year, 1, 1), dt.date(year, 3, 31))
    return Term(f"Summer term {year}", dt.date(year, 4, 1), dt.date(year, 8, 31))


def term_containing(day: dt.date, terms: Iterable = ()) -> Term:
    """The entered term (anything with `name`, `starts_on` and `ends_on`) that contains `day`, the earliest-starting
    one if entries overlap. When none does, because no terms are entered or the day falls between them, the
    default term from `default_term`, cut short where it would run into an entered term, so that no day is ever
    counted in two terms."""
    terms = list(terms)
    matching = sorted((term for term in terms if term.starts_on <= day <= term.ends_on), key=lambda t: t.starts_on)
    if matching:
        term = matching[0]
        return Term(str(term.name), term.starts_on, term.ends_on)
    default = default_term(day)
    starts_on, ends_on = default.starts_on, default.ends_on
    for term in terms:
        if term.ends_on < day:
            starts_on = max(starts_on, term.ends_on + dt.timedelta(days=1))
        elif term.starts_on > day:
            ends_on = min(ends_on, term.starts_on - dt.timedelta(days=1))
    return Term(default.name, starts_on, ends_on)


def health_absence_days_in_term(dates: Iterable[dt.date], term_start: dt.date, term_end: dt.date) -> int:
    """How many different days in `dates` fall within the term, both ends included."""
    return len({day for day in dates if term_start <= day <= term_end})


def reaches_health_needs_threshold(days_in_term: int) -> bool:
    return days_in_term >= HEALTH_NEEDS_DAYS
