"""The alternative provision (AP) and Local Offer indicators against a hand-computed fixture, through the pages and
CSV downloads. Built through the services where they accept past dates, and the ORM where they do not.

Testshire's AP, calendar year 2025 (a placement counts when running on any day of the year):

| Placement | Pupil | Provider (registration) | Lot | Tier | Runs | Outcome | Sessions attended / expected |
|---|---|---|---|---|---|---|---|
| A1 | p1 | Forest School CIC (unregistered) | Key stages 3 and 4 | 2 | 2025-01-06 to 03-28 | reintegrated | 9 / 10 |
| A2 | p2 | Forest School CIC | Key stages 3 and 4 | 2 | from 2025-02-03 | | 6 / 8 (2 not expected) |
| A3 | p3 | Bridge Academy (registered) | Key stages 3 and 4 | 3 | 2024-09-02 to 2025-07-18 | special school | 2024 |
| A4 | p4 | Bridge Academy | Tuition and online | 3 | from 2025-04-01 | | 4 / 4 |
| A5 | p5 | Tutor Hub (unregistered) | Tuition and online | 1 | from 2025-05-01 | | 2 / 2 |
| A6 | p6 | "Riverside Farm Project" typed, unregistered | direct | 2 | from 2025-09-01 | | 3 / 6 |
| A7 | p7 | "  Riverside Farm Project " typed, unregistered | direct | 2 | 2025-10-01 to 11-14 | continuing | |
| A8 | p8 | Forest School CIC | direct | 2 | 2023-01-09 to 2024-07-19 | reintegrated (2024) | |
| A9 | Otherton's child | Otherton Provision | Otherton lot | 2 | from 2025-01-06 | | 4 / 4: never counted |

So 2025: tiers 1 / 4 / 2 (7); lots 3 / 2 / direct 2; providers Bridge Academy 2, Forest School CIC 2, Riverside
Farm Project 2, Tutor Hub 1; registered 2, not 5; ended 1 reintegrated, 1 continuing, 1 special school; sessions
24 attended of 30 expected (80.0%) by 5 pupils; 2024: 2 of 2 (A3, marked twice in October 2024) by 1 pupil.

Exclusions (no council holidays, so school days are weekdays that are not bank holidays):

| Exclusion | Pupil | Kind | First day | Sixth school day | Full-time education | Counted in 2025 |
|---|---|---|---|---|---|---|
| E1 | p1 | permanent | 2025-01-06 | 2025-01-13 | 2025-01-13 | met |
| E2 | p2 | permanent | 2025-03-03 | 2025-03-10 | 2025-03-12 | missed |
| E3 | p3 | suspension, 6 days | 2025-05-06 | 2025-05-13 (5 May a bank holiday) | 2025-05-13 | met |
| E4 | p4 | suspension, 3 days | 2025-06-02 | none: no duty | | no |
| E5 | p5 | permanent | 2025-06-02 | 2025-06-09 | none | missed |
| E6 | p6 | permanent | 2024-11-04 | 2024-11-11 | 2024-11-11 | in 2024 (1 of 1) |
| E7 | Otherton's child | permanent | 2025-02-03 | 2025-02-10 | 2025-02-10 | never counted |

So 2025: 2 of 4 duties met (50.0%).

Providers today: Forest School CIC (approved, insurance lapsed), Bridge Academy (approved, insurance lapsed but
renewed), Tutor Hub (suspended, insurance and staff checks lapsed), Gone Ltd (removed, lapsed: not on the list),
Otherton Provision (the other council's list, lapsed: never counted): 2 of 3 with lapsed evidence, insurance 2,
staff checks 1.

The Local Offer (area-wide):

| Listing | Categories | State | Counted |
|---|---|---|---|
| S1 Sensory play group | early years | published, review due next year | category |
| S2 Reading club | education, leisure | published, review due yesterday | categories, past review |
| S3 Short breaks | social care | hidden: not reviewed in time | past review |
| S4 Drop-in advice | none | published | uncategorised |
| S5 Northshire swim | early years | imported from another area, overdue | never |
| S6 Old club | education | withdrawn | never |

Searches that found nothing: 3 + 2 in February 2025 and 4 in November 2025 (9), 7 in 2024. Feedback in 2025:
F1 comment answered, F2 problem sorted without an answer, F3 comment not sorted, F4 about an individual case
(left out), F5 vexatious (left out), F6 "Was this useful?" (left out), F7 comment answered and published: 2 of 4
answered (50.0%); 2024: F8 answered, 1 of 1.
"""

