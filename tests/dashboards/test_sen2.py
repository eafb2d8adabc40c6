"""The SEN2 return against hand-computed cases: the rows of each module, the summary (which must agree with the
dashboards), every validation rule, the download, who may use it, and the audit record.

The collection year is 2026: census date Thursday 15 January 2026, reporting period the calendar year 2025. On top of
the dashboards' cases in conftest.py (C1 to C12) the `sen2_cases` fixture adds:

| Case | Child | What | Why it is here |
|---|---|---|---|
| C13 | adult | plan issued 2023-01-10, ceased 2025-09-01 (needs met), reviewed 2025-03-12 | a ceased plan |
| C14 | old_s | plan issued 2023-03-01, transferred to another council 2025-10-01 | a transfer out counts as ceased |
| C15 | new child (no school) | received 2025-12-15, decision to assess 2026-01-20 | a decision after the census date |
| C16 | young_n | received 2025-05-01, withdrawn 2025-06-01 before a decision | a withdrawn request |
| C17 | young_n | received 2024-03-01, not assessing 2024-04-01 | closed before 2025: not in the return |

and to existing cases: C1's plan names school A (URN 100001) and had a review meeting on 2025-11-20 (kept, decided
2025-11-27); both of C2's plan versions name Gamma (no URN or UKPRN) and it has an agreed direct payment; C9's
decision not to assess went to mediation (no agreement) and an appeal registered on 2025-06-01.
"""

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards import indicators, periods, sen2
from dashboards.selectors import Filters
from ehc.models import (
    AnnualReview,
    CeasingProposal,
    Disagreement,
    EHCCase,
    PersonalBudgetRequest,
    PlanVersion,
)
from send_portal.organisations.models import Organisation, OrganisationKind, Role
from send_portal.organisations.services import membership_start
from send_portal.people.models import Child
from tests import factories
from tests.conftest import ROLE_NAMES
from tests.dashboards.conftest import add_cases, make_case

D = dt.date
YEAR = 2026
CENSUS = D(2026, 1, 15)


# --- The census date ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("year", "census"), [
    (2023, D(2023, 1, 19)),  # 1 January a Sunday
    (2024, D(2024, 1, 18)),  # a Monday
    (2025, D(2025, 1, 16)),  # a Wednesday: the first Thursday is 2 January
    (2026, D(2026, 1, 15)),  # a Thursday: it counts as the first
    (2027, D(2027, 1, 21)),  # a Friday: the latest a third Thursday can be
    (2028, D(2028, 1, 20)),  # a Saturday, in a leap year
    (2032, D(2032, 1, 15)),  # a Thursday again
])
def test_the_census_date_is_the_third_thursday_of_january(year, census):
    assert sen2.census_date(year) == census
    assert census.weekday() == 3 and 15 <= census.day <= 21


def test_the_reporting_period_is_the_calendar_year_before(world):
    collection = sen2.Collection(world.council, YEAR)
    assert (collection.period_start, collection.period_end, collection.census) == (D(2025, 1, 1), D(2025, 12, 31),
                                                                                   CENSUS)


# --- The hand-computed return ---------------------------------------------------------------------------------

def _child(**fields):
    """Set fields on a child without the register's checks (which would refuse an age over 25)."""
    def apply(child):
        Child.objects.filter(pk=child.pk).update(**fields)
        child.refresh_from_db()
        return child
    return apply


