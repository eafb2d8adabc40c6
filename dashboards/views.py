import csv
from dataclasses import replace

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from send_portal.core.csv_safety import safe_cell
from send_portal.organisations.models import Organisation

from . import catalogue, drilldown_views, indicators, selectors, services
from .charts import chart_svg
from .forms import DashboardFilterForm


def _filters(request):
    council_ids, suppressed = _viewer(request)
    form = DashboardFilterForm(request.GET or None, councils=Organisation.objects.filter(pk__in=council_ids),
                               offer_team=not suppressed)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, form.filters()


def _indicator(slug):
    try:
        return catalogue.BY_SLUG[slug]
    except KeyError:
        raise Http404("No such indicator") from None


def _headline_text(indicator, cell) -> str:
    """What the headline figure is, in words, for the pages that show it on its own."""
    row = cell["row"]
    if row.is_total and row.value is indicators.SUPPRESSED:
        return row.label
    if indicator.unit == indicators.PERCENT and (row.is_total or indicator.breakdown_label != "Period"):
        return f"{row.label}: {cell['numerator']} of {cell['denominator']}"
    if row.is_total:
        return row.label
    parts = [f"{indicator.numerator_label}: {cell['numerator']}"]
    if indicator.denominator_label and cell["denominator"]:
        parts.append(f"{indicator.denominator_label}: {cell['denominator']}")
    if indicator.upper_label:
        parts.append(f"{indicator.upper_label}: {cell['upper']}")
    if indicator.breakdown_label != "Period":
        parts.insert(0, row.label)
    return ". ".join(parts)


def _item(result, *, chart=True):
    indicator = result.indicator
    rows = indicators.cells(indicator, result.rows)
    headline = next(cell for cell in rows if cell["row"] is result.headline)
    return {"indicator": indicator, "result": result, "rows": rows, "headline": headline,
            "headline_text": _headline_text(indicator, headline),
            "has_england": any(row.england is not None for row in result.rows),
            "has_neighbours": any(row.neighbours is not None for row in result.rows),
            # Safe: charts.py draws it from the portal's figures and labels, which matplotlib escapes in the SVG.
            "chart": mark_safe(chart_svg(result, f"chart-{indicator.slug}")) if chart else ""}  # noqa: S308 # nosec B308, B703


def _viewer(request):
    """The councils whose figures the viewer sees, as primary keys, and whether small counts are hidden from them;
    worked out once a request."""
    cached = getattr(request, "_dashboard_viewer", None)
    if cached is None:
        council_ids = list(selectors.councils_for(request.user).values_list("pk", flat=True))
        cached = request._dashboard_viewer = (council_ids, not selectors.sees_unsuppressed(request.user))
    return cached


def _results(request, wanted):
    """The results for (indicator, filters) pairs, from the stored figures (see services.figures_for)."""
    council_ids, suppressed = _viewer(request)
    return services.figures_for(wanted, council_ids, suppressed=suppressed)


def _context(request, form, filters):
    council_ids, suppressed = _viewer(request)
    return {"filters": form, "period": filters.period if filters else None,
            "query": request.GET.urlencode(), "is_filtered": bool(request.GET), "suppressed": suppressed,
            "councils": list(Organisation.objects.filter(pk__in=council_ids).order_by("name")
                             .values_list("name", flat=True)),
            "refreshed_every": _hours(services.FIGURES_REFRESH_EVERY)}


def _hours(interval) -> str:
    hours = round(interval.total_seconds() / 3600)
    return "hour" if hours == 1 else f"{hours} hours"


def _as_at(items):
    """When the oldest figure on the page was counted."""
    return min((item["result"].as_at for item in items if item["result"].as_at), default=None)


def _by_theme(items):
    """The items grouped by theme, in the order the themes first appear."""
    themes = {}
    for item in items:
        indicator = item["indicator"]
        theme = themes.setdefault(indicator.theme, {"title": indicator.theme, "slug": indicator.theme_slug,
                                                    "charted": [], "listed": []})
        theme["charted" if item["chart"] else "listed"].append(item)
    return list(themes.values())


def home(request):
    """Every indicator's headline figure for the chosen period, grouped by theme, from the stored figures. Only
    the indicators marked for it draw their chart here; each theme's page has the rest."""
    form, filters = _filters(request)
    context = _context(request, form, filters)
    if filters is None:
        return render(request, "dashboards/home.html", context, status=400)
    results = _results(request, [(indicator, filters if indicator.home_chart else replace(filters, trend=False))
                                 for indicator in catalogue.INDICATORS])
    items = [_item(result, chart=result.indicator.home_chart) for result in results]
    context["items"] = items
    context["as_at"] = _as_at(items)
    context["themes"] = _by_theme(items)
    return render(request, "dashboards/home.html", context)


def theme(request, theme):
    """One theme's indicators, each with its chart and figures."""
    chosen = [indicator for indicator in catalogue.INDICATORS if indicator.theme_slug == theme]
    if not chosen:
        raise Http404("No such theme")
    form, filters = _filters(request)
    context = {**_context(request, form, filters), "theme": chosen[0].theme, "theme_slug": theme}
    if filters is None:
        return render(request, "dashboards/theme.html", context, status=400)
    context["items"] = [_item(result) for result in _results(request, [(indicator, filters) for indicator in chosen])]
    context["as_at"] = _as_at(context["items"])
    return render(request, "dashboards/theme.html", context)


def indicator(request, slug):
    chosen = _indicator(slug)
    form, filters = _filters(request)
    context = {**_context(request, form, filters), "indicator": chosen}
    if filters is None:
        return render(request, "dashboards/indicator.html", context, status=400)
    context["item"] = _item(_results(request, [(chosen, filters)])[0])
    context["as_at"] = context["item"]["result"].as_at
    context["drilldown_link"] = drilldown_views.drilldown_link(chosen, context["item"], context["query"],
                                                               suppressed=context["suppressed"])
    context["england_comparable"] = indicators.compares_with_england(filters)
    return render(request, "dashboards/indicator.html", context)


def indicator_csv(request, slug):
    chosen = _indicator(slug)
    form, filters = _filters(request)
    if filters is None:
        return HttpResponse("The filters are not valid.", status=400, content_type="text/plain; charset=utf-8")
    [result] = _results(request, [(chosen, filters)])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="{chosen.slug}-{filters.period.kind}-'
                                       f'{filters.period.key}.csv"')
    writer = csv.writer(response)
    has_notes = any(row.note for row in result.rows)
    header = [chosen.breakdown_label, chosen.numerator_label]
    if chosen.denominator_label:
        header.append(chosen.denominator_label)
    header.append(chosen.value_heading)
    if chosen.upper_label:
        header.append(chosen.upper_label)
    header.append("England")
    has_neighbours = any(row.neighbours is not None for row in result.rows)
    if has_neighbours:
        header.extend(["Statistical neighbours average", "Statistical neighbours with a figure"])
    if has_notes:
        header.append("Note")
    writer.writerow(header)
    for row in result.rows:
        cells = [safe_cell(row.label), indicators.csv_cell(row.numerator)]
        if chosen.denominator_label:
            cells.append(indicators.csv_cell(row.denominator))
        cells.append(indicators.csv_cell(row.value))
        if chosen.upper_label:
            cells.append(indicators.csv_cell(row.upper))
        cells.append(indicators.csv_cell(row.england, chosen.unit))
        if has_neighbours:
            cells.extend([indicators.csv_cell(row.neighbours, chosen.unit), indicators.csv_cell(row.neighbours_count)])
        if has_notes:
            cells.append(row.note)
        writer.writerow(cells)
    return response
