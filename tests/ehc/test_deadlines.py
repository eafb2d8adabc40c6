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
    (deadlines.review_invitations_by, D(2026, 3, 10), D(2026, 2, 24)),
    (deadlines.review_invitations_by, D(2028, 3, 14), D(2028, 2, 29)),     # leap day
    (deadlines.review_invitations_by, D(2026, 3, 14), D(2026, 2, 28)),     # month end
    (deadlines.review_invitations_by, D(2027, 1, 8), D(2026, 12, 25)),     # lands on Christmas Day: unchanged
    (deadlines.review_advice_circulated_by, D(2026, 10, 1), D(2026, 9, 17)),
    (deadlines.review_advice_circulated_by, D(2028, 3, 13), D(2028, 2, 28)),   # back across 29 Feb 2028
    (deadlines.review_advice_circulated_by, D(2026, 5, 14), D(2026, 4, 30)),   # month end
    (deadlines.review_report_due, D(2026, 2, 20), D(2026, 3, 6)),
    (deadlines.review_report_due, D(2028, 2, 20), D(2028, 3, 5)),          # leap year
    (deadlines.review_report_due, D(2026, 12, 17), D(2026, 12, 31)),       # month end
    (deadlines.review_report_due, D(2027, 3, 15), D(2027, 3, 29)),         # lands on Easter Monday: unchanged
    (deadlines.amendment_comments_close, D(2026, 4, 1), D(2026, 4, 15)),   # the service day is day 1
    (deadlines.amendment_comments_close, D(2028, 2, 16), D(2028, 3, 1)),   # leap year
    (deadlines.amendment_comments_close, D(2026, 1, 17), D(2026, 1, 31)),  # month end
    (deadlines.post16_transfer_deadline, D(2027, 7, 31), D(2027, 2, 28)),  # clamped to the end of February
    (deadlines.post16_transfer_deadline, D(2028, 7, 31), D(2028, 2, 29)),  # leap year month end
    (deadlines.post16_transfer_deadline, D(2026, 6, 30), D(2026, 1, 30)),
    (deadlines.post16_transfer_deadline, D(2027, 1, 4), D(2026, 8, 4)),    # back across the new year
    (deadlines.transfer_notice_due, D(2026, 1, 5), D(2026, 2, 16)),
    (deadlines.transfer_notice_due, D(2028, 1, 31), D(2028, 3, 13)),       # across 29 Feb 2028
    (deadlines.transfer_notice_due, D(2026, 11, 30), D(2027, 1, 11)),      # month end, across Christmas
    (deadlines.reassessment_decision_due, D(2026, 3, 2), D(2026, 3, 17)),
    (deadlines.reassessment_decision_due, D(2028, 2, 20), D(2028, 3, 6)),  # leap year
    (deadlines.reassessment_decision_due, D(2027, 2, 20), D(2027, 3, 7)),
    (deadlines.reassessment_decision_due, D(2026, 1, 16), D(2026, 1, 31)),     # month end
    (deadlines.reassessment_decision_due, D(2026, 12, 17), D(2027, 1, 1)),     # lands on New Year's Day: unchanged
    (deadlines.reassessment_final_plan_due, D(2026, 1, 5), D(2026, 4, 13)),
    (deadlines.reassessment_final_plan_due, D(2027, 11, 30), D(2028, 3, 7)),   # month end, leap year
    (deadlines.reassessment_final_plan_due, D(2026, 10, 31), D(2027, 2, 6)),   # month end
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


@pytest.mark.parametrize(("last", "interval_months", "expected"), [
    (D(2026, 1, 15), 3, D(2026, 4, 15)),
    (D(2026, 8, 31), 6, D(2027, 2, 28)),     # clamped to the end of February
    (D(2027, 8, 31), 6, D(2028, 2, 29)),     # leap year month end
    (D(2027, 11, 30), 3, D(2028, 2, 29)),    # leap year month end
    (D(2028, 2, 29), 4, D(2028, 6, 29)),     # from a leap day
    (D(2026, 10, 31), 4, D(2027, 2, 28)),
    (D(2026, 5, 31), 5, D(2026, 10, 31)),
])
def test_early_years_review_due(last, interval_months, expected):
    assert deadlines.early_years_review_due(last, interval_months) == expected


