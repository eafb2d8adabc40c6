"""Tables of cases for every statutory date, including leap years, month ends and bank holidays."""

import datetime as dt

import pytest

from ehc import deadlines

D = dt.date


@pytest.mark.parametrize(("function", "start", "expected"), [
    (deadlines.decision_to_assess_due, D(2026, 1, 5), D(2026, 2, 16)),
    (deadlines.decision_to_assess_due, D(2028, 2, 1), D(2028, 3, 14)),     # across 29 Feb 2028
    (deadlines.decision_to_assess_due, D(2026, 12, 24), D(2027, 2, 4)),    # across Christmas: calendar weeks
    (deadlines.decision_to_issue_due, D(2026, 1, 5), D(2026, 4, 27)),
    (deadlines.decision_to_issue_due, D(2027, 11, 30), D(2028, 3, 21)),    # leap year
    (deadlines.final_plan_due, D(2026, 1, 5), D(2026, 5, 25)),             # lands on a bank holiday: unchanged
    (deadlines.final_plan_due, D(2026, 10, 31), D(2027, 3, 20)),
    (deadlines.final_plan_due, D(2027, 10, 19), D(2028, 3, 7)),            # leap year
    (deadlines.advice_due, D(2026, 3, 31), D(2026, 5, 12)),
    (deadlines.advice_due, D(2028, 1, 25), D(2028, 3, 7)),                 # leap year
    (deadlines.draft_comments_close, D(2026, 2, 15), D(2026, 3, 1)),       # the service day is day 1
    (deadlines.draft_comments_close, D(2028, 2, 15), D(2028, 2, 29)),      # leap day
    (deadlines.draft_comments_close, D(2026, 12, 20), D(2027, 1, 3)),      # across the new year
    (deadlines.annual_review_due, D(2026, 3, 31), D(2027, 3, 31)),
    (deadlines.annual_review_due, D(2028, 2, 29), D(2029, 2, 28)),         # 29 February maps to 28 February
    (deadlines.annual_review_due, D(2027, 2, 28), D(2028, 2, 28)),
    (deadlines.annual_review_due, D(2026, 12, 31), D(2027, 12, 31)),
    (deadlines.review_decision_due, D(2026, 1, 30), D(2026, 2, 27)),
    (deadlines.review_decision_due, D(2028, 2, 10), D(2028, 3, 9)),        # leap year
])
def test_single_date_rules(function, start, expected):
    assert function(start) == expected


@pytest.mark.parametrize(("meeting", "notice", "expected"), [
    (D(2026, 1, 5), D(2026, 1, 19), D(2026, 3, 16)),    # notice + 8 weeks comes first
    (D(2026, 1, 5), D(2026, 2, 2), D(2026, 3, 30)),     # notice at 4 weeks: both limits meet
    (D(2026, 1, 5), D(2026, 3, 2), D(2026, 3, 30)),     # late notice: the 12-week long-stop wins
    (D(2028, 1, 10), D(2028, 1, 31), D(2028, 3, 27)),   # leap year
])
def test_amended_plan_due(meeting, notice, expected):
    assert deadlines.amended_plan_due(meeting, notice) == expected


@pytest.mark.parametrize(("year", "to_post16", "expected"), [
    (2027, False, D(2027, 2, 15)),
    (2027, True, D(2027, 3, 31)),
    (2028, False, D(2028, 2, 15)),
    (2028, True, D(2028, 3, 31)),
])
def test_phase_transfer_deadline(year, to_post16, expected):
    assert deadlines.phase_transfer_deadline(year, to_post16) == expected


@pytest.mark.parametrize(("decision_sent", "certificate", "expected"), [
    (D(2026, 3, 10), None, D(2026, 5, 10)),                 # 2 months
    (D(2026, 12, 31), None, D(2027, 2, 28)),                # clamped to the end of February
    (D(2027, 12, 31), None, D(2028, 2, 29)),                # leap year month end
    (D(2026, 3, 10), D(2026, 4, 20), D(2026, 5, 20)),       # the certificate gives the later date
    (D(2026, 3, 10), D(2026, 3, 20), D(2026, 5, 10)),       # the decision letter gives the later date
    (D(2026, 6, 1), None, D(2026, 9, 1)),                   # falls on 1 August: first working day of September
    (D(2026, 6, 30), None, D(2026, 9, 1)),                  # 30 August
    (D(2027, 6, 15), None, D(2027, 9, 1)),                  # 15 August 2027
    (D(2029, 6, 10), None, D(2029, 9, 3)),                  # 1 September 2029 is a Saturday
    (D(2026, 10, 25), None, D(2027, 1, 4)),                 # 25 December; 2 January 2027 is a Saturday
    (D(2026, 11, 1), None, D(2027, 1, 4)),                  # 1 January; the bank holiday is Friday 1 January
    (D(2027, 10, 28), None, D(2028, 1, 4)),                 # 28 December; Monday 3 January 2028 is a bank holiday
    (D(2026, 10, 24), None, D(2026, 12, 24)),               # 24 December is not moved
    (D(2026, 11, 2), None, D(2027, 1, 2)),                  # 2 January is not moved, even on a Saturday
    (D(2026, 5, 31), None, D(2026, 7, 31)),                 # 31 July stays
    (D(2026, 4, 30), D(2026, 7, 5), D(2026, 9, 1)),         # certificate + 1 month falls in August
])
def test_appeal_deadline(decision_sent, certificate, expected):
    assert deadlines.appeal_deadline(decision_sent, certificate) == expected


@pytest.mark.parametrize(("day", "working"), [
    (D(2026, 12, 25), False), (D(2026, 12, 28), False),  # Boxing Day (substitute day)
    (D(2026, 5, 25), False), (D(2026, 8, 31), False), (D(2026, 8, 28), True), (D(2026, 11, 21), False),
])
def test_working_days_follow_england_bank_holidays(day, working):
    assert deadlines.is_working_day(day) is working
