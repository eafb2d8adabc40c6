"""The panel pages through the test client: who reads the papers and when, conflicts of interest, decisions with
each app's own choices, actions, and the minutes as a PDF that only the panel's members can download."""

import datetime as dt
import html

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alt_provision import services as ap
from send_portal.panels import selectors
from send_portal.panels import services as panels
from send_portal.panels.models import Action, AgendaItem, Meeting
from tests import factories
from tests.conftest import CANARY_A
from tests.targets import ap_panel, complete_referral_answers

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
PAPERS = "Mentor twice a week"  # from the referral's interventions, which become the item's papers


def _ap_item(world, *, meeting_today=True, **panel_settings):
    """An alternative provision referral on the panel's agenda. The panel user is the clerk, the manager chairs,
    and the caseworker observes."""
    panel = ap_panel(world, **panel_settings)
    referral = ap.referral_submit(child=world.child_a, referrer=world.school_a, referred_by=world.senco_a,
                                  **complete_referral_answers())
    ap.referral_triage(referral=referral, clerk=world.panel, outcome="agenda")
    item = AgendaItem.objects.get(object_id=referral.pk)
    if meeting_today:
        Meeting.objects.filter(pk=item.meeting_id).update(date=TODAY)
        item.refresh_from_db()
    panels.panel_member_add(panel=panel, user=world.caseworker, role="observer", represents="Education")
    return panel, item


