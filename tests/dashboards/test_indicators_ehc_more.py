"""The stage, advice, demand, review, caseload and disagreement indicators against the hand-computed records in
conftest.py (`cases` and `more_cases`), through the pages and CSV downloads.

Expected figures for calendar year 2025 (Testshire only; the other council's C11 never counts), worked out by hand:

Stage durations (initial requests only), days, percentile as PostgreSQL's percentile_cont (interpolated):
| Stage | Cases completing it in 2025 (days) | n | Median | 90th percentile |
|---|---|---|---|---|
| Request to decision | C4 28, C1 35, C7 35, C10 35, C2 42, C9 42, C3 49, C8 49 | 8 | (35+42)/2 = 38.5 | 49.0 |
| Decision to draft | C2 70, C3 70, C1 77, C4 91 (not C15's amendment notice) | 4 | 73.5 | 77 + 0.7*14 = 86.8 |
| Request to final plan | C1 133, C2 140, C3 147, C4 154, C5 399 | 5 | 147.0 | 154 + 0.6*245 = 301.0 |
In 2024: decision 2 cases (C5, C15, both 35); final plan C15 133, C16 147 -> median 140.0, 90th 145.6.

Advice sent in 2025 (within 6 weeks = 42 days of the request):
| Partner | Sent | Within | % | Overdue and unsent at 31 Dec (open cases) |
|---|---|---|---|---|
| Health | C1 35, C2 49, C3 35, C4 42, C7 56, C8 35 | 4 of 6 | 66.7 | C10 -> 1 |
| Educational psychology | C1, C2, C3, C4, C7, C8, C10, C12 (re-assessment) all <= 42 | 8 of 8 | 100.0 | 0 |
| Social care | C3 63, C8 35 | 1 of 2 | 50.0 | C10 -> 1 (C7's is on a case closed 12 May) |
| Education | C1 28, C2 28, C3 28, C4 42, C8 42 | 5 of 5 | 100.0 | C10 -> 1 |
| All | | 18 of 21 | 85.7 | 3 |
At 30 April 2025 the overdue advice was social care for C3 (sent 12 May) and C7 (case open until 12 May): 2.

Demand: of the 8 requests received in 2025, 7 were decided in favour of assessing (not C9: 87.5%) and 4 have a
plan (C1 to C4: 50.0%). Plans in force on 31 December (C13 ceased 31 March 2025, C14 moved away 15 October 2025,
C5 replaced 7 July 2025; C6 arrived 1 September 2025):
| Year end | Plans in force | Per 10,000 (population 40,000 in 2025 only) |
|---|---|---|
| 2022 | C13 = 1 | no estimate |
| 2023 | C13, C14, C17, C18 = 4 | no estimate |
| 2024 | + C15, C16 = 6 | no estimate |
| 2025 | C1, C2, C3, C4, C6, C12, C15, C16, C17, C18 = 10 | 10 / 40,000 * 10,000 = 2.5 |
The 10 at the end of 2025 by need: ASD 2 (C1, C3), SEMH 2 (C2, C15), MLD 2 (C12, C16), SLCN 1, PD 1, SPLD 1, not
recorded 1 (C6); by age on 31 December 2025: 0-4 1 (C1), 5-10 4 (C2, C12, C16, C18), 11-15 3 (C3, C6, C15), 16-19 2
(C4, C17); by setting: mainstream (school A) 4, special (school B) 4, AP (Gamma PRU) 1, none 1 (C17); by district:
North 5, South 4, none 1.

Reviews: due in 2025 C14, C15, C16, C17 (2nd), C18 (2nd); held by the due date C14, C15, C18 -> 3 of 5 = 60.0%.
Decisions in 2025: C14 21 days, C15 35, C18 14 -> 2 of 3 within 4 weeks = 66.7%. Amended plans in 2025: C15
(meeting 20 June + 12 weeks = 12 September; issued 29 September: late), C18 (issued 24 November; due by 1 December
from the notice and 15 December from the meeting) -> 1 of 2 = 50.0%. Overdue on 31 December 2025: C16 (child B,
9: 5-10) and C17 (19: 16-19).

Personal budgets agreed in 2025: direct payment 3 (C1, C3, C12), arrangement 1 (C2), third party 1 (C4) = 5.
Mediation and appeals in 2025: mediation adviser contacted 3 (C9, C7, C3); mediations held 2 (C7 not agreed, C3
agreed; C9 did not want one); appeals registered 3 (C9, C7, C2); appeals ended 1 (C9).
Appealable decisions in 2025: not to assess 1 (C9), not to issue 2 (C7, C8), final plans issued 9 (C1, C2 twice, C3,
C4, C5, C12, C15's amended, C18's amended; not the transfer C6), not to amend after review 1 (C14), cease 1 (C13) =
14; appeals 3 -> 21.4%. In 2024: plans C15, C16, C18's first amended, and C17's decision not to amend = 4, no appeals.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards import indicators, periods, selectors
from dashboards.indicators import SUPPRESSED, Row, suppress
from send_portal.core.access_policy import rule_for
from send_portal.organisations.models import Organisation
from tests.conftest import ROLE_NAMES
from tests.dashboards.conftest import add_cases, forget_stored_figures

YEAR_2025 = {"period_type": "calendar_year", "period": "2025"}
# Every indicator costs a query or a few when counted (a calendar year also looks up the England figure and the
# statistical neighbours' average); the page must not cost more as cases are added.
HOME_QUERY_CEILING = 82


def _csv(client, slug, query=None):
    response = client.get(reverse("dashboards_indicator_csv", args=[slug]), query or YEAR_2025)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].startswith(f'attachment; filename="{slug}-')
    return list(csv.reader(io.StringIO(response.content.decode())))


# --- Each indicator as computed by hand (a council manager sees every figure) --------------------------------

# (indicator, the CSV's header, the rows for calendar year 2025: the last row of a trend, or every row)
EXPECTED_2025 = [
    ("ehc-days-to-decide-whether-to-assess", ["Period", "Decisions made", "Median", "90th percentile", "England"],
     [["2025", "8", "38.5", "49.0", ""]]),
    ("ehc-days-from-decision-to-draft-plan", ["Period", "Draft plans sent", "Median", "90th percentile", "England"],
     [["2025", "4", "73.5", "86.8", ""]]),
    ("ehc-days-to-final-plan", ["Period", "New plans issued", "Median", "90th percentile", "England"],
     [["2025", "5", "147.0", "301.0", ""]]),
    ("ehc-advice-within-6-weeks", ["Partner", "Sent within 6 weeks", "Advice sent", "Percentage", "England"],
     [["Health", "4", "6", "66.7", ""], ["Educational psychology", "8", "8", "100.0", ""],
      ["Social care", "1", "2", "50.0", ""], ["Education", "5", "5", "100.0", ""],
      ["All four kinds of advice", "18", "21", "85.7", ""]]),
    ("ehc-advice-overdue", ["Partner", "Overdue", "Count", "England"],
     [["Health", "1", "1", ""], ["Educational psychology", "0", "0", ""], ["Social care", "1", "1", ""],
      ["Education", "1", "1", ""], ["All four kinds of advice", "3", "3", ""]]),
    ("ehc-conversion", ["What happened", "Requests", "Requests received", "Percentage", "England"],
     [["Decided to assess", "7", "8", "87.5", ""], ["Plan issued", "4", "8", "50.0", ""]]),
    ("ehc-caseload", ["Period", "Plans in force", "Count", "England"],
     [["2020", "0", "0", ""], ["2021", "0", "0", ""], ["2022", "1", "1", ""], ["2023", "4", "4", ""],
      ["2024", "6", "6", ""], ["2025", "10", "10", ""]]),
    ("ehc-plans-per-10000",
     ["Period", "Plans in force", "Population aged 0 to 25", "Per 10,000", "England", "Note"],
     [["2024", "6", "", "", "", "No population estimate for 2024"], ["2025", "10", "40000", "2.5", "", ""]]),
    ("ehc-reviews-held-by-due-date", ["Period", "Held by the due date", "Reviews due", "Percentage", "England"],
     [["2024", "2", "2", "100.0", ""], ["2025", "3", "5", "60.0", ""]]),
    ("ehc-review-decisions-4-weeks", ["Period", "Decided within 4 weeks", "Decisions made", "Percentage", "England"],
     [["2024", "2", "2", "100.0", ""], ["2025", "2", "3", "66.7", ""]]),
    ("ehc-amended-plans-in-time", ["Period", "Issued in time", "Amended plans issued", "Percentage", "England"],
     [["2024", "1", "1", "100.0", ""], ["2025", "1", "2", "50.0", ""]]),
    ("ehc-reviews-overdue-by-age", ["Age group", "Overdue reviews", "Count", "England"],
     [["0 to 4", "0", "0", ""], ["5 to 10", "1", "1", ""], ["11 to 15", "0", "0", ""], ["16 to 19", "1", "1", ""],
      ["20 to 25", "0", "0", ""], ["All overdue reviews", "2", "2", ""]]),
    ("ehc-caseload-by-need", ["Primary need", "Plans in force", "Count", "England"],
     [["Specific learning difficulty", "1", "1", ""], ["Moderate learning difficulty", "2", "2", ""],
      ["Severe learning difficulty", "0", "0", ""], ["Profound and multiple learning difficulty", "0", "0", ""],
      ["Social, emotional and mental health", "2", "2", ""],
      ["Speech, language and communication needs", "1", "1", ""], ["Hearing impairment", "0", "0", ""],
      ["Visual impairment", "0", "0", ""], ["Multi-sensory impairment", "0", "0", ""],
      ["Physical disability", "1", "1", ""], ["Autistic spectrum disorder", "2", "2", ""],
      ["Other difficulty or disability", "0", "0", ""], ["Not recorded", "1", "1", ""],
      ["All plans in force", "10", "10", ""]]),
    ("ehc-caseload-by-age", ["Age group", "Plans in force", "Count", "England"],
     [["0 to 4", "1", "1", ""], ["5 to 10", "4", "4", ""], ["11 to 15", "3", "3", ""], ["16 to 19", "2", "2", ""],
      ["20 to 25", "0", "0", ""], ["All plans in force", "10", "10", ""]]),
    ("ehc-caseload-by-setting", ["Type of setting", "Plans in force", "Count", "England"],
     [["Mainstream school or college", "4", "4", ""], ["Special school", "4", "4", ""],
      ["Independent school or specialist college", "0", "0", ""],
      ["Alternative provision or pupil referral unit (PRU)", "1", "1", ""],
      ["No school or setting recorded", "1", "1", ""], ["All plans in force", "10", "10", ""]]),
    ("ehc-caseload-by-district", ["District", "Plans in force", "Count", "England"],
     [["North", "5", "5", ""], ["South", "4", "4", ""], ["No district recorded", "1", "1", ""],
      ["All plans in force", "10", "10", ""]]),
    ("ehc-personal-budgets", ["How it is held", "Personal budgets agreed", "Count", "England"],
     [["Direct payment to the family or young person", "3", "3", ""],
      ["Arrangement: the council or setting holds the money and the family directs it", "1", "1", ""],
      ["Third-party arrangement: another organisation holds the money", "1", "1", ""],
      ["All personal budgets agreed", "5", "5", ""]]),
    ("ehc-mediation-and-appeals", ["Step", "Number", "Count", "England"],
     [["Families who contacted a mediation adviser", "3", "3", ""], ["Mediations held", "2", "2", ""],
      ["Appeals registered with the tribunal", "3", "3", ""],
      ["Appeals that ended (decided, withdrawn or conceded)", "1", "1", ""]]),
    ("ehc-tribunal-appeal-rate", ["Period", "Appeals registered", "Appealable decisions", "Percentage", "England"],
     [["2024", "0", "4", "0.0", ""], ["2025", "3", "14", "21.4", ""]]),
]


@pytest.mark.parametrize(("slug", "header", "expected"), EXPECTED_2025, ids=[slug for slug, _, _ in EXPECTED_2025])
def test_each_indicator_for_2025_as_computed_by_hand(world, more_cases, client_for, slug, header, expected):
    rows = _csv(client_for("manager"), slug)
    assert rows[0] == header
    assert rows[-len(expected):] == expected


def test_the_stage_trends_as_computed_by_hand(world, more_cases, client_for):
    client = client_for("manager")
    rows = _csv(client, "ehc-days-to-final-plan")
    assert [row[:4] for row in rows[1:]] == [
        ["2020", "0", "", ""], ["2021", "0", "", ""], ["2022", "1", "142.0", "142.0"],
        ["2023", "3", "133.0", "133.0"], ["2024", "2", "140.0", "145.6"], ["2025", "5", "147.0", "301.0"]]
    assert _csv(client, "ehc-days-to-decide-whether-to-assess")[-2][:4] == ["2024", "2", "35.0", "35.0"]
    assert _csv(client, "ehc-days-from-decision-to-draft-plan")[-2][:4] == ["2024", "1", "294.0", "294.0"]


def test_advice_overdue_is_counted_as_it_stood_at_the_end_of_the_period(world, more_cases, client_for):
    rows = _csv(client_for("manager"), "ehc-advice-overdue", {"period_type": "month", "period": "2025-04"})
    assert [row[:2] for row in rows[1:]] == [["Health", "0"], ["Educational psychology", "0"], ["Social care", "2"],
                                             ["Education", "0"], ["All four kinds of advice", "2"]]


def test_the_other_councils_records_never_count(world, more_cases, client_for):
    client = client_for("other_caseworker")
    # C11: one plan issued, health advice sent after 63 days, an appeal registered, and 10,000 people.
    assert _csv(client, "ehc-advice-within-6-weeks")[1][:4] == ["Health", "0", "1", "0.0"]
    assert _csv(client, "ehc-plans-per-10000")[-1][:4] == ["2025", "1", "10000", "1.0"]
    assert _csv(client, "ehc-tribunal-appeal-rate")[-1][:4] == ["2025", "1", "1", "100.0"]
    assert _csv(client, "ehc-caseload-by-need")[-1][:2] == ["All plans in force", "1"]


def test_phase_transfer_deadlines_come_from_the_regulations():
    from dashboards.selectors import _phase_transfers_in

    moves = _phase_transfers_in(periods.parse(periods.CALENDAR_YEAR, "2026"))
    # Early years to school, infant to junior and primary to secondary by 15 February; into post-16 by 31 March.
    assert [(move.transfer.kind, move.transfer.deadline) for move in moves] == [
        ("early_years_to_school", dt.date(2026, 2, 15)), ("infant_to_junior", dt.date(2026, 2, 15)),
        ("primary_to_secondary", dt.date(2026, 2, 15)), ("secondary_to_post16", dt.date(2026, 3, 31))]
    assert _phase_transfers_in(periods.parse(periods.MONTH, "2026-04")) == []


def test_phase_transfers_named_in_time(world, more_cases, client_for):
    """Mia (mid_n, born 1 March 2015) is in Year 6 in 2025 to 2026, so both her plans in force, C2 and C12, need the
    secondary school named by 15 February 2026. C12 is amended after a review on 12 January 2026 naming school B;
    C2 is not: 1 of 2, 50.0%. Nobody else in the fixture moves in 2026 with a plan in force on the deadline."""
    from ehc.models import AnnualReview, PlanVersion

    c12 = more_cases[12]
    PlanVersion.objects.filter(case=c12, number=1).update(status="superseded")
    notice = PlanVersion.objects.create(case=c12, number=2, status="superseded", served_on=dt.date(2025, 11, 24))
    amended = PlanVersion.objects.create(case=c12, number=3, status="final", issued_on=dt.date(2026, 1, 12),
                                         placement=world.school_b)
    AnnualReview.objects.create(case=c12, number=1, reason="phase_transfer", due_on=dt.date(2026, 7, 7),
                                status="complete", meeting_on=dt.date(2025, 11, 10),
                                invitations_sent_on=dt.date(2025, 10, 20), decision="amend",
                                decision_on=dt.date(2025, 11, 24), amendment=notice, amended_plan=amended,
                                completed_on=dt.date(2026, 1, 12))
    client = client_for("manager")
    slug = "ehc-phase-transfers-named-in-time"
    rows = _csv(client, slug, {"period_type": "calendar_year", "period": "2026"})
    assert rows == [
        ["Move and deadline", "Named in time", "Plans of children moving", "Percentage", "England"],
        ["Early years to school (by 15 February 2026)", "0", "0", "", ""],
        ["Infant to junior school (by 15 February 2026)", "0", "0", "", ""],
        ["Primary to secondary school (by 15 February 2026)", "1", "2", "50.0", ""],
        ["Secondary school to post-16 (by 31 March 2026)", "0", "0", "", ""],
        ["All moves", "1", "2", "50.0", ""]]
    assert _csv(client, slug, {"period_type": "month", "period": "2026-04"})[1:] == [["All moves", "0", "0", "", ""]]
    # Yan (born June 2021) started school in September 2025, but C1's plan was issued after 15 February 2025.
    assert _csv(client, slug)[-1][:3] == ["All moves", "0", "0"]
    lead = _csv(client_for("lead"), slug, {"period_type": "calendar_year", "period": "2026"})
    assert lead[3][1:4] == lead[5][1:4] == ["c", "c", "c"]


# --- Suppression for partnership leads --------------------------------------------------------------------------

LEAD_2025 = [
    # A median over 8 cases is shown; over 2 or 4 it is hidden, with the count and the 90th percentile.
    ("ehc-days-to-decide-whether-to-assess", -1, ["2025", "8", "38.5", "49.0"]),
    ("ehc-days-to-decide-whether-to-assess", -2, ["2024", "c", "c", "c"]),
    ("ehc-days-from-decision-to-draft-plan", -1, ["2025", "c", "c", "c"]),
    ("ehc-days-to-final-plan", -1, ["2025", "5", "147.0", "301.0"]),
    # Health (2 late) and social care (1 of 2) are hidden; so is the total (3 late).
    ("ehc-advice-within-6-weeks", 1, ["Health", "c", "c", "c"]),
    ("ehc-advice-within-6-weeks", 2, ["Educational psychology", "8", "8", "100.0"]),
    ("ehc-advice-within-6-weeks", 3, ["Social care", "c", "c", "c"]),
    ("ehc-advice-within-6-weeks", 4, ["Education", "5", "5", "100.0"]),
    ("ehc-advice-within-6-weeks", 5, ["All four kinds of advice", "c", "c", "c"]),
    ("ehc-advice-overdue", 2, ["Educational psychology", "0", "0"]),
    ("ehc-advice-overdue", 5, ["All four kinds of advice", "c", "c"]),
    ("ehc-conversion", 1, ["Decided to assess", "c", "c", "c"]),  # 1 request not assessed
    ("ehc-caseload", -1, ["2025", "10", "10"]),
    ("ehc-caseload", -3, ["2023", "c", "c"]),
    ("ehc-plans-per-10000", -1, ["2025", "10", "40000", "2.5"]),
    ("ehc-reviews-held-by-due-date", -1, ["2025", "c", "c", "c"]),
    ("ehc-reviews-overdue-by-age", 6, ["All overdue reviews", "c", "c"]),
    ("ehc-caseload-by-district", 1, ["North", "5", "5"]),
    ("ehc-caseload-by-district", 2, ["South", "c", "c"]),
    ("ehc-caseload-by-district", 3, ["No district recorded", "c", "c"]),
    ("ehc-caseload-by-district", 4, ["All plans in force", "10", "10"]),
    ("ehc-personal-budgets", 1, ["Direct payment to the family or young person", "c", "c"]),
    ("ehc-personal-budgets", 4, ["All personal budgets agreed", "5", "5"]),
    ("ehc-mediation-and-appeals", 3, ["Appeals registered with the tribunal", "c", "c"]),
    ("ehc-tribunal-appeal-rate", -1, ["2025", "c", "c", "c"]),
    ("ehc-tribunal-appeal-rate", -2, ["2024", "c", "c", "c"]),  # 4 appealable decisions
]


@pytest.mark.parametrize(("slug", "index", "expected"), LEAD_2025)
def test_partnership_lead_sees_small_counts_suppressed(world, more_cases, client_for, slug, index, expected):
    rows = _csv(client_for("lead"), slug)
    assert rows[index][:len(expected)] == expected


def test_partnership_lead_pages_hide_small_figures(world, more_cases, client_for):
    client = client_for("lead")
    page = client.get(reverse("dashboards_indicator", args=["ehc-days-from-decision-to-draft-plan"]), YEAR_2025)
    body = page.content.decode()
    assert page.status_code == 200
    assert "fewer than 5" in body and "73.5 days" not in body and "86.8 days" not in body
    home = client.get(reverse("dashboards_home"), YEAR_2025).content.decode()
    assert 'id="ehc-days-from-decision-to-draft-plan-headline">fewer than 5' in home
    assert 'id="ehc-days-to-decide-whether-to-assess-headline">38.5 days' in home
    assert 'id="ehc-plans-per-10000-headline">2.5 per 10,000' in home


def test_the_suppression_rule_for_percentages_that_are_parts_of_a_whole():
    # Social care alone is hidden, so the next smallest part by its denominator (health) goes too, with its
    # denominator: otherwise social care's could be worked out from the total.
    rows = [Row("Health", 8, 10, Decimal("80.0")), Row("Social care", 3, 4, Decimal("75.0")),
            Row("Education", 20, 25, Decimal("80.0")), Row("All", 31, 39, Decimal("79.5"), is_total=True)]
    shown = suppress(rows, additive=True)
    assert [(row.numerator, row.denominator) for row in shown] == [
        (SUPPRESSED, SUPPRESSED), (SUPPRESSED, SUPPRESSED), (20, 25), (31, 39)]


def test_a_median_over_few_cases_is_suppressed_with_its_percentile():
    rows = suppress([Row("2025", 4, None, Decimal("3.0"), upper=Decimal("4.0")),
                     Row("2024", 5, None, Decimal("3.0"), upper=Decimal("4.0"))])
    assert (rows[0].numerator, rows[0].value, rows[0].upper) == (SUPPRESSED, SUPPRESSED, SUPPRESSED)
    # A median of 3 days over 5 cases is not a small count, so it is shown.
    assert (rows[1].numerator, rows[1].value, rows[1].upper) == (5, Decimal("3.0"), Decimal("4.0"))


# --- Filters ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("setting", "total"), [
    ("mainstream", 3),  # C1, C9 (young_n) and C2 (mid_n) at school A
    ("special", 4),  # C3, C8 (teen_s) and C4, C10 (old_s) at school B
    ("independent", 0),
    ("ap", 0),  # C15 at Gamma PRU was received in 2024
])
def test_setting_filter_on_requests_in_2025(world, more_cases, client_for, setting, total):
    rows = _csv(client_for("manager"), "ehc-requests-by-source", {**YEAR_2025, "setting": setting})
    assert rows[-1][:2] == ["All requests", str(total)]


def test_setting_filter_on_the_caseload(world, more_cases, client_for):
    client = client_for("manager")
    # At school B: C3 (ASD), C4 (SLCN), C6 (not recorded) and C16 (MLD).
    rows = _csv(client, "ehc-caseload-by-need", {**YEAR_2025, "setting": "special"})
    assert [row[:2] for row in rows[1:] if row[1] != "0"] == [
        ["Moderate learning difficulty", "1"], ["Speech, language and communication needs", "1"],
        ["Autistic spectrum disorder", "1"], ["Not recorded", "1"], ["All plans in force", "4"]]
    rows = _csv(client, "ehc-caseload-by-setting", {**YEAR_2025, "setting": "ap"})
    assert [row[:2] for row in rows[1:] if row[1] != "0"] == [
        ["Alternative provision or pupil referral unit (PRU)", "1"], ["All plans in force", "1"]]
    # The population is the whole area's, so a rate for one kind of setting still makes sense: 4 per 40,000.
    assert _csv(client, "ehc-plans-per-10000", {**YEAR_2025, "setting": "special"})[-1][:4] == [
        "2025", "4", "40000", "1.0"]


@pytest.mark.parametrize("period_type", ["quarter", "academic_year", "calendar_year", "month", "rolling_12"])
def test_the_period_running_now_can_be_chosen_from_the_list(world, client_for, period_type):
    from dashboards.forms import DashboardFilterForm

    today = dt.date.today()
    running = periods.current(period_type, today)
    form = DashboardFilterForm({"period_type": period_type}, councils=Organisation.objects.none())
    assert (running.key, running.label) in form.fields["period"].widget.choices
    response = client_for("manager").get(reverse("dashboards_home"),
                                         {"period_type": period_type, "period": running.key})
    assert response.status_code == 200


def test_plans_per_10000_is_not_worked_out_for_a_district(world, more_cases, client_for):
    rows = _csv(client_for("manager"), "ehc-plans-per-10000", {**YEAR_2025, "district": "north"})
    assert rows[-1][:4] == ["2025", "5", "", ""]
    assert rows[-1][-1].startswith("Not worked out for one district, age group or team")


def test_a_filtered_view_is_not_compared_with_england(world, more_cases, client_for):
    assert not indicators.compares_with_england(
        selectors.Filters(periods.parse(periods.CALENDAR_YEAR, "2025"), setting="special"))


@pytest.mark.parametrize("query", [{"setting": "castle"}, {"setting": "Special"}])
def test_a_bad_setting_gets_the_error_summary_and_400(world, client_for, query):
    client = client_for("manager")
    for name in ("dashboards_home", "dashboards_indicator"):
        args = [] if name == "dashboards_home" else ["ehc-caseload-by-setting"]
        response = client.get(reverse(name, args=args), query)
        assert response.status_code == 400
        body = response.content.decode()
        assert "govuk-error-summary" in body and "Select a type of setting from the list" in body
    assert client.get(reverse("dashboards_indicator_csv", args=["ehc-caseload-by-setting"]),
                      query).status_code == 400


# --- Pages and downloads ------------------------------------------------------------------------------------------

def test_csv_download_of_a_stage_duration(world, more_cases, client_for):
    response = client_for("manager").get(reverse("dashboards_indicator_csv", args=["ehc-days-to-final-plan"]),
                                         YEAR_2025)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="ehc-days-to-final-plan-calendar_year-2025.csv"')
    assert response.content.decode().splitlines() == [
        "Period,New plans issued,Median,90th percentile,England", "2020,0,,,", "2021,0,,,", "2022,1,142.0,142.0,",
        "2023,3,133.0,133.0,", "2024,2,140.0,145.6,", "2025,5,147.0,301.0,"]


def test_indicator_page_shows_the_median_and_90th_percentile(world, more_cases, client_for):
    response = client_for("manager").get(
        reverse("dashboards_indicator", args=["ehc-days-to-decide-whether-to-assess"]), YEAR_2025)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="local-figure">38.5 days' in body
    assert ">Median</th>" in body and ">90th percentile</th>" in body and ">49 days</td>" in body
    assert "role=\"img\"" in body and ' style="' not in body.split("<main", 1)[1]
    assert "About this indicator" in body and "42 days" in body


def test_rate_page_says_plainly_when_there_is_no_population_estimate(world, more_cases, client_for):
    body = client_for("manager").get(reverse("dashboards_indicator", args=["ehc-plans-per-10000"]),
                                     YEAR_2025).content.decode()
    assert 'id="local-figure">2.5 per 10,000' in body
    assert "No population estimate for 2024" in body


def test_home_page_shows_every_new_headline(world, more_cases, client_for):
    body = client_for("manager").get(reverse("dashboards_home"), YEAR_2025).content.decode()
    assert body.count('role="img"') == 5  # the timeliness charts only
    for slug, figure in [("ehc-days-to-decide-whether-to-assess", "38.5 days"),
                         ("ehc-days-to-final-plan", "147 days"), ("ehc-advice-within-6-weeks", "85.7%"),
                         ("ehc-advice-overdue", "3"), ("ehc-conversion", "50.0%"), ("ehc-caseload", "10"),
                         ("ehc-reviews-held-by-due-date", "60.0%"), ("ehc-caseload-by-setting", "10"),
                         ("ehc-personal-budgets", "5"), ("ehc-tribunal-appeal-rate", "21.4%")]:
        assert f'id="{slug}-headline">{figure}<' in body


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_who_may_open_a_new_indicator(world, client_for, role):
    client = client_for(role)
    page = client.get(reverse("dashboards_indicator", args=["ehc-caseload-by-setting"]))
    download = client.get(reverse("dashboards_indicator_csv", args=["ehc-caseload-by-setting"]))
    expected = {"anonymous": 302, "lead": 200, "manager": 200, "caseworker": 200, "other_caseworker": 200,
                "admin": 200}.get(role, 403)
    assert (page.status_code, download.status_code) == (expected, expected)


# --- The theme pages (reachable once the access policy names them) -----------------------------------------------

needs_theme_policy = pytest.mark.skipif(rule_for("dashboards_theme") is None,
                                        reason="dashboards_theme is not in the access policy yet")


@needs_theme_policy
def test_theme_page_shows_each_indicators_chart_and_figures(world, more_cases, client_for):
    response = client_for("manager").get(reverse("dashboards_theme", args=["reviews"]), YEAR_2025)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('role="img"') == 5  # held, decisions, amended plans, phase transfers, overdue
    assert 'id="ehc-reviews-held-by-due-date-headline">60.0%' in body
    assert ' style="' not in body.split("<main", 1)[1]


@needs_theme_policy
def test_theme_page_for_a_lead_is_suppressed(world, more_cases, client_for):
    body = client_for("lead").get(reverse("dashboards_theme", args=["timeliness"]), YEAR_2025).content.decode()
    assert 'id="ehc-days-from-decision-to-draft-plan-headline">fewer than 5' in body
    assert "73.5 days" not in body


@needs_theme_policy
@pytest.mark.parametrize("role", ROLE_NAMES)
def test_who_may_open_a_theme_page(world, client_for, role):
    response = client_for(role).get(reverse("dashboards_theme", args=["caseload"]))
    expected = {"anonymous": 302, "lead": 200, "manager": 200, "caseworker": 200, "other_caseworker": 200,
                "admin": 200}.get(role, 403)
    assert response.status_code == expected


@needs_theme_policy
def test_theme_page_errors(world, client_for):
    client = client_for("manager")
    assert client.get(reverse("dashboards_theme", args=["no-such-theme"])).status_code == 404
    assert client.get(reverse("dashboards_theme", args=["advice"]), {"setting": "castle"}).status_code == 400


# --- Counting in the database -------------------------------------------------------------------------------------

def test_percentiles_interpolate_as_percentile_cont_does():
    from dashboards.selectors import _percentile_of

    values = [(28, 1), (35, 3), (42, 2), (49, 2)]
    assert _percentile_of(values, 0.5) == 38.5
    assert _percentile_of(values, 0.9) == 49.0
    assert _percentile_of([(133, 1), (147, 1)], 0.9) == pytest.approx(145.6)
    assert _percentile_of([(7, 1)], 0.9) == 7
    assert _percentile_of([], 0.5) is None


@pytest.mark.postgres
def test_postgresql_works_out_the_same_percentiles_itself(world, more_cases):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    from dashboards.selectors import DaysBetween, _in, _new_plans, _percentiles_from_counts, _percentiles_in_database

    filters = selectors.Filters(periods.parse(periods.CALENDAR_YEAR, "2025"))
    series = periods.previous(filters.period, 6)
    cases = _new_plans(selectors.councils_for(world.manager), filters).annotate(
        days=DaysBetween("first_issued_on", "received_on"))
    spans = [_in("first_issued_on", filters, period) for period in series]
    with CaptureQueriesContext(connection) as queries:
        in_database = _percentiles_in_database(cases, spans)
    assert len(queries) == 1 and "PERCENTILE_CONT" in queries[0]["sql"]
    assert in_database == _percentiles_from_counts(cases, spans)
    assert in_database[-1] == (5, Decimal("147.0"), Decimal("301.0"))


def _query_counts(world):
    councils = selectors.councils_for(world.manager)
    filters = selectors.Filters(periods.parse(periods.CALENDAR_YEAR, "2025"))
    counts = {}
    for indicator in indicators.MORE_INDICATORS:
        with CaptureQueriesContext(connection) as queries:
            indicators.result_for(indicator, councils, filters, suppressed=False)
        counts[indicator.slug] = len(queries)
    return counts


def test_each_indicator_counts_in_a_fixed_number_of_queries(world, more_cases):
    few = _query_counts(world)
    add_cases(world, 30)
    assert _query_counts(world) == few
    # One query each, except: the rate (plans, population, councils) and the appeal rate (one per kind of record).
    assert {slug: count for slug, count in few.items() if count != 1} == {
        "ehc-plans-per-10000": 3, "ehc-tribunal-appeal-rate": 7}


def test_home_page_query_count_is_the_same_at_10_and_100_cases(world, client_for, django_assert_max_num_queries):
    client = client_for("manager")
    url = reverse("dashboards_home")
    client.get(url, YEAR_2025)  # warm caches (session, content types)
    add_cases(world, 10, received=dt.date(2025, 3, 3))
    forget_stored_figures()  # count afresh: the counting is what must not grow
    with django_assert_max_num_queries(HOME_QUERY_CEILING), CaptureQueriesContext(connection) as ten:
        assert client.get(url, YEAR_2025).status_code == 200
    add_cases(world, 90, received=dt.date(2025, 3, 3))
    forget_stored_figures()
    with django_assert_max_num_queries(HOME_QUERY_CEILING), CaptureQueriesContext(connection) as hundred:
        response = client.get(url, YEAR_2025)
    assert len(hundred) == len(ten)
    assert 'id="ehc-days-to-final-plan-headline">133 days' in response.content.decode()  # all 19 weeks
