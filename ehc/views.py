import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from send_portal.core.downloads import attachment
from send_portal.core.flows import QuestionsThenCheckView, action_form_page, display_value
from send_portal.organisations.models import District, Organisation, OrganisationKind, Role
from send_portal.organisations.selectors import user_roles
from send_portal.panels.selectors import items_about

from . import deadlines, selectors, services
from .forms import (
    AdviceRequestForm,
    AdviceReturnForm,
    AdviceWriteForm,
    AttentionForm,
    ConsultationAnswerForm,
    ConsultationSendForm,
    DecisionForm,
    DisagreementForm,
    DraftResponseForm,
    ExceptionForm,
    FamilyRequestForm,
    FinalIssueForm,
    IssueDecisionForm,
    NeedForm,
    NewChildRequestForm,
    OutcomeForm,
    PlanTextForm,
    ProvisionForm,
    RequestChildForm,
    SchoolRequestForm,
    ToPanelForm,
    TriageForm,
)
from .models import (
    NEED_SECTIONS,
    PROVISION_SECTIONS,
    AdviceStatus,
    Disagreement,
    Document,
    PlanNeed,
    PlanOutcome,
    PlanProvision,
    RequesterKind,
    Stage,
)
from .uploads import display_name


def _request_form_class(case):
    return SchoolRequestForm if case.requester_kind == RequesterKind.SCHOOL else FamilyRequestForm


def _requester_kind_for(user, child):
    from send_portal.people.models import Relationship

    link = child.family_links.filter(user=user, ended_at__isnull=True).first()
    if link:
        return RequesterKind.YOUNG_PERSON if link.relationship == Relationship.SELF else RequesterKind.PARENT
    return RequesterKind.SCHOOL


def case_list(request):
    roles = user_roles(request.user)
    if roles & {Role.LA_CASEWORKER, Role.LA_MANAGER}:
        return work_tray(request)
    cases = selectors.cases_visible_to(request.user).exclude(stage=Stage.DRAFT)
    drafts = selectors.cases_visible_to(request.user).filter(stage=Stage.DRAFT)
    return render(request, "ehc/case_list.html", {
        "rows": [(case, selectors.next_deadline(case)) for case in cases],
        "drafts": drafts,
        "can_request": bool(user_roles(request.user) & {Role.SENCO, Role.PARENT_CARER, Role.YOUNG_PERSON}),
    })


def work_tray(request):
    filters = {
        "stage": request.GET.get("stage", "") if request.GET.get("stage", "") in Stage.values else "",
        "overdue": request.GET.get("overdue") == "1",
        "with_exceptions": request.GET.get("exceptions") == "1",
    }
    schools = Organisation.objects.filter(kind=OrganisationKind.SCHOOL, is_active=True)
    districts = District.objects.all()
    setting = schools.filter(pk=request.GET.get("school")).first() if request.GET.get("school", "").isdigit() else None
    district = districts.filter(pk=request.GET.get("district")).first() \
        if request.GET.get("district", "").isdigit() else None
    rows = selectors.work_tray(request.user, setting=setting, district=district, **filters)
    return render(request, "ehc/work_tray.html", {
        "partners": selectors.advice_timeliness_by_partner(request.user),
        "timeliness": selectors.timeliness(request.user),
        "rows": rows, "stages": [s for s in Stage if s != Stage.DRAFT], "schools": schools, "districts": districts,
        "selected": {**filters, "school": setting, "district": district},
    })