@pytest.mark.parametrize("interval_months", [2, 7, 0, -3, 12, 4.0, "3", None, True])
def test_early_years_review_interval_must_be_3_to_6_months(interval_months):
    with pytest.raises(ValueError, match="3 to 6"):
        deadlines.early_years_review_due(D(2026, 1, 15), interval_months)


@pytest.mark.parametrize(("moved_on", "aware_on", "expected"), [
    (D(2026, 6, 1), D(2026, 3, 2), D(2026, 6, 1)),          # plenty of notice: the day of the move
    (D(2026, 3, 23), D(2026, 3, 2), D(2026, 3, 23)),        # the move is the 15th working day: the day of the move
    (D(2026, 3, 20), D(2026, 3, 2), D(2026, 3, 23)),        # 14 working days' notice: the 15th working day
    (D(2027, 4, 2), D(2027, 3, 10), D(2027, 4, 2)),         # 15 working days across Easter 2027
    (D(2027, 4, 2), D(2027, 3, 12), D(2027, 4, 6)),         # Good Friday and Easter Monday push it past the move
    (D(2027, 4, 1), D(2027, 3, 15), D(2027, 4, 7)),
    (D(2027, 12, 20), D(2027, 12, 17), D(2028, 1, 12)),     # 27, 28 December and 3 January 2028 are bank holidays
    (D(2027, 1, 4), D(2026, 12, 26), D(2027, 1, 19)),       # learned on Boxing Day: the next working day is day 1
    (D(2026, 8, 31), D(2026, 8, 14), D(2026, 9, 7)),        # month end: the move is on the August bank holiday
    (D(2028, 3, 6), D(2028, 2, 18), D(2028, 3, 10)),        # leap year
    (D(2026, 6, 1), D(2026, 6, 3), D(2026, 6, 24)),         # learned after the move: 15 working days from then
])
def test_plan_transfer_due(moved_on, aware_on, expected):
    assert deadlines.plan_transfer_due(moved_on, aware_on) == expected


@pytest.mark.parametrize(("last_reviewed", "transferred_on", "expected"), [
    (D(2026, 3, 31), D(2026, 6, 1), D(2027, 3, 31)),        # 12 months from the last review is later
    (D(2026, 1, 10), D(2026, 11, 30), D(2027, 2, 28)),      # 3 months from the transfer, clamped to the month end
    (D(2028, 2, 29), D(2028, 10, 15), D(2029, 2, 28)),      # 29 February maps to 28 February
    (D(2027, 2, 1), D(2027, 11, 30), D(2028, 2, 29)),       # leap year month end
    (D(2026, 5, 28), D(2027, 2, 28), D(2027, 5, 28)),       # both limits meet
])
def test_transfer_review_due(last_reviewed, transferred_on, expected):
    assert deadlines.transfer_review_due(last_reviewed, transferred_on) == expected


@pytest.mark.parametrize(("order_sent", "order", "expected"), [
    (D(2026, 1, 5), "assess", [
        ("Tell the family the council will assess", D(2026, 1, 19)),
        ("Tell the family if no plan will be issued", D(2026, 3, 16)),
        ("Issue the final plan", D(2026, 4, 13)),
    ]),
    (D(2027, 12, 20), "assess", [
        ("Tell the family the council will assess", D(2028, 1, 3)),      # a bank holiday: unchanged
        ("Tell the family if no plan will be issued", D(2028, 2, 28)),
        ("Issue the final plan", D(2028, 3, 27)),                         # across 29 Feb 2028
    ]),
    (D(2028, 1, 31), "make_plan", [
        ("Issue the draft plan", D(2028, 3, 6)),                          # month end, leap year
        ("Issue the final plan", D(2028, 4, 17)),                         # Easter Monday: unchanged
    ]),
    (D(2026, 12, 24), "amend", [("Issue the amended plan with the provision in place", D(2027, 1, 28))]),
    (D(2028, 2, 15), "placement_only", [("Issue the plan naming the new school or college", D(2028, 2, 29))]),
    (D(2026, 8, 31), "continue", [("Continue to maintain the plan", D(2026, 8, 31))]),   # at once
    (D(2026, 12, 31), "cease", [("Cease to maintain the plan", D(2026, 12, 31))]),      # at once, month end
])
def test_tribunal_order_due_dates(order_sent, order, expected):
    assert deadlines.tribunal_order_due_dates(order_sent, order) == expected


