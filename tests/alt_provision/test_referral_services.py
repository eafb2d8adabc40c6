"""Referrals to the alternative provision panel through their services: the five checks, triage, the decision
choices and what each decision does, follow-ups, and the panel rules they rely on (agenda lock, papers window,
conflicts of interest)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from alt_provision import services
from alt_provision.models import PanelReferral
from alt_provision.selectors import referral_missing, referral_papers, working_days_after
from send_portal.panels import selectors as panel_selectors
from send_portal.panels import services as panels
from send_portal.panels.models import AgendaItem, Meeting
from tests.targets import ap_panel, complete_referral_answers

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _refer(world, **overrides):
    return services.referral_submit(child=world.child_a, referrer=world.school_a, referred_by=world.senco_a,
                                    **complete_referral_answers(**overrides))


@pytest.mark.parametrize("overrides, missing", [
    ({}, []),
    ({"parent_consent_signed_on": None}, ["consent"]),
    ({"parent_consent_signed_by": ""}, ["consent"]),
    ({"child_views": " "}, ["views"]),
    ({"parent_views": ""}, ["views"]),
    ({"risk_assessment_on": None}, ["risk"]),
    ({"risk_assessment_on": TODAY - dt.timedelta(days=91)}, []),
    ({"risk_assessment_on": TODAY - dt.timedelta(days=92)}, ["risk"]),
    ({"risk_assessment_summary": ""}, ["risk"]),
    ({"interventions": ""}, ["interventions"]),
    ({"lead_professional": ""}, ["lead"]),
    ({"lead_professional_contact": ""}, ["lead"]),
    ({"parent_consent_signed_on": None, "interventions": "", "lead_professional": ""},
     ["consent", "interventions", "lead"]),
])
def test_the_five_checks(overrides, missing):
    referral = PanelReferral(**complete_referral_answers(**overrides))
    assert referral_missing(referral, TODAY) == missing


def test_an_incomplete_referral_goes_back_with_what_is_missing_and_five_working_days(
        world, django_capture_on_commit_callbacks):
    ap_panel(world)
    with django_capture_on_commit_callbacks(execute=True):
        referral = _refer(world, interventions="", child_views="")
    assert referral.status == PanelReferral.Status.INCOMPLETE
    assert referral.missing == ["views", "interventions"]
    assert referral.respond_by == working_days_after(TODAY, 5)
    message = mail.outbox[-1]
    assert message.to == [world.senco_a.email] and "interventions tried" in message.body
    assert "Alpha" not in message.subject and world.child_a.given_name not in message.body

    with django_capture_on_commit_callbacks(execute=True):
        services.referral_update(referral=referral, **complete_referral_answers())
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.SUBMITTED and referral.missing == []
    assert mail.outbox[-1].to == [world.panel.email]


def test_no_panel_no_referral(world):
    with pytest.raises(ValidationError, match="no alternative provision panel"):
        _refer(world)
    assert not PanelReferral.objects.exists()


def test_future_dates_are_refused(world):
    ap_panel(world)
    with pytest.raises(ValidationError):
        _refer(world, parent_consent_signed_on=TODAY + dt.timedelta(days=1))


def test_the_clerk_puts_it_on_the_next_open_agenda_and_the_agenda_locks(world):
    panel = ap_panel(world, agenda_closes_days_before=2)
    referral = _refer(world)
    first = Meeting.objects.filter(panel=panel).order_by("date").first()
    expected = first if first.agenda_closes_on >= TODAY else Meeting.objects.filter(panel=panel).order_by(
        "date")[1]
    services.referral_triage(referral=referral, clerk=world.panel, outcome="agenda")
    item = AgendaItem.objects.get()
    assert item.meeting == expected
    assert world.child_a.given_name not in item.papers and "Mentor twice a week" in item.papers
    with pytest.raises(ValidationError, match="locked"):
        panels.agenda_add(meeting=expected, subject=referral, reference="x", question="q", papers="p",
                          added_by=world.panel, today=expected.agenda_closes_on + dt.timedelta(days=1))


def test_only_the_clerk_triages(world):
    ap_panel(world)
    referral = _refer(world)
    with pytest.raises(ValidationError, match="clerk"):
        services.referral_triage(referral=referral, clerk=world.manager, outcome="agenda")


def test_signposting_and_returning(world):
    ap_panel(world)
    referral = _refer(world)
    with pytest.raises(ValidationError):
        services.referral_triage(referral=referral, clerk=world.panel, outcome="signpost")
    services.referral_triage(referral=referral, clerk=world.panel, outcome="return", missing=["consent"],
                             note="The consent form is not signed.")
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.RETURNED and referral.respond_by
    services.referral_update(referral=referral, **complete_referral_answers())
    services.referral_triage(referral=referral, clerk=world.panel, outcome="signpost",
                             signposted_to="The early help team")
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.SIGNPOSTED


def _on_agenda(world, **panel_settings):
    panel = ap_panel(world, **panel_settings)
    referral = _refer(world)
    services.referral_triage(referral=referral, clerk=world.panel, outcome="agenda")
    item = AgendaItem.objects.get(object_id=referral.pk)
    Meeting.objects.filter(pk=item.meeting_id).update(date=TODAY)  # the meeting day arrives
    item.refresh_from_db()
    return panel, referral, item


def test_approval_records_the_tier_and_schedules_a_follow_up(world):
    panel, referral, item = _on_agenda(world)
    choices = dict(services.referral_decision_options(item))
    assert "yes:2" in choices and "more_info" in choices
    panels.recommendation_record(item=item, recommendation="yes:2", reasons="Needs a fresh start.",
                                 recorded_by=world.manager)
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.APPROVED and referral.approved_tier == "2"
    assert referral.follow_up_on == TODAY + dt.timedelta(weeks=6)
    assert services.referral_follow_ups_schedule(today=referral.follow_up_on - dt.timedelta(days=30)) == 0
    assert services.referral_follow_ups_schedule(today=referral.follow_up_on - dt.timedelta(days=10)) == 1
    assert services.referral_follow_ups_schedule(today=referral.follow_up_on - dt.timedelta(days=9)) == 0
    follow_up = AgendaItem.objects.exclude(pk=item.pk).get()
    assert follow_up.meeting.date >= referral.follow_up_on
    assert "No placement has started yet" in follow_up.papers


def test_decisions_cannot_be_recorded_before_the_meeting_or_by_a_member(world):
    panel = ap_panel(world)
    referral = _refer(world)
    services.referral_triage(referral=referral, clerk=world.panel, outcome="agenda")
    item = AgendaItem.objects.get()
    with pytest.raises(ValidationError, match="at or after the meeting"):
        panels.recommendation_record(item=item, recommendation="no", reasons="x", recorded_by=world.manager,
                                     today=item.meeting.date - dt.timedelta(days=1))
    panels.panel_member_add(panel=panel, user=world.caseworker, role="observer")
    with pytest.raises(ValidationError, match="chair or clerk"):
        panels.recommendation_record(item=item, recommendation="no", reasons="x", recorded_by=world.caseworker,
                                     today=item.meeting.date)
    with pytest.raises(ValidationError, match="Choose"):
        panels.recommendation_record(item=item, recommendation="yes", reasons="x", recorded_by=world.manager,
                                     today=item.meeting.date)


def test_defer_moves_it_to_the_next_meeting_and_more_info_sends_it_back(world):
    _, referral, item = _on_agenda(world)
    panels.recommendation_record(item=item, recommendation="defer", reasons="Waiting for the health report.",
                                 recorded_by=world.manager)
    later = AgendaItem.objects.exclude(pk=item.pk).get()
    assert later.meeting.date > item.meeting.date and later.recommendation == ""
    Meeting.objects.filter(pk=later.meeting_id).update(date=TODAY + dt.timedelta(days=1))
    later.refresh_from_db()
    panels.recommendation_record(item=later, recommendation="more_info", reasons="Send the attendance record.",
                                 recorded_by=world.manager, today=later.meeting.date)
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.RETURNED
    assert referral.returned_note == "Send the attendance record." and referral.respond_by


def test_a_conflicted_member_cannot_read_the_papers_or_record(world):
    panel, referral, item = _on_agenda(world)
    panels.conflict_declare(item=item, user=world.manager, nature="I know the family.")
    assert not panel_selectors.can_read_papers(world.manager, item)
    assert panel_selectors.can_read_papers(world.panel, item)
    with pytest.raises(ValidationError, match="conflict of interest"):
        panels.recommendation_record(item=item, recommendation="no", reasons="x", recorded_by=world.manager)


def test_papers_open_from_the_papers_date_until_the_window_after_the_decision_closes(world):
    panel, referral, item = _on_agenda(world, papers_days_ahead=7, papers_open_days_after=14)
    panels.panel_member_add(panel=panel, user=world.caseworker, role="member")
    meeting = item.meeting
    assert not panel_selectors.can_read_papers(world.caseworker, item, today=meeting.date - dt.timedelta(days=8))
    assert panel_selectors.can_read_papers(world.caseworker, item, today=meeting.date - dt.timedelta(days=7))
    assert panel_selectors.can_read_papers(world.panel, item, today=meeting.date - dt.timedelta(days=30))
    panels.recommendation_record(item=item, recommendation="no", reasons="Needs can be met in school.",
                                 recorded_by=world.manager)
    item.refresh_from_db()
    assert panel_selectors.can_read_papers(world.caseworker, item, today=TODAY + dt.timedelta(days=14))
    assert not panel_selectors.can_read_papers(world.caseworker, item, today=TODAY + dt.timedelta(days=15))
    assert not panel_selectors.can_read_papers(world.panel, item, today=TODAY + dt.timedelta(days=15))


def test_term_time_panels_skip_the_holidays(world):
    from alt_provision.services import school_holiday_add

    monday = TODAY + dt.timedelta(days=7 - TODAY.weekday())
    school_holiday_add(local_authority=world.council, name="Half term", starts_on=monday,
                       ends_on=monday + dt.timedelta(days=4))
    panel = panels.panel_create(name="AP", purpose="alternative_provision", local_authority=world.council,
                                weekday=1, term_time_only=True)
    dates = [meeting.date for meeting in panels.meetings_schedule(panel=panel, start=monday, count=3)]
    assert monday + dt.timedelta(days=1) not in dates and len(dates) == 3
    assert all(day.weekday() == 1 for day in dates)


def test_the_daily_jobs_run_as_commands_and_as_celery_tasks(world):
    from django.core.management import call_command

    from alt_provision.referral_tasks import check_panel_referrals
    from send_portal.panels.tasks import schedule_meetings

    panel = ap_panel(world)
    before = panel.meetings.count()
    call_command("schedule_panel_meetings", "--today", (TODAY + dt.timedelta(weeks=6)).isoformat())
    assert panel.meetings.count() > before
    schedule_meetings.apply().get()
    assert schedule_meetings.apply().get() == 0  # running again adds nothing twice
    referral = _refer(world)
    services.referral_triage(referral=referral, clerk=world.panel, outcome="agenda")
    item = AgendaItem.objects.get()
    Meeting.objects.filter(pk=item.meeting_id).update(date=TODAY)
    item.refresh_from_db()
    panels.recommendation_record(item=item, recommendation="yes:3", reasons="Agreed.", recorded_by=world.manager)
    call_command("check_panel_referrals", "--today", (TODAY + dt.timedelta(weeks=5)).isoformat())
    assert AgendaItem.objects.count() == 2
    assert check_panel_referrals.apply().get() == {"follow_ups": 0, "overdue": 0}
    with pytest.raises(Exception, match="--today"):
        call_command("check_panel_referrals", "--today", "soon")


def test_a_conflicted_chair_cannot_add_actions_and_attendance_waits_for_the_meeting(world):
    panel = ap_panel(world)
    referral = _refer(world)
    services.referral_triage(referral=referral, clerk=world.panel, outcome="agenda")
    item = AgendaItem.objects.get()
    with pytest.raises(ValidationError, match="on or after the meeting"):
        panels.meeting_attendance_record(meeting=item.meeting, user=world.panel, present=panel.members.all(),
                                         today=item.meeting.date - dt.timedelta(days=1))
    panels.conflict_declare(item=item, user=world.manager, nature="My niece.")
    with pytest.raises(ValidationError, match="conflict of interest"):
        panels.action_add(item=item, description="Call the school.", owner=world.panel,
                          due_on=TODAY + dt.timedelta(days=3), created_by=world.manager)
    assert panels.action_add(item=item, description="Call the school.", owner=world.manager,
                             due_on=TODAY + dt.timedelta(days=3), created_by=world.panel).owner == world.manager


def test_the_papers_name_nobody_who_signed(world):
    ap_panel(world)
    referral = _refer(world, parent_consent_signed_by="Mother")
    papers = referral_papers(referral)
    assert "Mother" not in papers and "Signed parent consent: given on" in papers


def test_one_failing_follow_up_does_not_stop_the_others(world, monkeypatch):
    _, referral, item = _on_agenda(world)
    panels.recommendation_record(item=item, recommendation="yes:2", reasons="Agreed.", recorded_by=world.manager)
    referral.refresh_from_db()
    other = services.referral_submit(child=world.child_b, referrer=world.school_b, referred_by=world.senco_b,
                                     **complete_referral_answers())
    PanelReferral.objects.filter(pk=other.pk).update(status=PanelReferral.Status.APPROVED, approved_tier="1",
                                                     follow_up_on=referral.follow_up_on)
    real = panels.agenda_add_next

    def fail_for_the_first(**kwargs):
        if kwargs["subject"].pk == referral.pk:
            raise ValidationError("No meeting in the diary.")
        return real(**kwargs)

    monkeypatch.setattr(panels, "agenda_add_next", fail_for_the_first)
    assert services.referral_follow_ups_schedule(today=referral.follow_up_on - dt.timedelta(days=7)) == 1
    other.refresh_from_db()
    referral.refresh_from_db()
    assert other.follow_up_on_agenda and not referral.follow_up_on_agenda


def test_a_follow_up_that_finds_the_placement_failing_brings_its_review_forward_and_comes_back(world):
    from alt_provision.services import placement_start

    _, referral, item = _on_agenda(world)
    panels.recommendation_record(item=item, recommendation="yes:2", reasons="Agreed.", recorded_by=world.manager)
    referral.refresh_from_db()
    placement = placement_start(
        child=world.child_a, home_school=world.school_a, commissioner=world.school_a, created_by=world.senco_a,
        tier="2", starts_on=TODAY, hours_per_week=15, days="MO,TU", weekly_cost=300, objectives="Attend.",
        reintegration_plan="Back to school.", named_contact="Pat", next_review_on=TODAY + dt.timedelta(weeks=6),
        provider_name="Riverside Mentoring")
    from alt_provision.models import PlacementRequirement
    from tests.alt_provision.targets_commissioning import commissioning_lot

    requirement = PlacementRequirement.objects.create(
        child=world.child_a, commissioner=world.school_a, created_by=world.senco_a, lot=commissioning_lot(),
        needs_summary="Small groups.", area="Town", start_on=TODAY, hours_per_week=15, days="MO,TU",
        objectives="Attend.", tier="2", reintegration_aim="Back.", budget=300)
    placement.requirement = requirement
    placement.save()
    services.referral_requirement_link(referral=referral, requirement=requirement)
    assert services.referral_follow_ups_schedule(today=referral.follow_up_on - dt.timedelta(days=7)) == 1
    follow_up = AgendaItem.objects.get(kind="ap_follow_up")
    assert "The placement started on" in follow_up.papers
    Meeting.objects.filter(pk=follow_up.meeting_id).update(date=TODAY - dt.timedelta(days=1))
    follow_up.refresh_from_db()
    panels.recommendation_record(item=follow_up, recommendation="no", reasons="Attendance has fallen.",
                                 recorded_by=world.manager)
    placement.refresh_from_db()
    referral.refresh_from_db()
    assert placement.next_review_on == working_days_after(TODAY, 5)
    assert referral.follow_up_on == TODAY - dt.timedelta(days=1) + dt.timedelta(weeks=6)
    assert not referral.follow_up_on_agenda


def test_overdue_answers_are_chased_once(world, django_capture_on_commit_callbacks):
    ap_panel(world)
    referral = _refer(world, interventions="")
    PanelReferral.objects.filter(pk=referral.pk).update(respond_by=TODAY - dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        assert services.referral_answers_overdue_check(today=TODAY) == 1
        services.referral_answers_overdue_check(today=TODAY)
    assert sorted(message.to[0] for message in mail.outbox) == [world.panel.email, world.senco_a.email]


def test_a_new_school_holiday_clears_empty_term_time_meetings_from_it(world):
    from alt_provision.services import school_holiday_add

    panel = ap_panel(world, term_time_only=True)
    meeting = panel.meetings.order_by("date").last()
    school_holiday_add(local_authority=world.council, name="Closure", starts_on=meeting.date,
                       ends_on=meeting.date)
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert not panel.meetings.filter(date=meeting.date).exists()
