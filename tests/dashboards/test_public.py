"""The public "How we are doing" page: published indicators only, no filters, whole quarters, small counts hidden
and the rest rounded to the nearest 5."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards import transparency
from dashboards.indicators import PERCENT, SUPPRESSED, Row
from dashboards.models import PublishedIndicator

from .conftest import make_case

D = dt.date


@pytest.mark.parametrize(("count", "shown"), [
    (0, 0), (5, 5), (7, 5), (8, 10), (12, 10), (13, 15), (998, 1000), (None, None), (SUPPRESSED, SUPPRESSED),
])
def test_counts_are_rounded_to_the_nearest_five(count, shown):
    assert transparency._rounded(count) == shown


def test_public_rows_are_suppressed_then_rounded_with_whole_percentages():
    rows = [Row("Q1", 12, 19, Decimal("63.2")), Row("Q2", 3, 20, Decimal("15.0")), Row("Q3", 20, 22, Decimal("90.9")),
            Row("Q4", 0, 0, None)]
    shown = transparency.for_public(rows, PERCENT)
    assert [(row.numerator, row.denominator, row.value) for row in shown] == [
        (10, 20, Decimal("63")),
        (SUPPRESSED, SUPPRESSED, SUPPRESSED),  # 3 is a small count
        (SUPPRESSED, SUPPRESSED, SUPPRESSED),  # 2 did not meet the measure: a small count too
        (0, 0, None),
    ]


@pytest.mark.parametrize(("today", "quarter"), [
    (D(2026, 11, 22), "2026-Q3"), (D(2026, 1, 1), "2025-Q4"), (D(2026, 3, 31), "2025-Q4"),
    (D(2026, 4, 1), "2026-Q1"), (D(2026, 6, 30), "2026-Q1"), (D(2026, 7, 1), "2026-Q2"),
])
def test_the_page_shows_the_last_complete_quarter(today, quarter):
    assert transparency.public_period(today).key == quarter


@pytest.fixture
def published(world, cases, monkeypatch):
    """The fixture's cases plus, issued in April to June 2025, 10 plans in 19 weeks and 6 in 22 weeks. With C1 and
    C2 (in time) and C3 (21 weeks) that quarter has 12 plans in time out of 19 (63.2%)."""
    for weeks, count in ((19, 10), (22, 6)):
        for _ in range(count):
            received = D(2025, 1, 6)
            make_case(child=world.child_a, council=world.council, requested_by=world.parent_a, received=received,
                      assess_on=received + dt.timedelta(weeks=5), issue_decided_on=received + dt.timedelta(weeks=14),
                      stage="final_issued", issued=[received + dt.timedelta(weeks=weeks)])
    PublishedIndicator.objects.create(council=world.council, indicator="ehc-20-weeks-including-exceptions")
    monkeypatch.setattr("dashboards.public_views.timezone.localdate", lambda: D(2025, 7, 15))
    return world


def _cells(content: str) -> list[str]:
    import re

    return re.findall(r'<td class="govuk-table__cell govuk-table__cell--numeric">([^<]*)</td>', content)


def test_anyone_can_read_the_published_figures_rounded(client, published):
    response = client.get(reverse("dashboards_public"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "New EHC plans issued within 20 weeks, including exceptions" in content
    assert "April to June 2025: 63%" in content
    cells = _cells(content)
    # Six quarters, January 2024 to June 2025: none in 2024, one plan (C5) in January to March 2025 (hidden), and
    # in April to June 12 of 19 in time, shown rounded (never the exact 12 and 19).
    assert cells == ["0", "0", "No cases"] * 4 + ["fewer than 5"] * 3 + ["10", "20", "63%"]


def test_filters_in_the_address_are_ignored(client, published):
    plain = client.get(reverse("dashboards_public")).content
    north = published.school_a.district
    filtered = client.get(reverse("dashboards_public"), {"district": north.pk, "primary_need": "ASD"}).content
    assert _cells(filtered.decode()) == _cells(plain.decode())


def test_only_published_indicators_appear(client, published):
    content = client.get(reverse("dashboards_public")).content.decode()
    assert "Decisions whether to assess made within 6 weeks" not in content


def test_a_council_that_publishes_nothing_is_not_found(client, published):
    assert client.get(reverse("dashboards_public_council", args=[published.other_council.pk])).status_code == 404
    assert client.get(reverse("dashboards_public_council", args=[published.council.pk])).status_code == 200


def test_with_several_councils_publishing_the_page_lists_them(client, published):
    PublishedIndicator.objects.create(council=published.other_council, indicator="ehc-requests-by-source")
    response = client.get(reverse("dashboards_public"))
    assert response.status_code == 200
    assert published.council.name in response.content.decode()
    assert published.other_council.name in response.content.decode()


def test_with_nothing_published_the_page_says_so(client, world):
    response = client.get(reverse("dashboards_public"))
    assert response.status_code == 200
    assert "No figures have been published yet." in response.content.decode()


def test_the_figures_are_cached_so_a_second_visit_counts_nothing(client, published):
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("dashboards_public"))
    with CaptureQueriesContext(connection) as second:
        client.get(reverse("dashboards_public"))
    counted = [query["sql"] for query in second.captured_queries if "ehc_ehccase" in query["sql"]]
    assert any("ehc_ehccase" in query["sql"] for query in first.captured_queries)
    assert counted == []


def test_an_unknown_indicator_cannot_be_published(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        PublishedIndicator(council=world.council, indicator="no-such-indicator").full_clean()
