"""Policy-matrix targets for the Local Offer provider URLs: URL name -> (kwargs, method, who may reach it).
Also the small builders the provider, moderation and review tests share."""

from local_offer.models import DirectoryOrganisation, ServiceProposal, Taxonomy, TaxonomyTerm
from local_offer.services import listing_apply, listing_snapshot


def term(purpose, code, name):
    taxonomy, _ = Taxonomy.objects.get_or_create(purpose=purpose, defaults={"name": purpose.label,
                                                                             "description": purpose.label})
    found, _ = TaxonomyTerm.objects.get_or_create(taxonomy=taxonomy, code=code,
                                                  defaults={"name": name, "description": name})
    return found


def listing_data(name="Saturday Sensory Club", **overrides):
    category = term(Taxonomy.Purpose.CATEGORIES, "leisure", "Leisure and play")
    data = {
        "name": name, "description": "Play sessions in a quiet, sensory-friendly room.", "url": "",
        "email": "club@example.test", "phone": "01632 960 123", "status": "active", "is_free": True,
        "fees_description": "", "minimum_age": 4, "maximum_age": 11, "eligibility_description": "",
        "application_process": "Book online.", "referral_needed": False, "alert": "", "offers_in_person": True,
        "offers_online": False, "offers_phone": False, "terms": [str(category.pk)], "local_offer_answers": {},
        "setting_information": {},
        "schedules": [],
        "locations": [{"name": "Riverside Centre", "description": "", "location_type": "physical",
                       "address_1": "1 River Road", "address_2": "", "city": "Exampletown", "postcode": "EX1 1AA",
                       "accessibility_description": "", "accessibility": [],
                       "schedules": [{"freq": "WEEKLY", "interval": 1, "byday": "SA", "opens_at": "10:00:00",
                                      "closes_at": "12:00:00", "attending_type": "in_person"}]}],
        "cost_options": [], "contacts": [], "languages": [], "service_areas": [],
    }
    data.update(overrides)
    return data


def directory_for(portal_organisation, name=None):
    directory, _ = DirectoryOrganisation.objects.get_or_create(
        portal_organisation=portal_organisation,
        defaults={"name": name or portal_organisation.name, "description": "Runs clubs."})
    return directory


def published_listing(portal_organisation, name="Saturday Sensory Club", **overrides):
    return listing_apply(data=listing_data(name, **overrides), organisation=directory_for(portal_organisation))


def pending_change(service, user, **changes):
    data = {**listing_snapshot(service), **changes}
    return ServiceProposal.objects.create(organisation=service.organisation, service=service, data=data,
                                          base=listing_snapshot(service), proposed_by=user)


def targets(world):
    service = published_listing(world.provider_org, name="Matrix Club")
    proposal = pending_change(service, world.provider, name="Matrix Club (renamed)")
    keepers = {"provider"}
    return {
        "local_offer_provider_dashboard": ({}, "get", None),
        "local_offer_provider_service_new": ({}, "get", None),
        "local_offer_provider_service": ({"pk": service.pk}, "get", keepers),
        "local_offer_provider_service_edit": ({"pk": service.pk}, "get", keepers),
        "local_offer_provider_service_confirm": ({"pk": service.pk}, "post", keepers),
        "local_offer_provider_proposal": ({"pk": proposal.pk}, "get", keepers),
        "local_offer_provider_proposal_edit": ({"pk": proposal.pk}, "get", keepers),
        "local_offer_provider_proposal_withdraw": ({"pk": proposal.pk}, "post", keepers),
        "local_offer_moderation_queue": ({}, "get", None),
        "local_offer_moderation_proposal": ({"pk": proposal.pk}, "get", None),
        "local_offer_moderation_approve": ({"pk": proposal.pk}, "post", None),
        "local_offer_moderation_reject": ({"pk": proposal.pk}, "get", None),
        "local_offer_listings_manage": ({}, "get", None),
        "local_offer_listing_manage": ({"pk": service.pk}, "get", None),
    }
