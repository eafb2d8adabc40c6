"""Absence for health reasons: recording days and spells, the referral at 15 school days in a term (exactly once),
acknowledging it, and the daily check as a safety net."""

import datetime as dt

from django.core.management import call_command
from django.urls import reverse

from alt_provision import services
from alt_provision.models import HealthAbsence, HealthNeedsReferral
from send_portal.notifications.models import Notification
from tests.conftest import CANARY_A

D = dt.date


def _date(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _absent(client, child, first, last=None):
    data = {"child": child.pk, **_date("first_day", first)}
    data.update(_date("last_day", last) if last else {"last_day_0": "", "last_day_1": "", "last_day_2": ""})
    return client.post(reverse("ap_health_absence_new"), data)


def test_fifteen_school_days_in_a_term_make_exactly_one_referral(world, client_for, settings):
    settings.AP_HEALTH_NEEDS_EMAIL = "health.needs@council.example"
    client = client_for("senco_a")
    # Tuesday 1 to Friday 18 September 2026: 14 school days.
    assert _absent(client, world.child_a, D(2026, 9, 1), D(2026, 9, 18)).status_code == 302
    assert HealthAbsence.objects.filter(child=world.child_a).count() == 14
    assert not HealthNeedsReferral.objects.exists()
    # The 15th day, a Monday after a weekend: cumulative days count as well as consecutive ones.
    assert _absent(client, world.child_a, D(2026, 9, 21)).status_code == 302
    referral = HealthNeedsReferral.objects.get()
    assert (referral.child, referral.term_starts_on) == (world.child_a, D(2026, 9, 1))  # the default autumn term
    notice = Notification.objects.get(template="ap_clock_health_needs")
    assert notice.recipient_email == "health.needs@council.example"
    assert world.child_a.reference in notice.subject and CANARY_A not in notice.subject
    # More days in the same term, and the daily check, add nothing.
    assert _absent(client, world.child_a, D(2026, 9, 22), D(2026, 9, 25)).status_code == 302
    assert services.children_out_of_school_check(today=D(2026, 9, 28))["referrals"] == 0
    assert HealthNeedsReferral.objects.count() == 1
    assert Notification.objects.filter(template="ap_clock_health_needs").count() == 1


def test_days_in_another_term_count_separately(world):
    services.health_absences_record(child=world.child_a, first_day=D(2026, 3, 2), last_day=D(2026, 3, 13),
                                    recorded_by=world.senco_a)
    result = services.health_absences_record(child=world.child_a, first_day=D(2026, 4, 13), last_day=D(2026, 4, 17),
                                             recorded_by=world.senco_a)
    # 10 days in spring and 5 in summer: 15 in all, but never 15 in one term.
    assert result["referrals"] == []
    assert HealthAbsence.objects.count() == 15
    assert not HealthNeedsReferral.objects.exists()


def test_entered_terms_decide_what_a_term_is(world):
    services.school_term_add(local_authority=world.council, name="Summer 2026", starts_on=D(2026, 4, 13),
                             ends_on=D(2026, 7, 22))
    services.health_absences_record(child=world.child_a, first_day=D(2026, 4, 1), last_day=D(2026, 4, 10),
                                    recorded_by=world.senco_a)
    result = services.health_absences_record(child=world.child_a, first_day=D(2026, 4, 13), last_day=D(2026, 4, 30),
                                             recorded_by=world.senco_a)
    # 14 school days from 13 to 30 April fall in the entered summer term; the days before it do not count towards it.
    assert result == {"recorded": 14, "already": 0, "referrals": []}
    services.health_absences_record(child=world.child_a, first_day=D(2026, 5, 1), recorded_by=world.senco_a)
    assert HealthNeedsReferral.objects.get().term_starts_on == D(2026, 4, 13)
    # Days before the entered term sit in a default term cut short at its start, so nothing is counted twice.
    services.health_absences_record(child=world.child_a, first_day=D(2026, 4, 2), recorded_by=world.senco_a)
    assert services.children_out_of_school_check(today=D(2026, 5, 4))["referrals"] == 0
    assert HealthNeedsReferral.objects.count() == 1


def test_a_spell_records_only_school_days_and_skips_days_already_recorded(world, client_for):
    services.school_holiday_add(local_authority=world.council, name="October half term", starts_on=D(2026, 10, 26),
                                ends_on=D(2026, 10, 30))
    client = client_for("caseworker")
    assert _absent(client, world.child_b, D(2026, 10, 22)).status_code == 302
    response = _absent(client, world.child_b, D(2026, 10, 22), D(2026, 11, 3))
    assert response.status_code == 302
    days = sorted(HealthAbsence.objects.filter(child=world.child_b).values_list("absent_on", flat=True))
    assert days == [D(2026, 10, 22), D(2026, 10, 23), D(2026, 11, 2), D(2026, 11, 3)]
    assert HealthAbsence.objects.filter(child=world.child_b).first().school == world.school_b
    page = client.get(reverse("ap_health_absences")).content.decode()
    assert "1 was recorded already" in page


def test_bad_absence_input_is_refused_clearly_and_saves_nothing(world, client_for):
    client = client_for("senco_a")
    cases = [
        ((D(2026, 9, 10), D(2026, 9, 9)), "The last day absent must be the same as or after the first day"),
        ((D(2099, 9, 10), None), "The first day absent must be today or in the past"),
        ((D(2026, 9, 5), None), "is not a school day"),  # a Saturday
        ((D(2026, 9, 5), D(2026, 9, 6)), "There are no school days between these dates"),
        ((D(2026, 1, 5), D(2026, 9, 30)), "no more than 6 months"),
    ]
    for (first, last), message in cases:
        response = _absent(client, world.child_a, first, last)
        assert response.status_code == 400, message
        body = response.content.decode()
        assert "govuk-error-summary" in body and message in body
    empty = client.post(reverse("ap_health_absence_new"), {})
    assert empty.status_code == 400 and "Select the child" in empty.content.decode()
    assert _absent(client_for("senco_b"), world.child_a, D(2026, 9, 10)).status_code == 400
    assert not HealthAbsence.objects.exists()


def test_the_council_acknowledges_a_referral_and_the_school_sees_it(world, client_for):
    services.health_absences_record(child=world.child_a, first_day=D(2026, 9, 1), last_day=D(2026, 9, 21),
                                    recorded_by=world.senco_a)
    referral = HealthNeedsReferral.objects.get()
    senco_page = client_for("senco_a").get(reverse("ap_health_absences")).content.decode()
    assert CANARY_A in senco_page and "15 days reached" in senco_page
    assert reverse("ap_health_referral_acknowledge", args=[referral.pk]) not in senco_page
    assert CANARY_A not in client_for("senco_b").get(reverse("ap_health_absences")).content.decode()
    url = reverse("ap_health_referral_acknowledge", args=[referral.pk])
    assert client_for("senco_a").get(url).status_code == 403
    assert client_for("other_caseworker").get(url).status_code == 404
    assert client_for("parent_a").get(reverse("ap_health_absences")).status_code == 403

    response = client_for("caseworker").post(url, {"note": "Named officer: J Smith."})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.acknowledged_by == world.caseworker and referral.note == "Named officer: J Smith."
    again = client_for("manager").post(url, {"note": "Twice"})
    assert again.status_code == 400 and "already been acknowledged" in again.content.decode()
    referral.refresh_from_db()
    assert referral.acknowledged_by == world.caseworker
    assert "Acknowledged" in client_for("senco_a").get(reverse("ap_health_absences")).content.decode()


def test_the_daily_check_refers_children_whose_days_arrived_another_way(world, settings):
    settings.AP_HEALTH_NEEDS_EMAIL = "health.needs@council.example"
    for day in [D(2026, 9, 1) + dt.timedelta(days=n) for n in range(30)]:
        if day.weekday() < 5:
            HealthAbsence.objects.create(child=world.child_b, school=world.school_b, absent_on=day,
                                         recorded_by=world.senco_b)
    call_command("check_children_out_of_school", "--today", "2026-10-01")
    call_command("check_children_out_of_school", "--today", "2026-10-02")
    referral = HealthNeedsReferral.objects.get()
    assert (referral.child, referral.flagged_on) == (world.child_b, D(2026, 10, 1))
    assert Notification.objects.filter(template="ap_clock_health_needs").count() == 1
