"""Other changes to a maintained plan: ceasing it (CFA 2014 s.45; SEND Regulations 2014 regs 29-31) and transferring
it between councils (reg 15), and re-assessing it (regs 24-27)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from send_portal.core.dates import govuk_date
from send_portal.notifications.services import notification_queue
from send_portal.organisations.models import OrganisationKind, Role

from .. import deadlines
from ..models import (
    CaseEvent,
    CeasingProposal,
    CeasingReason,
    Disagreement,
    EHCCase,
    Letter,
    PlanTransfer,
    PlanVersion,
    ReassessmentRequest,
    RequesterKind,
    Stage,
)
from .assessment import MoveNotAllowed, _event, _locked, _move, _staff_addresses, _tell_family
from .letters import letter_issue

# Code of Practice 9.203 expects the family and the setting to be consulted before the decision; 15 days matches
# every other consultation in the process.
CEASING_CONSULTATION_DAYS = 15


def _locked_proposal(proposal: CeasingProposal) -> CeasingProposal:
    return CeasingProposal.objects.select_for_update(of=("self",)).select_related("case", "setting").get(pk=proposal.pk)


def _tell_setting(proposal: CeasingProposal, template: str, *, key: str, **context) -> None:
    if proposal.setting is None:
        return
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("ehc_ceasing", args=[proposal.case_id])
    for address in sorted(_staff_addresses(proposal.setting, [Role.SENCO])):
        notification_queue(template=template, to=address, idempotency_key=f"{key}:{proposal.pk}:{address}",
                           context={"case": proposal.case, "proposal": proposal, "link": link,
                                    "service_name": settings.PORTAL_SERVICE_NAME, **context})


@transaction.atomic
def ceasing_propose(*, case: EHCCase, proposed_by, reason: str, explanation: str,
                    proposed_on: dt.date | None = None) -> CeasingProposal:
    """Reg 31(1): tell the family the council is considering ceasing the plan, and consult them and the setting."""
    from ..selectors import final_plan

    case = _locked(case)
    if case.stage != Stage.FINAL_ISSUED:
        raise MoveNotAllowed("Only a plan the council maintains can be ceased.")
    if case.ceasing_proposals.filter(status__in=[CeasingProposal.Status.CONSULTING,
                                                 CeasingProposal.Status.CEASING]).exists():
        raise MoveNotAllowed("The council is already considering ceasing this plan.")
    if reason not in CeasingReason.values:
        raise ValidationError({"reason": "Choose why the council is considering ceasing the plan."})
    if not explanation.strip():
        raise ValidationError({"explanation": "Explain why: the family and the setting are told this."})
    proposed_on = proposed_on or timezone.localdate()
    final = final_plan(case)
    setting = final.placement if final and final.placement and final.placement.kind == OrganisationKind.SCHOOL \
        else None
    proposal = CeasingProposal.objects.create(
        case=case, reason=reason, explanation=explanation.strip(), proposed_on=proposed_on, proposed_by=proposed_by,
        responses_due_on=proposed_on + dt.timedelta(days=CEASING_CONSULTATION_DAYS), setting=setting)
    _event(case, CaseEvent.Kind.CEASING_PROPOSED, actor=proposed_by, on=proposed_on,
           detail=f"The council is considering ceasing the plan and asks for views by "
                  f"{govuk_date(proposal.responses_due_on)}. The plan stays in force meanwhile.")
    _tell_family(case, "ehc_ceasing_proposed", key=f"ceasing_proposed:{proposal.pk}", proposal=proposal)
    _tell_setting(proposal, "ehc_ceasing_proposed", key="ceasing_proposed_setting")
    letter_issue(case=case, kind=Letter.Kind.CEASING_PROPOSED, issued_on=proposed_on, issued_by=proposed_by,
                 proposal=proposal)
    return proposal


@transaction.atomic
def ceasing_respond(*, proposal: CeasingProposal, user, as_family: bool, response: str) -> CeasingProposal:
    proposal = _locked_proposal(proposal)
    if proposal.status != CeasingProposal.Status.CONSULTING:
        raise MoveNotAllowed("The council has already decided, so views can no longer be sent here.")
    if not response.strip():
        raise ValidationError({"response": "Enter your views on ceasing the plan."})
    field = "family" if as_family else "setting"
    if getattr(proposal, f"{field}_responded_on"):
        raise MoveNotAllowed("Your views have already been sent.")
    setattr(proposal, f"{field}_response", response.strip())
    setattr(proposal, f"{field}_responded_on", timezone.localdate())
    proposal.save()
    _event(proposal.case, CaseEvent.Kind.CEASING_RESPONSE, actor=user,
           detail=("The family" if as_family else str(proposal.setting)) + " gave views on ceasing the plan.")
    return proposal


@transaction.atomic
def ceasing_decide(*, proposal: CeasingProposal, decided_by, cease: bool, reasons: str,
                   decided_on: dt.date | None = None) -> CeasingProposal:
    """Reg 31(2)-(3): notify the decision to the family, the setting and the NHS, with appeal rights. A plan being
    ceased stays in force until the time to appeal has passed or an appeal is decided."""
    proposal = _locked_proposal(proposal)
    if proposal.status != CeasingProposal.Status.CONSULTING:
        raise MoveNotAllowed("The council has already decided about ceasing this plan.")
    decided_on = decided_on or timezone.localdate()
    if cease and decided_on < proposal.responses_due_on and not (proposal.family_responded_on and (
            proposal.setting is None or proposal.setting_responded_on)):
        raise ValidationError(f"The family and the setting have until {govuk_date(proposal.responses_due_on)} to "
                              "give their views. Wait for them or for that date.")
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the decision: the family is told them."})
    proposal.decided_on = decided_on
    proposal.decided_by = decided_by
    proposal.decision_reasons = reasons.strip()
    if not cease:
        proposal.status = CeasingProposal.Status.CONTINUING
        proposal.save()
        _event(proposal.case, CaseEvent.Kind.CEASING_DECIDED, actor=decided_by, on=decided_on,
               detail="The council decided to keep the plan.")
        _tell_family(proposal.case, "ehc_ceasing_decided", key=f"ceasing_decided:{proposal.pk}", proposal=proposal)
        letter_issue(case=proposal.case, kind=Letter.Kind.CEASING_DECISION, issued_on=decided_on,
                     issued_by=decided_by, proposal=proposal)
        return proposal
    proposal.status = CeasingProposal.Status.CEASING
    appeal_by = deadlines.appeal_deadline(decided_on) if proposal.appealable else None
    proposal.ceases_on = appeal_by + dt.timedelta(days=1) if appeal_by else decided_on
    proposal.save()
    _event(proposal.case, CaseEvent.Kind.CEASING_DECIDED, actor=decided_by, on=decided_on,
           detail="The council decided to cease the plan. "
                  + (f"It stays in force while you can appeal, until {govuk_date(appeal_by)}, and while any appeal "
                     "is decided." if appeal_by else "There is no right of appeal against ceasing for this reason."))
    _tell_family(proposal.case, "ehc_ceasing_decided", key=f"ceasing_decided:{proposal.pk}", proposal=proposal,
                 appeal_by=appeal_by)
    _tell_setting(proposal, "ehc_ceasing_decided", key="ceasing_decided_setting", appeal_by=appeal_by)
    letter_issue(case=proposal.case, kind=Letter.Kind.CEASING_DECISION, issued_on=decided_on, issued_by=decided_by,
                 appeal_by=appeal_by, proposal=proposal)
    if not proposal.appealable:
        ceasing_take_effect(proposal=proposal, today=decided_on)
    return proposal


def _ceasing_appeal(proposal: CeasingProposal) -> Disagreement | None:
    """The mediation and appeal record about this decision to cease, not an earlier one."""
    return proposal.case.disagreements.filter(decision=Disagreement.Decision.CEASE,
                                              decision_sent_on=proposal.decided_on).first()


def _appeal_state(proposal: CeasingProposal) -> str:
    """'none', 'live', 'dismissed' (the ceasing stands) or 'upheld' (the plan continues)."""
    record = _ceasing_appeal(proposal)
    if record is None or record.appeal_registered_on is None:
        return "none"
    if not record.appeal_outcome:
        return "live"
    return "dismissed" if record.appeal_outcome in (Disagreement.AppealOutcome.DISMISSED,
                                                    Disagreement.AppealOutcome.WITHDRAWN) else "upheld"


@transaction.atomic
def ceasing_take_effect(*, proposal: CeasingProposal, today: dt.date | None = None) -> CeasingProposal:
    """End the plan once nothing can stop it: the appeal period is over with no appeal, or an appeal failed."""
    proposal = _locked_proposal(proposal)
    today = today or timezone.localdate()
    if proposal.status != CeasingProposal.Status.CEASING:
        return proposal
    appeal = _appeal_state(proposal)
    from ..selectors import ceasing_appeal_deadline

    last_day = ceasing_appeal_deadline(proposal)
    if appeal == "live" or (appeal == "none" and last_day is not None and today <= last_day):
        return proposal
    case = _locked(proposal.case)
    if case.stage != Stage.FINAL_ISSUED:
        # The plan already ended another way (a transfer to another council, or a re-assessment replaced it).
        return proposal
    if appeal == "upheld":
        proposal.status = CeasingProposal.Status.CONTINUING
        proposal.save()
        _event(case, CaseEvent.Kind.CEASING_DECIDED, detail="The tribunal decided the plan continues.")
        return proposal
    _move(case, Stage.CEASED)
    case.closed_on = today
    case.save()
    proposal.status = CeasingProposal.Status.CEASED
    proposal.save()
    _event(case, CaseEvent.Kind.CEASED, on=today, detail="The plan has ceased.")
    return proposal


def ceasing_apply_due(*, today: dt.date | None = None) -> int:
    """Daily: end every plan whose ceasing can no longer be appealed. Safe to run any number of times."""
    today = today or timezone.localdate()
    ended = 0
    # Each proposal is checked every day: the time to appeal can grow with a mediation certificate, and an appeal
    # decided early ends (or saves) the plan before it runs out.
    for proposal in CeasingProposal.objects.filter(status=CeasingProposal.Status.CEASING,
                                                   case__stage=Stage.FINAL_ISSUED):
        ended += ceasing_take_effect(proposal=proposal, today=today).status == CeasingProposal.Status.CEASED
    return ended


# --- Transfers between councils (SEND Regulations 2014 reg 15) ------------------------------------------------

@transaction.atomic
def transfer_out_record(*, case: EHCCase, recorded_by, moved_on: dt.date, aware_on: dt.date, to_local_authority=None,
                        to_name: str = "") -> PlanTransfer:
    case = _locked(case)
    if case.stage != Stage.FINAL_ISSUED:
        raise MoveNotAllowed("Only a plan the council maintains can be transferred.")
    if PlanTransfer.objects.filter(case=case).exists():
        raise MoveNotAllowed("A move to another council is already recorded for this plan.")
    if to_local_authority is not None:
        if to_local_authority.kind != OrganisationKind.LOCAL_AUTHORITY or to_local_authority == case.local_authority:
            raise ValidationError({"to_local_authority": "Choose the council the family is moving to."})
        to_name = to_local_authority.name
    if not to_name.strip():
        raise ValidationError({"to_name": "Enter the council the family is moving to."})
    if aware_on > timezone.localdate():
        raise ValidationError({"aware_on": "The date the council learned of the move cannot be in the future."})
    transfer = PlanTransfer.objects.create(case=case, to_local_authority=to_local_authority, to_name=to_name.strip(),
                                           moved_on=moved_on, aware_on=aware_on, recorded_by=recorded_by,
                                           due_on=deadlines.plan_transfer_due(moved_on, aware_on))
    _event(case, CaseEvent.Kind.TRANSFER_RECORDED, actor=recorded_by, on=aware_on,
           detail=f"The family is moving to {transfer.to_name} on {govuk_date(moved_on)}. The plan will be "
                  f"transferred by {govuk_date(transfer.due_on)}.")
    return transfer


@transaction.atomic
def transfer_out_send(*, transfer: PlanTransfer, sent_by, sent_on: dt.date | None = None) -> PlanTransfer:
    """Send the plan and file. A new council that uses the portal receives the plan as its own, made on the
    original date (reg 15(3)); this council keeps its records of the case."""
    from send_portal.people.services import child_change_home_authority

    transfer = PlanTransfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.sent_on:
        raise MoveNotAllowed("The plan has already been sent to the new council.")
    case = _locked(transfer.case)
    sent_on = sent_on or timezone.localdate()
    _move(case, Stage.TRANSFERRED_OUT)
    case.closed_on = sent_on
    case.save()
    transfer.sent_on = sent_on
    late = sent_on > transfer.due_on
    _event(case, CaseEvent.Kind.TRANSFERRED_OUT, actor=sent_by, on=sent_on,
           detail=f"The plan was transferred to {transfer.to_name}"
                  + (f", later than the {govuk_date(transfer.due_on)} deadline." if late else "."))
    _tell_family(case, "ehc_plan_transferred", key=f"transferred_out:{transfer.pk}", transfer=transfer)
    if transfer.to_local_authority:
        from ..selectors import final_plan

        child_change_home_authority(child=case.child, new_authority=transfer.to_local_authority)
        previous = final_plan(case)
        last_review = case.reviews.filter(decision_on__isnull=False).order_by("-decision_on").first()
        transfer.received_case = transfer_in_record(
            child=case.child, local_authority=transfer.to_local_authority, recorded_by=sent_by,
            transferred_from=case.local_authority.name, original_issued_on=_plan_made_on(case),
            reviewed_before_transfer_on=last_review.decision_on if last_review else None,
            transferred_in_on=sent_on,
            placement=previous.placement, source_version=previous)
    transfer.save()
    return transfer


def _plan_made_on(case: EHCCase) -> dt.date:
    from ..selectors import plan_made_on

    return plan_made_on(case)


@transaction.atomic
def transfer_in_record(*, child, local_authority, recorded_by, transferred_from: str, original_issued_on: dt.date,
                       transferred_in_on: dt.date, placement, reviewed_before_transfer_on: dt.date | None = None,
                       source_version: PlanVersion | None = None) -> EHCCase:
    """A plan made by another council becomes this council's, treated as made on its original date. The council
    must tell the family within 6 weeks (reg 15(4)) and review it by the later of 12 months from the last review and
    3 months from the transfer (reg 15(5))."""
    from guardian.shortcuts import assign_perm

    from send_portal.organisations.services import organisation_role_group

    from .assessment import _copy_plan_content, _new_reference, grant_council

    if not transferred_from.strip():
        raise ValidationError({"transferred_from": "Enter the council the plan came from."})
    if original_issued_on > transferred_in_on:
        raise ValidationError({"original_issued_on": "The plan must have been made before it was transferred."})
    if reviewed_before_transfer_on and not original_issued_on <= reviewed_before_transfer_on <= transferred_in_on:
        raise ValidationError({"reviewed_before_transfer_on": "The last review must be between the plan being made "
                                                              "and the transfer."})
    if placement is None or placement.kind != OrganisationKind.SCHOOL:
        raise ValidationError({"placement": "Choose the school or setting named in the plan."})
    if EHCCase.objects.filter(child=child, stage=Stage.FINAL_ISSUED).exists():
        raise MoveNotAllowed("This child already has a plan maintained in the portal.")
    case = EHCCase.objects.create(
        reference=_new_reference(), child=child, local_authority=local_authority, stage=Stage.FINAL_ISSUED,
        requester_kind=RequesterKind.TRANSFER, requested_by=recorded_by, received_on=original_issued_on,
        decision_to_assess_on=original_issued_on, decision_to_issue_on=original_issued_on,
        transferred_from=transferred_from.strip(), transferred_in_on=transferred_in_on,
        reviewed_before_transfer_on=reviewed_before_transfer_on)
    version = PlanVersion.objects.create(case=case, number=1, created_by=recorded_by)
    if source_version is not None:
        _copy_plan_content(source_version, version)
    version.placement = placement
    version.status = PlanVersion.Status.FINAL
    version.issued_on = original_issued_on
    version.save()
    grant_council(case)
    assign_perm("view_ehccase", organisation_role_group(placement, Role.SENCO), case)
    _event(case, CaseEvent.Kind.TRANSFERRED_IN, actor=recorded_by, on=transferred_in_on,
           detail=f"The plan transferred from {case.transferred_from}. The council will tell you by "
                  f"{govuk_date(deadlines.transfer_notice_due(transferred_in_on))} when it will review it.")
    return case


@transaction.atomic
def transfer_notice_record(*, case: EHCCase, user, proposes_assessment: bool,
                           sent_on: dt.date | None = None) -> EHCCase:
    """Reg 15(4): tell the family the plan has transferred, whether an assessment is proposed and when the review
    will be."""
    from ..selectors import next_review_due

    case = _locked(case)
    if not case.transferred_in_on:
        raise MoveNotAllowed("This plan was not transferred from another council.")
    if case.transfer_notice_sent_on:
        raise MoveNotAllowed("The family has already been told about the transfer.")
    case.transfer_notice_sent_on = sent_on or timezone.localdate()
    case.transfer_proposes_assessment = proposes_assessment
    case.save()
    review_by = next_review_due(case)
    _event(case, CaseEvent.Kind.TRANSFER_NOTICE, actor=user, on=case.transfer_notice_sent_on,
           detail=f"The council confirmed it now maintains the plan and will review it by {govuk_date(review_by)}.")
    _tell_family(case, "ehc_transfer_notice", key="transfer_notice", review_by=review_by,
                 proposes_assessment=proposes_assessment)
    letter_issue(case=case, kind=Letter.Kind.TRANSFER_NOTICE, issued_on=case.transfer_notice_sent_on, issued_by=user,
                 review_by=review_by, proposes_assessment=proposes_assessment)
    return case


# --- Re-assessment (SEND Regulations 2014 regs 24-27) -----------------------------------------------------------

@transaction.atomic
def reassessment_request(*, case: EHCCase, requested_by, reason: str) -> ReassessmentRequest:
    case = _locked(case)
    if case.stage != Stage.FINAL_ISSUED:
        raise MoveNotAllowed("A re-assessment can only be asked for when the council maintains a plan.")
    if case.reassessment_requests.filter(status=ReassessmentRequest.Status.REQUESTED).exists():
        raise MoveNotAllowed("A request for a re-assessment is already with the council.")
    if case.reassessments.exclude(stage__in=[Stage.WITHDRAWN, Stage.NOT_ISSUING]).exclude(
            stage=Stage.FINAL_ISSUED).exists():
        raise MoveNotAllowed("A re-assessment is already under way.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why a re-assessment is needed."})
    request = ReassessmentRequest.objects.create(case=case, requested_by=requested_by, reason=reason.strip(),
                                                 requested_on=timezone.localdate())
    due = deadlines.reassessment_decision_due(request.requested_on)
    _event(case, CaseEvent.Kind.REASSESSMENT_REQUESTED, actor=requested_by,
           detail=f"A re-assessment was asked for. The council must decide by {govuk_date(due)}.")
    if case.caseworker:
        notification_queue(template="ehc_reassessment_requested", to=case.caseworker.email,
                           idempotency_key=f"reassessment_requested:{request.pk}",
                           context={"case": case, "due": due, "service_name": settings.PORTAL_SERVICE_NAME,
                                    "link": settings.PORTAL_BASE_URL.rstrip("/")
                                    + reverse("ehc_reassessment", args=[case.pk])})
    return request


@transaction.atomic
def reassessment_decide(*, request: ReassessmentRequest, decided_by, agree: bool, reasons: str,
                        decided_on: dt.date | None = None) -> ReassessmentRequest:
    """Agreeing opens the re-assessment as its own case, at the assessing stage, with the final plan due 14 weeks
    from this notice (reg 27(2)). Refusing can be appealed."""
    from guardian.shortcuts import assign_perm

    from send_portal.organisations.services import organisation_role_group

    from ..selectors import final_plan
    from .assessment import _new_reference, grant_council

    request = ReassessmentRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ReassessmentRequest.Status.REQUESTED:
        raise MoveNotAllowed("The council has already decided on this request.")
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons: the family is told them."})
    case = _locked(request.case)
    decided_on = decided_on or timezone.localdate()
    request.decided_on, request.decided_by, request.decision_reasons = decided_on, decided_by, reasons.strip()
    if not agree:
        request.status = ReassessmentRequest.Status.REFUSED
        request.save()
        appeal_by = deadlines.appeal_deadline(decided_on)
        _event(case, CaseEvent.Kind.REASSESSMENT_DECIDED, actor=decided_by, on=decided_on,
               detail=f"The council decided not to re-assess. You can appeal to the tribunal until "
                      f"{govuk_date(appeal_by)}.")
        _tell_family(case, "ehc_reassessment_decided", key=f"reassessment_decided:{request.pk}", request=request,
                     appeal_by=appeal_by)
        letter_issue(case=case, kind=Letter.Kind.REASSESSMENT_DECISION, issued_on=decided_on, issued_by=decided_by,
                     appeal_by=appeal_by, request=request)
        return request
    reassessment = EHCCase.objects.create(
        reference=_new_reference(), child=case.child, local_authority=case.local_authority, stage=Stage.ASSESSING,
        requester_kind=RequesterKind.REASSESSMENT, requested_by=request.requested_by, caseworker=case.caseworker,
        reason=request.reason, primary_need=case.primary_need, other_needs=case.other_needs,
        received_on=decided_on, decision_to_assess_on=decided_on, decision_to_assess_by=decided_by,
        decision_reasons=request.decision_reasons, reassessment_of=case)
    grant_council(reassessment)
    current = final_plan(case)
    if current and current.placement:
        assign_perm("view_ehccase", organisation_role_group(current.placement, Role.SENCO), reassessment)
    request.status = ReassessmentRequest.Status.AGREED
    request.reassessment = reassessment
    request.save()
    final_due = deadlines.reassessment_final_plan_due(decided_on)
    for record in (case, reassessment):
        _event(record, CaseEvent.Kind.REASSESSMENT_DECIDED, actor=decided_by, on=decided_on,
               detail=f"The council will re-assess. The current plan stays in force until the new final plan, due "
                      f"by {govuk_date(final_due)}.")
    _tell_family(case, "ehc_reassessment_decided", key=f"reassessment_decided:{request.pk}", request=request,
                 final_due=final_due)
    letter_issue(case=case, kind=Letter.Kind.REASSESSMENT_DECISION, issued_on=decided_on, issued_by=decided_by,
                 request=request, final_due=final_due)
    return request


def replace_after_reassessment(*, reassessment: EHCCase, issued_on: dt.date) -> None:
    """The plan made after a re-assessment replaces the one it re-assessed."""
    old = _locked(reassessment.reassessment_of)
    _move(old, Stage.REPLACED)
    old.closed_on = issued_on
    old.save()
    _event(old, CaseEvent.Kind.REPLACED, on=issued_on,
           detail=f"The plan made after the re-assessment ({reassessment.reference}) replaces this one.")



@transaction.atomic
def post16_move_record(*, case: EHCCase, user, move_on: dt.date | None) -> EHCCase:
    """Record (or clear) a young person's planned move between post-16 institutions: the plan must be reviewed and
    amended at least 5 months before it (reg 18(2))."""
    case = _locked(case)
    if case.stage != Stage.FINAL_ISSUED:
        raise MoveNotAllowed("Only a plan the council maintains can record a planned move.")
    if move_on is not None and move_on <= timezone.localdate():
        raise ValidationError({"move_on": "The move must be in the future."})
    case.post16_move_on = move_on
    case.save()
    if move_on:
        _event(case, CaseEvent.Kind.TRANSFER_RECORDED, actor=user,
               detail=f"A move to another college or post-16 provider is planned for {govuk_date(move_on)}. The "
                      f"amended plan is due by {govuk_date(deadlines.post16_transfer_deadline(move_on))}.")
    return case
