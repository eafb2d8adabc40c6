"""EHC cases at the stages built so far, some for each demo family."""

import datetime as dt

from django.utils import timezone

from .models import AdviceKind, EHCCase, ExceptionGround, Stage, TimeLimit
from .services import (
    advice_accept,
    advice_request,
    advice_save,
    case_assign_caseworker,
    case_decide_assessment,
    case_decide_issue,
    case_start,
    case_submit,
    case_to_panel,
    case_triage,
    consultation_answer,
    consultation_send,
    disagreement_save,
    exception_record,
    plan_issue_final,
    plan_render_pdf,
    plan_save_need,
    plan_save_outcome,
    plan_save_provision,
    plan_serve,
    plan_start,
    plan_update_text,
)


def _days_ago(days):
    return timezone.localdate() - dt.timedelta(days=days)


def _case(world, child_key, requester_key, kind, received_days_ago, **answers):
    child = world["children"][child_key]
    requester = world[requester_key]
    existing = EHCCase.objects.filter(child=child, requested_by=requester).first()
    if existing:
        return existing, False
    setting = child.current_setting if kind == "school" else None
    case = case_start(requested_by=requester, child=child, requester_kind=kind, requesting_setting=setting,
                      **answers)
    if received_days_ago is not None:
        case = case_submit(case=case, user=requester, received_on=_days_ago(received_days_ago))
    return case, True


def seed(world, stdout):
    school = {"parent_agrees": True, "primary_need": "SPLD", "other_needs": ["SLCN"],
              "support_so_far": "Three assess, plan, do, review cycles with daily phonics and a reading recovery "
                                "programme; small gains.",
              "attainment": "Reading age 5 years 2 months at age 7 years 6 months.",
              "reason": "Progress in reading and writing remains very slow despite targeted support."}
    _case(world, "amara", "senco", "school", 3, **school)                         # new request
    jamie, created = _case(world, "jamie", "parent2", "parent", 24,              # awaiting a decision
                           reason="Jamie is anxious about school and is not making progress in maths.")
    meeting = _assessment_panel_meeting(world)
    if created:
        case_to_panel(case=jamie, meeting=meeting, added_by=world["caseworker"],
                      papers="Jamie (Year 5) has high anxiety about school and attends 70% of sessions. Maths is two "
                             "years behind despite small-group teaching for three terms. The school has had advice "
                             "from the educational psychology service and a mental health support team.")
        case_assign_caseworker(case=jamie, caseworker=world["caseworker"], assigned_by=world["manager"])
        case_triage(case=jamie, user=world["caseworker"], family_consulted_on=_days_ago(20),
                    notices={"health": (world["icb"], _days_ago(22)), "social_care": (world["social_care"],
                             _days_ago(22)), "head_teacher": (jamie.child.current_setting, _days_ago(22))})
    leo, created = _case(world, "leo", "parent", "parent", 80,                   # gathering advice, one overdue
                         reason="Leo's needs have grown since moving to secondary school.")
    if created:
        case_assign_caseworker(case=leo, caseworker=world["caseworker"], assigned_by=world["manager"])
        case_decide_assessment(case=leo, decided_by=world["manager"], assess=True, decided_on=_days_ago(50),
                               reasons="Leo has significant needs that may require provision through a plan.")
        advice_request(case=leo, kind=AdviceKind.HEALTH, organisation=world["icb"], requested_by=world["caseworker"],
                       requested_on=_days_ago(48))                                # overdue by 6 days
        advice_request(case=leo, kind=AdviceKind.PSYCHOLOGY, organisation=world["ep_service"],
                       requested_by=world["caseworker"], requested_on=_days_ago(38))  # due in 4 days
        advice_request(case=leo, kind=AdviceKind.EDUCATION, organisation=leo.child.current_setting,
                       requested_by=world["caseworker"], requested_on=_days_ago(10))
        family_advice = advice_request(case=leo, kind=AdviceKind.SOCIAL_CARE, organisation=world["social_care"],
                                       requested_by=world["caseworker"], requested_on=_days_ago(45))
        advice_save(advice=family_advice, adviser=world["caseworker"], expected_version=1, submit=True,
                    text="Leo is not known to children's social care and has no social care needs at present.")
        exception_record(case=leo, recorded_by=world["caseworker"], time_limit=TimeLimit.FINAL_PLAN,
                         ground=ExceptionGround.ABSENT_FROM_AREA, starts_on=_days_ago(20), ends_on=_days_ago(-10),
                         reason="The family is abroad for a family emergency for six weeks.",
                         family_told_on=_days_ago(19))
    ruby, created = _case(world, "ruby", "parent2", "parent", 50,                # refused, can appeal
                          reason="Ruby has delayed speech.")
    if created:
        case_decide_assessment(case=ruby, decided_by=world["manager"], assess=False, decided_on=_days_ago(12),
                               reasons="Ruby's nursery can meet her needs with the speech and language therapy "
                                       "advice it already has. We will review this with the nursery in a term.")
        disagreement_save(case=ruby, decision="not_to_assess", recorded_by=world["caseworker"],
                          mediation_adviser_contacted_on=_days_ago(8), certificate_on=_days_ago(5),
                          mediation_outcome="not_wanted")
    riley, created = _case(world, "riley", "parent2", "parent", 110,              # draft plan with the family
                           reason="Riley's needs at college have changed and she needs more support to live "
                                  "independently.")
    if created:
        _riley_draft_plan(world, riley)
        consultation_send(case=riley, setting=riley.child.current_setting, sent_by=world["caseworker"],
                          sent_on=_days_ago(2))
    noah, created = _case(world, "noah", "senco", "school", 150, **school)       # final plan issued
    if created:
        _noah_final_plan(world, noah)
    _case(world, "sam", "youngperson", "young_person", None,                     # a draft the young person is writing
          reason="I need help at college with planning and organising.")
    stdout.write(f"EHC cases: {EHCCase.objects.exclude(stage=Stage.DRAFT).count()} sent, "
                 f"{EHCCase.objects.filter(stage=Stage.DRAFT).count()} drafts.")


