"""The improvement plan through its pages, the daily KPI refresh (command and Celery task) and the board pack PDF:
RAG (red, amber, green) statuses, one exception request per spell of red, optimistic locking, permissions for every
role, and small counts suppressed in the pack."""

import datetime as dt
import html
import re
import zlib
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboards import selectors_plan, services, tasks
from dashboards.models import KPI, RAG, BoardPack, ExceptionReport, ImprovementPlan, KPIReading, PlanAction, Priority
from send_portal.notifications.models import Notification
from send_portal.organisations.models import Role
from send_portal.organisations.services import membership_start
from tests import factories
from tests.conftest import ROLE_NAMES
from tests.dashboards.conftest import make_case
from tests.dashboards.targets_dashboards import PLAN_EDITORS, PLAN_READERS, improvement_plan, improvement_plan_targets

TODAY = timezone.localdate()  # the council's day, as the services count it
BOUND = "ehc-20-weeks-excluding-exceptions"


def _body(response) -> str:
    return html.unescape(response.content.decode())


def _date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _plan(world, **fields):
    return services.plan_create(council=world.council, user=world.lead, kind="partnership",
                                title=fields.pop("title", "Partnership plan"),
                                starts_on=fields.pop("starts_on", TODAY - dt.timedelta(days=100)),
                                ends_on=fields.pop("ends_on", TODAY + dt.timedelta(days=600)))


def _bound_kpi(world, priority, *, owner=None, baseline="40", target="80"):
    return services.kpi_add(priority=priority, user=world.lead, title="New plans within 20 weeks",
                            owner=owner or world.caseworker, baseline=Decimal(baseline), target=Decimal(target),
                            target_date=TODAY + dt.timedelta(days=365), indicator=BOUND)


def _plans_issued(world, *, on_time, late, issued_on=None):
    """New plans issued `issued_on` (90 days ago: inside the 12 months a bound KPI is measured over, whichever of
    the next few days it is measured on), within 20 weeks or after 25."""
    issued_on = issued_on or TODAY - dt.timedelta(days=90)
    for weeks, count in ((19, on_time), (25, late)):
        for _ in range(count):
            received = issued_on - dt.timedelta(weeks=weeks)
            make_case(child=world.child_a, council=world.council, requested_by=world.parent_a, received=received,
                      assess_on=received + dt.timedelta(weeks=5), issue_decided_on=received + dt.timedelta(weeks=14),
                      stage="final_issued", issued=[issued_on])


# --- The RAG rule -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "higher_is_better", "expected"), [
    # Higher is better: baseline 40, target 80.
    ("90", True, RAG.GREEN), ("80", True, RAG.GREEN), ("79.9", True, RAG.AMBER), ("40.1", True, RAG.AMBER),
    ("40", True, RAG.RED), ("10", True, RAG.RED),
    # Lower is better: baseline 80, target 40.
    ("30", False, RAG.GREEN), ("40", False, RAG.GREEN), ("40.1", False, RAG.AMBER), ("79.9", False, RAG.AMBER),
    ("80", False, RAG.RED), ("95", False, RAG.RED),
])
def test_kpi_rag(value, higher_is_better, expected):
    baseline, target = (Decimal(40), Decimal(80)) if higher_is_better else (Decimal(80), Decimal(40))
    assert selectors_plan.kpi_rag(value=Decimal(value), baseline=baseline, target=target,
                                  higher_is_better=higher_is_better) == expected


def test_a_priority_takes_the_worst_status_of_its_actions_and_kpis():
    assert selectors_plan.rolled_up([]) == RAG.NOT_STARTED
    assert selectors_plan.rolled_up([RAG.GREEN, RAG.NOT_STARTED]) == RAG.GREEN
    assert selectors_plan.rolled_up([RAG.GREEN, RAG.AMBER, RAG.NOT_STARTED]) == RAG.AMBER
    assert selectors_plan.rolled_up([RAG.AMBER, RAG.RED, RAG.GREEN]) == RAG.RED


# --- A red KPI asks for one exception report per spell of red -------------------------------------------------

def _exception_messages(kpi):
    return Notification.objects.filter(template="dashboards_kpi_exception", recipient_email=kpi.owner.email)