def request_new(request):
    form = RequestChildForm(request.POST or None, user=request.user)
    if not form.fields["child"].queryset.exists():
        return redirect("ehc_request_new_child")
    if request.method == "POST":
        if form.is_valid():
            child = form.cleaned_data["child"]
            kind = _requester_kind_for(request.user, child)
            setting = child.current_setting if kind == RequesterKind.SCHOOL else None
            case = services.case_start(requested_by=request.user, child=child, requester_kind=kind,
                                       requesting_setting=setting)
            return redirect("ehc_request_edit", pk=case.pk)
        return render(request, "core/form_page.html", {"form": form, "page_title": "Ask for an EHC needs assessment",
                                                       "back_url": reverse("ehc_case_list")}, status=400)
    return render(request, "core/form_page.html", {
        "form": form, "page_title": "Ask for an EHC needs assessment", "back_url": reverse("ehc_case_list"),
        "secondary_link": {"href": reverse("ehc_request_new_child"),
                           "text": "The child or young person is not listed"},
        "hint": "An education, health and care (EHC) needs assessment is how the council finds out what support a "
                "child or young person needs, and whether they need an EHC plan.",
    })


@sensitive_post_parameters()
def request_edit(request, pk):
    case = selectors.draft_get_for(request.user, pk)
    form_class = _request_form_class(case)
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                version = int(request.POST.get("version", "0"))
                services.case_save_draft(case=case, user=request.user, expected_version=version,
                                         **form.cleaned_data)
            except (ValidationError, ValueError) as error:
                form.add_error(None, error if isinstance(error, ValidationError) else "Reload the page and try again")
            else:
                if "save_draft" in request.POST:
                    messages.success(request, f"Your request {case.reference} has been saved. You can come back "
                                              "and finish it at any time.")
                    return redirect("ehc_case_list")
                return redirect("ehc_request_check", pk=case.pk)
        status = 400
    else:
        form = form_class(initial={field: getattr(case, field) for field in form_class.base_fields})
        status = 200
    return render(request, "ehc/request_edit.html", {"form": form, "case": case,
                                                     "documents": case.documents.all()}, status=status)


def request_check(request, pk):
    case = selectors.draft_get_for(request.user, pk)
    problems = services.request_problems(case)
    if request.method == "POST":
        try:
            services.case_submit(case=case, user=request.user)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, f"Your request has been sent. Your reference is {case.reference}.")
            return redirect("ehc_case_detail", pk=case.pk)
    form = _request_form_class(case)(initial={field: getattr(case, field) for field in _request_form_class(
        case).base_fields})
    rows = [{"label": form.fields[name].label, "value": display_value(form.fields[name], getattr(case, name))}
            for name in form.fields]
    return render(request, "ehc/request_check.html", {"case": case, "rows": rows, "problems": problems},
                  status=400 if request.method == "POST" else 200)


def case_detail(request, pk):
    case = selectors.case_get_for(request.user, pk)
    can_change = selectors.user_may(request.user, selectors.CHANGE_CASE, case)
    can_decide = selectors.user_may(request.user, selectors.DECIDE_CASE, case)
    is_family = case.child.family_links.filter(user=request.user, ended_at__isnull=True).exists()
    final = selectors.final_plan(case)
    return render(request, "ehc/case_detail.html", {
        "case": case,
        "deadlines": selectors.case_deadlines(case),
        "events": selectors.timeline(case, for_family=not can_change),
        "notices": case.notices.select_related("organisation"),
        "exceptions": case.exceptions.all(),
        "documents": case.documents.all(),
        "advice_to_request": selectors.advice_still_to_request(case) if can_change and case.stage == Stage.ASSESSING
        else [],
        "panel_items": items_about(case) if can_change else [],
        "can_take_to_panel": can_change and case.stage in (Stage.RECEIVED, Stage.CONSIDERING, Stage.ASSESSING),
        "advice": [(advice, selectors.advice_state(advice)) for advice in
                   case.advice_requests.select_related("organisation")],
        "can_change": can_change,
        "can_decide": can_decide and case.stage in (Stage.RECEIVED, Stage.CONSIDERING),
        "can_triage": can_change and case.stage in (Stage.RECEIVED, Stage.CONSIDERING),
        "can_decide_issue": can_decide and case.stage == Stage.ASSESSING,
        "can_issue_final": can_decide and case.stage == Stage.DRAFT_SERVED,
        "consultations": case.consultations.select_related("setting"),
        "final": final,
        "disagreements": [(item, deadlines.appeal_deadline(item.decision_sent_on, item.certificate_on))
                          for item in case.disagreements.all()],
        "can_record_disagreement": can_change and case.stage in (Stage.NOT_ASSESSING, Stage.NOT_ISSUING,
                                                                 Stage.FINAL_ISSUED),
        "final_appeal_by": deadlines.appeal_deadline(final.issued_on) if final else None,
        "is_family": is_family,
        "appeal_by": deadlines.appeal_deadline(case.decision_to_issue_on or case.decision_to_assess_on)
        if case.stage in (Stage.NOT_ASSESSING, Stage.NOT_ISSUING) else None,
    })


