"""The SEN2 statutory return (the Department for Education's special educational needs survey) for one council and one
collection year, built from the portal's live records. Reads only.

A collection year is named by its census date, the third Thursday of January (SEN2 2026: Thursday 15 January 2026).
Requests and assessments are reported for the calendar year before it (the reporting period); named plans and
placements as they stood on the census date. Anything dated after the census date is treated as not yet having
happened, so a past year's return does not change as later work is recorded.

The modules follow the SEN2 person-level structure (statutory.md §9.1): 1 person details, 2 requests for an EHC needs
assessment, 3 EHC needs assessments, 4 named plans (with annual reviews and ceased plans), 5 placements. Every row is
a dict keyed by its module's columns, linked across modules by `person_id` (the child's portal reference) and
`request_id` (the case reference). Each module is read with a fixed number of queries, however many children there
are. Where the domain reference does not confirm the DfE code list (request source, setting type, ceasing reason)
the portal's own codes are exported. A column the portal holds no data for is kept, empty, and listed in its
module's `not_held`.

`validate()` lists what must be fixed in the portal before the export (errors) or checked (warnings), each with a
link to the page where it is fixed.
"""

import csv
import datetime as dt
import io
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Case, DateField, Exists, F, OuterRef, Q, QuerySet, Subquery, When
from django.urls import reverse

from ehc import deadlines
from ehc.models import (
    AnnualReview,
    CeasingProposal,
    CeasingReason,
    Disagreement,
    EHCCase,
    PersonalBudgetRequest,
    PlanVersion,
    PrimaryNeed,
    RequesterKind,
    Stage,
    TimeLimitException,
)
from send_portal.core.csv_safety import safe_cell
from send_portal.core.dates import govuk_date
from send_portal.organisations.models import Organisation, SettingType
from send_portal.people import schoolyear
from send_portal.people.models import Sex

# One definition of a new request and of the exceptions that take a plan out of the "excluding exceptions" measure,
# shared with the dashboards so that the return and the dashboards give the same figures.
from .selectors import INITIAL_REQUEST_KINDS, OVER_A_YEAR, STAGE_TIME_LIMITS

THURSDAY = 3
# SEN2 has been a person-level return since the 2023 collection (statutory.md §9.1).
FIRST_YEAR = 2023
ERROR = "error"
WARNING = "warning"
# A plan ends at the end of the academic year in which the young person turns 25.
OLDEST_WITH_A_PLAN = 25
# Codes for the outcome columns.
ASSESS, NOT_ASSESS, WITHDRAWN = "assess", "not_assess", "withdrawn"
PLAN_ISSUED, PLAN_NOT_ISSUED = "plan_issued", "plan_not_issued"
TRANSFERRED_OUT = "transferred_out"
CEASING_LABELS = {**dict(CeasingReason.choices), TRANSFERRED_OUT: "Transferred to another local authority"}
MEDIATION_HELD = (Disagreement.MediationOutcome.AGREED, Disagreement.MediationOutcome.NOT_AGREED)


def census_date(year: int) -> dt.date:
    """The SEN2 census date for a collection year: the third Thursday of January."""
    first = dt.date(year, 1, 1)
    first_thursday = first + dt.timedelta(days=(THURSDAY - first.weekday()) % 7)
    return first_thursday + dt.timedelta(weeks=2)


def default_year(today: dt.date) -> int:
    """The return a data team is working on: this year's until DfE publishes in June, then next year's."""
    return today.year if today.month <= 6 else today.year + 1


def years(today: dt.date) -> list[int]:
    """The collection years that can be produced, newest first."""
    return list(range(today.year + 1, FIRST_YEAR - 1, -1))


@dataclass(frozen=True)
class Collection:
    council: Organisation
    year: int

    @property
    def census(self) -> dt.date:
        return census_date(self.year)

    @property
    def period_start(self) -> dt.date:
        return dt.date(self.year - 1, 1, 1)

    @property
    def period_end(self) -> dt.date:
        return dt.date(self.year - 1, 12, 31)

    def in_period(self, day: dt.date | None) -> bool:
        return day is not None and self.period_start <= day <= self.period_end

    def by_census(self, day: dt.date | None) -> dt.date | None:
        """The date if it had happened by the census date, else None."""
        return day if day is not None and day <= self.census else None


