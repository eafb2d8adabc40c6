"""The list of cases behind a dashboard figure (issue 7), against the hand-computed cases in conftest.py: exactly
the cases the figure counts, only for council officers, only the cases they could open, recorded in the audit
log."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards import catalogue, indicators, periods, selectors
from dashboards.drilldown_views import drilldown_link
from send_portal.organisations.models import Organisation, Role
from tests.conftest import CANARY_A
from tests.dashboards.conftest import add_cases

YEAR_2025 = {"period_type": "calendar_year", "period": "2025"}
MET, NOT_MET, SET_APART = "met", "not-met", "exception"

# For calendar year 2025, the cases behind each figure (by their number in conftest.py) and what became of them.
# 20 weeks: C1 (19 weeks) and C2 (exactly 20) in time; C3 (21), C4 (22, with an exception) and C5 (57) late.
# 6 weeks: C3 and C8 took 7 weeks; the others decided in 2025 took 4 to 6. 16 weeks: C7 took 15, C8 17.
EXPECTED = {
    "ehc-20-weeks-including-exceptions": {1: MET, 2: MET, 3: NOT_MET, 4: NOT_MET, 5: NOT_MET},
    "ehc-20-weeks-excluding-exceptions": {1: MET, 2: MET, 3: NOT_MET, 4: SET_APART, 5: NOT_MET},
    "ehc-decisions-to-assess-6-weeks": {1: MET, 2: MET, 3: NOT_MET, 4: MET, 7: MET, 8: NOT_MET, 9: MET, 10: MET},
    "ehc-not-to-issue-16-weeks": {7: MET, 8: NOT_MET},
    "ehc-plans-over-a-year": {1: NOT_MET, 2: NOT_MET, 3: NOT_MET, 4: NOT_MET, 5: MET},  # "met": over a year
}
DRILLABLE = sorted(indicator.slug for indicator in catalogue.INDICATORS if indicator.drilldown)


def _url(slug):
    return reverse("dashboards_indicator_cases", args=[slug])


def _listed(response) -> list[str]:
    """The case references listed, in order: each links to the case's page (its id written as an opaque token)."""
    return re.findall(r'href="/[^"]*/\d+-[a-z0-9]+/">(DASH\d+)</a>', response.content.decode())


def _figures(user, slug, query=YEAR_2025):
    """The indicator's own headline figures, counted now: (numerator, denominator, set apart)."""
    from dashboards.forms import DashboardFilterForm

    councils = selectors.councils_for(user)
    form = DashboardFilterForm(query, councils=councils)
    assert form.is_valid()
    row = indicators.result_for(catalogue.BY_SLUG[slug], councils, form.filters(), suppressed=False).headline
    return row.numerator, row.denominator, row.linked_count or 0


def test_the_indicators_with_a_list_of_cases():
    assert set(EXPECTED) <= set(DRILLABLE)
    assert {"ehc-review-decisions-4-weeks", "ehc-amended-plans-in-time"} <= set(DRILLABLE)
    assert catalogue.BY_SLUG["ehc-requests-by-source"].drilldown is None


@pytest.mark.parametrize(("slug", "expected"), sorted(EXPECTED.items()))
def test_the_list_is_exactly_the_cases_the_figure_counts(world, cases, client_for, slug, expected):
    client = client_for("manager")
    response = client.get(_url(slug), YEAR_2025)
    assert response.status_code == 200, response.content[:500]
    listed = _listed(response)
    assert sorted(listed) == sorted(cases[number].reference for number in expected)
    assert len(listed) == len(set(listed))
    numerator, denominator, set_apart = _figures(world.manager, slug)
    assert len(listed) == denominator + set_apart
    for outcome in (MET, NOT_MET, SET_APART):
        wanted = sorted(cases[number].reference for number, became in expected.items() if became == outcome)
        shown = client.get(_url(slug), {**YEAR_2025, "show": outcome})
        if outcome == SET_APART and slug != "ehc-20-weeks-excluding-exceptions":
            assert shown.status_code == 400  # only the "excluding exceptions" measure sets cases apart
            continue
        assert shown.status_code == 200
        assert sorted(_listed(shown)) == wanted
    assert sum(became == MET for became in expected.values()) == numerator
    assert sum(became == NOT_MET for became in expected.values()) == denominator - numerator


