"""Fixes from a second independent review of alternative provision: the registration threshold is kept to each
council, a placement stays with its home and commissioning school, a council officer commissions for the child's own
council, a provider's registration changes are in its history, the needs hint warns against diagnoses, a calendar
closed for years gives a clear error, recording the same health absence twice at once is not a server error, and
the health needs email's subject says nothing about health."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from guardian.shortcuts import assign_perm

from alt_provision import services
from alt_provision.models import (
    ApprovedProvider,
    Exclusion,
    HealthAbsence,
    HealthNeedsReferral,
    Placement,
    ProviderStatusChange,
    SchoolHoliday,
)
from send_portal.notifications.models import Notification
from send_portal.organisations.models import Role
from send_portal.organisations.services import membership_start
from send_portal.people.services import child_change_home_authority, child_change_setting
from tests import factories
from tests.alt_provision.targets_commissioning import approved_provider, commissioning_lot
from tests.alt_provision.targets_providers import make_lots
from tests.alt_provision.test_placements import _direct_form, approved, placement
from tests.conftest import CANARY_A

D = dt.date
JUNE = D(2026, 6, 3)
THRESHOLD_HEADING = "to register as an independent school"


def _date(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


# --- 1. The registration threshold belongs to each council --------------------------------------------------

def _pupils(council, school, count, prefix):
    return [factories.child(council=council, setting=school, given_name=f"{prefix}{n}", family_name="Pupil")
            for n in range(count)]


def _otherton_school():
    return factories.school("Gamma Academy", "100003")


def _full_time(world, children, **extra):
    for child in children:
        placement(world, child=child, hours=25, **extra)


def test_the_banner_counts_every_councils_pupils_but_lists_only_providers_the_council_uses(world, client_for):
    gamma = _otherton_school()
    provider = approved(world.provider_org)
    # Three full-time pupils from each council: six in all, so the provider must register, although neither
    # council has five of its own. Both councils use it, so both are told.
    _full_time(world, _pupils(world.council, world.school_a, 3, "Testshire"), provider=provider)
    _full_time(world, _pupils(world.other_council, gamma, 3, "Otherton"), provider=provider)
    # One Otherton pupil with an EHC plan at a provider recorded by name: only Otherton's concern.
    _full_time(world, _pupils(world.other_council, gamma, 1, "Othertonehc"), provider_name="Riverside Mentoring",
               has_ehc_plan=True)

    ours = client_for("caseworker").get(reverse("ap_placement_register"))
    assert [(breach["name"], breach["full_time"]) for breach in ours.context["breaches"]] == [("Test Provider", 6)]
    assert "6 pupils full time" in ours.content.decode() and "Riverside Mentoring" not in ours.content.decode()
    assert "Otherton" not in ours.content.decode()
    theirs = client_for("other_caseworker").get(reverse("ap_placement_register"))
    assert [breach["name"] for breach in theirs.context["breaches"]] == ["Riverside Mentoring", "Test Provider"]


def test_each_council_is_emailed_only_about_its_own_placements(world, settings,
                                                                django_capture_on_commit_callbacks):
    settings.PORTAL_COUNCIL_NAME = world.council.name
    settings.AP_COMMISSIONING_EMAIL = "ap.team@council.example"
    world.other_council.email = "commissioning@otherton.example"
    world.other_council.save()
    gamma = _otherton_school()
    provider = approved(world.provider_org)
    _full_time(world, _pupils(world.council, world.school_a, 5, "Testshire"), provider=provider)
    _full_time(world, _pupils(world.other_council, gamma, 1, "Otherton"), provider_name="Riverside Mentoring",
               is_looked_after=True)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_threshold_check(JUNE) == 2
        assert services.registration_threshold_check(JUNE + dt.timedelta(days=3)) == 0
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"ap.team@council.example", "commissioning@otherton.example"}
    ours, theirs = sent["ap.team@council.example"], sent["commissioning@otherton.example"]
    assert "Test Provider" in ours.body and "5 pupils full time" in ours.body and "Riverside" not in ours.body
    assert "Riverside Mentoring" in theirs.body and "Test Provider" not in theirs.body
    assert "Otherton Council has pupils there" in theirs.body


def test_a_council_without_an_address_is_told_through_its_managers_not_another_councils_team(
        world, settings, django_capture_on_commit_callbacks):
    settings.PORTAL_COUNCIL_NAME = world.council.name
    settings.AP_COMMISSIONING_EMAIL = "ap.team@council.example"
    other_team = world.other_caseworker.memberships.get().organisation
    factories.staff_user(other_team, Role.LA_MANAGER, email="manager@otherton.example")
    _full_time(world, _pupils(world.other_council, _otherton_school(), 1, "Otherton"),
               provider_name="Riverside Mentoring", has_ehc_plan=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_threshold_check(JUNE) == 1
    assert [message.to for message in mail.outbox] == [["manager@otherton.example"]]
    assert not Notification.objects.filter(recipient_email="ap.team@council.example").exists()


# --- 2. A placement stays with its home and commissioning school --------------------------------------------

def test_a_placement_stays_with_its_home_school_when_the_child_moves(world, client_for):
    made = placement(world)
    assert (made.home_school, made.commissioner) == (world.school_a, world.school_a)
    child_change_setting(child=world.child_a, new_setting=world.school_b)
    url = reverse("ap_placement", args=[made.pk])

    home = client_for("senco_a")
    page = home.get(url)
    assert page.status_code == 200 and page.context["provider_view"] is False and CANARY_A in page.content.decode()
    assert home.get(reverse("ap_placement_end", args=[made.pk])).status_code == 200
    assert made.pk in {row["placement"].pk for row in home.get(reverse("ap_placement_register")).context["rows"]}

    # The child's new school had nothing to do with the placement.
    new_school = client_for("senco_b")
    assert new_school.get(url).status_code == 404
    assert new_school.get(reverse("ap_placement_review_new", args=[made.pk])).status_code == 404
    assert new_school.get(reverse("ap_placement_register")).context["rows"] == []
    assert client_for("caseworker").get(url).status_code == 200
    assert client_for("other_caseworker").get(url).status_code == 404


def test_a_senco_of_an_unrelated_school_gets_404(world, client):
    made = placement(world)
    gamma = factories.school("Gamma Primary School", "100004")
    unrelated = factories.staff_user(gamma, Role.SENCO, email="senco.gamma@example.test")
    client.force_login(unrelated, backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get(reverse("ap_placement", args=[made.pk])).status_code == 404
    assert client.get(reverse("ap_placement_end", args=[made.pk])).status_code == 404


def test_the_commissioning_school_sees_a_placement_at_another_home_school(world, client_for):
    made = placement(world, child=world.child_b)
    Placement.objects.filter(pk=made.pk).update(commissioner=world.school_a)
    assert client_for("senco_a").get(reverse("ap_placement", args=[made.pk])).status_code == 200
    assert client_for("senco_b").get(reverse("ap_placement", args=[made.pk])).status_code == 200


def test_a_council_keeps_the_placements_it_commissioned_when_the_child_moves_council(world, client_for):
    made = placement(world)
    Placement.objects.filter(pk=made.pk).update(commissioner=world.council)
    child_change_home_authority(child=world.child_a, new_authority=world.other_council)
    url = reverse("ap_placement", args=[made.pk])
    assert client_for("caseworker").get(url).status_code == 200
    assert client_for("other_caseworker").get(url).status_code == 200  # the child's new home council
    stranger = factories.council("Thirdshire Council")
    officer = factories.staff_user(factories.team(stranger, "Thirdshire SEND Team"), Role.LA_CASEWORKER,
                                   email="third@example.test")
    client = client_for("anonymous")
    client.force_login(officer, backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get(url).status_code == 404


# --- 3. A council officer commissions for the child's own council ---------------------------------------------

def test_an_officer_of_two_councils_commissions_for_the_childs_home_council(world, client):
    other_team = world.other_caseworker.memberships.get().organisation
    officer = factories.staff_user(other_team, Role.LA_CASEWORKER, email="two.councils@example.test")
    membership_start(user=officer, organisation=world.team, role=Role.LA_CASEWORKER)
    # "Otherton Council" comes first by name; the child's home council is Testshire.
    client.force_login(officer, backend="allauth.account.auth_backends.AuthenticationBackend")
    response = client.post(reverse("ap_placement_new"), _direct_form(world))
    assert response.status_code == 302
    assert Placement.objects.get().commissioner == world.council


def test_an_officer_who_does_not_work_for_the_childs_council_is_refused(world, client_for):
    # Shared with them directly, so they can choose the child, but they work for another council.
    assign_perm("people.view_child", world.other_caseworker, world.child_a)
    response = client_for("other_caseworker").post(reverse("ap_placement_new"), _direct_form(world))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "you do not work for it" in page
    assert not Placement.objects.exists()


# --- 4. A provider's registration changes are in its history -------------------------------------------------

def test_registration_changes_after_admission_are_in_the_history(world, client_for):
    provider = approved_provider(world.provider_org, commissioning_lot(), registered=True)
    client = client_for("provider")
    url = reverse("ap_provider_registration", args=[provider.pk])
    assert client.post(url, {"registration": "unregistered", "urn": ""}).status_code == 302
    assert client.post(url, {"registration": "registered_school", "urn": "654321"}).status_code == 302
    assert client.post(url, {"registration": "registered_school", "urn": "654321"}).status_code == 302  # no change
    rows = list(provider.history.order_by("pk").values_list("from_status", "to_status", "reason", "changed_by"))
    assert rows == [
        ("admitted", "admitted", "Registration status changed from Registered school (Ofsted or independent "
                                 "school), URN 123456 to Not registered as a school.", world.provider.pk),
        ("admitted", "admitted", "Registration status changed from Not registered as a school to Registered school "
                                 "(Ofsted or independent school), URN 654321.", world.provider.pk),
    ]
    page = client_for("manager").get(reverse("ap_provider_detail", args=[provider.pk])).content.decode()
    assert "URN 654321" in page and "Approved to Approved" not in page


def test_registration_changes_while_first_applying_are_not_history(world):
    provider = services.provider_start(organisation=world.provider_org, user=world.provider)
    services.provider_registration_save(provider=provider, registration="registered_school", urn="123456",
                                        user=world.provider)
    services.provider_registration_save(provider=provider, registration="unregistered", user=world.provider)
    assert ProviderStatusChange.objects.filter(provider=provider).count() == 1  # only "started an application"


def test_leaving_registered_school_status_on_a_schools_only_lot_is_refused(world, client_for):
    provider = approved_provider(world.provider_org, make_lots()["registered"], registered=True)
    response = client_for("provider").post(reverse("ap_provider_registration", args=[provider.pk]),
                                           {"registration": "unregistered", "urn": ""})
    assert response.status_code == 400
    assert "Contact the council" in response.content.decode()
    provider.refresh_from_db()
    assert (provider.registration, provider.urn) == (ApprovedProvider.Registration.REGISTERED_SCHOOL, "123456")
    assert not provider.history.exists()


# --- 5. The needs hint warns against diagnoses ----------------------------------------------------------------

def test_the_needs_hint_says_not_to_include_diagnoses_or_identifying_details(world, client_for):
    page = client_for("senco_a").get(reverse("ap_requirement_new")).content.decode()
    assert "Do not include diagnoses or medical conditions" in page
    assert "other details that could identify them" in page


# --- 6. A calendar closed for years gives a clear error, not a server error ----------------------------------

def test_an_exclusion_under_a_calendar_closed_for_years_is_refused_clearly(world, client_for):
    SchoolHoliday.objects.create(local_authority=world.council, name="Entered in error", starts_on=D(2025, 1, 1),
                                 ends_on=D(2027, 12, 31))
    response = client_for("senco_a").post(reverse("ap_exclusion_new"), {
        "child": world.child_a.pk, "kind": "permanent", **_date("first_day", D(2026, 2, 12)), "school_days": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "no school day within a year" in page
    assert not Exclusion.objects.exists()


def test_a_holiday_that_would_close_schools_for_a_year_is_refused_at_entry(world, client_for):
    SchoolHoliday.objects.create(local_authority=world.council, name="Long closure", starts_on=D(2027, 1, 4),
                                 ends_on=D(2027, 10, 29))
    response = client_for("caseworker").post(reverse("ap_school_holiday_new"), {
        "name": "Winter", **_date("starts_on", D(2027, 11, 1)), **_date("ends_on", D(2028, 3, 31))})
    assert response.status_code == 400
    assert "closed for a year or more in a row" in response.content.decode()
    assert SchoolHoliday.objects.count() == 1


def test_a_long_closure_already_entered_does_not_stop_other_holidays(world, client_for):
    running = services.exclusion_record(child=world.child_a, kind="permanent", first_day=D(2026, 11, 20),
                                        recorded_by=world.senco_a, today=D(2026, 11, 20))
    SchoolHoliday.objects.create(local_authority=world.council, name="Entered in error", starts_on=D(2026, 11, 21),
                                 ends_on=D(2028, 1, 31))
    response = client_for("caseworker").post(reverse("ap_school_holiday_new"), {
        "name": "Half term", **_date("starts_on", D(2028, 2, 14)), **_date("ends_on", D(2028, 2, 18))})
    assert response.status_code == 302
    before = running.sixth_day
    running.refresh_from_db()
    assert running.sixth_day == before


# --- 7. The same health absence recorded twice at once ---------------------------------------------------------

def _absent(client, child, day):
    return client.post(reverse("ap_health_absence_new"), {
        "child": child.pk, **_date("first_day", day), "last_day_0": "", "last_day_1": "", "last_day_2": ""})


def test_recording_the_same_day_twice_is_not_an_error(world, client_for):
    first = services.health_absences_record(child=world.child_a, first_day=D(2026, 9, 7), recorded_by=world.senco_a)
    again = services.health_absences_record(child=world.child_a, first_day=D(2026, 9, 7), recorded_by=world.senco_a)
    assert (first["recorded"], again["recorded"], again["already"]) == (1, 0, 1)
    client = client_for("senco_a")
    assert _absent(client, world.child_a, D(2026, 9, 8)).status_code == 302
    response = _absent(client, world.child_a, D(2026, 9, 8))
    assert response.status_code == 302
    assert HealthAbsence.objects.filter(child=world.child_a).count() == 2


def _race(monkeypatch):
    """Another save records the day just after this one looked: the first look finds nothing."""
    original = HealthAbsence.objects.filter
    looked = []

    def first_look_misses(*args, **kwargs):
        if not looked:
            looked.append(True)
            return HealthAbsence.objects.none()
        return original(*args, **kwargs)

    monkeypatch.setattr(HealthAbsence.objects, "filter", first_look_misses)


def test_a_concurrent_save_of_the_same_day_is_idempotent(world, client_for, monkeypatch):
    HealthAbsence.objects.create(child=world.child_a, school=world.school_a, absent_on=D(2026, 9, 9),
                                 recorded_by=world.caseworker)
    _race(monkeypatch)
    result = services.health_absences_record(child=world.child_a, first_day=D(2026, 9, 9), recorded_by=world.senco_a)
    assert (result["recorded"], result["already"]) == (0, 1)
    assert HealthAbsence.objects.filter(child=world.child_a).count() == 1


def test_a_concurrent_save_through_the_page_is_not_a_server_error(world, client_for, monkeypatch):
    HealthAbsence.objects.create(child=world.child_a, school=world.school_a, absent_on=D(2026, 9, 10),
                                 recorded_by=world.caseworker)
    _race(monkeypatch)
    response = _absent(client_for("senco_a"), world.child_a, D(2026, 9, 10))
    assert response.status_code == 302
    assert HealthAbsence.objects.filter(child=world.child_a).count() == 1


def test_a_save_that_keeps_colliding_is_a_clear_form_error(world, client_for, monkeypatch):
    from django.db import IntegrityError

    def always_collides(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: one_health_absence_per_child_day")

    monkeypatch.setattr(HealthAbsence.objects, "bulk_create", always_collides)
    response = _absent(client_for("senco_a"), world.child_a, D(2026, 9, 11))
    assert response.status_code == 400
    assert "at the same time" in response.content.decode()


# --- 8. The health needs email's subject says nothing about health ---------------------------------------------

@pytest.mark.parametrize("word", ["health", "absent", "absence", "ill", "medical"])
def test_the_health_needs_email_is_neutral(world, settings, django_capture_on_commit_callbacks, word):
    settings.AP_HEALTH_NEEDS_EMAIL = "health.needs@council.example"
    with django_capture_on_commit_callbacks(execute=True):
        services.health_absences_record(child=world.child_a, first_day=D(2026, 9, 1), last_day=D(2026, 9, 21),
                                        recorded_by=world.senco_a)
    assert HealthNeedsReferral.objects.count() == 1
    message = mail.outbox[0]
    assert message.subject.endswith(f"a child needs your team's attention (reference {world.child_a.reference})")
    assert word not in message.subject.lower().split(":", 1)[1].replace("(", " ").split()
    assert word not in message.body.lower().replace(".", " ").replace(",", " ").split()
    assert CANARY_A not in message.subject + message.body
    assert reverse("ap_health_absences") in message.body
