"""The stored figures the dashboard pages read (dashboards.services.figures_for and figures_refresh): they give
exactly what counting now gives, say when they were counted, are recounted by the hourly job, and are never shown
once a day old."""

import datetime as dt
import io
from dataclasses import replace

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dashboards import catalogue, indicators, periods, selectors, services, tasks
from dashboards.models import StoredFigures
from send_portal.organisations.models import Organisation, OrganisationKind
from tests import factories
from tests.dashboards.conftest import add_cases

YEAR_2025 = {"period_type": "calendar_year", "period": "2025"}
FILTERS_2025 = selectors.Filters(period=periods.parse("calendar_year", "2025"))
TWENTY_WEEKS = "ehc-20-weeks-including-exceptions"
SIX_WEEKS = "ehc-decisions-to-assess-6-weeks"


def _headline(response):
    headline = response.context["item"]["result"].headline
    return headline.numerator, headline.denominator


def _councils(world):
    return Organisation.objects.filter(pk=world.council.pk)


@pytest.mark.parametrize("suppressed", [False, True])
@pytest.mark.parametrize("trend", [True, False])
def test_stored_figures_are_exactly_what_counting_now_gives(world, more_cases, suppressed, trend):
    """Every indicator, counted and stored, then read back from the store, with and without the trend (the store
    keeps the trend and cuts the single period from it)."""
    filters = replace(FILTERS_2025, trend=trend)
    wanted = [(indicator, filters) for indicator in catalogue.INDICATORS]
    first = services.figures_for(wanted, [world.council.pk], suppressed=suppressed)
    assert StoredFigures.objects.count() == len(catalogue.INDICATORS)
    again = services.figures_for(wanted, [world.council.pk], suppressed=suppressed)
    for (indicator, _), counted, stored in zip(wanted, first, again, strict=True):
        live = indicators.result_for(indicator, _councils(world), filters, suppressed=suppressed)
        assert counted.rows == live.rows, indicator.slug
        assert stored.rows == live.rows, indicator.slug
        assert stored.headline == live.headline
        assert [type(row.value) for row in stored.rows] == [type(row.value) for row in live.rows]


def test_a_page_shows_stored_figures_and_when_they_were_counted(world, cases, client_for):
    client = client_for("manager")
    url = reverse("dashboards_indicator", args=[TWENTY_WEEKS])
    before = client.get(url, YEAR_2025)
    headline = _headline(before)
    assert before.context["as_at"] is not None
    assert "Figures counted at" in client.get(reverse("dashboards_home"), YEAR_2025).content.decode()
    add_cases(world, 30)
    # Within the hour the page shows the figures as counted, and says when that was.
    assert _headline(client.get(url, YEAR_2025)) == headline == (2, 5)
    services.figures_refresh(now=timezone.now() + dt.timedelta(hours=2))
    assert _headline(client.get(url, YEAR_2025)) == (32, 35)


def test_figures_more_than_a_day_old_are_counted_again_when_opened(world, cases, client_for):
    client = client_for("manager")
    url = reverse("dashboards_indicator", args=[TWENTY_WEEKS])
    client.get(url, YEAR_2025)
    add_cases(world, 30)
    StoredFigures.objects.update(refreshed_at=timezone.now() - dt.timedelta(hours=25))
    response = client.get(url, YEAR_2025)
    assert _headline(response) == (32, 35)
    assert StoredFigures.objects.get(indicator=TWENTY_WEEKS).refreshed_at > timezone.now() - dt.timedelta(minutes=5)


def test_the_csv_gives_the_same_figures_as_the_page(world, cases, client_for):
    client = client_for("manager")
    page = client.get(reverse("dashboards_indicator", args=[TWENTY_WEEKS]), YEAR_2025)
    add_cases(world, 30)
    download = client.get(reverse("dashboards_indicator_csv", args=[TWENTY_WEEKS]), YEAR_2025).content.decode()
    total = page.context["item"]["result"].headline
    assert f"2025,{total.numerator},{total.denominator}," in download