@pytest.fixture
def sen2_cases(world, cases):
    council, by = world.council, world.parent_a
    c = dict(cases)
    young_n, mid_n, teen_s, old_s, adult = (c[1].child, c[2].child, c[3].child, c[4].child, c[7].child)
    _child(upn="A123456789012", postcode="TS1 1AA", sex="F")(mid_n)
    _child(postcode="TS1 2BB", sex="M")(teen_s)
    _child(postcode="TS1 3CC", sex="F")(young_n)
    _child(postcode="TS1 4DD", sex="M")(old_s)
    _child(postcode="TS1 5EE", sex="F")(adult)
    newcomer = factories.child(council=council, given_name="Nia", family_name="New", born=D(2016, 5, 5),
                               postcode="TS2 1AA", sex="F")
    gamma = Organisation.objects.create(name="Gamma Independent School", kind=OrganisationKind.SCHOOL,
                                        setting_type="independent_special")

    PlanVersion.objects.filter(case=c[1]).update(placement=world.school_a, placement_type="Mainstream primary")
    PlanVersion.objects.filter(case=c[2]).update(placement=gamma)
    AnnualReview.objects.create(case=c[1], number=1, due_on=D(2026, 5, 19), status="complete",
                                meeting_on=D(2025, 11, 20), invitations_sent_on=D(2025, 10, 30), decision="maintain",
                                decision_on=D(2025, 11, 27), completed_on=D(2025, 11, 27))
    PersonalBudgetRequest.objects.create(case=c[2], requested_by=by, requested_on=D(2025, 5, 1), during="draft",
                                         provision_wanted="Speech therapy.", status="agreed", decided_on=D(2025, 5, 20),
                                         agreed_form="direct_payment", agreed_area="education", annual_amount=1200)
    Disagreement.objects.create(case=c[9], decision="not_to_assess", decision_sent_on=D(2025, 4, 14),
                                mediation_outcome="not_agreed", certificate_on=D(2025, 5, 10),
                                appeal_registered_on=D(2025, 6, 1))

    c[13] = make_case(child=adult, council=council, requested_by=by, kind="young_person", need="SLD",
                      received=D(2022, 9, 1), assess_on=D(2022, 10, 10), issue_decided_on=D(2022, 12, 1),
                      issued=[D(2023, 1, 10)], stage="ceased", closed_on=D(2025, 9, 1))
    CeasingProposal.objects.create(case=c[13], reason="needs_met", explanation="Needs met.", proposed_on=D(2025, 6, 1),
                                   responses_due_on=D(2025, 6, 29), status="ceased", decided_on=D(2025, 7, 1),
                                   ceases_on=D(2025, 9, 1))
    AnnualReview.objects.create(case=c[13], number=1, due_on=D(2025, 1, 10), status="complete",
                                meeting_on=D(2025, 3, 12), invitations_sent_on=D(2025, 2, 20), decision="cease",
                                decision_on=D(2025, 3, 20), completed_on=D(2025, 3, 20))
    c[14] = make_case(child=old_s, council=council, requested_by=by, kind="parent", need="HI", received=D(2022, 10, 3),
                      assess_on=D(2022, 11, 7), issue_decided_on=D(2023, 1, 9), issued=[D(2023, 3, 1)],
                      stage="transferred_out", closed_on=D(2025, 10, 1))
    c[15] = make_case(child=newcomer, council=council, requested_by=by, kind="parent", need="SEMH",
                      received=D(2025, 12, 15), assess_on=D(2026, 1, 20), stage="assessing")
    c[16] = make_case(child=young_n, council=council, requested_by=by, kind="parent", received=D(2025, 5, 1),
                      stage="withdrawn", closed_on=D(2025, 6, 1))
    c[17] = make_case(child=young_n, council=council, requested_by=by, kind="parent", received=D(2024, 3, 1),
                      assess_on=D(2024, 4, 1), stage="not_assessing")
    c["gamma"] = gamma
    return c


CHILDREN = (("young_n", 1), ("mid_n", 2), ("teen_s", 3), ("old_s", 4), ("adult", 7), ("newcomer", 15))


def _labelled(sen2_cases):
    """Case references and child references as the names the tables below use."""
    names = {case.reference: f"C{number}" for number, case in sen2_cases.items() if isinstance(number, int)}
    names.update({sen2_cases[number].child.reference: label for label, number in CHILDREN})
    return names


def _table(result, module, names):
    """The module's rows as tuples in column order, with references replaced by names."""
    return [tuple(names.get(row[column], row[column]) if column in ("person_id", "request_id") else row[column]
                  for column in module.columns) for row in result.rows[module.number]]


def test_module_1_person_details(world, sen2_cases):
    result = sen2.sen2_return(world.council, YEAR)
    names = _labelled(sen2_cases)
    upn = "A123456789012"
    assert sorted(_table(result, sen2.PERSON, names)) == sorted([
        ("young_n", "Example", "Yan", D(2021, 6, 1), "F", "", "TS1 3CC", "", "", ""),
        ("mid_n", "Example", "Mia", D(2015, 3, 1), "F", "", "TS1 1AA", upn, "", ""),
        ("teen_s", "Example", "Tia", D(2012, 1, 1), "M", "", "TS1 2BB", "", "", ""),
        ("old_s", "Example", "Ola", D(2008, 1, 1), "M", "", "TS1 4DD", "", "", ""),
        ("adult", "Example", "Ada", D(2004, 6, 1), "F", "", "TS1 5EE", "", "", ""),
        ("newcomer", "New", "Nia", D(2016, 5, 5), "F", "", "TS2 1AA", "", "", ""),
    ])
    references = [row["person_id"] for row in result.rows[1]]
    assert references == sorted(references)
    # The other council's child (C11) is not in this council's return.
    assert world.child_other.reference not in {row["person_id"] for row in result.rows[1]}