def triage(request, pk):
    case = selectors.case_get_for_change(request.user, pk)
    if request.method == "POST":
        form = TriageForm(request.POST, case=case)
        if form.is_valid():
            try:
                if form.cleaned_data["caseworker"] and form.cleaned_data["caseworker"] != case.caseworker:
                    case = services.case_assign_caseworker(case=case, caseworker=form.cleaned_data["caseworker"],
                                                           assigned_by=request.user)
                services.case_triage(case=case, user=request.user, notices=form.notices(case),
                                     family_consulted_on=form.cleaned_data["family_consulted_on"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The notices and consultation have been recorded.")
                return redirect("ehc_case_detail", pk=case.pk)
        status = 400
    else:
        told = {notice.recipient: notice.sent_on for notice in case.notices.all()}
        form = TriageForm(case=case, initial={
            "caseworker": case.caseworker, "health_told_on": told.get("health"),
            "social_care_told_on": told.get("social_care"), "head_teacher_told_on": told.get("head_teacher"),
            "family_consulted_on": case.family_consulted_on})
        status = 200
    return render(request, "core/form_page.html", {
        "form": form, "page_title": "Notices and consultation", "caption": f"{case.child.full_name} – {case.reference}",
        "hint": "While deciding whether to assess, the council must tell the NHS, social care and the head teacher "
                "(SEND Regulations 2014, regulation 4(2)), and ask the family for their views.",
        "submit_text": "Save", "back_url": reverse("ehc_case_detail", args=[case.pk]),
    }, status=status)


def _case_form_page(request, case, form, *, title, submit_text, save, success, hint="", done_url=None):
    return action_form_page(request, form, title=title, caption=f"{case.child.full_name} – {case.reference}",
                            submit_text=submit_text, save=save, success=success, hint=hint,
                            done_url=done_url or reverse("ehc_case_detail", args=[case.pk]))


def decide(request, pk):
    case = selectors.case_get_for_change(request.user, pk, perm=selectors.DECIDE_CASE, purpose="decide")
    return _case_form_page(
        request, case, DecisionForm(request.POST or None), title="Decide whether to assess",
        submit_text="Record the decision", hint=_panel_hint(case),
        success="The decision has been recorded and the family has been told.",
        save=lambda data: services.case_decide_assessment(case=case, decided_by=request.user, assess=data["assess"],
                                                          reasons=data["reasons"], decided_on=data["decided_on"]))


def decide_issue(request, pk):
    case = selectors.case_get_for_change(request.user, pk, perm=selectors.DECIDE_CASE, purpose="decide")
    if case.stage != Stage.ASSESSING:
        raise Http404("This case is not waiting for that decision.")
    return _case_form_page(
        request, case, IssueDecisionForm(request.POST or None), title="Decide whether to issue an EHC plan",
        submit_text="Record the decision", hint=_panel_hint(case),
        success="The decision has been recorded and the family has been told.",
        save=lambda data: services.case_decide_issue(case=case, decided_by=request.user, issue=data["assess"],
                                                     reasons=data["reasons"], decided_on=data["decided_on"]))


def _panel_hint(case) -> str:
    item = items_about(case).exclude(recommendation="").order_by("-recorded_at").first()
    if item is None:
        return ""
    return (f"The {item.meeting.panel} was asked: {item.question} It recommended: "
            f"{item.get_recommendation_display().lower()}. Its reasons: {item.reasons}")


def decision_letter(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="letter")
    if case.decision_to_assess_on is None:
        raise Http404("No decision yet.")
    latest = case.decision_to_issue_on or case.decision_to_assess_on
    return render(request, "ehc/decision_letter.html", {
        "case": case,
        "letter_date": latest,
        "appeal_by": deadlines.appeal_deadline(latest),
        "issue_by": deadlines.decision_to_issue_due(case.received_on),
        "final_by": deadlines.final_plan_due(case.received_on),
    })


def exception_new(request, pk):
    case = selectors.case_get_for_change(request.user, pk)
    return _case_form_page(
        request, case, ExceptionForm(request.POST or None), title="Record an exception to a time limit",
        submit_text="Record the exception",
        hint="Only the exceptions in the regulations count. The family must be told when one is relied on.",
        success="The exception has been recorded and the family has been told.",
        save=lambda data: services.exception_record(case=case, recorded_by=request.user, **data))


def advice_new(request, pk):
    case = selectors.case_get_for_change(request.user, pk)
    return _case_form_page(
        request, case, AdviceRequestForm(request.POST or None), title="Request advice", submit_text="Request advice",
        hint="Each adviser has 6 weeks to reply. Ask for preparing for adulthood advice from Year 9.",
        success="Advice has been requested.",
        save=lambda data: services.advice_request(case=case, requested_by=request.user, **data))


def advice_tray(request):
    rows = [(advice, selectors.advice_state(advice)) for advice in selectors.advice_tray(request.user)]
    return render(request, "ehc/advice_tray.html", {"rows": rows})


def advice_detail(request, pk):
    advice = selectors.advice_get_for_adviser(request.user, pk)
    editable = advice.status in (AdviceStatus.REQUESTED, AdviceStatus.DRAFT, AdviceStatus.RETURNED)
    status = 200
    if request.method == "POST" and editable:
        form = AdviceWriteForm(request.POST)
        if form.is_valid():
            try:
                services.advice_save(advice=advice, adviser=request.user, text=form.cleaned_data["advice"],
                                     expected_version=int(request.POST.get("version", "0") or 0),
                                     submit="submit" in request.POST)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Your advice has been sent to the council." if "submit" in request.POST
                                 else "Your advice has been saved. It has not been sent yet.")
                return redirect("ehc_advice_detail", pk=advice.pk)
        status = 400
    else:
        form = AdviceWriteForm(initial={"advice": advice.advice})
    return render(request, "ehc/advice_detail.html", {
        "advice": advice, "form": form, "editable": editable, "state": selectors.advice_state(advice),
        "documents": advice.documents.all(),
    }, status=status)


def advice_review(request, pk):
    advice = selectors.advice_get_for_council(request.user, pk)
    form = AdviceReturnForm(request.POST or None)
    if request.method == "POST":
        try:
            if "accept" in request.POST:
                services.advice_accept(advice=advice, accepted_by=request.user)
                messages.success(request, "The advice has been accepted.")
                return redirect("ehc_case_detail", pk=advice.case_id)
            if form.is_valid():
                services.advice_return(advice=advice, returned_by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, "The advice has been returned to the adviser.")
                return redirect("ehc_case_detail", pk=advice.case_id)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "ehc/advice_review.html", {"advice": advice, "form": form},
                  status=400 if request.method == "POST" else 200)


