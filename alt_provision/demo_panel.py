"""Demo data for the weekly alternative provision panel: Tuesdays at 9am in term time, with a chair, a clerk and
members, and next Tuesday's meeting with three referrals on the agenda; a fourth referral went back to its school
because it is missing a current risk assessment. Safe to run again: it finds what exists and adds what is
missing."""

import datetime as dt

from django.utils import timezone

from send_portal.panels.models import Panel
from send_portal.panels.services import meetings_schedule, panel_create, panel_member_add

from .models import PanelReferral
from .services import referral_submit, referral_triage

TUESDAY = 1


def _answers(today: dt.date, **overrides) -> dict:
    return {
        "requested_tier": "2",
        "parent_consent_signed_on": today - dt.timedelta(days=4), "parent_consent_signed_by": "Mother",
        "child_views": "I want somewhere smaller where people listen.",
        "parent_views": "We want a fresh start and a plan back to school.",
        "risk_assessment_on": today - dt.timedelta(days=12),
        "risk_assessment_summary": "Low risk to others; leaves lessons when overwhelmed. Plan agreed with family.",
        "interventions": "Pastoral support plan for a term, a mentor twice a week and a reduced timetable for "
                         "three weeks. Fewer incidents, but still missing most afternoons.",
        "lead_professional": "School SENCO", "lead_professional_contact": "senco@ashfordvale.example",
        **overrides,
    }


def _panel(world) -> Panel:
    panel = Panel.objects.filter(local_authority=world["council"],
                                 purpose=Panel.Purpose.ALTERNATIVE_PROVISION).first()
    if panel is None:
        panel = panel_create(name="Alternative Provision Panel", purpose=Panel.Purpose.ALTERNATIVE_PROVISION,
                             local_authority=world["council"], weekday=TUESDAY, starts_at=dt.time(9, 0),
                             term_time_only=True, papers_days_ahead=7, agenda_closes_days_before=2)
        panel_member_add(panel=panel, user=world["manager"], role="chair", represents="SEND and inclusion service")
        panel_member_add(panel=panel, user=world["panel"], role="clerk", represents="Council")
        panel_member_add(panel=panel, user=world["caseworker"], role="member", represents="Inclusion officers")
        panel_member_add(panel=panel, user=world["adviser"], role="observer",
                         represents="Educational psychology")
    return panel


def seed_panel(world, stdout):
    today = timezone.localdate()
    panel = _panel(world)
    meetings = meetings_schedule(panel=panel, start=today + dt.timedelta(days=1), count=8)
    if PanelReferral.objects.filter(panel=panel).exists() or not meetings:
        return
    next_meeting = meetings[0]
    children = world["children"]
    referrals = [
        referral_submit(child=children["noah"], referrer=world["schools"]["Ashford Vale Primary School"],
                        referred_by=world["senco"], reason=PanelReferral.Reason.PERMANENT_EXCLUSION,
                        summary="Permanently excluded this week after a serious incident. Needs full-time "
                                "education from the sixth school day and a plan for a new school.",
                        today=today, **_answers(today, requested_tier="3")),
        referral_submit(child=children["leo"], referrer=world["council"], referred_by=world["caseworker"],
                        reason=PanelReferral.Reason.AT_RISK,
                        summary="Three suspensions this term. The school asks for a time-limited placement to "
                                "avoid a permanent exclusion.",
                        today=today, **_answers(today)),
        referral_submit(child=children["jamie"], referrer=world["council"], referred_by=world["caseworker"],
                        reason=PanelReferral.Reason.AT_RISK,
                        summary="Struggling in class since moving school. The school asks for targeted "
                                "support in school for six weeks.",
                        today=today, **_answers(today, requested_tier="1")),
    ]
    for referral in referrals:
        # The demo's referrals reached the clerk before next week's agenda locked.
        referral_triage(referral=referral, clerk=world["panel"], outcome="agenda",
                        today=min(today, next_meeting.agenda_closes_on))
    referral_submit(child=children["amara"], referrer=world["schools"]["Ashford Vale Primary School"],
                    referred_by=world["senco"], reason=PanelReferral.Reason.HEALTH,
                    summary="Long absences for a health condition; the school asks for tuition at home while "
                            "she recovers.",
                    today=today, **_answers(today, risk_assessment_on=None, risk_assessment_summary="",
                                            requested_tier="2"))
    stdout.write(f"Alternative provision panel: meeting on {next_meeting.date:%A %d %B} with "
                 f"{next_meeting.items.count()} referrals on the agenda, and one sent back as incomplete.")
