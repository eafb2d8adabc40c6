"""Journeys through the real sign-in, with two-factor codes, in headless Chromium, checking axe at each step."""

import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core import mail
from django.urls import reverse

from send_portal.people.models import Child
from tests import factories
from tests.browser.axe import axe_violations

pytestmark = pytest.mark.browser


def _current_code(secret):
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def test_caseworker_registers_a_child_and_the_parent_joins_by_invitation(transactional_db, live_server, page,
                                                                         world):
    failures = []
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_label("Email").fill(world.caseworker.email)
    page.get_by_role("textbox", name="Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    failures += axe_violations(page)
    page.get_by_role("textbox", name=re.compile("code", re.I)).fill(_current_code(factories.TEST_TOTP_SECRET))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="What you need to do next").wait_for()
    failures += axe_violations(page)

    page.get_by_role("link", name="add one to the register").click()
    page.get_by_label("First name").fill("Zara")
    page.get_by_label("Last name").fill("Quinn")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2016")
    page.get_by_label("Female").check()
    page.get_by_label("Current school or setting (optional)").select_option(label="Alpha Primary School")
    page.get_by_role("button", name="Continue").click()
    failures += axe_violations(page)
    page.get_by_role("button", name="Add to the register").click()
    page.get_by_role("heading", name="Zara Quinn").wait_for()
    failures += axe_violations(page)

    page.get_by_role("link", name="Invite a family member").click()
    page.get_by_label("Their full name").fill("Yasmin Quinn")
    page.get_by_label("Their email address").fill("yasmin@example.test")
    page.get_by_label("Mother").check()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("Invitation sent to yasmin@example.test").wait_for()

    page.get_by_role("button", name="Sign out").first.click()
    page.get_by_role("heading", name="You have signed out").wait_for()
    failures += axe_violations(page)
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/invitations/accept/" in line)
    page.goto(link.replace("http://testserver", live_server.url))
    failures += axe_violations(page)
    page.get_by_label("Full name").fill("Yasmin Quinn")
    page.get_by_role("textbox", name="Create a password").fill("plum-orchard-lantern-9")
    page.get_by_role("textbox", name="Type your password again").fill("plum-orchard-lantern-9")
    page.get_by_role("button", name="Create account and accept").click()
    page.get_by_role("link", name="Zara Quinn").click()
    page.get_by_role("heading", name="Zara Quinn").wait_for()
    failures += axe_violations(page)
    assert Child.objects.get(family_name="Quinn").family_links.get().user.email == "yasmin@example.test"
    assert failures == []


def test_new_staff_member_is_made_to_set_up_two_factor_authentication(transactional_db, live_server, page, world):
    from send_portal.organisations.models import Role

    senco = factories.staff_user(world.school_a, Role.SENCO, with_mfa=False)
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_label("Email").fill(senco.email)
    page.get_by_role("textbox", name="Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/2fa/totp/activate/")
    failures = axe_violations(page)
    secret = page.locator("#authenticator-secret").inner_text().strip().replace(" ", "")
    page.get_by_role("textbox", name=re.compile("code", re.I)).fill(_current_code(secret))
    page.get_by_role("button", name="Continue").click()
    page.goto(live_server.url + reverse("home"))
    page.get_by_role("heading", name="What you need to do next").wait_for()
    failures += axe_violations(page)
    assert failures == []
