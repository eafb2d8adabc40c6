"""Reads for the partnership dashboards. Every figure is an aggregate computed in the database over the cases of
the councils the person works for; no child's record leaves these functions."""

import datetime as dt
import math
import operator
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce

from django.db import connections
from django.db.models import (
    Aggregate,
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.utils import timezone

from ehc import deadlines
from ehc.models import (
    NOT_APPEALABLE_CEASING,
    AdviceKind,
    AdviceRequest,
    AnnualReview,
    CeasingProposal,
    Disagreement,
    EHCCase,
    PersonalBudgetRequest,
    PlanVersion,
    PrimaryNeed,
    ReassessmentRequest,
    RequesterKind,
    ReviewDecision,
    Stage,
    TimeLimit,
    TimeLimitException,
)
from ehc.models import BudgetForm as PersonalBudgetForm
from send_portal.core.access_policy import DASHBOARD_VIEWERS
from send_portal.organisations.models import (
    District,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    SettingPhase,
    SettingType,
)
from send_portal.organisations.selectors import local_authorities_for, organisations_for

from . import periods
from .models import NationalFigure, PopulationEstimate

# Everyone who may open the dashboards (the access policy's list), and who among them sees every count.
DASHBOARD_ROLES = DASHBOARD_VIEWERS
UNSUPPRESSED_ROLES = (Role.LA_MANAGER, Role.LA_CASEWORKER)

# Requests that start a new assessment. A plan transferred from another council and a re-assessment of an existing
# plan are not new plans (see EHCCase.transferred_from and EHCCase.reassessment_of), so they stay out of every
# figure here.
INITIAL_REQUEST_KINDS = (RequesterKind.SCHOOL, RequesterKind.PARENT, RequesterKind.YOUNG_PERSON,
                         RequesterKind.PROFESSIONAL)


def _fixed_offset(due) -> dt.timedelta:
    """The statutory time limit from ehc.deadlines as a fixed length, so the database can compare with it. It
    fails loudly if the rule ever stops being a fixed number of days (for example working days)."""
    offsets = {due(day) - day for day in (dt.date(2023, 1, 31), dt.date(2024, 2, 29), dt.date(2025, 10, 26))}
    if len(offsets) != 1:
        raise ValueError(f"{due.__name__} is not a fixed number of days, so it cannot be computed in SQL")
    return offsets.pop()


DECISION_TO_ASSESS_LIMIT = _fixed_offset(deadlines.decision_to_assess_due)  # 6 weeks
DECISION_TO_ISSUE_LIMIT = _fixed_offset(deadlines.decision_to_issue_due)  # 16 weeks
FINAL_PLAN_LIMIT = _fixed_offset(deadlines.final_plan_due)  # 20 weeks
# SEN2 publishes plans issued within 20 weeks, from 20 to 52 weeks, and over 52 weeks ("more than a year").
OVER_A_YEAR = dt.timedelta(weeks=52)
# The time limits whose exceptions take a plan out of the "excluding exceptions" measure.
STAGE_TIME_LIMITS = (TimeLimit.DECISION_TO_ASSESS, TimeLimit.DECISION_TO_ISSUE, TimeLimit.FINAL_PLAN)


# The kinds of setting the dashboards group schools and colleges into, from the setting's own record (its type,
# or its phase where no type is recorded). Independent comes first, so an independent special school counts as
# independent, as the Department for Education's SEN2 statistics count it.
SETTING_KINDS = [("mainstream", "Mainstream school or college"), ("special", "Special school"),
                 ("independent", "Independent school or specialist college"),
                 ("ap", "Alternative provision or pupil referral unit (PRU)")]
_INDEPENDENT_TYPES = (SettingType.INDEPENDENT, SettingType.INDEPENDENT_SPECIAL, SettingType.SPECIALIST_POST_16)
_AP_TYPES = (SettingType.PRU, SettingType.AP_ACADEMY)
_SPECIAL_TYPES = (SettingType.MAINTAINED_SPECIAL, SettingType.SPECIAL_ACADEMY, SettingType.NON_MAINTAINED_SPECIAL)


@dataclass(frozen=True)
class Filters:
    period: periods.Period
    district: District | None = None
    primary_need: str = ""
    age_group: str = ""
    setting: str = ""  # one of SETTING_KINDS, for the child's current school or setting
    team: Organisation | None = None  # a council team: the cases whose caseworker is a member of it
    # False when only the chosen period is wanted (a headline), so an indicator need not work out the trend.
    trend: bool = True

    def with_period(self, period: periods.Period) -> "Filters":
        return replace(self, period=period)


def councils_for(user) -> QuerySet[Organisation]:
    """The councils whose figures a person may see: those they belong to in a dashboard role, directly or through
    one of the council's teams, and for a partnership lead in a partner organisation (the NHS integrated care
    board or the parent carer forum), the councils whose partnership it sits on."""
    partners = organisations_for(user, Role.PARTNERSHIP_LEAD).exclude(
        kind__in=(OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.LA_TEAM))
    return (local_authorities_for(user, *DASHBOARD_ROLES)
            | Organisation.objects.filter(partners__in=partners, kind=OrganisationKind.LOCAL_AUTHORITY)).distinct()


def sees_unsuppressed(user) -> bool:
    """Council caseworkers and managers see every count, but only when every council whose figures they see is one
    they are an officer of: someone who is also a partnership lead elsewhere sees small counts suppressed, so that
    council's figures cannot be worked out by subtracting their own. Everyone else sees small counts suppressed."""
    councils = set(councils_for(user).values_list("pk", flat=True))
    unsuppressed = set(local_authorities_for(user, *UNSUPPRESSED_ROLES).values_list("pk", flat=True))
    return bool(councils) and councils <= unsuppressed


def districts() -> QuerySet[District]:
    return District.objects.order_by("name")


def _age_q(age_group: str, on: dt.date, prefix: str = "") -> Q:
    """Q for children in the age group on the day `on`; `prefix` leads from the counted model to the case."""
    for key, _label, youngest, oldest in periods.AGE_GROUPS:
        if key == age_group:
            born_after, born_by = periods.birth_dates_for_age(youngest, oldest, on)
            return Q(**{f"{prefix}child__date_of_birth__gt": born_after,
                        f"{prefix}child__date_of_birth__lte": born_by})
    return Q()


def setting_kind_q(kind: str, prefix: str = "child__current_setting__") -> Q:
    """Q for a school or setting of one of the SETTING_KINDS; the kinds do not overlap."""
    independent = Q(**{f"{prefix}setting_type__in": _INDEPENDENT_TYPES})
    ap = (Q(**{f"{prefix}setting_type__in": _AP_TYPES})
          | Q(**{f"{prefix}phase": SettingPhase.ALTERNATIVE_PROVISION})) & ~independent
    special = (Q(**{f"{prefix}setting_type__in": _SPECIAL_TYPES})
               | Q(**{f"{prefix}phase": SettingPhase.SPECIAL})) & ~independent & ~ap
    mainstream = Q(**{f"{prefix}pk__isnull": False}) & ~independent & ~ap & ~special
    return {"mainstream": mainstream, "special": special, "independent": independent, "ap": ap}[kind]


def _case_q(councils, filters: Filters, prefix: str = "") -> Q:
    """Q for every case that reached the councils (a queryset of them, usually `councils_for(person)`), plans
    transferred in and re-assessments included, narrowed by the filters that do not depend on the period (district,
    setting and primary need); `prefix` leads from the counted model to the case. Records that belong to a case
    (advice, reviews) are filtered through a join on their case rather than a subquery of cases, so the database
    starts from the councils' cases instead of reading every council's records."""
    condition = Q(**{f"{prefix}local_authority__in": councils}) & ~Q(**{f"{prefix}stage": Stage.DRAFT})
    if filters.district is not None:
        condition &= Q(**{f"{prefix}child__current_setting__district": filters.district})
    if filters.setting:
        condition &= setting_kind_q(filters.setting, f"{prefix}child__current_setting__")
    if filters.primary_need:
        condition &= Q(**{f"{prefix}primary_need": filters.primary_need})
    if filters.team is not None:
        condition &= Q(**{f"{prefix}caseworker__in": team_members(filters.team)})
    return condition


def teams(councils) -> QuerySet[Organisation]:
    """The councils' teams of officers, for the team filter."""
    return Organisation.objects.filter(kind=OrganisationKind.LA_TEAM, parent__in=councils).order_by("name")


def team_members(team: Organisation):
    """The people who are members of the team now. A case belongs to the team its caseworker is in today, because
    cases carry a caseworker and not a team; a case with no caseworker belongs to no team."""
    return Membership.objects.filter(organisation=team, ended_at__isnull=True).values("user_id")


def _council_cases(councils, filters: Filters) -> QuerySet[EHCCase]:
    """Every case that reached the councils, narrowed by the filters that do not depend on the period."""
    return EHCCase.objects.filter(_case_q(councils, filters)).order_by()


def _cases(councils, filters: Filters) -> QuerySet[EHCCase]:
    """Initial requests for assessment in the councils, narrowed by the filters that do not depend on the
    period."""
    return _council_cases(councils, filters).filter(requester_kind__in=INITIAL_REQUEST_KINDS,
                                                    reassessment_of__isnull=True, transferred_from="",
                                                    received_on__isnull=False)


def _in(field: str, filters: Filters, period: periods.Period, prefix: str = "") -> Q:
    """Q for `field` falling in `period`, with the child's age group taken at the end of that period."""
    return (Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})
            & _age_q(filters.age_group, period.end, prefix))


