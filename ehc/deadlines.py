"""Statutory time limits for EHC needs assessments and plans, as pure date arithmetic.

No database access: every other part of the portal calls these functions. Weeks are calendar weeks and
months are calendar months (a day that does not exist in the target month becomes that month's last day).
A working day is Monday to Friday and not a bank holiday in England. Sources are in
../shared/domain/statutory.md §1, §3, §4.3, §4.4 and §11: the Children and Families Act 2014, the SEND
Regulations 2014 ("Reg") and the SEND Code of Practice 0 to 25 (2015).
"""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from send_portal.core.dates import england_bank_holidays as _england_bank_holidays  # noqa: F401 - older name
from send_portal.core.dates import first_working_day_from, is_working_day, working_days_after  # noqa: F401
from send_portal.people.schoolyear import school_year_start


def _weeks(start: dt.date, weeks: int) -> dt.date:
    return start + dt.timedelta(weeks=weeks)


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


def early_years_review_due(last: dt.date, interval_months: int) -> dt.date:
    """SEND Code of Practice 9.178: for a child under 5 the council should review every 3 to 6 months, so the
    next review is the chosen number of calendar months from the last one."""
    # bool is an int, but True and False are outside 3 to 6 so the range check turns them away too.
    if not isinstance(interval_months, int) or not 3 <= interval_months <= 6:
        raise ValueError(
            f"An early years review interval must be a whole number of months from 3 to 6, not {interval_months!r}."
        )
    return last + relativedelta(months=interval_months)


def review_invitations_by(meeting: dt.date) -> dt.date:
    """Reg 20(3)/21(3): invitations to a review meeting must give at least 2 weeks' notice of the date."""
    return _weeks(meeting, -2)


def review_advice_circulated_by(meeting: dt.date) -> dt.date:
    """Reg 20(4)/21(4): advice and information for a review must be circulated at least 2 weeks before the
    meeting."""
    return _weeks(meeting, -2)


def review_report_due(meeting: dt.date) -> dt.date:
    """Reg 20(7)/21(7): the review report within 2 weeks of the review meeting."""
    return _weeks(meeting, 2)


def amendment_comments_close(served: dt.date) -> dt.date:
    """Reg 22(2)(c): at least 15 days beginning with the day the amendment notice was served, counted as for a
    draft plan."""
    # The same 15-day rule as reg 13(1)(a), so it is kept in one place.
    return draft_comments_close(served)


def post16_transfer_deadline(transfer_on: dt.date) -> dt.date:
    """Reg 18(2): for a move between two post-16 institutions, review and amend the plan at least 5 months
    before the transfer (31 July → 28 or 29 February)."""
    # Clamping to the month end gives a date slightly more than 5 months ahead, which is the safe side.
    return transfer_on - relativedelta(months=5)


def plan_transfer_due(moved_on: dt.date, aware_on: dt.date) -> dt.date:
    """Reg 15(2): the old council transfers the plan on the day of the move, or, if it learned of the move fewer
    than 15 working days before it, within 15 working days of learning of it."""
    fifteenth = working_days_after(aware_on, 15)
    # If the 15th working day after learning of the move is on or before the move day, the council had 15
    # working days' notice and the move day is the deadline; otherwise the 15th working day is.
    return max(moved_on, fifteenth)


def transfer_notice_due(transferred_on: dt.date) -> dt.date:
    """Reg 15(4): the new council tells the family within 6 weeks of the transfer that the plan has moved,
    whether it will assess and when it will review."""
    return _weeks(transferred_on, 6)


def transfer_review_due(last_reviewed: dt.date, transferred_on: dt.date) -> dt.date:
    """Reg 15(5): the new council reviews by the later of 12 months from the plan being made or last reviewed
    and 3 months from the transfer."""
    return max(annual_review_due(last_reviewed), transferred_on + relativedelta(months=3))


def reassessment_decision_due(requested: dt.date) -> dt.date:
    """Reg 25: decide whether to re-assess within 15 days of the request."""
    return requested + dt.timedelta(days=15)


def reassessment_final_plan_due(notice: dt.date) -> dt.date:
    """Reg 27(2): the final plan within 14 weeks of the reg 25(1) notice that the council will re-assess."""
    return _weeks(notice, 14)


TRIBUNAL_ORDERS: tuple[tuple[str, str], ...] = (
    ("assess", "Carry out an assessment or re-assessment"),
    ("make_plan", "Make and maintain a plan"),
    ("amend", "Amend the needs or provision in the plan"),
    ("placement_only", "Change only the school or college named"),
    ("continue", "Continue to maintain the plan"),
    ("cease", "Dismiss an appeal against ceasing: cease the plan"),
)

# Weeks from the day the order is sent, in date order; 0 means at once.
_TRIBUNAL_ORDER_STEPS: dict[str, tuple[tuple[str, int], ...]] = {
    "assess": (
        ("Tell the family the council will assess", 2),
        ("Tell the family if no plan will be issued", 10),
        ("Issue the final plan", 14),
    ),
    "make_plan": (("Issue the draft plan", 5), ("Issue the final plan", 11)),
    # BA v Nottinghamshire [2021] EWHC 1348 (Admin): the provision must be in place by then, not just written.
    "amend": (("Issue the amended plan with the provision in place", 5),),
    "placement_only": (("Issue the plan naming the new school or college", 2),),
    "continue": (("Continue to maintain the plan", 0),),
    "cease": (("Cease to maintain the plan", 0),),
}


def tribunal_order_due_dates(order_sent: dt.date, order: str) -> list[tuple[str, dt.date]]:
    """SEND Reg 44(2): what the council must do after a tribunal order, and by when, with time running from the
    day the order is sent."""
    if order not in _TRIBUNAL_ORDER_STEPS:
        known = ", ".join(key for key, _ in TRIBUNAL_ORDERS)
        raise ValueError(f"Unknown tribunal order {order!r}: it must be one of {known}.")
    return [(label, _weeks(order_sent, weeks)) for label, weeks in _TRIBUNAL_ORDER_STEPS[order]]


@dataclass(frozen=True)
class PhaseTransfer:
    """A transfer between phases (Reg 2(1)) and the date by which the plan must be reviewed and amended for it."""

    kind: str
    label: str
    transfer_year: int
    deadline: dt.date


# (kind, label, the national curriculum year the child leaves from, whether the move is into post-16).
# Primary to middle and middle to secondary are left out: the years they fall in depend on the middle school.
_PHASE_TRANSFERS: tuple[tuple[str, str, int, bool], ...] = (
    ("early_years_to_school", "Early years to school", -1, False),
    ("infant_to_junior", "Infant to junior school", 2, False),
    ("primary_to_secondary", "Primary to secondary school", 6, False),
    ("secondary_to_post16", "Secondary school to post-16", 11, True),
)


def next_phase_transfer(nc_year: int, today: dt.date, *, infant_school: bool = False) -> PhaseTransfer | None:
    """Reg 2(1) and Reg 18(1): the next transfer between phases a child in national curriculum year `nc_year`
    faces, with its 15 February or 31 March deadline; None from Year 12, where Reg 18(2) dates each move."""
    for kind, label, leaving_year, to_post16 in _PHASE_TRANSFERS:
        # Only a child at an infant school changes school after Year 2; the caller knows the school.
        if kind == "infant_to_junior" and not infant_school:
            continue
        if nc_year <= leaving_year:
            # The move is in the September after the school year in which the child is in `leaving_year`.
            transfer_year = school_year_start(today) + (leaving_year - nc_year) + 1
            return PhaseTransfer(kind, label, transfer_year, phase_transfer_deadline(transfer_year, to_post16))
    return None