def test_a_red_kpi_asks_its_owner_for_one_exception_report_per_spell_of_red(world):
    plan = _plan(world)
    priority = services.priority_add(plan=plan, user=world.lead, title="Timeliness", owner=world.manager)
    kpi = _bound_kpi(world, priority)  # baseline 40%, target 80%
    _plans_issued(world, on_time=1, late=4)  # 20%: no better than the baseline, so red

    call_command("refresh_kpis")
    call_command("refresh_kpis")
    tasks.refresh_kpis.delay()
    kpi.refresh_from_db()
    assert (kpi.rag, kpi.value, kpi.measured_on, kpi.red_since) == (RAG.RED, Decimal("20.0"), TODAY, TODAY)
    assert ExceptionReport.objects.filter(kpi=kpi).count() == 1
    assert _exception_messages(kpi).count() == 1
    reading = kpi.readings.get()  # the same day's reading replaced, not repeated
    assert (reading.numerator, reading.denominator, reading.recorded_by) == (1, 5, None)

    _plans_issued(world, on_time=15, late=0)  # 16 of 20: 80%, the target
    call_command("refresh_kpis", today=(TODAY + dt.timedelta(days=1)).isoformat())
    kpi.refresh_from_db()
    assert (kpi.rag, kpi.value, kpi.red_since) == (RAG.GREEN, Decimal("80.0"), None)
    assert list(selectors_plan.exception_reports_waiting_for(world.caseworker)) == []

    _plans_issued(world, on_time=0, late=20)  # 16 of 40: 40%, back to the baseline
    call_command("refresh_kpis", today=(TODAY + dt.timedelta(days=2)).isoformat())
    call_command("refresh_kpis", today=(TODAY + dt.timedelta(days=2)).isoformat())
    kpi.refresh_from_db()
    assert (kpi.rag, kpi.red_since) == (RAG.RED, TODAY + dt.timedelta(days=2))
    assert list(kpi.exception_reports.order_by("red_since").values_list("red_since", flat=True)) == [
        TODAY, TODAY + dt.timedelta(days=2)]
    assert _exception_messages(kpi).count() == 2
    assert [report.red_since for report in selectors_plan.exception_reports_waiting_for(world.caseworker)] == [
        TODAY + dt.timedelta(days=2)]
    assert kpi.readings.count() == 3


def test_the_exception_request_says_what_to_do_without_any_childs_details(world, mailoutbox,
                                                                          django_capture_on_commit_callbacks):
    plan = _plan(world)
    priority = services.priority_add(plan=plan, user=world.lead, title="Timeliness", owner=world.manager)
    kpi = _bound_kpi(world, priority)
    _plans_issued(world, on_time=1, late=4)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("refresh_kpis")
    [message] = mailoutbox
    assert message.to == [world.caseworker.email]
    assert "New plans within 20 weeks" in message.body and "Partnership plan" in message.body
    assert reverse("dashboards_plan_kpi", args=[kpi.pk]) in message.body
    assert world.child_a.given_name not in message.body


def test_hand_recorded_readings_set_the_status_through_the_page(world, client_for):
    made = improvement_plan(world)  # a KPI owned by the caseworker, lower is better: baseline 100, target 50
    kpi = made["kpi"]
    url = reverse("dashboards_plan_kpi", args=[kpi.pk])
    owner = client_for("caseworker")
    page = _body(owner.get(url))
    assert "Record a reading" in page
    assert "Lower is better. Green when the figure is at or below the target of 50.0" in page

    response = owner.post(url, {"value": "75", **_date("measured_on", TODAY + dt.timedelta(days=1))})
    assert response.status_code == 400 and "must be today or in the past" in _body(response)
    assert owner.post(url, {"value": "75.55", **_date("measured_on", TODAY)}).status_code == 400
    assert kpi.readings.count() == 1

    response = owner.post(url, {"value": "75", **_date("measured_on", TODAY)})
    assert response.status_code == 302
    kpi.refresh_from_db()
    assert (kpi.rag, kpi.value, kpi.red_since) == (RAG.AMBER, Decimal("75.0"), None)  # replaced today's 120
    assert kpi.readings.get().recorded_by == world.caseworker
    # An earlier day's reading joins the history without changing today's status.
    assert owner.post(url, {"value": "40", **_date("measured_on", TODAY - dt.timedelta(days=7))}).status_code == 302
    kpi.refresh_from_db()
    assert (kpi.rag, kpi.readings.count()) == (RAG.AMBER, 2)
    # An editor may record a reading too; anyone else is refused.
    assert client_for("lead").post(url, {"value": "45", **_date("measured_on", TODAY)}).status_code == 302
    kpi.refresh_from_db()
    assert kpi.rag == RAG.GREEN
    refused = client_for("admin").post(url, {"value": "500", **_date("measured_on", TODAY)})
    assert refused.status_code == 400 and "Only the KPI's owner" in _body(refused)
    assert "Record a reading" not in _body(client_for("admin").get(url))
    kpi.refresh_from_db()
    assert kpi.value == Decimal("45.0")


