"""Keeping a plan alive: annual reviews, the council's decision after them, and amended plans.

The law is in ../shared/domain/statutory.md §3: a review at least every 12 months (CFA 2014 s.44), a meeting
with 2 weeks' notice and advice circulated 2 weeks before it (SEND Regulations 2014 regs 20-21), a report within
2 weeks, the council's decision within 4 weeks carrying any proposed amendments (reg 22 and the Devon judgment),
15 days for the family to respond, and the final amended plan within 8 weeks of the notice and 12 weeks of the
meeting. Every date comes from ehc.deadlines.
"""

import datetime as dt
from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from send_portal.core.dates import govuk_date
from send_portal.notifications.services import notification_queue
from send_portal.organisations.models import Organisation, OrganisationKind, Role
from send_portal.organisations.services import organisation_role_group

from .. import deadlines
from ..models import (
    AnnualReview,
    CaseEvent,
    EHCCase,
    Letter,
    PlanSection,
    PlanVersion,
    ReviewContribution,
    ReviewDecision,
    ReviewOutcomeProgress,
    ReviewParty,
    ReviewReason,
    ReviewRecommendation,
    Stage,
)
from .assessment import (
    MoveNotAllowed,
    _copy_plan_content,
    _event,
    _family_contacts,
    _locked,
    _staff_addresses,
    _tell_family,
)
from .letters import letter_issue

# Who speaks for each invited organisation, and so who is asked for advice and reminded.
_PARTY_ROLES = {
    ReviewParty.SCHOOL: [Role.SENCO],
    ReviewParty.COUNCIL: [Role.LA_CASEWORKER, Role.LA_MANAGER],
    ReviewParty.HEALTH: [Role.ADVISER],
    ReviewParty.SOCIAL_CARE: [Role.ADVISER],
}
# The sections a review can recommend changes to: every section of the plan except K, the list of advice.
REVIEW_RECOMMENDATION_SECTIONS = [("A", "A: views, interests and aspirations"), *PlanSection.choices,
                                  ("I", "I: placement"), ("J", "J: personal budget")]


def _locked_review(review: AnnualReview) -> AnnualReview:
    return AnnualReview.objects.select_for_update(of=("self",)).select_related(
        "case", "case__child", "case__local_authority", "run_by_school").get(pk=review.pk)


def _expect(review: AnnualReview, *statuses: str, doing: str) -> None:
    if review.status not in statuses:
        raise MoveNotAllowed(f"This review is at the step “{review.get_status_display()}”, so you cannot {doing} "
                             "now. Someone may have done it already: reload the page to see the latest.")


def _bump(review: AnnualReview) -> None:
    review.version += 1
    review.save()


def _link(name: str, *args) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


def _final(case: EHCCase) -> PlanVersion | None:
    return case.plan_versions.filter(status=PlanVersion.Status.FINAL).order_by("-number").first()


def _school_running(case: EHCCase) -> Organisation | None:
    """Reg 20: where the child attends a school the head teacher (through the SENCO) arranges the review; reg 21:
    otherwise the council does. The school the child attends now counts, not the one the plan named."""
    setting = case.child.current_setting
    return setting if setting and setting.kind == OrganisationKind.SCHOOL else None


def review_due_after(case: EHCCase, last: dt.date) -> dt.date:
    """The next review date counted from a plan's issue or the end of its last review: 12 months, or the council's
    chosen 3 to 6 months while the child is under 5 (Code of Practice 9.178)."""
    if case.child.age(on=last) < 5:
        return deadlines.early_years_review_due(last, settings.EHC_UNDER_FIVE_REVIEW_MONTHS)
    return deadlines.annual_review_due(last)


def child_left_setting(*, child, old_setting, new_setting) -> None:
    """When a child moves school, the old school stops seeing their cases, and a review not yet arranged moves to
    the new school to run."""
    from guardian.shortcuts import remove_perm

    if old_setting is None:
        return
    group = organisation_role_group(old_setting, Role.SENCO)
    for case in EHCCase.objects.filter(child=child):
        remove_perm("ehc.view_ehccase", group, case)
        for review in case.reviews.filter(run_by_school=old_setting):
            remove_perm("ehc.run_annualreview", group, review)
            if review.status == AnnualReview.Status.NOT_ARRANGED:
                review.run_by_school = _school_running(case)
                review.save(update_fields=["run_by_school"])
                _grant_review(review)


