"""The team filter: a case belongs to the team its caseworker is a member of now."""

import datetime as dt

import pytest
from django.urls import reverse

from dashboards import catalogue, indicators, periods, selectors
from send_portal.organisations.models import Role
from send_portal.organisations.services import membership_end
from tests import factories
from tests.dashboards.conftest import make_case

D = dt.date
YEAR_2025 = {"period_type": "calendar_year", "period": "2025"}


@pytest.fixture
def two_teams(world):
    north = factories.team(world.council, "North SEND Team")
    north_caseworker = factories.staff_user(north, Role.LA_CASEWORKER, email="north.cw@example.test")
    by = world.parent_a
    # Two requests held by the main team's caseworker, one by North's, and one not yet allocated.
    for caseworker in (world.caseworker, world.caseworker, north_caseworker, None):
        make_case(child=world.child_a, council=world.council, requested_by=by, received=D(2025, 3, 3),
                  caseworker=caseworker)
    return north


def _requests(result):
    return next(row for row in result.rows if row.is_total).numerator


@pytest.mark.parametrize(("team", "expected"), [(None, 4), ("main", 2), ("north", 1)])
def test_the_team_filter_counts_the_cases_of_its_caseworkers(world, two_teams, team, expected):
    chosen = {None: None, "main": world.team, "north": two_teams}[team]
    filters = selectors.Filters(period=periods.parse("calendar_year", "2025"), team=chosen)
    result = indicators.result_for(catalogue.BY_SLUG["ehc-requests-by-source"],
                                   selectors.councils_for(world.manager), filters, suppressed=False)
    assert _requests(result) == expected


def test_a_caseworker_who_has_left_the_team_no_longer_counts_for_it(world, two_teams):
    membership_end(membership=world.caseworker.memberships.get(organisation=world.team))
    filters = selectors.Filters(period=periods.parse("calendar_year", "2025"), team=world.team)
    result = indicators.result_for(catalogue.BY_SLUG["ehc-requests-by-source"],
                                   selectors.councils_for(world.manager), filters, suppressed=False)
    assert _requests(result) == 0


def test_the_page_offers_the_viewers_own_councils_teams_only(world, two_teams, client_for):
    response = client_for("manager").get(reverse("dashboards_indicator", args=["ehc-requests-by-source"]),
                                         {**YEAR_2025, "team": two_teams.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "North SEND Team" in page and "Otherton SEND Team" not in page
    assert "England" not in response.context["item"]["headline_text"]


def test_another_councils_team_is_refused_with_a_clear_error(world, client_for):
    other_team = world.other_caseworker.memberships.get().organisation
    response = client_for("manager").get(reverse("dashboards_home"), {**YEAR_2025, "team": other_team.pk})
    assert response.status_code == 400
    assert "Select a team from the list" in response.content.decode()


def test_england_is_not_compared_with_one_team(world, two_teams):
    filters = selectors.Filters(period=periods.parse("calendar_year", "2025"), team=two_teams)
    assert not indicators.compares_with_england(filters)
    assert indicators.compares_with_england(selectors.Filters(period=filters.period))