def test_module_2_requests(world, sen2_cases):
    result = sen2.sen2_return(world.council, YEAR)
    assert _table(result, sen2.REQUESTS, _labelled(sen2_cases)) == [
        # person, request, received, source, outcome, outcome date, mediation, tribunal
        ("mid_n", "C5", D(2024, 1, 8), "professional", "assess", D(2024, 2, 12), 0, 0),  # plan issued in 2025
        ("young_n", "C1", D(2025, 1, 6), "parent", "assess", D(2025, 2, 10), 0, 0),
        ("mid_n", "C2", D(2025, 1, 13), "school", "assess", D(2025, 2, 24), 0, 0),
        ("teen_s", "C3", D(2025, 1, 20), "school", "assess", D(2025, 3, 10), 0, 0),
        ("adult", "C7", D(2025, 1, 27), "young_person", "assess", D(2025, 3, 3), 0, 0),
        ("old_s", "C4", D(2025, 2, 3), "parent", "assess", D(2025, 3, 3), 0, 0),
        ("teen_s", "C8", D(2025, 2, 10), "school", "assess", D(2025, 3, 31), 0, 0),
        ("young_n", "C9", D(2025, 3, 3), "parent", "not_assess", D(2025, 4, 14), 1, 1),
        ("old_s", "C10", D(2025, 4, 7), "school", "assess", D(2025, 5, 12), 0, 0),
        ("young_n", "C16", D(2025, 5, 1), "parent", "withdrawn", D(2025, 6, 1), 0, 0),
        ("newcomer", "C15", D(2025, 12, 15), "parent", "", None, 0, 0),  # decided after the census date
    ]  # C6 (transfer in), C11 (another council), C12 (re-assessment) and C17 (closed in 2024) are not requests here


def test_module_3_assessments(world, sen2_cases):
    result = sen2.sen2_return(world.council, YEAR)
    assert _table(result, sen2.ASSESSMENTS, _labelled(sen2_cases)) == [
        # person, request, outcome, decision to issue, outcome date, exceptions, within 20 weeks, mediation, tribunal
        ("mid_n", "C5", "plan_issued", D(2024, 5, 1), D(2025, 2, 10), 0, 0, 0, 0),
        ("young_n", "C1", "plan_issued", D(2025, 4, 14), D(2025, 5, 19), 0, 1, 0, 0),
        ("mid_n", "C2", "plan_issued", D(2025, 4, 21), D(2025, 6, 2), 0, 1, 0, 0),  # exactly 20 weeks
        ("teen_s", "C3", "plan_issued", D(2025, 5, 5), D(2025, 6, 16), 0, 0, 0, 0),
        ("adult", "C7", "plan_not_issued", D(2025, 5, 12), D(2025, 5, 12), 0, "", 0, 0),
        ("old_s", "C4", "plan_issued", D(2025, 5, 19), D(2025, 7, 7), 1, 0, 0, 0),
        ("teen_s", "C8", "plan_not_issued", D(2025, 6, 9), D(2025, 6, 9), 0, "", 0, 0),
        ("old_s", "C10", "", None, None, 0, "", 0, 0),  # still being assessed
    ]


def test_module_4_named_plans(world, sen2_cases):
    result = sen2.sen2_return(world.council, YEAR)
    assert _table(result, sen2.PLANS, _labelled(sen2_cases)) == [
        # person, request, start, last issued, need, other needs, transferred in from, budget, budget forms,
        # last review meeting, decision, decided, meetings in 2025, in force at census, ceased on, reason
        ("adult", "C13", D(2023, 1, 10), D(2023, 1, 10), "SLD", "", "", 0, "", D(2025, 3, 12), "cease",
         D(2025, 3, 20), 1, 0, D(2025, 9, 1), "needs_met"),
        ("old_s", "C14", D(2023, 3, 1), D(2023, 3, 1), "HI", "", "", 0, "", None, "", None, 0, 0, D(2025, 10, 1),
         "transferred_out"),
        ("mid_n", "C5", D(2025, 2, 10), D(2025, 2, 10), "MLD", "", "", 0, "", None, "", None, 0, 1, None, ""),
        ("teen_s", "C6", D(2025, 3, 3), D(2025, 3, 3), "", "", "Elsewhere Council", 0, "", None, "", None, 0, 1,
         None, ""),
        ("young_n", "C1", D(2025, 5, 19), D(2025, 5, 19), "ASD", "", "", 0, "", D(2025, 11, 20), "maintain",
         D(2025, 11, 27), 1, 1, None, ""),
        ("mid_n", "C2", D(2025, 6, 2), D(2025, 10, 1), "SEMH", "", "", 1, "direct_payment", None, "", None, 0, 1,
         None, ""),
        ("teen_s", "C3", D(2025, 6, 16), D(2025, 6, 16), "ASD", "", "", 0, "", None, "", None, 0, 1, None, ""),
        ("old_s", "C4", D(2025, 7, 7), D(2025, 7, 7), "SLCN", "", "", 0, "", None, "", None, 0, 1, None, ""),
        # The plan made after re-assessing C5 starts when C5's plan did.
        ("mid_n", "C12", D(2025, 2, 10), D(2025, 7, 7), "MLD", "", "", 0, "", None, "", None, 0, 1, None, ""),
    ]


