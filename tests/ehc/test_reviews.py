"""Annual reviews through their real interfaces: the school arranges, invitees advise, the meeting is recorded, the
council decides, and an amended plan is issued on the statutory dates."""

import datetime as dt
import html

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from ehc import deadlines, services
from ehc.models import CaseEvent, PlanTransfer, PlanVersion, ReviewContribution
from ehc.selectors import case_deadlines, next_review_due, phase_transfers, plan_problems, review_tower
from ehc.selectors.reviews import TowerStatus, tower_status
from send_portal.notifications.models import Notification
from tests.targets import final_plan_case, meeting_held, review_case

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _meeting_form(review, **extra):
    final = review.case.plan_versions.get(status="final")
    data = {"version": review.version, "child_views": "I like maths now.", "family_views": "Going well.",
            "recommend_F": "More speech therapy.", "disagreements": ""}
    for outcome in final.outcomes.all():
        data[f"progress_{outcome.pk}"] = "on_track"
        data[f"progress_comment_{outcome.pk}"] = "Reading age up 8 months."
    return {**data, **extra}


def test_the_first_review_is_due_12_months_after_the_plan_was_made(world):
    case = final_plan_case(world)
    made = case.plan_versions.get(status="final").issued_on
    assert next_review_due(case) == deadlines.annual_review_due(made)
    first = services.review_open(case=case)
    assert services.review_open(case=case) == first  # opening twice makes one review
    assert first.run_by_school == world.school_a


def test_a_review_can_be_brought_forward_but_never_put_back(world, client_for):
    case = final_plan_case(world)
    client = client_for("caseworker")
    later = next_review_due(case) + dt.timedelta(days=1)
    response = client.post(reverse("ehc_review_open", args=[case.pk]), {
        "due_on_0": later.day, "due_on_1": later.month, "due_on_2": later.year, "reason_detail": "Placement at risk"})
    assert response.status_code == 400 and "never put back" in html.unescape(response.content.decode())
    sooner = TODAY + dt.timedelta(days=30)
    response = client.post(reverse("ehc_review_open", args=[case.pk]), {
        "due_on_0": sooner.day, "due_on_1": sooner.month, "due_on_2": sooner.year,
        "reason_detail": "Placement at risk"})
    assert response.status_code == 302
    review = case.reviews.get()
    assert (review.due_on, review.reason) == (sooner, "brought_forward")


def test_under_fives_are_reviewed_on_the_councils_shorter_interval(world, settings):
    settings.EHC_UNDER_FIVE_REVIEW_MONTHS = 4
    case = final_plan_case(world)
    child = case.child
    child.date_of_birth = TODAY - dt.timedelta(days=365 * 3)
    child.save()
    made = case.plan_versions.get(status="final").issued_on
    assert next_review_due(case) == deadlines.early_years_review_due(made, 4)
    assert services.review_open(case=case).reason == "early_years"


def test_school_arranges_the_meeting_with_two_weeks_notice(world, client_for, django_capture_on_commit_callbacks):
    case = final_plan_case(world)
    services.review_open(case=case)
    client = client_for("senco_a")
    too_soon = TODAY + dt.timedelta(days=13)
    response = client.post(reverse("ehc_review_arrange", args=[case.pk]), {
        "meeting_on_0": too_soon.day, "meeting_on_1": too_soon.month, "meeting_on_2": too_soon.year,
        "meeting_details": "10am, school library"})
    assert response.status_code == 400 and "2 weeks" in html.unescape(response.content.decode())
    assert not ReviewContribution.objects.exists()
    meeting = TODAY + dt.timedelta(days=21)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ehc_review_arrange", args=[case.pk]), {
            "meeting_on_0": meeting.day, "meeting_on_1": meeting.month, "meeting_on_2": meeting.year,
            "meeting_details": "10am, school library"})
    assert response.status_code == 302
    review = case.reviews.get()
    assert review.status == "invited" and review.meeting_on == meeting
    assert set(review.contributions.values_list("party", flat=True)) == {"family", "school", "council", "health"}
    recipients = {address for message in mail.outbox for address in message.to}
    assert {world.parent_a.email, world.adviser.email, world.senco_a.email} <= recipients
    assert all(case.child.given_name not in message.body for message in mail.outbox)  # no names in email
    assert client_for("senco_b").get(reverse("ehc_review_arrange", args=[case.pk])).status_code == 404


