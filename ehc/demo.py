"""EHC cases at the stages built so far, some for each demo family."""

import datetime as dt
from decimal import Decimal

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
    _living_plans(world)
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
    _final_plan(world, case, issued_days_ago=10, need="Noah has a specific learning difficulty that affects reading "
                                                     "and spelling.",
                outcome="By the end of Year 4, Noah reads a Year 3 book aloud with 90% accuracy.",
                provision=("Structured synthetic phonics programme, one to one.",
                           "A teaching assistant trained in the programme", "5 sessions of 20 minutes a week"))


def _final_plan(world, case, *, issued_days_ago, need, outcome, provision, pfa=False):
    """Take a received request through assessment to a final plan issued `issued_days_ago` days ago, with each
    step on a lawful date before it."""
    first_name = case.child.given_name
    case_decide_assessment(case=case, decided_by=world["manager"], assess=True,
                           decided_on=_days_ago(issued_days_ago + 100),
                           reasons=f"{first_name}'s needs may require provision through a plan.")
    advice = advice_request(case=case, kind=AdviceKind.PSYCHOLOGY, organisation=world["ep_service"],
                            requested_by=world["caseworker"], requested_on=_days_ago(issued_days_ago + 98))
    advice_save(advice=advice, adviser=world["adviser"], expected_version=1, submit=True,
                text=f"{first_name} needs daily, structured teaching in small steps with frequent review.")
    case_decide_issue(case=case, decided_by=world["manager"], issue=True, decided_on=_days_ago(issued_days_ago + 50),
                      reasons=f"{first_name} needs provision the school cannot make from its own resources.")
    version = plan_start(case=case, user=world["caseworker"])
    need_item = plan_save_need(version=version, expected_revision=1, section="B", text=need)
    outcome_item = plan_save_outcome(version=version, expected_revision=2, needs=[need_item],
                                     preparing_for_adulthood=pfa, text=outcome)
    what, who, how_often = provision
    plan_save_provision(version=version, expected_revision=3, section="F", needs=[need_item], outcomes=[outcome_item],
                        what=what, who=who, how_often=how_often, how_long="Until the next annual review")
    plan_serve(version=version, user=world["caseworker"], served_on=_days_ago(issued_days_ago + 35))
    consultation = consultation_send(case=case, setting=case.child.current_setting, sent_by=world["caseworker"],
                                     sent_on=_days_ago(issued_days_ago + 28))
    consultation_answer(consultation=consultation, answered_by=world["senco"], agree=True)
    final = plan_issue_final(case=case, issued_by=world["manager"], placement=case.child.current_setting,
                             issued_on=_days_ago(issued_days_ago))
    plan_render_pdf(version=final)
    return final


def _plan_child(world, key, given, family, born, setting_name, parent_key):
    from send_portal.people.models import Child, Relationship
    from send_portal.people.services import child_register, family_link_create

    child = Child.objects.filter(given_name=given, family_name=family).first()
    if child is None:
        child = child_register(created_by=world["caseworker"], home_local_authority=world["council"],
                               current_setting=world["schools"][setting_name], given_name=given, family_name=family,
                               date_of_birth=born, postcode="EX5 3NP")
        family_link_create(child=child, user=world[parent_key], relationship=Relationship.MOTHER,
                           has_parental_responsibility=True, created_by=world["caseworker"])
    world["children"][key] = child
    return child


def _year_born(nc_year: int) -> dt.date:
    """A birthday that puts a child in national curriculum year `nc_year` today."""
    from send_portal.people.schoolyear import school_year_start

    return dt.date(school_year_start(timezone.localdate()) - nc_year - 4, 3, 10)


