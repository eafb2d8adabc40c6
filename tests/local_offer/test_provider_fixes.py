"""Fixes to provider self-service: withdrawn listings stay down, input the database would refuse is caught by
the form, and a tampered location id cannot point at someone else's location."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from local_offer.models import AutoApprovalRule, Contact, Location, Schedule, Service, ServiceProposal
from local_offer.provider_forms import ListingForm
from local_offer.services import listing_apply, listing_snapshot, listing_withdraw, proposal_save
from tests.local_offer.targets_provider import published_listing
from tests.local_offer.test_provider import form_data


@pytest.fixture
def listing(world):
    return published_listing(world.provider_org)


def _withdrawn(listing, world):
    return listing_withdraw(listing, world.manager, "Complaints about safeguarding.")


def test_withdrawn_listing_cannot_be_edited_or_confirmed(world, client_for, listing):
    _withdrawn(listing, world)
    client = client_for("provider")
    for name, method in [("local_offer_provider_service_edit", "get"), ("local_offer_provider_service_edit", "post"),
                         ("local_offer_provider_service_confirm", "post"), ("local_offer_provider_service", "get")]:
        response = getattr(client, method)(reverse(name, args=[listing.pk]), {})
        assert response.status_code == 404, name
    listing.refresh_from_db()
    assert listing.visibility == Service.Visibility.WITHDRAWN
    assert not ServiceProposal.objects.filter(status="pending").exists()


def test_proposal_on_a_withdrawn_listing_is_refused_even_for_a_trusted_organisation(world, listing):
    AutoApprovalRule.objects.create(organisation=listing.organisation, scope=AutoApprovalRule.Scope.EDITS,
                                    reason="Trusted.", created_by=world.admin)
    Service.objects.filter(pk=listing.pk).update(visibility=Service.Visibility.WITHDRAWN)
    with pytest.raises(ValidationError, match="withdrawn"):
        proposal_save(user=world.provider, organisation=listing.organisation, service=listing,
                      data={**listing_snapshot(listing), "name": "Back again"})
    listing.refresh_from_db()
    assert listing.visibility == Service.Visibility.WITHDRAWN and listing.name == "Saturday Sensory Club"
    assert not ServiceProposal.objects.exists()


def test_moderator_cannot_republish_a_withdrawn_listing_by_approving_a_change(world, client_for, listing):
    proposal = ServiceProposal.objects.create(organisation=listing.organisation, service=listing,
                                              data={**listing_snapshot(listing), "name": "Back again"},
                                              base=listing_snapshot(listing), proposed_by=world.provider)
    Service.objects.filter(pk=listing.pk).update(visibility=Service.Visibility.WITHDRAWN)
    response = client_for("manager").post(reverse("local_offer_moderation_approve", args=[proposal.pk]), follow=True)
    assert response.status_code == 200 and "has withdrawn this listing" in response.content.decode()
    listing.refresh_from_db()
    assert listing.visibility == Service.Visibility.WITHDRAWN


@pytest.mark.parametrize(("changes", "message"), [
    ({"schedules-1-where": "service", "schedules-1-pattern": "monthly", "schedules-1-interval": "1",
      "schedules-1-weeks": ["1", "2", "3", "4", "-1"], "schedules-1-days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"],
      "schedules-1-attending_type": "in_person"}, "Too many weeks and days are selected together"),
    ({"languages-languages": "Polish\n" + "L" * 101}, "Each language must be 100 characters or fewer"),
    ({"basics-url": "https://example.org/" + "a" * 200}, "The website address must be 200 characters or fewer"),
    ({"schedules-0-pattern": "monthly", "schedules-0-weeks": [], "schedules-0-days": [],
      "schedules-0-bymonthday": "1;DROP TABLE"}, "The days of the month for this time cannot be used"),
    ({"schedules-0-pattern": "monthly", "schedules-0-bymonthday": "1," * 40},
     "The days of the month for this time cannot be used"),
    ({"basics-email": "a" * 250 + "@example.org"}, "The email address must be 254 characters or fewer"),
])
def test_form_refuses_what_the_database_would(world, client_for, listing, changes, message):
    client = client_for("provider")
    response = client.post(reverse("local_offer_provider_service_edit", args=[listing.pk]),
                           form_data(listing_snapshot(listing), **changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert not ServiceProposal.objects.exists()


def test_a_monthly_schedule_within_the_limit_is_accepted(world, client_for, listing):
    response = client_for("provider").post(
        reverse("local_offer_provider_service_edit", args=[listing.pk]),
        form_data(listing_snapshot(listing), **{
            "schedules-1-where": "service", "schedules-1-pattern": "monthly", "schedules-1-interval": "1",
            "schedules-1-weeks": ["1", "-1"], "schedules-1-days": ["MO", "WE", "FR"],
            "schedules-1-attending_type": "in_person"}))
    assert response.status_code == 302
    assert ServiceProposal.objects.get().data["schedules"][0]["byday"] == "1MO,1WE,1FR,-1MO,-1WE,-1FR"


@pytest.mark.django_db
def test_every_text_field_of_the_form_fits_its_column():
    """Each text answer the form stores in a CharField column is limited to that column's length."""
    form = ListingForm(snapshot={})
    columns = {
        "basics": Service, "locations": Location, "schedules": Schedule, "contacts": Contact,
    }
    for key, model in columns.items():
        sample = form.groups[key] if key in form.groups else form.formsets[key].forms[0]
        for name, field in sample.fields.items():
            try:
                column = model._meta.get_field(name)
            except Exception:  # noqa: BLE001 - a form field with no column of that name
                continue
            limit = getattr(column, "max_length", None)
            if limit and hasattr(field, "max_length") and not getattr(field, "choices", None):
                if name in ("id", "byday", "bymonthday", "postcode"):
                    continue  # checked in clean(): a known UUID, built from choices, or normalised
                assert field.max_length and field.max_length <= limit, f"{key}.{name}"