def test_invitees_advise_and_the_advice_is_circulated(world, client_for, django_capture_on_commit_callbacks):
    case, review = review_case(world)
    health = review.contributions.get(party="health")
    assert client_for("parent_b").get(reverse("ehc_review_contribution", args=[health.pk])).status_code in (403, 404)
    client = client_for("senco_a")
    response = client.post(reverse("ehc_review_circulate", args=[case.pk]), follow=True)
    assert "No advice has been received yet" in html.unescape(response.content.decode())
    response = client_for("adviser").post(reverse("ehc_review_contribution", args=[health.pk]),
                                          {"advice": "Physiotherapy twice a term is still needed."})
    assert response.status_code == 302
    family = review.contributions.get(party="family")
    client_for("parent_a").post(reverse("ehc_review_contribution", args=[family.pk]),
                                {"advice": "She is happier at school."})
    with django_capture_on_commit_callbacks(execute=True):
        client_for("senco_a").post(reverse("ehc_review_circulate", args=[case.pk]))
    review.refresh_from_db()
    assert review.advice_circulated_on == TODAY
    body = client_for("parent_a").get(reverse("ehc_review", args=[case.pk])).content.decode()
    assert "Physiotherapy twice a term" in body
    assert Notification.objects.filter(template="ehc_review_advice_circulated").count() >= 3


