"""Exclusions and the sixth-day duty, end to end: recording, who can see what, the red flag for a missed duty, the
school calendar that moves the sixth day, and the daily check."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from alt_provision import services
from alt_provision.models import Exclusion, SchoolHoliday, SchoolTerm
from send_portal.notifications.models import Notification
from tests.conftest import CANARY_A, CANARY_B

D = dt.date


def _date(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _record(client, child, kind="permanent", first_day=None, school_days=""):
    first_day = first_day or D(2026, 2, 12)
    return client.post(reverse("ap_exclusion_new"), {"child": child.pk, "kind": kind, **_date("first_day", first_day),
                                                     "school_days": school_days})


def test_senco_records_a_permanent_exclusion_and_only_the_right_people_see_it(world, client_for, settings):
    settings.AP_EXCLUSIONS_EMAIL = "exclusions@council.example"
    response = _record(client_for("senco_a"), world.child_a)
    exclusion = Exclusion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ap_exclusion", args=[exclusion.pk])
    assert (exclusion.school, exclusion.kind, exclusion.recorded_by) == (world.school_a, "permanent", world.senco_a)
    # Thursday 12 February 2026 is day 1; with no holidays entered the sixth school day is Thursday 19 February.
    assert exclusion.sixth_day == D(2026, 2, 19)

    # The council is told, by reference and date, never by name.
    notice = Notification.objects.get(template="ap_clock_permanent_exclusion")
    assert notice.recipient_email == "exclusions@council.example"
    assert world.child_a.reference in notice.subject and CANARY_A not in notice.subject

    url = reverse("ap_exclusion", args=[exclusion.pk])
    page = client_for("senco_a").get(url)
    assert page.status_code == 200
    assert "19 February 2026" in page.content.decode()
    assert client_for("senco_b").get(url).status_code == 404
    assert client_for("other_caseworker").get(url).status_code == 404
    assert client_for("caseworker").get(url).status_code == 200
    assert client_for("parent_a").get(url).status_code == 403
    assert client_for("parent_a").get(reverse("ap_exclusion_list")).status_code == 403

    lists = {role: client_for(role).get(reverse("ap_exclusion_list")).content.decode()
             for role in ("senco_a", "senco_b", "caseworker", "other_caseworker")}
    assert CANARY_A in lists["senco_a"] and CANARY_A in lists["caseworker"]
    assert CANARY_A not in lists["senco_b"] and CANARY_A not in lists["other_caseworker"]


def test_each_view_of_an_exclusion_is_recorded(world, client_for):
    exclusion = services.exclusion_record(child=world.child_a, kind="permanent", first_day=D(2026, 2, 12),
                                          recorded_by=world.senco_a)
    client_for("caseworker").get(reverse("ap_exclusion", args=[exclusion.pk]))
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(exclusion.pk),
                                 content_type__model="exclusion")
    assert entry.actor == world.caseworker
    assert entry.additional_data == {"purpose": "view"}
    # A refused look is not an access: it is logged as a refusal, naming no record (C-33).
    client_for("senco_b").get(reverse("ap_exclusion", args=[exclusion.pk]))
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, content_type__model="exclusion")
    opened = [e for e in entries if not e.additional_data.get("refused")]
    refused = [e for e in entries if e.additional_data.get("refused")]
    assert [e.actor for e in opened] == [world.caseworker]
    assert [(e.actor, e.object_pk, e.object_repr) for e in refused] == [(world.senco_b, "", "")]


def test_a_missed_sixth_day_is_flagged_red_in_the_list_and_on_the_page(world, client_for):
    missed = services.exclusion_record(child=world.child_a, kind="permanent", first_day=D(2026, 2, 12),
                                       recorded_by=world.senco_a)
    in_time = services.exclusion_record(child=world.child_b, kind="suspension", school_days=8,
                                        first_day=D(2026, 3, 2), recorded_by=world.caseworker)
    services.exclusion_record_provision(exclusion=in_time, starts_on=D(2026, 3, 9), details="Tuition centre, 25 hours.")
    client = client_for("caseworker")
    listing = client.get(reverse("ap_exclusion_list")).content.decode()
    assert listing.count('<strong class="govuk-tag govuk-tag--red">Sixth day missed</strong>') == 1
    assert listing.index(CANARY_A) < listing.index(CANARY_B)  # missed duties come first
    page = client.get(reverse("ap_exclusion", args=[missed.pk])).content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Sixth day missed</strong>' in page
    assert "Sixth day missed" not in client.get(reverse("ap_exclusion", args=[in_time.pk])).content.decode()
    assert "govuk-tag--green" in client.get(reverse("ap_exclusion", args=[in_time.pk])).content.decode()

    only_missed = client.get(reverse("ap_exclusion_list"), {"status": "missed"}).content.decode()
    assert CANARY_A in only_missed and CANARY_B not in only_missed
    suspensions = client.get(reverse("ap_exclusion_list"), {"kind": "suspension"}).content.decode()
    assert CANARY_B in suspensions and CANARY_A not in suspensions
    assert client.get(reverse("ap_exclusion_list"), {"status": "nonsense"}).status_code == 400


def test_recording_provision_on_the_sixth_day_clears_the_flag_and_late_provision_does_not(world, client_for):
    exclusion = services.exclusion_record(child=world.child_a, kind="permanent", first_day=D(2026, 2, 12),
                                          recorded_by=world.senco_a)
    client = client_for("caseworker")
    url = reverse("ap_exclusion_provision", args=[exclusion.pk])
    response = client.post(url, {**_date("starts_on", D(2026, 2, 20)), "details": "Pupil referral unit, full time."})
    assert response.status_code == 302
    assert "Sixth day missed" in client.get(reverse("ap_exclusion", args=[exclusion.pk])).content.decode()
    client.post(url, {**_date("starts_on", D(2026, 2, 19)), "details": "Pupil referral unit, full time."})
    exclusion.refresh_from_db()
    assert exclusion.provision_starts_on == D(2026, 2, 19)
    page = client.get(reverse("ap_exclusion", args=[exclusion.pk])).content.decode()
    assert "Sixth day missed" not in page and "Started in time" in page


def test_bad_provision_dates_are_refused_clearly(world, client_for):
    exclusion = services.exclusion_record(child=world.child_a, kind="permanent", first_day=D(2026, 2, 12),
                                          recorded_by=world.senco_a)
    client = client_for("senco_a")
    url = reverse("ap_exclusion_provision", args=[exclusion.pk])
    before = client.post(url, {**_date("starts_on", D(2026, 2, 1)), "details": "Tuition."})
    assert before.status_code == 400
    assert "must be on or after the first day of exclusion" in before.content.decode()
    empty = client.post(url, {})
    assert empty.status_code == 400
    assert "govuk-error-summary" in empty.content.decode()
    exclusion.refresh_from_db()
    assert exclusion.provision_starts_on is None
    assert client_for("senco_b").post(url, {**_date("starts_on", D(2026, 2, 19)), "details": "x"}).status_code == 404


@pytest.mark.parametrize(("school_days", "sixth_day", "duty"), [
    ("5", None, "No sixth-day duty"),
    ("1", None, "No sixth-day duty"),
    ("6", D(2026, 3, 9), "The school"),
])
def test_suspensions_of_five_days_or_fewer_start_no_duty(world, client_for, school_days, sixth_day, duty):
    response = _record(client_for("senco_a"), world.child_a, kind="suspension", first_day=D(2026, 3, 2),
                       school_days=school_days)
    assert response.status_code == 302
    exclusion = Exclusion.objects.get()
    assert exclusion.sixth_day == sixth_day
    assert exclusion.school_days == int(school_days)
    assert duty in client_for("senco_a").get(response["Location"]).content.decode()


def test_a_council_record_holder_records_for_a_child_at_any_of_its_schools(world, client_for):
    assert _record(client_for("manager"), world.child_b).status_code == 302
    assert Exclusion.objects.get().school == world.school_b


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"kind": "permanent", "first_day": D(2099, 1, 5)}, "first_day", "must be today or in the past"),
    ({"kind": "suspension", "first_day": D(2026, 3, 2)}, "school_days", "Enter how many school days"),
    ({"kind": "suspension", "first_day": D(2026, 3, 2), "school_days": "0"}, "school_days", "at least 1"),
    ({"kind": "suspension", "first_day": D(2026, 3, 2), "school_days": "46"}, "school_days", "more than 45"),
    ({"kind": "permanent", "first_day": D(2026, 3, 2), "school_days": "6"}, "school_days", "Leave the number"),
    ({"kind": "", "first_day": D(2026, 3, 2)}, "kind", "Select whether"),
])
def test_bad_exclusion_input_is_refused_with_a_clear_error(world, client_for, data, field, message):
    first_day = data.pop("first_day")
    response = client_for("senco_a").post(reverse("ap_exclusion_new"), {
        "child": world.child_a.pk, "school_days": "", **data, **_date("first_day", first_day)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and message in body
    assert Exclusion.objects.count() == 0


def test_a_child_the_person_cannot_see_cannot_be_chosen(world, client_for):
    response = _record(client_for("senco_b"), world.child_a)
    assert response.status_code == 400
    assert "Select a child from the list" in response.content.decode()
    assert Exclusion.objects.count() == 0
    form = client_for("senco_b").get(reverse("ap_exclusion_new")).content.decode()
    assert CANARY_B in form and CANARY_A not in form


def test_a_half_term_in_the_councils_calendar_moves_the_sixth_day(world, client_for):
    client = client_for("caseworker")
    response = client.post(reverse("ap_school_holiday_new"), {
        "name": "Spring half term", **_date("starts_on", D(2026, 2, 16)), **_date("ends_on", D(2026, 2, 20))})
    assert response.status_code == 302
    assert SchoolHoliday.objects.get().local_authority == world.council
    assert _record(client_for("senco_a"), world.child_a).status_code == 302
    # Thursday 12 and Friday 13 are days 1 and 2; the half-term week is skipped; Thursday 26 February is day 6.
    assert Exclusion.objects.get().sixth_day == D(2026, 2, 26)


def test_calendar_changes_move_only_duties_still_running(world):
    running = services.exclusion_record(child=world.child_a, kind="permanent", first_day=D(2026, 2, 12),
                                        recorded_by=world.senco_a)
    passed = services.exclusion_record(child=world.child_b, kind="permanent", first_day=D(2026, 1, 5),
                                       recorded_by=world.senco_b)
    services.school_holiday_add(local_authority=world.council, name="Closure week", starts_on=D(2026, 1, 6),
                                ends_on=D(2026, 1, 9), today=D(2026, 2, 13))
    holiday = services.school_holiday_add(local_authority=world.council, name="Half term",
                                          starts_on=D(2026, 2, 16), ends_on=D(2026, 2, 20), today=D(2026, 2, 13))
    running.refresh_from_db()
    passed.refresh_from_db()
    assert running.sixth_day == D(2026, 2, 26)
    assert passed.sixth_day == D(2026, 1, 12)  # already passed on 13 February, so left alone
    services.school_holiday_delete(holiday=holiday, today=D(2026, 2, 13))
    running.refresh_from_db()
    assert running.sixth_day == D(2026, 2, 19)


def test_school_calendar_is_kept_by_each_council_for_itself(world, client_for):
    ours = services.school_holiday_add(local_authority=world.council, name="Closure day", starts_on=D(2026, 6, 1),
                                       ends_on=D(2026, 6, 1))
    theirs = services.school_holiday_add(local_authority=world.other_council, name="Otherton closure",
                                         starts_on=D(2026, 6, 2), ends_on=D(2026, 6, 2))
    client = client_for("caseworker")
    page = client.get(reverse("ap_school_calendar")).content.decode()
    assert "Closure day" in page and "Otherton closure" not in page
    assert client.get(reverse("ap_school_holiday_delete", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("ap_school_holiday_delete", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("ap_school_holiday_delete", args=[ours.pk])).status_code == 302
    assert list(SchoolHoliday.objects.all()) == [theirs]
    assert client_for("senco_a").get(reverse("ap_school_calendar")).status_code == 403


def test_terms_are_added_checked_and_deleted(world, client_for):
    client = client_for("manager")
    url = reverse("ap_school_term_new")
    autumn = {"name": "Autumn term 2026", **_date("starts_on", D(2026, 9, 2)), **_date("ends_on", D(2026, 12, 18))}
    assert client.post(url, autumn).status_code == 302
    overlapping = client.post(url, {**autumn, "name": "Again"})
    assert overlapping.status_code == 400
    assert "overlap Autumn term 2026" in overlapping.content.decode()
    backwards = client.post(url, {"name": "Backwards", **_date("starts_on", D(2027, 1, 5)),
                                  **_date("ends_on", D(2027, 1, 4))})
    assert backwards.status_code == 400
    assert "The last day must be the same as or after the first day" in backwards.content.decode()
    term = SchoolTerm.objects.get()
    assert client.post(reverse("ap_school_term_delete", args=[term.pk])).status_code == 302
    assert not SchoolTerm.objects.exists()


def test_the_daily_check_tells_the_council_once_about_each_missed_duty(world, settings):
    settings.AP_EXCLUSIONS_EMAIL = "exclusions@council.example"
    exclusion = services.exclusion_record(child=world.child_a, kind="permanent", first_day=D(2026, 2, 12),
                                          recorded_by=world.senco_a)
    services.exclusion_record(child=world.child_b, kind="suspension", school_days=3, first_day=D(2026, 2, 12),
                              recorded_by=world.senco_b)

    def missed_notices():
        return Notification.objects.filter(template="ap_clock_sixth_day_missed")

    assert services.children_out_of_school_check(today=D(2026, 2, 19)) == {"missed": 0, "referrals": 0}
    call_command("check_children_out_of_school", "--today", "2026-02-20")
    notice = missed_notices().get()
    assert notice.idempotency_key == f"ap_clock_sixth_day_missed:{exclusion.pk}"
    assert world.child_a.reference in notice.subject and CANARY_A not in notice.subject
    call_command("check_children_out_of_school", "--today", "2026-02-20")
    assert services.children_out_of_school_check(today=D(2026, 2, 23)) == {"missed": 0, "referrals": 0}
    assert missed_notices().count() == 1


def test_the_daily_task_runs_and_sends_nothing_without_an_address(world, settings):
    from alt_provision.clock_tasks import check_children_out_of_school

    settings.AP_EXCLUSIONS_EMAIL = ""
    services.exclusion_record(child=world.child_a, kind="permanent", first_day=D(2026, 2, 12),
                              recorded_by=world.senco_a)
    assert check_children_out_of_school.apply().get() == {"missed": 0, "referrals": 0}
    assert not Notification.objects.exists()


def test_the_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("check_children_out_of_school", "--today", "yesterday")