def test_tampered_location_id_is_treated_as_a_new_location(world, client_for, listing):
    other = published_listing(world.provider_org, name="Other Club")
    other_location = other.service_at_locations.get().location
    client = client_for("provider")
    url = reverse("local_offer_provider_service_edit", args=[listing.pk])
    for bad in ("not-a-uuid", str(other_location.pk)):
        ServiceProposal.objects.all().delete()
        response = client.post(url, form_data(listing_snapshot(listing), **{"locations-0-id": bad}))
        assert response.status_code == 302
        assert "id" not in ServiceProposal.objects.get().data["locations"][0]
    own = str(listing.service_at_locations.get().location_id)
    ServiceProposal.objects.all().delete()
    client.post(url, form_data(listing_snapshot(listing), **{"locations-0-id": own.upper()}))
    assert ServiceProposal.objects.get().data["locations"][0]["id"] == own


def test_listing_apply_ignores_a_malformed_location_id(world, listing):
    data = listing_snapshot(listing)
    data["locations"][0]["id"] = "not-a-uuid"
    service = listing_apply(data=data, organisation=listing.organisation, service=listing)
    assert service.service_at_locations.get().location.name == "Riverside Centre"


def test_listing_apply_refuses_an_over_long_row_and_saves_nothing(world, listing):
    before = listing_snapshot(listing)
    data = {**before, "name": "Changed", "languages": [{"name": "L" * 101, "code": ""}]}
    with pytest.raises(ValidationError, match="A language cannot be saved"):
        listing_apply(data=data, organisation=listing.organisation, service=listing)
    listing.refresh_from_db()
    assert listing_snapshot(listing) == before


def test_trusted_organisations_bad_proposal_waits_for_a_moderator(world, listing):
    AutoApprovalRule.objects.create(organisation=listing.organisation, scope=AutoApprovalRule.Scope.EDITS,
                                    reason="Trusted.", created_by=world.admin)
    data = listing_snapshot(listing)
    data["schedules"] = [{"freq": "MONTHLY", "interval": 1, "byday": ",".join(["1MO"] * 40)}]
    proposal = proposal_save(user=world.provider, organisation=listing.organisation, service=listing, data=data)
    assert proposal.status == "pending"
    listing.refresh_from_db()
    assert not listing.schedules.exists()
