"""Importing another area's Open Referral UK v3 feed, so out-of-area provision families use appears here.

A feed arrives as JSON: a list of full services, one page of a `/services` response, or a single service; or
it is fetched from the feed's web address. Every service is checked before anything is written, and the
whole import is one transaction, so a bad feed changes nothing. Services are matched to earlier imports by
the feed's own ids, so importing again updates what changed and withdraws what the feed no longer lists.
"""

import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify

from ..models import MAX_AGE, DirectoryOrganisation, ImportSource, Location, Service, Taxonomy, TaxonomyTerm
from ..postcodes import normalise_postcode
from .listings import listing_apply, listing_snapshot

__all__ = ["ImportResult", "oruk_feed_fetch", "oruk_feed_parse", "oruk_import", "oruk_import_from",
           "oruk_import_source"]

FETCH_TIMEOUT_SECONDS = 20
MAX_FEED_BYTES = 20 * 1024 * 1024
MAX_PAGES = 500
DAY_CODES = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
STATUSES = {"active": "active", "inactive": "inactive", "temporarily closed": "inactive", "defunct": "defunct"}


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0

    def __str__(self):
        summary = f"{self.added} added, {self.updated} updated, {self.withdrawn} withdrawn"
        return f"{summary}, {self.unchanged} unchanged" if self.unchanged else summary


def oruk_import_source(*, name: str, url: str = "") -> ImportSource:
    """The import source with this name, made if new; a web address given is remembered for next time."""
    name = name.strip()
    if not name:
        raise ValidationError("Enter the name of the area the feed comes from")
    source = ImportSource.objects.filter(name__iexact=name).first() or ImportSource(name=name)
    if url:
        source.url = url
    source.save()
    return source


# --- Reading a feed ---------------------------------------------------------------------------------------

def oruk_feed_parse(payload) -> list[dict]:
    """The services in a decoded feed, or ValidationError saying plainly what is wrong with it."""
    if isinstance(payload, dict) and isinstance(payload.get("contents"), list):
        total_pages = payload.get("total_pages")
        if isinstance(total_pages, int) and total_pages > 1:
            raise ValidationError(
                f"This file holds one page of a feed that has {total_pages} pages, so importing it would withdraw "
                "the services on the other pages. Import from the feed's web address instead.")
        services = payload["contents"]
    elif isinstance(payload, dict) and "id" in payload:
        services = [payload]
    elif isinstance(payload, list):
        services = payload
    else:
        raise ValidationError("This is not an Open Referral UK services feed: expected a list of services, a page of "
                              "services with 'contents', or a single service")
    seen = set()
    for number, service in enumerate(services, start=1):
        if not isinstance(service, dict):
            raise ValidationError(f"Service {number} in the feed is not a JSON object")
        label = f"Service {number} in the feed"
        if not _text(service.get("id")):
            raise ValidationError(f"{label} has no id")
        if not _text(service.get("name")):
            raise ValidationError(f"{label} (id {_text(service.get('id'))[:100]}) has no name")
        if len(_text(service["id"])) > 100:
            raise ValidationError(f"{label} has an id longer than 100 characters")
        if _text(service["id"]) in seen:
            raise ValidationError(f"{label} repeats the id {_text(service['id'])}")
        seen.add(_text(service["id"]))
    return services