def test_module_5_placements(world, sen2_cases):
    result = sen2.sen2_return(world.council, YEAR)
    blank = ("", "", "", "", "")
    assert _table(result, sen2.PLACEMENTS, _labelled(sen2_cases)) == [
        # person, request, URN, UKPRN, setting, setting type, type in the plan, named on, then the columns not held
        ("mid_n", "C5", "", "", "", "", "", D(2025, 2, 10), *blank),
        ("teen_s", "C6", "", "", "", "", "", D(2025, 3, 3), *blank),
        ("young_n", "C1", "100001", "", "Alpha Primary School", "", "Mainstream primary", D(2025, 5, 19), *blank),
        # Named in both versions, so named since the first.
        ("mid_n", "C2", "", "", "Gamma Independent School", "independent_special", "", D(2025, 6, 2), *blank),
        ("teen_s", "C3", "", "", "", "", "", D(2025, 6, 16), *blank),
        ("old_s", "C4", "", "", "", "", "", D(2025, 7, 7), *blank),
        ("mid_n", "C12", "", "", "", "", "", D(2025, 7, 7), *blank),
    ]


def _figures(result):
    return {row.measure: row.value for row in result.summary}


def test_the_summary_as_computed_by_hand(world, sen2_cases):
    figures = _figures(sen2.sen2_return(world.council, YEAR))
    expected = {
        "Children and young people in the return": 6,
        "Requests open at some time in 2025": 11,
        "Requests received in 2025": 10,
        "Requests received in 2025: School or college (SENCO)": 4,
        "Requests received in 2025: Parent or carer": 5,
        "Requests received in 2025: Young person": 1,
        "Requests received in 2025: Professional bringing the child to the council's attention": 0,
        "Decisions whether to assess made in 2025": 8,
        "Decisions whether to assess made within 6 weeks": 6,
        "Decisions whether to assess made within 6 weeks (%)": Decimal("75.0"),
        "Decided to assess in 2025": 7,
        "Decided not to assess in 2025": 1,
        "Requests withdrawn before a decision in 2025": 1,
        "Assessments under way at some time in 2025": 8,
        "New EHC plans issued in 2025": 5,
        "Issued within 20 weeks, including exceptions": 2,
        "Issued within 20 weeks, including exceptions (%)": Decimal("40.0"),
        "New EHC plans with no exception to the 20 weeks": 4,
        "Issued within 20 weeks, excluding exceptions": 2,
        "Issued within 20 weeks, excluding exceptions (%)": Decimal("50.0"),
        "Issued more than 52 weeks after the request": 1,
        "Decisions not to issue a plan made in 2025": 2,
        "Decisions not to issue a plan made within 16 weeks": 1,
        "EHC plans maintained on the census date": 7,
        "Primary need: Autistic spectrum disorder": 2,
        "Primary need: Moderate learning difficulty": 2,
        "Primary need: Social, emotional and mental health": 1,
        "Primary need: Speech, language and communication needs": 1,
        "Primary need: Severe learning difficulty": 0,
        "Primary need: not recorded": 1,
        "Plans with an agreed personal budget": 1,
        "Annual review meetings held in 2025": 2,
        "Plans ceased in 2025": 2,
        "Ceased: Needs are now met without a plan": 1,
        "Ceased: Transferred to another local authority": 1,
        "Ceased: Died": 0,
        "Placements on the census date": 7,
        "Settings with a URN or UKPRN": 1,
        "Setting type: Independent special school": 1,
        "Setting type: not recorded": 6,
    }
    assert {measure: figures[measure] for measure in expected} == expected


def test_the_summary_agrees_with_the_dashboards_for_the_calendar_year(world, sen2_cases):
    _agrees_with_the_dashboards(world)


def test_the_summary_agrees_with_the_dashboards_on_their_fuller_fixture(world, more_cases):
    _agrees_with_the_dashboards(world)


def _agrees_with_the_dashboards(world):
    figures = _figures(sen2.sen2_return(world.council, YEAR))
    councils = Organisation.objects.filter(pk=world.council.pk)
    filters = Filters(period=periods.parse(periods.CALENDAR_YEAR, "2025"))

    def latest(slug):
        row = indicators.result_for(indicators.BY_SLUG[slug], councils, filters, suppressed=False).rows[-1]
        return row.numerator, row.denominator

    assert latest("ehc-20-weeks-including-exceptions") == (
        figures["Issued within 20 weeks, including exceptions"], figures["New EHC plans issued in 2025"])
    assert latest("ehc-20-weeks-excluding-exceptions") == (
        figures["Issued within 20 weeks, excluding exceptions"],
        figures["New EHC plans with no exception to the 20 weeks"])
    assert latest("ehc-decisions-to-assess-6-weeks") == (
        figures["Decisions whether to assess made within 6 weeks"], figures["Decisions whether to assess made in 2025"])
    assert latest("ehc-not-to-issue-16-weeks") == (
        figures["Decisions not to issue a plan made within 16 weeks"],
        figures["Decisions not to issue a plan made in 2025"])
    assert latest("ehc-plans-over-a-year")[0] == figures["Issued more than 52 weeks after the request"]
    by_source = indicators.result_for(indicators.BY_SLUG["ehc-requests-by-source"], councils, filters,
                                      suppressed=False).rows
    assert {row.label: row.numerator for row in by_source if not row.is_total} == {
        measure.split(": ", 1)[1]: value for measure, value in figures.items()
        if measure.startswith("Requests received in 2025: ")}
    assert by_source[-1].numerator == figures["Requests received in 2025"]