def test_a_kpi_bound_to_an_indicator_has_no_readings_by_hand(world, client_for):
    plan = _plan(world)
    priority = services.priority_add(plan=plan, user=world.lead, title="Timeliness", owner=world.manager)
    kpi = _bound_kpi(world, priority)
    url = reverse("dashboards_plan_kpi", args=[kpi.pk])
    page = _body(client_for("caseworker").get(url))
    assert "Record a reading" not in page
    assert reverse("dashboards_indicator", args=[BOUND]) in page
    response = client_for("caseworker").post(url, {"value": "99", **_date("measured_on", TODAY)})
    assert response.status_code == 400 and "takes its figures from a live indicator" in _body(response)
    assert not KPIReading.objects.exists()


# --- Shaping the plan through the pages ---------------------------------------------------------------------

def test_an_editor_starts_a_plan_and_adds_a_priority_action_and_kpis(world, client_for):
    lead = client_for("lead")
    assert lead.post(reverse("dashboards_plan_new"), {}).status_code == 400
    response = lead.post(reverse("dashboards_plan_new"), {
        "kind": "wsoa", "title": "WSOA 2026", **_date("starts_on", TODAY), **_date("ends_on", TODAY)})
    assert response.status_code == 400 and "The end date must be after the start date" in _body(response)
    assert not ImprovementPlan.objects.exists()
    response = lead.post(reverse("dashboards_plan_new"), {
        "kind": "wsoa", "title": "WSOA 2026", **_date("starts_on", TODAY - dt.timedelta(days=30)),
        **_date("ends_on", TODAY + dt.timedelta(days=700))})
    plan = ImprovementPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("dashboards_plan", args=[plan.pk])
    assert (plan.council, plan.kind) == (world.council, "wsoa")

    url = reverse("dashboards_plan_priority_new", args=[plan.pk])
    page = _body(lead.get(url))
    assert world.caseworker.email in page and world.parent_a.email not in page  # owners read the dashboards
    assert lead.post(url, {"title": "Timeliness", "owner": world.parent_a.pk}).status_code == 400
    assert lead.post(url, {"title": "Timeliness", "owner": world.manager.pk}).status_code == 302
    priority = Priority.objects.get()
    assert (priority.number, priority.owner) == (1, world.manager)

    url = reverse("dashboards_plan_action_new", args=[priority.pk])
    assert lead.post(url, {"title": "Recruit", "owner": world.caseworker.pk}).status_code == 400
    assert lead.post(url, {"title": "Recruit", "owner": world.caseworker.pk, "target": "Two in post",
                           **_date("due_on", TODAY + dt.timedelta(days=90))}).status_code == 302
    assert PlanAction.objects.get().rag == RAG.NOT_STARTED

    url = reverse("dashboards_plan_kpi_new", args=[priority.pk])
    kpi_form = {"title": "Waiting list", "owner": world.caseworker.pk, "indicator": "by-hand", "baseline": "100",
                "target": "50", **_date("target_date", TODAY + dt.timedelta(days=300))}
    missing_direction = lead.post(url, kpi_form)
    assert missing_direction.status_code == 400 and "Say whether a higher figure is better" in _body(
        missing_direction)
    same = lead.post(url, {**kpi_form, "higher_is_better": "False", "target": "100"})
    assert same.status_code == 400 and "The target must differ from the baseline" in _body(same)
    assert lead.post(url, {**kpi_form, "higher_is_better": "False"}).status_code == 302
    assert lead.post(url, {**kpi_form, "title": "On time", "indicator": BOUND, "baseline": "45",
                           "target": "60"}).status_code == 302
    assert lead.post(url, {**kpi_form, "indicator": "ehc-requests-by-source"}).status_code == 400  # no direction
    by_hand, bound = KPI.objects.order_by("pk")
    assert (by_hand.indicator, by_hand.higher_is_better) == ("", False)
    assert (bound.indicator, bound.higher_is_better) == (BOUND, True)

    tracker = _body(lead.get(reverse("dashboards_plan", args=[plan.pk])))
    assert "Priority 1: Timeliness" in tracker and "1.1 Recruit" in tracker
    assert "Add an action" in tracker and "Add a KPI" in tracker and "Add a priority" in tracker
    assert "New EHC plans issued within 20 weeks, excluding exceptions" in tracker
    assert reverse("dashboards_indicator", args=[BOUND]) in tracker