@pytest.mark.parametrize("slug", ["ehc-review-decisions-4-weeks", "ehc-amended-plans-in-time"])
def test_review_lists_match_their_figures(world, more_cases, client_for, slug):
    client = client_for("caseworker")
    numerator, denominator, _ = _figures(world.caseworker, slug)
    assert denominator  # the fixtures have some in 2025
    assert len(_listed(client.get(_url(slug), YEAR_2025))) == denominator
    assert len(_listed(client.get(_url(slug), {**YEAR_2025, "show": MET}))) == numerator
    assert len(_listed(client.get(_url(slug), {**YEAR_2025, "show": NOT_MET}))) == denominator - numerator


def test_the_rows_give_the_dates_the_time_taken_and_the_outcome(world, cases, client_for):
    response = client_for("caseworker").get(_url("ehc-20-weeks-excluding-exceptions"), YEAR_2025)
    body = response.content.decode()
    assert response.status_code == 200
    assert '<caption class="govuk-table__caption govuk-table__caption--m">5 cases, 2025</caption>' in body
    assert "Request received" in body and "Plan issued" in body and "Time taken" in body
    row = re.search(rf"{cases[2].reference}</a></th>(.*?)</tr>", body, re.S).group(1)
    assert "Mia Example" in row  # the caseworker's own case pages show the child's name
    assert "13 January 2025" in row and "2 June 2025" in row
    assert "20 weeks (140 days)" in row and ">Met<" in row
    row = re.search(rf"{cases[4].reference}</a></th>(.*?)</tr>", body, re.S).group(1)
    assert "22 weeks (154 days)" in row and ">Exception recorded<" in row
    row = re.search(rf"{cases[3].reference}</a></th>(.*?)</tr>", body, re.S).group(1)
    assert "21 weeks (147 days)" in row and ">Not met<" in row
    assert f'href="{reverse("ehc_case_detail", args=[cases[2].pk])}"' in body
    # The choice of which to show, with how many of each, keeps the dashboard filters.
    assert "All cases (5)" in body and "Met (2)" in body and "Not met (2)" in body
    assert re.search(r'value=""\s+checked', body)  # every case, until another choice is made
    assert "Exception recorded (1)" in body
    assert '<input type="hidden" name="period_type" value="calendar_year">' in body
    assert "education, health and care (EHC)" in body


def test_the_dashboard_filters_narrow_the_list(world, cases, client_for):
    response = client_for("manager").get(_url("ehc-20-weeks-including-exceptions"),
                                         {**YEAR_2025, "district": "north"})
    # Mia's C5 is at school A in the North too.
    assert sorted(_listed(response)) == sorted([cases[1].reference, cases[2].reference, cases[5].reference])
    numerator, denominator, _ = _figures(world.manager, "ehc-20-weeks-including-exceptions",
                                         {**YEAR_2025, "district": "north"})
    assert (numerator, denominator) == (2, 3)
    month = client_for("manager").get(_url("ehc-20-weeks-including-exceptions"),
                                      {"period_type": "month", "period": "2025-06"})
    assert sorted(_listed(month)) == sorted([cases[2].reference, cases[3].reference])


def test_the_list_is_paged_fifty_at_a_time(world, cases, client_for):
    add_cases(world, 60)  # 60 more plans like C1, issued in May 2025: 65 in all
    client = client_for("manager")
    first = client.get(_url("ehc-20-weeks-including-exceptions"), YEAR_2025)
    body = first.content.decode()
    assert len(_listed(first)) == 50
    assert "65 cases, 2025: page 1 of 2" in body
    assert 'class="govuk-pagination"' in body
    assert "period_type=calendar_year&amp;period=2025&amp;page=2" in body
    second = client.get(_url("ehc-20-weeks-including-exceptions"), {**YEAR_2025, "page": 2})
    assert len(_listed(second)) == 15
    assert not set(_listed(first)) & set(_listed(second))
    met = client.get(_url("ehc-20-weeks-including-exceptions"), {**YEAR_2025, "show": MET})
    assert "62 cases (met), 2025: page 1 of 2" in met.content.decode()


