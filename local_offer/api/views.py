"""The Open Referral UK v3 open API: read-only, no key, throttled, and readable from any web page (CORS)."""

import copy
import datetime as dt
import json
import re
import uuid
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from .. import selectors
from ..postcodes import normalise_postcode, postcode_lookup
from . import serializers as oruk

OPENAPI_FILE = Path(__file__).with_name("openapi.json")
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 1000
DAYS = {"MO": "MO", "TU": "TU", "WE": "WE", "TH": "TH", "FR": "FR", "SA": "SA", "SU": "SU",
        "MONDAY": "MO", "TUESDAY": "TU", "WEDNESDAY": "WE", "THURSDAY": "TH", "FRIDAY": "FR", "SATURDAY": "SA",
        "SUNDAY": "SU"}
TIME_SHAPE = re.compile(r"^\d{2}:\d{2}(:\d{2})?$")


class OrukThrottle(AnonRateThrottle):
    def get_rate(self):
        # Read on each request rather than at import, so a changed setting (or a test's override) applies.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class OrukView(APIView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = [OrukThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


def _integer(params, name, default, low, high) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ParseError(f"{name} must be a whole number from {low} to {high}.")
    return int(raw)


def _number(params, name) -> float | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if not 0 <= value < 1000:
        raise ParseError(f"{name} must be a number of years, for example 5.")
    return value


def _identifier(params, name) -> uuid.UUID | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ParseError(f"{name} must be an identifier (a UUID).") from None


def _time(params, name) -> dt.time | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        if not TIME_SHAPE.match(raw):
            raise ValueError(raw)
        return dt.time.fromisoformat(raw)
    except ValueError:
        raise ParseError(f"{name} must be a time of day like 09:30 or 09:30:00.") from None


def _day(params) -> str:
    raw = params.get("day", "").strip().upper()
    if not raw:
        return ""
    if raw not in DAYS:
        raise ParseError("day must be a day of the week, for example MO or Monday.")
    return DAYS[raw]


def _filters(params, *, places=False) -> selectors.OrukFilters:
    values = {
        # ORUK version 1 called full-text search "text"; feeds and clients still send it.
        "search": (params.get("search") or params.get("text") or "").strip()[:200],
        "taxonomy_term_id": _identifier(params, "taxonomy_term_id"),
        "taxonomy_id": _identifier(params, "taxonomy_id"),
        "minimum_age": _number(params, "minimum_age"),
        "maximum_age": _number(params, "maximum_age"),
        "day": _day(params),
        "start_time": _time(params, "start_time"),
        "end_time": _time(params, "end_time"),
    }
    if places:
        values.update(_place_filters(params))
    return selectors.OrukFilters(**values)


def _place_filters(params) -> dict:
    raw_postcode = params.get("postcode", "").strip()
    raw_proximity = params.get("proximity", "").strip()
    if raw_proximity and not raw_postcode:
        raise ParseError("proximity needs a postcode to measure from.")
    if not raw_postcode:
        return {}
    if not normalise_postcode(raw_postcode):
        raise ParseError("postcode must be a full UK postcode, for example SW1A 1AA.")
    found = postcode_lookup(raw_postcode)
    if not found:
        raise ParseError("We do not know where that postcode is. Check it, or leave it out.")
    proximity = None
    if raw_proximity:
        try:
            proximity = float(raw_proximity)
        except ValueError:
            proximity = -1
        if not 0 < proximity <= 1_000_000:
            raise ParseError("proximity must be a distance in metres, for example 5000.")
    return {"origin": (found.easting, found.northing), "proximity": proximity}


def _page(request, queryset, to_data) -> Response:
    params = request.query_params
    page_number = _integer(params, "page", 1, 1, 1_000_000)
    per_page = _integer(params, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    total = queryset.count()
    start = (page_number - 1) * per_page
    rows = list(queryset[start:start + per_page]) if start < total else []
    return Response(oruk.page_data(total=total, page_number=page_number, per_page=per_page,
                                   contents=[to_data(row) for row in rows]))


def _found(row):
    if row is None:
        raise NotFound("There is no published record with that id.")
    return row


class ApiDetails(OrukView):
    def get(self, request):
        return Response(oruk.api_details(request.build_absolute_uri(reverse("oruk_openapi"))))


@cache
def _openapi_template() -> dict:
    return json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))


class OpenApi(OrukView):
    def get(self, request):
        document = copy.deepcopy(_openapi_template())
        document["info"]["title"] = f"{settings.PORTAL_COUNCIL_NAME} Local Offer: Open Referral UK API"
        document["servers"] = [{"url": request.build_absolute_uri(reverse("oruk_root")).rstrip("/"),
                                "description": f"The {settings.PORTAL_COUNCIL_NAME} Local Offer"}]
        return Response(document)


class ServiceList(OrukView):
    def get(self, request):
        return _page(request, selectors.oruk_services(_filters(request.query_params)), oruk.service_summary_data)


class ServiceDetail(OrukView):
    def get(self, request, service_id):
        return Response(oruk.service_data(_found(selectors.oruk_service(service_id))))


class ServiceAtLocationList(OrukView):
    def get(self, request):
        places = selectors.oruk_service_at_locations(_filters(request.query_params, places=True))
        return _page(request, places, lambda at: oruk.service_at_location_data(at, with_service=True))


class ServiceAtLocationDetail(OrukView):
    def get(self, request, service_at_location_id):
        at = _found(selectors.oruk_service_at_location(service_at_location_id))
        return Response(oruk.service_at_location_data(at, with_service=True))


class TaxonomyList(OrukView):
    def get(self, request):
        return _page(request, selectors.oruk_taxonomies(), oruk.taxonomy_data)


class TaxonomyDetail(OrukView):
    def get(self, request, taxonomy_id):
        taxonomy = _found(selectors.oruk_taxonomy(taxonomy_id))
        return Response(oruk.taxonomy_data(taxonomy, terms=taxonomy.terms.all()))


class TaxonomyTermList(OrukView):
    def get(self, request):
        return _page(request, selectors.oruk_taxonomy_terms(), oruk.taxonomy_term_data)


class TaxonomyTermDetail(OrukView):
    def get(self, request, taxonomy_term_id):
        return Response(oruk.taxonomy_term_data(_found(selectors.oruk_taxonomy_term(taxonomy_term_id))))