def test_the_fixture_return_lists_what_to_fix(world, sen2_cases):
    result = sen2.sen2_return(world.council, YEAR)
    names = _labelled(sen2_cases)
    found = {(issue.severity, issue.module, issue.field, names[issue.case_reference]) for issue in result.issues}
    assert found == {
        ("error", 1, "upn", "C3"),  # Tia: Year 9 at school B with no UPN (her first case in the return is C3)
        ("warning", 1, "upn", "C15"),  # Nia: Year 5, no school and no UPN
        ("error", 4, "primary_need", "C6"),
        # Plans in force naming no setting, and Gamma, which has no URN or UKPRN.
        ("error", 5, "urn", "C5"), ("error", 5, "urn", "C6"), ("error", 5, "urn", "C3"), ("error", 5, "urn", "C4"),
        ("error", 5, "urn", "C12"), ("warning", 5, "urn", "C2"),
    }
    assert len(result.errors) == 7 and not result.is_ready


# --- Every validation rule, firing and not firing ---------------------------------------------------------------

@pytest.fixture
def clean(world):
    """One child with everything SEN2 needs and a plan issued in 2025 naming school A: a return with no issues."""
    child = factories.child(council=world.council, setting=world.school_a, given_name="Cleo", family_name="Clean",
                            born=D(2015, 3, 1), upn="A123456789012", postcode="TS3 1AA", sex="F")
    case = make_case(child=child, council=world.council, requested_by=world.parent_a, kind="parent", need="ASD",
                     received=D(2025, 1, 6), assess_on=D(2025, 2, 10), issue_decided_on=D(2025, 4, 14),
                     issued=[D(2025, 5, 19)], stage="final_issued")
    PlanVersion.objects.filter(case=case).update(placement=world.school_a)
    return case


def _case(**fields):
    def apply(world, case):
        EHCCase.objects.filter(pk=case.pk).update(**fields)
    return apply


def _version(**fields):
    def apply(world, case):
        PlanVersion.objects.filter(case=case).update(**fields)
    return apply


def _of_child(**fields):
    def apply(world, case):
        Child.objects.filter(pk=case.child_id).update(**fields)
    return apply


def _review(meeting_on):
    def apply(world, case):
        AnnualReview.objects.create(case=case, number=1, due_on=meeting_on, status="complete", meeting_on=meeting_on,
                                    invitations_sent_on=meeting_on - dt.timedelta(days=21), decision="maintain",
                                    decision_on=meeting_on + dt.timedelta(days=7),
                                    completed_on=meeting_on + dt.timedelta(days=7))
    return apply


CEASED_ON = D(2025, 9, 1)


def _ceased(*, closed_on=CEASED_ON, reason=True):
    def apply(world, case):
        EHCCase.objects.filter(pk=case.pk).update(stage="ceased", closed_on=closed_on)
        if reason:
            CeasingProposal.objects.create(case=case, reason="employment", explanation="A job.",
                                           proposed_on=D(2025, 6, 1), responses_due_on=D(2025, 6, 29),
                                           status="ceased", decided_on=D(2025, 7, 1), ceases_on=D(2025, 9, 1))
    return apply


def _older_plan(world, case):
    EHCCase.objects.filter(pk=case.pk).update(received_on=D(2024, 1, 8), decision_to_assess_on=D(2024, 2, 12),
                                              decision_to_issue_on=D(2024, 4, 1))
    PlanVersion.objects.filter(case=case).update(issued_on=D(2024, 6, 3))


def _both(*changes):
    def apply(world, case):
        for change in changes:
            change(world, case)
    return apply


def _placement(**org_fields):
    def apply(world, case):
        setting = Organisation.objects.create(name="Delta School", kind=OrganisationKind.SCHOOL, **org_fields)
        PlanVersion.objects.filter(case=case).update(placement=setting)
    return apply