# 20 today: the session, the person and their roles, the councils they see and whether they see every count (for
# the filters and for this page), the counts, the list's length and its page of rows, the audit entry, the filter
# form's choices, and the savepoints. None of them depends on how many cases there are.
QUERY_CEILING = 22


@pytest.mark.parametrize("extra", [10, 100])
def test_the_number_of_queries_does_not_grow_with_the_cases(world, cases, client_for, django_assert_max_num_queries,
                                                            extra):
    client = client_for("manager")
    url = _url("ehc-20-weeks-excluding-exceptions")
    client.get(url, YEAR_2025)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, YEAR_2025).status_code == 200
    add_cases(world, extra)
    with django_assert_max_num_queries(QUERY_CEILING):
        response = client.get(url, YEAR_2025)
    assert response.status_code == 200
    assert len(_listed(response)) == min(5 + extra, 50)
    with CaptureQueriesContext(connection) as many:
        client.get(url, YEAR_2025)
    assert len(many) == len(few)


@pytest.mark.parametrize("role", ["lead", "admin"])
def test_people_who_see_figures_only_may_not_list_cases(world, cases, client_for, role):
    for slug in DRILLABLE:
        response = client_for(role).get(_url(slug), YEAR_2025)
        assert response.status_code == 404
        assert CANARY_A not in response.content.decode()


@pytest.mark.parametrize("role", ["parent_a", "young_person", "senco_a", "adviser", "panel", "provider"])
def test_people_outside_the_dashboards_are_refused(world, cases, client_for, role):
    response = client_for(role).get(_url("ehc-20-weeks-including-exceptions"), YEAR_2025)
    assert response.status_code == 403  # the access policy's answer to a role it does not name
    assert cases[1].reference not in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(world, cases, client):
    response = client.get(_url("ehc-20-weeks-including-exceptions"), YEAR_2025)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_officer_who_is_also_a_lead_elsewhere_may_not_list_cases(world, cases, client_for):
    from send_portal.organisations.services import membership_start

    membership_start(user=world.manager, organisation=world.other_council, role=Role.PARTNERSHIP_LEAD)
    assert client_for("manager").get(_url("ehc-20-weeks-including-exceptions"), YEAR_2025).status_code == 404


def test_an_indicator_without_a_list_is_not_found(world, cases, client_for):
    client = client_for("manager")
    assert client.get(_url("ehc-requests-by-source"), YEAR_2025).status_code == 404
    assert client.get(_url("no-such-indicator"), YEAR_2025).status_code == 404


def test_another_councils_caseworker_sees_only_their_own_councils_cases(world, cases, client_for):
    client = client_for("other_caseworker")
    response = client.get(_url("ehc-20-weeks-including-exceptions"), YEAR_2025)
    assert _listed(response) == [cases[11].reference]  # issued in 11 weeks for Otherton Council
    assert client.get(reverse("ehc_case_detail", args=[cases[1].pk])).status_code == 404
    own = client_for("caseworker").get(_url("ehc-20-weeks-including-exceptions"), YEAR_2025)
    assert cases[11].reference not in own.content.decode()


def test_only_the_cases_the_person_could_open_are_listed(world, cases, client_for):
    from guardian.shortcuts import remove_perm

    from send_portal.organisations.services import organisation_role_group

    # Testshire's caseworkers lose sight of C3's child (as if the record had been moved): C3 still counts in the
    # figure, but is not listed for them, and the page says one case is not listed.
    group = organisation_role_group(world.council, Role.LA_CASEWORKER)
    remove_perm("view_child", group, cases[3].child)
    remove_perm("change_child", group, cases[3].child)
    hidden = {cases[3].reference, cases[8].reference}  # C8 is the same child's
    response = client_for("caseworker").get(_url("ehc-20-weeks-including-exceptions"), YEAR_2025)
    body = response.content.decode()
    assert response.status_code == 200
    assert sorted(_listed(response)) == sorted(cases[n].reference for n in (1, 2, 4, 5))
    assert not hidden & set(_listed(response))
    assert "1 of the 5 cases counted is not listed" in body
    assert "All cases (4)" in body
    assert client_for("caseworker").get(reverse("ehc_case_detail", args=[cases[3].pk])).status_code == 404
    manager = client_for("manager").get(_url("ehc-20-weeks-including-exceptions"), YEAR_2025)
    assert cases[3].reference in _listed(manager)


