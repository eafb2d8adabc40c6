import pytest
from django.urls import reverse

from tests.browser.axe import axe_violations

pytestmark = pytest.mark.browser


def test_staff_are_warned_before_the_idle_timeout_and_can_stay_signed_in(transactional_db, live_server, page,
                                                                         sign_in_browser, world, settings):
    settings.PORTAL_IDLE_TIMEOUT_STAFF = 124
    settings.PORTAL_IDLE_WARNING = 120  # so the warning opens 4 seconds after the page loads
    sign_in_browser(world.caseworker)
    page.goto(live_server.url + reverse("home"))
    dialog = page.get_by_role("dialog", name="You are about to be signed out")
    dialog.wait_for(timeout=10_000)
    assert axe_violations(page) == []
    dialog.get_by_role("button", name="Stay signed in").click()
    dialog.wait_for(state="hidden")
    page.reload()
    assert page.get_by_role("heading", name="What you need to do next").is_visible()
