"""Fixes to moderation: bad proposals give a clear error rather than a server error, stale proposals are not
approved blindly, schools' listings link to their settings-directory entry, and the team can withdraw and
republish listings."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.db import DataError
from django.urls import reverse

from local_offer.models import Service, ServiceProposal
from local_offer.services import listing_apply, listing_snapshot, review_listings
from send_portal.notifications.models import Notification
from tests.local_offer.targets_provider import directory_for, listing_data, pending_change, published_listing

LONG_BYDAY = ",".join(f"{week}{day}" for week in ("1", "2", "3", "4", "-1")
                      for day in ("MO", "TU", "WE", "TH", "FR", "SA", "SU"))


@pytest.fixture
def listing(world):
    return published_listing(world.provider_org)


def _bad_change(listing, user):
    data = listing_snapshot(listing)
    data["name"] = "Should not appear"
    data["schedules"] = [{"freq": "MONTHLY", "interval": 1, "byday": LONG_BYDAY}]
    return pending_change(listing, user, **data)


def test_approving_an_over_long_byday_gives_a_clear_error_and_changes_nothing(world, client_for, listing):
    assert len(LONG_BYDAY) > 60
    before = listing_snapshot(listing)
    proposal = _bad_change(listing, world.provider)
    response = client_for("manager").post(reverse("local_offer_moderation_approve", args=[proposal.pk]),
                                          follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "A schedule cannot be saved" in page and "at most 60 characters" in page
    listing.refresh_from_db()
    proposal.refresh_from_db()
    assert listing_snapshot(listing) == before and proposal.status == "pending"
    assert not Notification.objects.exists()


def test_bulk_approval_reports_a_bad_proposal_and_publishes_the_rest(world, client_for, listing):
    bad = _bad_change(listing, world.provider)
    other = published_listing(world.provider_org, name="Sunday Swim")
    good = pending_change(other, world.provider, name="Sunday Swim (quiet session)")
    response = client_for("manager").post(reverse("local_offer_moderation_queue"),
                                          {"proposal": [bad.pk, good.pk]}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 proposal approved and published." in page
    assert "could not be published and are still waiting: Should not appear" in page
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.status == "pending" and good.status == "approved"
    listing.refresh_from_db()
    assert listing.name == "Saturday Sensory Club"


def test_a_database_refusal_is_reported_not_a_server_error(world, client_for, listing, monkeypatch):
    proposal = pending_change(listing, world.provider, name="Renamed")
    second = pending_change(published_listing(world.provider_org, name="Sunday Swim"), world.provider,
                            name="Sunday Swim renamed")

    def refuse(**kwargs):
        raise DataError("value too long for type character varying(60)")

    monkeypatch.setattr("local_offer.services.moderation.listing_apply", refuse)
    client = client_for("manager")
    response = client.post(reverse("local_offer_moderation_approve", args=[proposal.pk]), follow=True)
    assert response.status_code == 200 and "could not be published because" in response.content.decode()
    response = client.post(reverse("local_offer_moderation_queue"), {"proposal": [proposal.pk, second.pk]},
                           follow=True)
    assert "could not be published and are still waiting" in response.content.decode()
    assert set(ServiceProposal.objects.values_list("status", flat=True)) == {"pending"}


def _make_stale(listing, world):
    proposal = pending_change(listing, world.provider, name="Renamed")
    listing_apply(data={**listing_snapshot(listing), "phone": "01632 960 999"}, organisation=listing.organisation,
                  service=listing)
    return proposal


def test_bulk_approval_skips_stale_proposals(world, client_for, listing):
    stale = _make_stale(listing, world)
    fresh = pending_change(published_listing(world.provider_org, name="Sunday Swim"), world.provider,
                           name="Sunday Swim renamed")
    response = client_for("manager").post(reverse("local_offer_moderation_queue"),
                                          {"proposal": [stale.pk, fresh.pk]}, follow=True)
    page = response.content.decode()
    assert "1 proposal approved and published." in page
    assert "1 was not approved because the listing changed since; open each to check" in page
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == "pending" and fresh.status == "approved"


def test_single_approval_of_a_stale_proposal_needs_confirmation(world, client_for, listing):
    proposal = _make_stale(listing, world)
    client = client_for("manager")
    page = client.get(reverse("local_offer_moderation_proposal", args=[proposal.pk])).content.decode()
    assert "I have checked the changes against the listing as it is now" in page
    url = reverse("local_offer_moderation_approve", args=[proposal.pk])
    response = client.post(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "Confirm you have checked the changes" in page
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    response = client.post(url, {"confirm_stale": "yes"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    listing.refresh_from_db()
    assert proposal.status == "approved" and listing.name == "Renamed"


def test_approving_a_schools_listing_links_it_to_the_settings_directory(world, client_for):
    directory = directory_for(world.school_a)
    proposal = ServiceProposal.objects.create(organisation=directory, data=listing_data("Alpha Primary School"),
                                              proposed_by=world.senco_a)
    response = client_for("manager").post(reverse("local_offer_moderation_approve", args=[proposal.pk]))
    assert response.status_code == 302
    service = Service.objects.get(name="Alpha Primary School")
    assert service.setting == world.school_a
    # A second listing from the same school cannot take the link (it is one listing per setting).
    second = ServiceProposal.objects.create(organisation=directory, data=listing_data("Alpha Holiday Club"),
                                            proposed_by=world.senco_a)
    client_for("manager").post(reverse("local_offer_moderation_approve", args=[second.pk]))
    assert Service.objects.get(name="Alpha Holiday Club").setting is None


def test_provider_listing_is_not_linked_to_a_setting(world, client_for, listing):
    proposal = pending_change(listing, world.provider, name="Renamed")
    client_for("manager").post(reverse("local_offer_moderation_approve", args=[proposal.pk]))
    listing.refresh_from_db()
    assert listing.setting is None


def test_listings_page_shows_what_needs_attention(world, client_for, listing):
    today = dt.date.today()
    overdue = published_listing(world.provider_org, name="Overdue Club")
    hidden = published_listing(world.provider_org, name="Hidden Club")
    withdrawn = published_listing(world.provider_org, name="Withdrawn Club")
    Service.objects.filter(pk=overdue.pk).update(review_due_on=today - dt.timedelta(days=3),
                                                 review_flagged_on=today - dt.timedelta(days=2))
    Service.objects.filter(pk=hidden.pk).update(visibility=Service.Visibility.HIDDEN)
    Service.objects.filter(pk=withdrawn.pk).update(visibility=Service.Visibility.WITHDRAWN)
    client = client_for("manager")
    url = reverse("local_offer_listings_manage")
    page = client.get(url).content.decode()
    assert "Overdue Club" in page and "Hidden Club" in page
    assert "Saturday Sensory Club" not in page and "Withdrawn Club" not in page
    assert 'aria-current="page">Listings<' in page
    assert "Withdrawn Club" in client.get(url, {"state": "withdrawn"}).content.decode()
    flagged = client.get(url, {"state": "flagged"}).content.decode()
    assert "Overdue Club" in flagged and "Hidden Club" not in flagged
    found = client.get(url, {"state": "published", "q": "sensory"}).content.decode()
    assert "Saturday Sensory Club" in found and "Overdue Club" not in found


def test_withdraw_needs_a_reason_then_takes_the_listing_down_and_tells_the_keepers(world, client_for, listing):
    waiting = pending_change(listing, world.provider, name="Renamed")
    client = client_for("manager")
    url = reverse("local_offer_listing_manage", args=[listing.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "withdraw", "reason": "  "})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "Enter why the listing is being withdrawn" in response.content.decode()
    listing.refresh_from_db()
    assert listing.visibility == Service.Visibility.PUBLISHED

    response = client.post(url, {"action": "withdraw", "reason": "The service has closed down."})
    assert response.status_code == 302
    listing.refresh_from_db()
    waiting.refresh_from_db()
    assert listing.visibility == Service.Visibility.WITHDRAWN
    assert waiting.status == "rejected" and "The service has closed down." in waiting.decision_reason
    entry = LogEntry.objects.filter(object_pk=str(listing.pk), additional_data__withdrawn_reason__isnull=False).get()
    assert entry.additional_data["withdrawn_reason"] == "The service has closed down."
    assert entry.actor == world.manager
    note = Notification.objects.get(template="local_offer_listing_withdrawn")
    assert note.recipient_email == "provider@example.test"
    assert client.get(reverse("local_offer_service", args=[listing.pk])).status_code == 404

    assert client.post(url, {"action": "withdraw", "reason": "Again."}).status_code == 400
    response = client.post(url, {"action": "republish"})
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.visibility == Service.Visibility.PUBLISHED
    assert client.post(url, {"action": "republish"}).status_code == 400
    assert client.post(url, {"action": "something else"}).status_code == 400


def test_review_job_only_looks_at_listings_that_are_due(world, listing):
    today = dt.date(2026, 3, 2)
    due = published_listing(world.provider_org, name="Due Soon")
    hidden = published_listing(world.provider_org, name="Hidden")
    Service.objects.filter(pk=listing.pk).update(review_due_on=today + dt.timedelta(days=200))
    Service.objects.filter(pk=due.pk).update(review_due_on=today + dt.timedelta(days=10))
    Service.objects.filter(pk=hidden.pk).update(review_due_on=today - dt.timedelta(days=60),
                                                visibility=Service.Visibility.HIDDEN)
    assert review_listings(today=today)["checked"] == 2
