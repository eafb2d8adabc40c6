"""C-06 field-level read and write, and C-05 lists with search terms, filters and CSV formats.

Reading: each record's sensitive fields carry their own canary (the child's home postcode from the `world`
fixture; the request's reasons, the plan's needs and the professional advice, marked below). Every page a
provider, panel member, adviser, partnership lead or administrator can reach is rendered, and must not show the
fields that person has no need of.

Writing (mass assignment): a person posting fields that are not on the form they may use, such as a case's
status, its caseworker, its council or another child, changes none of them.
"""

import pytest
from django.urls import reverse

from ehc.models import AdviceRequest, EHCCase, PlanNeed
from send_portal.core.access_policy import POLICY
from send_portal.people.models import Child
from tests.conftest import ADDRESS_CANARY, CANARY_A, CANARY_B
from tests.security.trust import body_of, may_reach
from tests.targets import policy_targets

NEEDS_CANARY = "Canaryneedsfield"
ADVICE_CANARY = "Canaryadvicefield"
REASON_CANARY = "Canaryreasonfield"

# What each person must never see, on any page they can reach.
FORBIDDEN = {
    # A provider teaches the pupil: no diagnosis, needs or advice, and no home address.
    "provider": {ADDRESS_CANARY, NEEDS_CANARY, ADVICE_CANARY, REASON_CANARY},
    # A panel member reads the papers put to the panel, never where the family lives.
    "panel": {ADDRESS_CANARY},
    # An adviser writes their own advice from the request; they do not need the home address.
    "adviser": {ADDRESS_CANARY},
    # Partnership leads and administrators see aggregates and the running of the portal, no one's record.
    "lead": {ADDRESS_CANARY, NEEDS_CANARY, ADVICE_CANARY, REASON_CANARY, CANARY_A, CANARY_B},
    "admin": {ADDRESS_CANARY, NEEDS_CANARY, ADVICE_CANARY, REASON_CANARY, CANARY_A, CANARY_B},
}


def _mark_sensitive_fields():
    """Put a canary in each special-category free-text field the targets wrote."""
    PlanNeed.objects.update(text=f"Difficulty decoding words. {NEEDS_CANARY}")
    AdviceRequest.objects.exclude(advice="").update(advice=f"Needs phonics. {ADVICE_CANARY}")
    EHCCase.objects.exclude(reason="").update(reason=f"Struggling with reading. {REASON_CANARY}")


def test_no_one_sees_a_field_they_have_no_need_of(world, client_for):
    targets = policy_targets(world)
    _mark_sensitive_fields()
    failures, rendered = [], 0
    for role, forbidden in FORBIDDEN.items():
        client = client_for(role)
        for url_name, (kwargs, method, allowed) in sorted(targets.items()):
            if method != "get" or POLICY[url_name].kind == "public" or not may_reach(url_name, role, allowed):
                continue
            response = client.get(reverse(url_name, kwargs=kwargs))
            rendered += 1
            body = body_of(response)
            failures += [f"{role} sees {canary!r} on {url_name}" for canary in sorted(forbidden) if canary in body]
    print(f"C-06 field canaries: {rendered} (role, page) renders, {len(failures)} forbidden fields shown")
    assert rendered > 50
    assert failures == []


def test_the_field_canaries_are_shown_where_they_belong(world, client_for):
    """Self-check of the test above: the canaries do reach the pages of the people who need them."""
    kwargs = policy_targets(world, only="ehc_plan")["ehc_plan"][0]
    _mark_sensitive_fields()
    caseworker = client_for("caseworker")
    assert NEEDS_CANARY in caseworker.get(reverse("ehc_plan", kwargs=kwargs)).content.decode()
    assert ADDRESS_CANARY in caseworker.get(reverse("child_edit", args=[world.child_a.pk])).content.decode()


# C-05: lists with search terms, filters and CSV formats, which the read matrix (no query string) misses.
SEARCHES = [
    ("child_list", {"q": "Canary"}),
    ("child_list", {"q": "a"}),
    ("child_list", {"q": "Brown"}),  # child B's family name (the page repeats the search term itself)
    ("child_list", {"q": "Adams"}),
    ("ehc_case_list", {"q": "Canary"}),
    ("ehc_case_list", {"status": "draft"}),
    ("ap_placement_register", {"status": "active"}),
    ("ap_placement_register_csv", {"status": "active"}),
    ("ap_placement_register", {"format": "csv"}),
    ("ap_referrals", {"q": "Canary"}),
    ("ap_exclusion_list", {"q": "Canary"}),
    ("panel_meeting_list", {"q": "Canary"}),
]
SEES = {"parent_a": {CANARY_A}, "senco_a": {CANARY_A}, "parent_b": {CANARY_B}, "senco_b": {CANARY_B},
        "caseworker": {CANARY_A, CANARY_B}, "manager": {CANARY_A, CANARY_B}}


