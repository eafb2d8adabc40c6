"""Placements: starting one (from an awarded offer or arranged directly by a school), attendance, reviews and
outcomes."""

import datetime as dt

from django.db import transaction

from ..models import ApprovedProvider, Offer, Placement, PlacementRequirement

__all__ = ["FULL_TIME_HOURS", "placement_start"]

# A pupil of compulsory school age taught for this many hours a week or more counts as full time, for the
# unregistered-provider threshold (DfE registration guidance; the exact figure is unconfirmed in
# ../shared/domain/statutory.md §8.4, so the portal uses the common 18 hours and says so).
FULL_TIME_HOURS = 18


@transaction.atomic
def placement_start(*, child, home_school, commissioner, created_by, tier: str, starts_on: dt.date,
                    hours_per_week, days: str, weekly_cost, objectives: str, reintegration_plan: str,
                    named_contact: str, next_review_on: dt.date, provider: ApprovedProvider | None = None,
                    provider_name: str = "", provider_is_registered_school: bool | None = None,
                    requirement: PlacementRequirement | None = None, offer: Offer | None = None,
                    has_ehc_plan: bool = False, is_looked_after: bool = False,
                    reintegration_on: dt.date | None = None) -> Placement:
    """The one way a placement begins: from an awarded offer (with its requirement) or arranged directly."""
    if provider_is_registered_school is None:
        provider_is_registered_school = bool(provider and provider.registration
                                             == ApprovedProvider.Registration.REGISTERED_SCHOOL)
    return Placement.objects.create(
        child=child, home_school=home_school, commissioner=commissioner, created_by=created_by, tier=tier,
        starts_on=starts_on, hours_per_week=hours_per_week, is_full_time=float(hours_per_week) >= FULL_TIME_HOURS,
        days=days, weekly_cost=weekly_cost, objectives=objectives, reintegration_plan=reintegration_plan,
        reintegration_on=reintegration_on, named_contact=named_contact, next_review_on=next_review_on,
        provider=provider, provider_name=provider_name if provider is None else "",
        provider_is_registered_school=provider_is_registered_school, requirement=requirement, offer=offer,
        arranged_directly=requirement is None, has_ehc_plan=has_ehc_plan, is_looked_after=is_looked_after)
