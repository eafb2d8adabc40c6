"""Placements end to end: recording one a school arranged directly, the provider's attendance register and the
same-day absence alert, who can see what, reviews and outcomes, and the council's register with its CSV."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from alt_provision.models import ApprovedProvider, AttendanceMark, Placement
from alt_provision.services import placement_start
from send_portal.notifications.models import Notification
from send_portal.organisations.models import OrganisationKind, Role
from tests import factories
from tests.conftest import CANARY_A

TODAY = dt.date.today()
START = TODAY - dt.timedelta(days=28)


def _date(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def approved(organisation, registration=ApprovedProvider.Registration.UNREGISTERED):
    provider, _ = ApprovedProvider.objects.get_or_create(
        organisation=organisation, defaults={"status": ApprovedProvider.Status.ADMITTED, "registration": registration})
    return provider


def placement(world, *, child=None, provider=None, provider_name="", hours=15, cost=450, starts_on=START,
              next_review_on=None, **extra):
    child = child or world.child_a
    if provider is None and not provider_name:
        provider = approved(world.provider_org)
    return placement_start(
        child=child, home_school=child.current_setting, commissioner=child.current_setting,
        created_by=world.senco_a, tier=extra.pop("tier", "2"), starts_on=starts_on, hours_per_week=hours,
        days="MO,TU,WE", weekly_cost=cost, objectives="Read a chapter book.", reintegration_plan="Mornings back.",
        named_contact="Pat, 01234 567890", next_review_on=next_review_on or starts_on + dt.timedelta(weeks=6),
        provider=provider, provider_name=provider_name, **extra)


def _direct_form(world, **overrides):
    data = {"child": world.child_a.pk, "provider": "not_listed", "provider_name": "Forest Skills CIC",
            "provider_is_registered_school": "False", "tier": "2", **_date("starts_on", START),
            "hours_per_week": "20", "days": ["MO", "WE", "FR"], "weekly_cost": "600.00",
            "objectives": "Attend every morning.", "reintegration_plan": "Two days back at school by spring.",
            **_date("next_review_on", START + dt.timedelta(weeks=6)), "named_contact": "Sam Field",
            "has_ehc_plan": "True", "is_looked_after": "False"}
    data.update(overrides)
    return data


def test_senco_records_a_placement_arranged_directly(world, client_for):
    client = client_for("senco_a")
    assert client.get(reverse("ap_placement_new")).status_code == 200
    response = client.post(reverse("ap_placement_new"), _direct_form(world))
    made = Placement.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ap_placement", args=[made.pk])
    assert (made.child, made.home_school, made.commissioner, made.provider) == (
        world.child_a, world.school_a, world.school_a, None)
    assert (made.provider_name, made.provider_is_registered_school, made.arranged_directly) == (
        "Forest Skills CIC", False, True)
    assert made.is_full_time and made.has_ehc_plan and made.days == "MO,WE,FR"
    page = client.get(reverse("ap_placement", args=[made.pk])).content.decode()
    assert "stays on the roll of Alpha Primary School" in page and "Two days back at school" in page


def test_council_officer_records_a_placement_with_a_listed_provider(world, client_for):
    provider = approved(world.provider_org)
    response = client_for("caseworker").post(reverse("ap_placement_new"), _direct_form(
        world, provider=str(provider.pk), provider_name="", provider_is_registered_school=""))
    made = Placement.objects.get()
    assert response.status_code == 302
    assert (made.provider, made.commissioner, made.home_school) == (provider, world.council, world.school_a)


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"next_review_on_0": str((START + dt.timedelta(weeks=8)).day),
      "next_review_on_1": str((START + dt.timedelta(weeks=8)).month),
      "next_review_on_2": str((START + dt.timedelta(weeks=8)).year)}, "next_review_on", "within 7 weeks"),
    (_date("next_review_on", START), "next_review_on", "after the placement starts"),
    ({"provider_name": ""}, "provider_name", "Enter the name of the provider"),
    ({"provider_is_registered_school": ""}, "provider_is_registered_school", "registered school"),
    ({"hours_per_week": "41"}, "hours_per_week", "40 or fewer"),
    ({"days": []}, "days", "Select the days"),
    ({"weekly_cost": "-1"}, "weekly_cost", "£0 or more"),
])
def test_a_direct_placement_with_bad_answers_is_refused_with_a_clear_error(world, client_for, overrides, field,
                                                                            message):
    data = _direct_form(world)
    data.update(overrides)
    response = client_for("senco_a").post(reverse("ap_placement_new"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not Placement.objects.exists()


def test_senco_b_cannot_record_a_placement_for_child_a(world, client_for):
    response = client_for("senco_b").post(reverse("ap_placement_new"), _direct_form(world))
    assert response.status_code == 400 and not Placement.objects.exists()


# --- Attendance -----------------------------------------------------------------------------------------------

def _register_url(day, provider):
    return f"{reverse('ap_attendance')}?provider={provider.pk}&date_0={day.day}&date_1={day.month}&date_2={day.year}"


def test_provider_records_attendance_and_an_absence_alerts_the_school_once_that_day(
        world, client_for, django_capture_on_commit_callbacks):
    made = placement(world)
    provider = made.provider
    day = TODAY - dt.timedelta(days=1)
    client = client_for("provider")
    page = client.get(_register_url(day, provider))
    assert page.status_code == 200 and CANARY_A in page.content.decode()

    for _ in range(2):  # both sessions absent, and the page saved twice
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(_register_url(day, provider), {
                f"p{made.pk}_am": "unauthorised", f"p{made.pk}_pm": "authorised"})
        assert response.status_code == 302
    marks = dict(AttendanceMark.objects.filter(placement=made, date=day).values_list("session", "mark"))
    assert marks == {"am": "unauthorised", "pm": "authorised"}
    assert [message.to for message in mail.outbox] == [["senco.a@example.test"]]
    message = mail.outbox[0]
    assert world.child_a.reference in message.subject
    assert CANARY_A not in message.subject + message.body
    assert reverse("ap_placement", args=[made.pk]) in message.body

    # Re-saving updates the marks; a present day sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_register_url(TODAY, provider), {f"p{made.pk}_am": "present", f"p{made.pk}_pm": "late"})
        client.post(_register_url(TODAY, provider), {f"p{made.pk}_am": "present", f"p{made.pk}_pm": "present"})
    assert AttendanceMark.objects.get(placement=made, date=TODAY, session="pm").mark == "present"
    assert len(mail.outbox) == 1


def test_the_commissioners_shared_address_is_told_too(world, client_for, django_capture_on_commit_callbacks):
    world.school_a.email = "office@alpha.example"
    world.school_a.save()
    made = placement(world)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("provider").post(_register_url(TODAY, made.provider), {f"p{made.pk}_am": "unauthorised"})
    assert sorted(message.to[0] for message in mail.outbox) == ["office@alpha.example", "senco.a@example.test"]


def test_attendance_dates_must_not_be_in_the_future_or_before_the_start(world, client_for):
    made = placement(world)
    client = client_for("provider")
    future = client.get(_register_url(TODAY + dt.timedelta(days=1), made.provider))
    assert future.status_code == 400 and "today or in the past" in future.content.decode()
    response = client.post(_register_url(TODAY + dt.timedelta(days=1), made.provider), {f"p{made.pk}_am": "present"})
    assert response.status_code == 400
    before = START - dt.timedelta(days=1)
    page = client.get(_register_url(before, made.provider)).content.decode()
    assert CANARY_A not in page and "No active placements had started" in page
    client.post(_register_url(before, made.provider), {f"p{made.pk}_am": "present"})
    assert not AttendanceMark.objects.exists()


def test_a_mark_not_on_the_list_is_refused(world, client_for):
    made = placement(world)
    response = client_for("provider").post(_register_url(TODAY, made.provider), {f"p{made.pk}_am": "asleep"})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert not AttendanceMark.objects.exists()


def test_another_provider_and_another_school_cannot_see_the_placement(world, client_for):
    made = placement(world)
    other_org = factories.OrganisationFactory(name="Other Provider", kind=OrganisationKind.PROVIDER)
    other = approved(other_org)
    world.users["other_provider"] = factories.staff_user(other_org, Role.PROVIDER, email="other.p@example.test")
    url = reverse("ap_placement", args=[made.pk])
    assert client_for("other_provider").get(url).status_code == 404
    register = client_for("other_provider").get(_register_url(TODAY, other)).content.decode()
    assert CANARY_A not in register
    # Posting marks for someone else's placement saves nothing.
    client_for("other_provider").post(_register_url(TODAY, other), {f"p{made.pk}_am": "present"})
    assert not AttendanceMark.objects.exists()
    assert client_for("senco_b").get(url).status_code == 404
    assert client_for("other_caseworker").get(url).status_code == 404
    assert client_for("senco_a").get(url).status_code == 200
    assert client_for("provider").get(url).status_code == 200


def test_the_provider_sees_the_plan_but_not_the_ehc_plan_or_care_status(world, client_for):
    made = placement(world, has_ehc_plan=True, is_looked_after=True)
    provider_page = client_for("provider").get(reverse("ap_placement", args=[made.pk])).content.decode()
    school_page = client_for("senco_a").get(reverse("ap_placement", args=[made.pk])).content.decode()
    assert "Read a chapter book." in provider_page and "Pat, 01234 567890" in provider_page
    assert "Looked after by a council" not in provider_page
    assert "Education, health and care (EHC) plan" not in provider_page
    assert "Looked after by a council" in school_page
    assert client_for("provider").get(reverse("ap_placement_end", args=[made.pk])).status_code == 403


# --- Reviews and outcomes ---------------------------------------------------------------------------------------

def test_a_review_moves_the_next_review_on(world, client_for):
    made = placement(world)
    next_review = TODAY + dt.timedelta(weeks=6)
    response = client_for("provider").post(reverse("ap_placement_review_new", args=[made.pk]), {
        **_date("reviewed_on", TODAY), "progress": "Reading every day.", "next_steps": "Add maths.",
        **_date("next_review_on", next_review)})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.next_review_on == next_review
    review = made.reviews.get()
    assert review.progress == "Reading every day." and review.attendance_summary == "No attendance recorded yet"


@pytest.mark.parametrize(("data", "message"), [
    ({"progress": "Good.", **_date("reviewed_on", TODAY)}, "Enter the date of the next review"),
    ({"progress": "Good.", **_date("reviewed_on", TODAY), **_date("next_review_on", TODAY + dt.timedelta(weeks=8))},
     "within 7 weeks"),
    ({"progress": "Good.", **_date("reviewed_on", TODAY + dt.timedelta(days=1)),
      **_date("next_review_on", TODAY + dt.timedelta(weeks=2))}, "today or in the past"),
    ({"progress": "Good.", **_date("reviewed_on", START - dt.timedelta(days=1)),
      **_date("next_review_on", TODAY + dt.timedelta(weeks=2))}, "on or after the placement started"),
    ({**_date("reviewed_on", TODAY), **_date("next_review_on", TODAY + dt.timedelta(weeks=2))},
     "Enter the progress"),
    ({}, "There is a problem"),
])
def test_a_bad_review_is_refused(world, client_for, data, message):
    made = placement(world)
    response = client_for("senco_a").post(reverse("ap_placement_review_new", args=[made.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not made.reviews.exists()


def test_ending_a_placement_records_the_outcome(world, client_for):
    made = placement(world)
    url = reverse("ap_placement_end", args=[made.pk])
    client = client_for("caseworker")
    assert client.post(url, {"outcome": "reintegrated", **_date("outcome_on", TODAY + dt.timedelta(days=1))}) \
        .status_code == 400
    assert client.post(url, {"outcome": "reintegrated", **_date("outcome_on", START - dt.timedelta(days=1))}) \
        .status_code == 400
    assert client.post(url, {"outcome": "moved_abroad", **_date("outcome_on", TODAY)}).status_code == 400
    assert client.post(url, {}).status_code == 400
    made.refresh_from_db()
    assert made.status == "active"
    assert client.post(url, {"outcome": "reintegrated", **_date("outcome_on", TODAY)}).status_code == 302
    made.refresh_from_db()
    assert (made.status, made.outcome, made.outcome_on, made.ends_on) == ("ended", "reintegrated", TODAY, TODAY)
    again = client.post(url, {"outcome": "other", **_date("outcome_on", TODAY)})
    assert again.status_code == 400 and "already ended" in again.content.decode()
    # An ended placement's review needs no next date.
    response = client.post(reverse("ap_placement_review_new", args=[made.pk]),
                           {**_date("reviewed_on", TODAY), "progress": "Settled back in."})
    assert response.status_code == 302


def test_senco_b_cannot_review_or_end(world, client_for):
    made = placement(world)
    client = client_for("senco_b")
    assert client.get(reverse("ap_placement_review_new", args=[made.pk])).status_code == 404
    assert client.post(reverse("ap_placement_end", args=[made.pk]),
                       {"outcome": "other", **_date("outcome_on", TODAY)}).status_code == 404
    made.refresh_from_db()
    assert made.status == "active"


# --- The register -----------------------------------------------------------------------------------------------

def _mark(made, day, session, mark, user):
    AttendanceMark.objects.create(placement=made, date=day, session=session, mark=mark, recorded_by=user)


def _register_world(world):
    listed = placement(world, hours=20, cost=500, tier="2")
    typed = placement(world, child=world.child_b, provider_name="Farm School", hours=10, cost=200, tier="3",
                      provider_is_registered_school=True, next_review_on=START + dt.timedelta(weeks=2))
    ended = placement(world, cost=1000)
    Placement.objects.filter(pk=ended.pk).update(status="ended", outcome="continuing", outcome_on=TODAY)
    day = TODAY - dt.timedelta(days=1)
    _mark(listed, day, "am", "present", world.provider)
    _mark(listed, day, "pm", "late", world.provider)
    _mark(listed, TODAY, "am", "unauthorised", world.provider)
    _mark(listed, TODAY, "pm", "not_expected", world.provider)
    return listed, typed, ended


def test_the_register_shows_totals_attendance_and_filters(world, client_for):
    listed, typed, ended = _register_world(world)
    client = client_for("caseworker")
    response = client.get(reverse("ap_placement_register"))
    page = response.content.decode()
    assert response.status_code == 200
    totals = response.context["totals"]
    assert (totals["placements"], totals["active"], totals["weekly_cost"]) == (3, 2, Decimal("700.00"))
    rates = {row["placement"].pk: row["rate"] for row in response.context["rows"]}
    # Present and late out of 3 expected sessions (the session not expected does not count).
    assert rates == {listed.pk: 67, typed.pk: None, ended.pk: None}
    assert "Overdue" in page and "Farm School" in page

    def shown(**params):
        return {row["placement"].pk for row in client.get(reverse("ap_placement_register"), params).context["rows"]}

    assert shown(status="active") == {listed.pk, typed.pk}
    assert shown(status="ended") == {ended.pk}
    assert shown(provider="unlisted") == {typed.pk}
    assert shown(provider=str(listed.provider_id)) == {listed.pk, ended.pk}
    assert shown(tier="3") == {typed.pk}
    assert shown(registered="yes") == {typed.pk}
    assert shown(registered="no") == {listed.pk, ended.pk}
    filtered = client.get(reverse("ap_placement_register"), {"status": "active"}).context["totals"]
    assert filtered["placements"] == 2
    assert client.get(reverse("ap_placement_register"), {"tier": "9"}).status_code == 400

    # A school sees only its own pupils' placements.
    senco_b = client_for("senco_b").get(reverse("ap_placement_register"))
    assert {row["placement"].pk for row in senco_b.context["rows"]} == {typed.pk}
    assert CANARY_A not in senco_b.content.decode()
    assert client_for("other_caseworker").get(reverse("ap_placement_register")).context["totals"]["placements"] == 0


def test_the_register_downloads_as_csv_safely(world, client_for):
    _register_world(world)
    placement(world, provider_name="=HYPERLINK(\"http://evil.example\")", hours=5, cost=10)
    response = client_for("manager").get(reverse("ap_placement_register_csv"), {"status": "active"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Reference" and len(rows) == 4
    providers = {row[3] for row in rows[1:]}
    assert "'=HYPERLINK(\"http://evil.example\")" in providers and "Farm School" in providers
    rate = {row[3]: row[12] for row in rows[1:]}
    assert rate["Test Provider"] == "67"
    assert client_for("caseworker").get(reverse("ap_placement_register_csv"), {"tier": "9"}).status_code == 400


@pytest.mark.parametrize("count", [10, 100])
def test_the_register_takes_the_same_number_of_queries_however_long(world, client_for, count,
                                                                    django_assert_max_num_queries):
    provider = approved(world.provider_org)
    for number in range(count):
        made = placement(world, provider=provider if number % 2 else None,
                         provider_name="" if number % 2 else f"Unlisted {number}")
        _mark(made, TODAY, "am", "present", world.provider)
    client = client_for("caseworker")
    client.get(reverse("ap_placement_register"))  # warm the session and the role cache
    # About 15 today (session, roles, the rows, totals, the filters' provider list, the threshold banner): a query
    # per row would add at least 10.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("ap_placement_register"))
    assert response.status_code == 200 and len(response.context["rows"]) == min(count, 50)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("ap_placement_register_csv")).status_code == 200


def test_overdue_reviews_are_flagged(world, client_for):
    placement(world, starts_on=TODAY - dt.timedelta(weeks=10), next_review_on=TODAY - dt.timedelta(days=1))
    page = client_for("senco_a").get(reverse("ap_placement_register")).content.decode()
    assert "Overdue" in page


def test_notifications_carry_no_names(world, client_for, django_capture_on_commit_callbacks):
    made = placement(world)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("provider").post(_register_url(TODAY, made.provider), {f"p{made.pk}_pm": "unauthorised"})
    notice = Notification.objects.get(template="ap_placement_absence")
    assert CANARY_A not in notice.subject and world.child_a.reference in notice.subject