import csv
import datetime as dt
import io
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from alt_provision.models import (
    ApprovedProvider,
    AttendanceMark,
    Evidence,
    Exclusion,
    Lot,
    Placement,
    PlacementRequirement,
)
from alt_provision.selectors import placements_of_councils_q
from alt_provision.services import exclusion_record, exclusion_record_provision, placement_end, placement_start
from dashboards import catalogue, indicators, periods, selectors, selectors_ap
from dashboards.indicators_ap import chart_label, safe_label
from local_offer.models import Feedback, ImportSource, Service, UnansweredSearch
from local_offer.services import feedback_submit, feedback_triage, unanswered_search_record
from send_portal.organisations.models import District, Organisation, OrganisationKind
from tests import factories
from tests.conftest import ROLE_NAMES
from tests.local_offer.listings import listing, term_ids, vocabularies

D = dt.date
YEAR_2025 = {"period_type": "calendar_year", "period": "2025"}
AP_SLUGS = ["ap-placements-by-tier", "ap-placements-by-lot", "ap-placements-by-provider",
            "ap-placements-by-registration", "ap-attendance", "ap-sixth-day", "ap-reintegration-outcomes",
            "ap-providers-lapsed-evidence"]
LO_SLUGS = ["local-offer-services-by-category", "local-offer-listings-past-review",
            "local-offer-zero-result-searches", "local-offer-feedback-answered"]
DASHBOARD_ROLES = {"lead", "manager", "caseworker", "other_caseworker", "admin"}
_sequence = itertools.count(1)


def _csv(client, slug, query=YEAR_2025):
    response = client.get(reverse("dashboards_indicator_csv", args=[slug]), query)
    assert response.status_code == 200, response.content[:500]
    return list(csv.reader(io.StringIO(response.content.decode())))


# --- Building the fixture ---------------------------------------------------------------------------------------

def _provider(name, *, status=ApprovedProvider.Status.ADMITTED, registered=False, lots=()):
    organisation = factories.OrganisationFactory(name=name, kind=OrganisationKind.PROVIDER)
    provider = ApprovedProvider.objects.create(
        organisation=organisation, status=status,
        registration=ApprovedProvider.Registration.REGISTERED_SCHOOL if registered
        else ApprovedProvider.Registration.UNREGISTERED, urn=f"{next(_sequence):07d}" if registered else "")
    provider.lots.set(lots)
    return provider


def _requirement(world, child, lot, *, commissioner, tier, start_on):
    return PlacementRequirement.objects.create(
        child=child, commissioner=commissioner, created_by=world.caseworker, lot=lot, needs_summary="Needs.",
        area="Castlebridge", start_on=start_on, hours_per_week=20, days="MO,TU,WE", objectives="Read.", tier=tier,
        reintegration_aim="Back to school.", budget=500, status=PlacementRequirement.Status.AWARDED,
        offers_by=start_on, award_reasons="Best offer.")


def _placement(world, child, *, starts_on, tier="2", provider=None, provider_name="", lot=None, commissioner=None,
               ended=None, outcome=""):
    commissioner = commissioner or child.current_setting
    requirement = _requirement(world, child, lot, commissioner=commissioner, tier=tier, start_on=starts_on) \
        if lot else None
    placement = placement_start(
        child=child, home_school=child.current_setting, commissioner=commissioner, created_by=world.caseworker,
        tier=tier, starts_on=starts_on, hours_per_week=20, days="MO,TU,WE,TH,FR", weekly_cost=500,
        objectives="Read a chapter book.", reintegration_plan="Mornings back.", named_contact="Pat",
        next_review_on=starts_on + dt.timedelta(weeks=6), provider=provider, provider_name=provider_name,
        requirement=requirement, provider_is_registered_school=False if provider is None else None)
    if ended:
        placement = placement_end(placement=placement, outcome=outcome, outcome_on=ended, ended_by=world.caseworker)
    return placement


def _marks(world, placement, first_day, marks):
    """Marks for morning then afternoon on each weekday from `first_day`, in order."""
    day, sessions = first_day, []
    while len(sessions) < len(marks):
        if day.weekday() < 5:
            sessions += [(day, "am"), (day, "pm")]
        day += dt.timedelta(days=1)
    AttendanceMark.objects.bulk_create(
        AttendanceMark(placement=placement, date=date, session=session, mark=mark, recorded_by=world.caseworker)
        for (date, session), mark in zip(sessions, marks, strict=False))


def _exclusion(world, child, kind, first_day, *, school_days=None, provision_on=None):
    exclusion = exclusion_record(child=child, kind=kind, first_day=first_day, school_days=school_days,
                                 recorded_by=world.caseworker)
    if provision_on:
        exclusion = exclusion_record_provision(exclusion=exclusion, starts_on=provision_on,
                                               details="Full time at the PRU.")
    return exclusion