def _time_taken(later: str, earlier: str) -> ExpressionWrapper:
    """How long from one date to the other, computed in the database."""
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def _counts(queryset, spec: dict[str, Q]) -> dict[str, int]:
    """One query: a conditional count for each named condition."""
    return queryset.aggregate(**{name: Count("pk", filter=condition) for name, condition in spec.items()})


@dataclass(frozen=True)
class Measure:
    """How a timeliness indicator counts: the records it looks at and which of them meet it. The figures and the
    list of cases behind them are both built from this, so they cannot drift apart. A record counts in the period
    its `field` falls in, and takes `started` to `field` to happen."""

    records: QuerySet  # cases (or reviews), annotated with what the conditions and dates need
    field: str  # the date that places a record in a period
    met: Q  # among the counted records, those that meet the measure
    started: str = ""  # the date the time taken is counted from, for the list of cases
    counted: Q = Q()  # among the records in the period, those in the denominator
    # Records in the period that the indicator counts apart from the others (plans with an exception, for the
    # "excluding exceptions" measure); None when there are none.
    set_apart: Q | None = None
    prefix: str = ""  # the path from the record to its case

    def in_period(self, filters: Filters, period: periods.Period) -> Q:
        return _in(self.field, filters, period, self.prefix)


def measure_counts(measure: Measure, filters: Filters, series: list[periods.Period]) -> list[tuple[int, ...]]:
    """For each period, in one query: (records meeting the measure, records counted), and a third figure, the
    records set apart, when the measure sets some apart."""
    spec = {}
    for index, period in enumerate(series):
        inside = measure.in_period(filters, period)
        spec[f"d{index}"] = inside & measure.counted
        spec[f"n{index}"] = inside & measure.counted & measure.met
        if measure.set_apart is not None:
            spec[f"e{index}"] = inside & measure.set_apart
    counts = _counts(measure.records, spec)
    if measure.set_apart is None:
        return [(counts[f"n{i}"], counts[f"d{i}"]) for i in range(len(series))]
    return [(counts[f"n{i}"], counts[f"d{i}"], counts[f"e{i}"]) for i in range(len(series))]


