"""A hand-computed set of EHC cases for Testshire Council, built through the ORM with known dates.

Calendar year 2025 (20 weeks = 140 days, 6 weeks = 42 days, 16 weeks = 112 days):

| Case | Child (school, district, born) | Need | Source | Received | Decision to assess | Outcome |
|---|---|---|---|---|---|---|
| C1 | young_n (A North 2021) | ASD | parent | 2025-01-06 | 2025-02-10 (5 wks) | plan 2025-05-19 (19 wks) |
| C2 | mid_n (A North 2015) | SEMH | school | 2025-01-13 | 2025-02-24 (6 wks) | plan 2025-06-02 (20 wks), amended Oct |
| C3 | teen_s (B South 2012) | ASD | school | 2025-01-20 | 2025-03-10 (7 wks) | plan 2025-06-16 (21 wks) |
| C4 | old_s (B South 2008)| SLCN | parent | 2025-02-03 | 2025-03-03 (4 wks) | plan 2025-07-07 (22 wks), excepted |
| C5 | mid_n | MLD | professional | 2024-01-08 | 2024-02-12 | plan 2025-02-10 (57 wks) |
| C6 | transfer in from another council, plan 2025-03-03 | | transfer | | | never counted |
| C7 | adult (no school 2004) | ASD | young person | 2025-01-27 | 2025-03-03 (5 wks) | not to issue 05-12 (15 wks) |
| C8 | teen_s | SEMH | school | 2025-02-10 | 2025-03-31 (7 wks) | not to issue 2025-06-09 (17 wks) |
| C9 | young_n | MLD | parent | 2025-03-03 | 2025-04-14 (6 wks) | not assessing |
| C10 | old_s | ASD | school | 2025-04-07 | 2025-05-12 (5 wks) | assessing |
| C11 | another council's child | ASD | parent | 2025-02-17 | 2025-03-03 | plan 2025-05-05 (11 wks): never counted |
| C12 | re-assessment of C5 | | reassessment | 2025-05-05 | 2025-05-12 | plan 2025-07-07: never counted |
"""

import datetime as dt
import itertools

import pytest

from ehc.models import EHCCase, PlanVersion, TimeLimitException
from send_portal.organisations.models import District
from tests import factories

D = dt.date
_references = itertools.count(1)


def make_case(*, child, council, requested_by, kind="parent", need="", received=None, assess_on=None,
              issue_decided_on=None, stage="received", issued=(), exception=False, **fields):
    case = EHCCase.objects.create(
        reference=f"DASH{next(_references):05d}", child=child, local_authority=council, stage=stage,
        requester_kind=kind, requested_by=requested_by, primary_need=need, received_on=received,
        decision_to_assess_on=assess_on, decision_to_issue_on=issue_decided_on, **fields)
    for number, issued_on in enumerate(issued, start=1):
        status = "final" if number == len(issued) else "superseded"
        PlanVersion.objects.create(case=case, number=number, status=status, issued_on=issued_on)
    if exception:
        TimeLimitException.objects.create(case=case, time_limit="final_plan", ground="10_4_c",
                                          starts_on=received + dt.timedelta(days=30), reason="Family illness.",
                                          family_told_on=received + dt.timedelta(days=30))
    return case


def forget_stored_figures():
    """Empty the dashboards' stored figures, so the next page counts afresh: for tests of the counting itself."""
    from dashboards.models import StoredFigures

    StoredFigures.objects.all().delete()


def add_cases(world, count, *, received=dt.date(2025, 1, 6)):
    """More cases like C1, for the query-count test."""
    for _ in range(count):
        make_case(child=world.child_a, council=world.council, requested_by=world.parent_a, received=received,
                  assess_on=received + dt.timedelta(weeks=5), issue_decided_on=received + dt.timedelta(weeks=14),
                  stage="final_issued", issued=[received + dt.timedelta(weeks=19)])