def _evidence(world, provider, kind, expires_on):
    return Evidence.objects.create(provider=provider, kind=kind, summary="Cover.", valid_from=D(2020, 1, 1),
                                   expires_on=expires_on, uploaded_by=world.caseworker)


@pytest.fixture
def ap(world):
    north = District.objects.create(name="North", code="north")
    world.school_a.district = north
    world.school_a.save()
    council, other = world.council, world.other_council
    pupils = {n: factories.child(council=council, setting=world.school_a if n <= 4 else world.school_b,
                                 given_name=f"Pupil{n}", born=D(2011, 1, 1) if n % 2 else D(2016, 1, 1))
              for n in range(1, 9)}
    other_school = factories.school("Otherton High", "200001")
    otto = world.child_other
    otto.current_setting = other_school
    otto.save()
    lot_ks = Lot.objects.create(code="ks3-4", local_authority=council, name="Key stages 3 and 4", description=".",
                                position=1)
    lot_tuition = Lot.objects.create(code="tuition", local_authority=council, name="Tuition and online",
                                     description=".", position=2)
    lot_other = Lot.objects.create(code="otherton", local_authority=other, name="Otherton lot", description=".")
    forest = _provider("Forest School CIC", lots=[lot_ks])
    academy = _provider("Bridge Academy", registered=True, lots=[lot_ks, lot_tuition])
    tutor = _provider("Tutor Hub", status=ApprovedProvider.Status.SUSPENDED, lots=[lot_tuition])
    gone = _provider("Gone Ltd", status=ApprovedProvider.Status.REMOVED, lots=[lot_ks])
    otherton = _provider("Otherton Provision", registered=True, lots=[lot_other])

    p = pupils
    a = {}
    a[1] = _placement(world, p[1], starts_on=D(2025, 1, 6), provider=forest, lot=lot_ks, ended=D(2025, 3, 28),
                      outcome="reintegrated")
    a[2] = _placement(world, p[2], starts_on=D(2025, 2, 3), provider=forest, lot=lot_ks, commissioner=council)
    a[3] = _placement(world, p[3], starts_on=D(2024, 9, 2), tier="3", provider=academy, lot=lot_ks,
                      ended=D(2025, 7, 18), outcome="special_school")
    a[4] = _placement(world, p[4], starts_on=D(2025, 4, 1), tier="3", provider=academy, lot=lot_tuition)
    a[5] = _placement(world, p[5], starts_on=D(2025, 5, 1), tier="1", provider=tutor, lot=lot_tuition)
    a[6] = _placement(world, p[6], starts_on=D(2025, 9, 1), provider_name="Riverside Farm Project")
    a[7] = _placement(world, p[7], starts_on=D(2025, 10, 1), provider_name="  Riverside Farm Project ",
                      ended=D(2025, 11, 14), outcome="continuing")
    a[8] = _placement(world, p[8], starts_on=D(2023, 1, 9), provider=forest, ended=D(2024, 7, 19),
                      outcome="reintegrated")
    a[9] = _placement(world, otto, starts_on=D(2025, 1, 6), provider=otherton, lot=lot_other, commissioner=other)

    _marks(world, a[1], D(2025, 1, 6), ["present"] * 8 + ["late", "unauthorised"])
    _marks(world, a[2], D(2025, 2, 3), ["present"] * 6 + ["authorised"] * 2 + ["not_expected"] * 2)
    _marks(world, a[3], D(2024, 10, 1), ["present"] * 2)
    _marks(world, a[4], D(2025, 4, 1), ["present"] * 4)
    _marks(world, a[5], D(2025, 5, 1), ["present"] * 2)
    _marks(world, a[6], D(2025, 9, 1), ["present"] * 3 + ["unauthorised"] * 3)
    _marks(world, a[9], D(2025, 1, 6), ["present"] * 4)

    e = {}
    e[1] = _exclusion(world, p[1], "permanent", D(2025, 1, 6), provision_on=D(2025, 1, 13))
    e[2] = _exclusion(world, p[2], "permanent", D(2025, 3, 3), provision_on=D(2025, 3, 12))
    e[3] = _exclusion(world, p[3], "suspension", D(2025, 5, 6), school_days=6, provision_on=D(2025, 5, 13))
    e[4] = _exclusion(world, p[4], "suspension", D(2025, 6, 2), school_days=3)
    e[5] = _exclusion(world, p[5], "permanent", D(2025, 6, 2))
    e[6] = _exclusion(world, p[6], "permanent", D(2024, 11, 4), provision_on=D(2024, 11, 11))
    e[7] = _exclusion(world, otto, "permanent", D(2025, 2, 3), provision_on=D(2025, 2, 10))

    today = timezone.localdate()
    lapsed, in_date = today - dt.timedelta(days=10), today + dt.timedelta(days=200)
    _evidence(world, forest, "insurance", lapsed)
    _evidence(world, forest, "safeguarding_policy", in_date)
    old = _evidence(world, academy, "insurance", lapsed)
    old.superseded_by = _evidence(world, academy, "insurance", in_date)
    old.save()
    _evidence(world, tutor, "insurance", lapsed)
    _evidence(world, tutor, "staff_checks", lapsed)
    _evidence(world, gone, "insurance", lapsed)
    _evidence(world, otherton, "insurance", lapsed)
    return {"pupils": pupils, "placements": a, "exclusions": e, "lots": (lot_ks, lot_tuition),
            "providers": (forest, academy, tutor)}


