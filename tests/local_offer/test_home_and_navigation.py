"""The Local Offer team and listing keepers see what is waiting for them on their home page and in the menu."""

import datetime as dt
import html

from django.urls import reverse

from local_offer.models import Service
from tests.local_offer.targets_provider import directory_for, pending_change, published_listing


def test_the_local_offer_team_sees_what_is_waiting(world, client_for):
    service = published_listing(world.provider_org)
    pending_change(service, world.provider, description="New description.")
    Service.objects.filter(pk=service.pk).update(review_due_on=dt.date.today() - dt.timedelta(days=3))
    page = html.unescape(client_for("manager").get(reverse("home")).content.decode())
    assert "1 provider change to check" in page
    assert "1 listing past its review date" in page
    assert reverse("local_offer_moderation_queue") in page  # also in the menu


def test_a_provider_sees_listings_that_need_checking(world, client_for):
    service = published_listing(world.provider_org)
    Service.objects.filter(pk=service.pk).update(review_due_on=dt.date.today() + dt.timedelta(days=10))
    page = client_for("provider").get(reverse("home")).content.decode()
    assert "You keep 1 listing up to date" in page and "1 needs checking soon" in page
    assert reverse("local_offer_moderation_queue") not in page


def test_people_without_listings_see_no_listing_section(world, client_for):
    directory_for(world.provider_org)
    page = client_for("parent_a").get(reverse("home")).content.decode()
    assert "Your Local Offer listings" not in page and "provider change" not in page