def test_a_person_who_edits_two_councils_chooses_one(world, client_for):
    client = client_for("lead")
    membership_start(user=world.lead, organisation=world.other_council, role=Role.PARTNERSHIP_LEAD)
    page = _body(client.get(reverse("dashboards_plan_new")))
    assert "Otherton Council" in page and "Testshire Council" in page
    form = {"kind": "partnership", "title": "Otherton plan", **_date("starts_on", TODAY),
            **_date("ends_on", TODAY + dt.timedelta(days=100))}
    assert client.post(reverse("dashboards_plan_new"), form).status_code == 400  # no council chosen
    assert client.post(reverse("dashboards_plan_new"), {**form, "council": world.other_council.pk}).status_code == 302
    assert ImprovementPlan.objects.get().council == world.other_council


def test_the_tracker_shows_statuses_in_words_and_update_links_to_owners(world, client_for):
    made = improvement_plan(world)
    url = reverse("dashboards_plan", args=[made["plan"].pk])
    owner = _body(client_for("caseworker").get(url))
    assert '<strong class="govuk-tag govuk-tag--red">Red: off track</strong>' in owner
    assert '<strong class="govuk-tag govuk-tag--grey">Not started</strong>' in owner
    assert "Your exception reports to write" in owner
    assert reverse("dashboards_plan_exception_report", args=[made["report"].pk]) in owner
    assert reverse("dashboards_plan_action", args=[made["action"].pk]) in owner
    assert ">Update<" in owner
    assert "Add a priority" not in owner and "Add an action" not in owner
    assert "key performance indicator (KPI)" in owner and "RAG (red, amber, green)" in owner

    reader = _body(client_for("admin").get(url))
    assert "Red: off track" in reader and ">Update<" not in reader
    assert "Your exception reports to write" not in reader and "Waiting for the owner" in reader

    plans = _body(client_for("admin").get(reverse("dashboards_plans")))
    assert "Written Statement of Action" in plans
    assert "Red (off track): 1, amber (at risk): 0, green (on track): 0, not started: 0" in plans  # the KPI
    assert "Start an improvement plan" not in plans
    assert "Start an improvement plan" in _body(client_for("manager").get(reverse("dashboards_plans")))
    assert reverse("dashboards_plans") in _body(client_for("admin").get(reverse("dashboards_home")))


def test_small_counts_behind_a_kpi_are_hidden_from_people_who_see_aggregates_only(world, client_for):
    plan = _plan(world)
    priority = services.priority_add(plan=plan, user=world.lead, title="Timeliness", owner=world.manager)
    kpi = _bound_kpi(world, priority)
    _plans_issued(world, on_time=1, late=3)  # 1 of 4: 25.0%
    call_command("refresh_kpis")
    for name, shown in (("manager", True), ("caseworker", True), ("lead", False)):
        client = client_for(name)
        tracker = _body(client.get(reverse("dashboards_plan", args=[plan.pk])))
        kpi_page = _body(client.get(reverse("dashboards_plan_kpi", args=[kpi.pk])))
        assert ("25.0%" in tracker) is shown and ("25.0%" in kpi_page) is shown, name
        assert ("fewer than 5" in kpi_page) is not shown, name