def _received(feedback, on):
    Feedback.objects.filter(pk=feedback.pk).update(
        received_at=timezone.make_aware(dt.datetime.combine(on, dt.time(12, 0))))


@pytest.fixture
def local_offer(world):
    vocabularies()
    today = timezone.localdate()
    listing("Sensory play group", terms=term_ids("early_years"))
    reading = listing("Reading club", terms=term_ids("education", "leisure"))
    Service.objects.filter(pk=reading.pk).update(review_due_on=today - dt.timedelta(days=1))
    short_breaks = listing("Short breaks", terms=term_ids("social_care"))
    Service.objects.filter(pk=short_breaks.pk).update(visibility=Service.Visibility.HIDDEN,
                                                      review_due_on=today - dt.timedelta(days=60))
    listing("Drop-in advice", terms=[])
    imported = listing("Northshire swim", organisation_name="Northshire Leisure", terms=term_ids("early_years"))
    Service.objects.filter(pk=imported.pk).update(source=ImportSource.objects.create(name="Northshire"),
                                                  is_out_of_area=True, review_due_on=today - dt.timedelta(days=1))
    old = listing("Old club", terms=term_ids("education"))
    Service.objects.filter(pk=old.pk).update(visibility=Service.Visibility.WITHDRAWN)

    for query, on, times in (("wheelchair swimming", D(2025, 2, 3), 3), ("wheelchair swimming", D(2025, 2, 4), 2),
                             ("autism dentist", D(2025, 11, 20), 4), ("holiday club", D(2024, 5, 1), 7)):
        for _ in range(times):
            unanswered_search_record(query, on)

    def comment(text, on, kind="comment", **triage):
        feedback = feedback_submit(kind=kind, page="/local-offer/", comment=text)
        if triage:
            feedback = feedback_triage(feedback=feedback, user=world.manager, **triage)
        _received(feedback, on)
        return feedback

    comment("The transport page is out of date.", D(2025, 3, 1), theme="content",
            published_comment="The transport page was out of date.", response="We updated it.")
    comment("A club's phone number is wrong.", D(2025, 4, 1), kind="problem", theme="content")
    comment("Not sorted yet.", D(2025, 5, 1))
    comment("Why was my son's plan late?", D(2025, 6, 1), theme="individual")
    comment("Rude words.", D(2025, 7, 1), theme="vexatious")
    vote = Feedback.objects.create(kind=Feedback.Kind.USEFUL, page="/local-offer/")
    _received(vote, D(2025, 8, 1))
    comment("The pages are hard to read on a phone.", D(2025, 9, 1), theme="accessibility",
            published_comment="The pages are hard to read on a phone.", response="We changed the layout.",
            action="Every page is tested on a phone.", publish=True)
    comment("Please list more clubs.", D(2024, 9, 1), theme="content", published_comment="More clubs.",
            response="We asked clubs to join.")


# --- The figures, by hand -----------------------------------------------------------------------------------------

