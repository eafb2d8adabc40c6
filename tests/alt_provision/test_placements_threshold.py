"""The registration threshold: a provider that is not a registered school teaching 5 or more pupils full time, or
any full-time pupil with an EHC plan or who is looked after, must register as an independent school. The council
sees a banner on the register and its commissioning team gets one email a month for each such provider."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from alt_provision.models import ApprovedProvider
from alt_provision.placement_tasks import check_provider_registration
from alt_provision.selectors import registration_threshold_breaches
from alt_provision.services import registration_threshold_check
from send_portal.notifications.models import Notification
from tests import factories
from tests.alt_provision.test_placements import START, approved, placement
from tests.conftest import CANARY_A, CANARY_B

JUNE = dt.date(2026, 6, 3)


def _children(world, count):
    return [factories.child(council=world.council, setting=world.school_a, given_name=f"Pupil{n}",
                            family_name="Test") for n in range(count)]


def _full_time(world, count, *, part_time=0, ehc=0, looked_after=0, registration="unregistered", typed=False):
    provider = None if typed else approved(world.provider_org, registration)
    extra = {"provider_name": "Riverside Mentoring"} if typed else {"provider": provider}
    kids = _children(world, count + part_time)
    for number, child in enumerate(kids):
        placement(world, child=child, hours=25 if number < count else 10, has_ehc_plan=number < ehc,
                  is_looked_after=number < looked_after, **extra)
    return provider


@pytest.mark.parametrize(("setup", "alerted"), [
    ({"count": 4}, False),
    ({"count": 5}, True),
    ({"count": 4, "part_time": 3}, False),
    ({"count": 1, "ehc": 1}, True),
    ({"count": 1, "looked_after": 1}, True),
    ({"count": 0, "part_time": 1}, False),
    ({"count": 5, "typed": True}, True),
    ({"count": 1, "ehc": 1, "typed": True}, True),
    ({"count": 6, "ehc": 2, "registration": "registered_school"}, False),
])
def test_threshold_table(world, setup, alerted):
    _full_time(world, **setup)
    breaches = registration_threshold_breaches()
    assert bool(breaches) is alerted
    if alerted:
        name = "Riverside Mentoring" if setup.get("typed") else "Test Provider"
        assert [breach["name"] for breach in breaches] == [name]


def test_a_typed_registered_school_never_counts(world):
    for child in _children(world, 5):
        placement(world, child=child, hours=25, provider_name="Hill School", provider_is_registered_school=True,
                  has_ehc_plan=True)
    assert registration_threshold_breaches() == []


def test_ended_placements_do_not_count(world):
    _full_time(world, 5)
    from alt_provision.models import Placement  # noqa: PLC0415
    Placement.objects.filter(pk=Placement.objects.order_by("pk").first().pk).update(
        status="ended", outcome="reintegrated", outcome_on=START)
    assert registration_threshold_breaches() == []


def test_the_register_warns_the_council_and_says_why(world, client_for):
    _full_time(world, 1, ehc=1)
    page = client_for("caseworker").get(reverse("ap_placement_register")).content.decode()
    assert "govuk-notification-banner" in page and "Test Provider" in page
    assert "register as an independent school" in page and "EHC" in page
    school_page = client_for("senco_b").get(reverse("ap_placement_register")).content.decode()
    assert "govuk-notification-banner" not in school_page


def test_the_daily_check_emails_once_a_month(world, settings, django_capture_on_commit_callbacks):
    settings.AP_COMMISSIONING_EMAIL = "ap.team@council.example"
    _full_time(world, 5)
    with django_capture_on_commit_callbacks(execute=True):
        assert registration_threshold_check(JUNE) == 1
        assert registration_threshold_check(JUNE + dt.timedelta(days=1)) == 0
        call_command("check_provider_registration", "--today", "2026-06-20")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ap.team@council.example"]
    assert "Test Provider" in message.body and "5 pupils full time" in message.body
    for canary in (CANARY_A, CANARY_B):
        assert canary not in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert registration_threshold_check(dt.date(2026, 7, 1)) == 1
    assert len(mail.outbox) == 2


def test_no_address_means_no_email(world, settings):
    settings.AP_COMMISSIONING_EMAIL = ""
    _full_time(world, 5)
    assert registration_threshold_check(JUNE) == 0
    assert not Notification.objects.exists()


def test_the_task_runs_the_check(world, settings):
    settings.AP_COMMISSIONING_EMAIL = "ap.team@council.example"
    _full_time(world, 1, looked_after=1, typed=True)
    assert check_provider_registration.apply().get() == 1
    assert Notification.objects.get().template == "ap_placement_registration_threshold"


def test_a_provider_that_registers_is_no_longer_flagged(world):
    provider = _full_time(world, 5)
    ApprovedProvider.objects.filter(pk=provider.pk).update(registration="registered_school")
    assert registration_threshold_breaches() == []
