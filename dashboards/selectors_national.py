"""Reads for the national comparison: a council's statistical neighbours and the average of their figures."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

from .models import AreaFigure, StatisticalNeighbour


def neighbours_of(council_id: int) -> list[StatisticalNeighbour]:
    """The council's statistical neighbours, closest first."""
    return list(StatisticalNeighbour.objects.filter(council_id=council_id).order_by("rank"))


def neighbour_averages(council_ids: list[int], indicator: str, years: list[int]) -> dict[int, tuple[Decimal, int]]:
    """For each year with any figure, the mean of the council's statistical neighbours' figures for the indicator
    (to 1 decimal place, halves rounded up) and how many neighbours had a figure that year. Empty unless
    `council_ids` is exactly one council: neighbours belong to one council, and an average of several councils'
    neighbours would compare with nothing. One query."""
    councils = set(council_ids)
    if len(councils) != 1 or not years:
        return {}
    (council_id,) = councils
    neighbour_codes = StatisticalNeighbour.objects.filter(council_id=council_id).values("area_code")
    # Summed and divided here rather than with AVG, so the rounding is exact decimal arithmetic on every database.
    figures = (AreaFigure.objects.filter(indicator=indicator, year__in=years, area_code__in=neighbour_codes)
               .order_by().values("year").annotate(total=Sum("value"), count=Count("pk")))
    return {row["year"]: ((row["total"] / row["count"]).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), row["count"])
            for row in figures}