@pytest.mark.parametrize("role", ["parent_a", "parent_b", "senco_a", "senco_b", "other_caseworker", "adviser",
                                  "panel", "provider", "lead", "admin"])
def test_searches_filters_and_exports_show_only_what_the_person_may_see(world, client_for, role):
    from tests.alt_provision import targets_placements

    targets_placements.targets(world)  # a placement of child A, so the register has a row to leak
    client = client_for(role)
    leaks = []
    for url_name, query in SEARCHES:
        response = client.get(reverse(url_name), query)
        body = body_of(response)
        for canary in {CANARY_A, CANARY_B} - SEES.get(role, set()):
            if canary in body:
                leaks.append(f"{url_name}?{query}: {canary}")
    assert leaks == []


def test_a_caseworkers_search_finds_both_families_and_a_schools_only_its_own(world, client_for):
    """The other side of the search check: the search does find what the person may see."""
    body = client_for("caseworker").get(reverse("child_list"), {"q": "Canary"}).content.decode()
    assert CANARY_A in body and CANARY_B in body
    body = client_for("senco_a").get(reverse("child_list"), {"q": "Canary"}).content.decode()
    assert CANARY_A in body and CANARY_B not in body


# Mass assignment.

def test_a_parent_posting_extra_fields_changes_only_what_the_form_offers(world, client_for):
    client = client_for("parent_a")
    response = client.post(reverse("ehc_request_new"), {
        "child": world.child_a.pk, "stage": "final", "status": "final", "caseworker": world.caseworker.pk,
        "local_authority": world.other_council.pk, "requester_kind": "school", "reference": "FORGED1"})
    assert response.status_code == 302
    case = EHCCase.objects.get(child=world.child_a, requested_by=world.parent_a)
    before = EHCCase.objects.filter(pk=case.pk).values().get()

    client.post(reverse("ehc_request_edit", args=[case.pk]), {
        "reason": "Reading is hard.", "family_views": "", "version": case.version, "save_draft": "1",
        "stage": "final", "status": "final", "caseworker": world.caseworker.pk, "child": world.child_b.pk,
        "requester_kind": "school", "reference": "FORGED2", "primary_need": "ASD", "received_on": "2020-01-01",
        "requesting_setting": world.school_b.pk, "home_local_authority": world.other_council.pk})

    after = EHCCase.objects.filter(pk=case.pk).values().get()
    changed = {field for field in after if after[field] != before[field]}
    assert after["reason"] == "Reading is hard."
    assert changed <= {"reason", "version", "updated_at"}, changed
    assert after["stage"] == before["stage"] and after["caseworker_id"] is None
    assert after["child_id"] == world.child_a.pk and after["reference"] == before["reference"]


def test_a_parent_cannot_start_a_request_for_another_familys_child(world, client_for):
    response = client_for("parent_b").post(reverse("ehc_request_new"), {"child": world.child_a.pk})
    assert response.status_code == 400
    assert not EHCCase.objects.filter(child=world.child_a).exists()


def test_a_caseworker_editing_details_cannot_move_the_child_or_forge_its_reference(world, client_for):
    before = Child.objects.filter(pk=world.child_a.pk).values().get()
    response = client_for("caseworker").post(reverse("child_edit", args=[world.child_a.pk]), {
        "given_name": CANARY_A, "family_name": "Adams", "preferred_name": "Ace", "date_of_birth_0": "1",
        "date_of_birth_1": "5", "date_of_birth_2": "2018", "sex": "U", "postcode": ADDRESS_CANARY,
        "reference": "FORGED", "home_local_authority": world.other_council.pk, "current_setting": world.school_b.pk,
        "created_by": world.caseworker.pk, "own_email": ""})
    assert response.status_code == 302
    after = Child.objects.filter(pk=world.child_a.pk).values().get()
    assert after["preferred_name"] == "Ace"
    assert {field for field in after if after[field] != before[field]} <= {"preferred_name", "updated_at"}
