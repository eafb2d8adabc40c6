"""Panels after review: the cadence of panels that meet less than weekly, recent meetings on the list, moving
meetings when a panel's settings or the school calendar change, the admin's membership form, and the conflict and
minutes edge cases."""

import datetime as dt
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from send_portal.panels import registry, selectors
from send_portal.panels import services as panels
from send_portal.panels.models import Meeting, Panel, PanelMember

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
PAPERS = "Reads two years behind"


def _panel(world, *, weekday=None, **settings):
    """A panel with the panel-member user as chair and the caseworker as a member; no meetings yet."""
    panel = panels.panel_create(name="Assessment Panel", purpose="ehc_assessment", local_authority=world.council,
                                weekday=TODAY.weekday() if weekday is None else weekday, **settings)
    panels.panel_member_add(panel=panel, user=world.panel, role="chair", represents="Education")
    panels.panel_member_add(panel=panel, user=world.caseworker, role="member", represents="Social care")
    return panel


def _item(world, meeting, subject=None, reference="REF-1"):
    """An item added while the meeting's agenda was open (however long ago that was)."""
    return panels.agenda_add(meeting=meeting, subject=subject or world.child_a, reference=reference,
                             question="Should the council assess?", papers=PAPERS, added_by=world.panel,
                             today=meeting.date - dt.timedelta(days=10))


@pytest.fixture
def holidays(monkeypatch):
    """A school calendar the test controls: weekdays are school days unless added to the returned set."""
    days = set()
    monkeypatch.setattr(registry, "_SCHOOL_DAY_CHECKS",
                        [lambda local_authority, day: day.weekday() < 5 and day not in days])
    return days


def _dates(panel):
    return list(panel.meetings.order_by("date").values_list("date", flat=True))


def _in_step(dates, weeks):
    return all((day - dates[0]).days % (7 * weeks) == 0 for day in dates)


# 1. The cadence counts from the panel's meetings, not from the day the schedule runs.

def test_a_fortnightly_panel_stays_fortnightly_when_the_daily_schedule_runs_every_day(world):
    panel = _panel(world, weekday=(TODAY.weekday() + 3) % 7, every_weeks=2)
    for days in range(22):
        panels.meetings_schedule_all(today=TODAY + dt.timedelta(days=days))
    dates = _dates(panel)
    assert _in_step(dates, 2) and all(day.weekday() == panel.weekday for day in dates)
    assert dates[0] == TODAY + dt.timedelta(days=3)  # the first panel weekday on or after the first run
    last_run = TODAY + dt.timedelta(days=21)
    assert len([day for day in dates if day >= last_run]) == 8  # eight in the diary, none in the off weeks
    assert panels.meetings_schedule_all(today=last_run) == 0


def test_scheduling_continues_every_few_weeks_after_the_latest_meeting(world):
    panel = _panel(world, weekday=(TODAY.weekday() + 1) % 7, every_weeks=3)
    first = panels.meetings_schedule(panel=panel, count=1)[0].date
    for start in (TODAY + dt.timedelta(days=2), TODAY + dt.timedelta(days=9), TODAY + dt.timedelta(days=16)):
        panels.meetings_schedule(panel=panel, start=start, count=2)  # not "the next weekday after start"
    assert _dates(panel) == [first + dt.timedelta(weeks=weeks) for weeks in (0, 3, 6)]


def test_a_weekly_panel_still_meets_every_week(world):
    panel = _panel(world, weekday=(TODAY.weekday() + 2) % 7)
    for days in range(8):
        panels.meetings_schedule_all(today=TODAY + dt.timedelta(days=days))
    dates = _dates(panel)
    assert [(later - earlier).days for earlier, later in zip(dates, dates[1:], strict=False)] == [7] * (len(dates) - 1)