@dataclass(frozen=True)
class Module:
    number: int
    title: str
    filename: str
    columns: tuple[str, ...]
    not_held: tuple[str, ...] = ()


PERSON = Module(1, "Person details", "module1_person_details.csv", (
    "person_id", "surname", "forename", "date_of_birth", "sex", "ethnicity", "postcode", "upn", "uln",
    "upn_unknown_reason"), not_held=("ethnicity", "uln", "upn_unknown_reason"))
REQUESTS = Module(2, "Requests for an EHC needs assessment", "module2_requests.csv", (
    "person_id", "request_id", "received_on", "request_source", "request_outcome", "request_outcome_on", "mediation",
    "tribunal"))
ASSESSMENTS = Module(3, "EHC needs assessments", "module3_assessments.csv", (
    "person_id", "request_id", "assessment_outcome", "decision_to_issue_on", "outcome_on",
    "twenty_week_exceptions_apply", "issued_within_20_weeks", "mediation", "tribunal"))
PLANS = Module(4, "Named EHC plans, annual reviews and ceased plans", "module4_named_plans.csv", (
    "person_id", "request_id", "plan_start_on", "plan_last_issued_on", "primary_need", "secondary_needs",
    "transferred_in_from", "personal_budget", "personal_budget_forms", "last_review_meeting_on",
    "last_review_decision", "last_review_decision_on", "review_meetings_in_period", "in_force_at_census", "ceased_on",
    "ceased_reason"))
PLACEMENTS = Module(5, "Placements", "module5_placements.csv", (
    "person_id", "request_id", "urn", "ukprn", "setting_name", "setting_type", "placement_type", "named_on",
    "entry_date", "leaving_date", "attendance_pattern", "residential", "work_based"),
    not_held=("entry_date", "leaving_date", "attendance_pattern", "residential", "work_based"))
MODULES = (PERSON, REQUESTS, ASSESSMENTS, PLANS, PLACEMENTS)
SUMMARY_FILENAME = "summary.csv"


@dataclass(frozen=True)
class Issue:
    severity: str  # ERROR blocks the export; WARNING is for checking
    module: int
    field: str
    message: str
    case_reference: str
    child_reference: str
    url: str


@dataclass(frozen=True)
class SummaryRow:
    module: int
    measure: str
    value: int | Decimal | None  # a percentage is a Decimal; None when there is nothing to divide
    is_percentage: bool = False


@dataclass(frozen=True)
class Sen2Return:
    collection: Collection
    rows: dict[int, list[dict]]
    summary: list[SummaryRow]
    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == WARNING]

    @property
    def is_ready(self) -> bool:
        return not self.errors


def sen2_return(council: Organisation, year: int) -> Sen2Return:
    collection = Collection(council, year)
    requests = _requests(collection)
    plans, reviews, budgets, versions = _plans(collection)
    rows = {
        PERSON.number: _person_rows(requests, plans),
        REQUESTS.number: [_request_row(collection, record) for record in requests],
        ASSESSMENTS.number: [_assessment_row(collection, record) for record in requests
                             if _is_assessment(collection, record)],
        PLANS.number: [_plan_row(collection, record, reviews[record["pk"]], budgets[record["pk"]],
                                 versions[record["pk"]]) for record in plans],
        PLACEMENTS.number: [_placement_row(record, versions[record["pk"]]) for record in plans
                            if _in_force(collection, record)],
    }
    issues = validate(collection, requests, plans, reviews, versions)
    return Sen2Return(collection, rows, summary(collection, rows), issues)


# --- Reading ------------------------------------------------------------------------------------------------------

_CHILD_FIELDS = ("child_id", "child__reference", "child__family_name", "child__given_name", "child__date_of_birth",
                 "child__sex", "child__postcode", "child__upn", "child__current_setting_id")


def _first_issued(case: str = "pk") -> Subquery:
    """The date the case's first final plan was issued."""
    return Subquery(PlanVersion.objects.filter(case=OuterRef(case), issued_on__isnull=False)
                    .order_by("issued_on", "number").values("issued_on")[:1], output_field=DateField())


def _mediation_held(decisions) -> Exists:
    return Exists(Disagreement.objects.filter(case=OuterRef("pk"), decision__in=decisions,
                                              mediation_outcome__in=MEDIATION_HELD))


