"""Reads for the Open Referral UK API, the exports and the import pages. Only published listings ever leave
through the API or the exports: hidden, draft and withdrawn ones are never found here. Listings imported from
another area's feed are left out too: that area publishes them, and two areas importing each other's feeds
would otherwise hand the same services back and forth."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from ..models import (
    ImportSource,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from .search import filter_text, grid_distance

__all__ = [
    "OrukFilters", "oruk_import_sources", "oruk_service", "oruk_service_at_location", "oruk_service_at_locations",
    "oruk_services", "oruk_services_full", "oruk_taxonomies", "oruk_taxonomy", "oruk_taxonomy_term",
    "oruk_taxonomy_terms",
]


@dataclass(frozen=True)
class OrukFilters:
    """The UK profile's query parameters, already checked and typed."""

    search: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    day: str = ""
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    origin: tuple[int, int] | None = None  # easting, northing of the postcode asked about
    proximity: float | None = None  # metres


def _as_uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _published() -> QuerySet[Service]:
    return Service.objects.filter(visibility=Service.Visibility.PUBLISHED, source__isnull=True)


def _terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy")


def _full(services: QuerySet) -> QuerySet:
    """Everything a fully nested service shows, in a fixed number of queries however many services."""
    return services.select_related("organisation").prefetch_related(
        Prefetch("terms", queryset=_terms()),
        Prefetch("schedules", queryset=Schedule.objects.order_by("pk")),
        Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.select_related("location")
                 .order_by("location__name", "pk")),
        Prefetch("service_at_locations__location__accessibility", queryset=_terms()),
        Prefetch("service_at_locations__schedules", queryset=Schedule.objects.order_by("pk")),
        "cost_options", "contacts", "languages", "service_areas",
    )


def _schedule_filter(services: QuerySet, filters: OrukFilters) -> QuerySet:
    """Day and times are matched on the same schedule, whether it belongs to the service or one of its places."""
    if not (filters.day or filters.start_time or filters.end_time):
        return services
    schedules = Schedule.objects.all()
    if filters.day:
        schedules = schedules.filter(Q(byday__contains=filters.day) | Q(freq=Schedule.Frequency.DAILY))
    if filters.start_time:
        schedules = schedules.filter(opens_at__gte=filters.start_time)
    if filters.end_time:
        schedules = schedules.filter(closes_at__lte=filters.end_time)
    return services.filter(Exists(schedules.filter(service=OuterRef("pk")))
                           | Exists(schedules.filter(service_at_location__service=OuterRef("pk"))))


def _filtered(filters: OrukFilters) -> QuerySet[Service]:
    services = _published()
    if filters.taxonomy_term_id:
        services = services.filter(Exists(Service.terms.through.objects.filter(
            service_id=OuterRef("pk"), taxonomyterm_id=filters.taxonomy_term_id)))
    if filters.taxonomy_id:
        services = services.filter(Exists(Service.terms.through.objects.filter(
            service_id=OuterRef("pk"), taxonomyterm__taxonomy_id=filters.taxonomy_id)))
    # The profile's wording: a minimum age of at least the value asked, a maximum age of at most it.
    if filters.minimum_age is not None:
        services = services.filter(minimum_age__gte=filters.minimum_age)
    if filters.maximum_age is not None:
        services = services.filter(maximum_age__lte=filters.maximum_age)
    services = _schedule_filter(services, filters)
    if filters.search:
        services = filter_text(services, filters.search)
    return services


def oruk_services(filters: OrukFilters) -> QuerySet[Service]:
    return _filtered(filters).select_related("organisation").order_by("name", "pk")


def oruk_services_full(filters: OrukFilters | None = None) -> QuerySet[Service]:
    return _full(_filtered(filters or OrukFilters())).order_by("name", "pk")


def oruk_service(pk) -> Service | None:
    """A published service, fully nested; None when missing, not published, or the id is not a UUID."""
    pk = _as_uuid(pk)
    return _full(_published()).filter(pk=pk).first() if pk else None


def _at_locations() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.select_related("location", "service__organisation").prefetch_related(
        Prefetch("location__accessibility", queryset=_terms()))


def oruk_service_at_locations(filters: OrukFilters) -> QuerySet[ServiceAtLocation]:
    places = _at_locations().filter(service__in=_filtered(filters).values("pk"))
    order = ["service__name", "location__name", "pk"]
    if filters.origin:
        places = places.annotate(distance_m=grid_distance("location__", filters.origin))
        if filters.proximity is not None:
            places = places.filter(distance_m__lte=filters.proximity)
        order = [F("distance_m").asc(nulls_last=True), *order]
    return places.order_by(*order)


def oruk_service_at_location(pk) -> ServiceAtLocation | None:
    pk = _as_uuid(pk)
    return _at_locations().filter(pk=pk, service__in=_published().values("pk")).first() if pk else None


def oruk_taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name", "pk")


def oruk_taxonomy(pk) -> Taxonomy | None:
    pk = _as_uuid(pk)
    if not pk:
        return None
    return Taxonomy.objects.prefetch_related(Prefetch("terms", queryset=_terms())).filter(pk=pk).first()


def oruk_taxonomy_terms() -> QuerySet[TaxonomyTerm]:
    return _terms().order_by("taxonomy__name", "position", "name", "pk")


def oruk_taxonomy_term(pk) -> TaxonomyTerm | None:
    pk = _as_uuid(pk)
    return _terms().filter(pk=pk).first() if pk else None


def oruk_import_sources() -> QuerySet[ImportSource]:
    return ImportSource.objects.order_by("name")
