"""The moderation queue: the difference page, approving, rejecting with a reason, bulk approval."""

import pytest
from django.urls import reverse

from local_offer.models import Service, ServiceProposal, Taxonomy
from local_offer.services import listing_apply, listing_snapshot
from send_portal.notifications.models import Notification
from tests.local_offer.targets_provider import listing_data, pending_change, published_listing, term


@pytest.fixture
def listing(world):
    return published_listing(world.provider_org)


def test_difference_page_shows_before_and_after_with_term_names(world, client_for, listing):
    need = term(Taxonomy.Purpose.NEEDS, "autism", "Autism")
    snapshot = listing_snapshot(listing)
    snapshot["locations"][0]["postcode"] = "EX2 2BB"
    proposal = pending_change(listing, world.provider, terms=snapshot["terms"] + [str(need.pk)],
                              locations=snapshot["locations"], is_free=False)
    page = client_for("manager").get(reverse("local_offer_moderation_proposal", args=[proposal.pk])).content.decode()
    assert "Needs supported" in page and "Autism" in page and str(need.pk) not in page
    assert "EX1 1AA" in page and "EX2 2BB" in page
    assert "Every Saturday, 10am to midday (in person)" in page
    assert "Free" in page and ">Yes<" in page and ">No<" in page


def test_stale_proposal_warns_the_moderator(world, client_for, listing):
    proposal = pending_change(listing, world.provider, name="Renamed")
    listing_apply(data={**listing_snapshot(listing), "phone": "01632 960 999"}, organisation=listing.organisation,
                  service=listing)
    page = client_for("admin").get(reverse("local_offer_moderation_proposal", args=[proposal.pk])).content.decode()
    assert "has changed since the provider started" in page


def test_rejection_needs_a_reason_and_tells_the_provider(world, client_for, listing):
    proposal = pending_change(listing, world.provider, name="Renamed")
    client = client_for("manager")
    url = reverse("local_offer_moderation_reject", args=[proposal.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "Enter the reason the change cannot be published" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "pending"

    response = client.post(url, {"reason": "Please add the session times."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "rejected" and proposal.decided_by == world.manager
    listing.refresh_from_db()
    assert listing.name == "Saturday Sensory Club"
    note = Notification.objects.get(template="local_offer_proposal_rejected")
    assert note.recipient_email == "provider@example.test"


def test_rejection_email_carries_the_reason(world, client_for, listing, mailoutbox, django_capture_on_commit_callbacks):
    proposal = pending_change(listing, world.provider, name="Renamed")
    with django_capture_on_commit_callbacks(execute=True):
        client_for("admin").post(reverse("local_offer_moderation_reject", args=[proposal.pk]),
                                 {"reason": "Please add the session times."})
    assert len(mailoutbox) == 1 and "Please add the session times." in mailoutbox[0].body


def test_bulk_approve(world, client_for, listing):
    second = published_listing(world.provider_org, name="Sunday Swim")
    first_change = pending_change(listing, world.provider, name="Saturday Sensory Club (new times)")
    second_change = pending_change(second, world.provider, name="Sunday Swim (quiet session)")
    new = ServiceProposal.objects.create(organisation=listing.organisation, data=listing_data("Brand New Club"),
                                         proposed_by=world.provider)
    untouched = pending_change(published_listing(world.provider_org, name="Untouched"), world.provider,
                               name="Not chosen")
    client = client_for("manager")
    empty = client.post(reverse("local_offer_moderation_queue"), {})
    assert empty.status_code == 400 and "Select at least one proposal to approve" in empty.content.decode()

    response = client.post(reverse("local_offer_moderation_queue"),
                           {"proposal": [first_change.pk, second_change.pk, new.pk]}, follow=True)
    assert "3 proposals approved and published." in response.content.decode()
    assert set(Service.objects.values_list("name", flat=True)) == {
        "Saturday Sensory Club (new times)", "Sunday Swim (quiet session)", "Brand New Club", "Untouched"}
    untouched.refresh_from_db()
    assert untouched.status == "pending"
    assert Notification.objects.filter(template="local_offer_proposal_approved").count() == 3


def test_approving_twice_is_refused_cleanly(world, client_for, listing):
    proposal = pending_change(listing, world.provider, name="Renamed")
    client = client_for("manager")
    client.post(reverse("local_offer_moderation_approve", args=[proposal.pk]))
    response = client.post(reverse("local_offer_moderation_approve", args=[proposal.pk]), follow=True)
    assert "already been decided" in response.content.decode()
    assert Notification.objects.filter(template="local_offer_proposal_approved").count() == 1