def _living_plans(world):
    """Maintained plans at every point of the review cycle, and children moving phase this school year."""
    from .services import (
        contribution_submit,
        personal_budget_decide,
        personal_budget_request,
        review_arrange,
        review_decide,
        review_open,
        review_record_meeting,
        review_start_amendment,
    )

    plans = [
        # key, name, NC year, school, family, plan issued days ago
        ("maya", "Maya", "Hughes", 6, "Ashford Vale Primary School", "parent", 330),   # Year 6, review arranged
        ("oliver", "Oliver", "Bennett", 11, "Ashford Vale Academy", "parent2", 380),   # Year 11, review overdue
        ("isla", "Isla", "Turner", 3, "Ashford Vale Primary School", "parent2", 500),  # last review complete
        ("ethan", "Ethan", "Price", 8, "Ashford Vale Academy", "parent", 420),         # amendment with the family
        ("grace", "Grace", "Lee", 13, "Ashford Vale Academy", "parent2", 900),         # ceasing: needs met
    ]
    cases = {}
    for key, given, family, year, school, parent, issued in plans:
        child = _plan_child(world, key, given, family, _year_born(year), school, parent)
        case, created = _case(world, key, parent, "parent", issued + 140,
                              reason=f"{given} is not making progress despite support at school.")
        if created:
            _final_plan(world, case, issued_days_ago=issued,
                        need=f"{given} has a moderate learning difficulty and finds new vocabulary hard to retain.",
                        outcome=f"By the next review, {given} uses 20 new subject words correctly in class.",
                        provision=("Pre-teaching of subject vocabulary in a small group.",
                                   "A teaching assistant, planned with the class teacher",
                                   "3 sessions of 20 minutes a week"), pfa=year >= 9)
        cases[key] = (case, created, child)

    maya, created, _ = cases["maya"]
    if created:
        review = review_open(case=maya)
        review = review_arrange(review=review, arranged_by=world["senco"], meeting_on=_days_ago(-20),
                                meeting_details="9.30am in the Year 6 classroom, Ashford Vale Primary School")
        health = review.contributions.get(party="health")
        contribution_submit(contribution=health, submitted_by=world["adviser"],
                            advice="Maya's hearing was tested in September and is normal. No health provision needed.")

    isla, created, _ = cases["isla"]
    if created:
        review = _held_review(world, isla, meeting_days_ago=150, review_open=review_open,
                              review_arrange=review_arrange, review_record_meeting=review_record_meeting)
        review_decide(review=review, decided_by=world["manager"], decision="maintain", decided_on=_days_ago(130),
                      reasons="Isla is making good progress and the provision in her plan is still right.")

    ethan, created, _ = cases["ethan"]
    if created:
        review = _held_review(world, ethan, meeting_days_ago=30, review_open=review_open,
                              review_arrange=review_arrange, review_record_meeting=review_record_meeting)
        amendment = review_start_amendment(review=review, user=world["caseworker"])
        item = amendment.provision.get()
        plan_save_provision(version=amendment, expected_revision=amendment.revision, provision=item, section="F",
                            what=item.what, who=item.who, how_often="5 sessions of 20 minutes a week",
                            how_long=item.how_long, needs=list(item.needs.all()), outcomes=list(item.outcomes.all()))
        review_decide(review=review, decided_by=world["manager"], decision="amend", decided_on=_days_ago(3),
                      reasons="Ethan's progress in vocabulary has slowed; daily pre-teaching is needed.")
        # Ethan's mother asked for a personal budget for the pre-teaching during the review, and it was agreed.
        budget = personal_budget_request(case=ethan, requested_by=world["parent"], forms_wanted=["direct_payment"],
                                         areas=["education"], provision_wanted="The vocabulary pre-teaching, from a "
                                                                               "tutor we choose.")
        personal_budget_decide(budget=budget, decided_by=world["manager"], agree=True, agreed_form="direct_payment",
                               agreed_area="education", annual_amount=Decimal("1850.00"),
                               reasons="The tutoring can be bought separately from the school's own provision.")

    grace, created, _ = cases["grace"]
    if created:
        review = _held_review(world, grace, meeting_days_ago=40, review_open=review_open,
                              review_arrange=review_arrange, review_record_meeting=review_record_meeting)
        review_decide(review=review, decided_by=world["manager"], decision="cease", decided_on=_days_ago(20),
                      cease_reason="needs_met", reasons="Grace has met her outcomes and the school can meet her "
                                                        "needs from its own resources.")

    _transferred_in(world)


def _transferred_in(world):
    """A plan made by another council, moved here with the family a month ago."""
    from .services import transfer_in_record

    child = _plan_child(world, "zara", "Zara", "Ahmed", _year_born(4), "Ashford Vale Primary School", "parent2")
    if not child.ehc_cases.exists():
        transfer_in_record(child=child, local_authority=world["council"], recorded_by=world["caseworker"],
                           transferred_from="Northmoor City Council", original_issued_on=_days_ago(600),
                           reviewed_before_transfer_on=_days_ago(250), transferred_in_on=_days_ago(30),
                           placement=child.current_setting)


def _held_review(world, case, *, meeting_days_ago, review_open, review_arrange, review_record_meeting):
    review = review_open(case=case)
    meeting = _days_ago(meeting_days_ago)
    review = review_arrange(review=review, arranged_by=world["caseworker"], meeting_on=meeting,
                            meeting_details="10am at the school", today=meeting - dt.timedelta(days=28))
    outcomes = {outcome.pk: ("on_track", "") for outcome in case.plan_versions.get(status="final").outcomes.all()}
    return review_record_meeting(review=review, user=world["caseworker"], expected_version=review.version,
                                 child_views="I like my lessons more now.", family_views="We are pleased.",
                                 preparing_for_adulthood="Talked about college courses and a Saturday job; travel "
                                                         "training would help.", disagreements="", progress=outcomes,
                                 recommendations={}, submit=True, today=meeting + dt.timedelta(days=7))


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
