"""Statutory time limits for EHC needs assessments and plans, as pure date arithmetic.

No database access: every other part of the portal calls these functions. Weeks are calendar weeks and
months are calendar months (a day that does not exist in the target month becomes that month's last day).
A working day is Monday to Friday and not a bank holiday in England. Sources are in
../shared/domain/statutory.md §1, §3, §4.3 and §11.
"""

import datetime as dt
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta


def _weeks(start: dt.date, weeks: int) -> dt.date:
    return start + dt.timedelta(weeks=weeks)


@lru_cache(maxsize=64)
def _england_bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _england_bank_holidays(day.year)


def first_working_day_from(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def decision_to_assess_due(received: dt.date) -> dt.date:
    """SEND Regulations 2014 reg 5(1): decide whether to assess within 6 weeks of receiving the request."""
    return _weeks(received, 6)


def decision_to_issue_due(received: dt.date) -> dt.date:
    """Reg 10(1): tell the family within 16 weeks if the council will not issue a plan."""
    return _weeks(received, 16)


def final_plan_due(received: dt.date) -> dt.date:
    """Reg 13(2): the final plan within 20 weeks of the request."""
    return _weeks(received, 20)


def advice_due(requested: dt.date) -> dt.date:
    """Reg 8(1): advice within 6 weeks of the request for it."""
    return _weeks(requested, 6)


def draft_comments_close(served: dt.date) -> dt.date:
    """Reg 13(1)(a): at least 15 days beginning with the day the draft was served, so the 15th day is served + 14."""
    return served + dt.timedelta(days=14)


def annual_review_due(last: dt.date) -> dt.date:
    """CFA 2014 s.44(1): review within 12 months of the plan being made or last reviewed (29 February → 28 February)."""
    return last + relativedelta(months=12)


def review_decision_due(meeting: dt.date) -> dt.date:
    """Reg 20(10)/21: the council's decision after a review meeting within 4 weeks of the meeting."""
    return _weeks(meeting, 4)


def amended_plan_due(meeting: dt.date, amendment_notice: dt.date) -> dt.date:
    """Reg 22(3) and the Devon judgment: 8 weeks from the amendment notice, and never later than 12 weeks
    from the review meeting."""
    return min(_weeks(meeting, 12), _weeks(amendment_notice, 8))


def phase_transfer_deadline(transfer_year: int, to_post16: bool) -> dt.date:
    """Reg 18(1): 31 March for a move from secondary school to a post-16 institution, otherwise 15 February,
    of the calendar year of the transfer."""
    return dt.date(transfer_year, 3, 31) if to_post16 else dt.date(transfer_year, 2, 15)


def appeal_deadline(decision_sent: dt.date, certificate: dt.date | None = None) -> dt.date:
    """The last day for the tribunal to receive an appeal: the later of 2 months from the decision letter and
    1 month from a mediation certificate. A deadline in August moves to the first working day of September,
    and one from 25 December to 1 January to the first working day after 1 January."""
    deadline = decision_sent + relativedelta(months=2)
    if certificate is not None:
        deadline = max(deadline, certificate + relativedelta(months=1))
    if deadline.month == 8:
        return first_working_day_from(dt.date(deadline.year, 9, 1))
    if (deadline.month, deadline.day) >= (12, 25):
        return first_working_day_from(dt.date(deadline.year + 1, 1, 2))
    if (deadline.month, deadline.day) == (1, 1):
        return first_working_day_from(dt.date(deadline.year, 1, 2))
    return deadline