# --- The plan -----------------------------------------------------------------------------------------------

def _family_can_respond(user, case) -> bool:
    from send_portal.people.models import Relationship

    return case.child.family_links.filter(user=user, ended_at__isnull=True).filter(
        Q(has_parental_responsibility=True) | Q(relationship=Relationship.SELF)).exists()


def plan(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="plan")
    can_change = selectors.user_may(request.user, selectors.CHANGE_CASE, case)
    version = selectors.current_plan(case, for_family=not can_change)
    context = {"case": case, "version": version, "can_change": can_change}
    if version:
        needs, outcomes, provision = selectors.plan_parts(version)
        context.update({
            "needs": needs, "outcomes": outcomes, "provision": provision,
            "need_sections": NEED_SECTIONS, "provision_sections": PROVISION_SECTIONS,
            "advice_list": selectors.plan_advice_list(case),
            "problems": selectors.plan_problems(version) if can_change and version.is_editable else [],
            "responses": version.responses.filter(submitted_at__isnull=False).prefetch_related("comments")
            if can_change else [],
            "can_respond": version.status == "served" and _family_can_respond(request.user, case),
            "has_earlier": version.number > 1,
        })
    context["can_start"] = can_change and case.stage in (Stage.DRAFTING, Stage.DRAFT_SERVED) and not (
        version and version.is_editable)
    return render(request, "ehc/plan.html", context)


