"""Reads for the Local Offer indicators, one query each, computed in the database.

The Local Offer is one directory for the whole area: its listings, feedback and search log carry no council
(`DirectoryOrganisation.portal_organisation` links a listing's keeper, not a council), so these figures cover the
whole Local Offer whoever asks, and take no councils. Listings imported from other areas' feeds (`source` set)
belong to those areas and are left out, as the Local Offer team's own pages leave them out.
"""

import datetime as dt

from django.db.models import Count, F, Func, IntegerField, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from local_offer.models import Feedback, Service, Taxonomy, TaxonomyTerm, UnansweredSearch
from local_offer.selectors.feedback import TRIAGE_KINDS

from . import periods

Visibility = Service.Visibility
# Comments that get no "You said, we did" answer: one about an individual case goes to the complaints team
# (regulation 56(4)), and a vexatious one is not published.
NOT_ANSWERED_HERE = (Feedback.Theme.INDIVIDUAL, Feedback.Theme.VEXATIOUS)


def _local_listings() -> QuerySet[Service]:
    return Service.objects.filter(source__isnull=True).order_by()


def _count_of(queryset: QuerySet) -> Subquery:
    """A queryset's row count as a scalar subquery, so it travels inside another query rather than as its own."""
    return Subquery(queryset.order_by().annotate(rows=Func(F("pk"), function="COUNT")).values("rows"),
                    output_field=IntegerField())


def services_by_category() -> dict:
    """Published local listings now: for each Local Offer category, in its listed order, (name, parent's name or
    None, listings), with the number of listings (`listings`) and those in no category (`uncategorised`)."""
    published = _local_listings().filter(visibility=Visibility.PUBLISHED)
    uncategorised = published.exclude(terms__taxonomy__purpose=Taxonomy.Purpose.CATEGORIES)
    in_category = Q(services__visibility=Visibility.PUBLISHED, services__source__isnull=True)
    rows = list(TaxonomyTerm.objects.filter(taxonomy__purpose=Taxonomy.Purpose.CATEGORIES)
                .annotate(listings=Count("services", filter=in_category), all_listings=_count_of(published),
                          uncategorised=_count_of(uncategorised))
                .order_by("position", "name").values("name", "parent__name", "listings", "all_listings",
                                                     "uncategorised"))
    if not rows:
        # No categories at all (the staff deleted them): every listing is uncategorised.
        total = published.count()
        return {"categories": [], "listings": total, "uncategorised": total}
    return {"categories": [(row["name"], row["parent__name"], row["listings"]) for row in rows],
            "listings": rows[0]["all_listings"], "uncategorised": rows[0]["uncategorised"]}


def listings_past_review(today: dt.date) -> dict:
    """Local listings today: published but past their review date (`overdue`), hidden because they were not
    reviewed in time (`hidden`), and all those published or hidden (`listings`)."""
    return _local_listings().aggregate(
        overdue=Count("pk", filter=Q(visibility=Visibility.PUBLISHED, review_due_on__lt=today)),
        hidden=Count("pk", filter=Q(visibility=Visibility.HIDDEN)),
        listings=Count("pk", filter=Q(visibility__in=(Visibility.PUBLISHED, Visibility.HIDDEN))))


def _on_days(field: str, period: periods.Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def zero_result_searches(series: list[periods.Period]) -> list[tuple[int]]:
    """For each period: (searches that found nothing). The log keeps each search's words once a day with how many
    times they were searched, and nothing about who searched."""
    counts = UnansweredSearch.objects.aggregate(**{
        f"s{index}": Coalesce(Sum("times", filter=_on_days("searched_on", period)), 0)
        for index, period in enumerate(series)})
    return [(counts[f"s{i}"],) for i in range(len(series))]


def feedback_answered(series: list[periods.Period]) -> list[tuple[int, int]]:
    """For each period: (comments and problem reports received in it that have a "You said, we did" answer, those
    received that call for one). Only comments about an individual case and vexatious ones are left out, so one
    not sorted yet counts as waiting for an answer; "Was this useful?" answers have nothing to answer."""
    feedback = Feedback.objects.filter(kind__in=TRIAGE_KINDS).exclude(theme__in=NOT_ANSWERED_HERE).order_by()
    answered = ~Q(response="")
    spec = {}
    for index, period in enumerate(series):
        received = _on_days("received_at__date", period)
        spec[f"d{index}"] = Count("pk", filter=received)
        spec[f"n{index}"] = Count("pk", filter=received & answered)
    counts = feedback.aggregate(**spec)
    return [(counts[f"n{i}"], counts[f"d{i}"]) for i in range(len(series))]
