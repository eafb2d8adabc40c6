"""Table tests for the school-day arithmetic behind the sixth-day duty and the health needs count. Every expected
date was counted by hand on a calendar, not computed."""

import datetime as dt

import pytest

from alt_provision import deadlines
from alt_provision.deadlines import SchoolCalendar, Term
from send_portal.core import dates

D = dt.date
FEBRUARY_HALF_TERM = SchoolCalendar.from_ranges([(D(2026, 2, 16), D(2026, 2, 20))])


@pytest.mark.parametrize(("first_day", "calendar", "sixth"), [
    # A Monday: Monday to Friday are days 1 to 5, the next Monday day 6.
    (D(2026, 3, 2), None, D(2026, 3, 9)),
    # A Thursday: the weekend is skipped.
    (D(2026, 3, 5), None, D(2026, 3, 12)),
    # A Saturday: day 1 is the Monday after.
    (D(2026, 3, 7), None, D(2026, 3, 16)),
    # A Sunday, likewise.
    (D(2026, 3, 8), None, D(2026, 3, 16)),
    # The late May bank holiday (Monday 25 May 2026) is skipped.
    (D(2026, 5, 20), None, D(2026, 5, 28)),
    # A first day on that bank holiday: day 1 is the Tuesday.
    (D(2026, 5, 25), None, D(2026, 6, 2)),
    # The August bank holiday (Monday 31 August 2026).
    (D(2026, 8, 25), None, D(2026, 9, 2)),
    # Christmas Day (Friday) and Boxing Day's substitute (Monday 28 December 2026).
    (D(2026, 12, 22), None, D(2026, 12, 31)),
    # Christmas Day and Boxing Day on Thursday and Friday (2025).
    (D(2025, 12, 22), None, D(2025, 12, 31)),
    # New Year's Day (Friday 1 January 2027), across the change of year.
    (D(2026, 12, 30), None, D(2027, 1, 7)),
    # Good Friday (3 April 2026) and Easter Monday (6 April 2026).
    (D(2026, 4, 1), None, D(2026, 4, 10)),
    # Easter 2025: Good Friday 18 April and Easter Monday 21 April.
    (D(2025, 4, 16), None, D(2025, 4, 25)),
    # A February half term the council entered: the whole week is skipped.
    (D(2026, 2, 12), FEBRUARY_HALF_TERM, D(2026, 2, 26)),
    # The same exclusion with no calendar counts the half-term week.
    (D(2026, 2, 12), None, D(2026, 2, 19)),
    # A first day inside the half term: day 1 is the first day back.
    (D(2026, 2, 17), FEBRUARY_HALF_TERM, D(2026, 3, 2)),
    # A calendar closure and a bank holiday together: a closure day on Friday 22 May, then the late May holiday.
    (D(2026, 5, 20), SchoolCalendar.from_ranges([(D(2026, 5, 22), D(2026, 5, 22))]), D(2026, 5, 29)),
])
def test_sixth_school_day(first_day, calendar, sixth):
    assert deadlines.sixth_school_day(first_day, calendar) == sixth
    assert deadlines.is_school_day(sixth, calendar)


@pytest.mark.parametrize(("first_day", "n", "expected"), [
    (D(2026, 3, 2), 1, D(2026, 3, 2)),
    (D(2026, 3, 7), 1, D(2026, 3, 9)),
    (D(2026, 3, 2), 5, D(2026, 3, 6)),
    (D(2026, 3, 2), 11, D(2026, 3, 16)),
])
def test_nth_school_day(first_day, n, expected):
    assert deadlines.nth_school_day(first_day, n) == expected


@pytest.mark.parametrize("n", [0, -1, True, 2.5])
def test_nth_school_day_counts_from_one(n):
    with pytest.raises(ValueError, match="Count school days from 1"):
        deadlines.nth_school_day(D(2026, 3, 2), n)


def test_a_calendar_with_no_school_days_is_refused_not_looped():
    closed = SchoolCalendar.from_ranges([(D(2026, 1, 1), D(2030, 12, 31))])
    with pytest.raises(ValueError, match="no school day"):
        deadlines.sixth_school_day(D(2026, 3, 2), closed)


@pytest.mark.parametrize(("day", "calendar", "school_day"), [
    (D(2026, 3, 2), None, True),
    (D(2026, 3, 7), None, False),
    (D(2026, 12, 28), None, False),
    (D(2026, 2, 18), None, True),
    (D(2026, 2, 18), FEBRUARY_HALF_TERM, False),
    (D(2026, 2, 20), FEBRUARY_HALF_TERM, False),
    (D(2026, 2, 23), FEBRUARY_HALF_TERM, True),
])
def test_is_school_day(day, calendar, school_day):
    assert deadlines.is_school_day(day, calendar) is school_day


