"""Importing another area's Open Referral UK v3 feed, so out-of-area provision families use appears here.

A feed arrives as JSON: a list of full services, one page of a `/services` response, or a single service; or
it is fetched from the feed's web address. Every service is checked before anything is written, and the
whole import is one transaction, so a bad feed changes nothing. Services are matched to earlier imports by
the feed's own ids, so importing again updates what changed and withdraws what the feed no longer lists.
"""

import http.client
import ipaddress
import json
import logging
import math
import re
import socket
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

__all__ = ["ImportResult", "MassWithdrawal", "oruk_feed_decode", "oruk_feed_fetch", "oruk_feed_parse",
           "oruk_import", "oruk_import_from", "oruk_import_source"]

logger = logging.getLogger(__name__)

FETCH_TIMEOUT_SECONDS = 20
MAX_FEED_BYTES = 20 * 1024 * 1024  # one response
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # every response of one import together
MAX_PAGES = 500
MAX_SERVICES = 10_000
ALLOWED_PORTS = {None, 80, 443}
# Deliberately the same words whatever went wrong: saying "connection refused" or "timed out" would let anyone
# with the import page map which machines and ports answer.
FETCH_FAILED = ("We could not read a feed at that address. Check it is the public web address of an Open Referral "
                "UK feed, on the standard web port.")
DAY_CODES = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
STATUSES = {"active": "active", "inactive": "inactive", "temporarily closed": "inactive", "defunct": "defunct"}


class MassWithdrawal(ValidationError):
    """The feed would withdraw most of an area's published services: more often an outage than a real change."""


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
    if not services:
        # Importing nothing would withdraw every service from the area; a feed that is down often looks like this.
        raise ValidationError("The feed has no services in it, so nothing was imported")
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


class _NotFinite(ValueError):
    pass


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


def _no_constants(text: str):
    raise _NotFinite(text)


def _loads(raw: bytes | str):
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    return json.loads(text, parse_float=_finite_float, parse_constant=_no_constants)


NOT_FINITE = ("The feed has a number that is not a real number (NaN, Infinity or too large), so nothing was "
              "imported")


def oruk_feed_decode(raw: bytes | str):
    """Decoded JSON, refusing NaN, Infinity and numbers too large to hold (1e400), which JSON itself does not
    allow and which would otherwise turn up as infinite ages or amounts."""
    try:
        return _loads(raw)
    except _NotFinite:
        raise ValidationError(NOT_FINITE) from None
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise ValidationError("This is not a JSON file") from None


NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _is_public(address) -> bool:
    if not address.is_global:
        return False
    if address.version == 6:
        # An IPv6 address can carry an IPv4 one that a gateway on our network would go on to reach.
        inner = address.ipv4_mapped or address.sixtofour \
            or (ipaddress.IPv4Address(int(address) & 0xFFFFFFFF) if address in NAT64 else None)
        return inner is None or inner.is_global
    return True


def _public_address(url: str) -> tuple[str, int]:
    """The one address the feed may be fetched from, or ValidationError when the web address could lead to our
    own network: anything but http or https, a port other than the standard ones, or a host name that leads to
    any address not on the public internet (this machine, the private network, the cloud's metadata service)."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        raise ValidationError(FETCH_FAILED) from None
    if parts.scheme not in ("http", "https") or port not in ALLOWED_PORTS or not parts.hostname \
            or parts.username is not None or parts.password is not None:
        raise ValidationError(FETCH_FAILED)
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in found]
    except (OSError, UnicodeError, ValueError, IndexError, TypeError):
        logger.warning("Open Referral UK import: could not resolve %s", parts.hostname)
        raise ValidationError(FETCH_FAILED) from None
    if not addresses or not all(_is_public(address) for address in addresses):
        logger.warning("Open Referral UK import: refused %s, which leads to %s", parts.hostname, addresses)
        raise ValidationError(FETCH_FAILED)
    return str(addresses[0]), port


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    # A public feed could otherwise send us on to a private address (or to ftp:), past every check above.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise urllib.error.HTTPError(req.full_url, code, "redirect refused", headers, fp)


def _pinned(connection_class, address: str):
    """A connection class that connects to the address already checked, not to whatever the host name leads to
    by the time we connect (DNS rebinding). The host name is still sent, and checked against the certificate."""
    def connect_to_checked(host, **kwargs):
        connection = connection_class(host, **kwargs)
        connection._create_connection = lambda where, *args: socket.create_connection((address, where[1]), *args)
        return connection
    return connect_to_checked


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, address):
        super().__init__()
        self.address = address

    def http_open(self, req):
        return self.do_open(_pinned(http.client.HTTPConnection, self.address), req)


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, address):
        super().__init__()
        self.address = address

    def https_open(self, req):
        return self.do_open(_pinned(http.client.HTTPSConnection, self.address), req, context=self._context)


def _open(request: urllib.request.Request, address: str):
    # No proxy: a proxy would connect to the host name itself, and the checked address would mean nothing.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _RefuseRedirects(),
                                         _PinnedHTTPHandler(address), _PinnedHTTPSHandler(address))
    return opener.open(request, timeout=FETCH_TIMEOUT_SECONDS)


class _Budget:
    """What is left of one import's allowance of bytes, so a feed cannot keep us downloading for ever."""

    def __init__(self):
        self.left = MAX_TOTAL_BYTES


