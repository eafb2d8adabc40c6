"""The partnership dashboard indicators: what each one measures, and the one rule that suppresses small counts.

Each indicator computes a list of rows (label, numerator, denominator, value) for a set of filters. Figures come
from `selectors`, which counts in the database; nothing here loops over cases.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from . import periods, selectors

PERCENT = "percent"
COUNT = "count"
DAYS = "days"

TIMELINESS = "Education, health and care (EHC) plan timeliness"
DEMAND = "Demand for education, health and care (EHC) needs assessments"

# How many periods the trend shows, ending with the chosen one.
TREND_LENGTH = 6
# Counts from 1 to this many could identify a child, so a viewer who must see aggregates only sees them suppressed.
SMALLEST_SHOWN = 5


class _Suppressed:
    """A count or percentage hidden because it is from 1 to 4."""

    def __repr__(self):
        return "SUPPRESSED"

    def __bool__(self):
        return False


SUPPRESSED = _Suppressed()
SUPPRESSED_TEXT = "fewer than 5"
SUPPRESSED_CSV = "c"  # the symbol official statistics use for a confidential figure


@dataclass(frozen=True)
class Row:
    label: str
    numerator: object  # int, or SUPPRESSED
    denominator: object  # int, None when the indicator has none, or SUPPRESSED
    value: object  # Decimal percentage, int count, None when there is nothing to divide, or SUPPRESSED
    england: Decimal | None = None
    is_total: bool = False
    short_label: str = ""
    # Cases left out of this row that another indicator counts (plans with an exception, for the "excluding
    # exceptions" measure): when 1 to 4, the difference between the two would reveal them, so the row is hidden.
    linked_count: int | None = None


@dataclass(frozen=True)
class Indicator:
    slug: str
    title: str
    theme: str
    about: str
    unit: str  # PERCENT, COUNT or DAYS
    numerator_label: str
    denominator_label: str
    identifies_small_counts: bool
    compute: Callable = field(repr=False)
    breakdown_label: str = "Period"
    higher_is_better: bool | None = True

    def rows(self, councils, filters: selectors.Filters) -> list[Row]:
        return self.compute(councils, filters)


def _is_small(count) -> bool:
    return isinstance(count, int) and not isinstance(count, bool) and 0 < count < SMALLEST_SHOWN


def suppress(rows: list[Row], *, additive: bool = False) -> list[Row]:
    """The one suppression rule. Every count from 1 to 4 is hidden, and so is a percentage whose numerator or
    denominator is from 1 to 4. For rows that add up to a total (`additive`), when exactly one part is hidden the
    next smallest part is hidden too, so the hidden one cannot be worked out from the total."""
    hidden = []
    for row in rows:
        counts = [row.numerator, row.denominator, row.linked_count]
        if isinstance(row.numerator, int) and isinstance(row.denominator, int):
            counts.append(row.denominator - row.numerator)  # those not meeting the measure are a count too
        if any(_is_small(count) for count in counts) or _is_small(row.value):
            # Hiding one figure of a row while showing the others would let it be worked out, so all go.
            hidden.append(replace(row, numerator=SUPPRESSED, value=SUPPRESSED,
                                  denominator=None if row.denominator is None else SUPPRESSED))
        else:
            hidden.append(row)
    if additive:
        parts = [index for index, row in enumerate(hidden) if not row.is_total]
        if sum(hidden[index].value is SUPPRESSED for index in parts) == 1:
            shown = [index for index in parts if hidden[index].value is not SUPPRESSED and rows[index].value]
            if shown:
                smallest = min(shown, key=lambda index: rows[index].value)
                hidden[smallest] = replace(hidden[smallest], numerator=SUPPRESSED, value=SUPPRESSED)
    return hidden


def _percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _series(filters: selectors.Filters) -> list[periods.Period]:
    return periods.previous(filters.period, TREND_LENGTH)


def compares_with_england(filters: selectors.Filters) -> bool:
    """England publishes calendar years for the whole population, so it sits beside unfiltered calendar years only."""
    return (filters.period.kind == periods.CALENDAR_YEAR and filters.district is None and not filters.primary_need
            and not filters.age_group)


def _trend(slug: str, counts: Callable, unit: str) -> Callable:
    """An indicator over the chosen period and the ones before it: one row per period."""

    def compute(councils, filters):
        series = _series(filters)
        england = selectors.england_figures(slug) if compares_with_england(filters) else {}
        rows = []
        for period, counted in zip(series, counts(councils, filters, series), strict=True):
            numerator, denominator, *linked = counted
            value = _percent(numerator, denominator) if unit == PERCENT else numerator
            figure = england.get(period.calendar_year)
            rows.append(Row(period.label, numerator, denominator, value, figure.value if figure else None,
                            short_label=period.short_label, linked_count=linked[0] if linked else None))
        return rows

    return compute


def _requests_by_source(councils, filters):
    counts = selectors.requests_by_source(councils, filters)
    total = sum(count for _, _, count in counts)
    rows = [Row(label, count, None, count) for _, label, count in counts]
    figure = None
    if compares_with_england(filters):
        figure = selectors.england_figures("ehc-requests-by-source").get(filters.period.calendar_year)
    rows.append(Row("All requests", total, None, total, figure.value if figure else None, is_total=True))
    return rows


_SEN2 = ("It follows the Department for Education's SEN2 return: a plan transferred from another council and a "
         "plan made after a re-assessment are not new plans, so they are left out.")

INDICATORS: list[Indicator] = [
    Indicator(
        slug="ehc-20-weeks-excluding-exceptions",
        title="New EHC plans issued within 20 weeks, excluding exceptions",
        theme=TIMELINESS,
        about=("The percentage of new education, health and care (EHC) plans issued within 20 weeks of the request "
               "for an assessment, leaving out plans where an exception to the 20-week time limit was recorded "
               "(SEND Regulations 2014, regulation 13(3): for example the school was closed for 4 weeks or more, "
               "or the family had exceptional personal circumstances). A plan counts in the period in which its "
               "first final version was issued. This is the Department for Education's headline measure. " + _SEN2),
        unit=PERCENT, numerator_label="Issued within 20 weeks", denominator_label="New plans issued",
        identifies_small_counts=True,
        compute=_trend("ehc-20-weeks-excluding-exceptions",
                       lambda councils, filters, series: selectors.new_plans_within_20_weeks(
                           councils, filters, series, excluding_exceptions=True), PERCENT),
    ),
    Indicator(
        slug="ehc-20-weeks-including-exceptions",
        title="New EHC plans issued within 20 weeks, including exceptions",
        theme=TIMELINESS,
        about=("The percentage of all new education, health and care (EHC) plans issued within 20 weeks of the "
               "request for an assessment, whether or not an exception to the time limit applied. A plan counts "
               "in the period in which its first final version was issued. " + _SEN2),
        unit=PERCENT, numerator_label="Issued within 20 weeks", denominator_label="New plans issued",
        identifies_small_counts=True,
        compute=_trend("ehc-20-weeks-including-exceptions",
                       lambda councils, filters, series: selectors.new_plans_within_20_weeks(
                           councils, filters, series, excluding_exceptions=False), PERCENT),
    ),
    Indicator(
        slug="ehc-decisions-to-assess-6-weeks",
        title="Decisions whether to assess made within 6 weeks",
        theme=TIMELINESS,
        about=("The percentage of decisions whether to carry out an education, health and care (EHC) needs "
               "assessment that were made within 6 weeks of the request (SEND Regulations 2014, regulation 5(1)). "
               "Decisions to assess and decisions not to assess both count, in the period the decision was made. "
               "Re-assessments are left out: they have their own 15-day limit."),
        unit=PERCENT, numerator_label="Decided within 6 weeks", denominator_label="Decisions made",
        identifies_small_counts=True,
        compute=_trend("ehc-decisions-to-assess-6-weeks", selectors.decisions_to_assess_within_6_weeks, PERCENT),
    ),
    Indicator(
        slug="ehc-not-to-issue-16-weeks",
        title="Decisions not to issue a plan made within 16 weeks",
        theme=TIMELINESS,
        about=("After an assessment, the council must tell the family within 16 weeks of the request if it will "
               "not issue an education, health and care (EHC) plan (SEND Regulations 2014, regulation 10(1)). "
               "This is the percentage of those decisions, made in the period, that were made in time."),
        unit=PERCENT, numerator_label="Decided within 16 weeks", denominator_label="Decisions not to issue",
        identifies_small_counts=True,
        compute=_trend("ehc-not-to-issue-16-weeks", selectors.not_to_issue_within_16_weeks, PERCENT),
    ),
    Indicator(
        slug="ehc-plans-over-a-year",
        title="New EHC plans issued more than a year after the request",
        theme=TIMELINESS,
        about=("The number of new education, health and care (EHC) plans issued in the period more than 52 weeks "
               "after the request for an assessment, as the Department for Education counts plans issued after "
               "more than a year. " + _SEN2),
        unit=COUNT, numerator_label="Issued after more than a year", denominator_label="New plans issued",
        identifies_small_counts=True, higher_is_better=False,
        compute=_trend("ehc-plans-over-a-year", selectors.plans_issued_over_a_year, COUNT),
    ),
    Indicator(
        slug="ehc-requests-by-source",
        title="Requests for an EHC needs assessment, by who made them",
        theme=DEMAND,
        about=("The number of requests for an education, health and care (EHC) needs assessment received in the "
               "period, by who made the request: a school or college, a parent or carer, a young person, or a "
               "professional bringing the child to the council's attention. Plans transferred from another "
               "council and re-assessments are not counted. The England figure is all initial requests in the "
               "calendar year."),
        unit=COUNT, numerator_label="Requests", denominator_label="",
        identifies_small_counts=True, breakdown_label="Who made the request", higher_is_better=None,
        compute=_requests_by_source,
    ),
]

BY_SLUG = {indicator.slug: indicator for indicator in INDICATORS}


@dataclass(frozen=True)
class Result:
    indicator: Indicator
    rows: list[Row]
    headline: Row
    suppressed: bool


def result_for(indicator: Indicator, councils, filters: selectors.Filters, *, suppressed: bool) -> Result:
    """The indicator's rows over these councils (a queryset, usually `selectors.councils_for(person)`) for these
    filters, with small counts suppressed when the viewer must see aggregates
    only. The headline is the total row where there is one, otherwise the chosen (latest) period."""
    rows = indicator.rows(councils, filters)
    if suppressed and indicator.identifies_small_counts:
        rows = suppress(rows, additive=indicator.breakdown_label != "Period")
    headline = next((row for row in rows if row.is_total), rows[-1])
    return Result(indicator, rows, headline, suppressed)


def display(value, unit: str) -> str:
    """A figure as the pages show it."""
    if value is SUPPRESSED:
        return SUPPRESSED_TEXT
    if value is None:
        return "No cases"
    if unit == PERCENT:
        return f"{value}%"
    if unit == DAYS:
        return f"{int(value):,} days"
    return f"{int(value):,}"  # England's counts are stored with a decimal place


def csv_cell(value, unit: str = "") -> str:
    """A figure as the CSV download shows it."""
    if value is SUPPRESSED:
        return SUPPRESSED_CSV
    if value is None:
        return ""
    return str(int(value)) if unit == COUNT and isinstance(value, Decimal) else str(value)
