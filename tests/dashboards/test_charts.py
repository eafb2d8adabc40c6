"""The charts draw every label as written: a dollar sign in a name people typed is a dollar sign, never the start
of mathematics (matplotlib's mathtext)."""

import datetime as dt
import html
import re

from django.template.loader import render_to_string
from django.urls import reverse

from alt_provision.services import placement_start
from dashboards import catalogue
from dashboards.charts import chart_svg
from dashboards.indicators import COUNT, Result, Row, display

YEAR_2025 = {"period_type": "calendar_year", "period": "2025"}
LABELS = ["Kids $ Club", "$x$", "$5 or $10"]


def _svg_texts(svg: str) -> list[str]:
    return [html.unescape(text) for text in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)]


def test_dollar_signs_in_labels_are_drawn_literally():
    rows = [Row(label, count, None, count) for count, label in enumerate(LABELS, start=1)]
    rows.append(Row("All placements", 6, None, 6, is_total=True))
    indicator = catalogue.BY_SLUG["ap-placements-by-provider"]
    svg = chart_svg(Result(indicator, rows, rows[-1], False), "test")
    texts = _svg_texts(svg)
    for label in LABELS:
        assert label in texts
    # Mathtext would have drawn "$x$" as an italic x with no dollar signs.
    assert "x" not in texts and 'font-style="italic"' not in svg

    cells = [{"row": row, "numerator": display(row.numerator, COUNT), "denominator": "",
              "value": display(row.value, COUNT), "england": ""} for row in rows]
    item = {"indicator": indicator, "rows": cells, "has_england": False, "chart": svg}
    table = html.unescape(render_to_string("dashboards/_figure.html", {"item": item}))
    for label in LABELS:
        assert f">{label}</th>" in table


def test_a_typed_provider_name_with_dollar_signs_on_the_indicator_page(world, client_for):
    for name in ("Kids $ Club", "$x$"):
        placement_start(
            child=world.child_a, home_school=world.school_a, commissioner=world.school_a, created_by=world.caseworker,
            tier="2", starts_on=dt.date(2025, 3, 3), hours_per_week=20, days="MO,TU,WE,TH,FR", weekly_cost=500,
            objectives="Read a chapter book.", reintegration_plan="Mornings back.", named_contact="Pat",
            next_review_on=dt.date(2025, 4, 14), provider=None, provider_name=name,
            provider_is_registered_school=False)
    response = client_for("lead").get(reverse("dashboards_indicator", args=["ap-placements-by-provider"]), YEAR_2025)
    assert response.status_code == 200
    body = response.content.decode()
    svg = body[body.index("<svg"):body.index("</svg>")]
    assert {"Kids $ Club", "$x$"} <= set(_svg_texts(svg))
    # The table beside the chart, its text alternative, names them in full.
    for name in ("Kids $ Club", "$x$"):
        assert f">{name} (not on the approved provider list)</th>" in html.unescape(body)