@pytest.fixture
def cases(world):
    north = District.objects.create(name="North", code="north")
    south = District.objects.create(name="South", code="south")
    world.school_a.district = north
    world.school_a.save()
    world.school_b.district = south
    world.school_b.save()
    council, by = world.council, world.parent_a
    young_n = factories.child(council=council, setting=world.school_a, given_name="Yan", born=D(2021, 6, 1))
    mid_n = factories.child(council=council, setting=world.school_a, given_name="Mia", born=D(2015, 3, 1))
    teen_s = factories.child(council=council, setting=world.school_b, given_name="Tia", born=D(2012, 1, 1))
    old_s = factories.child(council=council, setting=world.school_b, given_name="Ola", born=D(2008, 1, 1))
    adult = factories.child(council=council, given_name="Ada", born=D(2004, 6, 1))
    final = {"stage": "final_issued"}
    c = {}
    c[1] = make_case(child=young_n, council=council, requested_by=by, kind="parent", need="ASD", received=D(2025, 1, 6),
                     assess_on=D(2025, 2, 10), issue_decided_on=D(2025, 4, 14), issued=[D(2025, 5, 19)], **final)
    c[2] = make_case(child=mid_n, council=council, requested_by=by, kind="school", need="SEMH", received=D(2025, 1, 13),
                     assess_on=D(2025, 2, 24), issue_decided_on=D(2025, 4, 21),
                     issued=[D(2025, 6, 2), D(2025, 10, 1)], **final)
    c[3] = make_case(child=teen_s, council=council, requested_by=by, kind="school", need="ASD", received=D(2025, 1, 20),
                     assess_on=D(2025, 3, 10), issue_decided_on=D(2025, 5, 5), issued=[D(2025, 6, 16)], **final)
    c[4] = make_case(child=old_s, council=council, requested_by=by, kind="parent", need="SLCN", received=D(2025, 2, 3),
                     assess_on=D(2025, 3, 3), issue_decided_on=D(2025, 5, 19), issued=[D(2025, 7, 7)],
                     exception=True, **final)
    c[5] = make_case(child=mid_n, council=council, requested_by=by, kind="professional", need="MLD",
                     received=D(2024, 1, 8), assess_on=D(2024, 2, 12), issue_decided_on=D(2024, 5, 1),
                     issued=[D(2025, 2, 10)], **final)
    c[6] = make_case(child=teen_s, council=council, requested_by=by, kind="transfer", received=D(2025, 3, 3),
                     assess_on=D(2025, 3, 3), issue_decided_on=D(2025, 3, 3), issued=[D(2025, 3, 3)],
                     transferred_from="Elsewhere Council", transferred_in_on=D(2025, 9, 1), **final)
    c[7] = make_case(child=adult, council=council, requested_by=by, kind="young_person", need="ASD",
                     received=D(2025, 1, 27), assess_on=D(2025, 3, 3), issue_decided_on=D(2025, 5, 12),
                     stage="not_issuing")
    c[8] = make_case(child=teen_s, council=council, requested_by=by, kind="school", need="SEMH",
                     received=D(2025, 2, 10), assess_on=D(2025, 3, 31), issue_decided_on=D(2025, 6, 9),
                     stage="not_issuing")
    c[9] = make_case(child=young_n, council=council, requested_by=by, kind="parent", need="MLD", received=D(2025, 3, 3),
                     assess_on=D(2025, 4, 14), stage="not_assessing")
    c[10] = make_case(child=old_s, council=council, requested_by=by, kind="school", need="ASD", received=D(2025, 4, 7),
                      assess_on=D(2025, 5, 12), stage="assessing")
    c[11] = make_case(child=world.child_other, council=world.other_council, requested_by=by, kind="parent",
                      need="ASD", received=D(2025, 2, 17), assess_on=D(2025, 3, 3), issue_decided_on=D(2025, 4, 1),
                      issued=[D(2025, 5, 5)], **final)
    c[12] = make_case(child=mid_n, council=council, requested_by=by, kind="reassessment", need="MLD",
                      received=D(2025, 5, 5), assess_on=D(2025, 5, 12), issue_decided_on=D(2025, 6, 1),
                      issued=[D(2025, 7, 7)], reassessment_of=c[5], **final)
    return c


# --- More of Testshire's records, for the stage, advice, caseload, review and disagreement indicators -----------

