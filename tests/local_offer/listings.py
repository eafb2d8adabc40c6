"""Building Local Offer listings for tests, through the same service the portal uses."""

from local_offer import services
from local_offer.models import DirectoryOrganisation, Postcode, TaxonomyTerm


def vocabularies():
    services.taxonomies_ensure()


def term_ids(*codes) -> list[str]:
    return [str(pk) for pk in TaxonomyTerm.objects.filter(code__in=codes).values_list("pk", flat=True)]


def postcodes():
    """Three real postcodes with their grid references: two in Exeter about 1 mile apart, one 15 miles east."""
    for postcode, east, north in (("EX1 1AA", 292269, 92680), ("EX4 3SR", 291754, 93027),
                                  ("EX14 1NZ", 316000, 100600)):
        Postcode.objects.get_or_create(postcode=postcode, defaults={"lad_code": "E07000041", "easting": east,
                                                                     "northing": north})


def snapshot(name="Sensory play group", **overrides) -> dict:
    data = {
        "name": name, "description": "A relaxed play session for young children with sensory needs.",
        "url": "", "email": "play@example.test", "phone": "01632 960 111", "status": "active", "is_free": True,
        "fees_description": "", "minimum_age": 0, "maximum_age": 5, "eligibility_description": "",
        "application_process": "Just turn up.", "referral_needed": False, "alert": "", "offers_in_person": True,
        "offers_online": False, "offers_phone": False, "terms": term_ids("early_years", "autism", "families"),
        "local_offer_answers": {"outcomes": "Children enjoy play and make friends."}, "setting_information": {},
        "schedules": [],
        "locations": [{"name": "Castlebridge Children's Centre", "address_1": "1 High Street",
                       "city": "Castlebridge", "postcode": "EX1 1AA", "location_type": "physical",
                       "accessibility": term_ids("wheelchair"), "accessibility_description": "",
                       "schedules": [{"freq": "WEEKLY", "byday": "MO,WE", "opens_at": "10:00",
                                      "closes_at": "11:30", "description": "Term time only"}]}],
        "cost_options": [], "contacts": [], "languages": [], "service_areas": [],
    }
    data.update(overrides)
    return data


def organisation(name="Exampleshire Play Network", **fields) -> DirectoryOrganisation:
    return DirectoryOrganisation.objects.get_or_create(name=name, defaults={"description": "A charity.", **fields})[0]


def listing(name="Sensory play group", organisation_name="Exampleshire Play Network", **overrides):
    return services.listing_apply(data=snapshot(name, **overrides), organisation=organisation(organisation_name))
