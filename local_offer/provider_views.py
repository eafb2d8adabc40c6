"""Provider self-service: "Your listings", proposing new services and changes, withdrawing a proposal, and
confirming a listing is still correct. Every object comes from a queryset scoped to the person's own
organisations, so another organisation's service or proposal is a 404."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from send_portal.core.access import get_from
from send_portal.core.dates import govuk_date
from send_portal.core.forms import GovukForm
from send_portal.core.templatetags.portal import error_anchor
from send_portal.organisations.models import OrganisationKind

from . import selectors, services
from .models import ServiceProposal
from .provider_forms import ListingForm


class OrganisationForm(GovukForm):
    organisation = forms.TypedChoiceField(label="Which organisation runs the service?", coerce=int,
                                          widget=forms.RadioSelect,
                                          error_messages={"required": "Select the organisation that runs the service"})

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(org.pk, org.name) for org in organisations]


def _is_school(portal_organisation) -> bool:
    return bool(portal_organisation and portal_organisation.kind == OrganisationKind.SCHOOL)


def _listing_page(request, *, form, title, caption, back_url, extra_forms=(), status=200, errors=None):
    return render(request, "local_offer/provider/listing_form.html", {
        "listing": form, "page_title": title, "caption": caption, "back_url": back_url,
        "extra_forms": extra_forms, "errors": errors or [],
    }, status=status)


def _listing_submit(request, *, snapshot, is_school, title, caption, back_url, save, extra_form=None):
    """Show the listing form, or on a valid POST build the snapshot and hand it to `save`. "Add another"
    buttons post back here and show the page again with one more row, saving nothing."""
    if request.method != "POST":
        form = ListingForm(snapshot=snapshot, is_school=is_school)
        return _listing_page(request, form=form, title=title, caption=caption, back_url=back_url,
                             extra_forms=[extra_form] if extra_form else [])
    adding = request.POST.get("add", "")
    form = ListingForm(request.POST, snapshot=snapshot, is_school=is_school, add=adding)
    valid = form.is_valid()
    extra_valid = extra_form.is_valid() if extra_form else True
    errors = form.errors() + (_form_errors(extra_form) if extra_form else [])
    if adding:
        return _listing_page(request, form=form, title=title, caption=caption, back_url=back_url, errors=errors,
                             extra_forms=[extra_form] if extra_form else [])
    if valid and extra_valid:
        try:
            proposal = save(form.snapshot())
        except ValidationError as error:
            errors = [{"text": message, "anchor": "main-content"} for message in error.messages]
        else:
            if proposal.status == ServiceProposal.Status.APPROVED:
                messages.success(request, f"{proposal.data['name']} has been published. Your organisation's changes "
                                          "are approved automatically.")
            else:
                messages.success(request, f"Thank you. {proposal.data['name']} has been sent to the Local Offer "
                                          "team to check. We will email you when it is published.")
            return redirect("local_offer_provider_dashboard")
    return _listing_page(request, form=form, title=title, caption=caption, back_url=back_url, errors=errors,
                         extra_forms=[extra_form] if extra_form else [], status=400)


def _form_errors(form) -> list[dict]:
    return [{"text": message, "anchor": error_anchor(form[name], form[name].auto_id) if name in form.fields
             else "main-content"} for name, messages_ in form.errors.items() for message in messages_]


def dashboard(request):
    today = timezone.localdate()
    pending_new = selectors.proposals_kept_by(request.user).filter(status=ServiceProposal.Status.PENDING,
                                                                   service__isnull=True)
    recent = selectors.proposals_kept_by(request.user).exclude(status=ServiceProposal.Status.PENDING) \
        .order_by("-decided_at")[:10]
    return render(request, "local_offer/provider/dashboard.html", {
        "page_title": "Your listings", "rows": selectors.provider_listing_rows(request.user, today=today),
        "pending_new": pending_new, "recent": recent,
        "can_propose": selectors.keeper_portal_organisations(request.user).exists(), "today": today,
    })


def service_new(request):
    organisations = list(selectors.keeper_portal_organisations(request.user).order_by("name"))
    back_url = reverse("local_offer_provider_dashboard")
    if not organisations:
        return render(request, "local_offer/provider/no_organisation.html",
                      {"page_title": "Propose a new service", "back_url": back_url})
    org_form = None
    if len(organisations) > 1:
        org_form = OrganisationForm(request.POST or None, organisations=organisations, prefix="org")

    def chosen():
        if org_form is None:
            return organisations[0]
        return next(org for org in organisations if org.pk == org_form.cleaned_data["organisation"])

    def save(snapshot):
        directory = services.directory_organisation_for(chosen())
        return services.proposal_save(user=request.user, organisation=directory, data=snapshot)

    is_school = len(organisations) == 1 and _is_school(organisations[0])
    return _listing_submit(request, snapshot={}, is_school=is_school, title="Propose a new service",
                           caption="Your listings", back_url=back_url, save=save, extra_form=org_form)


def _service_for(request, pk, purpose="view"):
    # A listing the council withdrew is not the keeper's to change, confirm or look after any more.
    return get_from(request.user, selectors.services_editable_by(request.user), purpose=purpose, pk=pk)


def _proposal_for(request, pk, purpose="view"):
    return get_from(request.user, selectors.proposals_kept_by(request.user), purpose=purpose, pk=pk)


def service_detail(request, pk):
    service = _service_for(request, pk)
    pending = service.proposals.filter(status=ServiceProposal.Status.PENDING).first()
    today = timezone.localdate()
    return render(request, "local_offer/provider/service.html", {
        "page_title": service.name, "service": service, "pending": pending, "today": today,
        "snapshot_rows": selectors.proposal_changes({}, services.listing_snapshot(service)),
        "review_overdue": bool(service.review_due_on and service.review_due_on < today),
        "back_url": reverse("local_offer_provider_dashboard"),
    })


def service_edit(request, pk):
    service = _service_for(request, pk, purpose="change")
    pending = service.proposals.filter(status=ServiceProposal.Status.PENDING).first()
    snapshot = pending.data if pending else services.listing_snapshot(service)
    organisation = service.organisation

    def save(data):
        return services.proposal_save(user=request.user, organisation=organisation, service=service, data=data)

    return _listing_submit(
        request, snapshot=snapshot, is_school=_is_school(organisation.portal_organisation) or bool(service.setting_id),
        title=f"Propose changes to {service.name}", caption="Your listings",
        back_url=reverse("local_offer_provider_service", args=[service.pk]), save=save)


@require_POST
def service_confirm(request, pk):
    service = _service_for(request, pk, purpose="change")
    try:
        service = services.listing_confirm(service=service)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Thank you for checking {service.name}. The next review is due by "
                                  f"{govuk_date(service.review_due_on)}.")
    return redirect("local_offer_provider_service", pk=service.pk)


def proposal_detail(request, pk):
    proposal = _proposal_for(request, pk)
    before = services.listing_snapshot(proposal.service) if proposal.service_id and proposal.status == \
        ServiceProposal.Status.PENDING else proposal.base
    return render(request, "local_offer/provider/proposal.html", {
        "page_title": f"Proposal for {proposal.data.get('name') or 'a service'}", "proposal": proposal,
        "changes": selectors.proposal_changes(before, proposal.data),
        "back_url": reverse("local_offer_provider_dashboard"),
    })


def proposal_edit(request, pk):
    proposal = _proposal_for(request, pk, purpose="change")
    if proposal.status != ServiceProposal.Status.PENDING:
        messages.error(request, "This proposal has already been decided, so it cannot be changed.")
        return redirect("local_offer_provider_proposal", pk=proposal.pk)
    organisation = proposal.organisation

    def save(data):
        return services.proposal_save(user=request.user, organisation=organisation, service=proposal.service,
                                      proposal=proposal, data=data)

    return _listing_submit(
        request, snapshot=proposal.data, is_school=_is_school(organisation.portal_organisation),
        title=f"Change your proposal for {proposal.data.get('name') or 'a service'}", caption="Your listings",
        back_url=reverse("local_offer_provider_proposal", args=[proposal.pk]), save=save)


@require_POST
def proposal_withdraw(request, pk):
    proposal = _proposal_for(request, pk, purpose="change")
    try:
        services.proposal_withdraw(proposal=proposal, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("local_offer_provider_proposal", pk=proposal.pk)
    messages.success(request, f"Your proposal for {proposal.data.get('name') or 'a service'} has been withdrawn.")
    return redirect("local_offer_provider_dashboard")