def _get_json(url: str, budget: _Budget | None = None):
    budget = budget or _Budget()
    address, _ = _public_address(url)
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 (checked above)
    limit = min(MAX_FEED_BYTES, budget.left)
    try:
        with _open(request, address) as response:
            body = response.read(limit + 1)
    except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError, ValueError) as error:
        logger.warning("Open Referral UK import: could not get %s: %s", url, getattr(error, "reason", error))
        raise ValidationError(FETCH_FAILED) from None
    if len(body) > limit:
        raise ValidationError("The feed is too large to import: more than 20MB in one response, or more than "
                              "100MB in all")
    budget.left -= len(body)
    try:
        return _loads(body)
    except _NotFinite:
        raise ValidationError(NOT_FINITE) from None
    except (ValueError, RecursionError):
        raise ValidationError(f"{FETCH_FAILED} It did not send JSON.") from None


def oruk_feed_fetch(url: str) -> list[dict]:
    """Every service in the feed at `url`: each page of /services, then each service in full."""
    base = re.sub(r"/services/?$", "", url.strip().rstrip("/"))
    _public_address(base)  # refuse a bad address before anything else is tried
    budget, listed = _Budget(), []
    for page in range(1, MAX_PAGES + 1):
        payload = _get_json(f"{base}/services?page={page}", budget)
        if not isinstance(payload, dict) or not isinstance(payload.get("contents"), list):
            raise ValidationError(f"{FETCH_FAILED} It did not send a page of services.")
        listed += payload["contents"]
        if len(listed) > MAX_SERVICES:
            raise ValidationError(f"The feed lists more than {MAX_SERVICES:,} services, more than we can import")
        total_pages = payload.get("total_pages")
        pages_known = isinstance(total_pages, int) and not isinstance(total_pages, bool)
        if not payload["contents"]:
            if pages_known and page < total_pages:
                # A page missing from the middle would withdraw the services on it and every page after.
                raise ValidationError(f"Page {page} of the feed's {total_pages} pages was empty, so nothing was "
                                      "imported. Try again later.")
            break
        if payload.get("last_page") is True or (pages_known and page >= total_pages):
            break
    else:
        raise ValidationError(f"The feed has more than {MAX_PAGES} pages of services, more than we can import. "
                              "Nothing was imported.")
    full = []
    for summary in listed:
        service_id = _text(summary.get("id")) if isinstance(summary, dict) else ""
        if not service_id:
            raise ValidationError("The feed listed a service with no id")
        full.append(_get_json(f"{base}/services/{urllib.parse.quote(service_id, safe='')}", budget))
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


def _number(value) -> float | None:
    """A finite number from a feed's number or numeric text, or None: "Infinity", "NaN" and numbers too large
    for a float are treated like any other unreadable value and dropped."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _age(value, default) -> int:
    number = _number(value)
    return default if number is None else max(0, min(MAX_AGE, int(number)))


def _date(value) -> str:
    text = _text(value)[:10]
    return text if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else ""


def _time(value) -> str:
    text = _text(value)[:8]
    return text if re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", text) else ""


def _amount(value) -> str:
    amount = _number(value)
    return f"{amount:.2f}" if amount is not None and 0 <= amount < 1_000_000 else ""


def _imported_id(source: ImportSource, feed_id) -> str:
    """Our id for a feed's taxonomy or term: derived from the source and the feed's id, never the feed's id
    itself, so no feed can reach a term that another area's feed, or our own staff, made."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{source.pk}:{_text(feed_id)}"))


