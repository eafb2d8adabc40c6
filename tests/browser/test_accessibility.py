"""Every page, signed out and as each role, passes axe-core at WCAG 2.2 AA in real Chromium."""

import pytest
from django.urls import reverse

from send_portal.core.access_policy import POLICY
from send_portal.invitations.services import invitation_create_family
from send_portal.organisations.selectors import user_roles
from tests.browser.axe import axe_violations
from tests.targets import policy_targets

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ["home", "help", "accessibility", "privacy", "cookies", "glossary", "signed_out",
                "session_timed_out", "account_login", "account_signup", "account_reset_password"]
DOWNLOADS = {"ehc_plan_pdf", "ehc_document", "ehc_letter_pdf", "ehc_plan_version_pdf",
             "local_offer_search_gaps_csv", "ap_evidence_download", "ap_placement_register_csv",
             "dashboards_indicator_csv", "panel_minutes", "dashboards_sen2_download",
             "dashboards_plan_board_pack_pdf"}  # files, not pages
ACCOUNT_PAGES = ["account_email", "account_change_password", "mfa_index", "usersessions_list"]


def _check(page, url, failures):
    response = page.goto(url)
    assert response is not None
    if response.status >= 400:
        failures.append(f"{url}: HTTP {response.status}")
        return
    failures.extend(axe_violations(page))


@pytest.mark.parametrize("role", ["anonymous", "parent_a", "young_person", "senco_a", "caseworker", "manager",
                                  "adviser", "panel", "provider", "lead", "admin"])
def test_every_page_passes_axe(transactional_db, live_server, page, sign_in_browser, world, role):
    user = None if role == "anonymous" else world.users[role]
    sign_in_browser(user)
    failures = []
    if user is None:
        for name in PUBLIC_PAGES:
            _check(page, live_server.url + reverse(name), failures)
        invitation, token = invitation_create_family(
            created_by=world.caseworker, email="someone.new@example.test", full_name="Someone New",
            child=world.child_a, relationship="mother", has_parental_responsibility=True, base_url=live_server.url)
        _check(page, live_server.url + reverse("invitation_accept", args=[token]), failures)
    else:
        roles = user_roles(user)
        pages = [(name, {}) for name in ["home", *ACCOUNT_PAGES]]
        for name, (kwargs, method, allowed) in policy_targets(world).items():
            if method == "get" and POLICY[name].allows(roles) and (allowed is None or role in allowed) \
                    and name != "invitation_accept" and name not in DOWNLOADS:
                pages.append((name, kwargs))
        for name, kwargs in pages:
            _check(page, live_server.url + reverse(name, kwargs=kwargs), failures)
    assert failures == []


def test_error_states_and_check_answers_pass_axe(transactional_db, live_server, page, sign_in_browser, world):
    sign_in_browser(world.caseworker)
    page.goto(live_server.url + reverse("child_register"))
    page.get_by_role("button", name="Continue").click()
    assert page.locator(".govuk-error-summary").is_visible()
    failures = axe_violations(page)
    page.get_by_label("First name").fill("Mo")
    page.get_by_label("Last name").fill("Nguyen")
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2017")
    page.get_by_label("Male", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", name="Check your answers").is_visible()
    failures += axe_violations(page)
    sign_in_browser(None)
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_role("button", name="Sign in").click()
    failures += axe_violations(page)
    assert failures == []