def _series_counts(records, field: str, filters: Filters, series: list[periods.Period], met: Q
                   ) -> list[tuple[int, int]]:
    """For each period, in one query: (records meeting `met`, records) among those whose `field` falls in it."""
    return measure_counts(Measure(records, field, met), filters, series)


def _once_per_case(cases: QuerySet[EHCCase]) -> QuerySet[EHCCase]:
    """The cases, such that counting them works out each annotation once per case. Django writes an annotation into
    every conditional count that uses it, so a subquery (the first plan's date) would run once per count per case;
    it counts a DISTINCT queryset from a subquery instead, which computes each annotation once. The rows are
    distinct anyway, each being one case."""
    return cases.distinct()


def _first_issued():
    return Subquery(PlanVersion.objects.filter(case=OuterRef("pk"), issued_on__isnull=False)
                    .order_by("issued_on").values("issued_on")[:1])


def _new_plans(councils, filters: Filters) -> QuerySet[EHCCase]:
    """Initial requests with the date their first final plan was issued and how long it took."""
    return _once_per_case(_cases(councils, filters).annotate(first_issued_on=_first_issued())
                          .annotate(weeks_taken=_time_taken("first_issued_on", "received_on")))


def new_plans_20_weeks_measure(councils, filters: Filters, *, excluding_exceptions: bool) -> Measure:
    """New plans issued within 20 weeks of the request. A new plan is the first final plan issued on an initial
    request. Excluding exceptions sets apart, from both figures, a case with an exception recorded against any of
    the 20 weeks' time limits (SEND Regulations 2014 reg 13(3))."""
    within = Q(weeks_taken__lte=FINAL_PLAN_LIMIT)
    if not excluding_exceptions:
        return Measure(_new_plans(councils, filters), "first_issued_on", within, started="received_on")
    # SEN2 flags a plan as having an exception when one applied at any stage of the 20 weeks (statutory.md §2.2);
    # advice exceptions (reg 8(2)) do not stop the clock.
    cases = _new_plans(councils, filters).annotate(has_exception=Exists(TimeLimitException.objects.filter(
        case=OuterRef("pk"), time_limit__in=STAGE_TIME_LIMITS)))
    return Measure(cases, "first_issued_on", within, started="received_on", counted=Q(has_exception=False),
                   set_apart=Q(has_exception=True))


def new_plans_within_20_weeks(councils, filters: Filters, series: list[periods.Period], *, excluding_exceptions: bool
                              ) -> list[tuple[int, ...]]:
    """For each period: (new plans issued within 20 weeks of the request, new plans issued), and excluding
    exceptions a third figure: how many were left out. It lets suppression stop anyone subtracting the "excluding"
    figure from the "including" one."""
    return measure_counts(new_plans_20_weeks_measure(councils, filters, excluding_exceptions=excluding_exceptions),
                          filters, series)


def plans_over_a_year_measure(councils, filters: Filters) -> Measure:
    """New plans issued more than 52 weeks after the request."""
    return Measure(_new_plans(councils, filters), "first_issued_on", Q(weeks_taken__gt=OVER_A_YEAR),
                   started="received_on")


def plans_issued_over_a_year(councils, filters: Filters, series: list[periods.Period]) -> list[tuple[int, int]]:
    """For each period: (new plans issued more than 52 weeks after the request, new plans issued)."""
    return measure_counts(plans_over_a_year_measure(councils, filters), filters, series)


def decisions_to_assess_measure(councils, filters: Filters) -> Measure:
    """Decisions whether to assess made within 6 weeks of the request, counting decisions to assess and decisions
    not to assess alike (SEND Regulations 2014 reg 5(1))."""
    cases = _cases(councils, filters).filter(decision_to_assess_on__isnull=False).annotate(
        weeks_taken=_time_taken("decision_to_assess_on", "received_on"))
    return Measure(cases, "decision_to_assess_on", Q(weeks_taken__lte=DECISION_TO_ASSESS_LIMIT),
                   started="received_on")


def decisions_to_assess_within_6_weeks(councils, filters: Filters, series: list[periods.Period]
                                       ) -> list[tuple[int, int]]:
    """For each period: (decisions whether to assess made within 6 weeks of the request, decisions made)."""
    return measure_counts(decisions_to_assess_measure(councils, filters), filters, series)


