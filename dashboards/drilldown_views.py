"""The list of cases behind a dashboard figure, for council officers (issue 7: "drill down from an indicator into
the cases behind it, within their own access")."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from send_portal.audit.services import record_access
from send_portal.core.forms import GovukFilterForm
from send_portal.organisations.models import Organisation

from . import selectors, selectors_drilldown
from . import views as dashboard_views  # the filters and indicator lookup the indicator page uses

PAGE_SIZE = 50
# Query string keys that belong to the list rather than to the dashboard filters.
OWN_KEYS = ("show", "page")


class ShowForm(GovukFilterForm):
    """Which of the cases to list, by what became of them. Built here rather than in forms.py because its choices
    (and their counts) come from the indicator's list."""

    show = forms.ChoiceField(label="Show", required=False, initial="", widget=forms.RadioSelect,
                             error_messages={"invalid_choice": "Select which cases to show from the list"})

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = choices


def _may_drill_down(user) -> bool:
    """Council caseworkers and managers who see every count; anyone else sees figures only."""
    return selectors.sees_unsuppressed(user)


def drilldown_link(indicator, item, query: str, *, suppressed: bool) -> dict | None:
    """The link from an indicator's page to the cases behind its headline figure, for the template
    dashboards/_drilldown_link.html (context key `drilldown_link`): {"url", "count"}, or None when the indicator has no
    list, the viewer may not see it (`suppressed`, as the page works it out for small counts), or no cases are
    behind the figure. It needs no query of its own."""
    if indicator.drilldown is None or suppressed:
        return None
    count = selectors_drilldown.headline_total(item["headline"]["row"])
    if not count:
        return None
    url = reverse("dashboards_indicator_cases", args=[indicator.slug])
    return {"url": f"{url}?{query}" if query else url, "count": count}


def _carried(request) -> list[tuple[str, str]]:
    """The dashboard filters in the query string, to keep when choosing which cases to show."""
    return [(key, value) for key, values in request.GET.lists() if key not in OWN_KEYS for value in values]


def indicator_cases(request, slug):
    """The cases an indicator counts in the chosen period, with their dates and whether each met the measure,
    limited to the cases the person may open. Each page shown is recorded in the audit log."""
    chosen = dashboard_views._indicator(slug)
    if chosen.drilldown is None or not _may_drill_down(request.user):
        raise Http404("No such page")
    form, filters = dashboard_views._filters(request)
    carried = _carried(request)
    context = {"indicator": chosen, "filters": form, "period": filters.period if filters else None,
               "query": request.GET.urlencode(), "is_filtered": bool(request.GET), "carried": carried,
               "filter_query": urlencode(carried)}
    if filters is None:
        return render(request, "dashboards/drilldown.html", context, status=400)
    # The councils as a list of ids, as the figures are counted: a subquery made PostgreSQL read far more cases.
    council_ids, _ = dashboard_views._viewer(request)
    cases = selectors_drilldown.cases_behind(chosen.drilldown, request.user,
                                             Organisation.objects.filter(pk__in=council_ids),
                                             filters)
    # Bound only when chosen, so a link without it lists every case.
    show_form = ShowForm(request.GET if "show" in request.GET else None, choices=[
        ("", f"All cases ({cases.counts['all']})"),
        *((key, f"{label} ({cases.counts[key]})") for key, label in cases.labels.items())])
    context.update({"show_form": show_form, "cases": cases, "drilldown": chosen.drilldown,
                    "not_shown": cases.counted - cases.counts["all"]})
    if show_form.is_bound and not show_form.is_valid():
        return render(request, "dashboards/drilldown.html", context, status=400)
    outcome = show_form.cleaned_data["show"] if show_form.is_bound else ""
    page = Paginator(cases.listed(outcome), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = cases.rows(page.object_list)
    _record_view(request.user, chosen, filters, rows)
    context.update({"page": page, "rows": rows, "outcome_label": cases.labels.get(outcome, "")})
    return render(request, "dashboards/drilldown.html", context)


def _record_view(user, indicator, filters, rows):
    """A list of children's cases is a view of their records. As for the SEN2 return, which also lists many
    children, one entry is written against each council whose cases are on the page, naming the figure and the
    case references shown (references, never names), so the number of entries does not grow with the page."""
    by_council = {}
    for row in rows:
        by_council.setdefault(row.case.local_authority, []).append(row.case.reference)
    for council, references in by_council.items():
        record_access(user=user, obj=council,
                      purpose=f"Cases behind a dashboard figure: {indicator.title}, {filters.period.label} "
                              f"({len(references)} shown: {', '.join(references)})")
