"""State changes for commissioning placements: the requirement, the call-off to eligible providers, offers and the
award, which starts the placement.

Every change is made under a row lock on the requirement, so a call-off, an offer and an award cannot cross. Emails
to providers carry the requirement's number and a link, never the pupil's name or needs.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from send_portal.core.dates import govuk_date
from send_portal.notifications.services import notification_queue
from send_portal.organisations.models import Membership, Role

from ..models import ApprovedProvider, CallOffInvitation, Offer, PlacementRequirement
from ..selectors.commissioning import award_blocker, earliest_offers_close, eligible_providers, offers_open
from ..selectors.providers import working_days_between
from .placements import placement_start

__all__ = [
    "requirement_create", "requirement_update", "requirement_cancel", "requirement_call_off", "offer_save",
    "offer_withdraw", "requirement_award",
]

Status = PlacementRequirement.Status
REQUIREMENT_FIELDS = ("lot", "needs_summary", "has_ehc_plan", "is_looked_after", "area", "start_on",
                      "hours_per_week", "days", "objectives", "tier", "reintegration_aim", "budget")


def _today(today):
    return today or timezone.localdate()


def _link(name: str, *args) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


def _locked(requirement) -> PlacementRequirement:
    return PlacementRequirement.objects.select_for_update().select_related("child", "lot").get(pk=requirement.pk)


def _check_requirement(data: dict, today: dt.date):
    errors = {}
    if data["start_on"] < today:
        errors["start_on"] = "The start date must be today or in the future"
    hours = data["hours_per_week"]
    if not (0 < hours <= 40):
        errors["hours_per_week"] = "Hours per week must be more than 0 and no more than 40"
    if data["budget"] < 0:
        errors["budget"] = "The budget must be £0 or more"
    if not data["days"]:
        errors["days"] = "Select the days the pupil will attend"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def requirement_create(*, child, commissioner, created_by, today: dt.date | None = None,
                       **data) -> PlacementRequirement:
    """A draft requirement; nothing goes to providers until it is sent."""
    _check_requirement(data, _today(today))
    return PlacementRequirement.objects.create(
        child=child, commissioner=commissioner, created_by=created_by,
        **{name: data[name] for name in REQUIREMENT_FIELDS})


@transaction.atomic
def requirement_update(*, requirement, child, commissioner, today: dt.date | None = None,
                       **data) -> PlacementRequirement:
    requirement = _locked(requirement)
    if requirement.status != Status.DRAFT:
        raise ValidationError("This requirement has been sent to providers, so it can no longer be changed.")
    _check_requirement(data, _today(today))
    requirement.child, requirement.commissioner = child, commissioner
    for name in REQUIREMENT_FIELDS:
        setattr(requirement, name, data[name])
    requirement.save()
    return requirement


@transaction.atomic
def requirement_cancel(*, requirement) -> PlacementRequirement:
    requirement = _locked(requirement)
    if requirement.status not in (Status.DRAFT, Status.CALLED_OFF):
        raise ValidationError(f"This requirement is {requirement.get_status_display().lower()}, so it cannot be "
                              "cancelled.")
    requirement.status = Status.CANCELLED
    requirement.save(update_fields=["status"])
    return requirement


def _provider_recipients(provider) -> list[str]:
    emails = Membership.objects.filter(organisation=provider.organisation, role=Role.PROVIDER, ended_at__isnull=True,
                                       user__is_active=True).order_by("pk").values_list("user__email", flat=True)
    seen, unique = set(), []
    for email in [*emails, provider.contact_email]:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append(email)
    return unique


def _tell_provider(provider, invitation, *, template: str, context: dict):
    context = {"provider": provider, "link": _link("ap_calloff", invitation.pk), **context}
    for email in _provider_recipients(provider):
        notification_queue(template=template, to=email, context=context,
                           idempotency_key=f"{template}:{invitation.requirement_id}:{provider.pk}:{email.lower()}")


@transaction.atomic
def requirement_call_off(*, requirement, offers_by: dt.date, today: dt.date | None = None) -> list[CallOffInvitation]:
    """Invite every eligible provider in the lot and tell each of them."""
    today = _today(today)
    requirement = _locked(requirement)
    if requirement.status != Status.DRAFT:
        raise ValidationError("This requirement has already been sent to providers.")
    earliest = earliest_offers_close(today)
    if offers_by < earliest:
        raise ValidationError({"offers_by": "Offers must stay open for at least 1 working day: choose "
                                            f"{govuk_date(earliest)} or later"})
    if requirement.start_on < today:
        raise ValidationError("The start date is in the past: change the requirement before sending it.")
    providers = list(eligible_providers(requirement))
    if not providers:
        raise ValidationError(f"No approved provider can take call-offs in the lot ‘{requirement.lot.name}’, so "
                              "there is nobody to send it to. Choose another lot or contact the council's "
                              "commissioning team.")
    requirement.status = Status.CALLED_OFF
    requirement.called_off_at = timezone.now()
    requirement.offers_by = offers_by
    requirement.save(update_fields=["status", "called_off_at", "offers_by"])
    invitations = CallOffInvitation.objects.bulk_create(
        [CallOffInvitation(requirement=requirement, provider=provider) for provider in providers])
    for invitation, provider in zip(invitations, providers, strict=True):
        _tell_provider(provider, invitation, template="ap_calloff_invited",
                       context={"requirement": requirement, "lot": requirement.lot,
                                "working_days": working_days_between(today, offers_by)})
    return invitations


@transaction.atomic
def offer_save(*, invitation, user, price, start_on: dt.date, hours_per_week, staffing: str, notes: str = "",
               today: dt.date | None = None) -> Offer:
    """Make or update the provider's offer while offers are open."""
    today = _today(today)
    requirement = _locked(invitation.requirement)
    provider = invitation.provider
    provider.refresh_from_db(fields=["status"])
    if not offers_open(requirement, today):
        raise ValidationError("Offers for this call-off have closed.")
    if not provider.can_take_call_offs:
        raise ValidationError(f"Your organisation is {provider.get_status_display().lower()}, so it cannot make or "
                              "change offers. Contact the council's commissioning team.")
    errors = {}
    if price < 0:
        errors["price"] = "The price must be £0 or more"
    if not (0 < hours_per_week <= 40):
        errors["hours_per_week"] = "Hours per week must be more than 0 and no more than 40"
    if start_on < today:
        errors["start_on"] = "The start date must be today or in the future"
    if not staffing.strip():
        errors["staffing"] = "Enter who will teach and support the pupil"
    if errors:
        raise ValidationError(errors)
    offer, _ = Offer.objects.update_or_create(
        requirement=requirement, provider=provider,
        defaults={"price": price, "start_on": start_on, "hours_per_week": hours_per_week,
                  "staffing": staffing.strip(), "notes": notes.strip(), "status": Offer.Status.SUBMITTED,
                  "submitted_by": user})
    return offer


