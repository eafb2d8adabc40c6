import datetime as dt
import html
import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from ehc import services
from ehc.models import CaseEvent, EHCCase, Stage
from ehc.selectors import cases_visible_to, work_tray
from tests.conftest import CANARY_A

pytestmark = pytest.mark.django_db

SCHOOL_ANSWERS = {
    "reason": "Reading age four years behind despite two years of intervention.",
    "family_views": "Alex wants to read with friends.",
    "parent_agrees": "True",
    "primary_need": "SPLD",
    "other_needs": ["SLCN"],
    "support_so_far": "Three cycles of assess, plan, do, review with daily phonics.",
    "outside_advice": "",
    "attainment": "Working towards Year 1 expectations in reading.",
}


def _submitted_case(world, user="parent_a", days_ago=10):
    case = services.case_start(requested_by=world.users[user], child=world.child_a, requester_kind="parent",
                               reason="Struggling with reading.")
    return services.case_submit(case=case, user=world.users[user],
                                received_on=timezone.localdate() - dt.timedelta(days=days_ago))


def test_senco_requests_through_draft_and_check_answers(world, client_for, django_capture_on_commit_callbacks):
    client = client_for("senco_a")
    start = client.get(reverse("ehc_request_new")).content.decode()
    assert html.unescape(start).count(CANARY_A) == 1  # only pupils at their own school are offered
    response = client.post(reverse("ehc_request_new"), {"child": world.child_a.pk})
    case = EHCCase.objects.get()
    assert response.url == reverse("ehc_request_edit", args=[case.pk])
    edit_page = client.get(response.url).content.decode()
    assert "You do not need to give them again" in edit_page  # tell it once

    # Save a half-finished draft and come back to it.
    saved = client.post(response.url, {"version": case.version, "reason": "Reading.", "save_draft": "1"})
    assert saved.url == reverse("ehc_case_list")
    case.refresh_from_db()
    assert case.stage == Stage.DRAFT and case.reason == "Reading."
    check = client.get(reverse("ehc_request_check", args=[case.pk])).content.decode()
    assert "Describe the support the school has already given" in check
    assert "Send the request" not in check
    assert client.post(reverse("ehc_request_check", args=[case.pk])).status_code == 400

    client.post(response.url, {"version": case.version, **SCHOOL_ANSWERS})
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reverse("ehc_request_check", args=[case.pk]))
    assert sent.url == reverse("ehc_case_detail", args=[case.pk])
    case.refresh_from_db()
    assert case.stage == Stage.RECEIVED and case.received_on == timezone.localdate()
    assert case.other_needs == ["SLCN"]
    # The family hears, with the reference and the deadline but none of the content.
    assert [message.to for message in mail.outbox] == [[world.parent_a.email]]
    assert case.reference in mail.outbox[0].body
    assert "Reading age" not in mail.outbox[0].body and CANARY_A not in mail.outbox[0].body


def test_two_windows_cannot_silently_overwrite_a_draft(world, client_for):
    case = services.case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent")
    client = client_for("parent_a")
    url = reverse("ehc_request_edit", args=[case.pk])
    client.post(url, {"version": 1, "reason": "First window", "save_draft": "1"})
    stale = client.post(url, {"version": 1, "reason": "Second window", "save_draft": "1"})
    assert stale.status_code == 400
    assert "changed in another window" in stale.content.decode()
    case.refresh_from_db()
    assert case.reason == "First window"


def test_drafts_are_private_to_their_author(world):
    case = services.case_start(requested_by=world.senco_a, child=world.child_a, requester_kind="school",
                               requesting_setting=world.school_a)
    assert case in cases_visible_to(world.senco_a)
    for other in ("parent_a", "caseworker", "manager"):
        assert case not in cases_visible_to(world.users[other])


@pytest.mark.parametrize(("role", "sees"), [
    ("parent_a", True), ("senco_a", True), ("caseworker", True), ("manager", True),
    ("parent_b", False), ("senco_b", False), ("other_caseworker", False), ("adviser", False), ("panel", False),
    ("provider", False), ("lead", False), ("admin", False), ("young_person", False),
])
def test_who_sees_a_submitted_case(world, client_for, role, sees):
    case = _submitted_case(world)
    assert (case in cases_visible_to(world.users[role])) is sees
    response = client_for(role).get(reverse("ehc_case_detail", args=[case.pk]))
    assert response.status_code in ((200,) if sees else (403, 404))


