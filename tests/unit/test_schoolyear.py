import datetime as dt

import pytest

from send_portal.people.schoolyear import end_of_school_year_turning_16, nc_year, nc_year_label

D = dt.date


@pytest.mark.parametrize(("born", "on", "expected"), [
    (D(2015, 8, 31), D(2026, 11, 22), 7),    # the youngest in the year: born 31 August
    (D(2015, 9, 1), D(2026, 11, 22), 6),     # 1 September starts the next cohort
    (D(2015, 9, 1), D(2026, 8, 31), 5),      # the day before the school year turns
    (D(2015, 9, 1), D(2026, 9, 1), 6),       # the school year turns on 1 September
    (D(2020, 2, 29), D(2025, 1, 10), 0),     # leap-day birthday, Reception
    (D(2021, 12, 25), D(2025, 1, 10), -2),   # two years before Reception
    (D(2021, 12, 25), D(2025, 9, 10), -1),   # the year before Reception (nursery)
    (D(2023, 1, 1), D(2025, 1, 10), -3),     # below school age
    (D(2010, 8, 31), D(2026, 7, 20), 11),    # last weeks of Year 11
    (D(2008, 10, 1), D(2026, 11, 22), 13),   # Year 13
    (D(2001, 3, 1), D(2026, 11, 22), 21),    # a 25-year-old, past Year 14
])
def test_nc_year(born, on, expected):
    assert nc_year(born, on) == expected


@pytest.mark.parametrize(("year", "label"), [(-2, "Below school age"), (-1, "Nursery"), (0, "Reception"),
                                             (1, "Year 1"), (14, "Year 14"), (15, "Post-19")])
def test_nc_year_label(year, label):
    assert nc_year_label(year) == label


@pytest.mark.parametrize(("born", "expected"), [
    (D(2010, 8, 31), D(2026, 8, 31)),   # turns 16 on the last day of the school year
    (D(2010, 9, 1), D(2027, 8, 31)),    # turns 16 on the first day of the next
    (D(2012, 2, 29), D(2028, 8, 31)),   # leap-day birthday
    (D(2011, 1, 1), D(2027, 8, 31)),
])
def test_rights_pass_at_end_of_school_year_turning_16(born, expected):
    assert end_of_school_year_turning_16(born) == expected