def not_to_issue_measure(councils, filters: Filters) -> Measure:
    """Decisions not to issue a plan made within 16 weeks of the request (SEND Regulations 2014 reg 10(1))."""
    cases = _cases(councils, filters).filter(stage=Stage.NOT_ISSUING, decision_to_issue_on__isnull=False).annotate(
        weeks_taken=_time_taken("decision_to_issue_on", "received_on"))
    return Measure(cases, "decision_to_issue_on", Q(weeks_taken__lte=DECISION_TO_ISSUE_LIMIT),
                   started="received_on")


def not_to_issue_within_16_weeks(councils, filters: Filters, series: list[periods.Period]) -> list[tuple[int, int]]:
    """For each period: (decisions not to issue a plan made within 16 weeks of the request, such decisions made)."""
    return measure_counts(not_to_issue_measure(councils, filters), filters, series)


def requests_by_source(councils, filters: Filters) -> list[tuple[str, str, int]]:
    """Requests for an assessment received in the period, by who made them: (kind, label, count) for every kind,
    including those with none."""
    counts = _counts(_cases(councils, filters), {
        kind.value: Q(requester_kind=kind) & _in("received_on", filters, filters.period)
        for kind in INITIAL_REQUEST_KINDS})
    return [(kind.value, kind.label, counts[kind.value]) for kind in INITIAL_REQUEST_KINDS]


def england_figures(indicator: str) -> dict[int, NationalFigure]:
    return {figure.year: figure for figure in NationalFigure.objects.filter(indicator=indicator)}


# --- How long each stage takes ---------------------------------------------------------------------------------

class DaysBetween(Func):
    """Whole days from the first date to the second, as a number the database can sort."""

    output_field = IntegerField()
    arg_joiner = " - "
    template = "(%(expressions)s)"  # PostgreSQL: a date minus a date is a whole number of days

    def __init__(self, later, earlier, **extra):
        super().__init__(later, earlier, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)",
                           arg_joiner=") - julianday(", **extra_context)


