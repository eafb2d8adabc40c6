"""A SENCO's request through to the council's decision, in real Chromium with axe at every step."""

import pytest
from django.urls import reverse

from ehc.models import EHCCase, Stage
from tests.browser.axe import axe_violations

pytestmark = pytest.mark.browser


def test_senco_request_to_refusal_letter(transactional_db, live_server, page, sign_in_browser, world):
    failures = []
    sign_in_browser(world.senco_a)
    page.goto(live_server.url + reverse("ehc_case_list"))
    page.get_by_role("link", name="Ask for an assessment").click()
    page.get_by_role("button", name="Continue").click()  # nothing chosen: an error
    failures += axe_violations(page)
    page.get_by_label(world.child_a.full_name, exact=False).check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Why does the school think an assessment is needed?").fill("Reading remains far behind.")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_text("has been saved").wait_for()
    page.get_by_role("link", name=world.child_a.full_name).first.click()
    failures += axe_violations(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Before you can send this request").wait_for()
    failures += axe_violations(page)
    page.get_by_role("link", name="Describe the support the school has already given").click()

    page.get_by_label("Yes").check()
    page.get_by_label("Primary area of need").select_option(label="Specific learning difficulty")
    page.get_by_label("Support the school has given").fill("Three cycles of daily phonics.")
    page.get_by_label("Attainment and progress").fill("Working towards Year 1 in reading.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("Your request has been sent").wait_for()
    failures += axe_violations(page)
    case = EHCCase.objects.get()
    assert case.stage == Stage.RECEIVED

    sign_in_browser(world.caseworker)
    page.goto(live_server.url + reverse("ehc_work_tray"))
    failures += axe_violations(page)
    page.get_by_role("link", name=world.child_a.full_name).click()
    page.get_by_role("link", name="Record notices, consultation and caseworker").click()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("have been recorded").wait_for()

    sign_in_browser(world.manager)
    page.goto(live_server.url + reverse("ehc_decide", args=[case.pk]))
    page.get_by_role("button", name="Record the decision").click()  # errors first
    failures += axe_violations(page)
    page.get_by_label("No, do not carry out an assessment").check()
    page.get_by_label("Reasons for the decision").fill("The school can meet these needs with SEN support.")
    from django.utils import timezone

    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("The decision has been recorded").wait_for()

    sign_in_browser(world.parent_a)
    page.goto(live_server.url + reverse("ehc_case_detail", args=[case.pk]))
    page.get_by_role("link", name="Read the decision letter").click()
    page.get_by_role("heading", name="If you disagree: your right to appeal").wait_for()
    failures += axe_violations(page)
    assert failures == []


def _fill_date(page, prefix_label=None):
    from django.utils import timezone

    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))