def test_a_term_time_panel_skips_a_holiday_slot_and_keeps_its_cadence(world, holidays):
    panel = _panel(world, weekday=1, every_weeks=2, term_time_only=True)
    first_tuesday = TODAY + dt.timedelta(days=(1 - TODAY.weekday()) % 7)
    holidays.add(first_tuesday + dt.timedelta(weeks=2))
    dates = [meeting.date for meeting in panels.meetings_schedule(panel=panel, count=3)]
    assert dates == [first_tuesday + dt.timedelta(weeks=weeks) for weeks in (0, 4, 6)]  # skipped, not shifted
    for days in range(1, 16):
        panels.meetings_schedule_all(today=TODAY + dt.timedelta(days=days))
    dates = _dates(panel)
    assert _in_step(dates, 2) and first_tuesday + dt.timedelta(weeks=2) not in dates
    assert first_tuesday + dt.timedelta(weeks=3) not in dates


# 2. Recent meetings stay on the list, with what is left to do.

def test_recent_meetings_are_listed_with_what_is_left_to_do_and_the_minutes(world, client_for):
    panel = _panel(world, weekday=(TODAY.weekday() - 1) % 7)
    meetings = panels.meetings_schedule(panel=panel, start=TODAY - dt.timedelta(weeks=14), count=16)
    long_ago, week_before, yesterday, upcoming = meetings[0], meetings[12], meetings[13], meetings[14]
    assert yesterday.date == TODAY - dt.timedelta(days=1)
    assert long_ago.date < TODAY - dt.timedelta(weeks=12)
    undecided = _item(world, yesterday)
    _item(world, yesterday, subject=world.child_b, reference="REF-2")
    panels.recommendation_record(item=undecided, recommendation="no", reasons="Needs met.", recorded_by=world.panel,
                                 today=yesterday.date)
    done = _item(world, week_before, reference="REF-3")
    panels.recommendation_record(item=done, recommendation="yes", reasons="Needs evidenced.",
                                 recorded_by=world.panel, today=week_before.date)
    panels.meeting_attendance_record(meeting=week_before, user=world.panel, present=panel.members.all(),
                                     today=week_before.date)
    Meeting.objects.filter(pk=week_before.pk).update(minutes_pdf="panels/minutes/week-before.pdf")

    page = html.unescape(client_for("caseworker").get(reverse("panel_meeting_list")).content.decode())
    coming, recent = page.split("Recent meetings")
    assert reverse("panel_meeting", args=[upcoming.pk]) in coming
    assert reverse("panel_meeting", args=[yesterday.pk]) not in coming  # it happened yesterday
    rows = recent.split('<tr class="govuk-table__row">')
    row_yesterday = next(row for row in rows if reverse("panel_meeting", args=[yesterday.pk]) in row)
    row_week_before = next(row for row in rows if reverse("panel_meeting", args=[week_before.pk]) in row)
    assert rows.index(row_yesterday) < rows.index(row_week_before)  # latest first
    assert "1 item not decided" in row_yesterday and "Attendance not recorded" in row_yesterday
    assert "Minutes not produced" in row_yesterday and "Download the minutes" not in row_yesterday
    assert "Complete" in row_week_before and "not decided" not in row_week_before
    assert reverse("panel_minutes", args=[week_before.pk]) in row_week_before
    assert reverse("panel_meeting", args=[long_ago.pk]) not in page  # more than 12 weeks ago


def test_the_list_takes_the_same_number_of_queries_however_many_recent_meetings(world, client_for):
    panel = _panel(world, weekday=(TODAY.weekday() - 1) % 7)
    yesterday = panels.meetings_schedule(panel=panel, start=TODAY - dt.timedelta(days=1), count=1)[0]
    _item(world, yesterday)
    client = client_for("caseworker")

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("panel_meeting_list"))
        assert response.status_code == 200
        return len(context), response.content.decode().count('<span class="govuk-visually-hidden">, ')  # rows

    queries()  # the first request fills caches (content types) that later ones reuse
    one, rows = queries()
    assert rows == 1
    earlier = panels.meetings_schedule(panel=panel, start=TODAY - dt.timedelta(weeks=4), count=4)[:-1]
    for number, meeting in enumerate(earlier):
        _item(world, meeting, reference=f"REF-{number}")
        _item(world, meeting, subject=world.child_b, reference=f"REF-B{number}")
    Meeting.objects.filter(pk=earlier[0].pk).update(minutes_pdf="panels/minutes/x.pdf")
    assert queries() == (one, 4)


