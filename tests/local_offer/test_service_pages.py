"""Service pages, the shortlist, the schools and colleges directory, schedules in words and postcodes."""

import datetime as dt
import html
import json
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from local_offer.models import Postcode, Service
from local_offer.postcodes import normalise_postcode
from local_offer.schedules import schedule_in_words
from send_portal.organisations.models import Organisation, OrganisationKind, SettingType
from tests.local_offer import listings


@pytest.fixture
def service(db):
    listings.vocabularies()
    listings.postcodes()
    return listings.listing(
        "Sensory play group", is_free=False, fees_description="Pay what you can.",
        cost_options=[{"option": "Per session", "amount": "2.50", "amount_description": "siblings free"}],
        contacts=[{"name": "Sam Lee", "title": "Play leader", "email": "sam@example.test", "phone": ""}],
        languages=[{"name": "Polish", "code": "pl"}],
        local_offer_answers={"outcomes": "Children enjoy play.", "staff_training": "Autism awareness training."},
    )


def test_service_page_shows_what_a_family_needs(client, service):
    response = client.get(reverse("local_offer_service", args=[service.pk]))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    for text in ("Sensory play group", "0 to 5 years", "Autism", "Pay what you can.", "£2.50", "Per session",
                 "Castlebridge Children's Centre", "EX1 1AA", "Every Monday and Wednesday, 10am to 11:30am",
                 "Term time only", "Just turn up.", "Children enjoy play.", "Autism awareness training.",
                 "Sam Lee", "Polish", "Wheelchair access", "Last checked by the provider"):
        assert text in page, text


def test_service_page_has_schema_org_markup(client, service):
    page = client.get(reverse("local_offer_service", args=[service.pk])).content.decode()
    markup = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert markup["@type"] == "Service"
    assert markup["name"] == "Sensory play group"
    assert markup["audience"] == {"@type": "PeopleAudience", "suggestedMinAge": 0, "suggestedMaxAge": 5}
    assert markup["availableChannel"][0]["serviceLocation"]["address"]["postalCode"] == "EX1 1AA"


def test_schema_org_markup_cannot_break_out_of_its_script(client, service):
    Service.objects.filter(pk=service.pk).update(name="</script><script>alert(1)</script>")
    page = client.get(reverse("local_offer_service", args=[service.pk])).content.decode()
    assert "<script>alert(1)" not in page


def test_approved_provider_badge(client, service):
    service.organisation.is_approved_provider = True
    service.organisation.save()
    assert "Approved provider" in client.get(reverse("local_offer_service", args=[service.pk])).content.decode()


@pytest.mark.parametrize("visibility", ["draft", "hidden", "withdrawn"])
def test_unpublished_listings_are_not_found(client, service, visibility):
    Service.objects.filter(pk=service.pk).update(visibility=visibility)
    assert client.get(reverse("local_offer_service", args=[service.pk])).status_code == 404


def test_shortlist_add_print_email_and_remove(client, service, django_capture_on_commit_callbacks):
    other = listings.listing("Holiday club", terms=listings.term_ids("leisure"))
    search_url = reverse("local_offer_search") + "?q=club"
    response = client.post(reverse("local_offer_shortlist_add", args=[service.pk]), {"next": search_url})
    assert response.status_code == 302 and response["Location"] == search_url
    client.post(reverse("local_offer_shortlist_add", args=[other.pk]))
    client.post(reverse("local_offer_shortlist_add", args=[other.pk]))  # pinning twice keeps one
    page = client.get(reverse("local_offer_shortlist"))
    assert [s.name for s in page.context["services"]] == ["Sensory play group", "Holiday club"]
    assert "portal-no-print" in page.content.decode()  # the print stylesheet hides everything but the list

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("local_offer_shortlist"), {"email": "family@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["family@example.test"]
    assert "Sensory play group" in mail.outbox[0].body and "Holiday club" in mail.outbox[0].body
    assert f"/local-offer/services/{service.pk}/" in mail.outbox[0].body

    client.post(reverse("local_offer_shortlist_remove", args=[service.pk]))
    assert [s.name for s in client.get(reverse("local_offer_shortlist")).context["services"]] == ["Holiday club"]


def test_shortlist_never_redirects_off_the_local_offer(client, service):
    for target in ("https://evil.example/", "//evil.example/", "/accounts/login/"):
        response = client.post(reverse("local_offer_shortlist_add", args=[service.pk]), {"next": target})
        assert response["Location"] == reverse("local_offer_shortlist")


def test_shortlist_email_errors(client, service, django_capture_on_commit_callbacks):
    empty = client.post(reverse("local_offer_shortlist"), {"email": "family@example.test"})
    assert empty.status_code == 400
    client.post(reverse("local_offer_shortlist_add", args=[service.pk]))
    bad = client.post(reverse("local_offer_shortlist"), {"email": "not-an-email"})
    assert bad.status_code == 400 and "Enter an email address in the correct format" in bad.content.decode()
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("local_offer_shortlist"), {"email": "family@example.test"})
        assert response.status_code == 302
    limited = client.post(reverse("local_offer_shortlist"), {"email": "family@example.test"})
    assert limited.status_code == 429
    assert len(mail.outbox) == 5


