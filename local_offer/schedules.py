"""Schedules in plain English, from their iCalendar-style fields. Pure functions, tested with a table."""

import datetime as dt
import re

from send_portal.core.dates import govuk_time

DAY_NAMES = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday",
             "SA": "Saturday", "SU": "Sunday"}
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
BYDAY_PART = re.compile(r"^(-?\d)?(MO|TU|WE|TH|FR|SA|SU)$")


def _and_join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _days(byday: str) -> tuple[list[str], list[str]]:
    """Split 'MO,WE,1FR' into plain weekdays and ordinal days ('first Friday')."""
    weekly, monthly = [], []
    for part in filter(None, (p.strip().upper() for p in byday.split(","))):
        match = BYDAY_PART.match(part)
        if not match:
            continue
        ordinal, day = match.groups()
        if ordinal and int(ordinal) in ORDINALS:
            monthly.append(f"{ORDINALS[int(ordinal)]} {DAY_NAMES[day]}")
        else:
            weekly.append(DAY_NAMES[day])
    return weekly, monthly


def _as(kind, value):
    """Dates and times from a model row, or ISO strings from a listing snapshot."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return kind.fromisoformat(value)
        except ValueError:
            return None
    return value


def schedule_in_words(*, freq="", interval=1, byday="", bymonthday="", dtstart=None, until=None, opens_at=None,
                      closes_at=None, description="", **_ignored) -> str:
    """'Every Monday and Wednesday, 4pm to 6pm', 'The first Saturday of the month', 'On 12 March 2027'."""
    dtstart, until = _as(dt.date, dtstart), _as(dt.date, until)
    opens_at, closes_at = _as(dt.time, opens_at), _as(dt.time, closes_at)
    interval = int(interval or 1)
    weekly, monthly = _days(byday or "")
    if not freq:
        when = f"On {dtstart.day} {dtstart:%B %Y}" if dtstart else ""
    elif freq == "DAILY":
        when = "Every day" if interval == 1 else f"Every {interval} days"
    elif freq == "WEEKLY":
        days = _and_join(weekly) if weekly else "week"
        when = f"Every {days}" if interval == 1 else f"Every {interval} weeks on {_and_join(weekly) or 'the same day'}"
    elif freq == "MONTHLY":
        if monthly:
            when = f"The {_and_join(monthly)} of the month"
        elif bymonthday:
            when = f"Day {bymonthday} of each month"
        else:
            when = "Once a month"
        if interval > 1:
            when += f", every {interval} months"
    else:
        when = "Once a year"
    if opens_at and closes_at:
        hours = f"{govuk_time(opens_at)} to {govuk_time(closes_at)}"
        when = f"{when}, {hours}" if when else hours
    if until and freq:
        when += f", until {until.day} {until:%B %Y}"
    if description:
        when = f"{when} ({description})" if when else description
    return when
