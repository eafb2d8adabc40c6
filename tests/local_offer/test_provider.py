"""Provider self-service through the test client: proposing, editing, withdrawing, confirming, and the edit
that goes through moderation to publication."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.forms import MultiWidget
from django.urls import reverse

from local_offer.models import AutoApprovalRule, Service, ServiceProposal, Taxonomy
from local_offer.provider_forms import ListingForm
from local_offer.services import listing_snapshot
from send_portal.notifications.models import Notification
from tests.local_offer.targets_provider import directory_for, listing_data, pending_change, published_listing, term


def form_data(snapshot, **changes):
    """What the browser posts for the listing form filled in with `snapshot`, then `changes` (field names as
    posted, for example 'basics-name')."""
    listing = ListingForm(snapshot=snapshot)
    data = {}
    forms_ = list(listing.groups.values())
    for formset in listing.formsets.values():
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = str(management[name].value())
        forms_ += formset.forms
    for form in forms_:
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            if isinstance(field.widget, MultiWidget):
                parts = field.widget.decompress(value) if value else ["", "", ""]
                for index, part in enumerate(parts):
                    data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
            elif isinstance(value, bool):
                if hasattr(field, "choices"):
                    data[bound.html_name] = str(value)
                elif value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list):
                data[bound.html_name] = [str(v) for v in value]
            elif isinstance(value, dt.time):
                data[bound.html_name] = value.strftime("%H:%M")
            elif value is not None:
                data[bound.html_name] = str(value)
    data.update(changes)
    return data


@pytest.fixture
def listing(world):
    return published_listing(world.provider_org)


def test_provider_edit_goes_through_moderation_to_publication(world, client_for, listing,
                                                               django_capture_on_commit_callbacks):
    client = client_for("provider")
    page = client.get(reverse("local_offer_provider_service_edit", args=[listing.pk]))
    assert page.status_code == 200
    assert "Saturday Sensory Club" in page.content.decode()

    data = form_data(listing_snapshot(listing), **{
        "basics-name": "Saturday Sensory Club for Juniors", "who-maximum_age": "14",
        # A new monthly session on the first Monday, for the whole service.
        "schedules-1-where": "service", "schedules-1-pattern": "monthly", "schedules-1-interval": "1",
        "schedules-1-weeks": ["1"], "schedules-1-days": ["MO"], "schedules-1-opens_at": "16:00",
        "schedules-1-closes_at": "17:30", "schedules-1-attending_type": "in_person",
    })
    response = client.post(reverse("local_offer_provider_service_edit", args=[listing.pk]), data)
    assert response.status_code == 302, re.findall(r"error-summary__list.*?</ul>", response.content.decode(), re.S)
    proposal = ServiceProposal.objects.get(service=listing, status="pending")
    assert proposal.data["schedules"][0]["byday"] == "1MO"
    listing.refresh_from_db()
    assert listing.name == "Saturday Sensory Club"  # nothing published yet

    manager = client_for("manager")
    queue = manager.get(reverse("local_offer_moderation_queue")).content.decode()
    assert "Saturday Sensory Club for Juniors" in queue and "Change" in queue
    diff = manager.get(reverse("local_offer_moderation_proposal", args=[proposal.pk])).content.decode()
    assert "Before" in diff and "After" in diff
    assert "Saturday Sensory Club" in diff and "Saturday Sensory Club for Juniors" in diff
    assert "The first Monday of the month, 4pm to 5:30pm" in diff
    assert "Oldest age" in diff and ">11<" in diff and ">14<" in diff
    assert "has changed since" not in diff

    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(reverse("local_offer_moderation_approve", args=[proposal.pk]))
    assert response.status_code == 302
    listing.refresh_from_db()
    proposal.refresh_from_db()
    assert listing.name == "Saturday Sensory Club for Juniors" and listing.maximum_age == 14
    assert listing.visibility == Service.Visibility.PUBLISHED
    assert proposal.status == "approved" and proposal.decided_by == world.manager and proposal.decided_at
    assert listing.schedules.get().byday == "1MO"
    assert [m.to for m in mail.outbox] == [["provider@example.test"]]
    assert "is published" in mail.outbox[0].subject


def test_new_service_proposal_and_validation(world, client_for):
    term(Taxonomy.Purpose.CATEGORIES, "leisure", "Leisure and play")
    client = client_for("provider")
    assert client.get(reverse("local_offer_provider_service_new")).status_code == 200
    bad = form_data({}, **{"basics-name": "Holiday Club", "basics-description": "Fun.", "basics-status": "active",
                           "who-minimum_age": "12", "who-maximum_age": "30", "cost-is_free": "True",
                           "how-referral_needed": "False", "how-offers_in_person": "on",
                           "locations-0-name": "Hall", "locations-0-location_type": "physical",
                           "locations-0-address_1": "2 High Street", "locations-0-postcode": "not a postcode",
                           "schedules-0-where": "location-0", "schedules-0-pattern": "weekly",
                           "schedules-0-days": ["TU"], "schedules-0-opens_at": "15:00",
                           "schedules-0-closes_at": "14:00"})
    response = client.post(reverse("local_offer_provider_service_new"), bad)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    for message in ("The oldest age must be 25 or less", "Select at least one category",
                    "Enter a full UK postcode, like SW1A 1AA", "The end time must be after the start time"):
        assert message in page
    assert not ServiceProposal.objects.exists()

    category = term(Taxonomy.Purpose.CATEGORIES, "leisure", "Leisure and play")
    good = {**bad, "who-maximum_age": "16", "who-categories": [str(category.pk)], "locations-0-postcode": "ex11aa",
            "schedules-0-closes_at": "17:00"}
    response = client.post(reverse("local_offer_provider_service_new"), good)
    assert response.status_code == 302
    proposal = ServiceProposal.objects.get()
    assert proposal.service is None and proposal.organisation.portal_organisation == world.provider_org
    assert proposal.data["locations"][0]["postcode"] == "EX1 1AA"
    assert proposal.data["locations"][0]["schedules"][0]["byday"] == "TU"
    assert proposal.data["maximum_age"] == 16


def test_add_another_row_saves_nothing(world, client_for, listing):
    client = client_for("provider")
    data = form_data(listing_snapshot(listing), add="contacts")
    response = client.post(reverse("local_offer_provider_service_edit", args=[listing.pk]), data)
    assert response.status_code == 200
    assert 'name="contacts-1-name"' in response.content.decode()
    assert not ServiceProposal.objects.exists()


def test_editing_again_updates_the_pending_proposal(world, client_for, listing):
    client = client_for("provider")
    url = reverse("local_offer_provider_service_edit", args=[listing.pk])
    client.post(url, form_data(listing_snapshot(listing), **{"basics-name": "First idea"}))
    page = client.get(url).content.decode()
    assert "First idea" in page
    client.post(url, form_data(listing_snapshot(listing), **{"basics-name": "Second idea"}))
    assert list(ServiceProposal.objects.values_list("data__name", "status")) == [("Second idea", "pending")]


def test_auto_approval_publishes_at_once(world, client_for, listing):
    AutoApprovalRule.objects.create(organisation=listing.organisation, scope=AutoApprovalRule.Scope.EDITS,
                                    reason="Long-standing partner.", created_by=world.admin)
    client = client_for("provider")
    response = client.post(reverse("local_offer_provider_service_edit", args=[listing.pk]),
                           form_data(listing_snapshot(listing), **{"basics-name": "Trusted Club"}))
    assert response.status_code == 302
    listing.refresh_from_db()
    proposal = ServiceProposal.objects.get()
    assert listing.name == "Trusted Club"
    assert proposal.status == "approved" and proposal.approved_automatically


def test_edits_only_rule_does_not_publish_new_services(world, client_for):
    directory = directory_for(world.provider_org)
    AutoApprovalRule.objects.create(organisation=directory, scope=AutoApprovalRule.Scope.EDITS,
                                    reason="Trusted for edits.", created_by=world.admin)
    client = client_for("provider")
    response = client.post(reverse("local_offer_provider_service_new"), form_data(listing_data("Brand New")))
    assert response.status_code == 302
    assert ServiceProposal.objects.get().status == "pending"
    AutoApprovalRule.objects.filter(organisation=directory).update(scope=AutoApprovalRule.Scope.EDITS_AND_NEW)
    client.post(reverse("local_offer_provider_service_new"), form_data(listing_data("Another New")))
    assert Service.objects.get(name="Another New").visibility == Service.Visibility.PUBLISHED


def test_withdraw(world, client_for, listing):
    proposal = pending_change(listing, world.provider, name="Changed my mind")
    client = client_for("provider")
    response = client.post(reverse("local_offer_provider_proposal_withdraw", args=[proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "withdrawn"
    again = client.post(reverse("local_offer_provider_proposal_withdraw", args=[proposal.pk]))
    assert again.status_code == 302


def test_another_organisations_listing_and_proposal_are_404(world, client_for):
    from send_portal.organisations.models import Role
    from tests import factories

    other_org = factories.OrganisationFactory(name="Other Provider")
    factories.staff_user(other_org, Role.PROVIDER, email="other.provider@example.test")
    theirs = published_listing(other_org, name="Their Club")
    proposal = pending_change(theirs, world.provider, name="Hijacked")
    client = client_for("provider")
    for name, pk, method in [("local_offer_provider_service", theirs.pk, "get"),
                             ("local_offer_provider_service_edit", theirs.pk, "get"),
                             ("local_offer_provider_service_edit", theirs.pk, "post"),
                             ("local_offer_provider_service_confirm", theirs.pk, "post"),
                             ("local_offer_provider_proposal", proposal.pk, "get"),
                             ("local_offer_provider_proposal_edit", proposal.pk, "post"),
                             ("local_offer_provider_proposal_withdraw", proposal.pk, "post")]:
        response = getattr(client, method)(reverse(name, args=[pk]), {})
        assert response.status_code == 404, name
    assert "Their Club" not in client.get(reverse("local_offer_provider_dashboard")).content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "pending" and proposal.data["name"] == "Hijacked"


def test_dashboard_and_confirm_still_correct(world, client_for, listing):
    Service.objects.filter(pk=listing.pk).update(
        review_due_on=dt.date(2020, 1, 1), review_flagged_on=dt.date(2020, 1, 2),
        visibility=Service.Visibility.HIDDEN, hidden_on=dt.date(2020, 2, 1))
    client = client_for("provider")
    page = client.get(reverse("local_offer_provider_dashboard")).content.decode()
    assert "Saturday Sensory Club" in page and "Hidden: not checked in time" in page
    response = client.post(reverse("local_offer_provider_service_confirm", args=[listing.pk]))
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.visibility == Service.Visibility.PUBLISHED
    assert listing.review_flagged_on is None and listing.hidden_on is None
    assert listing.review_due_on > dt.date.today()


def test_school_senco_keeps_the_schools_listing(world, client_for):
    school_listing = published_listing(world.school_a, name="Alpha Primary School")
    client = client_for("senco_a")
    page = client.get(reverse("local_offer_provider_service_edit", args=[school_listing.pk])).content.decode()
    assert "How the curriculum and learning environment are adapted" in page
    assert client_for("senco_b").get(reverse("local_offer_provider_service", args=[school_listing.pk])) \
        .status_code == 404
    assert Notification.objects.count() == 0