@require_POST
def plan_start(request, pk):
    case = selectors.case_get_for_change(request.user, pk)
    try:
        services.plan_start(case=case, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("ehc_plan", pk=case.pk)


def _editing_version(request, pk):
    case = selectors.case_get_for_change(request.user, pk)
    version = case.plan_versions.filter(status="editing").first()
    if version is None:
        raise Http404("No version of the plan is being written.")
    return case, version


def _save_or_redisplay(request, case, form, title, save):
    return _case_form_page(request, case, form, title=title, submit_text="Save", save=save,
                           success="The plan has been saved.", done_url=reverse("ehc_plan", args=[case.pk]))


def plan_text(request, pk):
    case, version = _editing_version(request, pk)
    form = PlanTextForm(request.POST or None, initial={
        "revision": version.revision, "views_interests_aspirations": version.views_interests_aspirations,
        "personal_budget": version.personal_budget})
    return _save_or_redisplay(request, case, form, "Sections A and J", lambda data: services.plan_update_text(
        version=version, expected_revision=data["revision"],
        views_interests_aspirations=data["views_interests_aspirations"], personal_budget=data["personal_budget"]))


def plan_need(request, pk, item_pk=None):
    case, version = _editing_version(request, pk)
    need = get_object_or_404(version.needs, pk=item_pk) if item_pk else None
    form = NeedForm(request.POST or None, initial={"revision": version.revision, "section": getattr(
        need, "section", "B"), "text": getattr(need, "text", "")})
    return _save_or_redisplay(request, case, form, "Change a need" if need else "Add a need",
                              lambda data: services.plan_save_need(version=version, expected_revision=data["revision"],
                                                                   section=data["section"], text=data["text"],
                                                                   need=need))


def plan_outcome(request, pk, item_pk=None):
    case, version = _editing_version(request, pk)
    outcome = get_object_or_404(version.outcomes, pk=item_pk) if item_pk else None
    form = OutcomeForm(request.POST or None, version=version, initial={
        "revision": version.revision, "text": getattr(outcome, "text", ""),
        "needs": outcome.needs.all() if outcome else [],
        "preparing_for_adulthood": getattr(outcome, "preparing_for_adulthood", False)})
    return _save_or_redisplay(request, case, form, "Change an outcome" if outcome else "Add an outcome",
                              lambda data: services.plan_save_outcome(
                                  version=version, expected_revision=data["revision"], text=data["text"],
                                  needs=data["needs"], preparing_for_adulthood=data["preparing_for_adulthood"],
                                  outcome=outcome))


def plan_provision(request, pk, item_pk=None):
    case, version = _editing_version(request, pk)
    item = get_object_or_404(version.provision, pk=item_pk) if item_pk else None
    initial = {"revision": version.revision, "section": "F"}
    if item:
        initial.update({field: getattr(item, field) for field in ("section", "what", "who", "how_often", "how_long")})
        initial.update({"needs": item.needs.all(), "outcomes": item.outcomes.all()})
    form = ProvisionForm(request.POST or None, version=version, initial=initial)
    return _save_or_redisplay(request, case, form, "Change provision" if item else "Add provision",
                              lambda data: services.plan_save_provision(
                                  version=version, expected_revision=data.pop("revision"), provision=item, **data))


@require_POST
def plan_item_delete(request, pk, kind, item_pk):
    case, version = _editing_version(request, pk)
    model = {"need": PlanNeed, "outcome": PlanOutcome, "provision": PlanProvision}.get(kind)
    if model is None:
        raise Http404("No such part of the plan.")
    item = get_object_or_404(model, pk=item_pk, version=version)
    try:
        services.plan_delete_item(version=version, item=item,
                                  expected_revision=int(request.POST.get("revision", "0") or 0))
    except (ValidationError, ValueError):
        messages.error(request, "Someone else changed this plan since you opened it. Nothing was removed; reload "
                                "the page and try again.")
    else:
        messages.success(request, "Removed from the plan.")
    return redirect("ehc_plan", pk=case.pk)


@require_POST
def plan_serve(request, pk):
    case, version = _editing_version(request, pk)
    try:
        services.plan_serve(version=version, user=request.user)
    except ValidationError as error:
        messages.error(request, "The draft cannot be sent yet: " + "; ".join(error.messages))
        return redirect("ehc_plan", pk=case.pk)
    messages.success(request, "The draft plan has been sent to the family.")
    return redirect("ehc_case_detail", pk=case.pk)


def plan_respond(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="respond")
    version = selectors.current_plan(case, for_family=True)
    if version is None or version.status != "served" or not _family_can_respond(request.user, case):
        raise Http404("There is no draft plan waiting for your response.")
    response = version.responses.filter(author=request.user).first()
    if response and response.submitted_at:
        return render(request, "ehc/plan_responded.html", {"case": case, "version": version, "response": response})
    initial = {}
    if response:
        initial = {"wants_meeting": response.wants_meeting, "preferred_setting": response.preferred_setting,
                   "wants_personal_budget": response.wants_personal_budget,
                   **{f"comment_{c.section}": c.text for c in response.comments.all()}}
    form = DraftResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.draft_respond(version=version, author=request.user, comments=form.comments(), submit=submit,
                                   **{key: form.cleaned_data[key] for key in
                                      ("wants_meeting", "preferred_setting", "wants_personal_budget")})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your response has been sent to the council." if submit
                             else "Your response has been saved. It has not been sent yet.")
            return redirect("ehc_plan", pk=case.pk)
    return render(request, "ehc/plan_respond.html", {"case": case, "version": version, "form": form},
                  status=400 if request.method == "POST" else 200)


