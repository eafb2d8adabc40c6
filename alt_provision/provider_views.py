"""The approved provider list: the provider's own application and evidence pages, and the commissioning officers'
list, provider record, evaluation, status and visit pages. Views only read through selectors and change through
services; a provider's pages come from a queryset scoped to the person's own provider organisations, so another
organisation's record is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from send_portal.core.access import get_from
from send_portal.core.dates import govuk_date
from send_portal.core.downloads import attachment
from send_portal.core.flows import action_form_page

from . import selectors, services
from .models import ApprovedProvider, Criterion, EvidenceKind, ProviderApplication
from .provider_forms import (
    ChecksForm,
    ContactForm,
    DecisionForm,
    EvidenceForm,
    LotsForm,
    ProviderFilterForm,
    ReasonForm,
    RegistrationForm,
    VisitForm,
    validation_to_form,
)

EVIDENCE_HINTS = {
    EvidenceKind.INSURANCE: "Name the insurer and the levels of cover, for example '£10 million public liability, "
                            "£5 million employer's liability'.",
    EvidenceKind.SAFEGUARDING_LEAD: "Name your designated safeguarding lead and the date of their last training.",
}


# --- Provider side -----------------------------------------------------------------------------------------------

def _own_provider(request, pk, purpose="view") -> ApprovedProvider:
    return get_from(request.user, selectors.providers_kept_by(request.user), purpose=purpose, pk=pk)


def provider_home(request):
    organisations = list(selectors.provider_organisations_for(request.user).order_by("name"))
    providers = {p.organisation_id: p for p in selectors.providers_kept_by(request.user)}
    rows = [{"organisation": org, "provider": providers.get(org.pk)} for org in organisations]
    return render(request, "alt_provision/providers/provider_home.html", {
        "page_title": "Approved provider list", "rows": rows})


@require_POST
def provider_start(request):
    organisations = selectors.provider_organisations_for(request.user)
    chosen = request.POST.get("organisation")
    if chosen:
        organisation = get_from(request.user, organisations, purpose="change", pk=chosen)
    elif organisations.count() == 1:
        organisation = organisations.get()
    else:
        messages.error(request, "Choose which organisation is applying.")
        return redirect("ap_provider_home")
    provider = services.provider_start(organisation=organisation, user=request.user)
    return redirect("ap_provider_application", pk=provider.pk)


def provider_application(request, pk):
    provider = _own_provider(request, pk)
    today = timezone.localdate()
    application = selectors.open_application(provider)
    decided = provider.applications.filter(status__in=[ProviderApplication.Status.ADMITTED,
                                                       ProviderApplication.Status.REFUSED]).first()
    return render(request, "alt_provision/providers/application.html", {
        "page_title": "Your application to the approved provider list", "provider": provider,
        "application": application, "decided": decided, "today": today,
        "tasks": selectors.application_tasks(provider, application, today),
        "can_edit": application is None or application.status == ProviderApplication.Status.DRAFT,
        "evidence": selectors.evidence_rows(provider, today), "history": provider.history.all(),
        "lots": provider.lots.all(), "back_url": reverse("ap_provider_home"),
    })


def provider_details(request, pk):
    provider = _own_provider(request, pk, purpose="change")
    initial = {"contact_name": provider.contact_name, "contact_email": provider.contact_email,
               "contact_phone": provider.contact_phone}
    form = ContactForm(request.POST or None, initial=initial)
    return action_form_page(
        request, form, title="Organisation details", caption=provider.organisation.name, submit_text="Save",
        hint="Who should we contact about your application and placements?",
        save=lambda data: services.provider_details_save(provider=provider, **data),
        success="Your organisation details have been saved.",
        done_url=reverse("ap_provider_application", args=[provider.pk]))


def provider_registration(request, pk):
    provider = _own_provider(request, pk, purpose="change")
    form = RegistrationForm(request.POST or None, initial={"registration": provider.registration, "urn": provider.urn})
    return action_form_page(
        request, form, title="Registration status", caption=provider.organisation.name, submit_text="Save",
        save=lambda data: services.provider_registration_save(provider=provider, user=request.user, **data),
        success="Your registration status has been saved.",
        done_url=reverse("ap_provider_application", args=[provider.pk]))


def provider_lots(request, pk):
    provider = _own_provider(request, pk, purpose="change")
    application = selectors.open_application(provider)
    done_url = reverse("ap_provider_application", args=[provider.pk])
    if application is not None and application.status == ProviderApplication.Status.SUBMITTED:
        messages.error(request, "Your application is waiting for a decision, so its lots cannot be changed.")
        return redirect(done_url)
    lots = selectors.open_lots()
    initial = {"lots": list(application.lots.filter(is_open=True)) if application else []}
    form = LotsForm(request.POST or None, lots=lots, initial=initial)
    hint = ""
    if provider.registration == ApprovedProvider.Registration.UNREGISTERED:
        hint = "Your organisation is not registered as a school, so it cannot join lots for registered schools only."
    return action_form_page(
        request, form, title="Lots to apply for", caption=provider.organisation.name, submit_text="Save", hint=hint,
        save=lambda data: services.application_lots_save(provider=provider, lots=data["lots"], user=request.user),
        success="The lots you are applying for have been saved.", done_url=done_url)


def provider_evidence_list(request, pk):
    provider = _own_provider(request, pk)
    return render(request, "alt_provision/providers/evidence_list.html", {
        "page_title": "Compliance evidence", "provider": provider,
        "rows": selectors.evidence_rows(provider, timezone.localdate()),
        "back_url": reverse("ap_provider_application", args=[provider.pk]),
    })


def provider_evidence(request, pk, kind):
    provider = _own_provider(request, pk, purpose="change")
    if kind not in EvidenceKind.values:
        raise Http404("No such kind of evidence.")
    label = EvidenceKind(kind).label
    current = selectors.current_evidence(provider).get(kind)
    back_url = reverse("ap_provider_evidence_list", args=[provider.pk])
    form = EvidenceForm(request.POST or None, request.FILES or None, summary_hint=EVIDENCE_HINTS.get(kind, ""))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_add(provider=provider, kind=kind, summary=data["summary"], valid_from=data["valid_from"],
                                  expires_on=data["expires_on"], upload=data["document"], user=request.user)
        except ValidationError as error:
            validation_to_form(form, error)
        else:
            messages.success(request, f"{label}: saved. It is in date until {govuk_date(data['expires_on'])}.")
            return redirect(back_url)
    return render(request, "alt_provision/providers/evidence_form.html", {
        "page_title": f"Renew: {label}" if current else label, "caption": provider.organisation.name,
        "form": form, "current": current, "back_url": back_url,
    }, status=400 if request.method == "POST" else 200)


def provider_submit(request, pk):
    provider = _own_provider(request, pk, purpose="change" if request.method == "POST" else "view")
    today = timezone.localdate()
    application = selectors.open_application(provider)
    back_url = reverse("ap_provider_application", args=[provider.pk])
    if application is not None and application.status == ProviderApplication.Status.SUBMITTED:
        messages.info(request, "Your application has been sent and is waiting for a decision.")
        return redirect(back_url)
    problems = selectors.application_ready(provider, application, today)
    status = 200
    if request.method == "POST":
        try:
            application = services.application_submit(provider=provider, user=request.user, today=today)
        except ValidationError as error:
            problems, status = error.messages, 400
        else:
            messages.success(request, "Your application has been sent. The council will decide by "
                                      f"{govuk_date(application.decision_due_on)}.")
            return redirect(back_url)
    return render(request, "alt_provision/providers/submit.html", {
        "page_title": "Check and send your application", "provider": provider, "application": application,
        "problems": problems, "show_errors": status == 400, "evidence": selectors.evidence_rows(provider, today),
        "lots": application.lots.all() if application else [], "back_url": back_url,
        "decision_due_on": selectors.working_days_after(today, selectors.EVALUATION_WORKING_DAYS),
    }, status=status)


def evidence_download(request, pk):
    evidence = get_from(request.user, selectors.evidence_visible_to(request.user), pk=pk)
    if not evidence.document:
        raise Http404("This evidence has no document.")
    return attachment(evidence.document.open("rb"), filename=evidence.document_name or "evidence",
                      content_type=evidence.document_type or "application/octet-stream")


# --- Commissioning officers ------------------------------------------------------------------------------------

def _any_provider(request, pk, purpose="view") -> ApprovedProvider:
    """A provider on the list of a council the officer commissions for; any other answers 404."""
    scoped = ApprovedProvider.objects.filter(pk__in=selectors.providers_commissioned_by(request.user).values("pk"))
    return get_from(request.user, scoped.select_related("organisation"), purpose=purpose, pk=pk)


def _submitted_application(request, pk, purpose="change") -> ProviderApplication:
    scoped = ProviderApplication.objects.filter(
        provider__in=selectors.providers_commissioned_by(request.user).values("pk"))
    return get_from(request.user, scoped.select_related("provider__organisation"), purpose=purpose, pk=pk)


def providers_list(request):
    today = timezone.localdate()
    form = ProviderFilterForm(request.GET or None)
    status = lot = ""
    if form.is_valid():
        status, lot = form.cleaned_data["status"], form.cleaned_data["lot"]
    return render(request, "alt_provision/providers/list.html", {
        "page_title": "Approved provider list", "form": form, "today": today,
        "rows": selectors.provider_list(request.user, today=today, status=status, lot=lot),
        "waiting": selectors.applications_waiting(request.user, today),
    }, status=400 if request.GET and not form.is_valid() else 200)


def provider_detail(request, pk):
    provider = _any_provider(request, pk)
    today = timezone.localdate()
    applications = [{"application": application, "clock": selectors.decision_clock(application, today),
                     "checks": list(application.checks.all())}
                    for application in provider.applications.prefetch_related("lots", "checks")]
    return render(request, "alt_provision/providers/detail.html", {
        "page_title": provider.organisation.name, "provider": provider, "today": today,
        "evidence": selectors.evidence_rows(provider, today),
        "old_evidence": provider.evidence.filter(superseded_by__isnull=False),
        "applications": applications, "history": provider.history.all(), "lots": provider.lots.all(),
        "visits": [{"visit": visit, "checklist": [(label, bool(visit.checklist.get(code)))
                                              for code, label in selectors.QA_CHECKLIST]}
                   for visit in provider.visits.all()],
        "back_url": reverse("ap_providers"),
    })


def application_evaluate(request, pk):
    application = _submitted_application(request, pk)
    provider = application.provider
    back_url = reverse("ap_provider_detail", args=[provider.pk])
    if application.status != ProviderApplication.Status.SUBMITTED:
        messages.error(request, "This application has already been decided.")
        return redirect(back_url)
    initial = {}
    for check in application.checks.all():
        initial[check.criterion], initial[f"{check.criterion}_note"] = check.met, check.note
    form = ChecksForm(request.POST or None, initial=initial)
    return action_form_page(
        request, form, title="Check the application against the criteria", caption=provider.organisation.name,
        submit_text="Save and continue",
        hint=f"Decide by {govuk_date(application.decision_due_on)}. Record each criterion as met or not met.",
        save=lambda data: services.application_checks_save(application=application, user=request.user,
                                                           results=form.results()),
        success="The checks have been saved.", done_url=reverse("ap_application_decide", args=[application.pk]),
        back_url=back_url)


def application_decide(request, pk):
    application = _submitted_application(request, pk)
    provider = application.provider
    back_url = reverse("ap_provider_detail", args=[provider.pk])
    if application.status != ProviderApplication.Status.SUBMITTED:
        messages.error(request, "This application has already been decided.")
        return redirect(back_url)
    checks = {check.criterion: check for check in application.checks.all()}
    unmet = [Criterion(c).label for c in Criterion.values if c not in checks or not checks[c].met]
    hint = ("Every criterion is recorded as met." if not unmet else
            f"Not recorded as met: {'; '.join(unmet)}. You can only refuse until every criterion is met.")
    form = DecisionForm(request.POST or None, lots=application.lots.all(),
                        initial={"lots": list(application.lots.all())})
    return action_form_page(
        request, form, title="Admit or refuse the application", caption=provider.organisation.name,
        submit_text="Confirm decision", hint=hint,
        save=lambda data: services.application_decide(application=application, user=request.user,
                                                      admit=data["decision"] == "admit", lots=data["lots"],
                                                      reasons=data["reasons"]),
        success="The decision has been recorded and the provider has been told.", done_url=back_url)


def provider_suspend(request, pk):
    provider = _any_provider(request, pk, purpose="change")
    back_url = reverse("ap_provider_detail", args=[provider.pk])
    form = ReasonForm(request.POST or None, required_message="Enter the reason for suspending the provider")
    return action_form_page(
        request, form, title="Suspend the provider from new call-offs", caption=provider.organisation.name,
        submit_text="Suspend provider", hint="Placements already running carry on. The provider is told why.",
        save=lambda data: services.provider_suspend(provider=provider, user=request.user, reason=data["reason"]),
        success=f"{provider.organisation.name} has been suspended.", done_url=back_url)


def provider_lift(request, pk):
    provider = _any_provider(request, pk, purpose="change")
    back_url = reverse("ap_provider_detail", args=[provider.pk])
    form = ReasonForm(request.POST or None, required=False)
    return action_form_page(
        request, form, title="Lift the suspension", caption=provider.organisation.name, submit_text="Lift suspension",
        save=lambda data: services.provider_lift_suspension(provider=provider, user=request.user,
                                                            reason=data["reason"]),
        success=f"{provider.organisation.name} can take new call-offs again.", done_url=back_url)


def provider_remove(request, pk):
    provider = _any_provider(request, pk, purpose="change")
    back_url = reverse("ap_provider_detail", args=[provider.pk])
    form = ReasonForm(request.POST or None, required_message="Enter the reason for removing the provider")
    return action_form_page(
        request, form, title="Remove the provider from the list", caption=provider.organisation.name,
        submit_text="Remove provider", hint="The provider can apply again later. The provider is told why.",
        save=lambda data: services.provider_remove(provider=provider, user=request.user, reason=data["reason"]),
        success=f"{provider.organisation.name} has been removed from the list.", done_url=back_url)


def visit_new(request, pk):
    provider = _any_provider(request, pk, purpose="change")
    back_url = reverse("ap_provider_detail", args=[provider.pk])
    form = VisitForm(request.POST or None)
    return action_form_page(
        request, form, title="Record a quality-assurance visit", caption=provider.organisation.name,
        submit_text="Save visit",
        save=lambda data: services.visit_record(
            provider=provider, user=request.user, visited_on=data["visited_on"],
            checklist=dict.fromkeys(data["checklist"], True), findings=data["findings"],
            actions=data["actions"], outcome=data["outcome"]),
        success="The visit has been recorded.", done_url=back_url)
