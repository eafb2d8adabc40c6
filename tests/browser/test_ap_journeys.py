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
    Lot.objects.create(code="secondary", name="Secondary key stages 3 to 4", description="Pupils aged 11 to 16.",
                       local_authority=world.council)
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


def _fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _fill_requirement(page, lot, start):
    """The rest of a placement requirement, after the pupil, tier and needs."""
    page.get_by_label("Lot").select_option(label=lot.name)
    page.get_by_role("group", name=re.compile("education, health and care")).get_by_label("No").check()
    page.get_by_role("group", name=re.compile("looked after")).get_by_label("No").check()
    page.get_by_label("Where").fill("Castlebridge")
    _fill_date(page, "Start date", start)
    page.get_by_label("Hours per week").fill("25")
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        page.get_by_label(day).check()
    page.get_by_label("Objectives").fill("Attend every day.\nReturn to full-time lessons.")
    page.get_by_label("Reintegration aim").fill("Back at school after two terms.")
    page.get_by_label("Budget").fill("450")


def test_a_school_commissions_a_placement_and_the_provider_reports_an_absence(
        transactional_db, live_server, page, sign_in_browser, world):
    from django.core import mail

    from alt_provision.models import Placement
    from tests.alt_provision.targets_commissioning import approved_provider, commissioning_lot

    lot = commissioning_lot()
    approved_provider(world.provider_org, lot)
    failures = []
    start = dt.date.today() + dt.timedelta(days=14)

    sign_in_browser(world.senco_a)
    page.goto(live_server.url + reverse("ap_requirements"))
    failures += axe_violations(page)
    page.get_by_role("link", name="Create a placement requirement").click()
    page.get_by_label("Which pupil is the placement for?").select_option(index=1)
    page.get_by_label("The pupil's needs").fill("Struggles in large groups; needs a calm, small setting.")
    page.get_by_role("radio", name=re.compile("Tier 2")).check()
    _fill_requirement(page, lot, start)
    failures += axe_violations(page)
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_role("link", name="Send to providers").click()
    _fill_date(page, "Offers close on", dt.date.today() + dt.timedelta(days=7))
    failures += axe_violations(page)
    page.get_by_role("button", name="Send to providers").click()
    page.wait_for_load_state()
    failures += axe_violations(page)

    sign_in_browser(world.provider)
    page.goto(live_server.url + reverse("ap_calloffs"))
    failures += axe_violations(page)
    assert world.child_a.given_name not in page.content()  # providers never see who the pupil is
    page.get_by_role("link", name=re.compile("^Requirement")).first.click()
    assert world.child_a.given_name not in page.content()
    failures += axe_violations(page)
    page.get_by_role("link", name=re.compile("Make an offer")).click()
    page.get_by_label("Price").fill("420")
    _fill_date(page, "Start date", start)
    page.get_by_label("Hours per week").fill("25")
    page.get_by_label(re.compile("Staffing|staff", re.I)).first.fill("A qualified teacher and a mentor, 1 to 4.")
    failures += axe_violations(page)
    page.get_by_role("button", name="Send offer").click()
    page.wait_for_load_state()

    sign_in_browser(world.senco_a)
    page.goto(live_server.url + reverse("ap_requirements"))
    page.get_by_role("link", name=re.compile("^Requirement")).first.click()
    failures += axe_violations(page)
    page.get_by_role("link", name=re.compile("^Award")).first.click()
    page.get_by_label("Reasons").fill("The only offer, within budget, with a qualified teacher.")
    failures += axe_violations(page)
    page.get_by_role("button", name="Award and start the placement").click()
    page.wait_for_load_state()
    placement = Placement.objects.get(child=world.child_a)
    assert placement.provider.organisation == world.provider_org

    # The provider keeps the register; an absence tells the school the same day.
    Placement.objects.filter(pk=placement.pk).update(starts_on=dt.date.today() - dt.timedelta(days=7))
    mail.outbox.clear()
    sign_in_browser(world.provider)
    page.goto(live_server.url + reverse("ap_attendance"))
    failures += axe_violations(page)
    selects = page.locator("main select")
    selects.nth(0).select_option(label="Absent (not authorised)")
    selects.nth(1).select_option(label="Absent (not authorised)")
    page.get_by_role("button", name=re.compile("Save")).click()
    page.wait_for_load_state()
    failures += axe_violations(page)
    assert [message.to for message in mail.outbox] == [[world.senco_a.email]]
    assert world.child_a.given_name not in mail.outbox[0].body
    assert failures == []


