import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from . import indicators, selectors
from .charts import chart_svg
from .forms import DashboardFilterForm


def _filters(request):
    form = DashboardFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, form.filters()


def _indicator(slug):
    try:
        return indicators.BY_SLUG[slug]
    except KeyError:
        raise Http404("No such indicator") from None


def _item(indicator, request, filters, suppressed):
    result = indicators.result_for(indicator, selectors.councils_for(request.user), filters, suppressed=suppressed)
    unit = indicator.unit
    rows = [{"row": row, "numerator": indicators.display(row.numerator, indicators.COUNT),
             "denominator": indicators.display(row.denominator, indicators.COUNT) if row.denominator is not None
             else "", "value": indicators.display(row.value, unit),
             "england": indicators.display(row.england, unit) if row.england is not None else ""}
            for row in result.rows]
    return {"indicator": indicator, "result": result, "rows": rows,
            "headline": next(item for item in rows if item["row"] is result.headline),
            "has_england": any(row.england is not None for row in result.rows),
            "chart": mark_safe(chart_svg(result, f"chart-{indicator.slug}"))}  # noqa: S308 - made by charts.py


def _context(request, form, filters):
    return {"filters": form, "period": filters.period if filters else None,
            "query": request.GET.urlencode(), "is_filtered": bool(request.GET),
            "suppressed": not selectors.sees_unsuppressed(request.user),
            "councils": list(selectors.councils_for(request.user).values_list("name", flat=True))}


def home(request):
    form, filters = _filters(request)
    context = _context(request, form, filters)
    if filters is None:
        return render(request, "dashboards/home.html", context, status=400)
    context["items"] = [_item(indicator, request, filters, context["suppressed"])
                        for indicator in indicators.INDICATORS]
    return render(request, "dashboards/home.html", context)


def indicator(request, slug):
    chosen = _indicator(slug)
    form, filters = _filters(request)
    context = {**_context(request, form, filters), "indicator": chosen}
    if filters is None:
        return render(request, "dashboards/indicator.html", context, status=400)
    context["item"] = _item(chosen, request, filters, context["suppressed"])
    context["england_comparable"] = indicators.compares_with_england(filters)
    return render(request, "dashboards/indicator.html", context)


def indicator_csv(request, slug):
    chosen = _indicator(slug)
    form, filters = _filters(request)
    if filters is None:
        return HttpResponse("The filters are not valid.", status=400, content_type="text/plain; charset=utf-8")
    suppressed = not selectors.sees_unsuppressed(request.user)
    result = indicators.result_for(chosen, selectors.councils_for(request.user), filters, suppressed=suppressed)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="{chosen.slug}-{filters.period.kind}-'
                                       f'{filters.period.key}.csv"')
    writer = csv.writer(response)
    header = [chosen.breakdown_label, chosen.numerator_label]
    if chosen.denominator_label:
        header.append(chosen.denominator_label)
    header.append("Percentage" if chosen.unit == indicators.PERCENT else "Count")
    header.append("England")
    writer.writerow(header)
    for row in result.rows:
        cells = [row.label, indicators.csv_cell(row.numerator)]
        if chosen.denominator_label:
            cells.append(indicators.csv_cell(row.denominator))
        cells += [indicators.csv_cell(row.value), indicators.csv_cell(row.england, chosen.unit)]
        writer.writerow(cells)
    return response