def _appealed(decisions, collection: Collection) -> Exists:
    return Exists(Disagreement.objects.filter(case=OuterRef("pk"), decision__in=decisions,
                                              appeal_registered_on__lte=collection.census))


def _requests(collection: Collection) -> list[dict]:
    """Modules 2 and 3, in one query: every initial request open at some time in the reporting period (received by
    its end and without an outcome before its start). Transfers in and re-assessments are not new requests, as on
    the dashboards."""
    start, end = collection.period_start, collection.period_end
    assessment_decisions = (Disagreement.Decision.NOT_TO_ISSUE, Disagreement.Decision.PLAN_CONTENT)
    cases = (EHCCase.objects.filter(local_authority=collection.council, requester_kind__in=INITIAL_REQUEST_KINDS,
                                    reassessment_of__isnull=True, transferred_from="", received_on__isnull=False)
             .exclude(stage=Stage.DRAFT)
             .annotate(first_issued_on=_first_issued())
             .annotate(outcome_on=Case(When(stage=Stage.NOT_ASSESSING, then=F("decision_to_assess_on")),
                                       When(stage=Stage.NOT_ISSUING, then=F("decision_to_issue_on")),
                                       When(stage=Stage.WITHDRAWN, then=F("closed_on")),
                                       default=F("first_issued_on"), output_field=DateField()))
             .filter(Q(received_on__lte=end), Q(received_on__gte=start) | Q(outcome_on__isnull=True)
                     | Q(outcome_on__gte=start) | Q(decision_to_assess_on__gte=start))
             .annotate(has_exception=Exists(TimeLimitException.objects.filter(case=OuterRef("pk"),
                                                                              time_limit__in=STAGE_TIME_LIMITS)),
                       request_mediation=_mediation_held([Disagreement.Decision.NOT_TO_ASSESS]),
                       request_tribunal=_appealed([Disagreement.Decision.NOT_TO_ASSESS], collection),
                       assessment_mediation=_mediation_held(assessment_decisions),
                       assessment_tribunal=_appealed(assessment_decisions, collection)))
    return list(cases.order_by("received_on", "reference").values(
        "pk", "reference", "stage", "requester_kind", "received_on", "decision_to_assess_on", "decision_to_issue_on",
        "closed_on", "first_issued_on", "has_exception", "request_mediation", "request_tribunal",
        "assessment_mediation", "assessment_tribunal", *_CHILD_FIELDS))


_ENDED = (Stage.CEASED, Stage.TRANSFERRED_OUT, Stage.REPLACED)


def _plans_queryset(collection: Collection) -> QuerySet[EHCCase]:
    """Plans in force on the census date, and plans ceased or transferred to another council in the reporting period.
    A plan replaced after a re-assessment goes on as the re-assessment's case, so it is listed only while in force."""
    in_force = Q(stage=Stage.FINAL_ISSUED) | Q(stage__in=_ENDED, closed_on__gt=collection.census)
    ended_in_period = (Q(stage__in=(Stage.CEASED, Stage.TRANSFERRED_OUT), closed_on__gte=collection.period_start,
                         closed_on__lte=collection.period_end)
                       | Q(stage=Stage.CEASED, closed_on__isnull=True))
    return (EHCCase.objects.filter(local_authority=collection.council)
            .annotate(first_issued_on=_first_issued())
            .filter(in_force | ended_in_period, first_issued_on__lte=collection.census)
            # A plan transferred in keeps its original date, but it is ours only from the day it arrived.
            .filter(Q(transferred_in_on__isnull=True) | Q(transferred_in_on__lte=collection.census)))


