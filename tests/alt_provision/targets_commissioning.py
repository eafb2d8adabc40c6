"""Policy-matrix targets for the alternative provision commissioning URLs:
URL name -> (kwargs, method, who may reach it).

The builders here are shared with the commissioning tests: a lot, approved providers, and requirements."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from alt_provision.models import ApprovedProvider, CallOffInvitation, Lot, Offer, PlacementRequirement

NEEDS = "Needs a small group with a calm start to the day; struggles with reading aloud."


def first_council():
    """The world fixture's own council (created first); lots belong to its approved provider list."""
    from send_portal.organisations.models import Organisation

    return Organisation.objects.filter(kind="local_authority").order_by("pk").first()


def commissioning_lot(code="secondary-ks3-4", name="Secondary key stages 3 to 4"):
    lot, _ = Lot.objects.get_or_create(code=code, defaults={"name": name, "description": name,
                                                            "local_authority": first_council()})
    return lot


def approved_provider(organisation, *lots, status=ApprovedProvider.Status.ADMITTED, registered=False):
    """The organisation's record on the list, with this standing, admitted to the lots."""
    provider, _ = ApprovedProvider.objects.get_or_create(organisation=organisation)
    provider.status = status
    provider.registration = (ApprovedProvider.Registration.REGISTERED_SCHOOL if registered
                             else ApprovedProvider.Registration.UNREGISTERED)
    provider.urn = "123456" if registered else ""
    provider.contact_name = provider.contact_name or "Sam Contact"
    provider.save()
    provider.lots.add(*lots)
    return provider


def draft_requirement(world, lot, **fields):
    today = timezone.localdate()
    values = {"child": world.child_a, "commissioner": world.school_a, "created_by": world.senco_a, "lot": lot,
              "needs_summary": NEEDS, "area": "Testtown", "start_on": today + dt.timedelta(days=21),
              "hours_per_week": Decimal("15"), "days": "MO,TU,WE", "objectives": "Attend every session.",
              "tier": "2", "reintegration_aim": "Back to school full time by summer.", "budget": Decimal("500")}
    values.update(fields)
    return PlacementRequirement.objects.create(**values)


def called_off_requirement(world, lot, providers, *, offer_from=None):
    """A requirement sent to the providers, with an offer from `offer_from` if given."""
    today = timezone.localdate()
    requirement = draft_requirement(world, lot, status=PlacementRequirement.Status.CALLED_OFF,
                                    called_off_at=timezone.now(), offers_by=today + dt.timedelta(days=10))
    invitations = {provider.pk: CallOffInvitation.objects.create(requirement=requirement, provider=provider)
                   for provider in providers}
    if offer_from is not None:
        Offer.objects.create(requirement=requirement, provider=offer_from, price=Decimal("450"),
                             start_on=requirement.start_on, hours_per_week=Decimal("15"),
                             staffing="A qualified teacher, 1 to 4.", submitted_by=world.provider)
    return requirement, invitations


def targets(world):
    lot = commissioning_lot()
    # Another part's targets may already have put this organisation on the list; leave its standing alone.
    provider, _ = ApprovedProvider.objects.get_or_create(
        organisation=world.provider_org, defaults={"status": ApprovedProvider.Status.ADMITTED})
    provider.lots.add(lot)
    draft = draft_requirement(world, lot)
    requirement, invitations = called_off_requirement(world, lot, [provider], offer_from=provider)
    offer = requirement.offers.get()
    invitation = invitations[provider.pk]
    commissioner = {"senco_a"}
    invited = {"provider"}
    return {
        "ap_requirements": ({}, "get", None),
        "ap_requirement_new": ({}, "get", None),
        "ap_requirement": ({"pk": requirement.pk}, "get", commissioner),
        "ap_requirement_edit": ({"pk": draft.pk}, "get", commissioner),
        "ap_requirement_send": ({"pk": draft.pk}, "get", commissioner),
        "ap_requirement_cancel": ({"pk": draft.pk}, "get", commissioner),
        "ap_requirement_award": ({"pk": requirement.pk, "offer_pk": offer.pk}, "get", commissioner),
        "ap_calloffs": ({}, "get", None),
        "ap_calloff": ({"pk": invitation.pk}, "get", invited),
        "ap_calloff_offer": ({"pk": invitation.pk}, "get", invited),
        "ap_calloff_withdraw": ({"pk": invitation.pk}, "get", invited),
    }
