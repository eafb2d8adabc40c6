"""Annual reviews in real Chromium, each person doing their part in the portal, with axe at every step."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ehc import services
from ehc.models import AnnualReview, PlanVersion
from send_portal.core.dates import govuk_date
from send_portal.organisations.models import Role, SettingPhase
from send_portal.people.schoolyear import school_year_start
from tests import factories
from tests.browser.axe import axe_violations
from tests.targets import final_plan_case, meeting_held

pytestmark = pytest.mark.browser


def _fill_govuk_date(page, date):
    page.get_by_label("Day").fill(str(date.day))
    page.get_by_label("Month").fill(str(date.month))
    page.get_by_label("Year").fill(str(date.year))


def _amend_section_f(page, url, case, *, what, how_often):
    """The caseworker opens the amendment from the review and rewrites the provision in section F."""
    failures = []
    page.goto(url + reverse("ehc_review", args=[case.pk]))
    failures += axe_violations(page)
    page.get_by_role("button", name="Write proposed amendments").click()
    page.get_by_text("Write the proposed amendments").first.wait_for()
    failures += axe_violations(page)
    page.get_by_role("link", name=re.compile(r"^Change provision")).first.click()
    failures += axe_violations(page)
    page.get_by_label("What the provision is").fill(what)
    page.get_by_label("How often").fill(how_often)
    page.get_by_role("button", name="Save").click()
    page.get_by_text(what).wait_for()
    page.get_by_text("The quality checks pass").wait_for()  # a vague line in F would stop the decision
    failures += axe_violations(page)
    page.get_by_role("link", name="go to the review to decide").click()
    page.get_by_role("heading", name="Reviews of the plan").wait_for()
    return failures


def _decide_to_amend(page, url, case, reasons):
    failures = []
    page.goto(url + reverse("ehc_review", args=[case.pk]))
    page.get_by_role("link", name="Decide after the review").click()
    failures += axe_violations(page)
    page.get_by_label("Amend the plan and send the proposed amendments to the family").check()
    page.get_by_label("Reasons for the decision").fill(reasons)
    page.get_by_role("button", name="Send the decision").click()
    page.get_by_text("The decision has been sent to the family").wait_for()
    failures += axe_violations(page)
    return failures


def _family_responds(page, url, case, comment, *, preferred=None):
    failures = []
    page.goto(url + reverse("ehc_plan", args=[case.pk]))
    failures += axe_violations(page)
    page.get_by_role("link", name="Respond to the proposed amendments").click()
    failures += axe_violations(page)
    page.get_by_label("Your comments on section F (optional)").fill(comment)
    if preferred:
        page.get_by_label("The school or college you would like named in the plan (optional)").select_option(
            label=preferred)
    page.get_by_role("button", name="Send my response").click()
    page.get_by_text("Your response has been sent").wait_for()
    failures += axe_violations(page)
    return failures


def _issue_amended_plan(page, url, case, *, placement=None):
    failures = []
    page.goto(url + reverse("ehc_review", args=[case.pk]))
    page.get_by_role("link", name="Issue the amended plan").click()
    failures += axe_violations(page)
    if placement:
        page.get_by_label("Section I: the school or college named in the amended plan").select_option(label=placement)
    page.get_by_role("button", name="Issue the amended plan").click()
    page.get_by_text("The amended plan has been issued").wait_for()
    failures += axe_violations(page)
    return failures


def test_a_complete_annual_review(transactional_db, live_server, page, sign_in_browser, world):
    failures = []
    url = live_server.url
    case = final_plan_case(world)
    services.review_open(case=case)  # as the reminder run does 10 weeks before the review is due
    review_url = url + reverse("ehc_review", args=[case.pk])

    # The school runs the review: it fixes the meeting with more than 2 weeks' notice.
    sign_in_browser(world.senco_a)
    page.goto(review_url)
    failures += axe_violations(page)
    page.get_by_role("link", name="Arrange the review meeting").click()
    failures += axe_violations(page)
    meeting_on = timezone.localdate() + dt.timedelta(weeks=3)
    _fill_govuk_date(page, meeting_on)
    page.get_by_label("Time and place, or how to join").fill("10am in the school library")
    page.get_by_role("button", name="Send the invitations").click()
    page.get_by_text("The invitations have been sent").wait_for()
    failures += axe_violations(page)
    review = AnnualReview.objects.get(case=case)
    assert (review.status, review.meeting_on) == ("invited", meeting_on)

    # Health cannot see the case, only its invitation, which its email links to.
    sign_in_browser(world.adviser)
    page.goto(url + reverse("ehc_review_contribution", args=[review.contributions.get(party="health").pk]))
    failures += axe_violations(page)
    page.get_by_label("Your views or advice for the review").fill("Physiotherapy twice a term is still needed.")
    page.get_by_role("button", name="Send your views and advice").click()
    page.get_by_text("Your views and advice have been sent").wait_for()
    failures += axe_violations(page)

    sign_in_browser(world.parent_a)
    page.goto(review_url)
    failures += axe_violations(page)
    page.get_by_role("link", name="Give your views and advice for the review").click()
    page.get_by_label("Your views or advice for the review").fill("She is happier at school and reads at home.")
    page.get_by_role("button", name="Send your views and advice").click()
    page.get_by_text("Your views and advice have been sent").wait_for()
    failures += axe_violations(page)

    sign_in_browser(world.senco_a)
    page.goto(review_url)
    page.get_by_role("button", name="Circulate the advice received").click()
    page.get_by_text("The advice has been sent to everyone invited").wait_for()
    assert page.get_by_text("Physiotherapy twice a term is still needed.").is_visible()
    failures += axe_violations(page)

    # Three weeks go by and the meeting is held.
    meeting_held(review)
    page.goto(review_url)
    page.get_by_role("link", name="Record the meeting and send the report").click()
    failures += axe_violations(page)
    page.get_by_label("The child or young person's views").fill("I like reading with Miss Jones.")
    page.get_by_label("The family's views").fill("Reading has come on well; speech is still hard.")
    progress = page.locator("select[name^='progress_']")
    assert progress.count() == case.plan_versions.get(status="final").outcomes.count()
    for index in range(progress.count()):
        progress.nth(index).select_option(label="On track")
    page.get_by_label("Recommended changes to section F", exact=False).fill("Add weekly speech and language therapy.")
    failures += axe_violations(page)
    page.get_by_role("button", name="Send the report to the council").click()
    page.get_by_text("The report has been sent to the council").wait_for()
    failures += axe_violations(page)

    # The council writes the amendments before deciding, so they go to the family with the decision.
    sign_in_browser(world.caseworker)
    failures += _amend_section_f(page, url, case, what="Speech and language therapy, one to one.",
                                 how_often="Weekly, 45 minutes")
    sign_in_browser(world.manager)
    failures += _decide_to_amend(page, url, case, "Speech therapy is needed as well as phonics.")

    sign_in_browser(world.parent_a)
    page.goto(url + reverse("ehc_plan", args=[case.pk]))
    assert page.get_by_text("Speech and language therapy, one to one.").is_visible()
    failures += _family_responds(page, url, case, "Thank you, we agree.")

    sign_in_browser(world.manager)
    failures += _issue_amended_plan(page, url, case)  # the school stays as it is
    page.goto(review_url)
    page.get_by_role("heading", name="Review 1: complete").wait_for()
    amended_row = page.locator(".govuk-summary-list__row", has_text="Amended plan")
    assert f"Issued {govuk_date(timezone.localdate())}" in amended_row.inner_text()
    failures += axe_violations(page)

    sign_in_browser(world.parent_a)
    page.goto(review_url)
    failures += axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="download it as a PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    amended = PlanVersion.objects.get(case=case, status="final")
    assert amended.placement == world.school_a
    assert amended.provision.filter(section="F", how_often="Weekly, 45 minutes").exists()
    assert failures == []


def test_phase_transfer_meets_15_february(transactional_db, live_server, page, sign_in_browser, world):
    failures = []
    url = live_server.url
    today = timezone.localdate()
    child = world.child_a
    # In Year 6 this school year, so moving to secondary school next September.
    child.date_of_birth = dt.date(school_year_start(today) - 10, 3, 1)
    child.save()
    assert child.nc_year() == 6
    deadline = dt.date(school_year_start(today) + 1, 2, 15)
    secondary = factories.school("Omega Secondary School", "100003")
    secondary.phase = SettingPhase.SECONDARY
    secondary.save()
    secondary_senco = factories.staff_user(secondary, Role.SENCO, email="senco.omega@example.test")
    case = final_plan_case(world)

    sign_in_browser(world.caseworker)
    page.goto(url + reverse("ehc_phase_transfers"))
    failures += axe_violations(page)
    row = page.get_by_role("row", name=re.compile(re.escape(child.full_name)))
    assert row.get_by_role("cell").nth(1).inner_text() == "Primary to secondary school"
    assert row.get_by_role("cell").nth(4).inner_text() == "No"
    assert govuk_date(deadline) in row.get_by_role("cell").nth(5).inner_text()

    # The school's part of the review is covered by the first journey; here it is done through the services.
    review = services.review_arrange(review=services.review_open(case=case), arranged_by=world.senco_a,
                                     meeting_on=today + dt.timedelta(weeks=3), meeting_details="After school")
    review = meeting_held(review, days_ago=1)
    outcomes = {o.pk: ("some", "") for o in case.plan_versions.get(status="final").outcomes.all()}
    services.review_record_meeting(
        review=review, user=world.senco_a, expected_version=review.version, child_views="Excited about big school.",
        family_views="We would like Omega.", preparing_for_adulthood="", disagreements="", progress=outcomes,
        recommendations={"I": "Name Omega Secondary School from September."}, submit=True)

    sign_in_browser(world.caseworker)
    failures += _amend_section_f(page, url, case, what="Phonics, one to one, with a secondary reading specialist.",
                                 how_often="Daily, 20 minutes")
    sign_in_browser(world.manager)
    failures += _decide_to_amend(page, url, case, "The move to secondary school is in September.")

    # The council consults the secondary school the family wants, and the school agrees in the portal.
    sign_in_browser(world.caseworker)
    page.goto(url + reverse("ehc_review", args=[case.pk]))
    page.get_by_role("link", name="Consult a school or college").click()
    failures += axe_violations(page)
    page.get_by_label("Which school or college should be consulted?").select_option(label="Omega Secondary School")
    page.get_by_role("button", name="Send the consultation").click()
    refused = page.locator(".govuk-error-summary")
    refused.or_(page.get_by_text("asked to reply within 15 days")).wait_for()
    assert not refused.is_visible(), refused.inner_text()
    consultation = case.consultations.get(setting=secondary)
    sign_in_browser(secondary_senco)
    page.goto(url + reverse("ehc_consultation", args=[consultation.pk]))
    failures += axe_violations(page)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Send reply").click()
    page.get_by_text("Your reply has been sent to the council").wait_for()
    failures += axe_violations(page)

    sign_in_browser(world.parent_a)
    failures += _family_responds(page, url, case, "Omega please.", preferred="Omega Secondary School")

    sign_in_browser(world.manager)
    failures += _issue_amended_plan(page, url, case, placement="Omega Secondary School")

    sign_in_browser(world.caseworker)
    page.goto(url + reverse("ehc_phase_transfers"))
    failures += axe_violations(page)
    row = page.get_by_role("row", name=re.compile(re.escape(child.full_name)))
    cells = row.get_by_role("cell")
    assert cells.nth(2).inner_text() == "Yes"  # review held
    assert cells.nth(3).inner_text() == "Yes"  # placement consulted
    assert cells.nth(4).inner_text() == "Yes, naming Omega Secondary School"
    assert row.locator(".govuk-tag--green").inner_text() == "Done"
    amended = PlanVersion.objects.get(case=case, status="final")
    assert amended.placement == secondary
    if today < deadline:  # from 15 February to 31 August this school year's deadline has already gone by
        assert amended.issued_on < deadline
    assert failures == []