def test_a_referral_goes_through_the_panel_to_a_placement(transactional_db, live_server, page, sign_in_browser,
                                                          world):
    """A SENCO refers a pupil, forgetting the risk assessment; adds it; the clerk puts the referral on the next
    agenda; on the day, the chair records who attended and approves a tier 2 placement; the SENCO commissions it
    from the approval, the provider offers and the SENCO awards, so the placement starts."""
    from alt_provision.models import PanelReferral, Placement
    from send_portal.panels.models import Meeting
    from tests.alt_provision.targets_commissioning import approved_provider, commissioning_lot
    from tests.targets import ap_panel

    lot = commissioning_lot()
    provider = approved_provider(world.provider_org, lot)
    ap_panel(world, agenda_closes_days_before=1)
    failures = []
    today = dt.date.today()

    sign_in_browser(world.senco_a)
    page.goto(live_server.url + reverse("ap_referrals"))
    failures += axe_violations(page)
    page.get_by_role("link", name="Refer a pupil to the panel").click()
    page.get_by_label("Which pupil are you referring?").select_option(index=1)
    page.get_by_role("radio", name="At risk of exclusion").check()
    page.get_by_label(re.compile("What is happening for the pupil")).fill(
        "Three suspensions this term; the pupil leaves lessons when overwhelmed.")
    page.get_by_role("radio", name=re.compile("^Tier 2")).check()
    _fill_date(page, "Date the consent form was signed", today - dt.timedelta(days=2))
    page.get_by_label("Who signed it").fill("Mother")
    page.get_by_label("The child's views").fill("I want somewhere quieter.")
    page.get_by_label("The parent's views").fill("We want a plan back to school.")
    page.get_by_label("Interventions tried and their impact").fill("A mentor twice a week for a term: fewer "
                                                                   "incidents, still anxious.")
    page.get_by_label("Lead professional's name and role").fill("Sam Lead, SENCO")
    page.get_by_label("How to contact them").fill("sam.lead@school.example")
    failures += axe_violations(page)
    page.get_by_role("button", name="Send the referral").click()
    page.get_by_text(re.compile("risk assessment", re.I)).first.wait_for()
    failures += axe_violations(page)
    referral = PanelReferral.objects.get()
    assert referral.status == PanelReferral.Status.INCOMPLETE and referral.missing == ["risk"]

    page.get_by_role("link", name="Add the missing information").click()
    _fill_date(page, "Date of the risk assessment", today - dt.timedelta(days=5))
    page.get_by_label("What the risk assessment found").fill("Low risk to others; a plan is agreed.")
    page.get_by_role("button", name="Send the referral").click()
    page.wait_for_load_state()
    failures += axe_violations(page)
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.SUBMITTED

    # The clerk triages it onto the next open agenda, seeing no name.
    sign_in_browser(world.panel)
    page.goto(live_server.url + reverse("panel_meeting_list"))
    failures += axe_violations(page)
    page.get_by_role("link", name="Referrals waiting for you to triage").click()
    assert world.child_a.given_name not in page.content()
    failures += axe_violations(page)
    page.get_by_role("link", name=referral.reference).first.click()
    assert world.child_a.given_name not in page.content()
    page.get_by_role("radio", name="Put it on the next panel agenda").check()
    failures += axe_violations(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.ON_AGENDA

    # The day of the meeting: the chair records who attended and the decision.
    meeting = Meeting.objects.get(items__object_id=referral.pk)
    Meeting.objects.filter(pk=meeting.pk).update(date=today)
    sign_in_browser(world.manager)
    page.goto(live_server.url + reverse("panel_meeting", args=[meeting.pk]))
    assert "A mentor twice a week" in page.content() and world.child_a.given_name not in page.content()
    failures += axe_violations(page)
    page.get_by_role("link", name="Record who attended").click()
    page.get_by_label(re.compile(world.manager.full_name)).check()
    page.get_by_label(re.compile(world.panel.full_name)).check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name=re.compile("Record the decision")).first.click()
    page.get_by_role("radio", name=re.compile("Tier 2")).check()
    page.get_by_label("Reasons").fill("A time-limited placement gives the pupil a fresh start.")
    failures += axe_violations(page)
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state()
    failures += axe_violations(page)
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.APPROVED and referral.approved_tier == "2"

    # The SENCO commissions the approved placement; the provider offers; the SENCO awards.
    sign_in_browser(world.senco_a)
    page.goto(live_server.url + reverse("ap_referral", args=[referral.pk]))
    assert "A time-limited placement gives the pupil a fresh start." in page.content()
    failures += axe_violations(page)
    page.get_by_role("link", name="Commission the placement").click()
    start = today + dt.timedelta(days=14)
    # The pupil and tier come from the referral; the needs are written afresh for providers.
    page.get_by_label("The pupil's needs").fill("Needs a small group and a consistent adult.")
    _fill_requirement(page, lot, start)
    failures += axe_violations(page)
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_role("link", name="Send to providers").click()
    _fill_date(page, "Offers close on", today + dt.timedelta(days=7))
    page.get_by_role("button", name="Send to providers").click()
    page.wait_for_load_state()
    referral.refresh_from_db()
    assert referral.requirement is not None and referral.requirement.tier == "2"

    invitation = referral.requirement.invitations.get(provider=provider)
    services.offer_save(invitation=invitation, user=world.provider, price=430, start_on=start, hours_per_week=25,
                        staffing="A qualified teacher and a mentor.")
    page.goto(live_server.url + reverse("ap_requirement", args=[referral.requirement.pk]))
    page.get_by_role("link", name=re.compile("^Award")).first.click()
    page.get_by_label("Reasons").fill("The only offer, within budget.")
    page.get_by_role("button", name="Award and start the placement").click()
    page.wait_for_load_state()
    failures += axe_violations(page)
    placement = Placement.objects.get(child=world.child_a)
    assert placement.requirement == referral.requirement and placement.tier == "2"
    assert failures == []