def _plans(collection: Collection):
    """Modules 4 and 5 in four queries: the plans, then their reviews, agreed personal budgets and issued versions."""
    plans = _plans_queryset(collection)
    ceased_reason = Subquery(CeasingProposal.objects.filter(case=OuterRef("pk"), status=CeasingProposal.Status.CEASED)
                             .order_by("-decided_on", "-pk").values("reason")[:1])
    records = list(plans.annotate(original_issued_on=_first_issued("reassessment_of"), ceased_reason=ceased_reason)
                   .order_by("first_issued_on", "reference").values(
                       "pk", "reference", "stage", "primary_need", "other_needs", "transferred_from", "received_on",
                       "closed_on",
                       "first_issued_on", "original_issued_on", "ceased_reason", *_CHILD_FIELDS))
    chosen = plans.values("pk")
    reviews, budgets, versions = defaultdict(list), defaultdict(list), defaultdict(list)
    for review in AnnualReview.objects.filter(case__in=chosen).order_by("case_id", "number").values(
            "case_id", "meeting_on", "decision", "decision_on"):
        reviews[review["case_id"]].append(review)
    for budget in PersonalBudgetRequest.objects.filter(
            case__in=chosen, status=PersonalBudgetRequest.Status.AGREED,
            decided_on__lte=collection.census).order_by("case_id", "agreed_form").values("case_id", "agreed_form"):
        budgets[budget["case_id"]].append(budget["agreed_form"])
    for version in PlanVersion.objects.filter(case__in=chosen, issued_on__isnull=False,
                                              issued_on__lte=collection.census).order_by(
            "case_id", "issued_on", "number").values(
            "case_id", "issued_on", "placement_id", "placement__name", "placement__urn", "placement__ukprn",
            "placement__setting_type", "placement_type"):
        versions[version["case_id"]].append(version)
    return records, reviews, budgets, versions


# --- Rows ---------------------------------------------------------------------------------------------------------

def _person_rows(requests: list[dict], plans: list[dict]) -> list[dict]:
    """Module 1: one row per child or young person in modules 2 to 5. The portal does not record ethnicity, the
    unique learner number (ULN) or why a UPN is not known, so those columns are empty."""
    people = {}
    for record in [*requests, *plans]:
        people.setdefault(record["child__reference"], {
            "person_id": record["child__reference"], "surname": record["child__family_name"],
            "forename": record["child__given_name"], "date_of_birth": record["child__date_of_birth"],
            "sex": record["child__sex"], "ethnicity": "", "postcode": record["child__postcode"],
            "upn": record["child__upn"] or "", "uln": "", "upn_unknown_reason": ""})
    return [people[key] for key in sorted(people)]


def _request_outcome(collection: Collection, record: dict) -> tuple[str, dt.date | None]:
    decided = collection.by_census(record["decision_to_assess_on"])
    if decided:
        return (NOT_ASSESS if record["stage"] == Stage.NOT_ASSESSING else ASSESS), decided
    withdrawn = collection.by_census(record["closed_on"]) if record["stage"] == Stage.WITHDRAWN else None
    if withdrawn:
        return WITHDRAWN, withdrawn
    return "", None


def _request_row(collection: Collection, record: dict) -> dict:
    """Module 2: the request, whether the council decided to assess (`assess`, `not_assess`, `withdrawn` before a
    decision, or empty while undecided at the census date) and when, and whether mediation was held or an appeal
    registered about a decision not to assess. The source is the portal's requester kind."""
    outcome, outcome_on = _request_outcome(collection, record)
    return {"person_id": record["child__reference"], "request_id": record["reference"],
            "received_on": record["received_on"], "request_source": record["requester_kind"],
            "request_outcome": outcome, "request_outcome_on": outcome_on,
            "mediation": int(record["request_mediation"]), "tribunal": int(record["request_tribunal"])}


def _is_assessment(collection: Collection, record: dict) -> bool:
    return (_request_outcome(collection, record)[0] == ASSESS
            or collection.by_census(record["first_issued_on"]) is not None)


def _assessment_row(collection: Collection, record: dict) -> dict:
    """Module 3: each assessment the council decided to carry out, and its outcome by the census date: `plan_issued`
    (on the first final plan's date), `plan_not_issued`, `withdrawn`, or empty while under way. The exceptions flag
    is 1 when an exception was recorded against any of the 20 weeks' time limits (statutory.md §2.2); issued within
    20 weeks is empty until a plan is issued. Mediation and appeals are those about not issuing a plan or about the
    plan's content."""
    issued = collection.by_census(record["first_issued_on"])
    decided_to_issue = collection.by_census(record["decision_to_issue_on"])
    if issued:
        outcome, outcome_on = PLAN_ISSUED, issued
    elif decided_to_issue and record["stage"] == Stage.NOT_ISSUING:
        outcome, outcome_on = PLAN_NOT_ISSUED, decided_to_issue
    elif record["stage"] == Stage.WITHDRAWN and collection.by_census(record["closed_on"]):
        outcome, outcome_on = WITHDRAWN, record["closed_on"]
    else:
        outcome, outcome_on = "", None
    return {"person_id": record["child__reference"], "request_id": record["reference"], "assessment_outcome": outcome,
            "decision_to_issue_on": decided_to_issue, "outcome_on": outcome_on,
            "twenty_week_exceptions_apply": int(record["has_exception"]),
            "issued_within_20_weeks": int(issued <= deadlines.final_plan_due(record["received_on"])) if issued else "",
            "mediation": int(record["assessment_mediation"]), "tribunal": int(record["assessment_tribunal"])}


