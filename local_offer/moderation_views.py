"""The Local Offer team's moderation queue: see what a proposal would change, approve it, reject it with a
reason, or approve several at once."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from send_portal.core.access import get_from
from send_portal.core.forms import GovukForm

from . import selectors, services
from .models import ServiceProposal


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
            approved, failed = services.proposals_bulk_approve(proposal_ids=chosen, decided_by=request.user)
            messages.success(request, f"{approved} proposal{'s' if approved != 1 else ''} approved and published.")
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


def proposal_detail(request, pk):
    proposal = _proposal(request, pk)
    pending = proposal.status == ServiceProposal.Status.PENDING
    current = services.listing_snapshot(proposal.service) if proposal.service_id else {}
    return render(request, "local_offer/moderation/proposal.html", {
        "page_title": f"Check the proposal for {proposal.data.get('name') or 'a service'}",
        "proposal": proposal, "pending": pending,
        "changes": selectors.proposal_changes(current if pending else proposal.base, proposal.data),
        "stale": pending and selectors.proposal_is_stale(proposal),
        "back_url": reverse("local_offer_moderation_queue"),
    })


@require_POST
def approve(request, pk):
    proposal = _proposal(request, pk, purpose="change")
    try:
        services.proposal_approve(proposal=proposal, decided_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
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