def test_senco_request_to_final_pdf_plan(transactional_db, live_server, page, sign_in_browser, world):
    """The whole statutory journey, each person doing their part in the portal, with axe on every step."""
    from ehc.models import PlanVersion
    from ehc.services import case_start, case_submit

    failures = []
    url = live_server.url
    case = case_start(requested_by=world.senco_a, child=world.child_a, requester_kind="school",
                      requesting_setting=world.school_a, reason="Reading far behind.", parent_agrees=True,
                      primary_need="SPLD", support_so_far="Three cycles of phonics.", attainment="Year 1 level.")
    case_submit(case=case, user=world.senco_a)

    # The manager decides to assess.
    sign_in_browser(world.manager)
    page.goto(url + reverse("ehc_decide", args=[case.pk]))
    page.get_by_label("Yes, carry out an assessment").check()
    page.get_by_label("Reasons for the decision").fill("Alex may need provision through a plan.")
    _fill_date(page)
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("The decision has been recorded").wait_for()

    # The caseworker asks the NHS for advice; the adviser writes and sends it; the caseworker accepts it.
    sign_in_browser(world.caseworker)
    page.goto(url + reverse("ehc_advice_new", args=[case.pk]))
    page.get_by_label("Health advice").check()
    page.get_by_label("Who should give it?").select_option(label="Test ICB")
    page.get_by_role("button", name="Request advice").click()
    sign_in_browser(world.adviser)
    page.goto(url + reverse("ehc_advice_tray"))
    failures += axe_violations(page)
    page.get_by_role("link", name=world.child_a.full_name).click()
    page.get_by_label("Your advice").fill("Needs daily one-to-one phonics.")
    page.get_by_role("button", name="Send advice to the council").click()
    page.get_by_text("Your advice has been sent").wait_for()
    failures += axe_violations(page)
    sign_in_browser(world.caseworker)
    page.goto(url + reverse("ehc_case_detail", args=[case.pk]))
    page.get_by_role("link", name="Health advice").click()
    page.get_by_role("button", name="Accept the advice").click()

    # The manager decides to write a plan; the caseworker drafts it and sends it to the family.
    sign_in_browser(world.manager)
    page.goto(url + reverse("ehc_decide_issue", args=[case.pk]))
    page.get_by_label("Yes, write a draft plan").check()
    page.get_by_label("Reasons for the decision").fill("The advice shows a plan is needed.")
    _fill_date(page)
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("The decision has been recorded").wait_for()
    sign_in_browser(world.caseworker)
    page.goto(url + reverse("ehc_plan", args=[case.pk]))
    page.get_by_role("button", name="Start writing the draft plan").click()
    page.get_by_role("link", name="Add a need").click()
    page.get_by_label("B: Special educational needs").check()
    page.get_by_label("The need").fill("Difficulty decoding words.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add an outcome").click()
    page.get_by_label("The outcome").fill("By July, reads a Year 3 book aloud.")
    page.get_by_label("B1: Difficulty decoding words.").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add provision").click()
    failures += axe_violations(page)
    page.get_by_label("What the provision is").fill("Phonics programme, one to one.")
    page.get_by_label("Who provides it").fill("A trained teaching assistant")
    page.get_by_label("How often").fill("Daily, 20 minutes")
    page.get_by_label("For how long").fill("One year")
    page.get_by_label("B1: Difficulty decoding words.").check()
    page.get_by_role("button", name="Save").click()
    failures += axe_violations(page)
    page.get_by_role("button", name="Send the draft plan to the family").click()
    page.get_by_text("The draft plan has been sent to the family").wait_for()

    # The parent comments and names a school.
    sign_in_browser(world.parent_a)
    page.goto(url + reverse("ehc_plan", args=[case.pk]))
    failures += axe_violations(page)
    page.get_by_role("link", name="Respond to the draft plan").click()
    page.get_by_label("Your comments on section F (optional)").fill("Please make it a specialist teacher.")
    page.get_by_label("The school or college you would like named in the plan (optional)").select_option(
        label="Alpha Primary School")
    failures += axe_violations(page)
    page.get_by_role("button", name="Send my response").click()
    page.get_by_text("Your response has been sent").wait_for()

    # The council consults the school, and the school agrees in the portal.
    sign_in_browser(world.caseworker)
    page.goto(url + reverse("ehc_consultation_new", args=[case.pk]))
    page.get_by_role("button", name="Send the consultation").click()
    sign_in_browser(world.senco_a)
    page.goto(url + reverse("home"))
    page.locator("h2:has-text('Consultations waiting for your reply') + ul a").first.click()
    failures += axe_violations(page)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Send reply").click()

    # The manager issues the final plan; the family reads it and downloads the PDF.
    sign_in_browser(world.manager)
    page.goto(url + reverse("ehc_final_issue", args=[case.pk]))
    page.get_by_label("Section I: the school or college named in the plan").select_option(label="Alpha Primary School")
    page.get_by_role("button", name="Issue the final plan").click()
    page.get_by_text("The final plan has been issued").wait_for()
    sign_in_browser(world.parent_a)
    page.goto(url + reverse("ehc_case_detail", args=[case.pk]))
    failures += axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="download it as a PDF").click()
    assert download.value.suggested_filename == f"EHC-plan-{case.reference}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert PlanVersion.objects.get(case=case, status="final").placement == world.school_a
    assert failures == []


def test_overdue_advice_is_chased_and_shows_on_the_work_tray(transactional_db, live_server, page, sign_in_browser,
                                                              world):
    import datetime as dt

    from django.core import mail
    from django.core.management import call_command

    from ehc.services import advice_request, case_assign_caseworker, case_decide_assessment, case_start, case_submit

    case = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent", reason="Reading.")
    case_submit(case=case, user=world.parent_a, received_on=dt.date.today() - dt.timedelta(days=70))
    case = case_decide_assessment(case=case, decided_by=world.manager, assess=True, reasons="May need a plan.",
                                  decided_on=dt.date.today() - dt.timedelta(days=60))
    case_assign_caseworker(case=case, caseworker=world.caseworker, assigned_by=world.manager)
    advice_request(case=case, kind="health", organisation=world.icb, requested_by=world.caseworker,
                   requested_on=dt.date.today() - dt.timedelta(days=50))
    call_command("send_due_reminders")
    call_command("send_due_reminders")  # a second run sends nothing more
    overdue = [m for m in mail.outbox if "overdue" in m.subject]
    assert [m.to for m in overdue] == [[world.caseworker.email]]

    sign_in_browser(world.caseworker)
    page.goto(live_server.url + reverse("ehc_work_tray") + "?overdue=1")
    partners = page.get_by_role("row", name="Test ICB")
    assert partners.get_by_role("cell").nth(4).inner_text() == "1"  # overdue now
    page.goto(live_server.url + reverse("ehc_case_detail", args=[case.pk]))
    assert page.get_by_role("row", name="Health advice").get_by_text("Overdue").is_visible()
    assert axe_violations(page) == []

    sign_in_browser(world.adviser)
    page.goto(live_server.url + reverse("ehc_advice_tray"))
    assert page.get_by_role("row", name=world.child_a.full_name).get_by_text("Overdue").is_visible()
    assert axe_violations(page) == []
