"""Dates shared across the portal: how they are written, and which days are working days in England."""

import datetime as dt
from functools import lru_cache

import holidays
from django.utils import timezone


def govuk_date(value) -> str:
    """Dates the GOV.UK way: 4 June 2026."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"


def govuk_time(value) -> str:
    """Times the GOV.UK way: 2pm, 9:05am, midday and midnight (a datetime is taken in the portal's time zone)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if (value.hour, value.minute) == (12, 0):
        return "midday"
    if (value.hour, value.minute) == (0, 0):
        return "midnight"
    hour, suffix = value.hour % 12 or 12, "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


@lru_cache(maxsize=64)
def england_bank_holidays(year: int) -> frozenset[dt.date]:
    """England's bank holidays in a year, substitute days included, from the `holidays` package."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday in England."""
    return day.weekday() < 5 and day not in england_bank_holidays(day.year)


def first_working_day_from(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_days_after(day: dt.date, count: int) -> dt.date:
    # The day itself is day 0 whatever it is, so a Friday's first working day after is the Monday.
    for _ in range(count):
        day = first_working_day_from(day + dt.timedelta(days=1))
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    days, count = start, 0
    while days < end:
        days += dt.timedelta(days=1)
        count += is_working_day(days)
    return count