def _grant_review(review: AnnualReview) -> None:
    if review.run_by_school_id:
        group = organisation_role_group(review.run_by_school, Role.SENCO)
        assign_perm("ehc.run_annualreview", group, review)
        assign_perm("ehc.view_ehccase", group, review.case)


@transaction.atomic
def review_open(*, case: EHCCase, due_on: dt.date | None = None, reason: str = ReviewReason.ANNUAL,
                reason_detail: str = "", opened_by=None) -> AnnualReview:
    """Open the plan's next review, or return the one already open: any number of calls make one review."""
    from ..selectors.reviews import next_review_due

    case = _locked(case)
    if case.stage != Stage.FINAL_ISSUED:
        raise MoveNotAllowed("Only a plan the council maintains can be reviewed.")
    current = case.reviews.exclude(status=AnnualReview.Status.COMPLETE).first()
    if current:
        return current
    if reason == ReviewReason.BROUGHT_FORWARD and not reason_detail.strip():
        raise ValidationError({"reason_detail": "Say why the review is being brought forward."})
    scheduled = next_review_due(case)
    due_on = due_on or scheduled
    if due_on > scheduled:
        raise ValidationError({"due_on": f"The review must be held by {govuk_date(scheduled)}. It can be brought "
                                         "forward, but never put back."})
    latest = case.reviews.order_by("-number").first()
    if reason == ReviewReason.ANNUAL and case.child.age(on=due_on) < 5:
        reason = ReviewReason.EARLY_YEARS
    review = AnnualReview.objects.create(case=case, number=(latest.number + 1) if latest else 1, reason=reason,
                                         reason_detail=reason_detail, due_on=due_on,
                                         run_by_school=_school_running(case))
    _grant_review(review)
    _event(case, CaseEvent.Kind.REVIEW_SCHEDULED, actor=opened_by,
           detail=f"{review.get_reason_display()} due by {govuk_date(due_on)}, arranged by "
                  + (f"{review.run_by_school}." if review.run_by_school else "the council."))
    return review


def _invitees(review: AnnualReview) -> list[tuple[str, Organisation | None]]:
    """Reg 20(2): the family, the setting, the council, a health professional named by the ICB and social care."""
    council = review.case.local_authority
    team = council.children.filter(kind=OrganisationKind.LA_TEAM, is_active=True).order_by("pk").first()
    # The health body already advising on this child, or failing that the area's ICB (the portal serves one area).
    advised = review.case.advice_requests.filter(organisation__kind__in=[OrganisationKind.NHS_ICB,
                                                                         OrganisationKind.NHS_TRUST])
    health = (Organisation.objects.filter(pk__in=advised.values("organisation")).order_by("pk").first()
              or Organisation.objects.filter(kind=OrganisationKind.NHS_ICB, is_active=True).order_by("pk").first())
    social_care = (Organisation.objects.filter(kind=OrganisationKind.SOCIAL_CARE, is_active=True)
                   .order_by("-parent_id", "pk").filter(parent__in=[council, None]).first())
    parties = [(ReviewParty.FAMILY, None)]
    if review.run_by_school:
        parties.append((ReviewParty.SCHOOL, review.run_by_school))
    parties.append((ReviewParty.COUNCIL, team or council))
    if health:
        parties.append((ReviewParty.HEALTH, health))
    if social_care:
        parties.append((ReviewParty.SOCIAL_CARE, social_care))
    return parties


def _tell_party(contribution: ReviewContribution, template: str, *, key: str, **context) -> int:
    review = contribution.review
    context = {"review": review, "case": review.case, "contribution": contribution,
               "service_name": settings.PORTAL_SERVICE_NAME, **context}
    if contribution.party == ReviewParty.FAMILY:
        context.pop("case")
        _tell_family(review.case, template, key=f"{key}:{review.pk}", **context)
        return len(_family_contacts(review.case))
    addresses = _staff_addresses(contribution.organisation, _PARTY_ROLES[contribution.party])
    link = _link("ehc_review_contribution", contribution.pk)
    return sum(notification_queue(template=template, to=address, idempotency_key=f"{key}:{contribution.pk}:{address}",
                                  context={**context, "link": link}) is not None for address in sorted(addresses))