class PercentileCont(Aggregate):
    """PostgreSQL's continuous percentile: the value below which `fraction` of the rows fall, interpolated between
    the two nearest when it falls between rows."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("A percentile is a fraction from 0 to 1.")
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


MEDIAN, NINETIETH = 0.5, 0.9


def _percentile_of(histogram: list[tuple[int, int]], fraction: float) -> float | None:
    """The continuous percentile (as PostgreSQL's percentile_cont) of values given as (value, how many), sorted by
    value."""
    total = sum(count for _, count in histogram)
    if not total:
        return None
    position = fraction * (total - 1)
    below, above = math.floor(position), math.ceil(position)

    def nth(index):
        seen = 0
        for value, count in histogram:
            seen += count
            if index < seen:
                return value
        raise IndexError(index)

    low = nth(below)
    return low + (position - below) * (nth(above) - low)


def _days(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _duration_series(cases, field: str, days, filters: Filters, series: list[periods.Period]
                     ) -> list[tuple[int, Decimal | None, Decimal | None]]:
    """For each period, in one query: (cases whose `field` falls in it, the median of `days` among them, the 90th
    percentile). PostgreSQL works the percentiles out itself; elsewhere (SQLite in development) the database counts
    the cases taking each number of days and the percentiles are read from those counts, with the same result."""
    cases = cases.annotate(days=days).filter(**{f"{field}__gte": series[0].start, f"{field}__lte": series[-1].end})
    spans = [_in(field, filters, period) for period in series]
    if connections[cases.db].vendor == "postgresql":
        return _percentiles_in_database(cases, spans)
    return _percentiles_from_counts(cases, spans)


def _percentiles_in_database(cases, spans: list[Q]) -> list[tuple[int, Decimal | None, Decimal | None]]:
    spec = {}
    for index, inside in enumerate(spans):
        spec[f"n{index}"] = Count("pk", filter=inside)
        spec[f"m{index}"] = PercentileCont("days", MEDIAN, filter=inside)
        spec[f"p{index}"] = PercentileCont("days", NINETIETH, filter=inside)
    figures = cases.aggregate(**spec)
    return [(figures[f"n{i}"], _days(figures[f"m{i}"]), _days(figures[f"p{i}"])) for i in range(len(spans))]


def _percentiles_from_counts(cases, spans: list[Q]) -> list[tuple[int, Decimal | None, Decimal | None]]:
    # One row for each number of days a stage has taken (a few hundred at most), however many cases there are.
    counted = (cases.values("days").annotate(**{f"n{index}": Count("pk", filter=inside)
                                                for index, inside in enumerate(spans)}).order_by("days"))
    histograms = [[] for _ in spans]
    for row in counted:
        for index, histogram in enumerate(histograms):
            if row[f"n{index}"]:
                histogram.append((row["days"], row[f"n{index}"]))
    return [(sum(count for _, count in histogram), _days(_percentile_of(histogram, MEDIAN)),
             _days(_percentile_of(histogram, NINETIETH))) for histogram in histograms]


def days_to_decide_whether_to_assess(councils, filters: Filters, series: list[periods.Period]):
    """For each period: (decisions whether to assess made in it, median days from the request, 90th percentile)."""
    cases = _cases(councils, filters).filter(decision_to_assess_on__isnull=False)
    return _duration_series(cases, "decision_to_assess_on", DaysBetween("decision_to_assess_on", "received_on"),
                            filters, series)


def _first_draft_served():
    """The day the first draft plan was sent to the family: the earliest version sent before any final plan was
    issued (a later version sent with proposed amendments after a review is not a draft plan)."""
    issued_before = PlanVersion.objects.filter(case=OuterRef("case"), issued_on__isnull=False,
                                               number__lt=OuterRef("number"))
    return Subquery(PlanVersion.objects.filter(case=OuterRef("pk"), served_on__isnull=False)
                    .exclude(Exists(issued_before)).order_by("served_on").values("served_on")[:1])


def days_from_decision_to_draft(councils, filters: Filters, series: list[periods.Period]):
    """For each period: (first draft plans sent in it, median days from the decision to assess, 90th percentile)."""
    cases = _once_per_case(_cases(councils, filters).filter(decision_to_assess_on__isnull=False)
                           .annotate(draft_served_on=_first_draft_served()))
    return _duration_series(cases, "draft_served_on", DaysBetween("draft_served_on", "decision_to_assess_on"),
                            filters, series)


def days_to_final_plan(councils, filters: Filters, series: list[periods.Period]):
    """For each period: (new plans issued in it, median days from the request, 90th percentile)."""
    return _duration_series(_new_plans(councils, filters), "first_issued_on",
                            DaysBetween("first_issued_on", "received_on"), filters, series)


# --- Advice from partners ------------------------------------------------------------------------------------

ADVICE_LIMIT = _fixed_offset(deadlines.advice_due)  # 6 weeks
# The partners whose advice every assessment needs (SEND Regulations 2014 reg 6(1)(b) to (e)), with short names.
ADVICE_KINDS = [(AdviceKind.HEALTH, "Health"), (AdviceKind.PSYCHOLOGY, "Educational psychology"),
                (AdviceKind.SOCIAL_CARE, "Social care"), (AdviceKind.EDUCATION, "Education")]


def _advice(councils, filters: Filters) -> QuerySet[AdviceRequest]:
    """Advice asked for on the councils' assessments and re-assessments (regs 6 to 9 apply to both)."""
    return AdviceRequest.objects.filter(_case_q(councils, filters, "case__"),
                                        kind__in=[kind for kind, _ in ADVICE_KINDS]).order_by()


def as_of(period: periods.Period, today: dt.date | None = None) -> dt.date:
    """The day a count "at the end of the period" is taken: the period's last day, or today while it runs."""
    return min(period.end, today or timezone.localdate())


def advice_within_6_weeks(councils, filters: Filters) -> list[tuple[str, str, int, int]]:
    """Advice sent to the council in the period, by kind: (kind, label, sent within 6 weeks of the request, sent)."""
    advice = _advice(councils, filters).annotate(taken=_time_taken("submitted_on", "requested_on"))
    sent = _in("submitted_on", filters, filters.period, prefix="case__")
    spec = {}
    for kind, _label in ADVICE_KINDS:
        spec[f"d_{kind}"] = sent & Q(kind=kind)
        spec[f"n_{kind}"] = sent & Q(kind=kind, taken__lte=ADVICE_LIMIT)
    counts = _counts(advice, spec)
    return [(kind.value, label, counts[f"n_{kind}"], counts[f"d_{kind}"]) for kind, label in ADVICE_KINDS]


def advice_overdue(councils, filters: Filters, today: dt.date | None = None) -> list[tuple[str, str, int]]:
    """Advice past its due date and not yet sent at the end of the period (or today), on cases still open then,
    by kind: (kind, label, count)."""
    day = as_of(filters.period, today)
    waiting = (Q(requested_on__lte=day, due_on__lt=day)
               & (Q(submitted_on__isnull=True) | Q(submitted_on__gt=day))
               & (Q(case__closed_on__isnull=True) | Q(case__closed_on__gt=day))
               & _age_q(filters.age_group, day, prefix="case__"))
    counts = _counts(_advice(councils, filters), {kind.value: waiting & Q(kind=kind) for kind, _ in ADVICE_KINDS})
    return [(kind.value, label, counts[kind.value]) for kind, label in ADVICE_KINDS]


# --- Demand and flow -----------------------------------------------------------------------------------------

def conversion(councils, filters: Filters) -> tuple[int, int, int]:
    """Of the requests received in the period: (requests, decided to assess, plan issued), as things stand now."""
    has_plan = Exists(PlanVersion.objects.filter(case=OuterRef("pk"), issued_on__isnull=False))
    received = _in("received_on", filters, filters.period)
    # A decision not to assess ends the case (NOT_ASSESSING is final), so any other case with a decision date was
    # decided in favour of an assessment, even if it was withdrawn later.
    assessed = Q(decision_to_assess_on__isnull=False) & ~Q(stage=Stage.NOT_ASSESSING)
    counts = _counts(_cases(councils, filters).annotate(has_plan=has_plan),
                     {"requests": received, "assessed": received & assessed,
                      "planned": received & Q(has_plan=True)})
    return counts["requests"], counts["assessed"], counts["planned"]


def _plans(councils, filters: Filters) -> QuerySet[EHCCase]:
    """The councils' cases with a plan, each with the day the plan came into force for this council: the day its
    first final plan was issued, or for a plan transferred from another council the day it arrived. A plan stops
    being in force on the day it ceases, is transferred to another council or is replaced after a re-assessment
    (the case's `closed_on`)."""
    return _once_per_case(
        _council_cases(councils, filters).annotate(first_issued_on=_first_issued())
        .annotate(in_force_from=Case(When(transferred_in_on__isnull=False, then=F("transferred_in_on")),
                                     default=F("first_issued_on")))
        .filter(in_force_from__isnull=False))


def _in_force(day: dt.date, filters: Filters) -> Q:
    return (Q(in_force_from__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))
            & _age_q(filters.age_group, day))