RULES = [
    ("clean", lambda world, case: None, set()),
    ("no UPN, at a school", _of_child(upn=None), {("error", 1, "upn")}),
    ("no UPN, no school", _of_child(upn=None, current_setting=None), {("warning", 1, "upn")}),
    ("no UPN, in Reception", _of_child(upn=None, date_of_birth=D(2021, 3, 1)), set()),
    ("no UPN, aged 16", _of_child(upn=None, date_of_birth=D(2009, 3, 1)), set()),
    ("sex not known", _of_child(sex="U"), {("warning", 1, "sex")}),
    ("no postcode", _of_child(postcode=""), {("warning", 1, "postcode")}),
    ("decision before the request", _case(decision_to_assess_on=D(2025, 1, 2)),
     {("error", 2, "request_outcome_on")}),
    ("decision to issue before the decision to assess", _case(decision_to_issue_on=D(2025, 2, 1)),
     {("error", 3, "decision_to_issue_on")}),
    ("plan before the request", _case(received_on=D(2025, 5, 20), decision_to_assess_on=D(2025, 5, 20),
                                      decision_to_issue_on=D(2025, 5, 20)), {("error", 4, "plan_start_on")}),
    ("transfer in made before it arrived", _case(transferred_from="Elsewhere", requester_kind="transfer",
                                                 received_on=D(2025, 6, 1), decision_to_assess_on=D(2025, 6, 1),
                                                 decision_to_issue_on=D(2025, 6, 1)), set()),
    ("no primary need", _case(primary_need=""), {("error", 4, "primary_need")}),
    ("review before the plan", _review(D(2025, 4, 1)), {("error", 4, "last_review_meeting_on")}),
    ("review after the plan", _review(D(2025, 11, 1)), set()),
    ("no review for over a year", _older_plan, {("warning", 4, "last_review_meeting_on")}),
    ("reviewed within the year", _both(_older_plan, _review(D(2025, 5, 20))), set()),
    ("ceased with no reason", _ceased(reason=False), {("error", 4, "ceased_reason")}),
    ("ceased with no date", _ceased(closed_on=None), {("error", 4, "ceased_on")}),
    ("ceased with a reason and date", _ceased(), set()),
    ("transferred out", _case(stage="transferred_out", closed_on=D(2025, 10, 1)), set()),
    ("over 25 with a plan", _of_child(date_of_birth=D(2000, 1, 1), current_setting=None),
     {("error", 4, "in_force_at_census")}),
    ("25 with a plan", _of_child(date_of_birth=D(2000, 6, 1), current_setting=None), set()),
    ("over 25, plan ceased", _both(_of_child(date_of_birth=D(2000, 1, 1), current_setting=None), _ceased()), set()),
    ("no setting named", _version(placement=None), {("error", 5, "urn")}),
    ("only the type of setting named", _version(placement=None, placement_type="Mainstream secondary"), set()),
    ("setting with no URN or UKPRN", _placement(), {("warning", 5, "urn")}),
    ("setting with a UKPRN only", _placement(ukprn="10012345"), set()),
]


@pytest.mark.parametrize(("name", "change", "expected"), RULES, ids=[rule[0] for rule in RULES])
def test_each_validation_rule(world, clean, name, change, expected):
    change(world, clean)
    result = sen2.sen2_return(world.council, YEAR)
    assert {(issue.severity, issue.module, issue.field) for issue in result.issues} == expected
    assert result.is_ready == (not any(severity == "error" for severity, *_ in expected))
    for issue in result.issues:
        assert issue.case_reference == clean.reference
        assert issue.child_reference == clean.child.reference
        assert issue.message


def test_each_issue_links_to_the_page_where_it_is_fixed(world, clean):
    _of_child(upn=None)(world, clean)
    _case(primary_need="")(world, clean)
    _ceased(reason=False)(world, clean)
    _review(D(2025, 4, 1))(world, clean)
    links = {issue.field: issue.url for issue in sen2.sen2_return(world.council, YEAR).issues}
    assert links == {
        "upn": reverse("child_edit", args=[clean.child_id]),
        "primary_need": reverse("ehc_case_detail", args=[clean.pk]),
        "ceased_reason": reverse("ehc_ceasing", args=[clean.pk]),
        "last_review_meeting_on": reverse("ehc_review", args=[clean.pk]),
    }
    setting = Organisation.objects.create(name="Delta School", kind=OrganisationKind.SCHOOL)
    EHCCase.objects.filter(pk=clean.pk).update(stage="final_issued", closed_on=None)
    PlanVersion.objects.filter(case=clean).update(placement=setting)
    links = {issue.field: issue.url for issue in sen2.sen2_return(world.council, YEAR).issues}
    assert links["urn"] == reverse("organisation_detail", args=[setting.pk])


# --- The pages ----------------------------------------------------------------------------------------------------

def _download(client, year=YEAR, **query):
    return client.get(reverse("dashboards_sen2_download", args=[year]), query)


