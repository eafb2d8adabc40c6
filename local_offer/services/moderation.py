"""Providers' proposals and their moderation. A proposal holds the whole listing as the provider wants it;
approving it hands that snapshot to `listing_apply()`, which is the only code that writes listings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from send_portal.notifications.services import notification_queue

from ..models import AutoApprovalRule, DirectoryOrganisation, Service, ServiceProposal
from ..selectors.moderation import keeper_emails
from .listings import listing_apply, listing_snapshot

__all__ = ["directory_organisation_for", "proposal_save", "proposal_withdraw", "proposal_approve", "proposal_reject",
           "proposals_bulk_approve"]


def _link(name: str, *args) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


def directory_organisation_for(portal_organisation) -> DirectoryOrganisation:
    """The directory entry for a portal organisation, made on its first proposal so that a school or provider
    can list itself without waiting for the Local Offer team."""
    organisation, _ = DirectoryOrganisation.objects.get_or_create(
        portal_organisation=portal_organisation,
        defaults={"name": portal_organisation.name, "description": "", "email": portal_organisation.email or "",
                  "website": getattr(portal_organisation, "website", "") or ""})
    return organisation


def _auto_approves(proposal: ServiceProposal) -> bool:
    rule = AutoApprovalRule.objects.filter(organisation_id=proposal.organisation_id).first()
    if rule is None:
        return False
    return proposal.service_id is not None or rule.scope == AutoApprovalRule.Scope.EDITS_AND_NEW


@transaction.atomic
def proposal_save(*, user, organisation: DirectoryOrganisation, data: dict,
                  service: Service | None = None, proposal: ServiceProposal | None = None) -> ServiceProposal:
    """Record what a provider wants listed. Editing again while a proposal waits updates that proposal, so
    there is only ever one pending proposal per service. A trusted organisation's proposal is published at once."""
    if service is not None and service.organisation_id != organisation.pk:
        raise ValidationError("This service belongs to another organisation.")
    if proposal is None and service is not None:
        proposal = (ServiceProposal.objects.select_for_update()
                    .filter(service=service, status=ServiceProposal.Status.PENDING).first())
    if proposal is not None:
        proposal = ServiceProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ServiceProposal.Status.PENDING:
            raise ValidationError("This proposal has already been decided, so it cannot be changed.")
        proposal.data = data
        proposal.proposed_by = user
        proposal.save(update_fields=["data", "proposed_by"])
    else:
        try:
            with transaction.atomic():
                proposal = ServiceProposal.objects.create(
                    organisation=organisation, service=service, data=data, proposed_by=user,
                    base=listing_snapshot(service) if service is not None else {})
        except IntegrityError as clash:
            # Someone else in the organisation proposed a change at the same moment.
            raise ValidationError("Another change to this service is already waiting. Reload the page and "
                                  "try again.") from clash
    if _auto_approves(proposal):
        proposal_approve(proposal=proposal, decided_by=user, automatically=True)
        proposal.refresh_from_db()
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: ServiceProposal, user) -> ServiceProposal:
    proposal = ServiceProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ServiceProposal.Status.PENDING:
        raise ValidationError("This proposal has already been decided, so it cannot be withdrawn.")
    proposal.status = ServiceProposal.Status.WITHDRAWN
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    return proposal


def _tell_keepers(proposal: ServiceProposal, template: str) -> int:
    context = {"proposal": proposal, "name": proposal.data.get("name") or "your service",
               "reason": proposal.decision_reason, "service_name": settings.PORTAL_SERVICE_NAME,
               "link": _link("local_offer_provider_dashboard")}
    return sum(notification_queue(template=template, to=address, context=context,
                                  idempotency_key=f"local_offer_{proposal.status}:{proposal.pk}:{address}")
               is not None for address in keeper_emails(proposal.organisation))


@transaction.atomic
def proposal_approve(*, proposal: ServiceProposal, decided_by, automatically: bool = False) -> Service:
    """Publish the proposal with `listing_apply()`, which also counts as the listing being reviewed."""
    proposal = ServiceProposal.objects.select_for_update().select_related("organisation").get(pk=proposal.pk)
    if proposal.status != ServiceProposal.Status.PENDING:
        raise ValidationError("This proposal has already been decided.")
    service = listing_apply(data=proposal.data, organisation=proposal.organisation, service=proposal.service,
                            publish=True, reviewed_on=timezone.localdate())
    proposal.service = service
    proposal.status = ServiceProposal.Status.APPROVED
    proposal.decided_by = decided_by
    proposal.decided_at = timezone.now()
    proposal.approved_automatically = automatically
    proposal.save(update_fields=["service", "status", "decided_by", "decided_at", "approved_automatically"])
    _tell_keepers(proposal, "local_offer_proposal_approved")
    return service


@transaction.atomic
def proposal_reject(*, proposal: ServiceProposal, decided_by, reason: str) -> ServiceProposal:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Enter the reason the change cannot be published")
    proposal = ServiceProposal.objects.select_for_update().select_related("organisation").get(pk=proposal.pk)
    if proposal.status != ServiceProposal.Status.PENDING:
        raise ValidationError("This proposal has already been decided.")
    proposal.status = ServiceProposal.Status.REJECTED
    proposal.decision_reason = reason
    proposal.decided_by = decided_by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    _tell_keepers(proposal, "local_offer_proposal_rejected")
    return proposal


def proposals_bulk_approve(*, proposal_ids, decided_by) -> tuple[int, list[str]]:
    """Approve each proposal in its own transaction, so one that cannot be applied does not hold back the rest.
    Returns how many were published and the names of any that were not."""
    approved, failed = 0, []
    for proposal in ServiceProposal.objects.filter(pk__in=list(proposal_ids)).order_by("proposed_at"):
        try:
            proposal_approve(proposal=proposal, decided_by=decided_by)
        except ValidationError:
            failed.append(proposal.data.get("name") or "A service")
        else:
            approved += 1
    return approved, failed