def _riley_draft_plan(world, case):
    case_assign_caseworker(case=case, caseworker=world["caseworker"], assigned_by=world["manager"])
    case_decide_assessment(case=case, decided_by=world["manager"], assess=True, decided_on=_days_ago(75),
                           reasons="Riley has complex needs that may require provision through a plan.")
    advice = advice_request(case=case, kind=AdviceKind.PSYCHOLOGY, organisation=world["ep_service"],
                            requested_by=world["caseworker"], requested_on=_days_ago(74))
    advice_save(advice=advice, adviser=world["adviser"], expected_version=1, submit=True,
                text="Riley learns best with visual timetables and needs explicit teaching of travel and money skills.")
    advice_accept(advice=advice, accepted_by=world["caseworker"])
    case_decide_issue(case=case, decided_by=world["manager"], issue=True, decided_on=_days_ago(20),
                      reasons="The assessment shows Riley needs provision that her college cannot make alone.")
    version = plan_start(case=case, user=world["caseworker"])
    plan_update_text(version=version, expected_revision=1,
                     views_interests_aspirations="Riley loves animals and wants to work at the city farm. Her "
                                                 "family want her to travel on her own and make friends at college.",
                     personal_budget="")
    need = plan_save_need(version=version, expected_revision=2, section="B",
                          text="Riley has a severe learning difficulty and needs structure to plan her day.")
    work = plan_save_outcome(version=version, expected_revision=3, needs=[need], preparing_for_adulthood=True,
                             text="By July, Riley completes a weekly placement at the city farm with one prompt.")
    travel = plan_save_outcome(version=version, expected_revision=4, needs=[need], preparing_for_adulthood=True,
                               text="By December, Riley travels by bus from home to college on her own.")
    plan_save_provision(version=version, expected_revision=5, section="F", needs=[need], outcomes=[work, travel],
                        what="Travel training on the route from home to college, with a visual route card.",
                        who="A trained independent travel trainer", how_often="2 sessions of 1 hour a week",
                        how_long="Until Riley travels independently, for up to one term")
    plan_serve(version=version, user=world["caseworker"], served_on=_days_ago(4))


def _noah_final_plan(world, case):
    case_decide_assessment(case=case, decided_by=world["manager"], assess=True, decided_on=_days_ago(110),
                           reasons="Noah's reading has not improved despite three cycles of support.")
    advice = advice_request(case=case, kind=AdviceKind.PSYCHOLOGY, organisation=world["ep_service"],
                            requested_by=world["caseworker"], requested_on=_days_ago(108))
    advice_save(advice=advice, adviser=world["adviser"], expected_version=1, submit=True,
                text="Noah has a specific learning difficulty affecting decoding; he needs daily structured phonics.")
    case_decide_issue(case=case, decided_by=world["manager"], issue=True, decided_on=_days_ago(60),
                      reasons="Noah needs provision his school cannot make from its own resources.")
    version = plan_start(case=case, user=world["caseworker"])
    need = plan_save_need(version=version, expected_revision=1, section="B",
                          text="Noah has a specific learning difficulty that affects reading and spelling.")
    outcome = plan_save_outcome(version=version, expected_revision=2, needs=[need], preparing_for_adulthood=False,
                                text="By the end of Year 4, Noah reads a Year 3 book aloud with 90% accuracy.")
    plan_save_provision(version=version, expected_revision=3, section="F", needs=[need], outcomes=[outcome],
                        what="Structured synthetic phonics programme, one to one.",
                        who="A teaching assistant trained in the programme",
                        how_often="5 sessions of 20 minutes a week", how_long="Until the next annual review")
    plan_serve(version=version, user=world["caseworker"], served_on=_days_ago(45))
    consultation = consultation_send(case=case, setting=case.child.current_setting, sent_by=world["caseworker"],
                                     sent_on=_days_ago(28))
    consultation_answer(consultation=consultation, answered_by=world["senco"], agree=True)
    final = plan_issue_final(case=case, issued_by=world["manager"], placement=case.child.current_setting,
                             issued_on=_days_ago(10))
    plan_render_pdf(version=final)


def _assessment_panel_meeting(world):
    from send_portal.panels.models import Panel
    from send_portal.panels.services import meetings_schedule, panel_create, panel_member_add

    panel = Panel.objects.filter(name="EHC Assessment Panel", local_authority=world["council"]).first()
    if panel is None:
        panel = panel_create(name="EHC Assessment Panel", purpose=Panel.Purpose.EHC_ASSESSMENT,
                             local_authority=world["council"], weekday=3)
        panel_member_add(panel=panel, user=world["panel"], role="chair", represents="Education")
        panel_member_add(panel=panel, user=world["manager"], role="member", represents="SEND service")
        panel_member_add(panel=panel, user=world["adviser"], role="member", represents="Educational psychology")
    return meetings_schedule(panel=panel, count=8)[0]
