"""The dashboard indicators against the hand-computed cases in conftest.py, through the pages and CSV downloads."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards.indicators import SUPPRESSED, Row, suppress
from dashboards.models import NationalFigure
from tests.dashboards.conftest import add_cases, forget_stored_figures

YEAR_2025 = {"period_type": "calendar_year", "period": "2025"}


def _csv(client, slug, query):
    response = client.get(reverse("dashboards_indicator_csv", args=[slug]), query)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.content.decode())))


# (indicator, the chosen period's row in the CSV: label, numerator, denominator, value) for calendar year 2025.
# 20 weeks: C1 (19 weeks) and C2 (exactly 20 weeks, counted on its first final plan) are in time; C3 (21), C4 (22,
# with an exception) and C5 (57 weeks) are late; the transfer-in C6, re-assessment C12 and the other council's
# C11 never count.
EXPECTED_2025 = [
    ("ehc-20-weeks-including-exceptions", ["2025", "2", "5", "40.0"]),
    ("ehc-20-weeks-excluding-exceptions", ["2025", "2", "4", "50.0"]),
    ("ehc-decisions-to-assess-6-weeks", ["2025", "6", "8", "75.0"]),
    ("ehc-not-to-issue-16-weeks", ["2025", "1", "2", "50.0"]),
    ("ehc-plans-over-a-year", ["2025", "1", "5", "1"]),
]


@pytest.mark.parametrize(("slug", "expected"), EXPECTED_2025)
def test_each_indicator_for_2025_as_computed_by_hand(world, cases, client_for, slug, expected):
    rows = _csv(client_for("manager"), slug, YEAR_2025)
    assert rows[-1][:4] == expected


def test_the_trend_ends_with_the_chosen_period(world, cases, client_for):
    rows = _csv(client_for("manager"), "ehc-20-weeks-including-exceptions", YEAR_2025)
    assert rows[0][:4] == ["Period", "Issued within 20 weeks", "New plans issued", "Percentage"]
    assert [row[0] for row in rows[1:]] == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert rows[-2][:4] == ["2024", "0", "0", ""]  # nothing issued in 2024: no percentage


def test_requests_by_source(world, cases, client_for):
    rows = _csv(client_for("manager"), "ehc-requests-by-source", YEAR_2025)
    assert [row[:3] for row in rows] == [
        ["Who made the request", "Requests", "Count"],
        ["School or college (SENCO)", "4", "4"],
        ["Parent or carer", "3", "3"],
        ["Young person", "1", "1"],
        ["Professional bringing the child to the council's attention", "0", "0"],
        ["All requests", "8", "8"],
    ]


def test_partnership_lead_sees_small_counts_suppressed(world, cases, client_for):
    client = client_for("lead")
    rows = _csv(client, "ehc-20-weeks-including-exceptions", YEAR_2025)
    assert rows[-1][:4] == ["2025", "c", "c", "c"]
    rows = _csv(client, "ehc-requests-by-source", YEAR_2025)
    assert [row[:3] for row in rows[1:]] == [
        ["School or college (SENCO)", "c", "c"], ["Parent or carer", "c", "c"], ["Young person", "c", "c"],
        ["Professional bringing the child to the council's attention", "0", "0"], ["All requests", "8", "8"]]
    page = client.get(reverse("dashboards_indicator", args=["ehc-20-weeks-including-exceptions"]), YEAR_2025)
    body = page.content.decode()
    assert page.status_code == 200
    assert "fewer than 5" in body and "40.0%" not in body
    home = client.get(reverse("dashboards_home"), YEAR_2025).content.decode()
    assert "fewer than 5" in home and "40.0%" not in home


def test_manager_and_caseworker_see_the_numbers(world, cases, client_for):
    for role in ("manager", "caseworker"):
        page = client_for(role).get(reverse("dashboards_indicator", args=["ehc-20-weeks-including-exceptions"]),
                                    YEAR_2025)
        body = page.content.decode()
        assert "40.0%" in body and "fewer than 5" not in body
        home = client_for(role).get(reverse("dashboards_home"), YEAR_2025).content.decode()
        assert "40.0%" in home and "50.0%" in home and "75.0%" in home


def test_another_councils_cases_are_never_counted(world, cases, client_for):
    # The other council's caseworker sees only C11 (issued in 11 weeks): 1 of 1.
    rows = _csv(client_for("other_caseworker"), "ehc-20-weeks-including-exceptions", YEAR_2025)
    assert rows[-1][:4] == ["2025", "1", "1", "100.0"]
    rows = _csv(client_for("other_caseworker"), "ehc-requests-by-source", YEAR_2025)
    assert rows[-1][:3] == ["All requests", "1", "1"]


@pytest.mark.parametrize(("query", "total"), [
    ({}, 8),
    ({"district": "north"}, 3),  # C1, C2, C9
    ({"district": "south"}, 4),  # C3, C4, C8, C10
    ({"primary_need": "ASD"}, 4),  # C1, C3, C7, C10
    ({"district": "north", "primary_need": "ASD"}, 1),  # C1
    ({"age_group": "0-4"}, 2),  # C1, C9 (born June 2021: 4 on 31 December 2025)
    ({"age_group": "5-10"}, 1),  # C2
    ({"age_group": "11-15"}, 2),  # C3, C8
    ({"age_group": "16-19"}, 2),  # C4, C10
    ({"age_group": "20-25"}, 1),  # C7
])
def test_filters_on_requests_in_2025(world, cases, client_for, query, total):
    rows = _csv(client_for("manager"), "ehc-requests-by-source", {**YEAR_2025, **query})
    assert rows[-1][:2] == ["All requests", str(total)]


@pytest.mark.parametrize(("period_type", "period", "label", "total"), [
    ("month", "2025-01", "January 2025", 4),  # C1, C2, C3, C7
    ("quarter", "2025-Q1", "January to March 2025", 7),  # all but C10 (and not the transfer C6)
    ("quarter", "2025-Q2", "April to June 2025", 1),  # C10 (not the re-assessment C12)
    ("academic_year", "2024", "Academic year 2024 to 2025", 8),
    ("academic_year", "2023", "Academic year 2023 to 2024", 1),  # C5
    ("calendar_year", "2024", "2024", 1),  # C5
    ("rolling_12", "2025-03", "12 months from April 2024 to March 2025", 7),
])
def test_each_period_type(world, cases, client_for, period_type, period, label, total):
    client = client_for("manager")
    query = {"period_type": period_type, "period": period}
    rows = _csv(client, "ehc-requests-by-source", query)
    assert rows[-1][:2] == ["All requests", str(total)]
    page = client.get(reverse("dashboards_indicator", args=["ehc-requests-by-source"]), query)
    assert label in page.content.decode()


def test_age_is_taken_at_the_end_of_the_period(world, cases, client_for):
    # Born 1 June 2021: 3 at the end of January 2025, so in the 0 to 4 group for C1 received that month.
    rows = _csv(client_for("manager"), "ehc-requests-by-source",
                {"period_type": "month", "period": "2025-01", "age_group": "0-4"})
    assert rows[-1][:2] == ["All requests", "1"]


@pytest.mark.parametrize("query", [
    {"period_type": "weekly"},
    {"period_type": "month", "period": "banana"},
    {"period_type": "month", "period": "2025-13"},
    {"period_type": "month", "period": "2099-01"},
    {"period_type": "calendar_year", "period": "2010"},
    {"district": "nowhere"},
    {"primary_need": "XYZ"},
    {"age_group": "99"},
])
def test_bad_filters_get_the_error_summary_and_400(world, cases, client_for, query):
    client = client_for("manager")
    response = client.get(reverse("dashboards_home"), query)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    page = client.get(reverse("dashboards_indicator", args=["ehc-requests-by-source"]), query)
    assert page.status_code == 400
    assert "govuk-error-summary" in page.content.decode()
    assert client.get(reverse("dashboards_indicator_csv", args=["ehc-requests-by-source"]), query).status_code == 400


def test_a_period_left_over_from_another_type_means_the_latest(world, cases, client_for):
    response = client_for("manager").get(reverse("dashboards_home"), {"period_type": "quarter", "period": "2025"})
    assert response.status_code == 200


def test_unknown_indicator_is_not_found(world, client_for):
    assert client_for("manager").get(reverse("dashboards_indicator", args=["no-such-thing"])).status_code == 404
    assert client_for("manager").get(reverse("dashboards_indicator_csv", args=["no-such-thing"])).status_code == 404


def test_default_page_shows_the_timeliness_charts_and_every_headline(world, cases, client_for):
    from dashboards import catalogue

    response = client_for("manager").get(reverse("dashboards_home"))
    body = response.content.decode()
    assert response.status_code == 200
    # Only the five timeliness charts are drawn on the home page; every indicator has its headline there.
    assert body.count('role="img"') == 5
    for indicator in catalogue.INDICATORS:
        assert f'id="{indicator.slug}-headline"' in body
    assert "<?xml" not in body and "<!DOCTYPE svg" not in body
    assert ' style="' not in body.split('<main', 1)[1]  # the page's CSP allows no inline styles
    assert "Rolling 12 months" in body


def test_england_figure_beside_the_local_one_for_a_calendar_year(world, client_for):
    call_command("load_national_figures", stdout=io.StringIO())
    client = client_for("manager")
    url = reverse("dashboards_indicator", args=["ehc-20-weeks-excluding-exceptions"])
    body = client.get(url, {"period_type": "calendar_year", "period": "2024"}).content.decode()
    assert 'id="england-figure">46.4%' in body
    rows = _csv(client, "ehc-20-weeks-excluding-exceptions", {"period_type": "calendar_year", "period": "2024"})
    assert rows[-1] == ["2024", "0", "0", "", "46.4"]
    assert rows[-2] == ["2023", "0", "0", "", "50.3"]
    assert "england-figure" not in client.get(url, {"period_type": "month"}).content.decode()


def test_load_national_figures_is_idempotent(db):
    # The data migration loads them; run the command too, as a flush by a transactional test would empty the table.
    call_command("load_national_figures", stdout=io.StringIO())
    assert NationalFigure.objects.count() == 22
    NationalFigure.objects.filter(indicator="ehc-not-to-issue-16-weeks", year=2024).update(value=Decimal("1.0"))
    out = io.StringIO()
    call_command("load_national_figures", stdout=out)
    assert "0 added, 1 updated" in out.getvalue()
    call_command("load_national_figures", stdout=out)
    assert NationalFigure.objects.count() == 22
    assert NationalFigure.objects.get(indicator="ehc-not-to-issue-16-weeks", year=2024).value == Decimal("34.1")


def test_home_page_query_count_does_not_grow_with_cases(world, cases, client_for):
    client = client_for("manager")
    url = reverse("dashboards_home")
    client.get(url, YEAR_2025)  # warm caches (session, content types)
    forget_stored_figures()  # count afresh: the counting is what must not grow
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, YEAR_2025).status_code == 200
    add_cases(world, 30)
    forget_stored_figures()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, YEAR_2025)
    assert response.status_code == 200
    assert len(many) == len(few)
    assert "91.4%" in response.content.decode()  # 32 of 35 new plans within 20 weeks, including exceptions


def test_home_page_query_ceiling(world, cases, client_for, django_assert_max_num_queries):
    from tests.dashboards.test_indicators_ehc_more import HOME_QUERY_CEILING

    client = client_for("manager")
    client.get(reverse("dashboards_home"))
    add_cases(world, 20)
    forget_stored_figures()
    with django_assert_max_num_queries(HOME_QUERY_CEILING):
        client.get(reverse("dashboards_home"), YEAR_2025)


@pytest.mark.parametrize(("numerator", "denominator", "value", "shown"), [
    # Any count in a row from 1 to 4 hides the whole row, including those not meeting the measure (the
    # denominator less the numerator), since the shown figures would give the hidden one away.
    (2, 5, Decimal("40.0"), (SUPPRESSED, SUPPRESSED, SUPPRESSED)),
    (5, 4, Decimal("125.0"), (SUPPRESSED, SUPPRESSED, SUPPRESSED)),
    (1, 1, Decimal("100.0"), (SUPPRESSED, SUPPRESSED, SUPPRESSED)),
    (0, 6, Decimal("0.0"), (0, 6, Decimal("0.0"))),
    (0, 0, None, (0, 0, None)),
    (5, 9, Decimal("55.6"), (SUPPRESSED, SUPPRESSED, SUPPRESSED)),  # 4 were not on time
    (5, 10, Decimal("50.0"), (5, 10, Decimal("50.0"))),
    (6, 6, Decimal("100.0"), (6, 6, Decimal("100.0"))),
    (0, 3, Decimal("0.0"), (SUPPRESSED, SUPPRESSED, SUPPRESSED)),  # "0 of fewer than 5" says all were late
    (4, None, 4, (SUPPRESSED, None, SUPPRESSED)),
    (5, None, 5, (5, None, 5)),
])
def test_the_one_suppression_rule(numerator, denominator, value, shown):
    (row,) = suppress([Row("2025", numerator, denominator, value)])
    assert (row.numerator, row.denominator, row.value) == shown


@pytest.mark.parametrize(("parts", "shown"), [
    # One small part would be worked out from the total, so the next smallest part is hidden too.
    ([9, 3, 0, 20], [SUPPRESSED, SUPPRESSED, 0, 20]),
    ([9, 3, 2, 20], [9, SUPPRESSED, SUPPRESSED, 20]),
    ([9, 6, 0, 20], [9, 6, 0, 20]),
])
def test_suppression_of_parts_of_a_total(parts, shown):
    rows = [Row(str(index), count, None, count) for index, count in enumerate(parts)]
    rows.append(Row("All", sum(parts), None, sum(parts), is_total=True))
    hidden = suppress(rows, additive=True)
    assert [row.value for row in hidden] == [*shown, sum(parts)]


def test_a_lead_outside_any_council_or_partnership_sees_no_councils_figures(world, cases, client):
    from send_portal.organisations.models import Role
    from tests import factories

    icb_lead = factories.staff_user(world.icb, Role.PARTNERSHIP_LEAD, email="icb.lead@example.test")
    client.force_login(icb_lead, backend="allauth.account.auth_backends.AuthenticationBackend")
    rows = _csv(client, "ehc-requests-by-source", YEAR_2025)
    assert rows[-1][:2] == ["All requests", "0"]
    body = client.get(reverse("dashboards_home"), YEAR_2025).content.decode()
    assert "Your account is not linked to either" in body


def test_administrators_can_add_england_figures_in_the_admin_site(world, client_for):
    client = client_for("admin")
    assert client.get(reverse("admin:dashboards_nationalfigure_changelist")).status_code == 200
    response = client.post(reverse("admin:dashboards_nationalfigure_add"), {
        "indicator": "ehc-20-weeks-excluding-exceptions", "year": "2025", "value": "45.0",
        "source": "Department for Education: Education, health and care plans (SEN2 return), England"})
    assert response.status_code == 302
    assert NationalFigure.objects.get(indicator="ehc-20-weeks-excluding-exceptions", year=2025).value == Decimal("45.0")


def test_the_excluding_exceptions_row_is_hidden_when_few_plans_had_an_exception():
    from dashboards.indicators import Row, suppress

    row = Row("2025", 10, 20, Decimal("50.0"), linked_count=2)
    assert suppress([row])[0].numerator is SUPPRESSED
    assert suppress([Row("2025", 10, 20, Decimal("50.0"), linked_count=6)])[0].numerator == 10


def test_an_exception_at_any_stage_of_the_20_weeks_takes_a_plan_out_of_the_excluding_figure(world):
    from dashboards import selectors
    from dashboards.periods import CALENDAR_YEAR, parse
    from ehc.models import TimeLimitException
    from tests.dashboards.conftest import make_case

    start = dt.date(2025, 1, 6)
    case = make_case(child=world.child_a, council=world.council, requested_by=world.parent_a, received=start,
                     assess_on=start + dt.timedelta(weeks=7), issue_decided_on=start + dt.timedelta(weeks=15),
                     stage="final_issued",
                     issued=[start + dt.timedelta(weeks=22)])
    TimeLimitException.objects.create(case=case, time_limit="decision_to_assess", ground="10_4_c",
                                      starts_on=start + dt.timedelta(days=10), reason="Family illness.",
                                      family_told_on=start + dt.timedelta(days=10))
    filters = selectors.Filters(parse(CALENDAR_YEAR, "2025"))
    series = [filters.period]
    councils = selectors.councils_for(world.manager)
    assert selectors.new_plans_within_20_weeks(councils, filters, series, excluding_exceptions=True) == [(0, 0, 1)]
    assert selectors.new_plans_within_20_weeks(councils, filters, series, excluding_exceptions=False) == [(0, 1)]


def test_an_officer_who_is_also_a_lead_elsewhere_sees_small_counts_suppressed(world, cases, client_for):
    from send_portal.organisations.models import Role
    from send_portal.organisations.services import membership_start

    membership_start(user=world.manager, organisation=world.other_council, role=Role.PARTNERSHIP_LEAD)
    rows = _csv(client_for("manager"), "ehc-20-weeks-including-exceptions", YEAR_2025)
    assert rows[-1][:4] == ["2025", "c", "c", "c"]


def test_a_rolling_window_ending_in_the_future_is_refused(world, client_for):
    future = dt.date.today().replace(day=1) + dt.timedelta(days=40)
    response = client_for("manager").get(reverse("dashboards_home"),
                                         {"period_type": "rolling_12", "period": f"{future:%Y-%m}"})
    assert response.status_code == 400


def test_england_is_shown_only_beside_unfiltered_figures(world, cases, client_for):
    client = client_for("manager")
    year_2024 = {"period_type": "calendar_year", "period": "2024"}
    assert _csv(client, "ehc-20-weeks-excluding-exceptions", year_2024)[-1][-1] == "46.4"
    filtered = _csv(client, "ehc-20-weeks-excluding-exceptions", {**year_2024, "primary_need": "ASD"})
    assert filtered[-1][-1] == ""
