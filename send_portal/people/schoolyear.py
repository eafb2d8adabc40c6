"""School-year arithmetic for England: national curriculum (NC) year and when rights pass to a young person.

Pure functions with no database access. A school year runs from 1 September to 31 August, and a child's
cohort is fixed by their date of birth: children born from 1 September to 31 August start Reception in the
September after they turn 4.
"""

import datetime as dt

RECEPTION = 0


def school_year_start(on: dt.date) -> int:
    """The calendar year in which the school year containing `on` began."""
    return on.year if on.month >= 9 else on.year - 1


def nc_year(date_of_birth: dt.date, on: dt.date) -> int:
    """The national curriculum year a child is in on a date: 0 is Reception, negative is before school.

    Years 12 to 14 are post-16 education; past 14 the number keeps counting so callers can tell
    a 19-to-25-year-old from a school-age child.
    """
    return school_year_start(on) - cohort_year(date_of_birth) - 4


def nc_year_label(year: int) -> str:
    if year < -1:
        return "Below school age"
    if year == -1:
        return "Nursery"
    if year == RECEPTION:
        return "Reception"
    if year <= 14:
        return f"Year {year}"
    return "Post-19"


def cohort_year(date_of_birth: dt.date) -> int:
    """The year ending the school year a child was born in: born 1 Sept 2014 to 31 Aug 2015 gives 2015."""
    return date_of_birth.year if date_of_birth.month < 9 else date_of_birth.year + 1


def end_of_school_year_turning_16(date_of_birth: dt.date) -> dt.date:
    """The 31 August ending the school year in which the child turns 16 (the end of compulsory school age)."""
    return dt.date(cohort_year(date_of_birth) + 16, 8, 31)


def is_over_compulsory_school_age(date_of_birth: dt.date, on: dt.date) -> bool:
    return on > end_of_school_year_turning_16(date_of_birth)
