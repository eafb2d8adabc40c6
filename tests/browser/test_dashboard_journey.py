"""A partnership lead uses the dashboards in headless Chromium, with axe-core checking WCAG 2.2 AA at every step."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.browser.axe import axe_violations
from tests.dashboards.conftest import cases  # noqa: F401 - the hand-computed cases fixture

pytestmark = pytest.mark.browser


def test_a_partnership_lead_filters_opens_an_indicator_and_downloads_it(transactional_db, live_server, page,
                                                                        sign_in_browser, world, cases):  # noqa: F811
    call_command("load_national_figures", stdout=io.StringIO())
    failures = []
    sign_in_browser(world.lead)
    page.goto(live_server.url + reverse("dashboards_home"))
    page.get_by_role("heading", name="Partnership dashboards").wait_for()
    failures += axe_violations(page)

    page.get_by_label("Type of period").select_option("calendar_year")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_label("Period", exact=True).select_option("2025")
    page.get_by_label("District").select_option(label="South")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Clear filters").wait_for()
    assert "district=south" in page.url and "period=2025" in page.url
    failures += axe_violations(page)

    page.get_by_role("link", name="See the figures and the England comparison for New EHC plans issued within "
                                  "20 weeks, excluding exceptions").click()
    page.get_by_role("heading", name="New EHC plans issued within 20 weeks, excluding exceptions").wait_for()
    # South: C3 (21 weeks) is the only new plan once C4's exception is left out: 0 of 1, so suppressed.
    assert page.locator("#local-figure").inner_text().startswith("fewer than 5")
    # England's figures are for all children, so they are not set beside a district's.
    assert page.locator("#england-figure").inner_text().startswith("Not compared")
    assert page.get_by_role("img", name="Bar chart: New EHC plans issued within 20 weeks, excluding exceptions. "
                                        "The table below gives the same figures.").is_visible()
    failures += axe_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    download = download_info.value
    text = Path(download.path()).read_text()
    assert download.suggested_filename == "ehc-20-weeks-excluding-exceptions-calendar_year-2025.csv"
    assert text.splitlines()[0] == "Period,Issued within 20 weeks,New plans issued,Percentage,England"
    assert text.splitlines()[-1] == "2025,c,c,c,"
    assert text.splitlines()[-2] == "2024,0,0,,"  # no England figure beside a filtered one
    failures += axe_violations(page)
    assert failures == []