def test_triage_then_refusal_gives_reasons_appeal_rights_and_deadline(world, client_for,
                                                                       django_capture_on_commit_callbacks):
    case = _submitted_case(world)
    caseworker = client_for("caseworker")
    today = timezone.localdate()
    date = {"_0": str(today.day), "_1": str(today.month), "_2": str(today.year)}
    fields = {f"{name}{suffix}": value for name in ("health_told_on", "social_care_told_on", "head_teacher_told_on",
                                                    "family_consulted_on") for suffix, value in date.items()}
    response = caseworker.post(reverse("ehc_triage", args=[case.pk]), {"caseworker": world.caseworker.pk, **fields})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.CONSIDERING and case.caseworker == world.caseworker
    assert case.notices.count() == 3

    # A caseworker cannot decide; the manager can.
    assert caseworker.get(reverse("ehc_decide", args=[case.pk])).status_code in (403, 404)
    manager = client_for("manager")
    with django_capture_on_commit_callbacks(execute=True):
        decided = manager.post(reverse("ehc_decide", args=[case.pk]), {
            "assess": "False", "reasons": "Needs can be met through SEN support with the changes below.",
            **{f"decided_on{suffix}": value for suffix, value in date.items()}})
    assert decided.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.NOT_ASSESSING

    from ehc.deadlines import appeal_deadline
    from send_portal.core.dates import govuk_date

    letter = client_for("parent_a").get(reverse("ehc_decision_letter", args=[case.pk])).content.decode()
    assert "Needs can be met through SEN support" in letter
    assert govuk_date(appeal_deadline(today)) in letter
    assert "Mediation" in letter and "SENDIASS" in letter
    timeline = client_for("parent_a").get(reverse("ehc_case_detail", args=[case.pk])).content.decode()
    assert "Council decided not to carry out an assessment" in timeline
    assert "Needs can be met" not in mail.outbox[-1].body


def test_the_same_decision_twice_moves_the_case_once(world):
    case = _submitted_case(world)
    services.case_decide_assessment(case=case, decided_by=world.manager, assess=True, reasons="May need a plan.")
    with pytest.raises(services.MoveNotAllowed, match="cannot move"):
        services.case_decide_assessment(case=case, decided_by=world.manager, assess=False, reasons="Changed mind.")
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.DECIDED_TO_ASSESS).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_managers_pressing_decide_at_once_cause_one_decision(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers anyway")
    case = _submitted_case(world)
    results = []

    def decide():
        from django.db import connection as thread_connection

        try:
            services.case_decide_assessment(case=case, decided_by=world.manager, assess=True, reasons="Yes.")
            results.append("moved")
        except services.MoveNotAllowed:
            results.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=decide) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["moved", "refused"]
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.DECIDED_TO_ASSESS).count() == 1


def test_exception_is_recorded_against_its_time_limit_and_the_family_told(world, client_for,
                                                                          django_capture_on_commit_callbacks):
    case = _submitted_case(world)
    today = timezone.localdate()
    date = {"_0": str(today.day), "_1": str(today.month), "_2": str(today.year)}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("caseworker").post(reverse("ehc_exception_new", args=[case.pk]), {
            "time_limit": "decision_to_assess", "ground": "10_4_d", "reason": "Family abroad for six weeks.",
            **{f"starts_on{k}": v for k, v in date.items()}, **{f"family_told_on{k}": v for k, v in date.items()}})
    assert response.status_code == 302
    page = client_for("parent_a").get(reverse("ehc_case_detail", args=[case.pk])).content.decode()
    assert "An exception applies" in page
    assert "abroad" not in mail.outbox[-1].body
    assert [row[0] for row in work_tray(world.caseworker, with_exceptions=True)] == [case]


def test_missed_appointment_is_only_an_exception_for_advice(world, client_for):
    case = _submitted_case(world)
    today = timezone.localdate()
    date = {"_0": str(today.day), "_1": str(today.month), "_2": str(today.year)}
    response = client_for("caseworker").post(reverse("ehc_exception_new", args=[case.pk]), {
        "time_limit": "final_plan", "ground": "8_2", "reason": "Missed.",
        **{f"starts_on{k}": v for k, v in date.items()}, **{f"family_told_on{k}": v for k, v in date.items()}})
    assert response.status_code == 400
    assert "only an exception to the time limit for advice" in response.content.decode()


def test_work_tray_puts_the_soonest_deadline_first_and_filters_overdue(world):
    recent = _submitted_case(world, days_ago=2)
    overdue = _submitted_case(world, days_ago=50)
    rows = work_tray(world.caseworker)
    assert [case for case, _ in rows] == [overdue, recent]
    assert rows[0][1].status == "Overdue"
    assert [case for case, _ in work_tray(world.caseworker, overdue=True)] == [overdue]
    assert work_tray(world.other_caseworker) == []
    assert work_tray(world.senco_a) == []


def test_a_family_request_needs_no_evidence(world):
    case = services.case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                               reason="Not making progress.")
    assert services.request_problems(case) == []


def test_a_school_cannot_send_without_the_familys_agreement(world):
    case = services.case_start(requested_by=world.senco_a, child=world.child_a, requester_kind="school",
                               requesting_setting=world.school_a, reason="x", primary_need="MLD",
                               support_so_far="y", parent_agrees=False)
    assert "A school can only send a request when the family agrees to it" in services.request_problems(case)