def _schedule(data: dict) -> dict:
    freq = _text(data.get("freq")).upper()
    byday = ",".join(code for code in re.split(r"\s*,\s*", _text(data.get("byday")).upper())
                     if re.fullmatch(r"-?\d?[A-Z]{2}", code) and code[-2:] in DAY_CODES)
    opens_at, closes_at = _time(data.get("opens_at")), _time(data.get("closes_at"))
    if opens_at and closes_at and closes_at <= opens_at:
        closes_at = ""
    if freq not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        freq = ""
    interval = _number(data.get("interval") or 1)
    interval = 1 if interval is None else max(1, min(int(interval), 365))
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


def _our_term(raw_id: str) -> str | None:
    """One of our own Local Offer terms, when the feed refers to it by its id (as our own export does)."""
    try:
        pk = uuid.UUID(raw_id)
    except ValueError:
        return None
    found = TaxonomyTerm.objects.filter(pk=pk).exclude(taxonomy__purpose=Taxonomy.Purpose.OTHER) \
        .values_list("pk", flat=True).first()
    return str(found) if found else None


def _sync_terms(source: ImportSource, services: list[dict]) -> dict:
    """Make sure every term the feed uses exists here; returns feed id -> our id. A feed may tag its services with
    our own terms but never changes them: our lists are kept by our staff. Every other term is the source's own,
    under an id derived from the source, so one area's feed can never rename or move another area's terms."""
    known, parents = {}, {}
    for raw_id, term in _feed_terms(services):
        ours = _our_term(raw_id)
        if ours:
            known[raw_id] = ours
            continue
        term_id = _imported_id(source, raw_id)
        if term is None:
            # Only a term sent in full can be made here; one sent by id alone is used if an earlier import made it.
            if TaxonomyTerm.objects.filter(pk=term_id).exists():
                known[raw_id] = term_id
            continue
        known[raw_id] = term_id
        taxonomy_name = _text(term.get("taxonomy"), 200) or f"Terms used by {source.name}"
        taxonomy_id = _imported_id(source, term.get("taxonomy_id") or f"name:{taxonomy_name}")
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
            parents[term_id] = _imported_id(source, term["parent_id"])
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


def _refuse_mass_withdrawal(source: ImportSource, seen: list[str]) -> None:
    published = Service.objects.filter(source=source, visibility=Service.Visibility.PUBLISHED)
    total = published.count()
    losing = published.exclude(external_id__in=seen).count()
    if losing * 2 > total:
        raise MassWithdrawal(
            f"Importing this feed would withdraw {losing} of the {total} services from {source.name} that are "
            "published now, so nothing was imported. A feed that is down or only partly working often looks like "
            "this. If you expect most of this area's services to be withdrawn, say so and import again.")


@transaction.atomic
def oruk_import(*, source: ImportSource, services: list[dict], allow_mass_withdrawal: bool = False) -> ImportResult:
    """Bring the source's listings into line with the feed. All or nothing: any error undoes every change.
    Refuses (MassWithdrawal) to withdraw more than half the source's published services unless told to."""
    services = oruk_feed_parse(services)
    source = ImportSource.objects.select_for_update().get(pk=source.pk)
    seen = [_text(data["id"]) for data in services]
    if not allow_mass_withdrawal:
        _refuse_mass_withdrawal(source, seen)
    terms = _sync_terms(source, services)
    result = ImportResult()
    for data in services:
        external_id = _text(data["id"])
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
def oruk_import_from(*, source_name: str, services: list[dict], url: str = "",
                     allow_mass_withdrawal: bool = False) -> tuple[ImportSource, ImportResult]:
    """Import a feed under the area's name, making the import source if it is new (and not, if the feed fails)."""
    source = oruk_import_source(name=source_name, url=url)
    return source, oruk_import(source=source, services=services, allow_mass_withdrawal=allow_mass_withdrawal)
