import datetime as dt

import pytest
from django.urls import reverse

from ehc import services
from ehc.models import CaseEvent
from send_portal.panels import services as panels
from send_portal.panels.models import AgendaItem, Meeting
from send_portal.panels.selectors import meetings_for
from tests import factories
from tests.conftest import CANARY_A
from tests.targets import panel_with_meeting

pytestmark = pytest.mark.django_db


def test_meetings_follow_the_panels_schedule_and_scheduling_twice_adds_nothing(world):
    panel, meeting = panel_with_meeting(world)
    dates = [m.date for m in panels.meetings_schedule(panel=panel, count=3)]
    assert all(day.weekday() == panel.weekday for day in dates)
    assert (dates[1] - dates[0]).days == 7
    assert Meeting.objects.filter(panel=panel).count() == 3


def test_case_goes_to_panel_and_the_chair_records_a_recommendation_the_manager_sees(world, client_for):
    _, meeting = panel_with_meeting(world)
    case = services.case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                               reason="Reading.")
    services.case_submit(case=case, user=world.parent_a)
    response = client_for("caseworker").post(reverse("ehc_to_panel", args=[case.pk]), {
        "meeting": meeting.pk, "papers": f"{CANARY_A} reads at a Year 1 level in Year 3."})
    assert response.status_code == 302

    chair = client_for("panel")
    papers = chair.get(reverse("panel_meeting", args=[meeting.pk])).content.decode()
    assert "reads at a Year 1 level" in papers
    item = AgendaItem.objects.get()
    Meeting.objects.filter(pk=meeting.pk).update(date=dt.date.today())  # decisions are recorded at the meeting
    response = chair.post(reverse("panel_item_recommend", args=[meeting.pk, item.pk]),
                          {"recommendation": "yes", "reasons": "Evidence of significant need."})
    assert response.status_code == 302
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.PANEL_RECOMMENDED).exists()
    decide_page = client_for("manager").get(reverse("ehc_decide", args=[case.pk])).content.decode()
    assert "Evidence of significant need." in decide_page
    # The family's timeline says the panel met, not what its papers said.
    family = client_for("parent_a").get(reverse("ehc_case_detail", args=[case.pk])).content.decode()
    assert "Panel made its recommendation" in family and "reads at a Year 1 level" not in family


def test_papers_are_only_for_the_panels_members(world, client_for):
    _, meeting = panel_with_meeting(world)
    other = factories.staff_user(world.council, "panel_member")
    assert list(meetings_for(other)) == []
    client = client_for("anonymous")
    client.force_login(other)
    assert client.get(reverse("panel_meeting", args=[meeting.pk])).status_code == 404


def test_only_the_chair_or_clerk_records_and_only_once(world):
    panel, meeting = panel_with_meeting(world)
    panels.panel_member_add(panel=panel, user=world.manager, role="member")
    case = services.case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                               reason="Reading.")
    services.case_submit(case=case, user=world.parent_a)
    item = services.case_to_panel(case=case, meeting=meeting, papers="Papers.", added_by=world.caseworker)
    Meeting.objects.filter(pk=meeting.pk).update(date=dt.date.today())
    with pytest.raises(Exception, match="chair or clerk"):
        panels.recommendation_record(item=item, recommendation="no", reasons="x", recorded_by=world.manager)
    panels.recommendation_record(item=item, recommendation="no", reasons="Needs met.", recorded_by=world.panel)
    with pytest.raises(Exception, match="already been recorded"):
        panels.recommendation_record(item=item, recommendation="yes", reasons="x", recorded_by=world.panel)


def test_a_member_who_leaves_loses_the_papers(world):
    panel, meeting = panel_with_meeting(world)
    member = panel.members.get(user=world.panel)
    panels.panel_member_remove(member=member)
    assert list(meetings_for(type(world.panel).objects.get(pk=world.panel.pk))) == []
