"""Reads for the list of cases behind a dashboard figure. Unlike the rest of the dashboards, these return children's
records, so they are only for council officers who see every count (`selectors.sees_unsuppressed`), and only the
cases the person could open anyway (`ehc.selectors.cases_visible_to`). The cases come from the same `Measure` the
figure is counted from, so the list is exactly the cases behind it."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When

from ehc.selectors import cases_visible_to

from . import selectors
from .selectors import DaysBetween, Filters, Measure

# What became of each case, as the list's filter names them in the address.
MET, NOT_MET, SET_APART = "met", "not-met", "exception"


@dataclass(frozen=True)
class Drilldown:
    """An indicator's list of cases: the measure it counts with, and the words for the dates and outcomes."""

    measure: Callable[..., Measure]  # (councils, filters) -> Measure
    started_label: str  # the date the time is counted from, as a column heading
    ended_label: str  # the date that places the case in the period
    met_label: str = "Met"
    not_met_label: str = "Not met"
    set_apart_label: str = "Exception recorded"

    def outcome_labels(self, measure: Measure) -> dict[str, str]:
        labels = {MET: self.met_label, NOT_MET: self.not_met_label}
        if measure.set_apart is not None:
            labels[SET_APART] = self.set_apart_label
        return labels


@dataclass(frozen=True)
class CaseRow:
    case: object  # the EHCCase, with its child and council
    started_on: dt.date
    ended_on: dt.date
    days: int
    outcome: str  # MET, NOT_MET or SET_APART
    outcome_label: str

    @property
    def time_taken(self) -> str:
        """In weeks and days, as the time limits are set, and in days: "20 weeks and 1 day (141 days)"."""
        if self.days < 7:  # under a week (or dates recorded the wrong way round, which the list should not hide)
            return _plural(self.days, "day")
        weeks, days = divmod(self.days, 7)
        parts = _plural(weeks, "week") + (f" and {_plural(days, 'day')}" if days else "")
        return f"{parts} ({_plural(self.days, 'day')})"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class CaseList:
    records: QuerySet  # the records behind the figure that the person may open
    counts: dict[str, int]  # how many of those have each outcome, and "all"
    counted: int  # how many the figure counts, whether or not the person may open them all
    labels: dict[str, str]  # the outcomes this indicator has, with their words
    measure: Measure

    def listed(self, outcome: str = "") -> QuerySet:
        """The records with one outcome (MET, NOT_MET or SET_APART), or all of them, in date order with their cases'
        children and councils; page through them."""
        records = self.records.filter(drill_outcome=outcome) if outcome else self.records
        case = self.measure.prefix + "{}"
        return records.select_related(case.format("child"), case.format("local_authority")).order_by(
            self.measure.field, case.format("reference"))

    def rows(self, records) -> list[CaseRow]:
        """Some of the listed records (a page of them) as rows of the list."""
        return [CaseRow(case=record.case if self.measure.prefix else record, started_on=record.drill_started,
                        ended_on=record.drill_ended, days=record.drill_days, outcome=record.drill_outcome,
                        outcome_label=self.labels[record.drill_outcome])
                for record in records]


def _case_path(measure: Measure) -> str:
    """The field that names the record's case: the record itself, or its `case` foreign key."""
    return measure.prefix.removesuffix("__") or "pk"


def cases_behind(drilldown: Drilldown, user, councils, filters: Filters) -> CaseList:
    """The records the indicator counts in the chosen period (`filters.period`) that `user` may open, with the
    dates and what became of each, and how many there are of each outcome (one query)."""
    measure = drilldown.measure(councils, filters)
    inside = measure.in_period(filters, filters.period)
    met = measure.counted & measure.met
    outcome_of = Case(*([When(measure.set_apart, then=Value(SET_APART))] if measure.set_apart is not None else []),
                      When(met, then=Value(MET)), default=Value(NOT_MET), output_field=CharField())
    behind = inside & ((measure.counted | measure.set_apart) if measure.set_apart is not None else measure.counted)
    # The person's own access to cases, as the case pages check it: never a rule of the dashboards' own.
    visible = Exists(cases_visible_to(user).filter(pk=OuterRef(_case_path(measure))))
    records = (measure.records.filter(behind)
               .annotate(drill_outcome=outcome_of, drill_visible=visible, drill_started=F(measure.started),
                         drill_ended=F(measure.field), drill_days=DaysBetween(measure.field, measure.started)))
    labels = drilldown.outcome_labels(measure)
    counts = records.aggregate(counted=Count("pk"), all=Count("pk", filter=Q(drill_visible=True)),
                               **{key: Count("pk", filter=Q(drill_visible=True, drill_outcome=key))
                                  for key in labels})
    counted = counts.pop("counted")
    return CaseList(records.filter(drill_visible=True), counts, counted, labels, measure)


def headline_total(row) -> int:
    """How many cases are behind an indicator's headline figure: those it counts, and those it sets apart."""
    return (row.denominator or 0) + (row.linked_count or 0)


# --- The indicators with a list of cases ------------------------------------------------------------------------
# Plans issued after more than a year count the late ones, so their outcomes are named rather than met or not.

NEW_PLANS_20_WEEKS = Drilldown(
    lambda councils, filters: selectors.new_plans_20_weeks_measure(councils, filters, excluding_exceptions=False),
    "Request received", "Plan issued")
NEW_PLANS_20_WEEKS_EXCLUDING_EXCEPTIONS = Drilldown(
    lambda councils, filters: selectors.new_plans_20_weeks_measure(councils, filters, excluding_exceptions=True),
    "Request received", "Plan issued")
DECISIONS_TO_ASSESS = Drilldown(selectors.decisions_to_assess_measure, "Request received", "Decision made")
NOT_TO_ISSUE = Drilldown(selectors.not_to_issue_measure, "Request received", "Decision not to issue")
PLANS_OVER_A_YEAR = Drilldown(selectors.plans_over_a_year_measure, "Request received", "Plan issued",
                              met_label="More than a year", not_met_label="A year or less")
REVIEW_DECISIONS = Drilldown(selectors.review_decisions_measure, "Review meeting", "Decision made")
AMENDED_PLANS = Drilldown(selectors.amended_plans_measure, "Review meeting", "Amended plan issued")