# (indicator, the CSV's rows for calendar year 2025 as a council officer sees them)
EXPECTED_AP = [
    ("ap-placements-by-tier", [
        ["Tier", "Placements", "Count", "England"],
        ["Tier 1: targeted support in the pupil's school", "1", "1", ""],
        ["Tier 2: time-limited placement", "4", "4", ""],
        ["Tier 3: transitional placement", "2", "2", ""],
        ["All placements", "7", "7", ""]]),
    ("ap-placements-by-lot", [
        ["Lot", "Placements", "Count", "England"],
        ["Key stages 3 and 4", "3", "3", ""],
        ["Tuition and online", "2", "2", ""],
        ["Arranged directly, without a call-off", "2", "2", ""],
        ["All placements", "7", "7", ""]]),
    ("ap-placements-by-provider", [
        ["Provider", "Placements", "Count", "England"],
        ["Bridge Academy", "2", "2", ""],
        ["Forest School CIC", "2", "2", ""],
        ["Riverside Farm Project (not on the approved provider list)", "2", "2", ""],
        ["Tutor Hub", "1", "1", ""],
        ["All placements", "7", "7", ""]]),
    ("ap-placements-by-registration", [
        ["Provider's registration", "Placements", "Count", "England"],
        ["Registered school (Ofsted or independent school)", "2", "2", ""],
        ["Not registered as a school", "5", "5", ""],
        ["All placements", "7", "7", ""]]),
    ("ap-reintegration-outcomes", [
        ["Outcome", "Placements ended", "Count", "England"],
        ["Returned to mainstream school", "1", "1", ""],
        ["Continuing in alternative provision", "1", "1", ""],
        ["Moved to a special school", "1", "1", ""],
        ["Moved on to a post-16 destination", "0", "0", ""],
        ["Other", "0", "0", ""],
        ["All placements ended", "3", "3", ""]]),
]


@pytest.mark.parametrize(("slug", "expected"), EXPECTED_AP)
def test_ap_breakdowns_for_2025_as_computed_by_hand(ap, client_for, slug, expected):
    assert _csv(client_for("manager"), slug) == expected


def test_attendance_by_period(ap, client_for):
    rows = _csv(client_for("manager"), "ap-attendance")
    assert rows[0] == ["Period", "Sessions attended", "Sessions expected", "Percentage", "England"]
    assert [row[0] for row in rows[1:]] == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert rows[-1] == ["2025", "24", "30", "80.0", ""]
    assert rows[-2] == ["2024", "2", "2", "100.0", ""]
    assert rows[-3] == ["2023", "0", "0", "", ""]


def test_attendance_by_quarter_counts_each_mark_in_the_period_of_its_date(ap, client_for):
    rows = _csv(client_for("manager"), "ap-attendance", {"period_type": "quarter", "period": "2025-Q1"})
    assert rows[-1][:4] == ["January to March 2025", "15", "18", "83.3"]  # A1 and A2
    assert rows[-2][:4] == ["October to December 2024", "2", "2", "100.0"]


def test_sixth_day_compliance(ap, client_for):
    rows = _csv(client_for("manager"), "ap-sixth-day")
    assert rows[0][:4] == ["Period", "Full-time education by the sixth day", "Duties due", "Percentage"]
    assert rows[-1][:4] == ["2025", "2", "4", "50.0"]
    assert rows[-2][:4] == ["2024", "1", "1", "100.0"]
    # The sixth days stored by the clock service are the ones the table above works out.
    assert [ap["exclusions"][n].sixth_day for n in (1, 2, 3, 4, 5)] == [
        D(2025, 1, 13), D(2025, 3, 10), D(2025, 5, 13), None, D(2025, 6, 9)]


def test_a_duty_still_running_is_not_counted_until_it_is_met(world):
    pupil = factories.child(council=world.council, setting=world.school_a, given_name="Running")
    today = timezone.localdate()
    exclusion = _exclusion(world, pupil, "permanent", today)
    assert exclusion.sixth_day > today
    councils = selectors.councils_for(world.manager)
    filters = selectors.Filters(periods.current(periods.CALENDAR_YEAR, exclusion.sixth_day))
    indicator = catalogue.BY_SLUG["ap-sixth-day"]
    row = indicator.rows(councils, filters)[-1]
    assert (row.numerator, row.denominator) == (0, 0)
    exclusion_record_provision(exclusion=exclusion, starts_on=today, details="Full time at the PRU.")
    row = indicator.rows(councils, filters)[-1]
    assert (row.numerator, row.denominator) == (1, 1)


def test_providers_with_lapsed_evidence_today(ap, client_for):
    rows = _csv(client_for("manager"), "ap-providers-lapsed-evidence")
    assert rows[0] == ["Evidence", "Providers with this evidence lapsed", "Providers on the list", "Providers",
                       "England"]
    by_label = {row[0]: row[1:4] for row in rows[1:]}
    assert by_label["Employer's and public liability insurance"] == ["2", "3", "2"]
    assert by_label["Written confirmation of staff checks (DBS and safer recruitment)"] == ["1", "3", "1"]
    assert by_label["Safeguarding policy (Keeping Children Safe in Education)"] == ["0", "3", "0"]
    assert rows[-1][:4] == ["Any evidence lapsed", "2", "3", "2"]
    assert len(rows) == 1 + 10 + 1  # every kind of evidence, then the total


# --- Local Offer ------------------------------------------------------------------------------------------------