@transaction.atomic
def review_arrange(*, review: AnnualReview, arranged_by, meeting_on: dt.date, meeting_details: str,
                   today: dt.date | None = None) -> AnnualReview:
    """Fix the meeting and invite everyone, with at least 2 weeks' notice (reg 20(3))."""
    review = _locked_review(review)
    _expect(review, AnnualReview.Status.NOT_ARRANGED, doing="arrange the meeting")
    today = today or timezone.localdate()
    if deadlines.review_invitations_by(meeting_on) < today:
        raise ValidationError({"meeting_on": "The meeting must be at least 2 weeks from today, so that everyone has "
                                             f"2 weeks' notice: {govuk_date(today + dt.timedelta(days=14))} or later."})
    if not meeting_details.strip():
        raise ValidationError({"meeting_details": "Enter the time and place of the meeting, or how to join it."})
    review.meeting_on = meeting_on
    review.meeting_details = meeting_details.strip()
    review.invitations_sent_on = today
    review.arranged_by = arranged_by
    review.status = AnnualReview.Status.INVITED
    _bump(review)
    # Advice is asked for a week before it must be circulated, so the arranger has time to chase it.
    circulate_by = deadlines.review_advice_circulated_by(meeting_on)
    advice_due = max(today, circulate_by - dt.timedelta(days=7))
    for party, organisation in _invitees(review):
        contribution = ReviewContribution.objects.create(review=review, party=party, organisation=organisation,
                                                         invited_on=today, advice_due_on=advice_due)
        if party == ReviewParty.FAMILY:
            for person in _family_contacts(review.case):
                assign_perm("ehc.change_reviewcontribution", person, contribution)
        else:
            for role in _PARTY_ROLES[party]:
                assign_perm("ehc.change_reviewcontribution", organisation_role_group(organisation, role),
                            contribution)
        _tell_party(contribution, "ehc_review_invitation", key="review_invitation")
    _event(review.case, CaseEvent.Kind.REVIEW_ARRANGED, actor=arranged_by, on=today,
           detail=f"The review meeting is on {govuk_date(meeting_on)}. Views and advice are asked for by "
                  f"{govuk_date(advice_due)}.")
    return review


@transaction.atomic
def review_arrange_for_case(*, case: EHCCase, arranged_by, meeting_on: dt.date, meeting_details: str) -> AnnualReview:
    """Open the plan's review if nobody has yet, and arrange its meeting: both or neither."""
    review = review_open(case=case, opened_by=arranged_by)
    return review_arrange(review=review, arranged_by=arranged_by, meeting_on=meeting_on,
                          meeting_details=meeting_details)


@transaction.atomic
def contribution_submit(*, contribution: ReviewContribution, submitted_by, advice: str) -> ReviewContribution:
    contribution = ReviewContribution.objects.select_for_update().select_related("review").get(pk=contribution.pk)
    if contribution.review.status != AnnualReview.Status.INVITED:
        raise MoveNotAllowed("The review meeting has already been held, so advice can no longer be added here. "
                             "Contact the person who arranged the review.")
    if contribution.submitted_on:
        raise MoveNotAllowed("This advice has already been sent.")
    if not advice.strip():
        raise ValidationError({"advice": "Enter your views or advice for the review."})
    contribution.advice = advice.strip()
    contribution.submitted_on = timezone.localdate()
    contribution.submitted_by = submitted_by
    contribution.full_clean()
    contribution.save()
    return contribution


@transaction.atomic
def review_circulate_advice(*, review: AnnualReview, user, today: dt.date | None = None) -> AnnualReview:
    """Send everyone invited the advice received so far (reg 20(4)). Advice sent later still reaches the meeting."""
    review = _locked_review(review)
    _expect(review, AnnualReview.Status.INVITED, doing="circulate the advice")
    if review.advice_circulated_on:
        raise MoveNotAllowed("The advice has already been circulated.")
    if not review.contributions.filter(submitted_on__isnull=False).exists():
        raise ValidationError("No advice has been received yet, so there is nothing to circulate.")
    review.advice_circulated_on = today or timezone.localdate()
    _bump(review)
    for contribution in review.contributions.select_related("organisation"):
        _tell_party(contribution, "ehc_review_advice_circulated", key="review_circulated")
    late = review.advice_circulated_on > deadlines.review_advice_circulated_by(review.meeting_on)
    _event(review.case, CaseEvent.Kind.REVIEW_ADVICE_CIRCULATED, actor=user, on=review.advice_circulated_on,
           detail="Advice for the review meeting was sent to everyone invited"
                  + (", later than 2 weeks before the meeting." if late else "."))
    return review


