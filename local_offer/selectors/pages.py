"""Reads for the landing pages and the information pages."""

from django.db.models import QuerySet
from django.http import Http404

from ..models import InformationPage, Taxonomy, TaxonomyTerm

__all__ = [
    "category_terms_top_level",
    "information_page_published",
    "information_pages_for_audience",
    "information_pages_published",
]


def information_pages_published() -> QuerySet:
    return InformationPage.objects.filter(is_published=True).order_by("position", "title")


def information_pages_for_audience(audience: str) -> QuerySet:
    """The pages written for this audience, and those for everyone."""
    return information_pages_published().filter(audience__in=(audience, InformationPage.Audience.EVERYONE))


def information_page_published(slug: str) -> InformationPage:
    page = information_pages_published().filter(slug=slug).first()
    if page is None:
        raise Http404("No published information page has this address.")
    return page


def category_terms_top_level() -> QuerySet:
    return TaxonomyTerm.objects.filter(taxonomy__purpose=Taxonomy.Purpose.CATEGORIES, parent__isnull=True) \
        .order_by("position", "name")