def _page(client, meeting):
    response = client.get(reverse("panel_meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _record(client, item, recommendation="no", reasons="Needs can be met in school."):
    return client.post(reverse("panel_item_recommend", args=[item.meeting_id, item.pk]),
                       {"recommendation": recommendation, "reasons": reasons})


def test_the_meeting_page_shows_when_where_and_the_panels_rules(world, client_for):
    panel, item = _ap_item(world, starts_at=dt.time(14, 30), papers_days_ahead=5, agenda_closes_days_before=3,
                           papers_open_days_after=10)
    Meeting.objects.filter(pk=item.meeting_id).update(location="Room 4, County Hall", starts_at=dt.time(14, 30))
    page = _page(client_for("manager"), item.meeting)
    assert f"{TODAY.day} {TODAY:%B %Y} at 2:30pm, Room 4, County Hall" in page
    assert "5 days before the meeting" in page and "for 10 days after its decision" in page
    assert "The agenda is locked." in page  # the meeting is today, past the cut-off
    assert item.reference in page and item.question in page


def test_an_observer_reads_the_papers_but_cannot_record(world, client_for):
    _, item = _ap_item(world)
    observer = client_for("caseworker")
    page = _page(observer, item.meeting)
    assert PAPERS in page
    assert "Record the decision" not in page and "Add an action" not in page
    assert "Declare a conflict of interest" in page  # observers declare interests like everyone else

    response = _record(observer, item)
    assert response.status_code == 302 and response.url == reverse("panel_meeting", args=[item.meeting_id])
    assert observer.get(reverse("panel_item_action_new", args=[item.meeting_id, item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.recommendation == "" and not item.recorded_by


def test_the_chair_records_a_decision_from_the_apps_own_choices_and_its_label_is_shown(world, client_for):
    _, item = _ap_item(world)
    chair = client_for("manager")
    page = _page(chair, item.meeting)
    assert "Record the decision" in page and "Add an action" in page
    form = html.unescape(chair.get(reverse("panel_item_recommend", args=[item.meeting_id, item.pk])).content.decode())
    label = dict(selectors.decision_choices(item))["yes:2"]
    assert 'value="yes:2"' in form and label in form
    assert 'value="yes"' not in form  # a bare "yes" is not one of the alternative provision panel's choices

    invalid = _record(chair, item, recommendation="yes")
    assert invalid.status_code == 400 and "Choose one of the decisions listed" in html.unescape(
        invalid.content.decode())
    assert _record(chair, item, recommendation="yes:2", reasons="Needs a fresh start.").status_code == 302
    item.refresh_from_db()
    assert (item.recommendation, item.detail) == ("yes", "2")
    page = _page(client_for("caseworker"), item.meeting)
    assert label == "Approve a placement. Tier 2: time-limited placement" and label in page
    assert "Needs a fresh start." in page and str(world.manager) in page
    assert "Declare a conflict of interest" not in page  # decided: too late to declare


def test_recording_before_the_meeting_day_is_a_clear_error(world, client_for):
    _, item = _ap_item(world, meeting_today=False)
    assert item.meeting.date > TODAY
    chair = client_for("manager")
    page = _page(chair, item.meeting)
    assert "Record the decision" not in page
    assert f"You can record the decision from {item.meeting.date.day} {item.meeting.date:%B %Y}" in page
    response = _record(chair, item)
    assert response.status_code == 400
    assert "Record the panel's decision at or after the meeting on" in html.unescape(response.content.decode())
    item.refresh_from_db()
    assert item.recommendation == ""


def test_a_conflicted_member_cannot_read_the_papers_and_everyone_sees_the_declaration(world, client_for):
    _, item = _ap_item(world)
    chair = client_for("manager")
    url = reverse("panel_item_conflict", args=[item.meeting_id, item.pk])
    assert chair.get(url).status_code == 200
    empty = chair.post(url, {"nature": " "})
    assert empty.status_code == 400 and "Say what the conflict of interest is" in html.unescape(
        empty.content.decode())
    assert chair.post(url, {"nature": "I know the family."}).status_code == 302

    page = _page(chair, item.meeting)
    assert "You declared a conflict of interest, so you cannot read these papers." in page
    assert PAPERS not in page
    assert "Record the decision" not in page and "Add an action" not in page
    assert "Declare a conflict of interest" not in page
    response = _record(chair, item)  # a conflicted chair does not get the form: back to the meeting
    assert response.status_code == 302 and response.url == reverse("panel_meeting", args=[item.meeting_id])
    item.refresh_from_db()
    assert item.recommendation == ""

    clerk_page = _page(client_for("panel"), item.meeting)
    assert PAPERS in clerk_page and f"{world.manager}: I know the family." in clerk_page
    assert "I know the family." in _page(client_for("caseworker"), item.meeting)


def test_papers_are_hidden_before_the_papers_date_except_from_the_clerk(world, client_for):
    panel, item = _ap_item(world, papers_days_ahead=7)
    far = panels.meetings_schedule(panel=panel, start=TODAY + dt.timedelta(days=60), count=1)[0]
    AgendaItem.objects.filter(pk=item.pk).update(meeting=far)
    page = _page(client_for("caseworker"), far)
    assert PAPERS not in page
    assert f"The papers will be available from {far.papers_from.day} {far.papers_from:%B %Y}." in page
    assert PAPERS in _page(client_for("panel"), far)


def test_papers_close_after_the_window_following_the_decision(world, client_for):
    _, item = _ap_item(world, papers_open_days_after=14)
    assert _record(client_for("manager"), item, reasons="Needs can be met in school.").status_code == 302
    assert PAPERS in _page(client_for("caseworker"), item.meeting)
    AgendaItem.objects.filter(pk=item.pk).update(recorded_at=timezone.now() - dt.timedelta(days=15))
    for who in ("caseworker", "panel"):
        page = _page(client_for(who), item.meeting)
        assert PAPERS not in page and "The papers closed on" in page
        assert "Needs can be met in school." in page  # the decision and its reasons stay


def _due(day):
    return {"due_on_0": str(day.day), "due_on_1": str(day.month), "due_on_2": str(day.year)}


def test_the_chair_adds_an_action_and_its_owner_marks_it_done(world, client_for):
    _, item = _ap_item(world)
    chair = client_for("manager")
    url = reverse("panel_item_action_new", args=[item.meeting_id, item.pk])
    form = chair.get(url).content.decode()
    assert f'value="{world.panel.pk}"' in form and f'value="{world.caseworker.pk}"' in form

    past = chair.post(url, {"description": "Ask for the attendance record.", "owner": world.panel.pk,
                            **_due(TODAY - dt.timedelta(days=1))})
    assert past.status_code == 400 and "today or in the future" in html.unescape(past.content.decode())
    missing = chair.post(url, {"description": "", "owner": "", **_due(TODAY)})
    text = html.unescape(missing.content.decode())
    assert missing.status_code == 400 and "Say what needs to be done" in text and "Choose who will do it" in text
    stranger = factories.staff_user(world.council, "panel_member")
    not_a_member = chair.post(url, {"description": "x", "owner": stranger.pk, **_due(TODAY)})
    assert not_a_member.status_code == 400
    due = TODAY + dt.timedelta(days=10)
    assert chair.post(url, {"description": "Ask for the attendance record.", "owner": world.panel.pk,
                            **_due(due)}).status_code == 302
    action = Action.objects.get()
    assert (action.owner, action.due_on, action.created_by) == (world.panel, due, world.manager)

    observer = client_for("caseworker")
    page = _page(observer, item.meeting)
    assert "Ask for the attendance record." in page and "Mark as done" not in page
    done_url = reverse("panel_action_done", args=[item.meeting_id, action.pk])
    assert observer.post(done_url).status_code == 302
    action.refresh_from_db()
    assert action.done_at is None

    owner = client_for("panel")
    listing = html.unescape(owner.get(reverse("panel_meeting_list")).content.decode())
    assert "Your actions" in listing and "Ask for the attendance record." in listing
    assert "Mark as done" in _page(owner, item.meeting)
    confirm = owner.get(done_url)
    assert confirm.status_code == 200 and "Mark this action as done?" in confirm.content.decode()
    assert owner.post(done_url).status_code == 302
    action.refresh_from_db()
    assert action.done_at is not None
    assert "Your actions" not in owner.get(reverse("panel_meeting_list")).content.decode()
    assert "Mark as done" not in _page(owner, item.meeting)


def test_minutes_are_produced_once_everything_is_decided_and_only_members_download_them(
        world, client_for, django_capture_on_commit_callbacks):
    panel, item = _ap_item(world)
    member = factories.staff_user(world.council, "panel_member", full_name="Morgan Member")
    panels.panel_member_add(panel=panel, user=member, role="member", represents="Health")
    panels.conflict_declare(item=item, user=member, nature="I work with the referring school.")
    chair = client_for("manager")
    minutes_url = reverse("panel_minutes", args=[item.meeting_id])

    assert "Produce the minutes (PDF)" not in _page(chair, item.meeting)
    early = chair.post(minutes_url)
    assert early.status_code == 400 and "Record a decision on every item" in html.unescape(early.content.decode())
    assert chair.get(minutes_url).status_code == 404  # not produced yet

    assert _record(chair, item, recommendation="yes:2", reasons="Needs a fresh start.").status_code == 302
    panels.action_add(item=item, description="Find a tier 2 place.", owner=world.panel,
                      due_on=TODAY + dt.timedelta(days=14), created_by=world.manager)
    assert "Produce the minutes (PDF)" not in _page(chair, item.meeting)  # who attended is not recorded yet
    assert "once who attended has been recorded" in _page(chair, item.meeting)
    refused = chair.post(minutes_url)
    assert refused.status_code == 400 and "Record who attended" in html.unescape(refused.content.decode())
    attendance_url = reverse("panel_meeting_attendance", args=[item.meeting_id])
    assert chair.post(attendance_url, {}).status_code == 400
    manager_member = panel.members.get(user=world.manager)
    assert chair.post(attendance_url, {"present": [manager_member.pk, 999999]}).status_code == 400
    assert chair.post(attendance_url, {"present": [manager_member.pk]}).status_code == 302
    assert list(Meeting.objects.get(pk=item.meeting_id).present.all()) == [manager_member]
    assert "Produce the minutes (PDF)" in _page(chair, item.meeting)
    assert "Produce the minutes (PDF)" not in _page(client_for("caseworker"), item.meeting)
    observer_post = client_for("caseworker").post(minutes_url)
    assert observer_post.status_code == 400
    assert "Only the panel's chair or clerk" in html.unescape(observer_post.content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("manager").post(minutes_url)
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=item.meeting_id)
    assert meeting.minutes_pdf and meeting.minutes_rendered_at
    assert "Download the minutes (PDF)" in _page(client_for("caseworker"), meeting)

    download = client_for("caseworker").get(minutes_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    outsider = client_for("anonymous")
    outsider.force_login(factories.staff_user(world.council, "panel_member"))
    assert outsider.get(minutes_url).status_code == 404
    assert outsider.post(minutes_url).status_code == 404

    minutes = html.unescape(render_to_string("panels/minutes_pdf.html", selectors.minutes_context(meeting)))
    assert 'lang="en"' in minutes and "http" not in minutes  # self-contained: the renderer fetches nothing
    for expected in (item.reference, "Approve a placement. Tier 2: time-limited placement", "Needs a fresh start.",
                     "Find a tier 2 place.", "Morgan Member", "Health", "I work with the referring school."):
        assert expected in minutes
    present, absent = minutes.split("Members not present")
    assert world.manager.full_name in present and "Morgan Member" in absent
    assert PAPERS not in minutes and CANARY_A not in minutes and world.child_a.family_name not in minutes
