"""The access policy table covers every URL, and every page answers each role as the table says.

For each URL and each role: signed-out visitors are sent to sign in; roles the table does not name get 403;
roles it names get the page, or 404 when the object is not theirs. No response ever carries a canary
string belonging to a family the person may not see.
"""

import re

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from send_portal.core.access_policy import POLICY, rule_for
from send_portal.people.models import Child
from tests.conftest import CANARY_A, CANARY_B, ROLE_NAMES
from tests.targets import policy_targets


def _named_patterns(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def test_every_url_is_classified_by_the_policy():
    unclassified = sorted(name for name, _ in _named_patterns(get_resolver()) if rule_for(name) is None)
    assert unclassified == [], f"Add these URL names to send_portal/core/access_policy.py: {unclassified}"


def test_every_policy_entry_names_a_real_url():
    names = {name for name, _ in _named_patterns(get_resolver())}
    assert sorted(set(POLICY) - names) == []


def test_unnamed_or_unclassified_url_is_refused(client, db):
    with override_settings(ROOT_URLCONF="tests.security.unclassified_urls"):
        response = client.get("/unclassified/")
    assert response.status_code == 403


# Which family's canary each person may see anywhere in the portal.
VISIBLE_CANARIES = {
    "parent_a": {CANARY_A}, "senco_a": {CANARY_A}, "parent_b": {CANARY_B}, "senco_b": {CANARY_B},
    "caseworker": {CANARY_A, CANARY_B}, "manager": {CANARY_A, CANARY_B},
    "adviser": {CANARY_A},  # asked for advice about child A in the policy targets
}


# Pages where a role may see one more family's canary because the policy targets give them a real reason to:
# an alternative provision provider teaches child A, so needs the name to take the register.
VISIBLE_FOR_URL = {
    "ap_placement": {"provider": {CANARY_A}},
    "ap_placement_review_new": {"provider": {CANARY_A}},
    "ap_attendance": {"provider": {CANARY_A}},
}


# Allowed requests that, as posted by the matrix (with no data), end in a clear error rather than a redirect.
SUCCESS_STATUS = {"ehc_document_upload": 400, "ehc_advice_document_upload": 400}


def _expected_status(rule, role, allowed, method, url_name=""):
    if rule.kind == "public":
        return 200
    if role == "anonymous":
        return 302
    if rule.kind == "roles" and not (rule.roles & _roles_of(role)):
        return 403
    if allowed is not None and role not in allowed:
        return 404
    if url_name in SUCCESS_STATUS:
        return SUCCESS_STATUS[url_name]
    return 302 if method == "post" and rule.kind == "roles" else 200


def _roles_of(role):
    from send_portal.organisations.models import Role

    return {
        "parent_a": {Role.PARENT_CARER}, "parent_b": {Role.PARENT_CARER}, "young_person": {Role.YOUNG_PERSON},
        "senco_a": {Role.SENCO}, "senco_b": {Role.SENCO}, "caseworker": {Role.LA_CASEWORKER},
        "other_caseworker": {Role.LA_CASEWORKER}, "manager": {Role.LA_MANAGER}, "adviser": {Role.ADVISER},
        "panel": {Role.PANEL_MEMBER}, "provider": {Role.PROVIDER}, "lead": {Role.PARTNERSHIP_LEAD},
        "admin": {Role.ADMINISTRATOR},
    }[role]


@pytest.mark.parametrize("url_name", sorted(n for n, r in POLICY.items() if r.kind in ("roles", "signed_in")
                                            or n == "invitation_accept"))
def test_each_role_gets_what_the_policy_says(world, client_for, url_name):
    kwargs, method, allowed = policy_targets(world, only=url_name)[url_name]
    rule = POLICY[url_name]
    url = reverse(url_name, kwargs=kwargs)
    failures = []
    for role in ROLE_NAMES:
        client = client_for(role)
        response = client.post(url) if method == "post" else client.get(url)
        expected = _expected_status(rule, role, allowed, method, url_name)
        if response.status_code != expected:
            failures.append(f"{role}: got {response.status_code}, expected {expected}")
        body = b"".join(response.streaming_content).decode(errors="replace") if response.streaming \
            else response.content.decode()
        visible = VISIBLE_CANARIES.get(role, set()) | VISIBLE_FOR_URL.get(url_name, {}).get(role, set())
        for canary in {CANARY_A, CANARY_B} - visible:
            if canary in body:
                failures.append(f"{role}: response shows {canary}")
    assert failures == []


@pytest.mark.parametrize("role", ["parent_b", "senco_a", "senco_b", "other_caseworker", "adviser", "lead", "admin"])
def test_refused_change_leaves_the_record_untouched(world, client_for, role):
    before = Child.objects.filter(pk=world.child_a.pk).values().get()
    response = client_for(role).post(reverse("child_edit", args=[world.child_a.pk]), {
        "given_name": "Changed", "family_name": "Changed", "date_of_birth_0": "1", "date_of_birth_1": "1",
        "date_of_birth_2": "2019", "sex": "U",
    })
    assert response.status_code in (403, 404)
    assert Child.objects.filter(pk=world.child_a.pk).values().get() == before


def test_missing_and_not_yours_look_the_same(world, client_for):
    client = client_for("parent_b")
    not_yours = client.get(reverse("child_detail", args=[world.child_a.pk]))
    missing = client.get(reverse("child_detail", args=[999999]))
    assert not_yours.status_code == missing.status_code == 404

    def without_per_request_tokens(response):
        return re.sub(rb'(nonce|value)="[^"]*"', b"", response.content)

    assert without_per_request_tokens(not_yours) == without_per_request_tokens(missing)
