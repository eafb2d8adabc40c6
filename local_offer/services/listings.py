"""Writing listings. A listing travels as one plain dict (a "snapshot"): moderation stores it, the moderator
sees the difference between two of them, imports build one from another area's feed, and the demo data is
written as them. `listing_apply()` is the only code that turns a snapshot into rows."""

import datetime as dt
import uuid
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    Contact,
    CostOption,
    DirectoryOrganisation,
    Language,
    Location,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from ..postcodes import normalise_postcode, postcode_lookup

SCALAR_FIELDS = [
    "name", "description", "url", "email", "phone", "status", "is_free", "fees_description", "minimum_age",
    "maximum_age", "eligibility_description", "application_process", "referral_needed", "alert",
    "offers_in_person", "offers_online", "offers_phone",
]
SCHEDULE_FIELDS = ["freq", "interval", "byday", "bymonthday", "dtstart", "until", "valid_from", "valid_to",
                   "opens_at", "closes_at", "attending_type", "description", "notes"]
LOCATION_FIELDS = ["name", "description", "location_type", "address_1", "address_2", "city", "postcode",
                   "accessibility_description"]
COST_FIELDS = ["option", "amount", "amount_description", "valid_from", "valid_to"]
CONTACT_FIELDS = ["name", "title", "email", "phone"]
LANGUAGE_FIELDS = ["name", "code"]
AREA_FIELDS = ["name", "extent", "extent_type", "uri"]


def review_months() -> int:
    return getattr(settings, "LOCAL_OFFER_REVIEW_MONTHS", 12)