def plan_compare(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="plan")
    can_change = selectors.user_may(request.user, selectors.CHANGE_CASE, case)
    versions = list(case.plan_versions.order_by("number"))
    if not can_change:
        versions = [version for version in versions if version.status != "editing"]
    if len(versions) < 2:
        raise Http404("There is only one version of this plan.")
    older, newer = versions[-2], versions[-1]
    return render(request, "ehc/plan_compare.html", {"case": case, "older": older, "newer": newer,
                                                     "changes": selectors.plan_difference(older, newer)})


# --- Consultation, the final plan and its PDF -------------------------------------------------------------

def consultation_new(request, pk):
    case = selectors.case_get_for_change(request.user, pk)
    served = case.plan_versions.filter(status="served").first()
    preferred = served.responses.exclude(preferred_setting=None).values_list("preferred_setting", flat=True).first() \
        if served else None
    return _case_form_page(
        request, case, ConsultationSendForm(request.POST or None, initial={"setting": preferred}),
        title="Consult a school or college", submit_text="Send the consultation",
        hint="The setting sees the draft plan and replies in the portal. It should reply within 15 days.",
        success="The school or college has been asked to reply within 15 days.",
        save=lambda data: services.consultation_send(case=case, setting=data["setting"], sent_by=request.user))


def consultation(request, pk):
    item = selectors.consultation_get_for_setting(request.user, pk)
    version = selectors.current_plan(item.case, for_family=True)
    form = ConsultationAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_answer(consultation=item, answered_by=request.user,
                                         agree=form.cleaned_data["agree"],
                                         decline_ground=form.cleaned_data["decline_ground"],
                                         comments=form.cleaned_data["comments"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your reply has been sent to the council.")
            return redirect("home")
    needs, outcomes, provision = selectors.plan_parts(version) if version else ([], [], [])
    return render(request, "ehc/consultation.html", {
        "consultation": item, "version": version, "needs": needs, "outcomes": outcomes, "provision": provision,
        "form": form}, status=400 if request.method == "POST" else 200)


def final_issue(request, pk):
    case = selectors.case_get_for_change(request.user, pk, perm=selectors.DECIDE_CASE, purpose="finalise")
    return _case_form_page(
        request, case, FinalIssueForm(request.POST or None, case=case), title="Issue the final plan",
        submit_text="Issue the final plan",
        hint="The final plan may only differ from the draft because of the family's comments and the placement.",
        success="The final plan has been issued and sent to the family, the school or college and the NHS.",
        save=lambda data: services.plan_issue_final(case=case, issued_by=request.user, **data))


def plan_pdf(request, pk):
    case = selectors.case_get_for(request.user, pk, purpose="download plan")
    version = selectors.final_plan(case)
    if version is None or not version.pdf:
        raise Http404("The PDF of the final plan is not ready yet.")
    return attachment(version.pdf.open("rb"), filename=f"EHC-plan-{case.reference}.pdf",
                      content_type="application/pdf")


def disagreement(request, pk):
    case = selectors.case_get_for_change(request.user, pk)
    decisions = [(value, label) for value, label in Disagreement.Decision.choices
                 if services._decision_date(case, value) is not None]
    if not decisions:
        raise Http404("There is no decision on this case that can be appealed.")
    # Each appealable decision has its own record: the one asked for, or the latest one touched.
    chosen = request.POST.get("decision") or request.GET.get("decision")
    existing = (case.disagreements.filter(decision=chosen).first() if chosen
                else case.disagreements.order_by("-updated_at").first())
    initial = {field: getattr(existing, field) for field in ("decision", *services.DISAGREEMENT_FIELDS)} \
        if existing else {"decision": chosen}
    steps = selectors.tribunal_order_steps(existing) if existing else []
    for step, done in (existing.order_steps_done.items() if existing else []):
        initial[f"order_step_{step}"] = dt.date.fromisoformat(done)
    form = DisagreementForm(request.POST or None, decisions=decisions, initial=initial,
                            order_steps=[(label, due) for label, due, _ in steps])
    return _case_form_page(
        request, case, form, title="Mediation and appeal", submit_text="Save",
        success="Mediation and appeal details have been saved.",
        save=lambda data: services.disagreement_save(
            case=case, recorded_by=request.user, order_steps_done=form.order_steps_done(),
            **{key: value for key, value in data.items() if not key.startswith("order_step_")}))


# --- Documents ----------------------------------------------------------------------------------------------

def _upload_error_page(request, message, back):
    return render(request, "ehc/upload_error.html", {"error": message, "back_url": back}, status=400)


def _added_message(document, where):
    if not document.downloadable:
        return (f"{document.original_name} has been added{where.rstrip('.')}, but it could not be checked for "
                "viruses, so nobody can open it yet. Remove it and add it again later.")
    return f"{document.original_name} has been added{where}"


@require_POST
def document_upload(request, pk):
    case = selectors.draft_get_for(request.user, pk)
    back = reverse("ehc_request_edit", args=[case.pk])
    uploaded = request.FILES.get("document")
    if uploaded is None:
        return _upload_error_page(request, "Select a file to upload", back)
    try:
        document = services.document_add(case=case, uploaded=uploaded, uploaded_by=request.user,
                                          kind=Document.Kind.EVIDENCE)
    except ValidationError as error:
        return _upload_error_page(request, error.messages[0], back)
    messages.success(request, _added_message(document, "."))
    return redirect(back)


@require_POST
def advice_document_upload(request, pk):
    advice = selectors.advice_get_for_adviser(request.user, pk)
    back = reverse("ehc_advice_detail", args=[advice.pk])
    uploaded = request.FILES.get("document")
    if uploaded is None:
        return _upload_error_page(request, "Select a file to upload", back)
    if advice.status not in (AdviceStatus.REQUESTED, AdviceStatus.DRAFT, AdviceStatus.RETURNED):
        return _upload_error_page(request, "This advice has been sent, so no more reports can be added", back)
    try:
        document = services.document_add(case=advice.case, advice=advice, uploaded=uploaded,
                                          uploaded_by=request.user, kind=Document.Kind.ADVICE_REPORT)
    except ValidationError as error:
        return _upload_error_page(request, error.messages[0], back)
    messages.success(request, _added_message(document, " to your advice."))
    return redirect(back)


def document(request, pk):
    document = selectors.document_get_for(request.user, pk)
    if not document.downloadable:
        # Fails closed: a file the virus scanner did not call clean is as good as missing.
        raise Http404("No such document.")
    return attachment(document.file.open("rb"), filename=display_name(document.original_name),
                      content_type=document.content_type)


@require_POST
def document_remove(request, pk):
    document = selectors.document_get_for(request.user, pk)
    if document.uploaded_by_id != request.user.pk:
        raise Http404("No such document.")
    back = reverse("ehc_advice_detail", args=[document.advice_id]) if document.advice_id \
        else reverse("ehc_request_edit", args=[document.case_id])
    try:
        services.document_remove(document=document, user=request.user)
    except ValidationError as error:
        return _upload_error_page(request, error.messages[0], back)
    messages.success(request, f"{document.original_name} has been removed.")
    return redirect(back)


def to_panel(request, pk):
    from send_portal.panels.selectors import upcoming_meetings

    case = selectors.case_get_for_change(request.user, pk)
    purpose = "ehc_plan" if case.stage == Stage.ASSESSING else "ehc_assessment"
    form = ToPanelForm(request.POST or None, meetings=upcoming_meetings(case.local_authority, purpose))
    if not form.fields["meeting"].queryset.exists():
        form.fields["meeting"].help_text = "No meetings are scheduled. Ask the panel's clerk to add some."
    return _case_form_page(
        request, case, form, title="Take the case to a panel", submit_text="Add to the agenda",
        success="The case is on the panel's agenda.",
        save=lambda data: services.case_to_panel(case=case, added_by=request.user, **data))


class BringToAttentionView(QuestionsThenCheckView):
    form_class = AttentionForm
    page_title = "Bring a child or young person to the council's attention"
    confirm_text = "Send to the council"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **context):
        return super().get_context_data(
            hint="Anyone working with a child or young person can tell the council they may have special educational "
                 "needs. The council then has 6 weeks to decide whether to carry out an assessment.", **context)

    def done(self, form):
        try:
            case = services.case_bring_to_attention(brought_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return None
        return redirect("ehc_attention_sent", pk=case.pk)


def attention_sent(request, pk):
    """The confirmation, for the professional who sent it only: it shows the reference, not the case."""
    case = selectors.attention_get_for_sender(request.user, pk)
    return render(request, "ehc/attention_sent.html", {"case": case})


class RequestNewChildView(QuestionsThenCheckView):
    """Asking for an assessment for a child the portal does not know yet: their details are taken once, here."""

    form_class = NewChildRequestForm
    page_title = "Who is the request for?"
    confirm_text = "Continue to the request"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def done(self, form):
        try:
            case = services.case_start_for_new_child(requested_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return None
        return redirect("ehc_request_edit", pk=case.pk)