def test_school_days_between_includes_both_ends():
    assert deadlines.school_days_between(D(2026, 2, 12), D(2026, 2, 24), FEBRUARY_HALF_TERM) == [
        D(2026, 2, 12), D(2026, 2, 13), D(2026, 2, 23), D(2026, 2, 24)]
    assert deadlines.school_days_between(D(2026, 2, 24), D(2026, 2, 12)) == []


@pytest.mark.parametrize(("kind", "school_days", "holder"), [
    ("permanent", None, "council"),
    ("suspension", 6, "school"),
    ("suspension", 5, None),
    ("suspension", 1, None),
    ("suspension", None, None),
])
def test_duty_holder(kind, school_days, holder):
    assert deadlines.duty_holder(kind, school_days) == holder
    sixth = deadlines.exclusion_sixth_day(kind, D(2026, 3, 2), school_days)
    assert sixth == (D(2026, 3, 9) if holder else None)


@pytest.mark.parametrize(("provision", "today", "missed"), [
    (None, D(2026, 3, 9), False),            # the sixth day itself: still in time
    (None, D(2026, 3, 10), True),
    (D(2026, 3, 9), D(2026, 4, 1), False),   # started on the sixth day
    (D(2026, 3, 5), D(2026, 4, 1), False),
    (D(2026, 3, 10), D(2026, 4, 1), True),   # a late start stays missed
])
def test_sixth_day_missed(provision, today, missed):
    assert deadlines.sixth_day_missed(D(2026, 3, 9), provision, today) is missed


def test_no_duty_is_never_missed():
    assert deadlines.sixth_day_missed(None, None, D(2030, 1, 1)) is False


@pytest.mark.parametrize(("day", "expected"), [
    (D(2026, 9, 1), Term("Autumn term 2026", D(2026, 9, 1), D(2026, 12, 31))),
    (D(2026, 12, 31), Term("Autumn term 2026", D(2026, 9, 1), D(2026, 12, 31))),
    (D(2027, 1, 1), Term("Spring term 2027", D(2027, 1, 1), D(2027, 3, 31))),
    (D(2027, 3, 31), Term("Spring term 2027", D(2027, 1, 1), D(2027, 3, 31))),
    (D(2027, 4, 1), Term("Summer term 2027", D(2027, 4, 1), D(2027, 8, 31))),
    (D(2027, 8, 31), Term("Summer term 2027", D(2027, 4, 1), D(2027, 8, 31))),
])
def test_default_terms_when_none_are_entered(day, expected):
    assert deadlines.term_containing(day) == expected
    assert deadlines.term_containing(day, []) == expected


def test_entered_terms_win_and_gaps_fall_back():
    autumn = Term("Autumn 2026", D(2026, 9, 3), D(2026, 12, 18))
    spring = Term("Spring 2027", D(2027, 1, 5), D(2027, 3, 26))
    assert deadlines.term_containing(D(2026, 10, 1), [spring, autumn]) == autumn
    assert deadlines.term_containing(D(2027, 1, 5), [spring, autumn]) == spring
    # A day between entered terms falls in the default term, cut short so it never overlaps an entered one.
    assert deadlines.term_containing(D(2026, 12, 22), [spring, autumn]) == Term(
        "Autumn term 2026", D(2026, 12, 19), D(2026, 12, 31))
    assert deadlines.term_containing(D(2026, 9, 1), [spring, autumn]) == Term(
        "Autumn term 2026", D(2026, 9, 1), D(2026, 9, 2))


def test_health_absence_days_in_term_counts_distinct_days_inside_the_term():
    days = [D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 1), D(2026, 10, 5), D(2026, 12, 31), D(2027, 1, 4)]
    assert deadlines.health_absence_days_in_term(days, D(2026, 9, 1), D(2026, 12, 31)) == 3
    assert deadlines.health_absence_days_in_term([], D(2026, 9, 1), D(2026, 12, 31)) == 0
    assert not deadlines.reaches_health_needs_threshold(14)
    assert deadlines.reaches_health_needs_threshold(15)


@pytest.mark.parametrize(("day", "working"), [
    (D(2026, 12, 28), False), (D(2026, 12, 29), True), (D(2026, 4, 3), False), (D(2026, 3, 7), False),
])
def test_core_working_days(day, working):
    assert dates.is_working_day(day) is working
    assert (day in dates.england_bank_holidays(day.year)) is (day.weekday() < 5 and not working)
