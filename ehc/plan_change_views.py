"""Pages for other changes to a maintained plan: ceasing it, personal budgets, transfers between councils and
re-assessment."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from send_portal.core.downloads import attachment
from send_portal.core.flows import action_form_page
from send_portal.organisations.models import Role
from send_portal.organisations.selectors import active_memberships

from . import selectors, services
from .forms import (
    CeasingDecideForm,
    CeasingProposeForm,
    CeasingRespondForm,
    PersonalBudgetDecideForm,
    PersonalBudgetRequestForm,
    Post16MoveForm,
    ReassessmentDecideForm,
    ReassessmentRequestForm,
    TransferInForm,
    TransferNoticeForm,
    TransferOutForm,
)
from .models import CeasingProposal
from .views import _family_can_respond


def _form_page(request, case, form, **kwargs):
    return action_form_page(request, form, caption=f"{case.child.full_name} – {case.reference}",
                            done_url=reverse("ehc_ceasing", args=[case.pk]), **kwargs)


def _speaks_for_setting(user, proposal: CeasingProposal) -> bool:
    return proposal.setting_id is not None and any(
        membership.organisation_id == proposal.setting_id and membership.role == Role.SENCO
        for membership in active_memberships(user))


def ceasing(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="ceasing")
    proposals = list(case.ceasing_proposals.select_related("setting"))
    if not proposals:
        raise Http404("The council has not considered ceasing this plan.")
    current = proposals[0]
    can_change = selectors.user_may(request.user, selectors.CHANGE_CASE, case)
    is_family = _family_can_respond(request.user, case)
    appeal_by = selectors.ceasing_appeal_deadline(current)
    return render(request, "ehc/ceasing.html", {
        "case": case, "proposals": proposals, "current": current, "can_change": can_change,
        # Each side's views go to the council and to whoever wrote them, not to each other or to other schools.
        "show_family_response": can_change or is_family,
        "show_setting_response": can_change or _speaks_for_setting(request.user, current),
        "ends_on": appeal_by + dt.timedelta(days=1) if appeal_by else current.ceases_on,
        "can_decide": selectors.user_may(request.user, selectors.DECIDE_CASE, case),
        "may_respond": current.status == CeasingProposal.Status.CONSULTING and (
            (_family_can_respond(request.user, case) and not current.family_responded_on)
            or (_speaks_for_setting(request.user, current) and not current.setting_responded_on)),
        "appeal_by": appeal_by,
    })


def ceasing_propose(request, pk):
    case = selectors.case_get_for_change(request.user, pk, purpose="propose ceasing")
    return _form_page(
        request, case, CeasingProposeForm(request.POST or None), title="Consider ceasing the plan",
        submit_text="Tell the family and the setting",
        hint="The family and the school or college are told the council is considering ceasing the plan, and asked "
             "for their views. The plan stays in force while this happens.",
        success="The family and the setting have been asked for their views.",
        save=lambda data: services.ceasing_propose(case=case, proposed_by=request.user, **data))


def _open_proposal(case) -> CeasingProposal:
    proposal = case.ceasing_proposals.filter(status=CeasingProposal.Status.CONSULTING).first()
    if proposal is None:
        raise Http404("The council is not asking for views on ceasing this plan.")
    return proposal


def ceasing_respond(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="respond on ceasing")
    proposal = _open_proposal(case)
    as_family = _family_can_respond(request.user, case)
    if not as_family and not _speaks_for_setting(request.user, proposal):
        raise Http404("No such record.")
    return _form_page(
        request, case, CeasingRespondForm(request.POST or None), title="Your views on ceasing the plan",
        submit_text="Send your views", hint=proposal.explanation, success="Your views have been sent to the council.",
        save=lambda data: services.ceasing_respond(proposal=proposal, user=request.user, as_family=as_family,
                                                   response=data["response"]))


def ceasing_decide(request, pk):
    case = selectors.case_get_for_change(request.user, pk, perm=selectors.DECIDE_CASE, purpose="decide ceasing")
    proposal = _open_proposal(case)
    return _form_page(
        request, case, CeasingDecideForm(request.POST or None), title="Decide whether to cease the plan",
        submit_text="Send the decision", success="The decision has been sent to the family and the setting.",
        save=lambda data: services.ceasing_decide(proposal=proposal, decided_by=request.user, **data))


# --- Personal budgets ------------------------------------------------------------------------------------------

def personal_budgets(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="personal budgets")
    if not _sees_letters(request.user, case):
        raise Http404("No such record.")
    return render(request, "ehc/personal_budgets.html", {
        "case": case, "budgets": case.personal_budgets.all(),
        "is_family": _family_can_respond(request.user, case),
        "can_decide": selectors.user_may(request.user, selectors.DECIDE_CASE, case),
        "can_request": selectors.personal_budget_requestable(case),
    })


def personal_budget_request(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="ask for personal budget")
    if not _family_can_respond(request.user, case):
        raise Http404("No such record.")
    return action_form_page(
        request, PersonalBudgetRequestForm(request.POST or None), title="Ask for a personal budget",
        caption=f"{case.child.full_name} – {case.reference}", submit_text="Send the request",
        hint="A personal budget is money the council identifies for some of the provision in the plan, so that you "
             "can choose how it is arranged. The council must consider your request and, if it refuses, tell you "
             "why and let you ask it to think again.",
        success="Your request has been sent to the council.",
        done_url=reverse("ehc_personal_budgets", args=[case.pk]),
        save=lambda data: services.personal_budget_request(case=case, requested_by=request.user, **data))


def _open_budget(case, budget_pk):
    budget = case.personal_budgets.filter(pk=budget_pk).first()
    if budget is None:
        raise Http404("No such request.")
    return budget


def personal_budget_decide(request, pk, budget_pk):
    case = selectors.case_get_for_change(request.user, pk, perm=selectors.DECIDE_CASE, purpose="decide budget")
    budget = _open_budget(case, budget_pk)
    return action_form_page(
        request, PersonalBudgetDecideForm(request.POST or None), title="Decide on the personal budget",
        caption=f"{case.child.full_name} – {case.reference}", submit_text="Send the decision",
        hint=budget.provision_wanted, success="The decision has been sent to the family.",
        done_url=reverse("ehc_personal_budgets", args=[case.pk]),
        save=lambda data: services.personal_budget_decide(budget=budget, decided_by=request.user, **data))


@require_POST
def personal_budget_review(request, pk, budget_pk):
    case = selectors.case_get_for(request.user, pk, purpose="ask for budget review")
    if not _family_can_respond(request.user, case):
        raise Http404("No such record.")
    try:
        services.personal_budget_ask_review(budget=_open_budget(case, budget_pk), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The council has been asked to reconsider.")
    return redirect("ehc_personal_budgets", pk=case.pk)


# --- Transfers between councils --------------------------------------------------------------------------------

def transfer_out(request, pk):
    case = selectors.case_get_for_change(request.user, pk, purpose="transfer")
    transfer = getattr(case, "transfer_out", None)
    if transfer is not None:
        return render(request, "ehc/transfer_out.html", {"case": case, "transfer": transfer})
    return action_form_page(
        request, TransferOutForm(request.POST or None, council=case.local_authority),
        title="Record a move to another council", caption=f"{case.child.full_name} – {case.reference}",
        submit_text="Record the move", success="The move is recorded. Send the plan by the date shown.",
        done_url=reverse("ehc_transfer_out", args=[case.pk]),
        save=lambda data: services.transfer_out_record(case=case, recorded_by=request.user, **data))


@require_POST
def transfer_out_send(request, pk):
    case = selectors.case_get_for_change(request.user, pk, purpose="transfer")
    transfer = getattr(case, "transfer_out", None)
    if transfer is None:
        messages.error(request, "Record the move to the new council first.")
        return redirect("ehc_transfer_out", pk=case.pk)
    try:
        services.transfer_out_send(transfer=transfer, sent_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The plan has been transferred to {transfer.to_name}.")
    return redirect("ehc_transfer_out", pk=case.pk)


def transfer_in(request):
    council = selectors.council_for(request.user)
    return action_form_page(
        request, TransferInForm(request.POST or None, children=selectors.children_for_transfer_in(request.user)),
        title="Record a plan transferred from another council", caption="", submit_text="Record the plan",
        hint="The plan is treated as made by this council on its original date. The council must tell the family "
             "within 6 weeks, and review the plan by the later of 12 months from its last review and 3 months from "
             "the transfer.", success="The transferred plan is recorded. Tell the family within 6 weeks.",
        done_url=lambda case: reverse("ehc_case_detail", args=[case.pk]), back_url=reverse("ehc_review_tower"),
        save=lambda data: services.transfer_in_record(local_authority=council, recorded_by=request.user, **data))


def transfer_notice(request, pk):
    case = selectors.case_get_for_change(request.user, pk, purpose="transfer notice")
    if not case.transferred_in_on:
        raise Http404("This plan was not transferred from another council.")
    return action_form_page(
        request, TransferNoticeForm(request.POST or None), title="Tell the family the plan has transferred",
        caption=f"{case.child.full_name} – {case.reference}", submit_text="Send the letter",
        success="The family has been told about the transfer and when the review will be.",
        done_url=reverse("ehc_case_detail", args=[case.pk]),
        save=lambda data: services.transfer_notice_record(case=case, user=request.user, **data))


def post16_move(request, pk):
    case = selectors.case_get_for_change(request.user, pk, purpose="post-16 move")
    if case.stage != "final_issued":
        raise Http404("This case has no plan.")
    return action_form_page(
        request, Post16MoveForm(request.POST or None, initial={"move_on": case.post16_move_on}),
        title="Planned move between post-16 institutions", caption=f"{case.child.full_name} – {case.reference}",
        submit_text="Save", success="The planned move is saved.", done_url=reverse("ehc_review", args=[case.pk]),
        save=lambda data: services.post16_move_record(case=case, user=request.user, **data))


# --- Re-assessment ------------------------------------------------------------------------------------------------

def _may_ask_for_reassessment(user, case) -> bool:
    return _family_can_respond(user, case) or selectors.user_may(user, selectors.CHANGE_CASE, case) or any(
        membership.role == Role.SENCO and membership.organisation_id == getattr(case.child.current_setting, "pk", None)
        for membership in active_memberships(user))


def reassessment(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="re-assessment")
    requests = list(case.reassessment_requests.select_related("reassessment"))
    return render(request, "ehc/reassessment.html", {
        "case": case, "requests": requests, "sees_reasons": _sees_letters(request.user, case),
        "can_ask": case.stage == "final_issued" and _may_ask_for_reassessment(request.user, case)
        and not any(item.status == "requested" for item in requests),
        "can_decide": selectors.user_may(request.user, selectors.DECIDE_CASE, case),
    })


def reassessment_request(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="ask for re-assessment")
    if not _may_ask_for_reassessment(request.user, case):
        raise Http404("No such record.")
    return action_form_page(
        request, ReassessmentRequestForm(request.POST or None), title="Ask for a re-assessment",
        caption=f"{case.child.full_name} – {case.reference}", submit_text="Send the request",
        hint="The council must decide within 15 days. If it re-assesses, the plan stays in force until the new one "
             "is issued.", success="The request has been sent to the council.",
        done_url=reverse("ehc_reassessment", args=[case.pk]),
        save=lambda data: services.reassessment_request(case=case, requested_by=request.user, **data))


def reassessment_decide(request, pk):
    case = selectors.case_get_for_change(request.user, pk, perm=selectors.DECIDE_CASE, purpose="decide re-assessment")
    item = case.reassessment_requests.filter(status="requested").first()
    if item is None:
        raise Http404("There is no request for a re-assessment to decide.")
    return action_form_page(
        request, ReassessmentDecideForm(request.POST or None), title="Decide whether to re-assess",
        caption=f"{case.child.full_name} – {case.reference}", submit_text="Send the decision", hint=item.reason,
        success="The decision has been sent to the family.", done_url=reverse("ehc_reassessment", args=[case.pk]),
        save=lambda data: services.reassessment_decide(request=item, decided_by=request.user, **data))


# --- Letters and plans sent ---------------------------------------------------------------------------------------

def _sees_letters(user, case) -> bool:
    """Letters go to the family; the council holds copies. Schools see the plan, not the family's correspondence."""
    return _family_can_respond(user, case) or selectors.user_may(user, selectors.CHANGE_CASE, case)


def correspondence(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="letters")
    sent = selectors.correspondence(case)
    return render(request, "ehc/correspondence.html", {
        "case": case, "letters": sent["letters"] if _sees_letters(request.user, case) else [],
        "plan_versions": sent["plan_versions"]})


def letter_pdf(request, pk, letter_pk):
    case = selectors.case_get_for(request.user, pk, purpose="download letter")
    letter = case.letters.filter(pk=letter_pk).first()
    if letter is None or not letter.pdf or not _sees_letters(request.user, case):
        raise Http404("No such letter.")
    return attachment(letter.pdf.open("rb"), content_type="application/pdf",
                      filename=f"{case.reference}-{letter.kind}-{letter.issued_on}.pdf")


def plan_version_pdf(request, pk, number):
    case = selectors.case_get_for(request.user, pk, purpose="download plan")
    version = case.plan_versions.filter(number=number, issued_on__isnull=False).first()
    if version is None or not version.pdf:
        raise Http404("No such version of the plan.")
    return attachment(version.pdf.open("rb"), content_type="application/pdf",
                      filename=f"EHC-plan-{case.reference}-version-{version.number}.pdf")