def _get_json(url: str):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 (scheme checked)
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310
            body = response.read(MAX_FEED_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ValidationError(f"We could not get {url}: {reason}") from error
    if len(body) > MAX_FEED_BYTES:
        raise ValidationError(f"{url} sent more than 20MB")
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise ValidationError(f"{url} did not send JSON") from error


def oruk_feed_fetch(url: str) -> list[dict]:
    """Every service in the feed at `url`: each page of /services, then each service in full."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValidationError("The feed's web address must start with http:// or https://")
    base = re.sub(r"/services/?$", "", url.strip().rstrip("/"))
    listed = []
    for page in range(1, MAX_PAGES + 1):
        payload = _get_json(f"{base}/services?page={page}")
        if not isinstance(payload, dict) or not isinstance(payload.get("contents"), list):
            raise ValidationError(f"{base}/services did not send a page of services")
        listed += payload["contents"]
        total_pages = payload.get("total_pages")
        if not payload["contents"] or payload.get("last_page") is True \
                or (isinstance(total_pages, int) and page >= total_pages):
            break
    full = []
    for summary in listed:
        service_id = _text(summary.get("id")) if isinstance(summary, dict) else ""
        if not service_id:
            raise ValidationError(f"{base}/services listed a service with no id")
        full.append(_get_json(f"{base}/services/{urllib.parse.quote(service_id, safe='')}"))
    return oruk_feed_parse(full)


# --- Turning a feed's service into a snapshot ------------------------------------------------------------

def _text(value, limit=None) -> str:
    text = value.strip() if isinstance(value, str) else (str(value) if isinstance(value, int | float) else "")
    return text[:limit] if limit else text


def _list(value) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _checked(value, validator, limit=None) -> str:
    """A web or email address as sent, or nothing when it is not one: one bad address should not stop a feed."""
    text = _text(value, limit)
    try:
        validator(text)
    except ValidationError:
        return ""
    return text


def _url(value) -> str:
    return _checked(value, URLValidator(schemes=["http", "https"]), 200)


def _email(value) -> str:
    return _checked(value, EmailValidator(), 254)


def _age(value, default) -> int:
    try:
        return max(0, min(MAX_AGE, int(float(value))))
    except (TypeError, ValueError):
        return default


def _date(value) -> str:
    text = _text(value)[:10]
    return text if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else ""


def _time(value) -> str:
    text = _text(value)[:8]
    return text if re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", text) else ""


def _amount(value) -> str:
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return ""
    return f"{amount:.2f}" if 0 <= amount < 1_000_000 else ""


def _as_uuid(value, source: ImportSource, kind: str) -> str:
    """Our id for a feed's record: its own when it is a UUID, otherwise one derived from the source and it."""
    try:
        return str(uuid.UUID(_text(value)))
    except ValueError:
        return str(uuid.uuid5(source.pk, f"{kind}:{_text(value)}"))


def _schedule(data: dict) -> dict:
    freq = _text(data.get("freq")).upper()
    byday = ",".join(code for code in re.split(r"\s*,\s*", _text(data.get("byday")).upper())
                     if re.fullmatch(r"-?\d?[A-Z]{2}", code) and code[-2:] in DAY_CODES)
    opens_at, closes_at = _time(data.get("opens_at")), _time(data.get("closes_at"))
    if opens_at and closes_at and closes_at <= opens_at:
        closes_at = ""
    if freq not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        freq = ""
    try:
        interval = max(1, min(int(float(data.get("interval") or 1)), 365))
    except (TypeError, ValueError):
        interval = 1
    attending = _text(data.get("attending_type")).lower().replace("-", "_").replace(" ", "_")
    return {
        "freq": freq, "interval": interval, "byday": byday[:60],
        "bymonthday": ",".join(re.findall(r"-?\d{1,2}", _text(data.get("bymonthday"))))[:60],
        "dtstart": _date(data.get("dtstart")), "until": _date(data.get("until")),
        "valid_from": _date(data.get("valid_from")),
        "valid_to": _date(data.get("valid_to")), "opens_at": opens_at, "closes_at": closes_at,
        "attending_type": attending if attending in ("in_person", "online", "phone") else "in_person",
        "description": _text(data.get("description")), "notes": _text(data.get("notes")),
    }


def _usable_schedule(schedule: dict) -> bool:
    # Our schedules need a pattern or a date: words alone ("ring to book") cannot be searched by day or time.
    return bool(schedule["freq"] or schedule["dtstart"])


def _term_ids(attributes, known: dict) -> list[str]:
    ids = []
    for attribute in _list(attributes):
        term = attribute.get("taxonomy_term") if isinstance(attribute.get("taxonomy_term"), dict) else {}
        raw = attribute.get("taxonomy_term_id") or term.get("id")
        if raw and _text(raw) in known:
            ids.append(known[_text(raw)])
    return sorted(set(ids))


def _first_phone(phones) -> str:
    for phone in _list(phones):
        if _text(phone.get("number")):
            return _text(phone["number"], 40)
    return ""


def _location_external_id(service_id: str, location_id: str) -> str:
    # A place shared by two services in the feed becomes a row for each, since listings own their places.
    key = f"{service_id}/{location_id}"
    return key if len(key) <= 100 else str(uuid.uuid5(uuid.NAMESPACE_URL, key))


def _snapshot(data: dict, *, terms: dict, existing: Service | None) -> dict:
    service_id = _text(data["id"])
    fees = _text(data.get("fees") or data.get("fees_description"))
    cost_options = [{
        "option": _text(c.get("option"), 200) or "Cost", "amount": _amount(c.get("amount")),
        "amount_description": _text(c.get("amount_description"), 300),
        "valid_from": _date(c.get("valid_from")), "valid_to": _date(c.get("valid_to")),
    } for c in _list(data.get("cost_options"))]
    amounts = [c["amount"] for c in cost_options if c["amount"] != ""]
    minimum_age, maximum_age = _age(data.get("minimum_age"), 0), _age(data.get("maximum_age"), MAX_AGE)
    existing_places = {}
    if existing:
        existing_places = dict(Location.objects.filter(service_at_locations__service=existing)
                               .values_list("external_id", "pk"))
    schedules_by_place, service_schedules = {}, []
    for raw in _list(data.get("schedules")):
        schedule = _schedule(raw)
        if not _usable_schedule(schedule):
            continue
        place = _text(raw.get("service_at_location_id"))
        (schedules_by_place.setdefault(place, []) if place else service_schedules).append(schedule)
    locations = []
    for at in _list(data.get("service_at_locations")):
        place = at.get("location") if isinstance(at.get("location"), dict) else {}
        location_id = _text(place.get("id") or at.get("location_id") or at.get("id"))
        if not location_id:
            continue
        addresses = _list(place.get("addresses"))
        address = next((a for a in addresses if a.get("address_type") != "postal"), addresses[0] if addresses else {})
        attribute_terms = _term_ids(place.get("attributes"), terms)
        term_names = {term.name for term in TaxonomyTerm.objects.filter(pk__in=attribute_terms)}
        access_words = [_text(a.get("description") or a.get("accessibility"))
                        for a in _list(place.get("accessibility"))]
        external_id = _location_external_id(service_id, location_id)
        at_schedules = [*_list(at.get("schedules")), *_list(place.get("schedules"))]
        locations.append({
            "id": str(existing_places[external_id]) if external_id in existing_places else "",
            "external_id": external_id,
            "name": _text(place.get("name"), 200) or _text(address.get("address_1"), 200) or "Venue",
            "description": _text(place.get("description")),
            "location_type": _text(place.get("location_type")) if place.get("location_type") in
            ("physical", "virtual", "postal") else "physical",
            "address_1": _text(address.get("address_1"), 200), "address_2": _text(address.get("address_2"), 200),
            "city": _text(address.get("city"), 100),
            "postcode": normalise_postcode(_text(address.get("postal_code"))) or _text(address.get("postal_code"), 8),
            "accessibility_description": "\n".join(w for w in access_words if w and w not in term_names),
            "accessibility": attribute_terms,
            "schedules": [*schedules_by_place.get(_text(at.get("id")), []),
                          *[s for s in map(_schedule, at_schedules) if _usable_schedule(s)]],
        })
    return {
        "external_id": service_id,
        "name": _text(data["name"], 200),
        "description": _text(data.get("description")) or _text(data["name"]),
        "url": _url(data.get("url")), "email": _email(data.get("email")),
        "phone": _first_phone(data.get("phones")),
        "status": STATUSES.get(_text(data.get("status")).lower(), "active"),
        "is_free": fees.lower() == "free" or (bool(amounts) and all(float(a) == 0 for a in amounts)),
        "fees_description": "" if fees.lower() == "free" else fees,
        "minimum_age": min(minimum_age, maximum_age), "maximum_age": maximum_age,
        "eligibility_description": _text(data.get("eligibility_description")),
        "application_process": _text(data.get("application_process")),
        "referral_needed": False,
        "alert": _text(data.get("alert"), 300),
        "offers_in_person": any(loc["location_type"] == "physical" for loc in locations) or not locations,
        "offers_online": any(loc["location_type"] == "virtual" for loc in locations),
        "offers_phone": False,
        "terms": _term_ids(data.get("attributes"), terms),
        "local_offer_answers": existing.local_offer_answers if existing else {},
        "setting_information": {},
        "schedules": service_schedules,
        "locations": locations,
        "cost_options": cost_options,
        "contacts": [{"name": _text(c.get("name"), 200) or "Contact", "title": _text(c.get("title"), 200),
                      "email": _email(c.get("email")), "phone": _first_phone(c.get("phones"))}
                     for c in _list(data.get("contacts"))],
        "languages": [{"name": _text(lang.get("name"), 100) or _text(lang.get("code"), 100),
                       "code": _text(lang.get("code"), 10)}
                      for lang in _list(data.get("languages")) if lang.get("name") or lang.get("code")],
        "service_areas": [{"name": _text(a.get("name") or a.get("service_area"), 200) or "Area",
                           "extent": _text(a.get("extent")), "extent_type": _text(a.get("extent_type"), 30),
                           "uri": _url(a.get("uri"))} for a in _list(data.get("service_areas"))],
    }


# --- Writing ----------------------------------------------------------------------------------------------

def _feed_terms(services: list[dict]) -> list[dict]:
    found = {}
    for service in services:
        holders = [service, *[at.get("location") for at in _list(service.get("service_at_locations"))
                              if isinstance(at.get("location"), dict)]]
        for holder in holders:
            for attribute in _list(holder.get("attributes")):
                term = attribute.get("taxonomy_term") if isinstance(attribute.get("taxonomy_term"), dict) else None
                raw_id = _text((term or {}).get("id") or attribute.get("taxonomy_term_id"))
                if raw_id and (term or raw_id not in found):
                    found[raw_id] = term
    return list(found.items())


def _unique_code(taxonomy: Taxonomy, wanted: str, term_id) -> str:
    base = (slugify(wanted) or "term")[:70]
    code, number = base, 1
    while TaxonomyTerm.objects.filter(taxonomy=taxonomy, code=code).exclude(pk=term_id).exists():
        number += 1
        code = f"{base}-{number}"
    return code


def _sync_terms(source: ImportSource, services: list[dict]) -> dict:
    """Make sure every term the feed uses exists here, with its own id; returns feed id -> our id. Terms that
    were already here (ours, or shared with the other area) are used as they are."""
    known, parents = {}, {}
    for raw_id, term in _feed_terms(services):
        term_id = _as_uuid(raw_id, source, "term")
        existing = TaxonomyTerm.objects.select_related("taxonomy").filter(pk=term_id).first()
        if existing:
            known[raw_id] = term_id
        if term is None or (existing and existing.taxonomy.purpose != Taxonomy.Purpose.OTHER):
            # Only a term sent in full can be made here; our own lists are kept by our staff, not by feeds.
            continue
        known[raw_id] = term_id
        taxonomy_name = _text(term.get("taxonomy"), 200) or f"Terms used by {source.name}"
        taxonomy_id = _as_uuid(term.get("taxonomy_id") or f"name:{taxonomy_name}", source, "taxonomy")
        taxonomy = Taxonomy.objects.filter(pk=taxonomy_id).first()
        if taxonomy is not None and taxonomy.purpose != Taxonomy.Purpose.OTHER:
            taxonomy_id = _as_uuid(f"name:{taxonomy_name}", source, "taxonomy")
            taxonomy = Taxonomy.objects.filter(pk=taxonomy_id).first()
        if taxonomy is None:
            taxonomy = Taxonomy.objects.create(
                pk=taxonomy_id, purpose=Taxonomy.Purpose.OTHER, name=taxonomy_name,
                description=f"Imported with the Open Referral UK feed from {source.name}.")
        name = _text(term.get("name"), 200) or _text(term.get("term"), 200) or "Unnamed term"
        values = {"taxonomy": taxonomy, "name": name, "description": _text(term.get("description")),
                  "term_uri": _url(term.get("term_uri")),
                  "code": _unique_code(taxonomy, _text(term.get("term")) or name, term_id)}
        TaxonomyTerm.objects.update_or_create(pk=term_id, defaults=values)
        if term.get("parent_id"):
            parents[term_id] = _as_uuid(term["parent_id"], source, "term")
    for term_id, parent_id in parents.items():
        if parent_id != term_id and TaxonomyTerm.objects.filter(pk=parent_id).exists():
            TaxonomyTerm.objects.filter(pk=term_id).update(parent_id=parent_id)
    return known


def _organisation(source: ImportSource, data: dict) -> DirectoryOrganisation:
    organisation = data.get("organization") if isinstance(data.get("organization"), dict) else {}
    external_id = _text(organisation.get("id") or data.get("organization_id"), 100)
    values = {"name": f"Services from {source.name}", "description": ""}
    if organisation.get("name"):
        values = {"name": _text(organisation["name"], 200), "description": _text(organisation.get("description")),
                  "email": _email(organisation.get("email")), "website": _url(organisation.get("website"))}
    found, _ = DirectoryOrganisation.objects.update_or_create(source=source, external_id=external_id,
                                                               defaults=values)
    return found


def _comparable(snapshot: dict) -> dict:
    for location in snapshot["locations"]:
        location.pop("id", None)
    return snapshot


@transaction.atomic
def oruk_import(*, source: ImportSource, services: list[dict]) -> ImportResult:
    """Bring the source's listings into line with the feed. All or nothing: any error undoes every change."""
    services = oruk_feed_parse(services)
    source = ImportSource.objects.select_for_update().get(pk=source.pk)
    terms = _sync_terms(source, services)
    result = ImportResult()
    seen = []
    for data in services:
        external_id = _text(data["id"])
        seen.append(external_id)
        existing = Service.objects.filter(source=source, external_id=external_id).first()
        before = _comparable(listing_snapshot(existing)) if existing else None
        was_published = existing is not None and existing.visibility == Service.Visibility.PUBLISHED
        try:
            service = listing_apply(data=_snapshot(data, terms=terms, existing=existing),
                                    organisation=_organisation(source, data), service=existing, source=source)
        except (ValidationError, DatabaseError) as error:
            messages = "; ".join(error.messages) if isinstance(error, ValidationError) else "the database refused it"
            raise ValidationError(f"The service '{_text(data['name'])[:100]}' could not be imported: {messages}") \
                from error
        if existing is None:
            result.added += 1
        elif was_published and before == _comparable(listing_snapshot(service)):
            result.unchanged += 1
        else:
            result.updated += 1
    gone = Service.objects.filter(source=source).exclude(external_id__in=seen) \
        .exclude(visibility=Service.Visibility.WITHDRAWN)
    result.withdrawn = gone.update(visibility=Service.Visibility.WITHDRAWN)
    source.last_imported_at = timezone.now()
    source.last_result = str(result)
    source.save(update_fields=["last_imported_at", "last_result"])
    return result


@transaction.atomic
def oruk_import_from(*, source_name: str, services: list[dict], url: str = "") -> tuple[ImportSource, ImportResult]:
    """Import a feed under the area's name, making the import source if it is new (and not, if the feed fails)."""
    source = oruk_import_source(name=source_name, url=url)
    return source, oruk_import(source=source, services=services)
