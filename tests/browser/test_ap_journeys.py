"""Alternative provision journeys in headless Chromium, with axe-core checking WCAG 2.2 AA at every step."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from alt_provision import services
from alt_provision.models import ApprovedProvider, EvidenceKind, Lot
from tests.browser.axe import axe_violations
from tests.targets import PDF_BYTES

pytestmark = pytest.mark.browser


def test_a_provider_applies_and_is_admitted(transactional_db, live_server, page, sign_in_browser, world, tmp_path):
    Lot.objects.create(code="secondary", name="Secondary key stages 3 to 4", description="Pupils aged 11 to 16.")
    failures = []
    sign_in_browser(world.provider)
    page.goto(live_server.url + reverse("ap_provider_home"))
    failures += axe_violations(page)
    page.get_by_role("button", name="Start an application").click()
    page.get_by_role("link", name="Organisation details").wait_for()
    failures += axe_violations(page)

    page.get_by_role("link", name="Organisation details").click()
    page.get_by_label("Contact name").fill("Lucy Hart")
    page.get_by_label("Contact email address").fill("lucy@provider.example")
    page.get_by_label("Contact phone number").fill("01632 960 321")
    failures += axe_violations(page)
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Registration status").click()
    page.get_by_role("group", name=re.compile("registered as a school")).get_by_label("No").check()
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Lots to apply for").click()
    page.get_by_label(re.compile("Secondary key stages 3 to 4")).check()
    failures += axe_violations(page)
    page.get_by_role("button", name="Save").click()

    # Nine pieces of evidence already on file; the insurance certificate is added in the browser with a PDF.
    provider = ApprovedProvider.objects.get(organisation=world.provider_org)
    today = dt.date.today()
    for kind in EvidenceKind.values:
        if kind != EvidenceKind.INSURANCE:
            services.evidence_add(provider=provider, kind=kind, summary="On file.", user=world.provider,
                                  valid_from=today - dt.timedelta(days=30), expires_on=today + dt.timedelta(days=300))
    page.get_by_role("link", name="Compliance evidence").click()
    failures += axe_violations(page)
    page.get_by_role("link", name=re.compile("^Add.*insurance", re.I)).click()
    page.get_by_label("Summary").fill("£10 million public liability, £5 million employer's liability")
    valid_from = page.get_by_role("group", name="Date it is valid from")
    valid_from.get_by_label("Day").fill(str(today.day))
    valid_from.get_by_label("Month").fill(str(today.month))
    valid_from.get_by_label("Year").fill(str(today.year))
    expires = page.get_by_role("group", name="Expiry date")
    expires.get_by_label("Day").fill("1")
    expires.get_by_label("Month").fill("1")
    expires.get_by_label("Year").fill(str(today.year + 1))
    certificate = tmp_path / "insurance.pdf"
    certificate.write_bytes(PDF_BYTES)
    page.get_by_label("Upload a copy (optional)").set_input_files(str(certificate))
    failures += axe_violations(page)
    page.get_by_role("button", name="Save evidence").click()
    page.get_by_role("link", name="Back to your application").click()

    page.get_by_role("link", name="Check and send your application").click()
    failures += axe_violations(page)
    page.get_by_role("button", name="Send application").click()
    page.get_by_text(re.compile("Your application was sent on")).wait_for()
    failures += axe_violations(page)

    # The commissioner checks it against the criteria and admits it.
    sign_in_browser(world.manager)
    page.goto(live_server.url + reverse("ap_providers"))
    failures += axe_violations(page)
    page.get_by_role("link", name=world.provider_org.name).first.click()  # the waiting application
    page.get_by_role("heading", name="Check the application against the criteria").wait_for()
    for group in page.get_by_role("group").all():
        yes = group.get_by_label("Yes", exact=True)
        if yes.count():
            yes.check()
    failures += axe_violations(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("radio", name=re.compile("^Admit", re.I)).check()
    page.get_by_label(re.compile("Secondary key stages 3 to 4")).check()
    page.get_by_label("Reasons").fill("Meets every criterion.")
    failures += axe_violations(page)
    page.get_by_role("button", name="Confirm decision").click()
    page.wait_for_load_state()
    failures += axe_violations(page)

    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.ADMITTED
    assert list(provider.lots.values_list("code", flat=True)) == ["secondary"]
    assert failures == []