@transaction.atomic
def review_record_meeting(*, review: AnnualReview, user, expected_version: int, child_views: str, family_views: str,
                          preparing_for_adulthood: str, disagreements: str, progress: dict, recommendations: dict,
                          submit: bool, today: dt.date | None = None) -> AnnualReview:
    """Save the meeting record, and on `submit` send it to the council as the review report (reg 20(7))."""
    from ..selectors.reviews import review_needs_preparing_for_adulthood

    review = _locked_review(review)
    _expect(review, AnnualReview.Status.INVITED, AnnualReview.Status.MEETING_HELD, doing="record the meeting")
    if review.version != expected_version:
        raise ValidationError("Someone else changed this review since you opened it. Reload the page and make your "
                              "changes again.")
    today = today or timezone.localdate()
    if review.meeting_on > today:
        raise ValidationError(f"The meeting is on {govuk_date(review.meeting_on)}. Record it once it has been held.")
    final = _final(review.case)
    outcomes = {outcome.pk: outcome for outcome in final.outcomes.all()}
    if set(progress) - set(outcomes):
        raise ValidationError("That outcome is not in the plan being reviewed.")
    review.child_views = child_views.strip()
    review.family_views = family_views.strip()
    review.preparing_for_adulthood = preparing_for_adulthood.strip()
    review.disagreements = disagreements.strip()
    for outcome_pk, (level, comment) in progress.items():
        if level:
            ReviewOutcomeProgress.objects.update_or_create(review=review, outcome=outcomes[outcome_pk],
                                                           defaults={"progress": level, "comment": comment.strip()})
    for section, text in recommendations.items():
        if section not in dict(REVIEW_RECOMMENDATION_SECTIONS):
            raise ValidationError("That is not a section of the plan.")
        if text.strip():
            ReviewRecommendation.objects.update_or_create(review=review, section=section,
                                                          defaults={"text": text.strip()})
        else:
            ReviewRecommendation.objects.filter(review=review, section=section).delete()
    review.status = AnnualReview.Status.MEETING_HELD
    if submit:
        problems = []
        if not (review.child_views or review.family_views):
            problems.append("Record the views of the child or young person and their family")
        missing = set(outcomes) - set(review.progress.values_list("outcome_id", flat=True))
        if missing:
            problems.append("Record progress towards every outcome in section E")
        if review_needs_preparing_for_adulthood(review) and not review.preparing_for_adulthood:
            problems.append("From Year 9 the review must consider preparing for adulthood (reg 20(6))")
        if problems:
            raise ValidationError(problems)
        review.status = AnnualReview.Status.REPORT_SUBMITTED
        review.report_submitted_on = today
        review.report_submitted_by = user
    _bump(review)
    if submit:
        late = today > deadlines.review_report_due(review.meeting_on)
        _event(review.case, CaseEvent.Kind.REVIEW_REPORT, actor=user, on=today,
               detail="The report of the review meeting was sent to the council"
                      + (", more than 2 weeks after the meeting." if late else ".")
                      + f" The council will decide by {govuk_date(deadlines.review_decision_due(review.meeting_on))}.")
        _tell_family(review.case, "ehc_review_report", key=f"review_report:{review.pk}", review=review,
                     decision_due=deadlines.review_decision_due(review.meeting_on))
        if review.case.caseworker:
            notification_queue(template="ehc_review_report_staff", to=review.case.caseworker.email,
                               idempotency_key=f"review_report_staff:{review.pk}",
                               context={"review": review, "case": review.case,
                                        "link": _link("ehc_review", review.case_id),
                                        "service_name": settings.PORTAL_SERVICE_NAME})
    return review