def _in_force(collection: Collection, record: dict) -> bool:
    return record["stage"] == Stage.FINAL_ISSUED or (record["closed_on"] is not None
                                                     and record["closed_on"] > collection.census)


def _plan_row(collection: Collection, record: dict, reviews: list[dict], budgets: list[str],
              versions: list[dict]) -> dict:
    """Module 4: each plan in force on the census date or ended in the reporting period. The start date is the
    first final plan's (for a plan made after a re-assessment, the plan it replaced); the last issued date is the
    latest final or amended plan by the census date. Annual reviews: the last meeting by the census date, the
    council's decision after it, and how many meetings were held in the reporting period. A plan transferred to
    another council counts as ceased with the reason `transferred_out`; other reasons are the ceasing proposal's."""
    in_force = _in_force(collection, record)
    held = [review for review in reviews if collection.by_census(review["meeting_on"])]
    last = held[-1] if held else None
    ceased_reason = ""
    if not in_force:
        ceased_reason = TRANSFERRED_OUT if record["stage"] == Stage.TRANSFERRED_OUT else record["ceased_reason"] or ""
    return {"person_id": record["child__reference"], "request_id": record["reference"],
            "plan_start_on": record["original_issued_on"] or record["first_issued_on"],
            "plan_last_issued_on": versions[-1]["issued_on"] if versions else None,
            "primary_need": record["primary_need"], "secondary_needs": ";".join(record["other_needs"] or []),
            "transferred_in_from": record["transferred_from"], "personal_budget": int(bool(budgets)),
            "personal_budget_forms": ";".join(dict.fromkeys(budgets)),
            "last_review_meeting_on": last["meeting_on"] if last else None,
            "last_review_decision": last["decision"] if last and collection.by_census(last["decision_on"]) else "",
            "last_review_decision_on": collection.by_census(last["decision_on"]) if last else None,
            "review_meetings_in_period": sum(collection.in_period(review["meeting_on"]) for review in reviews),
            "in_force_at_census": int(in_force), "ceased_on": None if in_force else record["closed_on"],
            "ceased_reason": ceased_reason}


def _current_placement(versions: list[dict]) -> tuple[dict | None, dt.date | None]:
    """The latest issued version, and when the setting it names was first named without a break."""
    if not versions:
        return None, None
    current = versions[-1]
    named_on = current["issued_on"]
    for version in reversed(versions[:-1]):
        if (version["placement_id"], version["placement_type"]) != (current["placement_id"],
                                                                     current["placement_type"]):
            break
        named_on = version["issued_on"]
    return current, named_on


def _placement_row(record: dict, versions: list[dict]) -> dict:
    """Module 5: the setting named in section I of each plan in force on the census date, with its URN or UKPRN
    where the portal holds them, the portal's setting type, and the type of setting written in the plan. The portal
    records when the plan named the setting (`named_on`), not when the child started or left, their attendance
    pattern, or whether the placement is residential or work-based, so those columns are empty."""
    current, named_on = _current_placement(versions)
    current = current or {}
    return {"person_id": record["child__reference"], "request_id": record["reference"],
            "urn": current.get("placement__urn") or "", "ukprn": current.get("placement__ukprn") or "",
            "setting_name": current.get("placement__name") or "",
            "setting_type": current.get("placement__setting_type") or "",
            "placement_type": current.get("placement_type") or "", "named_on": named_on,
            "entry_date": "", "leaving_date": "", "attendance_pattern": "", "residential": "", "work_based": ""}


# --- Summary ------------------------------------------------------------------------------------------------------