def test_timeliness_is_reported_including_and_excluding_exceptions(world):
    from ehc.selectors import timeliness

    on_time = _submitted_case(world, days_ago=20)
    services.case_decide_assessment(case=on_time, decided_by=world.manager, assess=True, reasons="Yes.")
    late = _submitted_case(world, days_ago=60)
    services.exception_record(case=late, recorded_by=world.caseworker, time_limit="decision_to_assess",
                              ground="10_4_c", starts_on=late.received_on, ends_on=None, reason="Bereavement.",
                              family_told_on=late.received_on)
    services.case_decide_assessment(case=late, decided_by=world.manager, assess=True, reasons="Yes.")
    row = timeliness(world.caseworker)[0]
    assert (row["on_time"], row["count"], row["including"]) == (1, 2, "50%")
    assert (row["on_time_excluding"], row["count_excluding"], row["excluding"]) == (1, 1, "100%")
    assert timeliness(world.other_caseworker)[0]["count"] == 0


def test_a_professional_brings_a_child_to_attention_and_the_clock_starts_today(world, client_for):
    from tests.helpers import confirm

    client = client_for("adviser")
    url = reverse("ehc_bring_to_attention")
    check = client.post(url, {
        "given_name": "Robin", "family_name": "Hood", "date_of_birth_0": "4", "date_of_birth_1": "5",
        "date_of_birth_2": "2019", "sex": "U", "home_local_authority": world.council.pk, "current_setting": "",
        "reason": "Not speaking at nursery and not responding to their name.", "family_knows": "True"})
    assert check.status_code == 200 and "Check your answers" in check.content.decode()
    sent = confirm(client, url, check)
    case = EHCCase.objects.get(requester_kind="professional")
    assert sent.url == reverse("ehc_attention_sent", args=[case.pk])
    assert case.reference in client.get(sent.url).content.decode()
    assert client_for("provider").get(sent.url).status_code == 404
    client = client_for("adviser")
    assert case.stage == Stage.RECEIVED and case.received_on == timezone.localdate()
    assert case in work_tray(world.caseworker)[0]
    # The professional does not get the record.
    assert case not in cases_visible_to(world.adviser)
    assert client.get(reverse("child_detail", args=[case.child.pk])).status_code in (403, 404)


@pytest.mark.parametrize(("role", "kind"), [("senco_a", "school"), ("parent_b", "parent"),
                                          ("young_person", "young_person")])
def test_a_request_for_someone_not_yet_on_the_register(world, client_for, role, kind):
    from tests.helpers import confirm

    client = client_for(role)
    url = reverse("ehc_request_new_child")
    answers = {"given_name": "Kit", "family_name": "Newcomer", "date_of_birth_0": "2", "date_of_birth_1": "2",
               "date_of_birth_2": "2016", "sex": "U", "home_local_authority": world.council.pk,
               "current_setting": world.school_a.pk if role == "senco_a" else ""}
    check = client.post(url, answers)
    assert check.status_code == 200, check.content.decode()[:2000]
    done = confirm(client, url, check)
    case = EHCCase.objects.get(child__family_name="Newcomer")
    assert done.url == reverse("ehc_request_edit", args=[case.pk])
    assert case.requester_kind == kind and case.stage == Stage.DRAFT
    assert case in cases_visible_to(world.users[role])  # a draft: only its author sees it
    if role != "senco_a":
        assert case.child.family_links.get().user == world.users[role]
    # The council sees the new child on its register.
    from send_portal.people.selectors import children_visible_to

    assert case.child in children_visible_to(world.caseworker)


def test_a_senco_can_only_name_their_own_school_for_a_new_child(world, client_for):
    response = client_for("senco_a").post(reverse("ehc_request_new_child"), {
        "given_name": "Kit", "family_name": "Newcomer", "date_of_birth_0": "2", "date_of_birth_1": "2",
        "date_of_birth_2": "2016", "sex": "U", "home_local_authority": world.council.pk,
        "current_setting": world.school_b.pk})
    assert response.status_code == 400


def test_the_work_tray_makes_the_same_number_of_queries_however_many_cases(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            work_tray(world.caseworker)
        return len(captured)

    for _ in range(2):
        _submitted_case(world)
    queries()  # warm caches (content types, permissions) that are looked up once per process
    few = queries()
    for _ in range(4):
        _submitted_case(world)
    assert queries() == few


def test_a_draft_never_sent_cannot_be_withdrawn(world):
    draft = services.case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                                reason="Reading.")
    with pytest.raises(services.MoveNotAllowed):
        services.case_withdraw(case=draft, user=world.parent_a)
    draft.refresh_from_db()
    assert draft.stage == "draft" and draft.closed_on is None
