"""Shared by the Open Referral UK tests (holds no tests itself): realistic Local Offer listings, and the standard's
JSON schemas to check the API's answers against."""

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from local_offer.models import DirectoryOrganisation, Postcode, Taxonomy, TaxonomyTerm
from local_offer.services import listing_apply

# The standard lives beside the repository (../shared); ORUK_STANDARD_DIR points elsewhere, for a clone kept apart.
ORUK = Path(os.environ.get("ORUK_STANDARD_DIR") or Path(settings.BASE_DIR).parent / "shared" / "standards" / "oruk")
SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def _registry() -> Registry:
    resources = []
    for path in sorted((ORUK / "schema").rglob("*.json")):
        relative = path.relative_to(ORUK / "schema").as_posix()
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((SCHEMA_BASE + relative, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def assert_valid(instance, schema_name: str):
    """Check `instance` against one of the standard's schemas, for example 'compiled/service.json'."""
    if not ORUK.exists():
        pytest.skip("The Open Referral UK standard is not checked out beside the repository")
    validator = Draft202012Validator({"$ref": SCHEMA_BASE + schema_name}, registry=_registry(),
                                     format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert errors == [], "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def assert_valid_page(page, item_schema: str):
    assert set(page) == PAGE_KEYS
    assert page["size"] == len(page["contents"])
    for item in page["contents"]:
        assert_valid(item, item_schema)


def assert_no_empty_values(data, path="$"):
    """The API leaves out optional properties with no value rather than sending null, "" or []."""
    required_may_be_empty = {"description", "state_province", "contents"}
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in required_may_be_empty:
                assert value not in (None, "", [], {}), f"{path}.{key} is empty"
            assert_no_empty_values(value, f"{path}.{key}")
    elif isinstance(data, list):
        for number, value in enumerate(data):
            assert_no_empty_values(value, f"{path}[{number}]")


def vocabularies():
    """Our four lists, with a few terms each."""
    lists = {}
    for purpose, names in ((Taxonomy.Purpose.CATEGORIES, ["Play and leisure", "Health"]),
                           (Taxonomy.Purpose.NEEDS, ["Autism", "Hearing impairment"]),
                           (Taxonomy.Purpose.AUDIENCES, ["Young people 16 to 25"]),
                           (Taxonomy.Purpose.ACCESSIBILITY, ["Step-free access", "Hearing loop"])):
        taxonomy, _ = Taxonomy.objects.get_or_create(purpose=purpose, defaults={
            "name": purpose.label, "description": f"The {purpose.label.lower()} list."})
        lists[purpose] = [TaxonomyTerm.objects.get_or_create(taxonomy=taxonomy, code=name.lower().replace(" ", "-"),
                                                             defaults={"name": name, "description": f"{name}."})[0]
                          for name in names]
    return lists


def listing(*, name="Saturday Sensory Club", terms=(), access=(), postcode="AB1 2CD", **extra) -> dict:
    data = {
        "name": name, "description": f"{name}: sessions for children with additional needs.",
        "url": "https://sensory.example.org/", "email": "hello@sensory.example.org", "phone": "01632 960 111",
        "status": "active", "is_free": False, "fees_description": "£3 a session", "minimum_age": 5,
        "maximum_age": 11, "eligibility_description": "", "application_process": "Ring to book a place.",
        "referral_needed": False, "alert": "", "offers_in_person": True, "offers_online": False,
        "offers_phone": False, "terms": [str(t.pk) for t in terms],
        "schedules": [{"freq": "WEEKLY", "interval": 1, "byday": "SA", "opens_at": "10:00", "closes_at": "12:00",
                       "description": "Saturday mornings in term time", "attending_type": "in_person"}],
        "locations": [{"name": "Riverside Community Centre", "address_1": "1 River Road", "city": "Exampletown",
                       "postcode": postcode, "location_type": "physical",
                       "accessibility_description": "Quiet room available.",
                       "accessibility": [str(t.pk) for t in access],
                       "schedules": [{"freq": "MONTHLY", "byday": "1TU", "opens_at": "16:00", "closes_at": "17:30",
                                      "attending_type": "in_person"}]}],
        "cost_options": [{"option": "Per session", "amount": "3.00", "amount_description": "Siblings free"}],
        "contacts": [{"name": "Sam Lee", "title": "Club leader", "email": "sam@sensory.example.org",
                      "phone": "01632 960 112"}],
        "languages": [{"name": "British Sign Language", "code": "bfi"}],
        "service_areas": [{"name": "Exampleshire"}],
    }
    data.update(extra)
    return data


def organisation(name="Riverside Play Trust"):
    return DirectoryOrganisation.objects.create(name=name, description=f"{name} runs play schemes.",
                                                website="https://riverside.example.org/")


def published_service(org=None, **kwargs):
    return listing_apply(data=listing(**kwargs), organisation=org or organisation(),
                         reviewed_on=dt.date(2026, 1, 15))


def postcode(code="AB1 2CD", easting=400000, northing=300000):
    return Postcode.objects.get_or_create(postcode=code, defaults={"easting": easting, "northing": northing})[0]