@pytest.mark.parametrize("query", [
    {"period_type": "month", "period": "2025-13"},
    {"period_type": "month", "period": "2099-01"},
    {"district": "nowhere"},
    {**YEAR_2025, "show": "everything"},
])
def test_bad_filters_get_the_error_summary_and_400(world, cases, client_for, query):
    response = client_for("manager").get(_url("ehc-20-weeks-including-exceptions"), query)
    body = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in body and "<title>Error: " in body
    assert not _listed(response)


def test_each_page_shown_is_recorded_in_the_audit_log(world, cases, client_for):
    council_type = ContentType.objects.get_for_model(Organisation)
    client_for("caseworker").get(_url("ehc-20-weeks-including-exceptions"), YEAR_2025)
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, content_type=council_type)
    assert entry.actor == world.caseworker
    assert entry.object_pk == str(world.council.pk)
    purpose = entry.additional_data["purpose"]
    assert purpose.startswith("Cases behind a dashboard figure: New EHC plans issued within 20 weeks, including "
                              "exceptions, 2025 (5 shown: ")
    assert all(cases[n].reference in purpose for n in (1, 2, 3, 4, 5))
    assert "Mia" not in purpose  # references, never names
    # A page with nothing on it shows no child's record, so nothing is recorded.
    client_for("caseworker").get(_url("ehc-not-to-issue-16-weeks"), {"period_type": "calendar_year",
                                                                       "period": "2023"})
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, content_type=council_type).count() == 1


def test_the_link_from_the_indicator_page(world, cases, client_for):
    from django.template.loader import render_to_string

    indicator = catalogue.BY_SLUG["ehc-20-weeks-excluding-exceptions"]
    filters = selectors.Filters(period=periods.parse(periods.CALENDAR_YEAR, "2025"))
    result = indicators.result_for(indicator, selectors.councils_for(world.manager), filters, suppressed=False)
    item = {"headline": {"row": result.headline}}
    query = "period_type=calendar_year&period=2025"
    link = drilldown_link(indicator, item, query, suppressed=False)
    assert link == {"url": f"{_url(indicator.slug)}?{query}", "count": 5}  # 4 counted and 1 with an exception
    html = render_to_string("dashboards/_drilldown_link.html", {"drilldown_link": link})
    assert f'href="{_url(indicator.slug)}?period_type=calendar_year&amp;period=2025"' in html
    assert "See the 5 cases behind this figure" in html
    assert drilldown_link(indicator, item, query, suppressed=True) is None  # figures only: no list
    no_list = catalogue.BY_SLUG["ehc-requests-by-source"]
    assert drilldown_link(no_list, item, query, suppressed=False) is None
    assert render_to_string("dashboards/_drilldown_link.html", {"drilldown_link": None}).strip() == ""


def test_the_indicator_page_links_to_the_list_for_caseworkers_only(world, cases, client_for):
    url = reverse("dashboards_indicator", args=["ehc-20-weeks-including-exceptions"])
    page = client_for("manager").get(url, YEAR_2025).content.decode()
    assert "behind this figure" in page
    assert _url("ehc-20-weeks-including-exceptions") + "?" in page
    assert "behind this figure" not in client_for("lead").get(url, YEAR_2025).content.decode()


def test_an_empty_list_says_so(world, cases, client_for):
    client = client_for("caseworker")
    empty_year = client.get(_url("ehc-not-to-issue-16-weeks"), {"period_type": "calendar_year", "period": "2023"})
    assert empty_year.status_code == 200
    assert "There are no cases you can open behind this figure." in empty_year.content.decode()
    # South's two new plans in 2025 (C3, 21 weeks; C4, 22) were both late.
    none_met = client.get(_url("ehc-20-weeks-including-exceptions"), {**YEAR_2025, "district": "south",
                                                                       "show": "met"})
    assert none_met.status_code == 200
    assert 'None of the cases you can open is "met".' in none_met.content.decode()
