"""Finding services. The family-facing search page and the open API both build on these filters, so a service
is found the same way whichever door someone comes in by."""

import uuid
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, FloatField, OuterRef, Q, QuerySet, Subquery, Value, Window
from django.db.models.functions import Cast, Coalesce, Power, Sqrt

from ..models import Schedule, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm

__all__ = [
    "METRES_PER_MILE", "SearchCriteria", "filter_age", "filter_day", "filter_delivery", "filter_term", "filter_text",
    "grid_distance",
    "published_services", "results_page", "service_for_page", "services_by_ids", "services_search", "terms_for",
]

METRES_PER_MILE = 1609.344
MAX_PAGE = 10_000
DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@dataclass(frozen=True)
class SearchCriteria:
    text: str = ""
    category: str = ""
    need: str = ""
    age: int | None = None
    free: bool = False
    day: str = ""
    delivery: str = ""
    origin: tuple[int, int] | None = None  # easting, northing of the searcher's postcode
    radius_miles: float | None = None
    sort: str = "relevance"  # relevance, distance or name


def published_services() -> QuerySet[Service]:
    """What the public may see: published listings that have not closed for good."""
    return Service.objects.filter(visibility=Service.Visibility.PUBLISHED).exclude(status=Service.Status.DEFUNCT)


def _with_page_detail(services: QuerySet) -> QuerySet:
    return services.select_related("organisation", "setting").prefetch_related(
        "terms__taxonomy", "schedules", "cost_options", "contacts", "languages", "service_areas",
        "service_at_locations__location__accessibility", "service_at_locations__schedules")


def service_for_page(pk) -> Service | None:
    """A published listing with everything its page shows, or None (also for a malformed id)."""
    try:
        return _with_page_detail(published_services()).filter(pk=pk).first()
    except (ValueError, ValidationError):
        return None


def services_by_ids(ids) -> list[Service]:
    """Published listings in the order given (a shortlist keeps the order families pinned them)."""
    valid = []
    for value in ids:
        try:
            valid.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    found = {s.pk: s for s in _with_page_detail(published_services()).filter(pk__in=valid)}
    return [found[pk] for pk in valid if pk in found]


def terms_for(purpose: str) -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.filter(taxonomy__purpose=purpose).select_related("parent").order_by("position", "name")


def filter_term(services: QuerySet, purpose: str, code: str) -> QuerySet:
    """Services tagged with the term, or with any term beneath it (a broad area of need includes its needs)."""
    tagged = TaxonomyTerm.objects.filter(taxonomy__purpose=purpose).filter(Q(code=code) | Q(parent__code=code))
    return services.filter(pk__in=Service.terms.through.objects.filter(taxonomyterm__in=tagged).values("service_id"))


def filter_age(services: QuerySet, age: int) -> QuerySet:
    return services.filter(minimum_age__lte=age, maximum_age__gte=age)


def filter_day(services: QuerySet, day: str) -> QuerySet:
    """Services that run on that weekday: weekly or monthly on that day ("MO", "1MO"), or every day."""
    on_day = Schedule.objects.filter(Q(byday__contains=day) | Q(freq=Schedule.Frequency.DAILY))
    return services.filter(
        Q(pk__in=on_day.filter(service__isnull=False).values("service_id"))
        | Q(pk__in=on_day.filter(service_at_location__isnull=False).values("service_at_location__service_id")))


def filter_delivery(services: QuerySet, delivery: str) -> QuerySet:
    field = {"in_person": "offers_in_person", "online": "offers_online", "phone": "offers_phone"}[delivery]
    return services.filter(**{field: True})