@transaction.atomic
def offer_withdraw(*, invitation, today: dt.date | None = None) -> Offer:
    requirement = _locked(invitation.requirement)
    offer = Offer.objects.select_for_update().filter(requirement=requirement, provider=invitation.provider).first()
    if offer is None or offer.status != Offer.Status.SUBMITTED:
        raise ValidationError("There is no offer to withdraw.")
    if requirement.status != Status.CALLED_OFF:
        raise ValidationError("This call-off has been decided, so the offer can no longer be withdrawn.")
    offer.status = Offer.Status.WITHDRAWN
    offer.save(update_fields=["status"])
    return offer


def requirement_award(*, requirement, offer, reasons: str, named_contact: str, next_review_on: dt.date, user,
                      today: dt.date | None = None):
    """Award the call-off to one offer and start the placement; every other offer is unsuccessful and each
    provider is told. Refused with a clear reason if anything is not ready, including a second award."""
    try:
        with transaction.atomic():
            return _award(requirement=requirement, offer=offer, reasons=reasons, named_contact=named_contact,
                          next_review_on=next_review_on, user=user, today=_today(today))
    except IntegrityError as error:
        # The database allows one awarded offer and one placement per requirement; a second award racing the
        # first ends here rather than in a server error.
        raise ValidationError("This requirement has already been awarded.") from error


def _award(*, requirement, offer, reasons, named_contact, next_review_on, user, today):
    requirement = _locked(requirement)
    blocker = award_blocker(requirement, today)
    if blocker:
        raise ValidationError(blocker)
    offer = Offer.objects.select_for_update().select_related("provider__organisation").get(pk=offer.pk)
    if offer.requirement_id != requirement.pk or offer.status != Offer.Status.SUBMITTED:
        raise ValidationError("This offer is no longer open: it may have been withdrawn.")
    if offer.provider.status != ApprovedProvider.Status.ADMITTED:
        # A provider suspended after offering (for example when its insurance lapsed) cannot be awarded.
        raise ValidationError(f"{offer.provider.organisation.name} is {offer.provider.get_status_display().lower()}, "
                              "so this offer cannot be awarded.")
    errors = {}
    if not reasons.strip():
        errors["reasons"] = "Enter the reasons for the award"
    if not named_contact.strip():
        errors["named_contact"] = "Enter the name of the contact at the provider"
    if next_review_on <= offer.start_on:
        errors["next_review_on"] = "The first review date must be after the placement starts"
    if errors:
        raise ValidationError(errors)
    offer.status = Offer.Status.AWARDED
    offer.save(update_fields=["status"])
    losers = list(requirement.offers.filter(status=Offer.Status.SUBMITTED).exclude(pk=offer.pk)
                  .select_related("provider__organisation"))
    requirement.offers.filter(pk__in=[loser.pk for loser in losers]).update(status=Offer.Status.UNSUCCESSFUL)
    requirement.status = Status.AWARDED
    requirement.award_reasons = reasons.strip()
    requirement.save(update_fields=["status", "award_reasons"])
    child = requirement.child
    placement = placement_start(
        child=child, home_school=child.current_setting, commissioner=requirement.commissioner, created_by=user,
        tier=requirement.tier, starts_on=offer.start_on, hours_per_week=offer.hours_per_week, days=requirement.days,
        weekly_cost=offer.price, objectives=requirement.objectives, reintegration_plan=requirement.reintegration_aim,
        named_contact=named_contact.strip(), next_review_on=next_review_on, provider=offer.provider,
        requirement=requirement, offer=offer, has_ehc_plan=requirement.has_ehc_plan,
        is_looked_after=requirement.is_looked_after)
    invitations = {invitation.provider_id: invitation for invitation in requirement.invitations.all()}
    _tell_provider(offer.provider, invitations[offer.provider_id], template="ap_calloff_awarded",
                   context={"requirement": requirement, "offer": offer})
    for loser in losers:
        _tell_provider(loser.provider, invitations[loser.provider_id], template="ap_calloff_unsuccessful",
                       context={"requirement": requirement, "offer": loser})
    return placement