def test_the_meeting_report_needs_views_progress_on_every_outcome(world, client_for):
    case, review = review_case(world)
    client = client_for("senco_a")
    response = client.post(reverse("ehc_review_meeting", args=[case.pk]), {**_meeting_form(review), "submit": "1"})
    assert response.status_code == 400
    assert "Record it once it has been held" in html.unescape(response.content.decode())
    review = meeting_held(review)
    form = _meeting_form(review)
    outcome_fields = [key for key in form if key.startswith("progress_") and "comment" not in key]
    response = client.post(reverse("ehc_review_meeting", args=[case.pk]),
                           {**form, outcome_fields[0]: "", "submit": "1"})
    assert response.status_code == 400
    assert "every outcome" in html.unescape(response.content.decode())
    review.refresh_from_db()
    assert review.status == "invited"  # nothing half-saved
    response = client.post(reverse("ehc_review_meeting", args=[case.pk]), {**_meeting_form(review), "save": "1"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "meeting_held"
    response = client.post(reverse("ehc_review_meeting", args=[case.pk]), {**_meeting_form(review), "submit": "1"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "report_submitted" and review.report_submitted_on == TODAY
    assert review.recommendations.get().section == "F"
    stale = client.post(reverse("ehc_review_meeting", args=[case.pk]), {**_meeting_form(review), "version": 1})
    assert stale.status_code in (400, 404) or "cannot record the meeting" in html.unescape(stale.content.decode())


def test_from_year_9_the_review_must_consider_preparing_for_adulthood(world):
    case, review = review_case(world)
    child = case.child
    child.date_of_birth = dt.date(TODAY.year - 14, 1, 10)
    child.save()
    review = meeting_held(review)
    outcomes = {o.pk: ("on_track", "") for o in case.plan_versions.get(status="final").outcomes.all()}
    with pytest.raises(ValidationError, match="preparing for adulthood"):
        services.review_record_meeting(review=review, user=world.senco_a, expected_version=review.version,
                                       child_views="Fine", family_views="", preparing_for_adulthood="",
                                       disagreements="", progress=outcomes, recommendations={}, submit=True)


def _reported(world):
    case, review = review_case(world)
    review = meeting_held(review, days_ago=7)
    outcomes = {o.pk: ("some", "") for o in case.plan_versions.get(status="final").outcomes.all()}
    review = services.review_record_meeting(
        review=review, user=world.senco_a, expected_version=review.version, child_views="Happy", family_views="",
        preparing_for_adulthood="", disagreements="", progress=outcomes, recommendations={"F": "More therapy"},
        submit=True)
    return case, review


def test_keeping_the_plan_ends_the_review_with_appeal_rights(world, client_for, django_capture_on_commit_callbacks):
    case, review = _reported(world)
    assert client_for("caseworker").get(reverse("ehc_review_decide", args=[case.pk])).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("manager").post(reverse("ehc_review_decide", args=[case.pk]), {
            "decision": "maintain", "reasons": "Good progress; provision still right."})
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.completed_on) == ("complete", TODAY)
    appeal_by = deadlines.appeal_deadline(TODAY)
    decision_mail = [message for message in mail.outbox if "decided after the review" in message.subject]
    assert decision_mail and appeal_by.strftime("%Y") in decision_mail[0].body
    assert next_review_due(case) == deadlines.annual_review_due(TODAY)  # counted from the decision


def test_amending_sends_the_proposed_changes_with_the_decision_and_issues_the_amended_plan(
        world, client_for, django_capture_on_commit_callbacks):
    case, review = _reported(world)
    manager = client_for("manager")
    response = manager.post(reverse("ehc_review_decide", args=[case.pk]), {"decision": "amend", "reasons": "More"})
    assert response.status_code == 400
    assert "Write the proposed amendments first" in html.unescape(response.content.decode())
    assert manager.post(reverse("ehc_review_amend_start", args=[case.pk])).status_code == 302
    amendment = case.plan_versions.get(status="editing")
    item = amendment.provision.get(section="F")
    services.plan_save_provision(version=amendment, expected_revision=amendment.revision, provision=item,
                                 section="F", what="Speech and language therapy", who="NHS speech therapist",
                                 how_often="Weekly, 45 minutes", how_long="Until the next review",
                                 needs=list(item.needs.all()), outcomes=list(item.outcomes.all()))
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(reverse("ehc_review_decide", args=[case.pk]),
                                {"decision": "amend", "reasons": "More therapy is needed."})
    assert response.status_code == 302
    review.refresh_from_db()
    amendment.refresh_from_db()
    assert review.status == "amending" and review.amendment == amendment
    assert amendment.status == "served" and amendment.comments_close_on == TODAY + dt.timedelta(days=14)
    assert any("proposed changes" in message.subject for message in mail.outbox)

    early = manager.post(reverse("ehc_review_amended_issue", args=[case.pk]), {"placement": world.school_a.pk})
    assert early.status_code == 400 and "to respond" in html.unescape(early.content.decode())

    parent = client_for("parent_a")
    assert "Speech and language therapy" in parent.get(reverse("ehc_plan", args=[case.pk])).content.decode()
    response = parent.post(reverse("ehc_plan_respond", args=[case.pk]), {
        "comment_F": "Thank you.", "wants_meeting": "False", "wants_personal_budget": "False", "submit": "1"})
    assert response.status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("manager").post(reverse("ehc_review_amended_issue", args=[case.pk]),
                                              {"placement": world.school_a.pk})
    assert response.status_code == 302
    review.refresh_from_db()
    amended = review.amended_plan
    assert amended.status == "final" and amended.placement == world.school_a and amended.pdf
    assert list(case.plan_versions.filter(status="final")) == [amended]
    assert review.status == "complete"
    assert CaseEvent.objects.filter(case=case, kind="amended_plan_issued").exists()
    pdf = client_for("parent_a").get(reverse("ehc_plan_pdf", args=[case.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert PlanVersion.objects.filter(case=case, status="superseded").exclude(pdf="").exists()  # history kept


@pytest.mark.parametrize(("step", "today_offset", "expected", "overdue"), [
    ("none", 0, TowerStatus.NOT_YET_DUE, False),
    ("none", 300, TowerStatus.DUE_SOON, False),
    ("none", 400, TowerStatus.DUE_SOON, True),
    ("invited", 0, TowerStatus.INVITED, False),
    ("invited", 40, TowerStatus.REPORT_OVERDUE, True),
    ("reported", 0, TowerStatus.MEETING_HELD, False),
    ("reported", 30, TowerStatus.DECISION_OVERDUE, True),
    ("complete", 0, TowerStatus.COMPLETE, False),
])
def test_control_tower_status(world, step, today_offset, expected, overdue):
    if step == "none":
        case = final_plan_case(world)
    elif step == "invited":
        case, _ = review_case(world)
    else:
        case, review = _reported(world)
        if step == "complete":
            services.review_decide(review=review, decided_by=world.manager, decision="maintain", reasons="Fine")
    case = type(case).objects.prefetch_related("reviews", "plan_versions").get(pk=case.pk)
    status, _, _, is_overdue = tower_status(case, TODAY + dt.timedelta(days=today_offset))
    assert (status, is_overdue) == (expected, overdue)


def test_control_tower_page_filters(world, client_for):
    case, _ = review_case(world)
    client = client_for("caseworker")
    body = client.get(reverse("ehc_review_tower")).content.decode()
    assert case.reference in body and "Invitations sent" in body
    body = client.get(reverse("ehc_review_tower"), {"status": "decision_overdue"}).content.decode()
    assert case.reference not in body
    body = client.get(reverse("ehc_review_tower"), {"school": world.school_a.pk}).content.decode()
    assert case.reference in body
    assert client.get(reverse("ehc_review_tower"), {"school": "nonsense"}).status_code == 400
    assert case.reference not in client_for("other_caseworker").get(reverse("ehc_review_tower")).content.decode()
    assert [row.case for row in review_tower(world.caseworker, overdue=True)] == []


def test_reminders_open_due_reviews_and_are_sent_once(world, django_capture_on_commit_callbacks):
    case = final_plan_case(world)
    due = next_review_due(case)
    today = due - dt.timedelta(weeks=9)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.review_send_due_reminders(today=today)
        second = services.review_send_due_reminders(today=today)
    assert first >= 1 and second == 0
    review = case.reviews.get()
    assert review.status == "not_arranged"  # opened, so the school can now arrange it
    assert Notification.objects.filter(template="ehc_review_reminder", recipient_email=world.senco_a.email).exists()


def test_reminder_command_runs_in_the_embedded_default(world):
    final_plan_case(world)
    call_command("send_due_reminders")


@pytest.mark.parametrize(("born", "kind", "deadline_month"), [
    (dt.date(2016, 3, 1), "primary_to_secondary", 2),      # Year 6 in 2026/27
    (dt.date(2011, 3, 1), "secondary_to_post16", 3),       # Year 11 in 2026/27
])
def test_phase_transfer_list(world, born, kind, deadline_month):
    case = final_plan_case(world)
    child = case.child
    # Place the child in the final year of their phase in whichever school year today falls.
    shift = (TODAY.year if TODAY.month >= 9 else TODAY.year - 1) - 2026
    child.date_of_birth = born.replace(year=born.year + shift)
    child.save()
    rows = phase_transfers(world.caseworker)
    assert [row.case for row in rows] == [case]
    assert rows[0].transfer.kind == kind and rows[0].transfer.deadline.month == deadline_month
    assert not rows[0].issued and not rows[0].review_held


# --- Ceasing a plan ------------------------------------------------------------------------------------------

def _propose_ceasing(world, client_for, reason="needs_met"):
    case = final_plan_case(world)
    response = client_for("caseworker").post(reverse("ehc_ceasing_propose", args=[case.pk]), {
        "reason": reason, "explanation": "Needs are now met from the school's own resources."})
    assert response.status_code == 302
    return case, case.ceasing_proposals.get()


def _both_responded(world, proposal):
    services.ceasing_respond(proposal=proposal, user=world.parent_a, as_family=True, response="No.")
    services.ceasing_respond(proposal=proposal, user=world.senco_a, as_family=False, response="Yes.")


def test_ceasing_consults_the_family_and_the_setting_first(world, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case, proposal = _propose_ceasing(world, client_for)
    assert proposal.responses_due_on == TODAY + dt.timedelta(days=15) and proposal.setting == world.school_a
    assert {world.parent_a.email, world.senco_a.email} <= {a for m in mail.outbox for a in m.to}
    early = client_for("manager").post(reverse("ehc_ceasing_decide", args=[case.pk]),
                                       {"cease": "True", "reasons": "Needs met."})
    assert early.status_code == 400 and "give their views" in html.unescape(early.content.decode())
    assert client_for("senco_b").get(reverse("ehc_ceasing_respond", args=[case.pk])).status_code in (403, 404)
    client_for("parent_a").post(reverse("ehc_ceasing_respond", args=[case.pk]), {"response": "Please keep it."})
    client_for("senco_a").post(reverse("ehc_ceasing_respond", args=[case.pk]), {"response": "We agree to cease."})
    proposal.refresh_from_db()
    assert proposal.family_response == "Please keep it." and proposal.setting_response == "We agree to cease."


def test_a_ceased_plan_stays_in_force_until_the_appeal_period_ends(world, client_for):
    case, proposal = _propose_ceasing(world, client_for)
    _both_responded(world, proposal)
    response = client_for("manager").post(reverse("ehc_ceasing_decide", args=[case.pk]),
                                          {"cease": "True", "reasons": "Needs are met without a plan."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    appeal_by = deadlines.appeal_deadline(TODAY)
    assert proposal.status == "ceasing" and proposal.ceases_on == appeal_by + dt.timedelta(days=1)
    assert services.ceasing_apply_due(today=appeal_by) == 0
    case.refresh_from_db()
    assert case.stage == "final_issued"  # still in force on the last day to appeal
    assert services.ceasing_apply_due(today=appeal_by + dt.timedelta(days=1)) == 1
    case.refresh_from_db()
    assert (case.stage, case.closed_on) == ("ceased", appeal_by + dt.timedelta(days=1))


def test_an_appeal_against_ceasing_keeps_the_plan_until_it_is_decided(world, client_for):
    case, proposal = _propose_ceasing(world, client_for)
    _both_responded(world, proposal)
    proposal = services.ceasing_decide(proposal=proposal, decided_by=world.manager, cease=True, reasons="Met.")
    services.disagreement_save(case=case, decision="cease", recorded_by=world.caseworker,
                               appeal_registered_on=proposal.decided_on)
    later = proposal.ceases_on + dt.timedelta(days=30)
    assert services.ceasing_apply_due(today=later) == 0
    case.refresh_from_db()
    assert case.stage == "final_issued"


def test_ceasing_at_the_age_limit_cannot_be_appealed_and_ends_at_once(world, client_for):
    case, proposal = _propose_ceasing(world, client_for, reason="maximum_age")
    services.ceasing_decide(proposal=proposal, decided_by=world.manager, cease=True, reasons="Turned 25.",
                            decided_on=proposal.responses_due_on)
    case.refresh_from_db()
    assert case.stage == "ceased"


def test_a_review_can_lead_to_considering_ceasing(world):
    case, review = _reported(world)
    with pytest.raises(ValidationError):
        services.review_decide(review=review, decided_by=world.manager, decision="cease", reasons="Met")
    services.review_decide(review=review, decided_by=world.manager, decision="cease", reasons="Needs met",
                           cease_reason="needs_met")
    assert case.ceasing_proposals.get().status == "consulting"


# --- Tribunal orders -----------------------------------------------------------------------------------------

def test_a_tribunal_order_becomes_tracked_deadlines(world, client_for):
    case = final_plan_case(world)
    sent = TODAY  # the plan was issued today, and nothing about it can predate that
    response = client_for("caseworker").post(reverse("ehc_disagreement", args=[case.pk]), {
        "decision": "plan_content", "appeal_registered_on_0": sent.day, "appeal_registered_on_1": sent.month,
        "appeal_registered_on_2": sent.year, "appeal_outcome": "upheld", "appeal_outcome_on_0": sent.day,
        "appeal_outcome_on_1": sent.month, "appeal_outcome_on_2": sent.year, "order": "amend",
        "order_sent_on_0": sent.day, "order_sent_on_1": sent.month, "order_sent_on_2": sent.year})
    assert response.status_code == 302
    body = html.unescape(client_for("caseworker").get(reverse("ehc_case_detail", args=[case.pk])).content.decode())
    assert "Tribunal order: Issue the amended plan" in body
    due = deadlines.tribunal_order_due_dates(sent, "amend")[0][1]
    assert f"{due.day} {due:%B %Y}" in body
    missing_date = client_for("caseworker").post(reverse("ehc_disagreement", args=[case.pk]), {
        "decision": "plan_content", "order": "amend"})
    assert missing_date.status_code == 400


# --- Personal budgets ----------------------------------------------------------------------------------------

def test_personal_budget_is_asked_for_during_a_review_and_agreed_for_section_j(world, client_for):
    case = final_plan_case(world)
    parent = client_for("parent_a")
    body = parent.get(reverse("ehc_personal_budgets", args=[case.pk])).content.decode()
    assert "Ask for a personal budget" not in body  # only while drafting or reviewing
    assert parent.get(reverse("ehc_personal_budget_request", args=[case.pk])).status_code == 200
    refused = parent.post(reverse("ehc_personal_budget_request", args=[case.pk]), {
        "forms_wanted": ["direct_payment"], "areas": ["education"], "provision_wanted": "Therapy."})
    assert refused.status_code == 400 and "drafted, reviewed or re-assessed" in html.unescape(refused.content.decode())
    services.review_open(case=case)
    response = parent.post(reverse("ehc_personal_budget_request", args=[case.pk]), {
        "forms_wanted": ["direct_payment"], "areas": ["education"], "provision_wanted": "Speech therapy."})
    assert response.status_code == 302
    budget = case.personal_budgets.get()
    assert budget.during == "review"
    assert client_for("parent_b").get(reverse("ehc_personal_budgets", args=[case.pk])).status_code == 404
    incomplete = client_for("manager").post(reverse("ehc_personal_budget_decide", args=[case.pk, budget.pk]),
                                            {"agree": "True", "reasons": "Fine."})
    assert incomplete.status_code == 400
    budget.refresh_from_db()
    assert budget.status == "requested"  # nothing half-saved
    client_for("manager").post(reverse("ehc_personal_budget_decide", args=[case.pk, budget.pk]), {
        "agree": "True", "agreed_form": "direct_payment", "agreed_area": "education", "annual_amount": "2400.00",
        "reasons": "The therapy can be bought separately."})
    budget.refresh_from_db()
    assert (budget.status, str(budget.annual_amount)) == ("agreed", "2400.00")
    version = case.plan_versions.get(status="final")
    assert "set it out in section J" in " ".join(plan_problems(version))


def test_a_refused_personal_budget_can_be_reconsidered_once(world, client_for):
    case, _ = review_case(world)
    budget = services.personal_budget_request(case=case, requested_by=world.parent_a, forms_wanted=["arrangement"],
                                              areas=["health"], provision_wanted="Physiotherapy.")
    services.personal_budget_decide(budget=budget, decided_by=world.manager, agree=False,
                                    reasons="Physiotherapy is part of a block contract.")
    client = client_for("parent_a")
    assert client.post(reverse("ehc_personal_budget_review", args=[case.pk, budget.pk])).status_code == 302
    budget.refresh_from_db()
    assert budget.status == "review_requested"
    services.personal_budget_decide(budget=budget, decided_by=world.manager, agree=False, reasons="Still a block.")
    budget.refresh_from_db()
    assert budget.reconsidered
    response = client.post(reverse("ehc_personal_budget_review", args=[case.pk, budget.pk]), follow=True)
    assert "already been reconsidered" in html.unescape(response.content.decode())


# --- Transfers between councils ------------------------------------------------------------------------------

def test_transfer_out_to_a_council_in_the_portal(world, client_for, django_capture_on_commit_callbacks):
    case = final_plan_case(world)
    client = client_for("caseworker")
    moved, aware = TODAY + dt.timedelta(days=5), TODAY
    response = client.post(reverse("ehc_transfer_out", args=[case.pk]), {
        "to_local_authority": world.other_council.pk, "moved_on_0": moved.day, "moved_on_1": moved.month,
        "moved_on_2": moved.year, "aware_on_0": aware.day, "aware_on_1": aware.month, "aware_on_2": aware.year})
    assert response.status_code == 302
    transfer = PlanTransfer.objects.get(case=case)
    assert transfer.due_on == deadlines.plan_transfer_due(moved, aware) > moved  # learned late: 15 working days
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ehc_transfer_out_send", args=[case.pk]))
    case.refresh_from_db()
    transfer.refresh_from_db()
    assert case.stage == "transferred_out" and transfer.sent_on == TODAY
    received = transfer.received_case
    assert received.local_authority == world.other_council and received.stage == "final_issued"
    made = case.plan_versions.filter(status="final").get().issued_on
    assert received.plan_versions.get().issued_on == made  # treated as made on the original date
    assert next_review_due(received) == deadlines.transfer_review_due(made, TODAY)
    # The new council sees the child and the plan; this council keeps its own record of the case.
    assert client_for("caseworker").get(reverse("ehc_case_detail", args=[case.pk])).status_code == 200
    assert client_for("caseworker").get(reverse("ehc_case_detail", args=[received.pk])).status_code == 404
    other = client_for("other_caseworker")  # the one test client, now signed in as the new council's caseworker
    body = html.unescape(other.get(reverse("ehc_case_detail", args=[received.pk])).content.decode())
    assert "Tell the family the plan has transferred" in body
    with django_capture_on_commit_callbacks(execute=True):
        other.post(reverse("ehc_transfer_notice", args=[received.pk]), {"proposes_assessment": "False"})
    received.refresh_from_db()
    assert received.transfer_notice_sent_on == TODAY
    assert any("transferred to us" in message.subject for message in mail.outbox)


def test_transfer_in_from_outside_the_portal_is_not_counted_in_timeliness(world, client_for):
    from ehc.selectors import timeliness

    made, reviewed, arrived = TODAY - dt.timedelta(days=700), TODAY - dt.timedelta(days=300), TODAY
    response = client_for("caseworker").post(reverse("ehc_transfer_in"), {
        "child": world.child_b.pk, "transferred_from": "Farshire Council",
        "original_issued_on_0": made.day, "original_issued_on_1": made.month, "original_issued_on_2": made.year,
        "reviewed_before_transfer_on_0": reviewed.day, "reviewed_before_transfer_on_1": reviewed.month,
        "reviewed_before_transfer_on_2": reviewed.year, "transferred_in_on_0": arrived.day,
        "transferred_in_on_1": arrived.month, "transferred_in_on_2": arrived.year, "placement": world.school_b.pk})
    assert response.status_code == 302
    case = world.child_b.ehc_cases.get()
    assert next_review_due(case) == max(deadlines.annual_review_due(reviewed), deadlines.transfer_review_due(
        reviewed, arrived))
    assert all(row["count"] == 0 for row in timeliness(world.caseworker))
    assert client_for("other_caseworker").post(reverse("ehc_transfer_in"), {"child": world.child_b.pk}
                                               ).status_code == 400  # not their child: not offered


# --- Re-assessment -------------------------------------------------------------------------------------------

def test_reassessment_is_decided_in_15_days_and_its_plan_replaces_the_old_one(world, client_for):
    case = final_plan_case(world)
    response = client_for("senco_a").post(reverse("ehc_reassessment_request", args=[case.pk]),
                                          {"reason": "Needs have changed a lot since the plan was made."})
    assert response.status_code == 302
    request = case.reassessment_requests.get()
    assert request.decision_due == TODAY + dt.timedelta(days=15)
    case.refresh_from_db()
    rows = {row.label: row for row in case_deadlines(case)}
    assert rows["Decision whether to re-assess"].due == request.decision_due
    assert client_for("senco_b").get(reverse("ehc_reassessment_request", args=[case.pk])).status_code == 404
    response = client_for("manager").post(reverse("ehc_reassessment_decide", args=[case.pk]),
                                          {"agree": "True", "reasons": "Needs have changed."})
    assert response.status_code == 302
    request.refresh_from_db()
    reassessment = request.reassessment
    assert reassessment.stage == "assessing" and reassessment.reassessment_of == case
    rows = {row.label: row for row in case_deadlines(reassessment)}
    assert rows["Final plan after re-assessment"].due == TODAY + dt.timedelta(weeks=14)
    assert "Decision whether to assess" not in rows
    # The new plan goes through the usual draft and final steps; issuing it replaces the old plan.
    advice = services.advice_request(case=reassessment, kind="health", organisation=world.icb,
                                     requested_by=world.caseworker)
    services.advice_save(advice=advice, adviser=world.adviser, text="Needs phonics.", expected_version=1, submit=True)
    services.case_decide_issue(case=reassessment, decided_by=world.manager, issue=True, reasons="Plan needed.")
    version = services.plan_start(case=reassessment, user=world.caseworker)
    need = services.plan_save_need(version=version, expected_revision=1, section="B", text="Reading.")
    outcome = services.plan_save_outcome(version=version, expected_revision=2, text="Reads aloud by July.",
                                         needs=[need], preparing_for_adulthood=False)
    services.plan_save_provision(version=version, expected_revision=3, section="F", needs=[need],
                                 outcomes=[outcome], what="Phonics, one to one.", who="A trained teaching assistant",
                                 how_often="5 sessions of 20 minutes a week", how_long="Until the next review")
    services.plan_serve(version=version, user=world.caseworker)
    services.consultation_send(case=reassessment, setting=world.school_a, sent_by=world.caseworker)
    services.draft_respond(version=version, author=world.parent_a, comments={}, wants_meeting=False,
                           preferred_setting=world.school_a, wants_personal_budget=False, submit=True)
    services.plan_issue_final(case=reassessment, issued_by=world.manager, placement=world.school_a)
    case.refresh_from_db()
    assert (case.stage, case.closed_on) == ("replaced", TODAY)


def test_a_refused_reassessment_can_be_appealed(world, client_for, django_capture_on_commit_callbacks):
    case = final_plan_case(world)
    request = services.reassessment_request(case=case, requested_by=world.parent_a, reason="Needs changed.")
    with django_capture_on_commit_callbacks(execute=True):
        services.reassessment_decide(request=request, decided_by=world.manager, agree=False,
                                     reasons="The annual review is the right place.")
    assert services._decision_date(case, "not_to_reassess") == TODAY
    assert any("decided whether to re-assess" in message.subject for message in mail.outbox)


# --- Letters -------------------------------------------------------------------------------------------------

def test_decisions_send_letters_as_tagged_pdfs_with_appeal_rights(world, client_for,
                                                                   django_capture_on_commit_callbacks):
    from ehc.models import Letter
    from tests.ehc.test_final_plan import _inflated_streams

    case, review = _reported(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decide(review=review, decided_by=world.manager, decision="maintain",
                               reasons="CANARYREASON good progress.")
    letter = Letter.objects.get(case=case, kind="review_decision")
    assert "CANARYREASON" in letter.html and "right to appeal" in letter.html
    assert deadlines.appeal_deadline(TODAY).strftime("%B %Y") in letter.html
    response = client_for("parent_a").get(reverse("ehc_letter_pdf", args=[case.pk, letter.pk]))
    pdf = b"".join(response.streaming_content)
    text = pdf + b"".join(_inflated_streams(pdf))
    assert pdf.startswith(b"%PDF-") and b"/StructTreeRoot" in text and b"pdfuaid" in text
    assert client_for("senco_a").get(reverse("ehc_letter_pdf", args=[case.pk, letter.pk])).status_code in (403, 404)
    assert client_for("parent_b").get(reverse("ehc_letter_pdf", args=[case.pk, letter.pk])).status_code == 404
    body = client_for("parent_a").get(reverse("ehc_correspondence", args=[case.pk])).content.decode()
    assert "Decision after a review" in body and "Plan version" in body


def test_from_year_9_a_review_cannot_close_unless_the_outcomes_cover_adulthood(world):
    case, review = _reported(world)
    child = case.child
    child.date_of_birth = dt.date(TODAY.year - 14, 1, 10)
    child.save()
    with pytest.raises(ValidationError, match="preparing for adulthood"):
        services.review_decide(review=review, decided_by=world.manager, decision="maintain", reasons="Fine.")
    review.refresh_from_db()
    assert review.status == "report_submitted"


# --- Found in review: moving school, ceasing appeals, bad input ---------------------------------------------

def test_a_school_the_child_has_left_no_longer_sees_the_case_and_the_new_school_runs_the_review(world, client_for):
    from send_portal.people.services import child_change_setting

    case = final_plan_case(world)
    services.review_open(case=case)
    proposal = services.ceasing_propose(case=case, proposed_by=world.caseworker, reason="needs_met",
                                        explanation="Needs met.")
    services.ceasing_respond(proposal=proposal, user=world.parent_a, as_family=True, response="CANARYVIEWS anxiety")
    child_change_setting(child=world.child_a, new_setting=world.school_b)
    senco_a = client_for("senco_a")
    assert senco_a.get(reverse("ehc_ceasing", args=[case.pk])).status_code == 404
    assert senco_a.get(reverse("ehc_review_arrange", args=[case.pk])).status_code == 404
    assert case.reviews.get().run_by_school == world.school_b
    assert client_for("senco_b").get(reverse("ehc_review_arrange", args=[case.pk])).status_code == 200
    body = client_for("senco_b").get(reverse("ehc_review", args=[case.pk])).content.decode()
    assert "CANARYVIEWS" not in body


def test_a_mediation_certificate_keeps_the_plan_until_the_later_appeal_deadline(world, client_for):
    case, proposal = _propose_ceasing(world, client_for)
    _both_responded(world, proposal)
    proposal = services.ceasing_decide(proposal=proposal, decided_by=world.manager, cease=True, reasons="Met.")
    services.disagreement_save(case=case, decision="cease", recorded_by=world.caseworker,
                               certificate_on=TODAY, mediation_adviser_contacted_on=TODAY)
    later_deadline = deadlines.appeal_deadline(TODAY, TODAY)
    two_months = deadlines.appeal_deadline(TODAY)
    services.ceasing_apply_due(today=max(two_months, later_deadline))
    case.refresh_from_db()
    assert case.stage == "final_issued"
    services.ceasing_apply_due(today=max(two_months, later_deadline) + dt.timedelta(days=1))
    case.refresh_from_db()
    assert case.stage == "ceased"


def test_ceasing_cannot_block_the_daily_job_when_the_plan_ended_another_way(world, client_for):
    case, proposal = _propose_ceasing(world, client_for, reason="needs_met")
    _both_responded(world, proposal)
    services.ceasing_decide(proposal=proposal, decided_by=world.manager, cease=True, reasons="Met.")
    transfer = services.transfer_out_record(case=case, recorded_by=world.caseworker, moved_on=TODAY, aware_on=TODAY,
                                            to_name="Farshire Council")
    services.transfer_out_send(transfer=transfer, sent_by=world.caseworker)
    _propose_ceasing(world, client_for, reason="maximum_age")
    assert services.ceasing_apply_due(today=TODAY + dt.timedelta(days=400)) == 0  # no crash


def test_review_pages_refuse_steps_out_of_order_without_errors(world, client_for):
    case = final_plan_case(world)
    client = client_for("caseworker")
    assert client.post(reverse("ehc_review_arrange", args=[case.pk]), {}).status_code == 400
    assert not case.reviews.exists()  # an invalid form opens nothing
    services.review_open(case=case)
    assert client.get(reverse("ehc_review_meeting", args=[case.pk])).status_code == 302
    received = services.case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                                   reason="Reading.")
    services.case_submit(case=received, user=world.parent_a)
    assert client.get(reverse("ehc_review_open", args=[received.pk])).status_code == 404


def test_after_the_familys_response_the_council_can_decide_not_to_amend(world, client_for):
    case, review = _reported(world)
    services.review_start_amendment(review=review, user=world.caseworker)
    amendment = case.plan_versions.get(status="editing")
    services.review_decide(review=review, decided_by=world.manager, decision="amend", reasons="More therapy.")
    response = client_for("manager").post(reverse("ehc_review_keep", args=[case.pk]),
                                          {"reasons": "The school already provides this."})
    assert response.status_code == 302
    review.refresh_from_db()
    amendment.refresh_from_db()
    assert (review.status, review.decision, amendment.status) == ("complete", "maintain", "superseded")
    assert services._decision_date(case, "not_to_amend") == TODAY


def test_a_planned_move_between_post16_institutions_sets_a_5_month_deadline(world, client_for):
    case = final_plan_case(world)
    child = case.child
    child.date_of_birth = dt.date(TODAY.year - 17, 1, 10)  # in post-16 education
    child.save()
    move = TODAY + dt.timedelta(days=200)
    response = client_for("caseworker").post(reverse("ehc_post16_move", args=[case.pk]), {
        "move_on_0": move.day, "move_on_1": move.month, "move_on_2": move.year})
    assert response.status_code == 302
    rows = phase_transfers(world.caseworker)
    assert [row.transfer.kind for row in rows] == ["post16_to_post16"]
    assert rows[0].transfer.deadline == deadlines.post16_transfer_deadline(move)
    past = TODAY - dt.timedelta(days=1)
    response = client_for("caseworker").post(reverse("ehc_post16_move", args=[case.pk]), {
        "move_on_0": past.day, "move_on_1": past.month, "move_on_2": past.year})
    assert response.status_code == 400


def test_each_step_of_a_tribunal_order_is_tracked_and_alternatives_drop_out(world, client_for):
    case = final_plan_case(world)
    client = client_for("caseworker")
    base = {"decision": "plan_content", "appeal_registered_on_0": TODAY.day, "appeal_registered_on_1": TODAY.month,
            "appeal_registered_on_2": TODAY.year, "appeal_outcome": "upheld", "order": "assess",
            "order_sent_on_0": TODAY.day, "order_sent_on_1": TODAY.month, "order_sent_on_2": TODAY.year}
    assert client.post(reverse("ehc_disagreement", args=[case.pk]), base).status_code == 302
    page = html.unescape(client.get(reverse("ehc_disagreement", args=[case.pk]),
                                    {"decision": "plan_content"}).content.decode())
    assert "Date done: Tell the family the council will assess" in page
    done = {"order_step_0_0": TODAY.day, "order_step_0_1": TODAY.month, "order_step_0_2": TODAY.year,
            "order_step_2_0": TODAY.day, "order_step_2_1": TODAY.month, "order_step_2_2": TODAY.year}
    assert client.post(reverse("ehc_disagreement", args=[case.pk]), {**base, **done}).status_code == 302
    case.refresh_from_db()
    rows = {row.label: row for row in case_deadlines(case) if row.label.startswith("Tribunal order")}
    assert rows["Tribunal order: Tell the family the council will assess"].met_on == TODAY
    assert rows["Tribunal order: Issue the final plan"].met_on == TODAY
    assert "Tribunal order: Tell the family if no plan will be issued" not in rows  # the other way out
    future = TODAY + dt.timedelta(days=3)
    too_late = {**base, "order_step_0_0": future.day, "order_step_0_1": future.month, "order_step_0_2": future.year}
    assert client.post(reverse("ehc_disagreement", args=[case.pk]), too_late).status_code == 400