def filter_text(services: QuerySet, text: str, *, fuzzy: bool = False) -> QuerySet:
    """Keyword search. On PostgreSQL it ranks with full text (stemmed, weighted: name, then needs and
    categories, then description); `fuzzy` matches names by trigram similarity instead, so a typo such as
    "autsim" still finds autism services (callers try it when full text finds nothing). SQLite, the development
    default, matches every word somewhere in the name, description or terms, unranked."""
    text = text.strip()
    if not text:
        return services
    if connection.vendor == "postgresql":
        if fuzzy:
            return services.filter(name__trigram_word_similar=text).annotate(rank=TrigramWordSimilarity(text, "name"))
        query = SearchQuery(text, search_type="websearch", config="english")
        return services.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
    for word in text.split():
        named = Service.terms.through.objects.filter(taxonomyterm__name__icontains=word).values("service_id")
        services = services.filter(Q(name__icontains=word) | Q(description__icontains=word) | Q(pk__in=named))
    return services.annotate(rank=Value(0.0, output_field=FloatField()))


def grid_distance(prefix: str, origin: tuple[int, int]):
    """The straight-line distance in metres from `origin` to the grid reference at `prefix` ("location__").
    On the British National Grid this is accurate to well under 1% across a county, and works on any database
    (squares are taken as floating point, so distances across the country cannot overflow an integer)."""
    east, north = origin
    return Sqrt(Power(Cast(F(f"{prefix}easting"), FloatField()) - east, 2)
                + Power(Cast(F(f"{prefix}northing"), FloatField()) - north, 2))


def _with_distance(services: QuerySet, origin: tuple[int, int]) -> QuerySet:
    """Annotate the distance in metres to the service's nearest location with a grid reference."""
    nearest = (ServiceAtLocation.objects.filter(service=OuterRef("pk"), location__easting__isnull=False)
               .annotate(metres=grid_distance("location__", origin))
               .order_by("metres").values("metres")[:1])
    return services.annotate(distance_m=Subquery(nearest, output_field=FloatField()))


def services_search(criteria: SearchCriteria, *, fuzzy: bool = False) -> QuerySet[Service]:
    services = published_services()
    if criteria.category:
        services = filter_term(services, Taxonomy.Purpose.CATEGORIES, criteria.category)
    if criteria.need:
        services = filter_term(services, Taxonomy.Purpose.NEEDS, criteria.need)
    if criteria.age is not None:
        services = filter_age(services, criteria.age)
    if criteria.free:
        services = services.filter(is_free=True)
    if criteria.day:
        services = filter_day(services, criteria.day)
    if criteria.delivery:
        services = filter_delivery(services, criteria.delivery)
    services = filter_text(services, criteria.text, fuzzy=fuzzy)
    if criteria.origin:
        services = _with_distance(services, criteria.origin)
        if criteria.radius_miles:
            services = services.filter(distance_m__lte=criteria.radius_miles * METRES_PER_MILE)
    order = ["name", "pk"]
    if criteria.sort == "distance" and criteria.origin:
        order = [F("distance_m").asc(nulls_last=True), *order]
    elif criteria.text and criteria.sort == "relevance":
        order = [Coalesce("rank", Value(0.0)).desc(), *order]
    return (services.order_by(*order)
            .select_related("organisation")
            .prefetch_related("terms__taxonomy"))


def results_page(services: QuerySet, number, per_page: int) -> Page:
    """One page of results and the total in a single query (COUNT(*) OVER ()), rather than Django's usual
    page query plus a separate count, which would make the database find every match twice."""
    try:
        # Capped, because an absurd page number in a hand-edited link would overflow the database's offset.
        number = min(max(1, int(number)), MAX_PAGE)
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * per_page
    rows = list(services.annotate(total_found=Window(Count("*")))[offset:offset + per_page])
    total = rows[0].total_found if rows else services.count()
    paginator = Paginator(services, per_page)
    paginator.count = total  # already known; stops the paginator counting again
    if not rows and total:
        # Past the last page (an old shared link): show the last page, as Paginator.get_page does.
        return results_page(services, paginator.num_pages, per_page)
    return Page(rows, number, paginator)