def test_stored_figures_are_suppressed_for_aggregate_only_readers(world, cases, client_for):
    """The store holds every count; the one suppression rule is applied whenever they are read."""
    client_for("manager").get(reverse("dashboards_home"), YEAR_2025)
    stored = services.figures_for([(catalogue.BY_SLUG[TWENTY_WEEKS], FILTERS_2025)], [world.council.pk],
                                  suppressed=True)[0]
    assert any(row.value is indicators.SUPPRESSED for row in stored.rows)
    lead_page = client_for("lead").get(reverse("dashboards_indicator", args=[TWENTY_WEEKS]), YEAR_2025)
    assert lead_page.context["item"]["result"].rows == stored.rows


def test_the_home_page_reads_every_stored_figure_in_one_query(world, cases, client_for, django_assert_max_num_queries):
    client = client_for("manager")
    client.get(reverse("dashboards_home"), YEAR_2025)
    add_cases(world, 30)
    with django_assert_max_num_queries(16) as captured:
        client.get(reverse("dashboards_home"), YEAR_2025)
    assert sum("dashboards_storedfigures" in query["sql"] for query in captured.captured_queries) == 1


def test_the_refresh_counts_each_councils_default_dashboard_and_partner_sets(world):
    world.icb.partner_councils.add(world.council, world.other_council)
    done = services.figures_refresh()
    default = services.filters_key(selectors.Filters(periods.current(periods.DEFAULT_TYPE, timezone.localdate())))
    keys = set(StoredFigures.objects.values_list("councils_key", "filters_key").distinct())
    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("pk")
    expected = {(str(pk), default) for pk in councils.values_list("pk", flat=True)}
    expected.add((",".join(str(pk) for pk in sorted([world.council.pk, world.other_council.pk])), default))
    assert keys == expected
    assert done["added"] == len(expected) * len(catalogue.INDICATORS)
    # Run again within the hour: nothing to count.
    assert services.figures_refresh() == {"added": 0, "recounted": 0, "forgotten": 0}


def test_the_refresh_recounts_old_figures_and_forgets_unread_ones(world, cases):
    now = timezone.now()
    wanted = [(catalogue.BY_SLUG[slug], FILTERS_2025) for slug in (TWENTY_WEEKS, SIX_WEEKS)]
    services.figures_for(wanted, [world.council.pk], suppressed=False, now=now - dt.timedelta(hours=3))
    StoredFigures.objects.filter(indicator=SIX_WEEKS).update(
        last_read_on=timezone.localdate(now) - dt.timedelta(days=8))
    add_cases(world, 30)
    done = services.figures_refresh(now=now)
    assert done["forgotten"] == 1 and done["recounted"] >= 1
    assert not StoredFigures.objects.filter(indicator=SIX_WEEKS, filters_key=services.filters_key(FILTERS_2025))
    stored = services.figures_for(wanted[:1], [world.council.pk], suppressed=False, now=now)[0]
    assert (stored.headline.numerator, stored.headline.denominator) == (32, 35)


def test_a_view_whose_team_was_removed_is_dropped_at_the_next_refresh(world, cases):
    team = factories.team(world.council, "Short-lived team")
    filters = replace(FILTERS_2025, team=team)
    services.figures_for([(catalogue.BY_SLUG[TWENTY_WEEKS], filters)], [world.council.pk], suppressed=False,
                         now=timezone.now() - dt.timedelta(hours=2))
    key = services.filters_key(filters)
    team.delete()
    services.figures_refresh()
    assert not StoredFigures.objects.filter(filters_key=key).exists()


@pytest.mark.parametrize("filters", [
    FILTERS_2025,
    selectors.Filters(period=periods.parse("rolling_12", "2025-06"), primary_need="ASD", age_group="5-10",
                      setting="special"),
    selectors.Filters(period=periods.parse("quarter", "2025-Q2"), trend=False),
])
def test_filters_rebuild_from_their_key(world, filters):
    north = selectors.districts().model.objects.create(name="North", code="north")
    for case in (filters, replace(filters, district=north, team=world.team)):
        assert services.filters_from_key(services.filters_key(case)) == replace(case, trend=True)