def caseload(councils, filters: Filters, series: list[periods.Period], today: dt.date | None = None) -> list[int]:
    """For each period, in one query: plans in force at its end (or today, for a period still running)."""
    counts = _counts(_plans(councils, filters),
                     {f"p{index}": _in_force(as_of(period, today), filters) for index, period in enumerate(series)})
    return [counts[f"p{index}"] for index in range(len(series))]


def population(councils, years) -> dict[int, int]:
    """The population aged 0 to 25 of all the councils together in each year, for the years every one of them has
    an estimate for."""
    wanted = Organisation.objects.filter(pk__in=councils.values("pk")).count()
    totals = (PopulationEstimate.objects.filter(council__in=councils.values("pk"), year__in=set(years))
              .values("year").annotate(people=Sum("aged_0_to_25"), councils=Count("council")).order_by())
    return {row["year"]: row["people"] for row in totals if wanted and row["councils"] == wanted}


# Caseload breakdowns: (key, label, Q on the plan's case) for each part; each list covers every case exactly once.
def _need_parts() -> list[tuple[str, str, Q]]:
    return [*((need.value, need.label, Q(primary_need=need)) for need in PrimaryNeed),
            ("", "Not recorded", Q(primary_need=""))]


def _age_parts(day: dt.date) -> list[tuple[str, str, Q]]:
    return [(key, label, _age_q(key, day)) for key, label, _, _ in periods.AGE_GROUPS]


def _setting_parts() -> list[tuple[str, str, Q]]:
    return [*((kind, label, setting_kind_q(kind)) for kind, label in SETTING_KINDS),
            ("none", "No school or setting recorded", Q(child__current_setting__isnull=True))]


CASELOAD_BREAKDOWNS = {"need": _need_parts, "setting": _setting_parts}


def caseload_by(councils, filters: Filters, breakdown: str, today: dt.date | None = None
                ) -> list[tuple[str, str, int]]:
    """Plans in force at the end of the period (or today), by primary need, age group or setting: (key, label,
    count) for every part, including those with none."""
    day = as_of(filters.period, today)
    parts = _age_parts(day) if breakdown == "age" else CASELOAD_BREAKDOWNS[breakdown]()
    in_force = _in_force(day, filters)
    counts = _counts(_plans(councils, filters), {f"p{index}": in_force & condition
                                                 for index, (_, _, condition) in enumerate(parts)})
    return [(key, label, counts[f"p{index}"]) for index, (key, label, _) in enumerate(parts)]


def caseload_by_district(councils, filters: Filters, today: dt.date | None = None) -> list[tuple[str, str, int]]:
    """Plans in force at the end of the period (or today), by the district of the child's school or setting, in one
    query: (code, name, count) for each district with any, by name, then those with no district."""
    day = as_of(filters.period, today)
    district = "child__current_setting__district"
    counted = (_plans(councils, filters).filter(_in_force(day, filters))
               .values(f"{district}__code", f"{district}__name").annotate(plans=Count("pk"))
               .order_by(f"{district}__name"))
    rows = [(row[f"{district}__code"] or "none", row[f"{district}__name"] or "No district recorded", row["plans"])
            for row in counted]
    return sorted(rows, key=lambda row: row[0] == "none")


# --- Annual reviews ------------------------------------------------------------------------------------------

REVIEW_DECISION_LIMIT = _fixed_offset(deadlines.review_decision_due)  # 4 weeks
# Reg 22(3) with the Devon judgment: the amended plan is due 8 weeks from the amendment notice, and never later
# than 12 weeks from the meeting; amended_plan_due takes the earlier, so each limit is read from it on its own.
AMENDED_PLAN_FROM_MEETING = _fixed_offset(
    lambda meeting: deadlines.amended_plan_due(meeting, meeting + dt.timedelta(days=3650)))
AMENDED_PLAN_FROM_NOTICE = _fixed_offset(lambda notice: deadlines.amended_plan_due(notice, notice))
_NOT_HELD = (AnnualReview.Status.NOT_ARRANGED, AnnualReview.Status.INVITED)


def _reviews(councils, filters: Filters) -> QuerySet[AnnualReview]:
    return AnnualReview.objects.filter(_case_q(councils, filters, "case__")).order_by()


def reviews_held_by_due_date(councils, filters: Filters, series: list[periods.Period]) -> list[tuple[int, int]]:
    """For each period: (reviews due in it whose meeting was held by the due date, reviews due in it), leaving out
    reviews of plans that ended before they were due."""
    reviews = _reviews(councils, filters).filter(Q(case__closed_on__isnull=True)
                                                 | Q(case__closed_on__gt=F("due_on")))
    held = ~Q(status__in=_NOT_HELD) & Q(meeting_on__lte=F("due_on"))
    spec = {}
    for index, period in enumerate(series):
        due = _in("due_on", filters, period, prefix="case__")
        spec[f"d{index}"] = due
        spec[f"n{index}"] = due & held
    counts = _counts(reviews, spec)
    return [(counts[f"n{i}"], counts[f"d{i}"]) for i in range(len(series))]


