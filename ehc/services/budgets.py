"""Personal budgets (CFA 2014 s.49; Personal Budgets Regulations 2014, see ../shared/domain/statutory.md §6)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import (
    AnnualReview,
    BudgetArea,
    BudgetForm,
    CaseEvent,
    EHCCase,
    Letter,
    PersonalBudgetRequest,
    Stage,
)
from .assessment import MoveNotAllowed, _event, _locked, _tell_family
from .letters import letter_issue


def _when_requestable(case: EHCCase) -> str:
    """PB Regulations reg 4: once the council will prepare a plan, or while it is reviewed or re-assessed."""
    if case.reassessment_of_id and case.stage in (Stage.ASSESSING, Stage.DRAFTING, Stage.DRAFT_SERVED):
        return "reassessment"
    if case.stage in (Stage.DRAFTING, Stage.DRAFT_SERVED):
        return "draft"
    if case.stage == Stage.FINAL_ISSUED and case.reviews.exclude(status=AnnualReview.Status.COMPLETE).exists():
        return "review"
    raise MoveNotAllowed("A personal budget can be asked for while the plan is being drafted, reviewed or "
                         "re-assessed. Ask the caseworker when the next review is.")


@transaction.atomic
def personal_budget_request(*, case: EHCCase, requested_by, forms_wanted: list, areas: list,
                            provision_wanted: str) -> PersonalBudgetRequest:
    case = _locked(case)
    during = _when_requestable(case)
    if case.personal_budgets.filter(status__in=[PersonalBudgetRequest.Status.REQUESTED,
                                                PersonalBudgetRequest.Status.REVIEW_REQUESTED]).exists():
        raise MoveNotAllowed("A request for a personal budget is already with the council.")
    if not forms_wanted or set(forms_wanted) - set(BudgetForm.values):
        raise ValidationError({"forms_wanted": "Choose how you would like the budget held."})
    if not areas or set(areas) - set(BudgetArea.values):
        raise ValidationError({"areas": "Choose what the budget is for."})
    if not provision_wanted.strip():
        raise ValidationError({"provision_wanted": "Say which provision you would like to direct."})
    request = PersonalBudgetRequest.objects.create(
        case=case, requested_by=requested_by, requested_on=timezone.localdate(), during=during,
        forms_wanted=sorted(forms_wanted), areas=sorted(areas), provision_wanted=provision_wanted.strip())
    _event(case, CaseEvent.Kind.PERSONAL_BUDGET, actor=requested_by, detail="The family asked for a personal budget.")
    return request


@transaction.atomic
def personal_budget_decide(*, budget: PersonalBudgetRequest, decided_by, agree: bool, reasons: str,
                           agreed_form: str = "", agreed_area: str = "", annual_amount: Decimal | None = None,
                           decided_on: dt.date | None = None) -> PersonalBudgetRequest:
    """Agree the budget's form, area and amount for section J, or refuse with reasons and the right to a review
    (PB Regulations reg 7)."""
    budget = PersonalBudgetRequest.objects.select_for_update().select_related("case").get(pk=budget.pk)
    if budget.status not in (PersonalBudgetRequest.Status.REQUESTED, PersonalBudgetRequest.Status.REVIEW_REQUESTED):
        raise MoveNotAllowed("The council has already answered this request.")
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons: the family is told them."})
    if agree:
        if agreed_form not in BudgetForm.values:
            raise ValidationError({"agreed_form": "Choose how the budget will be held."})
        if agreed_area not in BudgetArea.values:
            raise ValidationError({"agreed_area": "Choose what the budget is for."})
        if annual_amount is None or annual_amount <= 0:
            raise ValidationError({"annual_amount": "Enter the amount a year, more than £0."})
    budget.reconsidered = budget.status == PersonalBudgetRequest.Status.REVIEW_REQUESTED
    budget.status = PersonalBudgetRequest.Status.AGREED if agree else PersonalBudgetRequest.Status.REFUSED
    budget.decided_on = decided_on or timezone.localdate()
    budget.decided_by = decided_by
    budget.reasons = reasons.strip()
    budget.agreed_form, budget.agreed_area = (agreed_form, agreed_area) if agree else ("", "")
    budget.annual_amount = annual_amount if agree else None
    budget.full_clean()
    budget.save()
    _event(budget.case, CaseEvent.Kind.PERSONAL_BUDGET, actor=decided_by, on=budget.decided_on,
           detail="The council agreed a personal budget. Section J of the plan will set it out." if agree else
           "The council refused the personal budget"
           + (" after reconsidering." if budget.reconsidered else ". You can ask it to reconsider."))
    _tell_family(budget.case, "ehc_personal_budget_decided", key=f"personal_budget:{budget.pk}:{budget.status}",
                 budget=budget)
    letter_issue(case=budget.case, kind=Letter.Kind.PERSONAL_BUDGET_DECISION, issued_on=budget.decided_on,
                 issued_by=decided_by, budget=budget)
    return budget


@transaction.atomic
def personal_budget_ask_review(*, budget: PersonalBudgetRequest, user) -> PersonalBudgetRequest:
    budget = PersonalBudgetRequest.objects.select_for_update().select_related("case").get(pk=budget.pk)
    if budget.status != PersonalBudgetRequest.Status.REFUSED or budget.reconsidered:
        raise MoveNotAllowed("Only a refusal that has not already been reconsidered can be reviewed.")
    budget.status = PersonalBudgetRequest.Status.REVIEW_REQUESTED
    budget.review_requested_on = timezone.localdate()
    budget.save()
    _event(budget.case, CaseEvent.Kind.PERSONAL_BUDGET, actor=user,
           detail="The family asked the council to reconsider refusing a personal budget.")
    return budget