def test_the_task_and_the_command_run_the_refresh(world):
    assert tasks.refresh_dashboard_figures.delay().get()["added"] > 0
    out = io.StringIO()
    call_command("refresh_dashboard_figures", stdout=out)
    assert out.getvalue().strip() == "0 view(s) counted for the first time, 0 recounted, 0 unread for a week forgotten."


def test_every_figure_keeps_its_type_through_the_store(world, more_cases):
    """A percentage must come back a Decimal and a count an int, in every figure of every row, or the pages would
    show and suppress them differently."""
    wanted = [(indicator, FILTERS_2025) for indicator in catalogue.INDICATORS]
    services.figures_for(wanted, [world.council.pk], suppressed=False)
    stored = services.figures_for(wanted, [world.council.pk], suppressed=False)
    for (indicator, _), result in zip(wanted, stored, strict=True):
        live = indicators.result_for(indicator, _councils(world), FILTERS_2025, suppressed=False)
        for stored_row, live_row in zip(result.rows, live.rows, strict=True):
            for name in ("numerator", "denominator", "value", "upper", "england", "neighbours", "linked_count"):
                assert type(getattr(stored_row, name)) is type(getattr(live_row, name)), (indicator.slug, name)


def test_a_stored_view_the_portal_can_no_longer_read_is_dropped_without_stopping_the_others(world, cases):
    two_hours_ago = timezone.now() - dt.timedelta(hours=2)
    services.figures_for([(catalogue.BY_SLUG[TWENTY_WEEKS], FILTERS_2025)], [world.council.pk], suppressed=False,
                         now=two_hours_ago)
    unreadable = ['{"period_type": "fortnight", "period": "x"}', "not json", '{"period": "2025"}']
    for key in unreadable:
        StoredFigures.objects.create(indicator=TWENTY_WEEKS, councils_key=str(world.council.pk), filters_key=key,
                                     rows=[], refreshed_at=two_hours_ago, last_read_on=timezone.localdate())
    done = services.figures_refresh()
    assert not StoredFigures.objects.filter(filters_key__in=unreadable).exists()
    assert StoredFigures.objects.get(indicator=TWENTY_WEEKS, filters_key=services.filters_key(FILTERS_2025)
                                     ).refreshed_at > two_hours_ago
    assert done["recounted"] == 1


def test_a_recount_is_stamped_with_when_its_counting_began(world, cases, monkeypatch):
    services.figures_for([(catalogue.BY_SLUG[TWENTY_WEEKS], FILTERS_2025)], [world.council.pk], suppressed=False,
                         now=timezone.now() - dt.timedelta(hours=2))
    began = timezone.now()
    services.figures_refresh()
    entry = StoredFigures.objects.get(filters_key=services.filters_key(FILTERS_2025))
    assert began <= entry.refreshed_at <= timezone.now()


def test_the_beat_schedule_runs_the_refresh_as_often_as_the_pages_say(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["dashboards-refresh-figures"]
    assert schedule["task"] == "dashboards.tasks.refresh_dashboard_figures"
    assert schedule["schedule"] == services.FIGURES_REFRESH_EVERY.total_seconds()


def test_people_who_see_aggregates_only_are_not_offered_the_team_filter(world, cases, client_for):
    """A team can be one caseworker, and a team's figure taken from the council's would give away counts that
    suppression hides in each."""
    lead = client_for("lead")
    page = lead.get(reverse("dashboards_home"), YEAR_2025)
    assert "All teams" not in page.content.decode()
    filtered = lead.get(reverse("dashboards_indicator", args=[TWENTY_WEEKS]), {**YEAR_2025, "team": world.team.pk})
    assert filtered.status_code == 200
    assert filtered.context["item"]["result"].rows == lead.get(
        reverse("dashboards_indicator", args=[TWENTY_WEEKS]), YEAR_2025).context["item"]["result"].rows
    assert "All teams" in client_for("manager").get(reverse("dashboards_home"), YEAR_2025).content.decode()