def review_decisions_measure(councils, filters: Filters) -> Measure:
    """Decisions after a review meeting made within 4 weeks of it."""
    reviews = (_reviews(councils, filters).filter(meeting_on__isnull=False, decision_on__isnull=False)
               .annotate(taken=_time_taken("decision_on", "meeting_on")))
    return Measure(reviews, "decision_on", Q(taken__lte=REVIEW_DECISION_LIMIT), started="meeting_on",
                   prefix="case__")


def review_decisions_within_4_weeks(councils, filters: Filters, series: list[periods.Period]
                                    ) -> list[tuple[int, int]]:
    """For each period: (decisions after a review meeting made within 4 weeks of it, such decisions made)."""
    return measure_counts(review_decisions_measure(councils, filters), filters, series)


def amended_plans_measure(councils, filters: Filters) -> Measure:
    """Amended plans issued after a review within 12 weeks of the review meeting and 8 weeks of the amendment
    notice."""
    reviews = (_reviews(councils, filters).filter(meeting_on__isnull=False, amended_plan__issued_on__isnull=False)
               .annotate(from_meeting=_time_taken("amended_plan__issued_on", "meeting_on"),
                         from_notice=_time_taken("amended_plan__issued_on", "amendment__served_on")))
    in_time = Q(from_meeting__lte=AMENDED_PLAN_FROM_MEETING) & (Q(amendment__served_on__isnull=True)
                                                                | Q(from_notice__lte=AMENDED_PLAN_FROM_NOTICE))
    return Measure(reviews, "amended_plan__issued_on", in_time, started="meeting_on", prefix="case__")


def amended_plans_in_time(councils, filters: Filters, series: list[periods.Period]) -> list[tuple[int, int]]:
    """For each period: (amended plans issued in it within 12 weeks of the review meeting and 8 weeks of the
    amendment notice, amended plans issued in it after a review)."""
    return measure_counts(amended_plans_measure(councils, filters), filters, series)


def reviews_overdue_by_age(councils, filters: Filters, today: dt.date | None = None) -> list[tuple[str, str, int]]:
    """Reviews past their due date with no meeting held at the end of the period (or today), on plans still in
    force then, by the child's age group then: (key, label, count)."""
    day = as_of(filters.period, today)
    overdue = (Q(due_on__lt=day) & (Q(meeting_on__isnull=True) | Q(meeting_on__gt=day) | Q(status__in=_NOT_HELD))
               & (Q(case__closed_on__isnull=True) | Q(case__closed_on__gt=day)) & _age_q(filters.age_group, day,
                                                                                           prefix="case__"))
    groups = [(key, label, _age_q(key, day, prefix="case__")) for key, label, _, _ in periods.AGE_GROUPS]
    counts = _counts(_reviews(councils, filters), {key: overdue & condition for key, _, condition in groups})
    return [(key, label, counts[key]) for key, label, _ in groups]


@dataclass(frozen=True)
class _Move:
    transfer: deadlines.PhaseTransfer
    who: Q  # the children who make it


def _phase_transfers_in(period: periods.Period) -> list[_Move]:
    """The moves between phases whose deadline (SEND Regulations 2014 reg 18(1), from ehc.deadlines) falls in the
    period, in date order. Moves between post-16 institutions, dated case by case (reg 18(2)), and moves into or
    out of middle schools are not included."""
    found = []
    for year in range(period.start.year, period.end.year + 1):
        school_year = dt.date(year - 1, 9, 1)  # the school year before the move in September
        for nc_year in range(-1, 12):
            # A child's cohort is fixed by their date of birth (people.schoolyear.nc_year).
            cohort = school_year.year - 4 - nc_year
            born = Q(child__date_of_birth__gte=dt.date(cohort - 1, 9, 1),
                     child__date_of_birth__lte=dt.date(cohort, 8, 31))
            moves = [_Move(deadlines.next_phase_transfer(nc_year, school_year), born)]
            from_infant_school = deadlines.next_phase_transfer(nc_year, school_year, infant_school=True)
            if from_infant_school and from_infant_school.kind == "infant_to_junior":
                # Only a child at an infant school changes school after Year 2.
                moves.append(_Move(from_infant_school, born & Q(child__current_setting__phase=SettingPhase.INFANT)))
            found += [move for move in moves if move.transfer and move.transfer.transfer_year == year
                      and period.start <= move.transfer.deadline <= period.end]
    return sorted(found, key=lambda move: move.transfer.deadline)


