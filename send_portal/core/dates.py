"""Dates shared across the portal: how they are written, and which days are working days in England."""

import datetime as dt
from functools import lru_cache

import holidays


def govuk_date(value) -> str:
    """Dates the GOV.UK way: 4 June 2026."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"


@lru_cache(maxsize=64)
def england_bank_holidays(year: int) -> frozenset[dt.date]:
    """England's bank holidays in a year, substitute days included, from the `holidays` package."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday in England."""
    return day.weekday() < 5 and day not in england_bank_holidays(day.year)
