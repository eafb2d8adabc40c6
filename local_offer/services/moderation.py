"""Providers' proposals and their moderation. A proposal holds the whole listing as the provider wants it;
approving it hands that snapshot to `listing_apply()`, which is the only code that writes listings."""

import logging

from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from send_portal.notifications.services import notification_queue
from send_portal.organisations.models import OrganisationKind

from ..models import AutoApprovalRule, DirectoryOrganisation, Service, ServiceProposal
from ..selectors.moderation import keeper_emails, proposal_is_stale
from .listings import listing_apply, listing_snapshot

__all__ = ["directory_organisation_for", "proposal_save", "proposal_withdraw", "proposal_approve", "proposal_reject",
           "proposals_bulk_approve", "listing_withdraw", "listing_republish", "APPLY_FAILED"]

logger = logging.getLogger(__name__)

WITHDRAWN_MESSAGE = ("The Local Offer team has withdrawn this listing, so it cannot be changed. Contact the Local "
                     "Offer team if it should be published again.")
# Shown when the database refuses a proposal that passed validation, so the moderator sees a reason, not an error page.
APPLY_FAILED = ("could not be published because some of its information is too long or in the wrong form. "
                "Ask the provider to check and send it again.")


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
    if proposal.service_id is not None and proposal.service.visibility == Service.Visibility.WITHDRAWN:
        return False
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
    if service is not None:
        service = Service.objects.select_for_update().get(pk=service.pk)
        if service.visibility == Service.Visibility.WITHDRAWN:
            raise ValidationError(WITHDRAWN_MESSAGE)
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
        try:
            with transaction.atomic():
                proposal_approve(proposal=proposal, decided_by=user, automatically=True)
        except (ValidationError, DatabaseError):
            # The proposal is kept and waits for a moderator, who sees why it cannot be published.
            logger.warning("Automatic approval of proposal %s failed; left for a moderator", proposal.pk,
                           exc_info=True)
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


def _school_setting_for(proposal: ServiceProposal):
    """A school's own listing is linked to its settings-directory entry the first time one is approved."""
    portal = proposal.organisation.portal_organisation
    if portal is None or portal.kind != OrganisationKind.SCHOOL:
        return None
    if proposal.service_id and proposal.service.setting_id:
        return None
    if Service.objects.filter(setting=portal).exists():
        return None
    return portal


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
    if proposal.service_id and proposal.service.visibility == Service.Visibility.WITHDRAWN:
        raise ValidationError("The Local Offer team has withdrawn this listing. Republish it from the listings "
                              "page before approving changes to it.")
    service = listing_apply(data=proposal.data, organisation=proposal.organisation, service=proposal.service,
                            publish=True, reviewed_on=timezone.localdate(), setting=_school_setting_for(proposal))
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


def proposals_bulk_approve(*, proposal_ids, decided_by) -> dict:
    """Approve each proposal in its own transaction, so one that cannot be applied does not hold back the rest.
    A proposal made from an older version of its listing is skipped: approving it in bulk would silently undo
    the later changes, so the moderator must open it. Returns how many were published, the names of any that
    could not be, and the names of any skipped as stale."""
    result = {"approved": 0, "failed": [], "stale": []}
    for proposal in (ServiceProposal.objects.filter(pk__in=list(proposal_ids)).select_related("service")
                     .order_by("proposed_at")):
        name = proposal.data.get("name") or "A service"
        if proposal.status == ServiceProposal.Status.PENDING and proposal_is_stale(proposal):
            result["stale"].append(name)
            continue
        try:
            with transaction.atomic():
                proposal_approve(proposal=proposal, decided_by=decided_by)
        except ValidationError:
            result["failed"].append(name)
        except DatabaseError:
            logger.warning("Approving proposal %s failed in the database", proposal.pk, exc_info=True)
            result["failed"].append(name)
        else:
            result["approved"] += 1
    return result


def _tell_keepers_withdrawn(service: Service, reason: str, stamp: str) -> int:
    context = {"service": service, "reason": reason, "service_name": settings.PORTAL_SERVICE_NAME,
               "link": _link("local_offer_provider_dashboard")}
    return sum(notification_queue(template="local_offer_listing_withdrawn", to=address, context=context,
                                  idempotency_key=f"local_offer_withdrawn:{service.pk}:{stamp}:{address}")
               is not None for address in keeper_emails(service.organisation))


@transaction.atomic
def listing_withdraw(service: Service, user, reason: str) -> Service:
    """The Local Offer team takes a listing down. It stays down until they republish it; its keepers are told
    why, and any change waiting for it is closed with the same reason so it cannot republish it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Enter why the listing is being withdrawn")
    service = Service.objects.select_for_update().select_related("organisation").get(pk=service.pk)
    if service.source_id is not None:
        raise ValidationError("Listings imported from another area are managed by their import, not here.")
    if service.visibility == Service.Visibility.WITHDRAWN:
        raise ValidationError("This listing has already been withdrawn.")
    before = service.visibility
    service.visibility = Service.Visibility.WITHDRAWN
    service.save(update_fields=["visibility", "last_modified"])
    now = timezone.now()
    # The automatic change entry does not say why; this one keeps the reason with the listing's history.
    LogEntry.objects.log_create(service, force_log=True, action=LogEntry.Action.UPDATE, actor=user,
                                changes={"visibility": [before, service.visibility]},
                                additional_data={"withdrawn_reason": reason})
    ServiceProposal.objects.filter(service=service, status=ServiceProposal.Status.PENDING).update(
        status=ServiceProposal.Status.REJECTED, decided_by=user, decided_at=now,
        decision_reason=f"The Local Offer team withdrew the listing: {reason}")
    _tell_keepers_withdrawn(service, reason, now.isoformat())
    return service


@transaction.atomic
def listing_republish(service: Service, user) -> Service:
    """Put a withdrawn listing back. Its review dates are kept, so one already overdue is flagged again by the
    review job rather than counting as checked."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.visibility != Service.Visibility.WITHDRAWN:
        raise ValidationError("Only a withdrawn listing can be republished.")
    service.visibility = Service.Visibility.PUBLISHED
    service.hidden_on = None
    service.save(update_fields=["visibility", "hidden_on", "last_modified"])
    LogEntry.objects.log_create(service, force_log=True, action=LogEntry.Action.UPDATE, actor=user,
                                changes={"visibility": [Service.Visibility.WITHDRAWN, service.visibility]},
                                additional_data={"republished": True})
    return service
