"""The Local Offer team's moderation queue: see what a proposal would change, approve it, reject it with a
reason, or approve several at once. Also the team's listings page, where a listing can be withdrawn or
republished."""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from send_portal.core.access import get_from
from send_portal.core.forms import GovukForm

from . import selectors, services
from .models import Service, ServiceProposal

logger = logging.getLogger(__name__)

STALE_CONFIRMATION = "I have checked the changes against the listing as it is now"


class RejectForm(GovukForm):
    reason = forms.CharField(
        label="Why can this not be published?", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The provider will see this in an email, so say what they need to change.",
        error_messages={"required": "Enter the reason the change cannot be published"})


def _proposal(request, pk, purpose="view"):
    # Moderators may see every proposal; get_from still records each look.
    return get_from(request.user, ServiceProposal.objects.select_related("organisation", "service", "proposed_by"),
                    purpose=purpose, pk=pk)


# Bulk approval commits each proposal on its own, so one that cannot be applied does not undo the others.
@transaction.non_atomic_requests
def queue(request):
    proposals = list(selectors.moderation_queue())
    error = ""
    status = 200
    if request.method == "POST":
        chosen = [pk for pk in request.POST.getlist("proposal") if pk in {str(p.pk) for p in proposals}]
        if chosen:
            result = services.proposals_bulk_approve(proposal_ids=chosen, decided_by=request.user)
            approved, failed, stale = result["approved"], result["failed"], result["stale"]
            messages.success(request, f"{approved} proposal{'s' if approved != 1 else ''} approved and published.")
            if stale:
                messages.error(request, f"{len(stale)} {'were' if len(stale) != 1 else 'was'} not approved because "
                                        "the listing changed since; open each to check: " + ", ".join(stale))
            if failed:
                messages.error(request, "These could not be published and are still waiting: " + ", ".join(failed))
            return redirect("local_offer_moderation_queue")
        error, status = "Select at least one proposal to approve", 400
    now = timezone.now()
    return render(request, "local_offer/moderation/queue.html", {
        "page_title": "Changes waiting for approval", "error": error,
        "error_target": f"proposal-{proposals[0].pk}" if proposals else "main-content",
        "rows": [{"proposal": p, "days": (now - p.proposed_at).days} for p in proposals],
    }, status=status)


def _proposal_page(request, proposal, *, error="", status=200):
    pending = proposal.status == ServiceProposal.Status.PENDING
    current = services.listing_snapshot(proposal.service) if proposal.service_id else {}
    return render(request, "local_offer/moderation/proposal.html", {
        "page_title": f"Check the proposal for {proposal.data.get('name') or 'a service'}",
        "proposal": proposal, "pending": pending,
        "changes": selectors.proposal_changes(current if pending else proposal.base, proposal.data),
        "stale": pending and selectors.proposal_is_stale(proposal), "stale_confirmation": STALE_CONFIRMATION,
        "error": error, "error_target": "confirm_stale",
        "back_url": reverse("local_offer_moderation_queue"),
    }, status=status)


def proposal_detail(request, pk):
    return _proposal_page(request, _proposal(request, pk))


@require_POST
def approve(request, pk):
    proposal = _proposal(request, pk, purpose="change")
    if (proposal.status == ServiceProposal.Status.PENDING and selectors.proposal_is_stale(proposal)
            and request.POST.get("confirm_stale") != "yes"):
        return _proposal_page(request, proposal, status=400, error="Confirm you have checked the changes against "
                                                                    "the listing as it is now")
    try:
        # A savepoint of its own, so a refusal from the database leaves the request's transaction usable.
        with transaction.atomic():
            services.proposal_approve(proposal=proposal, decided_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("local_offer_moderation_proposal", pk=proposal.pk)
    except DatabaseError:
        logger.warning("Approving proposal %s failed in the database", proposal.pk, exc_info=True)
        messages.error(request, f"{proposal.data.get('name') or 'The service'} {services.APPLY_FAILED}")
        return redirect("local_offer_moderation_proposal", pk=proposal.pk)
    messages.success(request, f"{proposal.data.get('name') or 'The service'} has been published and the provider "
                              "has been told.")
    return redirect("local_offer_moderation_queue")


def reject(request, pk):
    proposal = _proposal(request, pk, purpose="change")
    if proposal.status != ServiceProposal.Status.PENDING:
        messages.error(request, "This proposal has already been decided.")
        return redirect("local_offer_moderation_proposal", pk=proposal.pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_reject(proposal=proposal, decided_by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(request, f"The proposal for {proposal.data.get('name') or 'a service'} has been "
                                      "rejected and the provider has been told why.")
            return redirect("local_offer_moderation_queue")
    return render(request, "core/form_page.html", {
        "form": form, "page_title": f"Reject the proposal for {proposal.data.get('name') or 'a service'}",
        "caption": proposal.organisation.name, "submit_text": "Reject and tell the provider",
        "back_url": reverse("local_offer_moderation_proposal", args=[proposal.pk]),
    }, status=400 if request.method == "POST" else 200)


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label="Why is the listing being withdrawn?", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The people who keep the listing will see this in an email.",
        error_messages={"required": "Enter why the listing is being withdrawn"})


def listings_manage(request):
    today = timezone.localdate()
    states = dict(selectors.MANAGE_STATES)
    state = request.GET.get("state") if request.GET.get("state") in states else "attention"
    query = (request.GET.get("q") or "").strip()[:100]
    page = Paginator(selectors.listings_for_management(state=state, today=today, query=query), 50) \
        .get_page(request.GET.get("page"))
    return render(request, "local_offer/moderation/listings.html", {
        "page_title": "Listings", "states": selectors.MANAGE_STATES, "state": state, "state_label": states[state],
        "query": query, "page": page, "today": today,
    })


def _managed_listing(request, pk, purpose="view"):
    return get_from(request.user, Service.objects.filter(source__isnull=True).select_related("organisation"),
                    purpose=purpose, pk=pk)


def listing_manage(request, pk):
    service = _managed_listing(request, pk, purpose="change" if request.method == "POST" else "view")
    form = WithdrawForm(request.POST if request.POST.get("action") == "withdraw" else None)
    error, status = "", 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "withdraw" and form.is_valid():
                services.listing_withdraw(service, request.user, form.cleaned_data["reason"])
                messages.success(request, f"{service.name} has been withdrawn and its keepers have been told.")
                return redirect("local_offer_listing_manage", pk=service.pk)
            if action == "republish":
                services.listing_republish(service, request.user)
                messages.success(request, f"{service.name} has been published again.")
                return redirect("local_offer_listing_manage", pk=service.pk)
            if action not in ("withdraw", "republish"):
                error = "Choose whether to withdraw or republish the listing"
        except ValidationError as refused:
            if action == "withdraw":
                form.add_error("reason", refused)
            else:
                error = " ".join(refused.messages)
        status = 400
        service.refresh_from_db()
    pending = service.proposals.filter(status=ServiceProposal.Status.PENDING).first()
    today = timezone.localdate()
    return render(request, "local_offer/moderation/listing.html", {
        "page_title": service.name, "service": service, "form": form, "pending": pending, "today": today,
        "error": error, "error_target": "main-content",
        "review_overdue": bool(service.review_due_on and service.review_due_on < today),
        "snapshot_rows": selectors.proposal_changes({}, services.listing_snapshot(service)),
        "back_url": reverse("local_offer_listings_manage"),
    }, status=status)