@pytest.fixture
def more_cases(world, cases):
    """The cases above, made realistic where the later indicators need it, and six more plans, with advice,
    reviews, personal budgets and disagreements, all through the ORM with known dates. Expected figures are in
    test_indicators_ehc_more.py.

    Changes to the cases above: C5 is replaced by its re-assessment C12 on 2025-07-07; C7, C8 and C9 close on
    their decision dates; drafts were sent for C1 (2025-04-28), C2 (05-05), C3 (05-19), C4 (06-02) and C5
    (2024-12-02). School B is a maintained special school; Gamma PRU (North) is alternative provision.

    | Case | Child (setting, born) | Need | Received | Decided to assess | First plan | Then |
    |---|---|---|---|---|---|---|
    | C13 | adult (none, 2004-06-01) | SLD | 2022-01-10 | 2022-02-14 | 2022-06-01 | ceased 2025-03-31 (decided 01-20) |
    | C14 | old_s (B, 2008-01-01) | HI | 2023-01-09 | 2023-02-13 | 2023-05-01 | moved away 2025-10-15 |
    | C15 | ap_kid (Gamma, 2011-05-01) | SEMH | 2024-03-04 | 2024-04-08 | 2024-07-15 | amended 2025-09-29 |
    | C16 | child B (B, 2016-09-12) | MLD | 2023-09-04 | 2023-10-09 | 2024-01-29 | in force |
    | C17 | older (none, 2006-02-01) | PD | 2022-09-05 | 2022-10-10 | 2023-01-16 | in force |
    | C18 | child A (A, 2018-05-01) | SPLD | 2023-06-05 | 2023-07-10 | 2023-10-16 | amended 2024-12-02, 2025-11-24 |

    Reviews (due; meeting; decision; amended plan): C14 2025-04-30; 04-10; maintain 05-01. C15 2025-07-15; 06-20;
    amend 07-25 (notice the same day); 09-29. C16 2025-01-29; invited for 02-10, never recorded as held. C17
    2024-01-16; 01-08; maintain 01-29, then 2025-01-29 not arranged. C18 2024-10-16; 10-01; amend 10-15; 12-02,
    then 2025-10-15; 09-22; amend 10-06; 11-24.
    """
    from ehc.models import (
        AdviceRequest,
        AnnualReview,
        CeasingProposal,
        Disagreement,
        PersonalBudgetRequest,
    )
    from send_portal.organisations.models import OrganisationKind, SettingPhase, SettingType

    c = dict(cases)
    council, by = world.council, world.parent_a
    north = District.objects.get(code="north")
    world.school_b.setting_type = SettingType.MAINTAINED_SPECIAL
    world.school_b.save()
    gamma = factories.OrganisationFactory(name="Gamma PRU", kind=OrganisationKind.SCHOOL, urn="100003",
                                          phase=SettingPhase.ALTERNATIVE_PROVISION, setting_type=SettingType.PRU,
                                          district=north)
    social_care = factories.OrganisationFactory(name="Testshire Children's Social Care",
                                                kind=OrganisationKind.SOCIAL_CARE)
    old_s, adult = c[4].child, c[7].child
    ap_kid = factories.child(council=council, setting=gamma, given_name="Abe", born=D(2011, 5, 1))
    older = factories.child(council=council, given_name="Olu", born=D(2006, 2, 1))

    EHCCase.objects.filter(pk=c[5].pk).update(stage="replaced", closed_on=D(2025, 7, 7))
    for number, closed in ((7, D(2025, 5, 12)), (8, D(2025, 6, 9)), (9, D(2025, 4, 14))):
        EHCCase.objects.filter(pk=c[number].pk).update(closed_on=closed)
    for number, served in ((1, D(2025, 4, 28)), (2, D(2025, 5, 5)), (3, D(2025, 5, 19)), (4, D(2025, 6, 2)),
                           (5, D(2024, 12, 2))):
        PlanVersion.objects.filter(case=c[number], number=1).update(served_on=served)

    final = {"stage": "final_issued"}
    c[13] = make_case(child=adult, council=council, requested_by=by, kind="parent", need="SLD",
                      received=D(2022, 1, 10), assess_on=D(2022, 2, 14), issue_decided_on=D(2022, 4, 11),
                      issued=[D(2022, 6, 1)], stage="ceased", closed_on=D(2025, 3, 31))
    c[14] = make_case(child=old_s, council=council, requested_by=by, kind="school", need="HI",
                      received=D(2023, 1, 9), assess_on=D(2023, 2, 13), issue_decided_on=D(2023, 4, 10),
                      issued=[D(2023, 5, 1)], stage="transferred_out", closed_on=D(2025, 10, 15))
    c[15] = make_case(child=ap_kid, council=council, requested_by=by, kind="parent", need="SEMH",
                      received=D(2024, 3, 4), assess_on=D(2024, 4, 8), issue_decided_on=D(2024, 6, 3),
                      issued=[D(2024, 7, 15)], **final)
    c[16] = make_case(child=world.child_b, council=council, requested_by=by, kind="parent", need="MLD",
                      received=D(2023, 9, 4), assess_on=D(2023, 10, 9), issue_decided_on=D(2023, 12, 4),
                      issued=[D(2024, 1, 29)], **final)
    c[17] = make_case(child=older, council=council, requested_by=by, kind="young_person", need="PD",
                      received=D(2022, 9, 5), assess_on=D(2022, 10, 10), issue_decided_on=D(2022, 12, 5),
                      issued=[D(2023, 1, 16)], **final)
    c[18] = make_case(child=world.child_a, council=council, requested_by=by, kind="parent", need="SPLD",
                      received=D(2023, 6, 5), assess_on=D(2023, 7, 10), issue_decided_on=D(2023, 9, 4),
                      issued=[D(2023, 10, 16)], **final)

    def version(case, number, *, served=None, issued=None, status="superseded"):
        return PlanVersion.objects.create(case=case, number=number, status=status, served_on=served,
                                          comments_close_on=served and served + dt.timedelta(days=14),
                                          issued_on=issued)

    def review(case, number, due, *, meeting=None, decision="", decided=None, amendment=None, amended=None,
               status="complete"):
        return AnnualReview.objects.create(
            case=case, number=number, due_on=due, status=status, meeting_on=meeting,
            invitations_sent_on=meeting and meeting - dt.timedelta(days=21), decision=decision, decision_on=decided,
            amendment=amendment, amended_plan=amended,
            completed_on=(amended.issued_on if amended else decided) if status == "complete" else None)

    PlanVersion.objects.filter(case__in=[c[15], c[18]], number=1).update(status="superseded")
    c15_notice = version(c[15], 2, served=D(2025, 7, 25))
    c15_amended = version(c[15], 3, issued=D(2025, 9, 29), status="final")
    c18_notice_1 = version(c[18], 2, served=D(2024, 10, 15))
    c18_amended_1 = version(c[18], 3, issued=D(2024, 12, 2))
    c18_notice_2 = version(c[18], 4, served=D(2025, 10, 6))
    c18_amended_2 = version(c[18], 5, issued=D(2025, 11, 24), status="final")
    review(c[14], 2, D(2025, 4, 30), meeting=D(2025, 4, 10), decision="maintain", decided=D(2025, 5, 1))
    review(c[15], 1, D(2025, 7, 15), meeting=D(2025, 6, 20), decision="amend", decided=D(2025, 7, 25),
           amendment=c15_notice, amended=c15_amended)
    review(c[16], 1, D(2025, 1, 29), meeting=D(2025, 2, 10), status="invited")
    review(c[17], 1, D(2024, 1, 16), meeting=D(2024, 1, 8), decision="maintain", decided=D(2024, 1, 29))
    review(c[17], 2, D(2025, 1, 29), status="not_arranged")
    review(c[18], 1, D(2024, 10, 16), meeting=D(2024, 10, 1), decision="amend", decided=D(2024, 10, 15),
           amendment=c18_notice_1, amended=c18_amended_1)
    review(c[18], 2, D(2025, 10, 15), meeting=D(2025, 9, 22), decision="amend", decided=D(2025, 10, 6),
           amendment=c18_notice_2, amended=c18_amended_2)
    CeasingProposal.objects.create(case=c[13], reason="needs_met", explanation="Needs are met at college.",
                                   proposed_on=D(2024, 12, 2), responses_due_on=D(2024, 12, 16), status="ceased",
                                   decided_on=D(2025, 1, 20), ceases_on=D(2025, 3, 31))

    # Advice: (case, kind, adviser, requested, sent or None). Due 6 weeks after the request.
    school_of = {1: world.school_a, 2: world.school_a, 3: world.school_b, 4: world.school_b, 8: world.school_b,
                 10: world.school_b}
    advice = [
        *((n, "psychology", world.team, requested, sent) for n, requested, sent in (
            (1, D(2025, 2, 10), D(2025, 3, 17)), (2, D(2025, 2, 24), D(2025, 3, 31)),
            (3, D(2025, 3, 10), D(2025, 4, 21)), (4, D(2025, 3, 3), D(2025, 4, 14)),
            (7, D(2025, 3, 3), D(2025, 4, 7)), (8, D(2025, 3, 31), D(2025, 5, 12)),
            (10, D(2025, 5, 12), D(2025, 6, 16)), (12, D(2025, 5, 12), D(2025, 6, 9)),
            (5, D(2024, 2, 12), D(2024, 3, 25)))),
        *((n, "health", world.icb, requested, sent) for n, requested, sent in (
            (1, D(2025, 2, 10), D(2025, 3, 17)), (2, D(2025, 2, 24), D(2025, 4, 14)),
            (3, D(2025, 3, 10), D(2025, 4, 14)), (4, D(2025, 3, 3), D(2025, 4, 14)),
            (7, D(2025, 3, 3), D(2025, 4, 28)), (8, D(2025, 3, 31), D(2025, 5, 5)),
            (10, D(2025, 5, 12), None), (11, D(2025, 3, 3), D(2025, 5, 5)))),
        *((n, "social_care", social_care, requested, sent) for n, requested, sent in (
            (3, D(2025, 3, 10), D(2025, 5, 12)), (8, D(2025, 3, 31), D(2025, 5, 5)),
            (10, D(2025, 5, 12), None), (7, D(2025, 3, 3), None))),
        *((n, "education", school_of[n], requested, sent) for n, requested, sent in (
            (1, D(2025, 2, 10), D(2025, 3, 10)), (2, D(2025, 2, 24), D(2025, 3, 24)),
            (3, D(2025, 3, 10), D(2025, 4, 7)), (4, D(2025, 3, 3), D(2025, 4, 14)),
            (8, D(2025, 3, 31), D(2025, 5, 12)), (10, D(2025, 5, 12), None))),
    ]
    for number, kind, adviser, requested, sent in advice:
        AdviceRequest.objects.create(case=c[number], kind=kind, organisation=adviser, requested_on=requested,
                                     due_on=requested + dt.timedelta(weeks=6),
                                     status="accepted" if sent else "requested", submitted_on=sent,
                                     advice="Advice." if sent else "")

    # Personal budgets: (case, how it is held, agreed on); C6's was refused.
    for number, form, agreed in ((1, "direct_payment", D(2025, 5, 19)), (2, "arrangement", D(2025, 6, 2)),
                                 (3, "direct_payment", D(2025, 6, 16)), (4, "third_party", D(2025, 7, 7)),
                                 (12, "direct_payment", D(2025, 7, 7)), (15, "arrangement", D(2024, 7, 15))):
        PersonalBudgetRequest.objects.create(
            case=c[number], requested_by=by, requested_on=agreed - dt.timedelta(days=30), during="draft",
            provision_wanted="Speech therapy sessions.", status="agreed", decided_on=agreed, agreed_form=form,
            agreed_area="education", annual_amount=1200)
    PersonalBudgetRequest.objects.create(case=c[6], requested_by=by, requested_on=D(2025, 9, 1), during="review",
                                         provision_wanted="Transport.", status="refused", decided_on=D(2025, 9, 10),
                                         reasons="Transport is not provision in the plan.")

    # Mediation and appeals.
    Disagreement.objects.create(case=c[9], decision="not_to_assess", decision_sent_on=D(2025, 4, 14),
                                mediation_adviser_contacted_on=D(2025, 5, 1), certificate_on=D(2025, 5, 6),
                                mediation_outcome="not_wanted", appeal_registered_on=D(2025, 6, 2),
                                appeal_outcome="upheld", appeal_outcome_on=D(2025, 10, 6))
    Disagreement.objects.create(case=c[7], decision="not_to_issue", decision_sent_on=D(2025, 5, 12),
                                mediation_adviser_contacted_on=D(2025, 5, 20), certificate_on=D(2025, 6, 20),
                                mediation_outcome="not_agreed", appeal_registered_on=D(2025, 7, 14))
    Disagreement.objects.create(case=c[3], decision="plan_content", decision_sent_on=D(2025, 6, 16),
                                mediation_adviser_contacted_on=D(2025, 7, 1), certificate_on=D(2025, 7, 30),
                                mediation_outcome="agreed")
    Disagreement.objects.create(case=c[2], decision="amended_plan", decision_sent_on=D(2025, 10, 1),
                                appeal_registered_on=D(2025, 11, 3))
    Disagreement.objects.create(case=c[15], decision="plan_content", decision_sent_on=D(2024, 7, 15),
                                mediation_adviser_contacted_on=D(2024, 8, 1))
    Disagreement.objects.create(case=c[11], decision="plan_content", decision_sent_on=D(2025, 5, 5),
                                appeal_registered_on=D(2025, 6, 1))

    from dashboards.models import PopulationEstimate

    PopulationEstimate.objects.create(council=council, year=2025, aged_0_to_25=40_000, source="ONS mid-2025")
    PopulationEstimate.objects.create(council=world.other_council, year=2025, aged_0_to_25=10_000,
                                      source="ONS mid-2025")
    return c
