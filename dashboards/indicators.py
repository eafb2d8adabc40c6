"""The partnership dashboard indicators: what each one measures, and the one rule that suppresses small counts.

Each indicator computes a list of rows (label, numerator, denominator, value) for a set of filters. Figures come
from `selectors`, which counts in the database; nothing here loops over cases.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify

from . import periods, selectors, selectors_drilldown, selectors_national

PERCENT = "percent"
COUNT = "count"
DAYS = "days"
RATE = "rate"  # per 10,000 people

TIMELINESS = "Education, health and care (EHC) plan timeliness"
ADVICE = "Advice from partners for education, health and care (EHC) needs assessments"
DEMAND = "Demand for education, health and care (EHC) needs assessments and plans"
REVIEWS = "Annual reviews of education, health and care (EHC) plans"
CASELOAD = "Who has an education, health and care (EHC) plan"
DISAGREEMENTS = "Personal budgets, mediation and tribunal appeals"
# The short names of the themes in page addresses. A theme from another module gets one made from its title.
THEME_SLUGS = {TIMELINESS: "timeliness", ADVICE: "advice", DEMAND: "demand", REVIEWS: "reviews",
               CASELOAD: "caseload", DISAGREEMENTS: "disagreements"}

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
    # A second figure about the same cases, for an indicator with an `upper_label` (the 90th percentile of days,
    # beside the median in `value`): a Decimal, None, or SUPPRESSED.
    upper: object = None
    # Why there is no value, in plain words, when "No cases" would be wrong (no population estimate for the year).
    note: str = ""
    # The average of the council's statistical neighbours' published figures, and how many had one that year.
    neighbours: Decimal | None = None
    neighbours_count: int | None = None


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
    value_label: str = ""  # the value column's heading, where "Percentage" or "Count" would not say what it is
    upper_label: str = ""  # the heading of `Row.upper`, for indicators that have one
    # Whether the home page draws its chart; the others show their headline there and their chart on their theme's
    # page and their own page, so the home page stays quick.
    home_chart: bool = False
    # Whether the rows (other than the total) are parts of a whole; None means they are when they break down by
    # something other than the period.
    additive: bool | None = None
    # The list of cases behind the figure, for council officers (dashboards_indicator_cases); None when there is
    # none.
    drilldown: selectors_drilldown.Drilldown | None = None

    def rows(self, councils, filters: selectors.Filters) -> list[Row]:
        return self.compute(councils, filters)

    @property
    def value_heading(self) -> str:
        return self.value_label or ("Percentage" if self.unit == PERCENT else "Count")

    @property
    def is_additive(self) -> bool:
        return self.breakdown_label != "Period" if self.additive is None else self.additive

    @property
    def theme_slug(self) -> str:
        return theme_slug(self.theme)


def theme_slug(theme: str) -> str:
    return THEME_SLUGS.get(theme) or slugify(theme)


def _is_small(count) -> bool:
    return isinstance(count, int) and not isinstance(count, bool) and 0 < count < SMALLEST_SHOWN


def _hidden(row: Row) -> Row:
    """The row with every figure hidden: showing one while hiding another would let it be worked out."""
    return replace(row, numerator=SUPPRESSED, value=SUPPRESSED,
                   denominator=None if row.denominator is None else SUPPRESSED,
                   upper=None if row.upper is None else SUPPRESSED)


def suppress(rows: list[Row], *, additive: bool = False) -> list[Row]:
    """The one suppression rule. Every count from 1 to 4 is hidden, and so is a percentage whose numerator or
    denominator is from 1 to 4, and a median (or other figure) worked out over 1 to 4 cases. For rows that add up to
    a total (`additive`), when exactly one part is hidden the next smallest part is hidden too, so the hidden one
    cannot be worked out from the total. (A value that is not a count, such as a median of days, is a Decimal, so
    it is never taken for a small count.)"""
    hidden = []
    for row in rows:
        counts = [row.numerator, row.denominator, row.linked_count]
        if isinstance(row.numerator, int) and isinstance(row.denominator, int):
            counts.append(row.denominator - row.numerator)  # those not meeting the measure are a count too
        hidden.append(_hidden(row) if any(_is_small(count) for count in counts) or _is_small(row.value) else row)
    if additive:
        def size(index):
            # Parts that are percentages add up through their denominators; parts that are counts, through values.
            row = rows[index]
            return row.denominator if isinstance(row.denominator, int) else row.value

        parts = [index for index, row in enumerate(hidden) if not row.is_total]
        if sum(hidden[index].value is SUPPRESSED for index in parts) == 1:
            shown = [index for index in parts if hidden[index].value is not SUPPRESSED and size(index)]
            if shown:
                smallest = min(shown, key=size)
                hidden[smallest] = _hidden(hidden[smallest])
    return hidden


def _percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _series(filters: selectors.Filters) -> list[periods.Period]:
    return periods.previous(filters.period, TREND_LENGTH) if filters.trend else [filters.period]


def compares_with_england(filters: selectors.Filters) -> bool:
    """England publishes calendar years for the whole population, so it sits beside unfiltered calendar years only."""
    return (filters.period.kind == periods.CALENDAR_YEAR and filters.district is None and not filters.primary_need
            and not filters.age_group and not filters.setting and filters.team is None)


def _trend(slug: str, counts: Callable, unit: str, *, england: bool = True) -> Callable:
    """An indicator over the chosen period and the ones before it: one row per period. `england` is False for an
    indicator England publishes no figure for, which saves looking."""

    def compute(councils, filters):
        series = _series(filters)
        figures, neighbours = {}, {}
        if england and compares_with_england(filters):
            figures = selectors.england_figures(slug)
            if unit == PERCENT:  # an average of other areas' counts says nothing, as the areas differ in size
                neighbours = selectors_national.neighbour_averages(list(councils.values_list("pk", flat=True)),
                                                                   slug, [period.calendar_year for period in series])
        rows = []
        for period, counted in zip(series, counts(councils, filters, series), strict=True):
            numerator, denominator, *linked = counted
            value = _percent(numerator, denominator) if unit == PERCENT else numerator
            figure = figures.get(period.calendar_year)
            average, averaged = neighbours.get(period.calendar_year, (None, None))
            rows.append(Row(period.label, numerator, denominator, value, figure.value if figure else None,
                            short_label=period.short_label, linked_count=linked[0] if linked else None,
                            neighbours=average, neighbours_count=averaged))
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


def _with_total(parts: list[Row], label: str) -> list[Row]:
    """Count rows that are parts of a whole, and the whole."""
    total = sum(row.numerator for row in parts)
    return [*parts, Row(label, total, None, total, is_total=True)]


def _count_parts(counted, total_label: str) -> Callable:
    """An indicator whose rows count the parts of a whole: `counted(councils, filters)` gives (key, label, count)."""

    def compute(councils, filters):
        return _with_total([Row(label, count, None, count) for _, label, count in counted(councils, filters)],
                           total_label)

    return compute


def _durations(counted: Callable) -> Callable:
    """An indicator over the chosen period and the ones before it of how many days a stage took: the median as the
    value and the 90th percentile as `upper`, with the number of cases as the numerator."""

    def compute(councils, filters):
        series = _series(filters)
        return [Row(period.label, cases, None, median, upper=ninetieth, short_label=period.short_label)
                for period, (cases, median, ninetieth) in zip(series, counted(councils, filters, series),
                                                              strict=True)]

    return compute


def _advice_within_6_weeks(councils, filters):
    parts = [Row(label, within, sent, _percent(within, sent))
             for _, label, within, sent in selectors.advice_within_6_weeks(councils, filters)]
    within, sent = sum(row.numerator for row in parts), sum(row.denominator for row in parts)
    return [*parts, Row("All four kinds of advice", within, sent, _percent(within, sent), is_total=True)]


def _conversion(councils, filters):
    requests, assessed, planned = selectors.conversion(councils, filters)
    return [Row("Decided to assess", assessed, requests, _percent(assessed, requests)),
            Row("Plan issued", planned, requests, _percent(planned, requests))]


def _caseload(councils, filters):
    series = _series(filters)
    return [Row(period.label, count, None, count, short_label=period.short_label)
            for period, count in zip(series, selectors.caseload(councils, filters, series), strict=True)]


PER = 10_000


def _per_10000(councils, filters):
    series = _series(filters)
    counts = selectors.caseload(councils, filters, series)
    if filters.district is not None or filters.age_group or filters.team is not None:
        note = ("Not worked out for one district, age group or team: the population estimate is for the whole area "
                "and everyone aged 0 to 25")
        return [Row(period.label, count, None, None, short_label=period.short_label, note=note)
                for period, count in zip(series, counts, strict=True)]
    years = [selectors.as_of(period).year for period in series]
    people = selectors.population(councils, years)
    rows = []
    for period, count, year in zip(series, counts, years, strict=True):
        population = people.get(year)
        if population:
            rate = (Decimal(PER) * count / population).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            rows.append(Row(period.label, count, population, rate, short_label=period.short_label))
        else:
            rows.append(Row(period.label, count, None, None, short_label=period.short_label,
                            note=f"No population estimate for {year}"))
    return rows


def _caseload_by(breakdown: str) -> Callable:
    return _count_parts(lambda councils, filters: selectors.caseload_by(councils, filters, breakdown),
                        "All plans in force")


def _phase_transfers(councils, filters):
    parts = [Row(label, named, moving, _percent(named, moving))
             for label, named, moving in selectors.phase_transfers_named_in_time(councils, filters)]
    named, moving = sum(row.numerator for row in parts), sum(row.denominator for row in parts)
    return [*parts, Row("All moves", named, moving, _percent(named, moving), is_total=True)]


def _mediation_and_appeals(councils, filters):
    return [Row(label, count, None, count) for _, label, count in selectors.mediation_and_appeals(councils, filters)]


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
        home_chart=True,
        drilldown=selectors_drilldown.NEW_PLANS_20_WEEKS_EXCLUDING_EXCEPTIONS,
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
        home_chart=True,
        drilldown=selectors_drilldown.NEW_PLANS_20_WEEKS,
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
        home_chart=True,
        drilldown=selectors_drilldown.DECISIONS_TO_ASSESS,
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
        home_chart=True,
        drilldown=selectors_drilldown.NOT_TO_ISSUE,
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
        home_chart=True,
        drilldown=selectors_drilldown.PLANS_OVER_A_YEAR,
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

_STAGES = ("A stage counts in the period in which it was completed. Half of the cases took no longer than the median, "
           "and 9 in 10 took no longer than the 90th percentile, so a gap between the two shows a long tail of slow "
           "cases. Only initial requests count: a plan transferred from another council and a re-assessment are "
           "left out. A median over 1 to 4 cases is hidden from partnership leads.")
_AT_END = ("Plans are counted as they stood on the last day of the period (or today, while the period is still "
           "running): a plan is in force from the day its first final plan was issued (or, for a plan transferred "
           "from another council, the day it arrived) until the day it ceased, moved to another council or was "
           "replaced after a re-assessment.")
_CURRENT_SETTING = ("The setting, district and age group are those of the child's current school or setting and age "
                    "now held on the register: the portal does not keep the settings a child attended before.")
_SETTING_KINDS = ("Mainstream covers maintained schools, academies, free schools, further education and sixth form "
                  "colleges and early years settings; special covers maintained, academy and non-maintained special "
                  "schools; independent covers independent schools (special or not) and specialist post-16 "
                  "institutions; alternative provision (AP) covers pupil referral units (PRUs), AP academies and "
                  "other AP.")

MORE_INDICATORS: list[Indicator] = [
    Indicator(
        slug="ehc-days-to-decide-whether-to-assess",
        title="Days from a request to the decision whether to assess",
        theme=TIMELINESS,
        about=("How many calendar days the council took from receiving a request for an education, health and care "
               "(EHC) needs assessment to deciding whether to carry one out (the limit is 6 weeks, 42 days: SEND "
               "Regulations 2014, regulation 5(1)), as the median and the 90th percentile. Decisions to assess and "
               "not to assess both count. " + _STAGES),
        unit=DAYS, numerator_label="Decisions made", denominator_label="", value_label="Median",
        upper_label="90th percentile", identifies_small_counts=True, higher_is_better=False,
        compute=_durations(selectors.days_to_decide_whether_to_assess),
    ),
    Indicator(
        slug="ehc-days-from-decision-to-draft-plan",
        title="Days from the decision to assess to the draft plan",
        theme=TIMELINESS,
        about=("How many calendar days it took from the decision to carry out an education, health and care (EHC) "
               "needs assessment to sending the family the first draft plan, as the median and the 90th percentile. "
               "There is no separate legal limit for the draft, but it must go out by about week 14 to 16 for the "
               "final plan to be issued within 20 weeks. A later version sent with proposed changes after an annual "
               "review is not a draft plan and does not count. " + _STAGES),
        unit=DAYS, numerator_label="Draft plans sent", denominator_label="", value_label="Median",
        upper_label="90th percentile", identifies_small_counts=True, higher_is_better=False,
        compute=_durations(selectors.days_from_decision_to_draft),
    ),
    Indicator(
        slug="ehc-days-to-final-plan",
        title="Days from a request to the final plan",
        theme=TIMELINESS,
        about=("How many calendar days it took from receiving a request for an education, health and care (EHC) "
               "needs assessment to issuing the first final plan (the limit is 20 weeks, 140 days: SEND Regulations "
               "2014, regulation 13(2)), as the median and the 90th percentile, for new plans issued in the "
               "period. " + _STAGES),
        unit=DAYS, numerator_label="New plans issued", denominator_label="", value_label="Median",
        upper_label="90th percentile", identifies_small_counts=True, higher_is_better=False,
        compute=_durations(selectors.days_to_final_plan),
    ),
    Indicator(
        slug="ehc-advice-within-6-weeks",
        title="Advice sent within 6 weeks, by partner",
        theme=ADVICE,
        about=("Once it decides to carry out an education, health and care (EHC) needs assessment, the council asks "
               "partners for advice, and they must send it within 6 weeks of being asked (SEND Regulations 2014, "
               "regulation 8(1)). This is the percentage of advice sent to the council in the period that came "
               "within 6 weeks, for the four partners every assessment needs: health (the NHS), educational "
               "psychology, social care and education (the school or setting). Advice for re-assessments counts "
               "too. Advice returned to the adviser for more detail counts from when it was sent again. Advice "
               "still not sent is not in this figure: see the advice overdue indicator."),
        unit=PERCENT, numerator_label="Sent within 6 weeks", denominator_label="Advice sent",
        identifies_small_counts=True, breakdown_label="Partner",
        compute=_advice_within_6_weeks,
    ),
    Indicator(
        slug="ehc-advice-overdue",
        title="Advice overdue, by partner",
        theme=ADVICE,
        about=("Which partners are holding assessments up: the number of requests for advice for an education, "
               "health and care (EHC) needs assessment that were past their due date (6 weeks from the request) and "
               "still not sent on the last day of the period, or today while the period is still running. Advice "
               "for a case that had closed by then (withdrawn, or a decision not to issue a plan) is not counted."),
        unit=COUNT, numerator_label="Overdue", denominator_label="", identifies_small_counts=True,
        breakdown_label="Partner", higher_is_better=False,
        compute=_count_parts(selectors.advice_overdue, "All four kinds of advice"),
    ),
    Indicator(
        slug="ehc-conversion",
        title="Requests that led to an assessment and to a plan",
        theme=DEMAND,
        about=("Of the requests for an education, health and care (EHC) needs assessment received in the period, "
               "the percentage where the council decided to assess, and the percentage where a plan has been issued "
               "so far. Requests from the period are followed to today, so a recent period's figures still grow "
               "as assessments finish. Plans transferred from another council and re-assessments are not counted."),
        unit=PERCENT, numerator_label="Requests", denominator_label="Requests received",
        identifies_small_counts=True, breakdown_label="What happened", additive=False,
        compute=_conversion,
    ),
    Indicator(
        slug="ehc-caseload",
        title="EHC plans in force",
        theme=DEMAND,
        about=("The number of education, health and care (EHC) plans the council maintained at the end of each "
               "period, including plans transferred from another council and plans made after a "
               "re-assessment. " + _AT_END),
        unit=COUNT, numerator_label="Plans in force", denominator_label="", identifies_small_counts=True,
        higher_is_better=None,
        compute=_caseload,
    ),
    Indicator(
        slug="ehc-plans-per-10000",
        title="EHC plans per 10,000 people aged 0 to 25",
        theme=DEMAND,
        about=("The number of education, health and care (EHC) plans in force at the end of the period for every "
               "10,000 children and young people aged 0 to 25 living in the area, using the population estimate "
               "for the calendar year in which the period ends (staff add estimates from the Office for National "
               "Statistics (ONS) in the admin site). Where there is no estimate for that year, the page says so "
               "rather than showing a figure. It is not worked out for one district or age group, as the estimate "
               "is for the whole area and all ages 0 to 25. " + _AT_END),
        unit=RATE, numerator_label="Plans in force", denominator_label="Population aged 0 to 25",
        value_label="Per 10,000", identifies_small_counts=True, higher_is_better=None,
        compute=_per_10000,
    ),
    Indicator(
        slug="ehc-reviews-held-by-due-date",
        title="Annual reviews held by their due date",
        theme=REVIEWS,
        about=("Of the reviews of education, health and care (EHC) plans due in the period, the percentage whose "
               "review meeting was held on or before the due date (a plan must be reviewed at least every 12 "
               "months: Children and Families Act 2014, section 44). A meeting arranged but not yet recorded as "
               "held does not count as held. Reviews of plans that ended before the review was due are left out."),
        unit=PERCENT, numerator_label="Held by the due date", denominator_label="Reviews due",
        identifies_small_counts=True,
        compute=_trend("ehc-reviews-held-by-due-date", selectors.reviews_held_by_due_date, PERCENT, england=False),
    ),
    Indicator(
        slug="ehc-review-decisions-4-weeks",
        title="Decisions after a review made within 4 weeks of the meeting",
        theme=REVIEWS,
        about=("After a review meeting the council must decide within 4 weeks whether to keep the education, health "
               "and care (EHC) plan as it is, amend it or cease it (SEND Regulations 2014, regulations 20(10) and "
               "21). This is the percentage of those decisions, made in the period, that were made in time."),
        unit=PERCENT, numerator_label="Decided within 4 weeks", denominator_label="Decisions made",
        identifies_small_counts=True,
        drilldown=selectors_drilldown.REVIEW_DECISIONS,
        compute=_trend("ehc-review-decisions-4-weeks", selectors.review_decisions_within_4_weeks, PERCENT,
                       england=False),
    ),
    Indicator(
        slug="ehc-amended-plans-in-time",
        title="Amended plans issued within 12 weeks of the review",
        theme=REVIEWS,
        about=("When the council decides to amend an education, health and care (EHC) plan after a review, the "
               "amended final plan is due 8 weeks after the notice of the proposed changes and never later than 12 "
               "weeks after the review meeting (SEND Regulations 2014, regulation 22(3), and the Devon judgment of "
               "2022). This is the percentage of amended plans issued in the period that met both. The earlier "
               "deadline for a move to a new phase of education (15 February or 31 March) is not applied here."),
        unit=PERCENT, numerator_label="Issued in time", denominator_label="Amended plans issued",
        identifies_small_counts=True,
        drilldown=selectors_drilldown.AMENDED_PLANS,
        compute=_trend("ehc-amended-plans-in-time", selectors.amended_plans_in_time, PERCENT, england=False),
    ),
    Indicator(
        slug="ehc-phase-transfers-named-in-time",
        title="Plans naming the new school by the phase transfer deadline",
        theme=REVIEWS,
        about=("A child or young person with an education, health and care (EHC) plan who moves to a new phase of "
               "education in September (from early years into school, from an infant to a junior school, from "
               "primary to secondary school, or from secondary school to a post-16 institution) must have their "
               "plan reviewed and amended, naming the school or setting for after the move, by 15 February of that "
               "year, or by 31 March for a move into post-16 education (SEND Regulations 2014, regulation 18). Of "
               "the plans in force on a deadline falling in the period, this is the percentage amended after a "
               "review, naming a school or setting, between the start of that school year and the deadline. The "
               "year group is worked out from the date of birth, and an infant school from the child's current "
               "setting. Moves between post-16 institutions (dated case by case) and moves into or out of middle "
               "schools are not included. A month or quarter with no deadline in it has no cases."),
        unit=PERCENT, numerator_label="Named in time", denominator_label="Plans of children moving",
        identifies_small_counts=True, breakdown_label="Move and deadline",
        compute=_phase_transfers,
    ),
    Indicator(
        slug="ehc-reviews-overdue-by-age",
        title="Annual reviews overdue, by age group",
        theme=REVIEWS,
        about=("The number of reviews of education, health and care (EHC) plans past their due date with no review "
               "meeting held, on the last day of the period (or today while the period is still running), by the "
               "child or young person's age then. Only plans still in force on that day count."),
        unit=COUNT, numerator_label="Overdue reviews", denominator_label="", identifies_small_counts=True,
        breakdown_label="Age group", higher_is_better=False,
        compute=_count_parts(selectors.reviews_overdue_by_age, "All overdue reviews"),
    ),
    Indicator(
        slug="ehc-caseload-by-need",
        title="EHC plans in force, by primary need",
        theme=CASELOAD,
        about=("The education, health and care (EHC) plans in force at the end of the period, by the primary type "
               "of need recorded on the case (the categories of the Department for Education's SEN2 return). "
               + _AT_END),
        unit=COUNT, numerator_label="Plans in force", denominator_label="", identifies_small_counts=True,
        breakdown_label="Primary need", higher_is_better=None,
        compute=_caseload_by("need"),
    ),
    Indicator(
        slug="ehc-caseload-by-age",
        title="EHC plans in force, by age group",
        theme=CASELOAD,
        about=("The education, health and care (EHC) plans in force at the end of the period, by the child or young "
               "person's age in whole years on that day. " + _AT_END),
        unit=COUNT, numerator_label="Plans in force", denominator_label="", identifies_small_counts=True,
        breakdown_label="Age group", higher_is_better=None,
        compute=_caseload_by("age"),
    ),
    Indicator(
        slug="ehc-caseload-by-setting",
        title="EHC plans in force, by type of setting",
        theme=CASELOAD,
        about=("The education, health and care (EHC) plans in force at the end of the period, by the type of school "
               "or setting the child or young person attends. " + _SETTING_KINDS + " " + _CURRENT_SETTING + " "
               + _AT_END),
        unit=COUNT, numerator_label="Plans in force", denominator_label="", identifies_small_counts=True,
        breakdown_label="Type of setting", higher_is_better=None,
        compute=_caseload_by("setting"),
    ),
    Indicator(
        slug="ehc-caseload-by-district",
        title="EHC plans in force, by district",
        theme=CASELOAD,
        about=("The education, health and care (EHC) plans in force at the end of the period, by the district of "
               "the child or young person's school or setting. " + _CURRENT_SETTING + " " + _AT_END),
        unit=COUNT, numerator_label="Plans in force", denominator_label="", identifies_small_counts=True,
        breakdown_label="District", higher_is_better=None,
        compute=_count_parts(selectors.caseload_by_district, "All plans in force"),
    ),
    Indicator(
        slug="ehc-personal-budgets",
        title="Personal budgets agreed, by how they are held",
        theme=DISAGREEMENTS,
        about=("The number of personal budgets for provision in an education, health and care (EHC) plan agreed in "
               "the period (Children and Families Act 2014, section 49), by how the money is held: a direct payment "
               "to the family or young person, an arrangement where the council or setting holds it and the family "
               "directs it, or a third-party arrangement. A budget counts in the period it was agreed."),
        unit=COUNT, numerator_label="Personal budgets agreed", denominator_label="", identifies_small_counts=True,
        breakdown_label="How it is held", higher_is_better=None,
        compute=_count_parts(selectors.personal_budgets_agreed, "All personal budgets agreed"),
    ),
    Indicator(
        slug="ehc-mediation-and-appeals",
        title="Mediation and tribunal appeals",
        theme=DISAGREEMENTS,
        about=("Disagreements about education, health and care (EHC) needs assessments and plans in the period, "
               "each step counted on the day it happened: families who contacted a mediation adviser (they must "
               "before most appeals), mediations held (the certificate was issued after mediation, whether or not "
               "it reached agreement), appeals registered with the First-tier Tribunal (Special Educational Needs "
               "and Disability), and appeals that ended. The rows are steps, not parts of a whole."),
        unit=COUNT, numerator_label="Number", denominator_label="", identifies_small_counts=True,
        breakdown_label="Step", higher_is_better=None, additive=False,
        compute=_mediation_and_appeals,
    ),
    Indicator(
        slug="ehc-tribunal-appeal-rate",
        title="Tribunal appeal rate",
        theme=DISAGREEMENTS,
        about=("Appeals to the First-tier Tribunal (Special Educational Needs and Disability) registered in the "
               "period, as a percentage of the appealable decisions the council made in the period, as the "
               "Department for Education's Local Area SEND and AP Inclusion Dashboard measures it. We count as "
               "appealable decisions (Children and Families Act 2014, section 51): decisions not to carry out an "
               "assessment, decisions not to issue a plan, every final plan issued (new or amended, as what it says "
               "and the school it names can be appealed; plans transferred from another council are not counted), "
               "decisions not to amend a plan after a review, decisions to cease a plan (except for reaching the "
               "age limit or a death, which cannot be appealed) and refusals to re-assess. An appeal can be about a "
               "decision from an earlier period."),
        unit=PERCENT, numerator_label="Appeals registered", denominator_label="Appealable decisions",
        identifies_small_counts=True, higher_is_better=False,
        compute=_trend("ehc-tribunal-appeal-rate", selectors.appeal_rate, PERCENT, england=False),
    ),
]

# Each theme's indicators together, in the order the pages show the themes.
THEME_ORDER = [TIMELINESS, ADVICE, DEMAND, REVIEWS, CASELOAD, DISAGREEMENTS]
INDICATORS = sorted([*INDICATORS, *MORE_INDICATORS], key=lambda indicator: THEME_ORDER.index(indicator.theme))

BY_SLUG = {indicator.slug: indicator for indicator in INDICATORS}


@dataclass(frozen=True)
class Result:
    indicator: Indicator
    rows: list[Row]
    headline: Row
    suppressed: bool
    as_at: dt.datetime | None = None  # when the figures were counted, for stored ones (dashboards.services)


def result_for(indicator: Indicator, councils, filters: selectors.Filters, *, suppressed: bool) -> Result:
    """The indicator's rows counted now over these councils (a queryset, usually `selectors.councils_for(person)`)
    for these filters, with small counts suppressed when the viewer must see aggregates only."""
    return result_from_rows(indicator, indicator.rows(councils, filters), suppressed=suppressed)


def result_from_rows(indicator: Indicator, rows: list[Row], *, suppressed: bool, as_at=None) -> Result:
    """The result of rows counted now or stored. The headline is the total row where there is one, otherwise the
    chosen (latest) period."""
    if suppressed and indicator.identifies_small_counts:
        rows = suppress(rows, additive=indicator.is_additive)
    headline = next((row for row in rows if row.is_total), rows[-1])
    return Result(indicator, rows, headline, suppressed, as_at)


def cells(indicator: Indicator, rows: list[Row]) -> list[dict]:
    """Each row's figures as the pages show them."""
    unit = indicator.unit
    return [{"row": row, "numerator": display(row.numerator, COUNT),
             "denominator": display(row.denominator, COUNT) if row.denominator is not None
             else "",
             "value": row.note if row.value is None and row.note else display(row.value, unit),
             "upper": display(row.upper, unit) if indicator.upper_label else "",
             "england": display(row.england, unit) if row.england is not None else "",
             "neighbours": display(row.neighbours, unit) if row.neighbours is not None else ""}
            for row in rows]


def display(value, unit: str) -> str:
    """A figure as the pages show it."""
    if value is SUPPRESSED:
        return SUPPRESSED_TEXT
    if value is None:
        return "No cases"
    if unit == PERCENT:
        return f"{value}%"
    if unit == DAYS:
        return f"{_number(value)} days"
    if unit == RATE:
        return f"{_number(value)} per 10,000"
    return f"{int(value):,}"  # England's counts are stored with a decimal place


def _number(value) -> str:
    """A figure with a decimal place only when it has a fraction: 38.5, but 49 rather than 49.0."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    return f"{value:,}"


def csv_cell(value, unit: str = "") -> str:
    """A figure as the CSV download shows it."""
    if value is SUPPRESSED:
        return SUPPRESSED_CSV
    if value is None:
        return ""
    return str(int(value)) if unit == COUNT and isinstance(value, Decimal) else str(value)
