"""Reads for the partnership dashboards. Every figure is an aggregate computed in the database over the cases of
the councils the person works for; no child's record leaves these functions."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from ehc import deadlines
from ehc.models import EHCCase, PlanVersion, RequesterKind, Stage, TimeLimit, TimeLimitException
from send_portal.core.access_policy import DASHBOARD_VIEWERS
from send_portal.organisations.models import District, Organisation, OrganisationKind, Role
from send_portal.organisations.selectors import organisations_for

from . import periods
from .models import NationalFigure

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


@dataclass(frozen=True)
class Filters:
    period: periods.Period
    district: District | None = None
    primary_need: str = ""
    age_group: str = ""

    def with_period(self, period: periods.Period) -> "Filters":
        return Filters(period, self.district, self.primary_need, self.age_group)


def councils_for(user) -> QuerySet[Organisation]:
    """The councils whose figures a person may see: those they belong to in a dashboard role, directly or through
    one of the council's teams."""
    return _councils_in_roles(user, DASHBOARD_ROLES)


def _councils_in_roles(user, roles) -> QuerySet[Organisation]:
    orgs = organisations_for(user, *roles)
    direct = orgs.filter(kind=OrganisationKind.LOCAL_AUTHORITY).values("pk")
    through_team = orgs.filter(kind=OrganisationKind.LA_TEAM, parent__isnull=False).values("parent_id")
    return Organisation.objects.filter(Q(pk__in=direct) | Q(pk__in=through_team),
                                       kind=OrganisationKind.LOCAL_AUTHORITY)


def sees_unsuppressed(user) -> bool:
    """Council caseworkers and managers see every count, but only when every council whose figures they see is one
    they are an officer of: someone who is also a partnership lead elsewhere sees small counts suppressed, so that
    council's figures cannot be worked out by subtracting their own. Everyone else sees small counts suppressed."""
    councils = set(councils_for(user).values_list("pk", flat=True))
    return bool(councils) and councils <= set(_councils_in_roles(user, UNSUPPRESSED_ROLES).values_list("pk", flat=True))


def districts() -> QuerySet[District]:
    return District.objects.order_by("name")


def _age_q(age_group: str, on: dt.date) -> Q:
    for key, _label, youngest, oldest in periods.AGE_GROUPS:
        if key == age_group:
            born_after, born_by = periods.birth_dates_for_age(youngest, oldest, on)
            return Q(child__date_of_birth__gt=born_after, child__date_of_birth__lte=born_by)
    return Q()


def _cases(councils, filters: Filters) -> QuerySet[EHCCase]:
    """Initial requests for assessment in the councils (a queryset of them, usually `councils_for(person)`),
    narrowed by the filters that do not depend on the period (district and primary need)."""
    cases = EHCCase.objects.filter(local_authority__in=councils, requester_kind__in=INITIAL_REQUEST_KINDS,
                                   reassessment_of__isnull=True, transferred_from="",
                                   received_on__isnull=False).exclude(stage=Stage.DRAFT)
    if filters.district is not None:
        cases = cases.filter(child__current_setting__district=filters.district)
    if filters.primary_need:
        cases = cases.filter(primary_need=filters.primary_need)
    return cases.order_by()


def _in(field: str, filters: Filters, period: periods.Period) -> Q:
    """Q for `field` falling in `period`, with the child's age group taken at the end of that period."""
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end}) & _age_q(filters.age_group, period.end)


def _time_taken(later: str, earlier: str) -> ExpressionWrapper:
    """How long from one date to the other, computed in the database."""
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def _counts(queryset, spec: dict[str, Q]) -> dict[str, int]:
    """One query: a conditional count for each named condition."""
    return queryset.aggregate(**{name: Count("pk", filter=condition) for name, condition in spec.items()})


def _series_counts(cases, field: str, filters: Filters, series: list[periods.Period], met: Q
                   ) -> list[tuple[int, int]]:
    """For each period, in one query: (cases meeting `met`, cases) among those whose `field` falls in it."""
    spec = {}
    for index, period in enumerate(series):
        counted = _in(field, filters, period)
        spec[f"d{index}"] = counted
        spec[f"n{index}"] = counted & met
    counts = _counts(cases, spec)
    return [(counts[f"n{i}"], counts[f"d{i}"]) for i in range(len(series))]