def phase_transfers_named_in_time(councils, filters: Filters) -> list[tuple[str, int, int]]:
    """For each move between phases whose deadline falls in the period, in one query: (what the move is and its
    deadline, plans of children making it that were amended after a review, naming a school or setting, between
    the start of that school year and the deadline, such plans in force on the deadline)."""
    moves = _phase_transfers_in(filters.period)
    if not moves:  # most months have no deadline in them
        return []
    named = {}
    spec = {}
    for index, move in enumerate(moves):
        deadline = move.transfer.deadline
        key = f"named_{deadline:%Y%m%d}"
        named.setdefault(key, Exists(PlanVersion.objects.filter(
            case=OuterRef("pk"), issued_on__gte=dt.date(move.transfer.transfer_year - 1, 9, 1),
            issued_on__lte=deadline, placement__isnull=False, review_issuing__isnull=False)))
        moving = move.who & _in_force(deadline, filters)
        spec[f"d{index}"] = moving
        spec[f"n{index}"] = moving & Q(**{key: True})
    # Only the plans of children making one of the moves are looked at, so the named plans are looked for on few.
    plans = _plans(councils, filters).filter(reduce(operator.or_, (move.who for move in moves))).annotate(**named)
    counts = _counts(plans, spec)
    return [(f"{move.transfer.label} (by {move.transfer.deadline.day} {move.transfer.deadline:%B %Y})",
             counts[f"n{index}"], counts[f"d{index}"]) for index, move in enumerate(moves)]


# --- Personal budgets, mediation and appeals -----------------------------------------------------------------

def personal_budgets_agreed(councils, filters: Filters) -> list[tuple[str, str, int]]:
    """Personal budgets agreed in the period, by how they are held: (form, label, count)."""
    budgets = PersonalBudgetRequest.objects.filter(_case_q(councils, filters, "case__"),
                                                   status=PersonalBudgetRequest.Status.AGREED).order_by()
    agreed = _in("decided_on", filters, filters.period, prefix="case__")
    counts = _counts(budgets, {form.value: agreed & Q(agreed_form=form) for form in PersonalBudgetForm})
    return [(form.value, form.label, counts[form.value]) for form in PersonalBudgetForm]


_HELD_MEDIATION = (Disagreement.MediationOutcome.AGREED, Disagreement.MediationOutcome.NOT_AGREED)
DISAGREEMENT_COUNTS = [
    ("mediation_contacted", "Families who contacted a mediation adviser", "mediation_adviser_contacted_on", Q()),
    ("mediation_held", "Mediations held", "certificate_on", Q(mediation_outcome__in=_HELD_MEDIATION)),
    ("appeals_registered", "Appeals registered with the tribunal", "appeal_registered_on", Q()),
    ("appeals_ended", "Appeals that ended (decided, withdrawn or conceded)", "appeal_outcome_on",
     ~Q(appeal_outcome="")),
]


def _disagreements(councils, filters: Filters) -> QuerySet[Disagreement]:
    return Disagreement.objects.filter(_case_q(councils, filters, "case__")).order_by()


def mediation_and_appeals(councils, filters: Filters) -> list[tuple[str, str, int]]:
    """Mediation and tribunal appeals in the period: (key, label, count) for each step, each counted on the day it
    happened."""
    counts = _counts(_disagreements(councils, filters), {
        key: _in(field, filters, filters.period, prefix="case__") & condition
        for key, _, field, condition in DISAGREEMENT_COUNTS})
    return [(key, label, counts[key]) for key, label, _, _ in DISAGREEMENT_COUNTS]


def appeal_rate(councils, filters: Filters, series: list[periods.Period]) -> list[tuple[int, int]]:
    """For each period: (appeals registered with the tribunal in it, appealable decisions made in it). Appealable
    decisions (Children and Families Act 2014 s.51) are: decisions not to assess, decisions not to issue a plan,
    final plans issued (new or amended, as their content can be appealed; not plans transferred in), decisions not
    to amend a plan after a review, decisions to cease a plan that can be appealed, and refusals to re-assess. One
    query for each kind of record."""
    cases = _council_cases(councils, filters)
    of_cases = _case_q(councils, filters, "case__")

    def per_period(queryset, field, condition=None):
        counts = _counts(queryset, {f"p{index}": _in(field, filters, period, prefix=_prefix(queryset))
                                    & (condition or Q()) for index, period in enumerate(series)})
        return [counts[f"p{index}"] for index in range(len(series))]

    not_to_assess = per_period(cases, "decision_to_assess_on", Q(stage=Stage.NOT_ASSESSING))
    not_to_issue = per_period(cases.filter(stage=Stage.NOT_ISSUING), "decision_to_issue_on")
    plans = per_period(PlanVersion.objects.filter(of_cases, case__transferred_from="").order_by(), "issued_on")
    not_to_amend = per_period(AnnualReview.objects.filter(of_cases, decision=ReviewDecision.MAINTAIN).order_by(),
                              "decision_on")
    to_cease = per_period(CeasingProposal.objects.filter(
        of_cases, status__in=[CeasingProposal.Status.CEASING, CeasingProposal.Status.CEASED])
        .exclude(reason__in=NOT_APPEALABLE_CEASING).order_by(), "decided_on")
    not_to_reassess = per_period(ReassessmentRequest.objects.filter(
        of_cases, status=ReassessmentRequest.Status.REFUSED).order_by(), "decided_on")
    appeals = per_period(_disagreements(councils, filters), "appeal_registered_on")
    decisions = [sum(parts) for parts in zip(not_to_assess, not_to_issue, plans, not_to_amend, to_cease,
                                             not_to_reassess, strict=True)]
    return list(zip(appeals, decisions, strict=True))


def _prefix(queryset) -> str:
    """The path from the counted model to the case, for the age filter."""
    return "" if queryset.model is EHCCase else "case__"
