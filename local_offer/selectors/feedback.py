"""Reads for feedback triage, the public "You said, we did" page and the search gap report."""

import datetime as dt
from itertools import groupby

from django.db.models import Count, Max, Min, Q, QuerySet, Sum

from ..models import Feedback, UnansweredSearch

__all__ = [
    "TRIAGE_KINDS",
    "publication_status",
    "FEEDBACK_STATUSES",
    "feedback_for_triage",
    "feedback_published_by_year",
    "feedback_useful_by_page",
    "search_gaps",
]

# Only problem reports and comments have words to sort; "Was this useful?" answers are counted instead.
TRIAGE_KINDS = (Feedback.Kind.PROBLEM, Feedback.Kind.COMMENT)
PUBLIC_THEMES = ("content", "accessibility", "development")
FEEDBACK_STATUSES = {
    "new": ("New", Q(triaged_at__isnull=True)),
    "triaged": ("Sorted, not published", Q(triaged_at__isnull=False, is_published=False)),
    "published": ("Published", Q(is_published=True)),
}


def feedback_for_triage(*, status: str = "", kind: str = "") -> QuerySet:
    rows = Feedback.objects.filter(kind__in=TRIAGE_KINDS).select_related("service")
    if status in FEEDBACK_STATUSES:
        rows = rows.filter(FEEDBACK_STATUSES[status][1])
    if kind in TRIAGE_KINDS:
        rows = rows.filter(kind=kind)
    return rows.order_by("-received_at")


def publication_status(*, today: dt.date) -> dict:
    """Regulation 56(3) asks for comments and responses to be published at least once a year: when did we last
    publish, and how many sorted, publishable comments are still waiting."""
    from django.db.models import Max

    last = Feedback.objects.filter(is_published=True).aggregate(last=Max("published_on"))["last"]
    waiting = Feedback.objects.filter(theme__in=["content", "accessibility", "development"], is_published=False,
                                      triaged_at__isnull=False).count()
    return {"last_published_on": last, "waiting": waiting,
            "overdue": waiting > 0 and (last is None or (today - last).days > 365)}


def feedback_useful_by_page(limit: int = 50) -> list[dict]:
    """Pages with the most "No" answers first, so the least useful pages come to the top."""
    return list(
        Feedback.objects.filter(kind__in=(Feedback.Kind.USEFUL, Feedback.Kind.NOT_USEFUL))
        .values("page")
        .annotate(useful=Count("id", filter=Q(kind=Feedback.Kind.USEFUL)),
                  not_useful=Count("id", filter=Q(kind=Feedback.Kind.NOT_USEFUL)))
        .order_by("-not_useful", "-useful", "page")[:limit]
    )


def _published():
    # The database constraint already keeps other themes unpublished; the filter says so again for readers.
    return Feedback.objects.filter(is_published=True, theme__in=PUBLIC_THEMES, published_on__isnull=False)


def feedback_published_by_year() -> list[dict]:
    """Published comments, newest year first, each year grouped by theme in the order the themes are listed.

    Each year says when its comments were received (the period covered) and when they were published. Only the
    anonymised published text is read: never the original comment or the reply email."""
    rows = list(_published().only("theme", "published_comment", "response", "action", "published_on",
                                  "received_at").order_by("-published_on", "theme", "received_at"))
    theme_labels = dict(Feedback.Theme.choices)
    years = []
    for year, in_year in groupby(rows, key=lambda row: row.published_on.year):
        in_year = list(in_year)
        spans = _published().filter(published_on__year=year).aggregate(
            first=Min("received_at"), last=Max("received_at"), latest=Max("published_on"))
        themes = []
        for theme in PUBLIC_THEMES:
            items = [row for row in in_year if row.theme == theme]
            if items:
                themes.append({"code": theme, "label": theme_labels[theme], "items": items})
        years.append({"year": year, "themes": themes, "count": len(in_year), "received_from": spans["first"],
                      "received_to": spans["last"], "published_latest": spans["latest"]})
    return years


def search_gaps(*, since: dt.date, until: dt.date, limit: int | None = 100) -> dict:
    rows = UnansweredSearch.objects.filter(searched_on__gte=since, searched_on__lte=until)
    totals = rows.aggregate(searches=Sum("times"), queries=Count("query", distinct=True))
    queries = (rows.values("query").annotate(total=Sum("times"), days=Count("id"), last=Max("searched_on"))
               .order_by("-total", "query"))
    return {
        "rows": list(queries[:limit] if limit else queries),
        "searches": totals["searches"] or 0,
        "queries": totals["queries"] or 0,
        "since": since,
        "until": until,
    }