def _new_plans(councils, filters: Filters) -> QuerySet[EHCCase]:
    """Initial requests with the date their first final plan was issued and how long it took."""
    first_issued = Subquery(PlanVersion.objects.filter(case=OuterRef("pk"), issued_on__isnull=False)
                            .order_by("issued_on").values("issued_on")[:1])
    return (_cases(councils, filters).annotate(first_issued_on=first_issued)
            .annotate(weeks_taken=_time_taken("first_issued_on", "received_on")))


def new_plans_within_20_weeks(councils, filters: Filters, series: list[periods.Period], *, excluding_exceptions: bool
                              ) -> list[tuple[int, ...]]:
    """For each period: (new plans issued within 20 weeks of the request, new plans issued). A new plan is the
    first final plan issued on an initial request. Excluding exceptions leaves out, from both figures, a case with
    an exception recorded against any of the 20 weeks' time limits (SEND Regulations 2014 reg 13(3)), and adds a
    third figure: how many were left out."""
    within = Q(weeks_taken__lte=FINAL_PLAN_LIMIT)
    if not excluding_exceptions:
        return _series_counts(_new_plans(councils, filters), "first_issued_on", filters, series, within)
    # SEN2 flags a plan as having an exception when one applied at any stage of the 20 weeks (statutory.md §2.2);
    # advice exceptions (reg 8(2)) do not stop the clock.
    cases = _new_plans(councils, filters).annotate(has_exception=Exists(TimeLimitException.objects.filter(
        case=OuterRef("pk"), time_limit__in=STAGE_TIME_LIMITS)))
    spec = {}
    for index, period in enumerate(series):
        issued = _in("first_issued_on", filters, period)
        spec[f"d{index}"] = issued & Q(has_exception=False)
        spec[f"n{index}"] = issued & Q(has_exception=False) & within
        spec[f"e{index}"] = issued & Q(has_exception=True)
    counts = _counts(cases, spec)
    # The third figure, the plans left out, lets suppression stop anyone subtracting this from the "including" one.
    return [(counts[f"n{i}"], counts[f"d{i}"], counts[f"e{i}"]) for i in range(len(series))]


def plans_issued_over_a_year(councils, filters: Filters, series: list[periods.Period]) -> list[tuple[int, int]]:
    """For each period: (new plans issued more than 52 weeks after the request, new plans issued)."""
    return _series_counts(_new_plans(councils, filters), "first_issued_on", filters, series,
                          Q(weeks_taken__gt=OVER_A_YEAR))


def decisions_to_assess_within_6_weeks(councils, filters: Filters, series: list[periods.Period]
                                       ) -> list[tuple[int, int]]:
    """For each period: (decisions whether to assess made within 6 weeks of the request, decisions made), counting
    decisions to assess and decisions not to assess alike (SEND Regulations 2014 reg 5(1))."""
    cases = _cases(councils, filters).filter(decision_to_assess_on__isnull=False).annotate(
        weeks_taken=_time_taken("decision_to_assess_on", "received_on"))
    return _series_counts(cases, "decision_to_assess_on", filters, series, Q(weeks_taken__lte=DECISION_TO_ASSESS_LIMIT))


def not_to_issue_within_16_weeks(councils, filters: Filters, series: list[periods.Period]) -> list[tuple[int, int]]:
    """For each period: (decisions not to issue a plan made within 16 weeks of the request, such decisions made)
    (SEND Regulations 2014 reg 10(1))."""
    cases = _cases(councils, filters).filter(stage=Stage.NOT_ISSUING, decision_to_issue_on__isnull=False).annotate(
        weeks_taken=_time_taken("decision_to_issue_on", "received_on"))
    return _series_counts(cases, "decision_to_issue_on", filters, series, Q(weeks_taken__lte=DECISION_TO_ISSUE_LIMIT))


def requests_by_source(councils, filters: Filters) -> list[tuple[str, str, int]]:
    """Requests for an assessment received in the period, by who made them: (kind, label, count) for every kind,
    including those with none."""
    counts = _counts(_cases(councils, filters), {
        kind.value: Q(requester_kind=kind) & _in("received_on", filters, filters.period)
        for kind in INITIAL_REQUEST_KINDS})
    return [(kind.value, kind.label, counts[kind.value]) for kind in INITIAL_REQUEST_KINDS]


def england_figures(indicator: str) -> dict[int, NationalFigure]:
    return {figure.year: figure for figure in NationalFigure.objects.filter(indicator=indicator)}
