"""The default vocabularies (categories, needs, audiences, venue accessibility)."""

from django.db import transaction

from ..models import Taxonomy, TaxonomyTerm
from ..taxonomies import DEFAULT_TAXONOMIES

__all__ = ["taxonomies_ensure"]


@transaction.atomic
def taxonomies_ensure() -> int:
    """Create any missing default vocabulary or term; returns how many terms were added."""
    added = 0
    for purpose, name, description, terms in DEFAULT_TAXONOMIES:
        taxonomy, _ = Taxonomy.objects.get_or_create(purpose=purpose,
                                                     defaults={"name": name, "description": description})
        for position, (code, term_name, term_description, children) in enumerate(terms):
            parent, created = TaxonomyTerm.objects.get_or_create(
                taxonomy=taxonomy, code=code,
                defaults={"name": term_name, "description": term_description, "position": position})
            added += created
            for child_position, (child_code, child_name, child_description) in enumerate(children):
                _, created = TaxonomyTerm.objects.get_or_create(
                    taxonomy=taxonomy, code=child_code,
                    defaults={"name": child_name, "description": child_description, "parent": parent,
                              "position": child_position})
                added += created
    return added