def test_services_by_category(local_offer, client_for):
    rows = _csv(client_for("manager"), "local-offer-services-by-category")
    assert rows[0] == ["Category", "Published listings", "Count", "England"]
    by_label = {row[0]: row[1] for row in rows[1:]}
    assert by_label["Early years and childcare"] == "1"  # S1, not the imported S5
    assert by_label["Education"] == "1"  # S2, not the withdrawn S6
    assert by_label["Places to go and things to do"] == "1"
    assert by_label["Social care"] == "0"  # S3 is hidden
    assert by_label["Money matters"] == "0"
    assert rows[-2][:2] == ["Not in any category", "1"]
    assert rows[-1][:2] == ["All published listings", "3"]
    assert [row[0] for row in rows[1:4]] == ["Early years and childcare", "Education", "Social care"]


def test_listings_past_their_review_date(local_offer, client_for):
    assert _csv(client_for("manager"), "local-offer-listings-past-review") == [
        ["Listing", "Listings", "Listings published or hidden", "Count", "England"],
        ["Published, past their review date", "1", "4", "1", ""],
        ["Hidden because they were not reviewed in time", "1", "4", "1", ""],
        ["All listings past their review date", "2", "4", "2", ""]]


def test_zero_result_searches(local_offer, client_for):
    rows = _csv(client_for("manager"), "local-offer-zero-result-searches")
    assert rows[0] == ["Period", "Searches that found nothing", "Count", "England"]
    assert rows[-1] == ["2025", "9", "9", ""]
    assert rows[-2] == ["2024", "7", "7", ""]
    month = _csv(client_for("manager"), "local-offer-zero-result-searches", {"period_type": "month",
                                                                             "period": "2025-02"})
    assert month[-1][:2] == ["February 2025", "5"]


def test_feedback_received_and_answered(local_offer, client_for):
    rows = _csv(client_for("manager"), "local-offer-feedback-answered")
    assert rows[0][:4] == ["Period", "Answered", "Comments and problem reports received", "Percentage"]
    assert rows[-1][:4] == ["2025", "2", "4", "50.0"]
    assert rows[-2][:4] == ["2024", "1", "1", "100.0"]


def test_the_local_offer_is_the_same_for_every_council(local_offer, client_for):
    mine = _csv(client_for("manager"), "local-offer-listings-past-review")
    assert _csv(client_for("other_caseworker"), "local-offer-listings-past-review") == mine


# --- Who sees what ----------------------------------------------------------------------------------------------

def test_a_partnership_lead_sees_small_counts_of_pupils_suppressed(ap, client_for):
    client = client_for("lead")
    # Every tier is from 1 to 4: all hidden, the total shown.
    assert [row[1] for row in _csv(client, "ap-placements-by-tier")[1:]] == ["c", "c", "c", "7"]
    # 2 registered is hidden, so the 5 unregistered is hidden too, or 7 - 5 would give it away.
    assert [row[1] for row in _csv(client, "ap-placements-by-registration")[1:]] == ["c", "c", "7"]
    # 2025's attendance is from 5 pupils with 6 sessions missed: shown. 2024's is one pupil: hidden.
    attendance = _csv(client, "ap-attendance")
    assert attendance[-1][:4] == ["2025", "24", "30", "80.0"]
    assert attendance[-2][:4] == ["2024", "c", "c", "c"]
    assert _csv(client, "ap-sixth-day")[-1][:4] == ["2025", "c", "c", "c"]
    assert [row[1] for row in _csv(client, "ap-reintegration-outcomes")[1:]] == ["c", "c", "c", "0", "0", "c"]
    page = client.get(reverse("dashboards_indicator", args=["ap-sixth-day"]), YEAR_2025).content.decode()
    assert "fewer than 5" in page and "50.0%" not in page


def test_counts_of_organisations_are_not_suppressed(ap, local_offer, client_for):
    client = client_for("lead")
    assert _csv(client, "ap-providers-lapsed-evidence")[-1][:4] == ["Any evidence lapsed", "2", "3", "2"]
    assert _csv(client, "local-offer-listings-past-review")[1][:2] == ["Published, past their review date", "1"]
    assert _csv(client, "local-offer-feedback-answered")[-1][:4] == ["2025", "2", "4", "50.0"]


def test_another_councils_placements_are_never_counted(ap, client_for):
    client = client_for("other_caseworker")
    assert _csv(client, "ap-placements-by-tier")[-1][:2] == ["All placements", "1"]  # A9 only
    assert _csv(client, "ap-placements-by-provider")[1:] == [["Otherton Provision", "1", "1", ""],
                                                           ["All placements", "1", "1", ""]]
    assert _csv(client, "ap-attendance")[-1][:4] == ["2025", "4", "4", "100.0"]
    assert _csv(client, "ap-sixth-day")[-1][:4] == ["2025", "1", "1", "100.0"]  # E7
    assert _csv(client, "ap-providers-lapsed-evidence")[-1][:4] == ["Any evidence lapsed", "1", "1", "1"]