def test_only_members_see_recent_meetings(world, client_for):
    panel = _panel(world, weekday=(TODAY.weekday() - 1) % 7)
    panels.meetings_schedule(panel=panel, start=TODAY - dt.timedelta(weeks=2), count=2)
    assert selectors.recent_meetings_for(world.caseworker).count() == 2
    assert "Recent meetings" not in client_for("manager").get(reverse("panel_meeting_list")).content.decode()


# 3 and 4. The admin site.

def test_an_existing_membership_cannot_be_moved_to_another_person_or_panel(world, client_for):
    panel = _panel(world)
    other = panels.panel_create(name="Plan Panel", purpose="ehc_plan", local_authority=world.council, weekday=2)
    member = panel.members.get(user=world.caseworker)
    admin = client_for("admin")
    url = reverse("admin:panels_panelmember_change", args=[member.pk])
    assert 'name="user"' not in admin.get(url).content.decode()
    response = admin.post(url, {"user": world.manager.pk, "panel": other.pk, "role": "observer",
                                "represents": "Health"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.user, member.panel, member.role) == (world.caseworker, panel, "observer")
    assert world.caseworker.groups.filter(pk=panel.group_id).exists()
    assert not world.manager.groups.filter(pk=other.group_id).exists()
    assert 'name="user"' in admin.get(reverse("admin:panels_panelmember_add")).content.decode()


def _panel_form(panel, **changes):
    fields = {name: getattr(panel, name) for name in (
        "name", "purpose", "weekday", "every_weeks", "papers_days_ahead", "agenda_closes_days_before",
        "papers_open_days_after")}
    fields.update(local_authority=panel.local_authority_id, starts_at=panel.starts_at.strftime("%H:%M"))
    if panel.term_time_only:
        fields["term_time_only"] = "on"
    if panel.is_active:
        fields["is_active"] = "on"
    fields.update(changes)
    return fields


def test_changing_the_panels_day_moves_its_empty_meetings_and_lists_those_with_items(world, client_for):
    panel = _panel(world, weekday=(TODAY.weekday() + 3) % 7)
    past = panels.meetings_schedule(panel=panel, start=TODAY - dt.timedelta(weeks=2), count=1)[0]
    future = panels.meetings_schedule(panel=panel, count=8)
    _item(world, future[1])
    admin = client_for("admin")
    url = reverse("admin:panels_panel_change", args=[panel.pk])

    response = admin.post(url, _panel_form(panel, name="EHC Assessment Panel"), follow=True)
    assert response.status_code == 200 and "have not been moved" not in response.content.decode()
    assert set(panel.meetings.values_list("pk", flat=True)) == {past.pk, *(meeting.pk for meeting in future)}

    new_weekday = (panel.weekday + 1) % 7
    response = admin.post(url, _panel_form(panel, weekday=new_weekday, starts_at="14:00"), follow=True)
    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert f"have not been moved: {future[1].date.day} {future[1].date:%B %Y} at 9am (1 item)" in text
    assert Meeting.objects.filter(pk=past.pk).exists()
    assert panel.meetings.filter(pk=future[1].pk).exists()
    others = panel.meetings.filter(date__gt=TODAY).exclude(pk=future[1].pk)
    assert others.count() == 8 and not others.filter(pk__in=[meeting.pk for meeting in future]).exists()
    assert all(m.date.weekday() == new_weekday and m.starts_at == dt.time(14) for m in others)
    assert all(world.caseworker.has_perm("panels.view_meeting", meeting) for meeting in others)


def test_settings_changed_keeps_meetings_with_items_and_returns_only_those_that_no_longer_fit(world):
    panel = _panel(world, weekday=(TODAY.weekday() + 2) % 7, every_weeks=1)
    future = panels.meetings_schedule(panel=panel, count=6)
    for number, meeting in enumerate(future[:2]):
        _item(world, meeting, reference=f"REF-{number}")
    Panel.objects.filter(pk=panel.pk).update(every_weeks=2)
    panel.refresh_from_db()
    kept = panels.panel_settings_changed(panel)
    assert kept == [future[0]]  # future[1], the latest kept, anchors the new cadence; future[0] is off it
    dates = [day for day in _dates(panel) if day > TODAY]
    assert dates[:2] == [future[0].date, future[1].date] and _in_step(dates[1:], 2) and len(dates) == 9


def test_meetings_on_days_that_become_holidays_are_dropped_unless_they_have_items(world, holidays):
    panel = _panel(world, weekday=2, term_time_only=True)
    weekly = panels.panel_create(name="All Year Panel", purpose="ehc_plan", local_authority=world.council,
                                 weekday=2)
    future = panels.meetings_schedule(panel=panel, count=8)
    all_year = panels.meetings_schedule(panel=weekly, count=8)
    _item(world, future[3])
    holidays.update({future[2].date, future[3].date})
    kept = panels.meetings_drop_non_school_days(world.council)
    assert kept == [future[3]]
    dates = _dates(panel)
    assert future[2].date not in dates and future[3].date in dates
    assert len([day for day in dates if day > TODAY and day != future[3].date]) == 8 and _in_step(dates, 1)
    assert len(_dates(weekly)) == len(all_year)  # not a term-time panel: it meets in the holidays
    assert panels.meetings_drop_non_school_days(world.council) == [future[3]]


# 5 and 6. Conflicts of interest.

def _meeting_today(world):
    panel = _panel(world)
    meeting = panels.meetings_schedule(panel=panel, count=1)[0]
    assert meeting.date == TODAY
    return panel, meeting, _item(world, meeting)


def test_a_chair_with_a_conflict_does_not_get_the_decision_form(world, client_for):
    _, meeting, item = _meeting_today(world)
    panels.conflict_declare(item=item, user=world.panel, nature="I know the family.")
    chair = client_for("panel")
    url = reverse("panel_item_recommend", args=[meeting.pk, item.pk])
    response = chair.get(url)
    assert response.status_code == 302 and response.url == reverse("panel_meeting", args=[meeting.pk])
    page = html.unescape(chair.get(response.url).content.decode())
    assert f"You declared a conflict of interest in {item.reference}" in page
    assert chair.post(url, {"recommendation": "no", "reasons": "x"}).status_code == 302
    item.refresh_from_db()
    assert item.recommendation == ""


def test_a_member_who_declared_a_conflict_left_and_came_back_still_cannot_read_the_papers(world, client_for):
    panel, meeting, item = _meeting_today(world)
    panels.conflict_declare(item=item, user=world.caseworker, nature="My neighbour.")
    panels.panel_member_remove(member=panel.members.get(user=world.caseworker))
    panels.panel_member_add(panel=panel, user=world.caseworker, role="member")
    assert PanelMember.objects.filter(panel=panel, user=world.caseworker).count() == 2
    page = html.unescape(client_for("caseworker").get(reverse("panel_meeting", args=[meeting.pk])).content.decode())
    assert "You declared a conflict of interest, so you cannot read these papers." in page
    assert PAPERS not in page
    assert PAPERS in html.unescape(client_for("panel").get(reverse("panel_meeting", args=[meeting.pk]))
                                   .content.decode())


# 7. Minutes whose file has gone.

def test_minutes_missing_from_storage_are_a_404_not_an_error(world, client_for):
    _, meeting, _ = _meeting_today(world)
    Meeting.objects.filter(pk=meeting.pk).update(minutes_pdf="panels/minutes/gone-missing.pdf")
    assert client_for("caseworker").get(reverse("panel_minutes", args=[meeting.pk])).status_code == 404
