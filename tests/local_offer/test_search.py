"""Families search the Local Offer by keyword, category, need, age, cost, day, delivery and distance."""

import pytest
from django.db import connection
from django.urls import reverse

from local_offer.models import Service, UnansweredSearch
from tests.local_offer import listings

requires_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


@pytest.fixture
def directory(db):
    listings.vocabularies()
    listings.postcodes()
    play = listings.listing("Sensory play group")
    swim = listings.listing(
        "Saturday autism swim", organisation_name="Castlebridge Leisure", is_free=False,
        fees_description="£3 a session", minimum_age=5, maximum_age=16,
        terms=listings.term_ids("leisure", "autism", "families"),
        locations=[{"name": "Harbourside Pool", "postcode": "EX14 1NZ", "address_1": "Quay Road",
                    "schedules": [{"freq": "WEEKLY", "byday": "SA", "opens_at": "09:00", "closes_at": "10:00"}]}])
    phone = listings.listing(
        "Wheelchair repair helpline", organisation_name="Exampleshire Community Health NHS Trust",
        description="Phone us when a wheelchair needs repair.", minimum_age=0, maximum_age=25,
        offers_in_person=False, offers_phone=True, terms=listings.term_ids("health", "physical"), locations=[],
        schedules=[{"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"}])
    hidden = listings.listing("Hidden autism club", terms=listings.term_ids("leisure", "autism"))
    Service.objects.filter(pk=hidden.pk).update(visibility=Service.Visibility.HIDDEN)
    return {"play": play, "swim": swim, "phone": phone, "hidden": hidden}


def _names(client, **query):
    response = client.get(reverse("local_offer_search"), query)
    assert response.status_code == 200, response.content.decode()[:2000]
    return [service.name for service in response.context["page"].object_list]


@pytest.mark.parametrize(("query", "expected"), [
    ({}, ["Saturday autism swim", "Sensory play group", "Wheelchair repair helpline"]),
    ({"q": "swim"}, ["Saturday autism swim"]),
    ({"q": "autism"}, ["Saturday autism swim", "Sensory play group"]),  # matched by name or by the need
    ({"category": "leisure"}, ["Saturday autism swim"]),
    ({"need": "communication_interaction"}, ["Saturday autism swim", "Sensory play group"]),  # broad area
    ({"need": "physical"}, ["Wheelchair repair helpline"]),
    ({"age": "10"}, ["Saturday autism swim", "Wheelchair repair helpline"]),
    ({"free": "on"}, ["Sensory play group", "Wheelchair repair helpline"]),
    ({"day": "SA"}, ["Saturday autism swim"]),
    ({"day": "WE"}, ["Sensory play group", "Wheelchair repair helpline"]),
    ({"delivery": "phone"}, ["Wheelchair repair helpline"]),
    ({"q": "autism", "age": "3"}, ["Sensory play group"]),
    ({"q": "nothing-like-this"}, []),
])
def test_filters(client, directory, query, expected):
    assert sorted(_names(client, **query)) == expected


def test_hidden_listings_never_appear(client, directory):
    assert "Hidden autism club" not in _names(client, q="club")
    assert client.get(reverse("local_offer_service", args=[directory["hidden"].pk])).status_code == 404


def test_distance_sorts_nearest_first_and_filters_by_radius(client, directory):
    response = client.get(reverse("local_offer_search"), {"postcode": "ex4 3sr", "sort": "distance"})
    names = [s.name for s in response.context["page"].object_list]
    # Phone-only services have no distance, so they come last.
    assert names == ["Sensory play group", "Saturday autism swim", "Wheelchair repair helpline"]
    assert "0.4 miles" in response.content.decode()
    assert _names(client, postcode="EX4 3SR", radius="3") == ["Sensory play group"]
    assert sorted(_names(client, postcode="EX4 3SR", radius="25")) == ["Saturday autism swim", "Sensory play group"]


@pytest.mark.parametrize(("query", "message"), [
    ({"postcode": "not a postcode"}, "Enter a real postcode"),
    ({"postcode": "ZZ9 9ZZ"}, "We could not find that postcode"),
    ({"sort": "distance"}, "Enter your postcode to sort by distance"),
    ({"radius": "5"}, "Enter your postcode to search within a distance"),
    ({"age": "40"}, "Enter an age from 0 to 25"),
    ({"age": "seven"}, "Enter an age as a number"),
    ({"category": "no-such-category"}, "Select a valid choice"),
])
def test_bad_input_gets_a_clear_error(client, directory, query, message):
    response = client.get(reverse("local_offer_search"), query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and message in page


def test_results_are_paginated_and_shareable(client, directory):
    for number in range(25):
        listings.listing(f"Youth club {number:02d}", terms=listings.term_ids("leisure"))
    first = client.get(reverse("local_offer_search"), {"category": "leisure"})
    assert first.context["page"].paginator.count == 26
    assert len(first.context["page"].object_list) == 20
    assert "category=leisure&amp;page=2" in first.content.decode()
    second = client.get(reverse("local_offer_search"), {"category": "leisure", "page": "2"})
    assert len(second.context["page"].object_list) == 6


@pytest.mark.parametrize("page", ["99999999999999999999999", "-3", "two", "0"])
def test_odd_page_numbers_show_a_real_page(client, directory, page):
    response = client.get(reverse("local_offer_search"), {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == 1


def test_search_makes_the_same_number_of_queries_whatever_the_results(client, directory,
                                                                     django_assert_max_num_queries):
    for number in range(10):
        listings.listing(f"Holiday club {number}", terms=listings.term_ids("leisure", "autism"))
    with django_assert_max_num_queries(12) as ten:
        client.get(reverse("local_offer_search"), {"q": "club", "postcode": "EX1 1AA"})
    for number in range(10, 30):
        listings.listing(f"Holiday club {number}", terms=listings.term_ids("leisure", "autism"))
    with django_assert_max_num_queries(len(ten.captured_queries)):
        client.get(reverse("local_offer_search"), {"q": "club", "postcode": "EX1 1AA"})


def test_searches_that_find_nothing_are_logged_without_personal_data(client, directory):
    client.get(reverse("local_offer_search"), {"q": "  Makaton   signing ", "postcode": "EX1 1AA"})
    client.get(reverse("local_offer_search"), {"q": "makaton signing"})
    client.get(reverse("local_offer_search"), {"q": "swim"})
    logged = list(UnansweredSearch.objects.values_list("query", "times"))
    assert logged == [("makaton signing", 2)]


@requires_postgres
def test_postgres_ranks_by_relevance_and_tolerates_typos(client, directory):
    listings.listing("Autism family support", description="Support for families of autistic children.",
                     terms=listings.term_ids("information", "autism"))
    names = _names(client, q="autism")
    assert names[0] in ("Autism family support", "Saturday autism swim")  # names outrank descriptions
    assert "Autism family support" in _names(client, q="autsim")  # a typo still finds it
    assert _names(client, q="swimming") == ["Saturday autism swim"]  # stemming


def test_search_works_without_javascript_as_a_plain_get_form(client, directory):
    page = client.get(reverse("local_offer_home")).content.decode()
    assert 'method="get"' in page and f'action="{reverse("local_offer_search")}"' in page