# --- Updating an action --------------------------------------------------------------------------------------

def _update(client, action, *, version, rag="amber", progress="Interviews booked.", completed_on=None):
    data = {"rag": rag, "progress": progress, "expected_version": version}
    if completed_on:
        data.update(_date("completed_on", completed_on))
    return client.post(reverse("dashboards_plan_action", args=[action.pk]), data)


def test_two_people_updating_an_action_at_once_do_not_overwrite_each_other(world, client_for):
    action = improvement_plan(world)["action"]  # owned by the caseworker
    assert _update(client_for("caseworker"), action, version=1, progress="One interview booked.").status_code == 302
    # The lead opened the page before the owner's update, so still has version 1.
    response = _update(client_for("lead"), action, version=1, rag="red", progress="My stale view of things.")
    body = _body(response)
    assert response.status_code == 400
    assert "Someone else updated this action while you were writing" in body
    assert "My stale view of things." in body  # the typed text is kept
    assert "One interview booked." in body  # and the update they missed is shown
    assert 'name="expected_version" value="2"' in body  # saving again now replaces what they have seen
    action.refresh_from_db()
    assert (action.version, action.rag, action.progress) == (2, RAG.AMBER, "One interview booked.")

    assert _update(client_for("lead"), action, version=2, rag="red", progress="Both candidates withdrew."
                   ).status_code == 302
    action.refresh_from_db()
    assert (action.version, action.rag) == (3, RAG.RED)


def test_a_completed_action_must_be_green(world, client_for):
    action = improvement_plan(world)["action"]
    client = client_for("caseworker")
    response = _update(client, action, version=1, rag="amber", completed_on=TODAY)
    assert response.status_code == 400
    assert "A completed action is on track: choose green" in _body(response)
    action.refresh_from_db()
    assert (action.version, action.rag, action.completed_on, action.progress) == (1, RAG.NOT_STARTED, None, "")
    assert _update(client, action, version=1, rag="green", completed_on=TODAY).status_code == 302
    action.refresh_from_db()
    assert (action.rag, action.completed_on) == (RAG.GREEN, TODAY)


def test_only_the_owner_and_editors_update_an_action(world, client_for):
    action = improvement_plan(world)["action"]
    url = reverse("dashboards_plan_action", args=[action.pk])
    assert "Save the update" not in _body(client_for("admin").get(url))
    refused = _update(client_for("admin"), action, version=1)
    assert refused.status_code == 400 and "Only the action's owner" in _body(refused)
    assert _update(client_for("manager"), action, version=1).status_code == 302  # an editor
    action.refresh_from_db()
    assert action.version == 2


# --- Exception reports ---------------------------------------------------------------------------------------

def test_only_the_owner_writes_the_exception_report_and_it_is_complete(world, client_for):
    report = improvement_plan(world)["report"]  # the KPI is the caseworker's
    url = reverse("dashboards_plan_exception_report", args=[report.pk])
    complete = {"commentary": "Two psychologists left.", "recovery_action": "Agency cover from March.",
                **_date("recovery_by", TODAY + dt.timedelta(days=60))}

    assert "Send the exception report" not in _body(client_for("lead").get(url))
    refused = client_for("lead").post(url, complete)
    assert refused.status_code == 400 and "Only the KPI's owner can write" in _body(refused)

    owner = client_for("caseworker")
    assert "Send the exception report" in _body(owner.get(url))
    incomplete = owner.post(url, {"commentary": "Two psychologists left."})
    body = _body(incomplete)
    assert incomplete.status_code == 400 and "There is a problem" in body
    assert "Say what will be done to bring it back on track" in body
    assert "Enter the date it will be back on track" in body
    past = owner.post(url, {**complete, **_date("recovery_by", TODAY - dt.timedelta(days=1))})
    assert past.status_code == 400 and "must be today or in the future" in _body(past)
    report.refresh_from_db()
    assert (report.submitted_at, report.commentary) == (None, "")

    assert owner.post(url, complete).status_code == 302
    report.refresh_from_db()
    assert report.submitted_by == world.caseworker and report.commentary == "Two psychologists left."
    sent = _body(owner.get(url))
    assert "Send the exception report" not in sent and "Agency cover from March." in sent
    again = owner.post(url, {**complete, "commentary": "Changed my mind."})
    assert again.status_code == 400 and "already been sent" in _body(again)
    report.refresh_from_db()
    assert report.commentary == "Two psychologists left."
    assert "Agency cover from March." in _body(client_for("admin").get(url))  # read-only for other readers


