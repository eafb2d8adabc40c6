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