def test_a_placement_the_council_commissioned_for_a_child_from_elsewhere_counts_for_it(ap, world, client_for):
    _placement(world, world.child_other, starts_on=D(2025, 6, 2), tier="1", provider_name="Visiting Tutor",
               commissioner=world.council)
    assert _csv(client_for("manager"), "ap-placements-by-tier")[-1][:2] == ["All placements", "8"]
    assert _csv(client_for("other_caseworker"), "ap-placements-by-tier")[-1][:2] == ["All placements", "2"]


def test_the_placements_of_a_council_are_those_the_ap_pages_give_it(ap, world):
    _placement(world, world.child_other, starts_on=D(2025, 6, 2), tier="1", provider_name="Visiting Tutor",
               commissioner=world.council)
    for council in (world.council, world.other_council):
        councils = Organisation.objects.filter(pk=council.pk)
        assert set(selectors_ap.placements_of_councils(councils)) == set(
            Placement.objects.filter(placements_of_councils_q(councils)))


@pytest.mark.parametrize(("query", "total"), [
    ({"district": "north"}, 4),  # pupils 1 to 4 are at Alpha Primary School, in the North
    ({"age_group": "11-15"}, 4),  # p1, p3, p5 and p7 (born 2011) are 14 at the end of 2025
    ({"age_group": "5-10"}, 3),  # p2, p4 and p6 (born 2016) are 9
    ({"age_group": "16-19"}, 0),
    ({"setting": "mainstream"}, 7),  # both primary schools
    ({"setting": "special"}, 0),
    ({"primary_need": "ASD"}, 1),  # only p2 has an EHC needs assessment recording autism
])
def test_ap_filters(ap, world, client_for, query, total):
    from tests.dashboards.conftest import make_case

    make_case(child=ap["pupils"][2], council=world.council, requested_by=world.parent_a, need="ASD",
              received=D(2025, 1, 6))
    rows = _csv(client_for("manager"), "ap-placements-by-tier", {**YEAR_2025, **query})
    assert rows[-1][:2] == ["All placements", str(total)]


@pytest.mark.parametrize("slug", AP_SLUGS + LO_SLUGS)
def test_each_page_and_its_csv_for_a_partnership_lead(ap, local_offer, world, client_for, slug):
    client = client_for("lead")
    indicator = catalogue.BY_SLUG[slug]
    page = client.get(reverse("dashboards_indicator", args=[slug]), YEAR_2025)
    body = page.content.decode()
    assert page.status_code == 200
    assert indicator.title in body and indicator.about.split(".")[0] in body.replace("&#x27;", "'")
    assert 'role="img"' in body
    assert ' style="' not in body.split("<main", 1)[1]  # the Content Security Policy allows no inline styles
    filters = selectors.Filters(periods.parse(periods.CALENDAR_YEAR, "2025"))
    result = indicators.result_for(indicator, selectors.councils_for(world.lead), filters, suppressed=True)
    assert f'id="local-figure">{indicators.display(result.headline.value, indicator.unit)}<' in body
    rows = _csv(client, slug)
    assert rows[0][0] == indicator.breakdown_label
    assert [row[0] for row in rows[1:]] == [row.label for row in result.rows]
    assert rows[[row.label for row in result.rows].index(result.headline.label) + 1][-2] == indicators.csv_cell(
        result.headline.value)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_who_can_open_the_ap_and_local_offer_indicators(world, client_for, role):
    client = client_for(role)
    for name in ("dashboards_indicator", "dashboards_indicator_csv"):
        response = client.get(reverse(name, args=["ap-placements-by-tier"]), YEAR_2025)
        if role == "anonymous":
            assert response.status_code == 302
        elif role in DASHBOARD_ROLES:
            assert response.status_code == 200
        else:
            assert response.status_code == 403
        response = client.get(reverse(name, args=["local-offer-feedback-answered"]), YEAR_2025)
        assert response.status_code == (302 if role == "anonymous" else 200 if role in DASHBOARD_ROLES else 403)


def test_the_home_page_shows_their_headlines(ap, local_offer, client_for):
    response = client_for("lead").get(reverse("dashboards_home"), YEAR_2025)
    body = response.content.decode()
    assert response.status_code == 200
    for slug in AP_SLUGS + LO_SLUGS:
        assert catalogue.BY_SLUG[slug].title in body