@transaction.atomic
def review_start_amendment(*, review: AnnualReview, user) -> PlanVersion:
    """Open a copy of the final plan in which the council writes the proposed amendments. They are sent with the
    decision itself: a bare "we will amend" letter is unlawful (R (L, M and P) v Devon CC [2022])."""
    review = _locked_review(review)
    _expect(review, AnnualReview.Status.REPORT_SUBMITTED, doing="start amending the plan")
    case = _locked(review.case)
    editing = case.plan_versions.filter(status=PlanVersion.Status.EDITING).first()
    if editing:
        return editing
    final = _final(case)
    latest = case.plan_versions.order_by("-number").first()
    version = PlanVersion.objects.create(case=case, number=latest.number + 1, created_by=user)
    _copy_plan_content(final, version)
    return version


def _appeal_note(decided_on: dt.date) -> str:
    return f"You can appeal to the tribunal until {govuk_date(deadlines.appeal_deadline(decided_on))}."


@transaction.atomic
def review_decide(*, review: AnnualReview, decided_by, decision: str, reasons: str, cease_reason: str = "",
                  decided_on: dt.date | None = None) -> AnnualReview:
    """The council's decision after the meeting (within 4 weeks). Keeping the plan unchanged ends the review and is
    appealable; amending serves the proposed amendments in the same notice with 15 days to respond (reg 22(2))."""
    from ..selectors.assessment import plan_problems
    from ..selectors.reviews import amended_plan_due_for

    review = _locked_review(review)
    _expect(review, AnnualReview.Status.REPORT_SUBMITTED, doing="decide")
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": "Choose whether to keep, amend or consider ceasing the plan."})
    if decision == ReviewDecision.CEASE and not cease_reason:
        raise ValidationError({"cease_reason": "Choose why the council is considering ceasing the plan."})
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the decision: the family is told them."})
    decided_on = decided_on or timezone.localdate()
    case = _locked(review.case)
    review.decision = decision
    review.decision_on = decided_on
    review.decision_reasons = reasons.strip()
    review.decided_by = decided_by
    late = decided_on > deadlines.review_decision_due(review.meeting_on)
    if decision == ReviewDecision.MAINTAIN:
        from ..selectors.reviews import review_needs_preparing_for_adulthood

        if review_needs_preparing_for_adulthood(review) and not _final(case).outcomes.filter(
                preparing_for_adulthood=True).exists():
            raise ValidationError({"decision": "From Year 9 the plan's outcomes must cover preparing for adulthood "
                                               "(Code of Practice 9.61), and this plan's do not: amend it."})
        # Amendments drafted but never sent are dropped, so next year's review starts from the plan in force.
        case.plan_versions.filter(status=PlanVersion.Status.EDITING).delete()
        review.status = AnnualReview.Status.COMPLETE
        review.completed_on = decided_on
        _bump(review)
        _event(case, CaseEvent.Kind.REVIEW_DECISION, actor=decided_by, on=decided_on,
               detail="The council will keep the plan as it is" + (", later than 4 weeks after the meeting. " if late
                                                                    else ". ") + _appeal_note(decided_on))
        _tell_family(case, "ehc_review_decision", key=f"review_decision:{review.pk}", review=review,
                     appeal_by=deadlines.appeal_deadline(decided_on))
        letter_issue(case=case, kind=Letter.Kind.REVIEW_DECISION, issued_on=decided_on, issued_by=decided_by,
                     appeal_by=deadlines.appeal_deadline(decided_on), review=review,
                     next_review_by=review_due_after(case, decided_on))
        return review
    if decision == ReviewDecision.CEASE:
        from .plan_changes import ceasing_propose

        review.status = AnnualReview.Status.COMPLETE
        review.completed_on = decided_on
        _bump(review)
        _event(case, CaseEvent.Kind.REVIEW_DECISION, actor=decided_by, on=decided_on,
               detail="After the review the council is considering ceasing the plan, and will ask for views first.")
        ceasing_propose(case=case, proposed_by=decided_by, reason=cease_reason, explanation=review.decision_reasons,
                        proposed_on=decided_on)
        return review
    amendment = case.plan_versions.filter(status=PlanVersion.Status.EDITING).first()
    if amendment is None:
        raise ValidationError("Write the proposed amendments first: they must go to the family with the decision.")
    problems = plan_problems(amendment)
    if problems:
        raise ValidationError(problems)
    amendment.status = PlanVersion.Status.SERVED
    amendment.served_on = decided_on
    amendment.comments_close_on = deadlines.amendment_comments_close(decided_on)
    amendment.save()
    review.amendment = amendment
    review.status = AnnualReview.Status.AMENDING
    _bump(review)
    due = amended_plan_due_for(review)
    _event(case, CaseEvent.Kind.AMENDMENT_SERVED, actor=decided_by, on=decided_on,
           detail=f"The council proposes to amend the plan. Comments, a request for a meeting and the school or "
                  f"college you would like named are due by {govuk_date(amendment.comments_close_on)}. The amended "
                  f"plan is due by {govuk_date(due)}." + (" The decision was later than 4 weeks after the meeting."
                                                          if late else ""))
    _tell_family(case, "ehc_amendment_served", key=f"amendment_served:{review.pk}", review=review,
                 version=amendment, amended_plan_due=due)
    letter_issue(case=case, kind=Letter.Kind.AMENDMENT_NOTICE, issued_on=decided_on, issued_by=decided_by,
                 review=review, version=amendment, amended_plan_due=due)
    return review