def _plain(value):
    """Dates, times and amounts as strings, so a snapshot is JSON and compares equal after a round trip."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def _row(obj, fields) -> dict:
    return {name: _plain(getattr(obj, name)) for name in fields}


def listing_snapshot(service: Service) -> dict:
    """The whole published listing as a plain dict, in the shape `listing_apply()` takes."""
    snapshot = {name: _plain(getattr(service, name)) for name in SCALAR_FIELDS}
    snapshot["terms"] = sorted(str(pk) for pk in service.terms.values_list("pk", flat=True))
    snapshot["local_offer_answers"] = dict(service.local_offer_answers or {})
    snapshot["setting_information"] = dict(service.setting_information or {})
    snapshot["schedules"] = [_row(s, SCHEDULE_FIELDS) for s in service.schedules.order_by("pk")]
    snapshot["locations"] = []
    for at in service.service_at_locations.select_related("location").order_by("location__name", "pk"):
        location = _row(at.location, LOCATION_FIELDS)
        location["id"] = str(at.location_id)
        location["accessibility"] = sorted(str(pk) for pk in at.location.accessibility.values_list("pk", flat=True))
        location["schedules"] = [_row(s, SCHEDULE_FIELDS) for s in at.schedules.order_by("pk")]
        snapshot["locations"].append(location)
    snapshot["cost_options"] = [_row(c, COST_FIELDS) for c in service.cost_options.order_by("pk")]
    snapshot["contacts"] = [_row(c, CONTACT_FIELDS) for c in service.contacts.order_by("pk")]
    snapshot["languages"] = [_row(lang, LANGUAGE_FIELDS) for lang in service.languages.order_by("pk")]
    snapshot["service_areas"] = [_row(a, AREA_FIELDS) for a in service.service_areas.order_by("pk")]
    return snapshot


def _blank_to_none(values: dict, names) -> dict:
    return {name: (None if values.get(name) in ("", None) else values.get(name)) for name in names}


def _schedule_values(data: dict) -> dict:
    values = {name: data.get(name, "") for name in ("freq", "byday", "bymonthday", "description", "notes")}
    values.update(_blank_to_none(data, ["dtstart", "until", "valid_from", "valid_to", "opens_at", "closes_at"]))
    values["interval"] = data.get("interval") or 1
    values["attending_type"] = data.get("attending_type") or "in_person"
    return values


def _uuid_or_none(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def _checked(row, label: str, exclude=()):
    """Validate a row before it is written, because bulk_create does not and PostgreSQL refuses a value longer
    than its column with an error that would otherwise undo the whole request as a server error."""
    try:
        row.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        problems = []
        for field, messages in error.message_dict.items():
            name = row._meta.get_field(field).verbose_name if field in {f.name for f in row._meta.fields} else ""
            problems += [f"{name.capitalize()}: {message}" if name else message for message in messages]
        raise ValidationError(f"{label} cannot be saved. " + " ".join(problems)) from error
    return row


def _location_save(data: dict, organisation, service, source) -> Location:
    location = None
    location_id = _uuid_or_none(data.get("id")) if data.get("id") else None
    if location_id and service.pk:
        # Only a location this service already uses may be edited through it; anything else (including an id
        # that is not a UUID at all) is treated as a new location.
        location = Location.objects.filter(pk=location_id, service_at_locations__service=service).first()
    location = location or Location(organisation=organisation, source=source)
    for name in LOCATION_FIELDS:
        setattr(location, name, data.get(name) or ("physical" if name == "location_type" else ""))
    location.postcode = normalise_postcode(location.postcode) or location.postcode.strip().upper()
    found = postcode_lookup(location.postcode)
    location.easting, location.northing = (found.easting, found.northing) if found else (None, None)
    if data.get("external_id"):
        location.external_id = data["external_id"]
    _checked(location, f"The location {location.name or ''}".rstrip(), exclude=["organisation", "source"])
    location.save()
    location.accessibility.set(TaxonomyTerm.objects.filter(pk__in=data.get("accessibility", [])))
    return location


def search_text_refresh(service_ids) -> None:
    """Recompute the full-text search vectors (PostgreSQL only; SQLite searches the columns directly).
    One UPDATE for any number of services, so an import of thousands stays quick."""
    if connection.vendor != "postgresql":
        return
    term_names = (Service.terms.through.objects.filter(service_id=OuterRef("pk")).values("service_id")
                  .annotate(names=StringAgg("taxonomyterm__name", " ")).values("names"))
    Service.objects.filter(pk__in=list(service_ids)).update(search_vector=(
        SearchVector("name", weight="A", config="english")
        + SearchVector(Coalesce(Subquery(term_names), Value(""), output_field=TextField()), weight="B",
                       config="english")
        + SearchVector("description", weight="C", config="english")
    ))


@transaction.atomic
def listing_apply(*, data: dict, organisation: DirectoryOrganisation, service: Service | None = None,
                  publish: bool = True, reviewed_on: dt.date | None = None, source=None, setting=None) -> Service:
    """Write a snapshot to the database as the live listing, replacing what it had. Publishing also counts
    as the listing being checked, so its review date moves on."""
    service = Service.objects.select_for_update().get(pk=service.pk) if service else Service(organisation=organisation)
    for name in SCALAR_FIELDS:
        if name in data:
            setattr(service, name, data[name])
    service.local_offer_answers = {k: v for k, v in (data.get("local_offer_answers") or {}).items() if v}
    service.setting_information = {k: v for k, v in (data.get("setting_information") or {}).items() if v}
    if setting is not None:
        service.setting = setting
    if source is not None:
        service.source = source
        service.is_out_of_area = True
        service.external_id = data.get("external_id", service.external_id)
    if publish:
        today = reviewed_on or timezone.localdate()
        service.visibility = Service.Visibility.PUBLISHED
        service.last_reviewed_on = today
        service.review_due_on = today + relativedelta(months=review_months())
        service.review_flagged_on = None
        service.hidden_on = None
    service.full_clean(exclude=["organisation", "setting", "source"])
    service.save()
    service.terms.set(TaxonomyTerm.objects.filter(pk__in=data.get("terms", [])))

    service.schedules.all().delete()
    Schedule.objects.bulk_create(_checked(Schedule(service=service, **_schedule_values(s)), "A schedule",
                                          exclude=["service", "service_at_location"])
                                 for s in data.get("schedules", []))
    kept = []
    for location_data in data.get("locations", []):
        location = _location_save(location_data, organisation, service, source)
        at, _ = ServiceAtLocation.objects.get_or_create(service=service, location=location)
        at.schedules.all().delete()
        Schedule.objects.bulk_create(_checked(Schedule(service_at_location=at, **_schedule_values(s)),
                                              f"A schedule at {location.name}",
                                              exclude=["service", "service_at_location"])
                                     for s in location_data.get("schedules", []))
        kept.append(at.pk)
    service.service_at_locations.exclude(pk__in=kept).delete()

    for model, key, fields, label in (
            (CostOption, "cost_options", COST_FIELDS, "A cost"), (Contact, "contacts", CONTACT_FIELDS, "A contact"),
            (Language, "languages", LANGUAGE_FIELDS, "A language"),
            (ServiceArea, "service_areas", AREA_FIELDS, "An area covered")):
        model.objects.filter(service=service).delete()
        nullable = {"amount", "valid_from", "valid_to"}
        model.objects.bulk_create(_checked(
            model(service=service, **{**{name: row.get(name) or "" for name in fields if name not in nullable},
                                      **_blank_to_none(row, [name for name in fields if name in nullable])}),
            label, exclude=["service"]) for row in data.get(key, []))
    search_text_refresh([service.pk])
    return service