def _percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def summary(collection: Collection, rows: dict[int, list[dict]]) -> list[SummaryRow]:
    """The aggregate figures, counted from the rows. Timeliness follows the dashboards (and SEN2): a new plan counts
    in the year its first final plan was issued, and is within 20 weeks when issued on or before 20 weeks from the
    request."""
    year = collection.year - 1
    requests, assessments = rows[REQUESTS.number], rows[ASSESSMENTS.number]
    plans, placements = rows[PLANS.number], rows[PLACEMENTS.number]
    received = {row["request_id"]: row["received_on"] for row in requests}
    out = [SummaryRow(PERSON.number, "Children and young people in the return", len(rows[PERSON.number]))]

    in_year = [row for row in requests if collection.in_period(row["received_on"])]
    decided = [row for row in requests
               if row["request_outcome"] in (ASSESS, NOT_ASSESS) and collection.in_period(row["request_outcome_on"])]
    decided_in_time = [row for row in decided
                       if row["request_outcome_on"] <= deadlines.decision_to_assess_due(row["received_on"])]
    by_source = Counter(row["request_source"] for row in in_year)
    out += [SummaryRow(REQUESTS.number, f"Requests open at some time in {year}", len(requests)),
            SummaryRow(REQUESTS.number, f"Requests received in {year}", len(in_year))]
    out += [SummaryRow(REQUESTS.number, f"Requests received in {year}: {kind.label}", by_source[kind.value])
            for kind in RequesterKind if kind.value in INITIAL_REQUEST_KINDS]
    out += [SummaryRow(REQUESTS.number, f"Decisions whether to assess made in {year}", len(decided)),
            SummaryRow(REQUESTS.number, "Decisions whether to assess made within 6 weeks", len(decided_in_time)),
            SummaryRow(REQUESTS.number, "Decisions whether to assess made within 6 weeks (%)",
                       _percent(len(decided_in_time), len(decided)), True),
            SummaryRow(REQUESTS.number, f"Decided to assess in {year}",
                       sum(row["request_outcome"] == ASSESS for row in decided)),
            SummaryRow(REQUESTS.number, f"Decided not to assess in {year}",
                       sum(row["request_outcome"] == NOT_ASSESS for row in decided)),
            SummaryRow(REQUESTS.number, f"Requests withdrawn before a decision in {year}",
                       sum(row["request_outcome"] == WITHDRAWN and collection.in_period(row["request_outcome_on"])
                           for row in requests))]

    issued = [row for row in assessments
              if row["assessment_outcome"] == PLAN_ISSUED and collection.in_period(row["outcome_on"])]
    within = [row for row in issued if row["issued_within_20_weeks"] == 1]
    no_exception = [row for row in issued if not row["twenty_week_exceptions_apply"]]
    within_no_exception = [row for row in no_exception if row["issued_within_20_weeks"] == 1]
    not_issued = [row for row in assessments
                  if row["assessment_outcome"] == PLAN_NOT_ISSUED and collection.in_period(row["outcome_on"])]
    not_issued_in_time = [row for row in not_issued
                          if row["outcome_on"] <= deadlines.decision_to_issue_due(received[row["request_id"]])]
    out += [
        SummaryRow(ASSESSMENTS.number, f"Assessments under way at some time in {year}", len(assessments)),
        SummaryRow(ASSESSMENTS.number, f"New EHC plans issued in {year}", len(issued)),
        SummaryRow(ASSESSMENTS.number, "Issued within 20 weeks, including exceptions", len(within)),
        SummaryRow(ASSESSMENTS.number, "Issued within 20 weeks, including exceptions (%)",
                   _percent(len(within), len(issued)), True),
        SummaryRow(ASSESSMENTS.number, "New EHC plans with no exception to the 20 weeks", len(no_exception)),
        SummaryRow(ASSESSMENTS.number, "Issued within 20 weeks, excluding exceptions", len(within_no_exception)),
        SummaryRow(ASSESSMENTS.number, "Issued within 20 weeks, excluding exceptions (%)",
                   _percent(len(within_no_exception), len(no_exception)), True),
        SummaryRow(ASSESSMENTS.number, "Issued more than 52 weeks after the request",
                   sum(row["outcome_on"] - received[row["request_id"]] > OVER_A_YEAR for row in issued)),
        SummaryRow(ASSESSMENTS.number, f"Decisions not to issue a plan made in {year}", len(not_issued)),
        SummaryRow(ASSESSMENTS.number, "Decisions not to issue a plan made within 16 weeks", len(not_issued_in_time)),
    ]

    in_force = [row for row in plans if row["in_force_at_census"]]
    ceased = [row for row in plans if not row["in_force_at_census"] and collection.in_period(row["ceased_on"])]
    needs = Counter(row["primary_need"] for row in in_force)
    reasons = Counter(row["ceased_reason"] for row in ceased)
    out += [SummaryRow(PLANS.number, "EHC plans maintained on the census date", len(in_force))]
    out += [SummaryRow(PLANS.number, f"Primary need: {need.label}", needs[need.value]) for need in PrimaryNeed]
    if needs[""]:
        out.append(SummaryRow(PLANS.number, "Primary need: not recorded", needs[""]))
    out += [SummaryRow(PLANS.number, "Plans with an agreed personal budget",
                       sum(row["personal_budget"] for row in in_force)),
            SummaryRow(PLANS.number, f"Annual review meetings held in {year}",
                       sum(row["review_meetings_in_period"] for row in plans)),
            SummaryRow(PLANS.number, f"Plans ceased in {year}", len(ceased))]
    out += [SummaryRow(PLANS.number, f"Ceased: {label}", reasons[code]) for code, label in CEASING_LABELS.items()]
    if reasons[""]:
        out.append(SummaryRow(PLANS.number, "Ceased: reason not recorded", reasons[""]))

    types = Counter(row["setting_type"] for row in placements)
    out += [SummaryRow(PLACEMENTS.number, "Placements on the census date", len(placements)),
            SummaryRow(PLACEMENTS.number, "Settings with a URN or UKPRN",
                       sum(bool(row["urn"] or row["ukprn"]) for row in placements))]
    out += [SummaryRow(PLACEMENTS.number, f"Setting type: {kind.label}", types[kind.value]) for kind in SettingType]
    out.append(SummaryRow(PLACEMENTS.number, "Setting type: not recorded", types[""]))
    return out


