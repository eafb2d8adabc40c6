"""The daily listing review job, with fixed dates: reminders, flagging, hiding, and idempotency."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings

from local_offer.models import Service
from local_offer.services import listing_confirm, review_listings
from local_offer.tasks import review_listings as review_task
from send_portal.notifications.models import Notification
from tests.local_offer.targets_provider import pending_change, published_listing

TODAY = dt.date(2026, 3, 2)


def _due_in(service, days):
    Service.objects.filter(pk=service.pk).update(review_due_on=TODAY + dt.timedelta(days=days))
    service.refresh_from_db()
    return service


@pytest.fixture
def listing(world):
    return published_listing(world.provider_org)


@pytest.mark.parametrize(("days", "template", "flagged", "visibility"), [
    (29, None, False, "published"),
    (28, "local_offer_review_reminder", False, "published"),
    (7, "local_offer_review_reminder", False, "published"),
    (0, "local_offer_review_reminder", False, "published"),
    (-1, "local_offer_review_flagged", True, "published"),
    (-28, "local_offer_review_flagged", True, "published"),
    (-29, "local_offer_listing_hidden", True, "hidden"),
])
@override_settings(LOCAL_OFFER_TEAM_EMAIL="")
def test_review_job_table(world, listing, days, template, flagged, visibility):
    _due_in(listing, days)
    review_listings(today=TODAY)
    listing.refresh_from_db()
    templates = set(Notification.objects.values_list("template", flat=True))
    assert (template in templates) if template else not templates
    assert set(Notification.objects.values_list("recipient_email", flat=True)) <= {"provider@example.test"}
    assert (listing.review_flagged_on == TODAY) is flagged
    assert listing.visibility == visibility
    assert (listing.hidden_on == TODAY) is (visibility == "hidden")


def test_reminder_stages_are_sent_once_each(world, listing):
    due = TODAY + dt.timedelta(days=28)
    Service.objects.filter(pk=listing.pk).update(review_due_on=due)
    for day in range(0, 30):
        review_listings(today=TODAY + dt.timedelta(days=day))
    keys = sorted(Notification.objects.values_list("idempotency_key", flat=True))
    assert len(keys) == 3  # 28 days before, 7 days before, then flagged the day after the due date
    assert any(":due_28:" in key for key in keys) and any(":due_7:" in key for key in keys)
    assert any(":flagged:" in key for key in keys)


@override_settings(LOCAL_OFFER_TEAM_EMAIL="localoffer@example.test")
def test_running_twice_the_same_day_changes_nothing(world, listing):
    _due_in(listing, -29)
    first = review_listings(today=TODAY)
    assert first["hidden"] == 1 and first["flagged"] == 1 and first["emails"] == 3
    assert set(Notification.objects.values_list("recipient_email", flat=True)) == {
        "provider@example.test", "localoffer@example.test"}
    before = Service.objects.filter(pk=listing.pk).values().get()
    count = Notification.objects.count()
    second = review_listings(today=TODAY)
    assert second == {**first, "flagged": 0, "hidden": 0, "emails": 0}
    assert Notification.objects.count() == count
    assert Service.objects.filter(pk=listing.pk).values().get() == before


@override_settings(LOCAL_OFFER_REVIEW_GRACE_DAYS=7)
def test_grace_period_comes_from_settings(world, listing):
    _due_in(listing, -8)
    review_listings(today=TODAY)
    listing.refresh_from_db()
    assert listing.visibility == Service.Visibility.HIDDEN


def test_confirming_or_an_approved_change_republishes(world, listing):
    _due_in(listing, -40)
    review_listings(today=TODAY)
    listing.refresh_from_db()
    assert listing.visibility == Service.Visibility.HIDDEN
    listing_confirm(service=listing, today=TODAY)
    listing.refresh_from_db()
    assert listing.visibility == Service.Visibility.PUBLISHED and listing.review_flagged_on is None
    assert listing.review_due_on == dt.date(2027, 3, 2)

    _due_in(listing, -40)
    review_listings(today=TODAY)
    from local_offer.services import proposal_approve

    proposal_approve(proposal=pending_change(listing, world.provider, name="Fresh"), decided_by=world.manager)
    listing.refresh_from_db()
    assert listing.visibility == Service.Visibility.PUBLISHED and listing.hidden_on is None


def test_command_and_task_run_the_same_service(world, listing, capsys):
    _due_in(listing, 7)
    call_command("review_listings", "--today", TODAY.isoformat())
    assert "1 listing(s) checked" in capsys.readouterr().out
    assert Notification.objects.count() == 1
    assert review_task.apply().get()["checked"] == 1
