"""Pages for keeping a plan alive: the review control tower, phase transfers, and each plan's review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from send_portal.core.flows import action_form_page

from . import deadlines, selectors, services
from .forms import (
    AmendedPlanIssueForm,
    AmendmentWithdrawForm,
    ContributionForm,
    ReviewArrangeForm,
    ReviewDecisionForm,
    ReviewMeetingForm,
    ReviewOpenForm,
    ReviewTowerFilterForm,
)
from .models import AnnualReview, PlanVersion, ReviewParty
from .views import _family_can_respond


def review_tower(request):
    today = timezone.localdate()
    form = ReviewTowerFilterForm(request.GET or None, today=today)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.review_tower(request.user, today=today, **{key: value for key, value in filters.items() if value})
    return render(request, "ehc/review_tower.html", {"form": form, "rows": rows, "today": today},
                  status=400 if form.errors else 200)


def phase_transfers(request):
    today = timezone.localdate()
    return render(request, "ehc/phase_transfers.html", {
        "rows": selectors.phase_transfers(request.user, today), "today": today,
        "autumn": today.month >= 9, "transfer_year": today.year + 1 if today.month >= 9 else today.year})


def _review_page_context(request, case):
    review = selectors.open_review(case) or selectors.last_complete_review(case)
    can_run = selectors.may_run_review(request.user, case, review)
    can_change = selectors.user_may(request.user, selectors.CHANGE_CASE, case)
    can_decide = selectors.user_may(request.user, selectors.DECIDE_CASE, case)
    own = [] if review is None else list(selectors.contributions_for(request.user).filter(review=review))
    # What the family and the professionals wrote goes only to the people in the review: those running it, the
    # council, the family and the invitees. Another school that can see the case does not see it.
    involved = can_run or can_change or bool(own) or _family_can_respond(request.user, case)
    report_visible = involved and review is not None and (can_run or review.report_submitted_on is not None)
    advice_visible = involved and review is not None and (can_run or review.advice_circulated_on is not None)
    editing = case.plan_versions.filter(status=PlanVersion.Status.EDITING).first()
    return {
        "case": case, "review": review, "due_on": selectors.next_review_due(case),
        "deadlines": selectors.review_deadlines(review) if review else [],
        "can_run": can_run, "can_change": can_change, "can_decide": can_decide, "own_contributions": own,
        "contributions": selectors.circulated_advice(review) if review and advice_visible else [],
        "invitees": review.contributions.select_related("organisation") if review and can_run else [],
        "report_visible": report_visible,
        "progress": review.progress.select_related("outcome") if review and report_visible else [],
        "recommendations": review.recommendations.all() if review and report_visible else [],
        "transfer": selectors.phase_transfer_for(case),
        "amendment_in_progress": editing,
        "history": case.reviews.filter(status=AnnualReview.Status.COMPLETE).order_by("-number"),
        "needs_pfa": review is not None and selectors.review_needs_preparing_for_adulthood(review),
    }


def review(request, pk):
    case = selectors.review_case_for(request.user, pk)
    if case.stage != "final_issued":
        raise Http404("This case has no plan to review.")
    return render(request, "ehc/review.html", _review_page_context(request, case))


def _open_review(request, case):
    current = selectors.open_review(case)
    if current is None:
        raise Http404("No review is open for this plan.")
    return current


def _review_form_page(request, case, form, **kwargs):
    return action_form_page(request, form, caption=f"{case.child.full_name} – {case.reference}",
                            done_url=reverse("ehc_review", args=[case.pk]), **kwargs)


def review_open(request, pk):
    case = selectors.case_get_for_change(request.user, pk, purpose="review")
    if case.stage != "final_issued":
        raise Http404("This case has no plan to review.")
    if selectors.open_review(case):
        messages.info(request, "A review of this plan is already open.")
        return redirect("ehc_review", pk=case.pk)
    return _review_form_page(
        request, case, ReviewOpenForm(request.POST or None, initial={"due_on": selectors.next_review_due(case)}),
        title="Bring the review forward", submit_text="Open the review",
        hint=f"The review is due by {selectors.next_review_due(case):%d %B %Y}. The school or the council then "
             "arranges the meeting.", success="The review is open.",
        save=lambda data: services.review_open(case=case, due_on=data["due_on"], reason="brought_forward",
                                               reason_detail=data["reason_detail"], opened_by=request.user))


def review_arrange(request, pk):
    case = selectors.review_case_for_running(request.user, pk)
    if selectors.open_review(case) is None and not selectors.user_may(request.user, selectors.CHANGE_CASE, case):
        raise Http404("No review is open for this plan.")
    return _review_form_page(
        request, case, ReviewArrangeForm(request.POST or None), title="Arrange the review meeting",
        submit_text="Send the invitations",
        hint="The family, the council, health and social care are invited, and asked for their views and advice. "
             "The advice is circulated to everyone at least 2 weeks before the meeting.",
        success="The invitations have been sent.",
        save=lambda data: services.review_arrange_for_case(case=case, arranged_by=request.user, **data))


@require_POST
def review_circulate(request, pk):
    case = selectors.review_case_for_running(request.user, pk)
    try:
        services.review_circulate_advice(review=_open_review(request, case), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The advice has been sent to everyone invited to the meeting.")
    return redirect("ehc_review", pk=case.pk)


def review_meeting(request, pk):
    case = selectors.review_case_for_running(request.user, pk)
    current = _open_review(request, case)
    if current.meeting_on is None:
        messages.info(request, "Arrange the review meeting first.")
        return redirect("ehc_review", pk=case.pk)
    final = selectors.final_plan(case)
    outcomes = list(final.outcomes.order_by("order"))
    saved_progress = {item.outcome_id: item for item in current.progress.all()}
    initial = {"version": current.version, "child_views": current.child_views, "family_views": current.family_views,
               "preparing_for_adulthood": current.preparing_for_adulthood, "disagreements": current.disagreements,
               **{f"recommend_{item.section}": item.text for item in current.recommendations.all()}}
    for outcome_pk, item in saved_progress.items():
        initial.update({f"progress_{outcome_pk}": item.progress, f"progress_comment_{outcome_pk}": item.comment})
    form = ReviewMeetingForm(request.POST or None, initial=initial, outcomes=outcomes,
                             sections=services.REVIEW_RECOMMENDATION_SECTIONS,
                             needs_pfa=selectors.review_needs_preparing_for_adulthood(current))
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.review_record_meeting(
                review=current, user=request.user, expected_version=form.cleaned_data["version"], submit=submit,
                child_views=form.cleaned_data["child_views"], family_views=form.cleaned_data["family_views"],
                preparing_for_adulthood=form.cleaned_data.get("preparing_for_adulthood", ""),
                disagreements=form.cleaned_data["disagreements"], progress=form.progress(),
                recommendations=form.recommendations())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The report has been sent to the council." if submit
                             else "The meeting record has been saved. It has not been sent to the council yet.")
            return redirect("ehc_review", pk=case.pk)
    return render(request, "ehc/review_meeting.html", {
        "case": case, "review": current, "form": form, "report_due": deadlines.review_report_due(current.meeting_on)},
                  status=400 if request.method == "POST" else 200)


@require_POST
def review_amend_start(request, pk):
    case = selectors.case_get_for_change(request.user, pk, purpose="amend plan")
    try:
        services.review_start_amendment(review=_open_review(request, case), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("ehc_review", pk=case.pk)
    messages.success(request, "Write the proposed amendments. They are sent to the family with the decision.")
    return redirect("ehc_plan", pk=case.pk)


def review_decide(request, pk):
    case = selectors.case_get_for_change(request.user, pk, perm=selectors.DECIDE_CASE, purpose="review decision")
    current = _open_review(request, case)
    has_amendment = case.plan_versions.filter(status=PlanVersion.Status.EDITING).exists()
    return _review_form_page(
        request, case, ReviewDecisionForm(request.POST or None, has_amendment=has_amendment),
        title="Decide after the review", submit_text="Send the decision",
        hint="Decide within 4 weeks of the meeting. An amendment goes with the proposed changes, and the family has "
             "15 days to respond. Keeping the plan as it is can be appealed: the letter says how.",
        success="The decision has been sent to the family.",
        save=lambda data: services.review_decide(review=current, decided_by=request.user, **data))


def review_amended_issue(request, pk):
    case = selectors.case_get_for_change(request.user, pk, perm=selectors.DECIDE_CASE, purpose="finalise")
    current = _open_review(request, case)
    previous = selectors.final_plan(case)
    return _review_form_page(
        request, case, AmendedPlanIssueForm(request.POST or None, case=case, current=previous.placement),
        title="Issue the amended plan", submit_text="Issue the amended plan",
        hint="The amended plan is sent to the family, the school or college and the NHS, with appeal rights.",
        success="The amended plan has been issued.",
        save=lambda data: services.amended_plan_issue(review=current, issued_by=request.user, **data))


def review_contribution(request, pk):
    contribution = selectors.contribution_get_for(request.user, pk)
    current = contribution.review
    form = ContributionForm(request.POST or None, initial={"advice": contribution.advice})
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_submit(contribution=contribution, submitted_by=request.user,
                                         advice=form.cleaned_data["advice"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your views and advice have been sent.")
            return redirect("ehc_review_contribution", pk=contribution.pk)
    may_see_case = contribution.party in (ReviewParty.FAMILY, ReviewParty.COUNCIL, ReviewParty.SCHOOL)
    return render(request, "ehc/review_contribution.html", {
        "contribution": contribution, "review": current, "case": current.case, "form": form,
        "others": selectors.circulated_advice(current) if current.advice_circulated_on else [],
        "may_see_case": may_see_case,
    }, status=400 if request.method == "POST" else 200)


def review_keep(request, pk):
    case = selectors.case_get_for_change(request.user, pk, perm=selectors.DECIDE_CASE, purpose="review decision")
    current = _open_review(request, case)
    return _review_form_page(
        request, case, AmendmentWithdrawForm(request.POST or None), title="Decide not to amend the plan",
        submit_text="Send the decision",
        hint="Having considered the family's response, the council can decide not to amend the plan after all. It "
             "must say why, and the family can appeal.", success="The decision has been sent to the family.",
        save=lambda data: services.amendment_withdraw(review=current, decided_by=request.user, **data))
