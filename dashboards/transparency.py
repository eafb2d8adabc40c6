"""The public "How we are doing" page: the indicators each council chooses to publish beside its Local Offer.

Anyone can read it, so it protects children more than the partnership dashboards do:
- there are no filters, and the periods are whole quarters that do not overlap, so figures cannot be subtracted
  from one another to reveal a few children;
- counts from 1 to 4 are hidden (the one rule, `indicators.suppress`), and every other count is rounded to the
  nearest 5;
- percentages are shown to the whole number, worked out from the exact counts.
"""

import datetime as dt
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils.safestring import mark_safe

from send_portal.organisations.models import Organisation, OrganisationKind

from . import catalogue, indicators, periods, selectors
from .charts import chart_svg
from .models import PublishedIndicator

ROUND_TO = 5


def _rounded(count):
    if not isinstance(count, int) or isinstance(count, bool) or count == 0:
        return count
    return int((Decimal(count) / ROUND_TO).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * ROUND_TO


def _whole(value):
    if isinstance(value, Decimal):
        return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return value


def for_public(rows: list[indicators.Row], unit: str) -> list[indicators.Row]:
    """Rows as the public sees them: suppressed, then counts rounded to the nearest 5 and percentages to whole
    numbers."""
    shown = []
    for row in indicators.suppress(rows, additive=any(row.is_total for row in rows)):
        value = _whole(row.value) if unit == indicators.PERCENT else _rounded(row.value)
        shown.append(replace(row, numerator=_rounded(row.numerator), denominator=_rounded(row.denominator),
                             value=value, linked_count=None))
    return shown


def public_period(today: dt.date) -> periods.Period:
    """The last complete quarter."""
    this_quarter = periods.current(periods.QUARTER, today)
    return periods.current(periods.QUARTER, this_quarter.start - dt.timedelta(days=1))


def councils_publishing() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY,
                                       published_indicators__isnull=False).distinct().order_by("name")


def published_items(council: Organisation, today: dt.date) -> list[dict]:
    """Each published indicator's figures for the council, in the shape the dashboard's figure template uses."""
    filters = selectors.Filters(public_period(today))
    councils = Organisation.objects.filter(pk=council.pk)
    items = []
    for publication in PublishedIndicator.objects.filter(council=council):
        indicator = catalogue.BY_SLUG.get(publication.indicator)
        if indicator is None:
            continue  # withdrawn since it was published
        exact = indicators.result_for(indicator, councils, filters, suppressed=False)
        rows = for_public(exact.rows, indicator.unit)
        result = indicators.Result(indicator, rows, next((row for row in rows if row.is_total), rows[-1]), True)
        cells = indicators.cells(indicator, rows)
        items.append({"indicator": indicator, "result": result, "rows": cells,
                      "headline": next(cell for cell in cells if cell["row"] is result.headline),
                      "has_england": False,
                      # Safe: matplotlib escapes every label it writes into the SVG, and charts.py adds no text.
                      "chart": mark_safe(chart_svg(result, f"public-{indicator.slug}"))})  # noqa: S308 # nosec B308, B703
    return items