def test_every_indicator_is_in_its_theme(db):
    themes = {indicator.slug: indicator.theme for indicator in catalogue.INDICATORS}
    assert {themes[slug] for slug in AP_SLUGS} == {"Alternative provision (AP)"}
    assert {themes[slug] for slug in LO_SLUGS} == {"Local Offer"}
    for slug in AP_SLUGS:
        assert "alternative provision (AP)" in catalogue.BY_SLUG[slug].about


# --- Names people typed ------------------------------------------------------------------------------------------

def test_typed_names_cannot_become_formulas_or_chart_mathematics(ap, world, client_for):
    _placement(world, ap["pupils"][8], starts_on=D(2025, 6, 2), provider_name="=HYPERLINK(\"x\") $5 a day $")
    rows = _csv(client_for("manager"), "ap-placements-by-provider")
    assert ["'=HYPERLINK(\"x\") $5 a day $ (not on the approved provider list)", "1", "1", ""] in rows
    page = client_for("manager").get(reverse("dashboards_indicator", args=["ap-placements-by-provider"]), YEAR_2025)
    assert page.status_code == 200
    assert "=HYPERLINK(&quot;x&quot;) $5 a day $" in page.content.decode()  # as typed on the page
    assert safe_label("@sum  a\nb") == "@sum a b" and safe_label("Bridge") == "Bridge"
    assert chart_label("Pay $5 to $10 now") == "Pay $5 to…"


def test_more_than_ten_providers_are_added_up(world, client_for):
    for n in range(12):
        pupil = factories.child(council=world.council, setting=world.school_a, given_name=f"Many{n}")
        for _ in range(2 if n < 11 else 1):
            _placement(world, pupil, starts_on=D(2025, 1, 6), provider_name=f"Provider {n:02d}")
    rows = _csv(client_for("manager"), "ap-placements-by-provider")
    assert len(rows) == 1 + 10 + 2
    assert rows[-2][:2] == ["The other 2 providers", "3"]
    assert rows[-1][:2] == ["All placements", "23"]


# --- Query counts -------------------------------------------------------------------------------------------------

def _more_rows(world, ap, first, count):
    """`count` more of everything, all in January to March 2025 or lapsed today: placements with marks (some ended,
    some from a lot, some with a typed provider), exclusions, providers, listings, searches and feedback."""
    lot_ks, _ = ap["lots"]
    directory = listing("Extra base").organisation
    education = term_ids("education")[0]
    for n in range(first, first + count):
        pupil = ap["pupils"][n % 8 + 1]
        provider = _provider(f"Extra provider {n}", lots=[lot_ks])
        _evidence(world, provider, "insurance", timezone.localdate() - dt.timedelta(days=1))
        placement = _placement(world, pupil, starts_on=D(2025, 1, 6), provider=provider if n % 2 else None,
                               provider_name="" if n % 2 else f"Typed {n}", lot=lot_ks if n % 3 else None)
        _marks(world, placement, D(2025, 1, 6), ["present", "late", "authorised", "not_expected"])
        if n % 4 == 0:
            placement_end(placement=placement, outcome="reintegrated", outcome_on=D(2025, 2, 3),
                          ended_by=world.caseworker)
        Exclusion.objects.create(child=pupil, school=world.school_a, kind="permanent", first_day=D(2025, 1, 6),
                                 sixth_day=D(2025, 1, 13), recorded_by=world.caseworker)
        Service.objects.create(organisation=directory, name=f"Extra {n}", description=".",
                               visibility=Service.Visibility.PUBLISHED).terms.set([education])
        UnansweredSearch.objects.create(query=f"extra {n}", searched_on=D(2025, 3, 3), times=2)
        _received(Feedback.objects.create(kind="comment", page="/", comment="More."), D(2025, 3, 3))


def test_each_indicator_is_one_query_at_10_and_100_rows(ap, local_offer, world, django_assert_max_num_queries):
    councils = selectors.councils_for(world.manager)
    # A quarter, so the England series (published for calendar years only) adds no lookup.
    filters = selectors.Filters(periods.parse(periods.QUARTER, "2025-Q1"))
    slugs = AP_SLUGS + LO_SLUGS
    measured = {}
    for first, extra in ((0, 10), (10, 90)):  # 10 rows, then 100
        _more_rows(world, ap, first, extra)
        for slug in slugs:
            with django_assert_max_num_queries(1):
                rows = catalogue.BY_SLUG[slug].rows(councils, filters)
            measured.setdefault(slug, []).append(rows)
    for slug in slugs:
        at_10, at_100 = measured[slug]
        assert at_10 != at_100, slug  # the extra rows were counted, in the same single query