# --- Validation ---------------------------------------------------------------------------------------------------

def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def validate(collection: Collection, requests: list[dict], plans: list[dict], reviews: dict, versions: dict
             ) -> list[Issue]:
    """Everything to fix in the portal before the export (errors) or to check (warnings), errors first within
    each module. Only fields the portal holds are checked."""
    issues = []

    def add(severity, module, field, message, record, url_name, pk=None):
        issues.append(Issue(severity, module, field, message, record["reference"], record["child__reference"],
                            reverse(url_name, args=[pk or record["pk"]])))

    seen_children = set()
    for record in [*requests, *plans]:
        if record["child_id"] in seen_children:
            continue
        seen_children.add(record["child_id"])
        child = record["child_id"]
        nc_year = schoolyear.nc_year(record["child__date_of_birth"], collection.census)
        if not record["child__upn"] and 1 <= nc_year <= 11:
            if record["child__current_setting_id"]:
                add(ERROR, PERSON.number, "upn", "The unique pupil number (UPN) is missing for a child of school "
                    "age who attends a school.", record, "child_edit", child)
            else:
                add(WARNING, PERSON.number, "upn", "The unique pupil number (UPN) is missing for a child of school "
                    "age. If they have never had one, give the reason in the return.", record, "child_edit", child)
        if record["child__sex"] == Sex.UNKNOWN:
            add(WARNING, PERSON.number, "sex", "The child's sex is recorded as not known.", record, "child_edit",
                child)
        if not record["child__postcode"].strip():
            add(WARNING, PERSON.number, "postcode", "The home postcode is missing.", record, "child_edit", child)

    for record in requests:
        received = record["received_on"]
        if record["decision_to_assess_on"] and record["decision_to_assess_on"] < received:
            add(ERROR, REQUESTS.number, "request_outcome_on",
                f"The decision whether to assess ({govuk_date(record['decision_to_assess_on'])}) is dated before the "
                f"request was received ({govuk_date(received)}).", record, "ehc_case_detail")
        if (record["decision_to_issue_on"] and record["decision_to_assess_on"]
                and record["decision_to_issue_on"] < record["decision_to_assess_on"]):
            add(ERROR, ASSESSMENTS.number, "decision_to_issue_on",
                f"The decision whether to issue a plan ({govuk_date(record['decision_to_issue_on'])}) is dated before "
                f"the decision to assess ({govuk_date(record['decision_to_assess_on'])}).", record, "ehc_case_detail")

    year_before_census = collection.census - relativedelta(years=1)
    for record in plans:
        in_force = _in_force(collection, record)
        # A plan transferred in keeps the date another council made it, before it arrived here.
        if (not record["transferred_from"] and record["received_on"]
                and record["first_issued_on"] < record["received_on"]):
            add(ERROR, PLANS.number, "plan_start_on",
                f"The plan was issued ({govuk_date(record['first_issued_on'])}) before the request was received "
                f"({govuk_date(record['received_on'])}).", record, "ehc_case_detail")
        if not record["primary_need"]:
            add(ERROR, PLANS.number, "primary_need", "The plan has no primary need recorded.", record,
                "ehc_case_detail")
        meetings = [review["meeting_on"] for review in reviews[record["pk"]] if review["meeting_on"]]
        early = [day for day in meetings if day < record["first_issued_on"]]
        if early:
            add(ERROR, PLANS.number, "last_review_meeting_on",
                f"A review meeting ({govuk_date(early[0])}) is dated before the plan was first issued "
                f"({govuk_date(record['first_issued_on'])}).", record, "ehc_review")
        if (in_force and record["first_issued_on"] <= year_before_census
                and not any(year_before_census < day <= collection.census for day in meetings)):
            add(WARNING, PLANS.number, "last_review_meeting_on",
                "No review meeting is recorded in the 12 months before the census date, and the plan is more than "
                "a year old.", record, "ehc_review")
        if record["stage"] == Stage.CEASED and not in_force:
            if not record["ceased_reason"]:
                add(ERROR, PLANS.number, "ceased_reason", "The plan has ceased but no reason is recorded.", record,
                    "ehc_ceasing")
            if record["closed_on"] is None:
                add(ERROR, PLANS.number, "ceased_on", "The plan has ceased but the date it ceased is missing.",
                    record, "ehc_ceasing")
        if in_force and _age(record["child__date_of_birth"], collection.census) > OLDEST_WITH_A_PLAN:
            add(ERROR, PLANS.number, "in_force_at_census",
                f"The young person is over {OLDEST_WITH_A_PLAN} on the census date but the plan is still in force.",
                record, "ehc_ceasing")
        if in_force:
            current, _ = _current_placement(versions[record["pk"]])
            if current is None or (current["placement_id"] is None and not current["placement_type"].strip()):
                add(ERROR, PLACEMENTS.number, "urn", "The plan in force names no school or setting in section I.",
                    record, "ehc_case_detail")
            elif current["placement_id"] and not (current["placement__urn"] or current["placement__ukprn"]):
                add(WARNING, PLACEMENTS.number, "urn",
                    f"The setting named in the plan ({current['placement__name']}) has no unique reference number "
                    "(URN) or UK provider reference number (UKPRN). An administrator adds it to the organisation.",
                    record, "organisation_detail", current["placement_id"])
    severity_order = {ERROR: 0, WARNING: 1}
    return sorted(issues, key=lambda issue: (issue.module, severity_order[issue.severity], issue.case_reference,
                                             issue.field))


# --- Export -------------------------------------------------------------------------------------------------------

def _cell(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else safe_cell(value)


def _csv(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue()


def csv_files(result: Sen2Return) -> dict[str, str]:
    """One CSV per module, plus the summary with the return's header (council, year, census date, period)."""
    files = {module.filename: _csv(module.columns, ([row[column] for column in module.columns]
                                                    for row in result.rows[module.number]))
             for module in MODULES}
    collection = result.collection
    header = [("header", "Local authority", collection.council.name),
              ("header", "Government Statistical Service (GSS) code", collection.council.gss_code or ""),
              ("header", "Collection year", collection.year),
              ("header", "Census date", collection.census),
              ("header", "Reporting period start", collection.period_start),
              ("header", "Reporting period end", collection.period_end)]
    figures = [(row.module, row.measure, row.value) for row in result.summary]
    files[SUMMARY_FILENAME] = _csv(("module", "measure", "value"), [*header, *figures])
    return files


def export_zip(result: Sen2Return) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_files(result).items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def export_filename(result: Sen2Return) -> str:
    council = result.collection.council
    return f"sen2-{result.collection.year}-{council.gss_code or council.pk}.zip"