# --- The board pack ------------------------------------------------------------------------------------------

def _inflated(pdf: bytes) -> bytes:
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            streams.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return pdf + b"".join(streams)


def test_the_board_pack_is_produced_by_the_worker_and_downloaded_as_a_tagged_pdf(
        world, client_for, django_capture_on_commit_callbacks):
    plan = _plan(world, title="SEND improvement plan")
    priority = services.priority_add(plan=plan, user=world.lead, title="Timeliness", owner=world.manager)
    kpi = _bound_kpi(world, priority)
    _plans_issued(world, on_time=1, late=3)  # 1 of 4 (25.0%) in the KPI's 12 months
    _plans_issued(world, on_time=2, late=1, issued_on=TODAY)  # 2 of 3 (66.7%) in this quarter
    call_command("refresh_kpis")
    report = kpi.exception_reports.get()
    services.exception_report_submit(report=report, user=world.caseworker, commentary="Capacity gap in the team.",
                                     recovery_action="Overtime agreed until March.",
                                     recovery_by=TODAY + dt.timedelta(days=90))
    quarter = selectors_plan.quarter_for(TODAY)
    url = reverse("dashboards_plan_board_packs", args=[plan.pk])

    assert "Produce the board pack" not in _body(client_for("caseworker").get(url))
    refused = client_for("caseworker").post(url, {"quarter": quarter.key})
    assert refused.status_code == 400 and "Only the council's partnership leads and managers" in _body(refused)
    lead = client_for("lead")
    assert lead.post(url, {"quarter": "2001-Q1"}).status_code == 400
    assert not BoardPack.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = lead.post(url, {"quarter": quarter.key})
    assert response.status_code == 302 and response["Location"] == url
    page = _body(lead.get(url))
    assert f"The board pack for {quarter.label} is being produced" in page
    pack = BoardPack.objects.get()
    assert pack.pdf and pack.rendered_at and pack.quarter == quarter.key
    assert "Download the board pack (PDF)" in page and "Being produced" not in page

    download = client_for("admin").get(reverse("dashboards_plan_board_pack_pdf", args=[pack.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    pdf = b"".join(download.streaming_content)
    assert pdf.startswith(b"%PDF-")
    text = _inflated(pdf)
    assert b"/StructTreeRoot" in text and b"pdfuaid" in text and b"/Lang" in text and b"/Title" in text
    assert client_for("other_caseworker").get(
        reverse("dashboards_plan_board_pack_pdf", args=[pack.pk])).status_code == 404

    pack_html = html.unescape(render_to_string("dashboards/board_pack_pdf.html",
                                               selectors_plan.board_pack_context(pack)))
    assert '<html lang="en">' in pack_html
    assert f"<title>SEND improvement plan: board pack for {quarter.label}</title>" in pack_html
    assert "Capacity gap in the team." in pack_html and "Overtime agreed until March." in pack_html
    assert "Glossary of acronyms" in pack_html
    for acronym, (expansion, _meaning) in selectors_plan.board_pack_context(pack)["glossary"]:
        assert f"<th scope=\"row\">{acronym}</th><td>{html.unescape(expansion)}</td>" in pack_html
    assert "<th scope=\"row\">RAG</th><td>red, amber, green</td>" in pack_html
    assert "<svg" in pack_html  # each indicator's chart, with its table
    # The pack goes to the whole board: small counts are suppressed, in the figures and in the KPI's value.
    assert "fewer than 5" in pack_html
    assert "66.7%" not in pack_html and "25.0%" not in pack_html
    assert world.child_a.given_name not in pack_html


def test_a_board_pack_not_produced_or_missing_from_storage_is_not_found(world, client_for):
    made = improvement_plan(world)
    pack = made["pack"]
    client = client_for("manager")
    url = reverse("dashboards_plan_board_pack_pdf", args=[pack.pk])
    assert client.get(url).status_code == 200
    BoardPack.objects.filter(pk=pack.pk).update(pdf="dashboards/board-packs/gone.pdf")
    assert client.get(url).status_code == 404
    BoardPack.objects.filter(pk=pack.pk).update(pdf="", rendered_at=None)
    assert client.get(url).status_code == 404
    assert "Being produced" in _body(client.get(reverse("dashboards_plan_board_packs", args=[made["plan"].pk])))


def test_quarters_offered_are_those_of_the_plan_that_have_begun(world):
    plan = _plan(world, starts_on=dt.date(2026, 2, 1), ends_on=dt.date(2027, 12, 31))
    keys = [quarter.key for quarter in selectors_plan.quarters_offered(plan, dt.date(2026, 8, 15))]
    assert keys == ["2026-Q3", "2026-Q2", "2026-Q1"]
    keys = [quarter.key for quarter in selectors_plan.quarters_offered(plan, dt.date(2029, 1, 1))]
    assert keys[0] == "2027-Q4" and keys[-1] == "2026-Q1"


# --- Who may reach each page -------------------------------------------------------------------------------------

def test_every_role_on_every_plan_page(world, client_for):
    from send_portal.core.access_policy import POLICY
    from tests.security.test_access_policy import _roles_of

    targets = improvement_plan_targets(world)
    assert set(targets) == {name for name in POLICY if name.startswith("dashboards_plan")}
    failures = []
    for url_name, (kwargs, _method, allowed) in targets.items():
        url = reverse(url_name, kwargs=kwargs)
        for role in ROLE_NAMES:
            if role == "anonymous":
                expected = 302
            elif not POLICY[url_name].roles & _roles_of(role):
                expected = 403
            elif allowed is not None and role not in allowed:
                expected = 404
            else:
                expected = 200
            status = client_for(role).get(url).status_code
            if status != expected:
                failures.append(f"{url_name} {role}: got {status}, expected {expected}")
    assert failures == []
    assert PLAN_EDITORS < PLAN_READERS


def test_another_councils_people_cannot_reach_this_councils_plan(world, client):
    made = improvement_plan(world)
    outsider = factories.staff_user(world.other_council, Role.LA_MANAGER)  # edits their own council's plans
    client.force_login(outsider, backend="allauth.account.auth_backends.AuthenticationBackend")
    for name, obj in (("dashboards_plan", "plan"), ("dashboards_plan_priority_new", "plan"),
                      ("dashboards_plan_board_packs", "plan"), ("dashboards_plan_action_new", "priority"),
                      ("dashboards_plan_kpi_new", "priority"), ("dashboards_plan_action", "action"),
                      ("dashboards_plan_kpi", "kpi"), ("dashboards_plan_exception_report", "report"),
                      ("dashboards_plan_board_pack_pdf", "pack")):
        url = reverse(name, args=[made[obj].pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {}).status_code == 404, name
    plans = _body(client.get(reverse("dashboards_plans")))
    assert reverse("dashboards_plan", args=[made["plan"].pk]) not in plans and "has no improvement plan" in plans
    assert client.get(reverse("dashboards_plan_new")).status_code == 200  # for their own council
    action = made["action"]
    action.refresh_from_db()
    assert action.version == 1


# --- Query count ---------------------------------------------------------------------------------------------

def _plan_with_priorities(world, count):
    plan = _plan(world, title=f"Plan with {count}")
    for number in range(count):
        priority = services.priority_add(plan=plan, user=world.lead, title=f"Priority {number}", owner=world.manager)
        for owner in (world.caseworker, world.lead):
            services.action_add(priority=priority, user=world.lead, title="An action", owner=owner, target="Done",
                                due_on=TODAY + dt.timedelta(days=30))
        kpi = services.kpi_add(priority=priority, user=world.lead, title="A KPI", owner=world.caseworker,
                               baseline=Decimal(10), target=Decimal(20), target_date=TODAY + dt.timedelta(days=30),
                               higher_is_better=True)
        services.kpi_record_reading(kpi=kpi, value=Decimal(5), measured_on=TODAY)  # red: a report is asked for
        _bound_kpi(world, priority)
    return plan


def test_the_tracker_takes_the_same_number_of_queries_for_2_or_20_priorities(
        world, client_for, django_assert_max_num_queries):
    client = client_for("caseworker")
    counts = []
    for size in (2, 20):
        plan = _plan_with_priorities(world, size)
        url = reverse("dashboards_plan", args=[plan.pk])
        client.get(url)  # warm the session and any caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert _body(response).count("Waiting for the owner") + _body(response).count("Write it now") == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # The session, the person, their roles, the plan and its access record, the tracker's four reads and the
    # readings behind its KPIs' figures, the exception reports waiting, the editor check and suppression.
    with django_assert_max_num_queries(22):
        client.get(url)


def test_the_plan_list_takes_the_same_number_of_queries_for_1_or_5_plans(world, client_for):
    client = client_for("manager")
    counts = []
    for extra in (1, 4):
        for _ in range(extra):
            _plan_with_priorities(world, 1)
        client.get(reverse("dashboards_plans"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("dashboards_plans")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]



def test_a_kpi_figure_is_hidden_when_the_plans_it_leaves_out_are_few(world, client_for):
    """40 plans in time, 0 late, and 3 more with an exception: the excluding-exceptions figure (100%) would let a
    reader subtract it from the including-exceptions one and find the 3, so it is hidden like the dashboard row."""
    plan = _plan(world)
    priority = services.priority_add(plan=plan, user=world.lead, title="Timeliness", owner=world.manager)
    kpi = services.kpi_add(priority=priority, user=world.lead, title="Excluding exceptions", owner=world.caseworker,
                           baseline=Decimal("40"), target=Decimal("80"), target_date=TODAY + dt.timedelta(days=365),
                           indicator="ehc-20-weeks-excluding-exceptions")
    _plans_issued(world, on_time=40, late=0)
    issued_on = TODAY - dt.timedelta(days=90)
    for _ in range(3):
        received = issued_on - dt.timedelta(weeks=25)
        make_case(child=world.child_a, council=world.council, requested_by=world.parent_a, received=received,
                  assess_on=received + dt.timedelta(weeks=5), issue_decided_on=received + dt.timedelta(weeks=14),
                  stage="final_issued", issued=[issued_on], exception=True)
    call_command("refresh_kpis")
    reading = kpi.readings.get()
    assert reading.value == Decimal("100.0") and reading.rests_on_small_counts
    lead_view = _body(client_for("lead").get(reverse("dashboards_plan_kpi", args=[kpi.pk])))
    assert "100.0%" not in lead_view and "fewer than 5" in lead_view
    assert "100.0%" in _body(client_for("manager").get(reverse("dashboards_plan_kpi", args=[kpi.pk])))


def test_a_board_pack_for_an_earlier_quarter_shows_the_kpis_as_they_stood_then(world):
    plan = _plan(world, starts_on=dt.date(2025, 1, 1))
    priority = services.priority_add(plan=plan, user=world.lead, title="Voice", owner=world.manager)
    kpi = services.kpi_add(priority=priority, user=world.lead, title="Listened to", owner=world.lead,
                           baseline=Decimal("40"), target=Decimal("60"), target_date=TODAY + dt.timedelta(days=365),
                           higher_is_better=True)
    services.kpi_record_reading(kpi=kpi, value=Decimal("35"), measured_on=dt.date(2025, 2, 1), user=world.lead)
    services.kpi_record_reading(kpi=kpi, value=Decimal("70"), measured_on=dt.date(2025, 5, 1), user=world.lead)
    pack = BoardPack.objects.create(plan=plan, quarter="2025-Q1", requested_by=world.lead,
                                    requested_at=timezone.now())
    context = selectors_plan.board_pack_context(pack)
    shown = context["priorities"][0].kpis.all()[0]
    assert (shown.value, shown.rag, shown.measured_on) == (Decimal("35.0"), RAG.RED, dt.date(2025, 2, 1))
    assert context["counts"]["kpis"][RAG.RED] == 1
    kpi.refresh_from_db()
    assert kpi.rag == RAG.GREEN  # the tracker itself shows today's status