def _unzip(response):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return {name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8")))) for name in archive.namelist()}


def test_the_page_shows_the_return_and_what_to_fix(world, sen2_cases, client_for):
    response = client_for("manager").get(reverse("dashboards_sen2"), {"year": YEAR})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Testshire Council" in body and "15 January 2026" in body
    assert "No. 7 errors must be fixed" in body
    assert "New EHC plans issued in 2025" in body and "40.0%" in body
    assert f'href="{reverse("ehc_case_detail", args=[sen2_cases[6].pk])}"' in body
    assert f'href="{reverse("child_edit", args=[sen2_cases[3].child_id])}"' in body
    assert "Module 5: Placements" in body
    assert reverse("dashboards_sen2_download", args=[YEAR]) not in body  # no download while errors remain


def test_a_clean_return_offers_the_download(world, clean, client_for):
    body = client_for("caseworker").get(reverse("dashboards_sen2"), {"year": YEAR}).content.decode()
    assert "Yes. There are no errors." in body
    assert reverse("dashboards_sen2_download", args=[YEAR]) in body


@pytest.mark.parametrize("year", ["2019", "2022", "abc", "2099", "-1"])
def test_a_year_that_is_not_offered_is_a_clear_error(world, client_for, year):
    response = client_for("manager").get(reverse("dashboards_sen2"), {"year": year})
    body = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in body and "Select a collection year from the list" in body


def test_the_default_year_and_the_year_list(world, client_for):
    body = client_for("manager").get(reverse("dashboards_sen2")).content.decode()
    today = dt.date.today()
    year = sen2.default_year(today)
    assert f"{year} return" in body
    assert sen2.years(today)[0] == today.year + 1 and sen2.years(today)[-1] == 2023
    assert sen2.default_year(D(2026, 6, 30)) == 2026 and sen2.default_year(D(2026, 7, 1)) == 2027


def test_the_download_is_refused_while_errors_remain(world, sen2_cases, client_for):
    response = _download(client_for("manager"))
    body = response.content.decode()
    assert response.status_code == 409
    assert "cannot be downloaded yet" in body and "The plan has no primary need recorded." in body
    assert "govuk-tag--red" in body and "govuk-tag--yellow" not in body  # only the errors are listed
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS,
                                       content_type=ContentType.objects.get_for_model(Organisation)).exists()


