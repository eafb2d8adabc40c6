import html

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.urls import reverse

from send_portal.accounts.models import User
from send_portal.people.models import CapacityDecision, Child

pytestmark = pytest.mark.django_db


def _entries(obj, action):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk),
                                   action=action)


def test_viewing_a_childs_record_is_logged_with_who_and_why(world, client_for):
    client_for("senco_a").get(reverse("child_detail", args=[world.child_a.pk]))
    entry = _entries(world.child_a, LogEntry.Action.ACCESS).get()
    assert entry.actor == world.senco_a
    assert entry.additional_data == {"purpose": "view"}
    assert entry.object_repr == world.child_a.reference  # the reference, not the name
    assert entry.timestamp.tzinfo is not None


def test_refused_view_is_not_logged_as_access(world, client_for):
    client_for("parent_b").get(reverse("child_detail", args=[world.child_a.pk]))
    assert not _entries(world.child_a, LogEntry.Action.ACCESS).exists()


def test_changes_are_logged_without_special_category_text(world, client_for):
    client = client_for("caseworker")
    client.post(reverse("child_capacity_record", args=[world.child_a.pk]), {
        "decision": "all", "assessed_on_0": "3", "assessed_on_1": "2", "assessed_on_2": "2025",
        "basis": "SECRET-HEALTH-DETAIL assessed by the learning disability team"})
    record = CapacityDecision.objects.get()
    entry = _entries(record, LogEntry.Action.CREATE).get()
    assert entry.actor == world.caseworker
    assert "SECRET-HEALTH-DETAIL" not in str(entry.changes)


def test_manager_sees_the_access_log(world, client_for):
    client_for("senco_a").get(reverse("child_detail", args=[world.child_a.pk]))
    response = client_for("manager").get(reverse("child_access_log", args=[world.child_a.pk]))
    body = html.unescape(response.content.decode())  # names such as O'Connor arrive escaped
    assert world.senco_a.full_name in body
    assert "Opened (view)" in body


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")


def test_seed_demo_builds_the_area_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), Child.objects.count(), LogEntry.objects.filter(action=0).count())
    call_command("seed_demo")
    assert (User.objects.count(), Child.objects.count(), LogEntry.objects.filter(action=0).count()) == counts
    emails = set(User.objects.values_list("email", flat=True))
    for name in ["parent", "parent2", "youngperson", "senco", "caseworker", "manager", "adviser", "panel",
                 "provider", "lead", "admin"]:
        assert f"{name}@demo.test" in emails
    from send_portal.organisations.models import District, Organisation

    assert District.objects.count() == 8
    # 40 in Exampleshire, plus independent, section 41 and out-of-area settings in the directory.
    assert Organisation.objects.filter(kind="school").count() == 45
    assert Organisation.objects.filter(kind="school", is_section_41=True).count() == 2
    assert Organisation.objects.filter(kind="provider").count() == 8

    from django.db.models import Count, Q

    from local_offer.models import Feedback, Location, Service, TaxonomyTerm

    published = Service.objects.filter(visibility="published")
    assert published.count() >= 60
    categories = TaxonomyTerm.objects.filter(taxonomy__purpose="categories").annotate(
        listed=Count("services", filter=Q(services__visibility="published")))
    assert categories.count() == 11 and all(category.listed >= 4 for category in categories)
    assert not Location.objects.filter(service_at_locations__service__in=published, easting__isnull=True).exists()
    assert Feedback.objects.filter(is_published=True).exists()


def test_demo_staff_sign_in_with_the_published_totp_secret(settings, client):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    from send_portal.core.management.commands.seed_demo import DEMO_TOTP_SECRET

    settings.DEBUG = True
    call_command("seed_demo")
    response = client.post(reverse("account_login"), {"login": "caseworker@demo.test",
                                                      "password": settings.PORTAL_DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counters[len(counters) // 2]))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert b"Tom Reid" in home.content