@pytest.mark.parametrize(("order", "label"), deadlines.TRIBUNAL_ORDERS)
def test_every_tribunal_order_has_dates_in_order(order, label):
    due = deadlines.tribunal_order_due_dates(D(2028, 2, 29), order)
    assert label and due
    assert [day for _, day in due] == sorted(day for _, day in due)


@pytest.mark.parametrize("order", ["Assess", "", "appeal", "make plan"])
def test_unknown_tribunal_order(order):
    with pytest.raises(ValueError, match="Unknown tribunal order"):
        deadlines.tribunal_order_due_dates(D(2026, 1, 5), order)


def _transfer(kind, transfer_year):
    labels = {
        "early_years_to_school": "Early years to school",
        "infant_to_junior": "Infant to junior school",
        "primary_to_secondary": "Primary to secondary school",
        "secondary_to_post16": "Secondary school to post-16",
    }
    deadline = deadlines.phase_transfer_deadline(transfer_year, kind == "secondary_to_post16")
    return deadlines.PhaseTransfer(kind, labels[kind], transfer_year, deadline)


@pytest.mark.parametrize(("nc_year", "today", "infant_school", "expected"), [
    (-1, D(2026, 10, 1), False, _transfer("early_years_to_school", 2027)),   # nursery: 15 February 2027
    (-1, D(2027, 8, 31), False, _transfer("early_years_to_school", 2027)),   # last day of the school year
    (-1, D(2027, 9, 1), True, _transfer("early_years_to_school", 2028)),     # first day of the next school year
    (-2, D(2026, 10, 1), False, _transfer("early_years_to_school", 2028)),   # two years before Reception
    (0, D(2026, 10, 1), True, _transfer("infant_to_junior", 2029)),
    (2, D(2027, 2, 28), True, _transfer("infant_to_junior", 2027)),          # month end
    (2, D(2027, 2, 28), False, _transfer("primary_to_secondary", 2031)),     # a primary school: no move after Year 2
    (3, D(2026, 10, 1), True, _transfer("primary_to_secondary", 2030)),      # past infant school
    (4, D(2026, 9, 1), False, _transfer("primary_to_secondary", 2029)),
    (6, D(2027, 12, 31), False, _transfer("primary_to_secondary", 2028)),    # 15 February 2028
    (7, D(2026, 9, 1), False, _transfer("secondary_to_post16", 2031)),
    (11, D(2027, 9, 1), False, _transfer("secondary_to_post16", 2028)),      # 31 March 2028
    (11, D(2028, 2, 29), False, _transfer("secondary_to_post16", 2028)),     # leap day
    (12, D(2026, 10, 1), False, None),                                       # post-16 moves: Reg 18(2)
    (13, D(2028, 2, 29), True, None),
    (15, D(2026, 10, 1), False, None),
])
def test_next_phase_transfer(nc_year, today, infant_school, expected):
    assert deadlines.next_phase_transfer(nc_year, today, infant_school=infant_school) == expected


def test_next_phase_transfer_deadlines():
    assert deadlines.next_phase_transfer(6, D(2026, 10, 1)).deadline == D(2027, 2, 15)
    assert deadlines.next_phase_transfer(11, D(2027, 12, 31)).deadline == D(2028, 3, 31)


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