@transaction.atomic
def amended_plan_issue(*, review: AnnualReview, issued_by, placement=None, placement_reason: str = "",
                       issued_on: dt.date | None = None) -> PlanVersion:
    """Issue the final amended plan (reg 22(3)) as a new immutable version, rendered to PDF by a worker."""
    from ..selectors.reviews import amended_plan_due_for

    review = _locked_review(review)
    _expect(review, AnnualReview.Status.AMENDING, doing="issue the amended plan")
    case = _locked(review.case)
    served = review.amendment
    issued_on = issued_on or timezone.localdate()
    responded = served.responses.filter(submitted_at__isnull=False)
    if issued_on <= served.comments_close_on and not responded.exists():
        raise ValidationError(f"The family has until {govuk_date(served.comments_close_on)} to respond to the "
                              "proposed amendments. Wait for their response or for the 15 days to end.")
    previous = _final(case)
    placement = placement or previous.placement
    if placement is None:
        raise ValidationError({"placement": "Name the school, college or other setting in section I."})
    if placement != previous.placement and not case.consultations.filter(setting=placement).exists():
        raise ValidationError({"placement": f"Consult {placement} before naming it in the plan (CFA 2014 s.39(2))."})
    preferred = {response.preferred_setting for response in responded} - {None}
    if preferred and placement not in preferred and not placement_reason.strip():
        raise ValidationError({"placement_reason": "The family asked for a different school or college. Give the "
                                                   "reason it is not named (CFA 2014 s.39(4)): the family is told it."})
    amended = PlanVersion.objects.create(case=case, number=served.number + 1, created_by=issued_by)
    _copy_plan_content(served, amended)
    amended.placement = placement
    amended.placement_type = previous.placement_type if placement == previous.placement else ""
    amended.placement_reason = placement_reason.strip()
    amended.status = PlanVersion.Status.FINAL
    amended.issued_on = issued_on
    amended.save()
    PlanVersion.objects.filter(pk__in=[served.pk, previous.pk]).update(status=PlanVersion.Status.SUPERSEDED)
    review.amended_plan = amended
    review.status = AnnualReview.Status.COMPLETE
    review.completed_on = issued_on
    _bump(review)
    assign_perm("ehc.view_ehccase", organisation_role_group(placement, Role.SENCO), case)
    due = amended_plan_due_for(review)
    appeal_by = deadlines.appeal_deadline(issued_on)
    _event(case, CaseEvent.Kind.AMENDED_PLAN_ISSUED, actor=issued_by, on=issued_on,
           detail=f"The amended plan names {placement}." + (f" It was due by {govuk_date(due)}." if issued_on > due
                                                            else "") + " " + _appeal_note(issued_on))
    _tell_family(case, "ehc_final_issued", key=f"amended_plan:{amended.pk}", appeal_by=appeal_by)
    icb = Organisation.objects.filter(kind=OrganisationKind.NHS_ICB, is_active=True).exclude(email="").first()
    recipients = {placement.email} | _staff_addresses(placement, [Role.SENCO]) | ({icb.email} if icb else set())
    for address in sorted(recipients - {""}):
        notification_queue(template="ehc_final_issued_partner", to=address,
                           idempotency_key=f"final_issued:{amended.pk}:{address}",
                           context={"case": case, "version": amended, "service_name": settings.PORTAL_SERVICE_NAME})
    from send_portal.notifications.outbox import outbox_enqueue

    from ..tasks import render_plan_pdf

    outbox_enqueue(render_plan_pdf, amended.pk)  # on commit; waits if the queue is down
    return amended


