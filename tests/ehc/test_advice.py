import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ehc import services
from ehc.models import AdviceStatus
from ehc.selectors import advice_timeliness_by_partner, advice_tray
from send_portal.notifications.models import Notification
from send_portal.organisations.models import AdviserSpecialism, OrganisationKind, Role
from tests import factories
from tests.conftest import CANARY_A

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessing(world):
    case = services.case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                               reason="Needs have grown.")
    services.case_submit(case=case, user=world.parent_a, received_on=timezone.localdate() - dt.timedelta(days=30))
    return services.case_decide_assessment(case=case, decided_by=world.manager, assess=True, reasons="May need a plan.")


def test_advice_cannot_be_requested_before_the_decision_to_assess(world):
    case = services.case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent", reason="x")
    services.case_submit(case=case, user=world.parent_a)
    with pytest.raises(services.MoveNotAllowed):
        services.advice_request(case=case, kind="health", organisation=world.icb, requested_by=world.caseworker)


def test_adviser_writes_saves_and_sends_advice_and_the_council_returns_then_accepts(
        world, assessing, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("caseworker").post(reverse("ehc_advice_new", args=[assessing.pk]),
                                                 {"kind": "health", "organisation": world.icb.pk})
    assert response.status_code == 302
    advice = assessing.advice_requests.get()
    assert advice.due_on == advice.requested_on + dt.timedelta(weeks=6)
    assert mail.outbox[-1].to == [world.adviser.email]
    assert CANARY_A not in mail.outbox[-1].body  # no name or need in the email

    adviser = client_for("adviser")
    assert CANARY_A in adviser.get(reverse("ehc_advice_tray")).content.decode()
    url = reverse("ehc_advice_detail", args=[advice.pk])
    adviser.post(url, {"version": 1, "advice": "Needs weekly speech therapy.", "save": "1"})
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.DRAFT and advice.submitted_on is None
    assert adviser.post(url, {"version": 1, "advice": "Stale window", "submit": "1"}).status_code == 400
    adviser.post(url, {"version": 2, "advice": "Needs weekly speech therapy.", "submit": "1"})
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.SUBMITTED and advice.submitted_on == timezone.localdate()

    review = reverse("ehc_advice_review", args=[advice.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_for("caseworker").post(review, {"reason": "How many sessions, how long, and delivered by whom?"})
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.RETURNED
    adviser = client_for("adviser")  # the test client is shared: sign the adviser back in
    assert "How many sessions" in adviser.get(url).content.decode()
    adviser.post(url, {"version": advice.version, "advice": "Weekly 45-minute therapy by a therapist for a year.",
                       "submit": "1"})
    client_for("caseworker").post(review, {"accept": "1"})
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.ACCEPTED
    timeline = client_for("parent_a").get(reverse("ehc_case_detail", args=[assessing.pk])).content.decode()
    assert "Advice received" in timeline and "Advice accepted" in timeline


def test_an_adviser_sees_only_what_they_were_asked_about(world, assessing, client_for):
    trust = factories.OrganisationFactory(name="Other Trust", kind=OrganisationKind.NHS_TRUST)
    other_adviser = factories.staff_user(trust, Role.ADVISER, specialism=AdviserSpecialism.HEALTH)
    advice = services.advice_request(case=assessing, kind="health", organisation=world.icb,
                                     requested_by=world.caseworker)
    assert list(advice_tray(other_adviser)) == []
    client = client_for("adviser")
    client.force_login(other_adviser)
    assert client.get(reverse("ehc_advice_detail", args=[advice.pk])).status_code == 404
    # Even the adviser who was asked cannot open the council's case page or the child's record.
    assert client_for("adviser").get(reverse("ehc_case_detail", args=[assessing.pk])).status_code == 403
    assert client_for("adviser").get(reverse("child_detail", args=[world.child_a.pk])).status_code == 403


@pytest.mark.parametrize(("days_until_due", "expected"), [
    (8, None), (7, services.REMINDER_WEEK_BEFORE), (3, None), (0, services.REMINDER_DUE_TODAY),
    (-1, services.REMINDER_ESCALATION), (-20, services.REMINDER_ESCALATION),
])
def test_reminder_schedule(world, assessing, days_until_due, expected):
    advice = services.advice_request(case=assessing, kind="health", organisation=world.icb,
                                     requested_by=world.caseworker)
    today = advice.due_on - dt.timedelta(days=days_until_due)
    assert services.advice_reminder_kind(advice, today) == expected


def test_reminders_go_out_once_however_often_the_job_runs(world, assessing, django_capture_on_commit_callbacks):
    world.icb.email = "icb.send@example.test"
    world.icb.save()
    assessing.caseworker = world.caseworker
    assessing.save()
    advice = services.advice_request(case=assessing, kind="health", organisation=world.icb,
                                     requested_by=world.caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        for day in (advice.due_on - dt.timedelta(days=7), advice.due_on, advice.due_on + dt.timedelta(days=1)):
            for _ in range(3):  # beat ticking repeatedly, or a retried task
                services.advice_send_due_reminders(today=day)
    sent = Notification.objects.filter(template__startswith="ehc_advice_")
    keys = list(sent.values_list("template", "recipient_email"))
    assert keys.count(("ehc_advice_reminder", world.adviser.email)) == 2   # a week before, and on the day
    assert ("ehc_advice_overdue", "icb.send@example.test") in keys           # escalation to the organisation
    assert ("ehc_advice_overdue", world.caseworker.email) in keys            # and to the caseworker
    assert len(keys) == len(set(keys)) + 1  # the two reminders to the adviser; nothing else twice


def test_no_reminders_for_advice_already_sent(world, assessing):
    advice = services.advice_request(case=assessing, kind="health", organisation=world.icb,
                                     requested_by=world.caseworker)
    services.advice_save(advice=advice, adviser=world.adviser, text="Advice.", expected_version=1, submit=True)
    assert services.advice_send_due_reminders(today=advice.due_on + dt.timedelta(days=3)) == 0


def test_the_reminder_command_and_task_call_the_same_service(world, assessing):
    from django.core.management import call_command

    from ehc.tasks import send_due_reminders

    assert send_due_reminders.delay().get() == 0
    call_command("send_due_reminders")


def test_timeliness_by_partner(world, assessing):
    on_time = services.advice_request(case=assessing, kind="health", organisation=world.icb,
                                      requested_by=world.caseworker)
    services.advice_save(advice=on_time, adviser=world.adviser, text="Advice.", expected_version=1, submit=True)
    late_org = factories.OrganisationFactory(name="Slow Trust", kind=OrganisationKind.NHS_TRUST)
    services.advice_request(case=assessing, kind="health", organisation=late_org, requested_by=world.caseworker,
                            requested_on=timezone.localdate() - dt.timedelta(weeks=7))
    rows = {row["organisation"].name: row for row in advice_timeliness_by_partner(world.caseworker)}
    assert rows["Test ICB"]["on_time"] == 1
    assert rows["Slow Trust"]["overdue"] == 1


def test_a_plan_waits_for_all_the_advice(world, assessing):
    with pytest.raises(Exception, match="Request advice before"):
        services.case_decide_issue(case=assessing, decided_by=world.manager, issue=True, reasons="Needed.")
    advice = services.advice_request(case=assessing, kind="health", organisation=world.icb,
                                     requested_by=world.caseworker)
    with pytest.raises(Exception, match="1 request still outstanding"):
        services.case_decide_issue(case=assessing, decided_by=world.manager, issue=True, reasons="Needed.")
    services.advice_save(advice=advice, adviser=world.adviser, text="Advice.", expected_version=1, submit=True)
    case = services.case_decide_issue(case=assessing, decided_by=world.manager, issue=True, reasons="Needed.")
    assert case.stage == "drafting"
    from ehc.selectors import case_deadlines

    labels = {row.label: row.status for row in case_deadlines(case)}
    assert labels["Decision whether to issue a plan"] == "Met"
    assert "Final plan" in labels


def test_not_to_issue_letter_carries_appeal_rights(world, assessing, client_for, django_capture_on_commit_callbacks):
    from ehc.deadlines import appeal_deadline
    from send_portal.core.dates import govuk_date

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("manager").post(reverse("ehc_decide_issue", args=[assessing.pk]), {
            "assess": "False", "reasons": "The school can meet the needs identified in the advice.",
            "decided_on_0": today.day, "decided_on_1": today.month, "decided_on_2": today.year})
    assert response.status_code == 302
    letter = client_for("parent_a").get(reverse("ehc_decision_letter", args=[assessing.pk])).content.decode()
    assert "Decision not to issue an education, health and care plan" in letter
    assert govuk_date(appeal_deadline(today)) in letter
    assert "The school can meet" not in mail.outbox[-1].body


def test_the_case_page_lists_required_advice_not_yet_requested(world, assessing, client_for):
    from ehc.selectors import advice_still_to_request

    assert "Preparing for adulthood advice (Year 9 and above)" not in advice_still_to_request(assessing)
    services.advice_request(case=assessing, kind="health", organisation=world.icb, requested_by=world.caseworker)
    missing = advice_still_to_request(assessing)
    assert "Health advice" not in missing and "Educational advice" in missing
    page = client_for("caseworker").get(reverse("ehc_case_detail", args=[assessing.pk])).content.decode()
    assert "has not been requested yet" in page
    world.child_a.date_of_birth = dt.date.today().replace(year=dt.date.today().year - 14)
    world.child_a.save()
    assessing.child.refresh_from_db()
    assert "Preparing for adulthood advice (Year 9 and above)" in advice_still_to_request(assessing)
