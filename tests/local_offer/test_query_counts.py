"""Every Local Offer list page makes the same number of queries whatever the number of rows on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from local_offer.models import Feedback, Service
from send_portal.organisations.models import Organisation, OrganisationKind
from tests.local_offer.targets_provider import directory_for, pending_change, published_listing


def _add_rows(world, start, count):
    for number in range(start, start + count):
        service = published_listing(world.provider_org, name=f"Club {number:03d}")
        pending_change(service, world.provider, description=f"Changed {number}.")
        Feedback.objects.create(kind="comment", page="/local-offer/", comment=f"Comment {number}")
        Organisation.objects.create(name=f"School {number:03d}", kind=OrganisationKind.SCHOOL, phase="primary")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize(("role", "url_name"), [
    ("anonymous", "local_offer_search"),
    ("anonymous", "local_offer_settings_directory"),
    ("provider", "local_offer_provider_dashboard"),
    ("manager", "local_offer_moderation_queue"),
    ("manager", "local_offer_feedback_manage"),
])
def test_list_pages_make_a_constant_number_of_queries(world, client_for, role, url_name):
    directory_for(world.provider_org)
    _add_rows(world, 0, 10)
    client = client_for(role)
    url = reverse(url_name)
    ten = _queries(client, url)
    _add_rows(world, 10, 90)
    assert Service.objects.count() == 100
    assert _queries(client, url) <= ten