def test_shortlist_ignores_services_that_are_no_longer_published(client, service):
    client.post(reverse("local_offer_shortlist_add", args=[service.pk]))
    Service.objects.filter(pk=service.pk).update(visibility="hidden")
    assert client.get(reverse("local_offer_shortlist")).context["services"] == []
    assert client.post(reverse("local_offer_shortlist_add", args=[service.pk])).status_code == 404


def test_settings_directory_filters(client, world):
    Organisation.objects.create(name="Oakfield House School", kind=OrganisationKind.SCHOOL, phase="special",
                                setting_type=SettingType.INDEPENDENT_SPECIAL, is_section_41=True, age_from=7,
                                age_to=19, sen_designation="Autism")
    Organisation.objects.create(name="Brook Lane Academy", kind=OrganisationKind.SCHOOL, phase="secondary",
                                is_out_of_area=True, area_name="Westshire")
    url = reverse("local_offer_settings_directory")

    def names(**query):
        return [o.name for o in client.get(url, query).context["page"].object_list]

    assert names(section_41="on") == ["Oakfield House School"]
    assert names(where="out_of_area") == ["Brook Lane Academy"]
    assert "Oakfield House School" in names(phase="special")
    assert "Brook Lane Academy" not in names(where="in_area")
    page = client.get(url, {"q": "oakfield"}).content.decode()
    assert "Section 41 list" in page and "7 to 19" in page and "Autism" in page
    assert client.get(url, {"phase": "nonsense"}).status_code == 400


def test_preferred_setting_choice_comes_from_the_directory(world):
    from ehc.forms import DraftResponseForm

    Organisation.objects.create(name="Brook Lane Academy", kind=OrganisationKind.SCHOOL, phase="secondary",
                                setting_type=SettingType.ACADEMY, is_out_of_area=True, area_name="Westshire")
    labels = [label for _, label in DraftResponseForm().fields["preferred_setting"].choices]
    assert "Brook Lane Academy (academy or free school, Westshire)" in labels


@pytest.mark.parametrize(("fields", "words"), [
    ({"freq": "WEEKLY", "byday": "MO,WE", "opens_at": dt.time(16), "closes_at": dt.time(18)},
     "Every Monday and Wednesday, 4pm to 6pm"),
    ({"freq": "WEEKLY", "byday": "SA", "opens_at": dt.time(9, 30), "closes_at": dt.time(12)},
     "Every Saturday, 9:30am to midday"),
    ({"freq": "WEEKLY", "interval": 2, "byday": "TU"}, "Every 2 weeks on Tuesday"),
    ({"freq": "MONTHLY", "byday": "1MO", "opens_at": dt.time(10), "closes_at": dt.time(12)},
     "The first Monday of the month, 10am to midday"),
    ({"freq": "MONTHLY", "byday": "-1FR"}, "The last Friday of the month"),
    ({"freq": "MONTHLY", "bymonthday": "15"}, "Day 15 of each month"),
    ({"freq": "DAILY"}, "Every day"),
    ({"freq": "", "dtstart": dt.date(2027, 3, 12), "opens_at": dt.time(13), "closes_at": dt.time(15)},
     "On 12 March 2027, 1pm to 3pm"),
    ({"freq": "WEEKLY", "byday": "TH", "until": dt.date(2027, 7, 20), "description": "Term time only"},
     "Every Thursday, until 20 July 2027 (Term time only)"),
    ({"description": "Ring to book a time"}, "Ring to book a time"),
])
def test_schedules_in_words(fields, words):
    assert schedule_in_words(**fields) == words


@pytest.mark.parametrize(("typed", "normalised"), [
    ("ex1 1aa", "EX1 1AA"), ("EX11AA", "EX1 1AA"), (" sw1a  1aa ", "SW1A 1AA"), ("M11AE", "M1 1AE"),
    ("EX1", None), ("", None), ("1234567", None), ("EX1 1AAA", None),
])
def test_postcodes_are_normalised(typed, normalised):
    assert normalise_postcode(typed) == normalised


def test_load_postcodes_command_loads_an_area_offline(db):
    out = StringIO()
    call_command("load_postcodes", "--area", "E07000041", "--prefix", "EX4", stdout=out)
    assert "Loaded" in out.getvalue()
    row = Postcode.objects.get(pk="EX4 3SR")
    assert (row.lad_code, row.easting, row.northing) == ("E07000041", 291754, 93027)
    assert not Postcode.objects.exclude(lad_code="E07000041").exists()
    call_command("load_postcodes", "--area", "E07000041", "--prefix", "EX4", stdout=StringIO())  # safe to rerun
    assert Postcode.objects.filter(pk="EX4 3SR").count() == 1


def test_shortlist_emails_to_one_address_are_limited_across_sessions(service, django_capture_on_commit_callbacks):
    from django.test import Client

    statuses = []
    for _ in range(7):
        visitor = Client(REMOTE_ADDR=f"192.0.2.{len(statuses) + 1}")  # a fresh browser each time
        visitor.post(reverse("local_offer_shortlist_add", args=[service.pk]))
        with django_capture_on_commit_callbacks(execute=True):
            statuses.append(visitor.post(reverse("local_offer_shortlist"), {"email": "Someone@Example.test"})
                            .status_code)
    assert statuses == [302] * 5 + [429] * 2
    assert len(mail.outbox) == 5
