"""Our rows as Open Referral UK v3 (HSDS 3.0, UK profile) JSON.

Plain functions rather than DRF serializers: the standard wants optional properties left out when empty,
never sent as null, "" or [], and a dict built by hand says that most plainly.

Where the UK profile has no property for something we hold (a contact's phone and email, a language's name,
how to start, who a service is for), we use the HSDS 3.0 property of the same meaning. The profile's JSON
schemas allow extra properties, so consumers that know only the profile still validate and can ignore them.

Some objects the standard wants as rows with their own id are fields on our rows (a service's phone number,
a location's address, a term attached to a service). Their ids are UUID5s derived from the owning row, so
they stay the same from one request to the next and an importer can match them.
"""

import uuid
from decimal import Decimal

from ..models import Schedule, Taxonomy

HSDS_VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
COUNTRY = "GB"

# iCalendar days, for writing a daily schedule as the weekly one the UK profile allows.
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"

# How a term relates to what it is attached to, by the purpose of its list (the attribute's `link_type`).
LINK_TYPES = {
    Taxonomy.Purpose.CATEGORIES: "category",
    Taxonomy.Purpose.NEEDS: "eligibility",
    Taxonomy.Purpose.AUDIENCES: "audience",
    Taxonomy.Purpose.ACCESSIBILITY: "accessibility",
    Taxonomy.Purpose.OTHER: "other",
}


def derived_id(owner, part) -> str:
    return str(uuid.uuid5(uuid.UUID(str(owner)), str(part)))


def _present(value) -> bool:
    return value not in (None, "", [], {})


def compact(data: dict, *, keep=()) -> dict:
    """Drop empty optional properties; `keep` names the required ones, sent even when empty."""
    return {key: value for key, value in data.items() if key in keep or _present(value)}


def _iso(value):
    return value.isoformat() if value is not None else None


def _number(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def taxonomy_data(taxonomy, *, terms=None) -> dict:
    data = compact({
        "id": str(taxonomy.pk), "name": taxonomy.name, "description": taxonomy.description,
        "uri": taxonomy.uri, "version": taxonomy.version,
    }, keep=("id", "name", "description"))
    if terms is not None:
        data = compact({**data, "taxonomy_terms": [taxonomy_term_data(term) for term in terms]},
                       keep=("id", "name", "description"))
    return data


def taxonomy_term_data(term) -> dict:
    """A term; its taxonomy must be loaded with it (select_related) to keep the query count flat."""
    return compact({
        "id": str(term.pk), "name": term.name, "description": term.description,
        "parent_id": str(term.parent_id) if term.parent_id else None,
        "taxonomy": term.taxonomy.name, "taxonomy_id": str(term.taxonomy_id),
        "term_uri": term.term_uri, "term": term.code,
    }, keep=("id", "name", "description"))


def attribute_data(link_id, term) -> dict:
    return {
        "id": derived_id(link_id, term.pk), "link_id": str(link_id),
        "link_type": LINK_TYPES.get(term.taxonomy.purpose, "other"),
        "taxonomy_term_id": str(term.pk), "taxonomy_term": taxonomy_term_data(term),
    }


def organization_data(organisation) -> dict:
    return compact({
        "id": str(organisation.pk), "name": organisation.name, "description": organisation.description,
        "email": organisation.email, "website": organisation.website,
    }, keep=("id", "name", "description"))


def _fees(service) -> str:
    if service.fees_description:
        return service.fees_description
    return "Free" if service.is_free else ""


def service_summary_data(service) -> dict:
    """The one-to-one fields and the organisation: what a page of /services lists."""
    return compact({
        "id": str(service.pk), "organization_id": str(service.organisation_id), "name": service.name,
        "description": service.description, "url": service.url, "email": service.email,
        "status": service.status, "fees": _fees(service),
        "minimum_age": service.minimum_age, "maximum_age": service.maximum_age,
        "assured_date": _iso(service.last_reviewed_on), "alert": service.alert,
        "last_modified": _iso(service.last_modified),
        "organization": organization_data(service.organisation),
    }, keep=("id", "name", "status"))


def _in_words(schedule) -> str:
    unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}.get(schedule.freq)
    if not unit:
        return ""
    return f"Every {unit}" if schedule.interval == 1 else f"Every {schedule.interval} {unit}s"


