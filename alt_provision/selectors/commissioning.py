"""Reads for commissioning placements: requirements, the call-offs providers were invited to, and their offers.

A commissioner is an organisation: a SENCO commissions for their own school (or pupil referral unit), a council's
commissioning officers for their council. Each person sees the requirements of the organisations they commission
for, and only for children whose records they may see. A provider sees a call-off only through the invitation its
organisation received, and never the child's name or identity.
"""

import datetime as dt

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from ehc.models import EHCCase, Stage
from send_portal.core.access import get_from
from send_portal.organisations.models import Organisation, OrganisationKind, Role
from send_portal.organisations.selectors import local_authorities_for, organisations_for
from send_portal.people.selectors import children_visible_to

from ..models import ApprovedProvider, CallOffInvitation, Offer, PlacementRequirement
from .providers import evidence_summary, providers_kept_by, working_days_after

__all__ = [
    "COMMISSIONING_OFFICER_ROLES", "OFFERS_CLOSE_MIN_WORKING_DAYS", "AP_DAYS", "commissioning_organisations_for",
    "commissioner_for", "requirement_children_for", "requirements_visible_to", "requirement_get_for",
    "child_has_ehc_plan", "earliest_offers_close", "eligible_providers", "offers_open", "award_blocker",
    "offer_rows", "invitations_for_provider", "invitation_get_for_provider", "offer_for", "days_label", "age_band",
]

COMMISSIONING_OFFICER_ROLES = (Role.LA_MANAGER, Role.LA_CASEWORKER)
OFFERS_CLOSE_MIN_WORKING_DAYS = 1
AP_DAYS = [("MO", "Monday"), ("TU", "Tuesday"), ("WE", "Wednesday"), ("TH", "Thursday"), ("FR", "Friday")]


def _schools_for(user) -> QuerySet[Organisation]:
    return organisations_for(user, Role.SENCO).filter(kind=OrganisationKind.SCHOOL)


def _councils_for(user) -> QuerySet[Organisation]:
    """Councils a person commissions for: only through a commissioning role, not any council membership."""
    return local_authorities_for(user, *COMMISSIONING_OFFICER_ROLES)


def commissioning_organisations_for(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(Q(pk__in=_schools_for(user).values("pk"))
                                       | Q(pk__in=_councils_for(user).values("pk")))


def commissioner_for(user, child) -> Organisation | None:
    """Who commissions for this child when this person asks: the child's school if they are its SENCO, otherwise
    the child's council if they are one of its commissioning officers."""
    if child.current_setting_id and _schools_for(user).filter(pk=child.current_setting_id).exists():
        return child.current_setting
    if _councils_for(user).filter(pk=child.home_local_authority_id).exists():
        return child.home_local_authority
    return None


def requirement_children_for(user):
    """Children this person may commission for: visible to them and at their school or in their council."""
    schools = _schools_for(user).values("pk")
    councils = _councils_for(user).values("pk")
    return children_visible_to(user).filter(Q(current_setting__in=schools) | Q(home_local_authority__in=councils))


def requirements_visible_to(user) -> QuerySet[PlacementRequirement]:
    return (PlacementRequirement.objects
            .filter(commissioner__in=commissioning_organisations_for(user),
                    child__in=children_visible_to(user).order_by().values("pk"))
            .select_related("child", "child__current_setting", "commissioner", "lot", "created_by"))


def requirement_get_for(user, pk, *, purpose: str = "view") -> PlacementRequirement:
    return get_from(user, requirements_visible_to(user), purpose=purpose, pk=pk)


def age_band(age: int) -> str:
    """A two-year age band: enough for a provider or a panel to plan, without the date of birth."""
    low = max(age - age % 2, 0)
    return f"{low} to {low + 1}"


def child_has_ehc_plan(child) -> bool:
    """Whether the council's records show a final EHC plan in force for the child."""
    return EHCCase.objects.filter(child=child, stage=Stage.FINAL_ISSUED).exists()


def earliest_offers_close(today: dt.date) -> dt.date:
    return working_days_after(today, OFFERS_CLOSE_MIN_WORKING_DAYS)


def eligible_providers(requirement: PlacementRequirement) -> QuerySet[ApprovedProvider]:
    """Providers on the list, not suspended or removed, admitted to the requirement's lot."""
    return (ApprovedProvider.objects.filter(status=ApprovedProvider.Status.ADMITTED, lots=requirement.lot)
            .select_related("organisation").distinct().order_by("organisation__name", "pk"))


def offers_open(requirement: PlacementRequirement, today: dt.date) -> bool:
    return (requirement.status == PlacementRequirement.Status.CALLED_OFF and requirement.offers_by is not None
            and today <= requirement.offers_by)


def award_blocker(requirement: PlacementRequirement, today: dt.date) -> str:
    """Why the requirement cannot be awarded yet, in words; empty when it can."""
    if requirement.status == PlacementRequirement.Status.AWARDED:
        return "This requirement has already been awarded."
    if requirement.status != PlacementRequirement.Status.CALLED_OFF:
        return "Only a requirement that has been sent to providers can be awarded."
    if not requirement.offers.filter(status=Offer.Status.SUBMITTED).exists():
        return "No provider has made an offer yet."
    if offers_open(requirement, today):
        invited = set(requirement.invitations.values_list("provider_id", flat=True))
        answered = set(requirement.offers.values_list("provider_id", flat=True))
        if invited - answered:
            # Every invited provider must have had its chance, so an early award waits for the closing date.
            return ("Offers are open until the end of the closing date and some invited providers have not "
                    "answered yet. You can award once offers close or every invited provider has answered.")
    if not requirement.child.current_setting_id:
        return ("The pupil has no home school recorded, and a placement needs one because the pupil stays on its "
                "roll. Record the pupil's current school on their record first.")
    return ""


def offer_rows(requirement: PlacementRequirement, today: dt.date) -> list[dict]:
    """The offers side by side, cheapest first, each with the provider's registration and evidence state."""
    offers = (requirement.offers.exclude(status=Offer.Status.WITHDRAWN)
              .select_related("provider__organisation").prefetch_related("provider__evidence")
              .order_by("price", "start_on", "pk"))
    return [{"offer": offer, "provider": offer.provider,
             "registered_school": offer.provider.registration == ApprovedProvider.Registration.REGISTERED_SCHOOL,
             "evidence": evidence_summary(offer.provider, today)} for offer in offers]


def invitations_for_provider(user, today: dt.date | None = None) -> QuerySet[CallOffInvitation]:
    """Call-offs the person's provider organisations were invited to: open ones first, soonest closing first."""
    today = today or timezone.localdate()
    return (CallOffInvitation.objects.filter(provider__in=providers_kept_by(user))
            .select_related("requirement", "requirement__lot", "requirement__child", "provider__organisation")
            .annotate(rank=Case(When(requirement__status=PlacementRequirement.Status.CALLED_OFF,
                                     requirement__offers_by__gte=today, then=Value(0)),
                                default=Value(1), output_field=IntegerField()))
            .order_by("rank", "requirement__offers_by", "-pk"))


def invitation_get_for_provider(user, pk, *, purpose: str = "view") -> CallOffInvitation:
    return get_from(user, invitations_for_provider(user), purpose=purpose, pk=pk)


def offer_for(invitation: CallOffInvitation) -> Offer | None:
    return Offer.objects.filter(requirement=invitation.requirement, provider=invitation.provider).first()


def days_label(days: str) -> str:
    names = dict(AP_DAYS)
    return ", ".join(names.get(code, code) for code in days.split(",") if code)