def test_the_clean_download_is_a_zip_of_csv_files_and_is_recorded(world, clean, client_for):
    response = _download(client_for("manager"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="sen2-2026-{world.council.pk}.zip"'
    files = _unzip(response)
    assert sorted(files) == sorted([module.filename for module in sen2.MODULES] + ["summary.csv"])
    child, reference = clean.child, clean.reference
    assert files["module1_person_details.csv"] == [list(sen2.PERSON.columns), [
        child.reference, "Clean", "Cleo", "2015-03-01", "F", "", "TS3 1AA", "A123456789012", "", ""]]
    assert files["module2_requests.csv"] == [list(sen2.REQUESTS.columns), [
        child.reference, reference, "2025-01-06", "parent", "assess", "2025-02-10", "0", "0"]]
    assert files["module3_assessments.csv"] == [list(sen2.ASSESSMENTS.columns), [
        child.reference, reference, "plan_issued", "2025-04-14", "2025-05-19", "0", "1", "0", "0"]]
    assert files["module4_named_plans.csv"] == [list(sen2.PLANS.columns), [
        child.reference, reference, "2025-05-19", "2025-05-19", "ASD", "", "", "0", "", "", "", "", "0", "1", "", ""]]
    assert files["module5_placements.csv"] == [list(sen2.PLACEMENTS.columns), [
        child.reference, reference, "100001", "", "Alpha Primary School", "", "", "2025-05-19", "", "", "", "", ""]]
    summary = files["summary.csv"]
    assert summary[0] == ["module", "measure", "value"]
    assert summary[1:5] == [["header", "Local authority", "Testshire Council"],
                            ["header", "Government Statistical Service (GSS) code", ""],
                            ["header", "Collection year", "2026"], ["header", "Census date", "2026-01-15"]]
    figures = {row[1]: row[2] for row in summary[7:]}
    assert figures["New EHC plans issued in 2025"] == "1"
    assert figures["Issued within 20 weeks, including exceptions (%)"] == "100.0"
    assert figures["EHC plans maintained on the census date"] == "1"

    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS,
                                 content_type=ContentType.objects.get_for_model(Organisation))
    assert (entry.object_pk, entry.actor) == (str(world.council.pk), world.manager)
    assert entry.additional_data == {"purpose": "SEN2 2026 return downloaded (people in it: 1)"}
    assert "Cleo" not in str(entry.additional_data) and "Cleo" not in entry.object_repr


def test_a_cell_that_would_run_as_a_formula_is_made_safe(world, clean, client_for):
    Child.objects.filter(pk=clean.child_id).update(given_name="=HYPERLINK(\"x\")", family_name="-Smith")
    rows = _unzip(_download(client_for("manager")))["module1_person_details.csv"]
    assert rows[1][1:3] == ["'-Smith", "'=HYPERLINK(\"x\")"]


def test_a_download_for_a_year_not_offered_is_not_found(world, client_for):
    assert _download(client_for("manager"), year=2019).status_code == 404
    assert _download(client_for("manager"), year=dt.date.today().year + 2).status_code == 404


# --- Who may use it -----------------------------------------------------------------------------------------------

ALLOWED = {"caseworker", "manager", "other_caseworker"}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role(world, clean, client_for, role):
    client = client_for(role)
    page = client.get(reverse("dashboards_sen2"), {"year": YEAR})
    download = _download(client)
    expected = 302 if role == "anonymous" else 200 if role in ALLOWED else 403
    assert (page.status_code, download.status_code) == (expected, expected)
    if role == "other_caseworker":  # their own council's return, which has no cases
        assert "Otherton Council" in page.content.decode()
        assert _unzip(download)["module1_person_details.csv"] == [list(sen2.PERSON.columns)]


def test_another_councils_officer_cannot_see_or_export_this_council(world, clean, client_for):
    client = client_for("other_caseworker")
    assert client.get(reverse("dashboards_sen2"), {"council": world.council.pk}).status_code == 404
    assert _download(client, council=world.council.pk).status_code == 404
    assert _download(client, council="not-a-number").status_code == 404
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_an_officer_of_two_councils_chooses_which(world, clean, client_for):
    membership_start(user=world.caseworker, organisation=Organisation.objects.get(name="Otherton SEND Team"),
                     role=Role.LA_CASEWORKER)
    client = client_for("caseworker")
    first = client.get(reverse("dashboards_sen2"), {"year": YEAR}).content.decode()
    assert '<span class="govuk-caption-l">Otherton Council</span>' in first  # the first by name
    assert 'name="council"' in first
    chosen = client.get(reverse("dashboards_sen2"), {"year": YEAR, "council": world.council.pk}).content.decode()
    assert '<span class="govuk-caption-l">Testshire Council</span>' in chosen
    assert f"?council={world.council.pk}" in chosen
    rows = _unzip(_download(client, council=world.council.pk))["module1_person_details.csv"]
    assert [row[0] for row in rows[1:]] == [clean.child.reference]
    assert _unzip(_download(client))["module1_person_details.csv"] == [list(sen2.PERSON.columns)]


def test_a_partnership_lead_also_on_a_council_team_as_caseworker_gets_only_that_council(world, clean, client_for):
    # The lead of Testshire is a caseworker at Otherton: SEN2 follows the officer roles only.
    membership_start(user=world.lead, organisation=Organisation.objects.get(name="Otherton SEND Team"),
                     role=Role.LA_CASEWORKER)
    client = client_for("lead")
    assert "Otherton Council" in client.get(reverse("dashboards_sen2")).content.decode()
    assert client.get(reverse("dashboards_sen2"), {"council": world.council.pk}).status_code == 404


def test_the_dashboards_link_to_the_return_only_for_council_officers(world, client_for):
    assert 'id="sen2-link"' in client_for("manager").get(reverse("dashboards_home")).content.decode()
    assert 'id="sen2-link"' not in client_for("lead").get(reverse("dashboards_home")).content.decode()


# --- Queries ------------------------------------------------------------------------------------------------------

def _queries(world, count):
    add_cases(world, count)
    with CaptureQueriesContext(connection) as captured:
        result = sen2.sen2_return(world.council, YEAR)
    return len(captured), result


def test_the_number_of_queries_does_not_grow_with_the_cases(world, clean):
    few, small = _queries(world, 10)
    many, large = _queries(world, 90)
    assert len(small.rows[2]) == 11 and len(large.rows[2]) == 101
    assert few == many == 5


@pytest.mark.parametrize("count", [10, 100])
def test_the_pages_query_count_is_fixed(world, clean, client_for, django_assert_max_num_queries, count):
    add_cases(world, count)
    client = client_for("manager")
    with django_assert_max_num_queries(15):
        assert client.get(reverse("dashboards_sen2"), {"year": YEAR}).status_code == 200
    Child.objects.filter(pk=world.child_a.pk).update(upn="B123456789012", postcode="TS9 9ZZ", sex="F")
    PlanVersion.objects.filter(case__child=world.child_a).update(placement=world.school_a)
    EHCCase.objects.filter(child=world.child_a).update(primary_need="ASD")
    with django_assert_max_num_queries(16):
        response = _download(client)
        assert response.status_code == 200


def test_a_plan_transferred_in_after_the_census_date_is_not_in_that_return(world, sen2_cases):
    """C6 arrived on 1 September 2025, so it is in the 2026 return; had it arrived after the census date, it was
    still the other council's plan on that day, so it is not."""
    def listed():
        return {row["request_id"] for row in sen2.sen2_return(world.council, YEAR).rows[sen2.PLANS.number]}

    assert sen2_cases[6].reference in listed()
    EHCCase.objects.filter(pk=sen2_cases[6].pk).update(transferred_in_on=D(2026, 3, 1))
    assert sen2_cases[6].reference not in listed()