def schedule_data(schedule, *, service_at_location=None) -> dict:
    freq, byday = schedule.freq, schedule.byday
    if freq == Schedule.Frequency.DAILY and schedule.interval == 1:
        freq, byday = Schedule.Frequency.WEEKLY, byday or EVERY_DAY
    # The UK profile knows only weekly and monthly patterns; any other is told in words instead.
    recurring = freq in (Schedule.Frequency.WEEKLY, Schedule.Frequency.MONTHLY)
    return compact({
        "id": str(schedule.pk),
        "service_at_location_id": str(service_at_location.pk) if service_at_location else None,
        "valid_from": _iso(schedule.valid_from), "valid_to": _iso(schedule.valid_to),
        "dtstart": _iso(schedule.dtstart),
        "freq": freq if recurring else None, "interval": schedule.interval if recurring else None,
        "byday": byday if recurring else None, "bymonthday": schedule.bymonthday if recurring else None,
        "until": _iso(schedule.until),
        "description": schedule.description or ("" if recurring else _in_words(schedule)),
        "opens_at": _iso(schedule.opens_at), "closes_at": _iso(schedule.closes_at),
        "attending_type": schedule.attending_type, "notes": schedule.notes,
    }, keep=("id",))


def address_data(location) -> dict:
    return {
        "id": derived_id(location.pk, "address"), "location_id": str(location.pk),
        "address_1": location.address_1, "address_2": location.address_2, "city": location.city,
        # We hold no county; the property is required, so it is sent empty rather than guessed.
        "state_province": "", "postal_code": location.postcode, "country": COUNTRY,
        "address_type": "postal" if location.location_type == "postal" else "physical",
    }


def location_data(location) -> dict:
    """A location; its accessibility terms must be prefetched with their taxonomies."""
    terms = list(location.accessibility.all())
    accessibility = []
    if location.accessibility_description:
        accessibility.append({"id": derived_id(location.pk, "accessibility"), "location_id": str(location.pk),
                              "description": location.accessibility_description})
    accessibility += [compact({"id": derived_id(location.pk, term.pk), "location_id": str(location.pk),
                               "description": term.name, "details": term.description, "url": term.term_uri})
                      for term in terms]
    has_address = location.location_type != "virtual" and (location.address_1 or location.postcode)
    return compact({
        "id": str(location.pk), "location_type": location.location_type, "name": location.name,
        "description": location.description,
        "latitude": _number(location.latitude), "longitude": _number(location.longitude),
        "addresses": [compact(address_data(location), keep=("id", "address_1", "city", "state_province",
                                                            "postal_code", "country", "address_type"))]
        if has_address else [],
        "accessibility": accessibility,
        "attributes": [attribute_data(location.pk, term) for term in terms],
    }, keep=("id", "location_type"))


def service_at_location_data(at, *, with_service=False) -> dict:
    data = {"id": str(at.pk), "service_id": str(at.service_id), "location_id": str(at.location_id),
            "location": location_data(at.location)}
    if with_service:
        data["service"] = service_summary_data(at.service)
    return data


def _phone(owner, number) -> list:
    return [{"id": derived_id(owner, "phone"), "number": number}] if number else []


def service_data(service) -> dict:
    """The fully nested service; use `selectors.oruk_services_full()` so its relations are prefetched."""
    schedules = [schedule_data(s) for s in service.schedules.all()]
    for at in service.service_at_locations.all():
        schedules += [schedule_data(s, service_at_location=at) for s in at.schedules.all()]
    data = service_summary_data(service)
    data.update(compact({
        "eligibility_description": service.eligibility_description,
        "application_process": service.application_process,
        "phones": _phone(service.pk, service.phone),
        "schedules": schedules,
        "service_areas": [compact({"id": str(a.pk), "service_id": str(service.pk), "name": a.name,
                                   "extent": a.extent, "extent_type": a.extent_type, "uri": a.uri}, keep=("id",))
                          for a in service.service_areas.all()],
        "service_at_locations": [service_at_location_data(at) for at in service.service_at_locations.all()],
        "languages": [compact({"id": str(lang.pk), "service_id": str(service.pk), "name": lang.name,
                               "code": lang.code}, keep=("id",)) for lang in service.languages.all()],
        "cost_options": [compact({"id": str(c.pk), "service_id": str(service.pk), "option": c.option,
                                  "amount": _number(c.amount), "amount_description": c.amount_description,
                                  "valid_from": _iso(c.valid_from), "valid_to": _iso(c.valid_to)}, keep=("id",))
                         for c in service.cost_options.all()],
        "contacts": [compact({"id": str(c.pk), "service_id": str(service.pk), "name": c.name, "title": c.title,
                              "email": c.email, "phones": _phone(c.pk, c.phone)}, keep=("id",))
                     for c in service.contacts.all()],
        "attributes": [attribute_data(service.pk, term) for term in service.terms.all()],
    }))
    return data


def page_data(*, total: int, page_number: int, per_page: int, contents: list) -> dict:
    """The HSDS pagination envelope around one page of results. A page past the end is empty, not an error."""
    total_pages = -(-total // per_page)
    return {
        "total_items": total, "total_pages": total_pages, "page_number": page_number, "size": len(contents),
        "first_page": page_number == 1, "last_page": page_number >= total_pages, "empty": not contents,
        "contents": contents,
    }


def api_details(openapi_url: str) -> dict:
    return {"version": HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": openapi_url}