@transaction.atomic
def amendment_withdraw(*, review: AnnualReview, decided_by, reasons: str,
                       decided_on: dt.date | None = None) -> AnnualReview:
    """Reg 22(4): having heard the family, the council decides not to amend after all. It says why, within the same
    8 weeks, and the family can appeal against the refusal to amend."""
    review = _locked_review(review)
    _expect(review, AnnualReview.Status.AMENDING, doing="decide not to amend")
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons: the family is told them."})
    decided_on = decided_on or timezone.localdate()
    case = _locked(review.case)
    PlanVersion.objects.filter(pk=review.amendment_id).update(status=PlanVersion.Status.SUPERSEDED)
    review.decision = ReviewDecision.MAINTAIN
    review.decision_on = decided_on
    review.decision_reasons = reasons.strip()
    review.decided_by = decided_by
    review.status = AnnualReview.Status.COMPLETE
    review.completed_on = decided_on
    _bump(review)
    appeal_by = deadlines.appeal_deadline(decided_on)
    _event(case, CaseEvent.Kind.REVIEW_DECISION, actor=decided_by, on=decided_on,
           detail="Having considered the family's response, the council will not amend the plan after all. "
                  + _appeal_note(decided_on))
    _tell_family(case, "ehc_review_decision", key=f"amendment_withdrawn:{review.pk}", review=review,
                 appeal_by=appeal_by)
    letter_issue(case=case, kind=Letter.Kind.REVIEW_DECISION, issued_on=decided_on, issued_by=decided_by,
                 appeal_by=appeal_by, review=review, next_review_by=review_due_after(case, decided_on))
    return review


# --- Reminders --------------------------------------------------------------------------------------------

def review_send_due_reminders(*, today: dt.date | None = None) -> int:
    """Every review reminder the law's dates call for. Safe to run any number of times: each has a unique key."""
    from ..selectors.reviews import review_reminders_due

    today = today or timezone.localdate()
    queued = 0
    for reminder in review_reminders_due(today):
        with transaction.atomic():
            if reminder.kind == "review_due" and reminder.review is None:
                # Opening the review 10 weeks ahead is what lets the school see it and arrange the meeting.
                reminder = replace(reminder, review=review_open(case=reminder.case))
            queued += _send_review_reminder(reminder)
    return queued


def _send_review_reminder(reminder) -> int:
    case, review, kind = reminder.case, reminder.review, reminder.kind
    key = f"review_reminder:{kind}:{reminder.due_on.isoformat()}"
    context = {"case": case, "review": review, "reminder": reminder, "service_name": settings.PORTAL_SERVICE_NAME,
               "link": _link("ehc_review", case.pk)}
    if kind == "advice_missing":
        return sum(_tell_party(contribution, "ehc_review_reminder", key=key, reminder=reminder)
                   for contribution in review.contributions.filter(submitted_on__isnull=True)
                   .exclude(party=ReviewParty.FAMILY).select_related("organisation"))
    to = set()
    if review and review.run_by_school and kind in ("review_due", "invitations_not_sent", "report_overdue"):
        to |= _staff_addresses(review.run_by_school, [Role.SENCO])
    if case.caseworker:
        to.add(case.caseworker.email)
    elif kind not in ("invitations_not_sent", "report_overdue") or not to:
        team = case.local_authority.children.filter(kind=OrganisationKind.LA_TEAM).order_by("pk").first()
        to |= _staff_addresses(team or case.local_authority, [Role.LA_CASEWORKER, Role.LA_MANAGER])
    return sum(notification_queue(template="ehc_review_reminder", to=address,
                                  idempotency_key=f"{key}:{case.pk}:{address}", context=context) is not None
               for address in sorted(to - {""}))
