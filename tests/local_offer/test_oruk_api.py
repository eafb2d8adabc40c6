"""The Open Referral UK v3 API: shape (checked against the standard's schemas), filters, paging, errors, CORS and
throttling."""

import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from local_offer.models import ImportSource, Service, Taxonomy
from local_offer.services import listing_apply

from .test_oruk_support import (
    assert_no_empty_values,
    assert_valid,
    assert_valid_page,
    listing,
    organisation,
    postcode,
    published_service,
    vocabularies,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def terms():
    return vocabularies()


@pytest.fixture
def club(terms):
    postcode()
    return published_service(terms=[terms["categories"][0], terms["needs"][0], terms["audiences"][0]],
                             access=terms["accessibility"])


def get(client, name, *args, **params):
    return client.get(reverse(name, args=args), params)


def test_root_points_at_the_openapi_document(client):
    response = get(client, "oruk_root")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == "HSDS-UK-3.0"
    assert body["openapi_url"] == "http://testserver/api/oruk/openapi.json"
    document = client.get(body["openapi_url"]).json()
    assert document["openapi"].startswith("3.")
    assert document["servers"][0]["url"] == "http://testserver/api/oruk"
    assert "Creative Commons Attribution Share-Alike" in document["info"]["license"]["name"]
    for path in ("/", "/services", "/services/{id}", "/taxonomies", "/taxonomies/{id}", "/taxonomy_terms",
                 "/taxonomy_terms/{id}", "/service_at_locations", "/service_at_locations/{id}"):
        assert path in document["paths"]


def test_service_detail_is_a_valid_fully_nested_service(client, club, terms):
    response = get(client, "oruk_service", club.pk)
    assert response.status_code == 200
    body = response.json()
    assert_valid(body, "compiled/service.json")
    assert_valid(body, "service.json")
    assert_no_empty_values(body)
    assert body["id"] == str(club.pk)
    assert body["assured_date"] == "2026-01-15"
    assert body["organization"]["name"] == "Riverside Play Trust"
    assert (body["minimum_age"], body["maximum_age"]) == (5, 11)
    assert body["cost_options"][0]["amount"] == 3
    assert body["contacts"][0]["phones"][0]["number"] == "01632 960 112"
    assert body["languages"][0]["name"] == "British Sign Language"
    attached = {a["taxonomy_term"]["name"]: a["link_type"] for a in body["attributes"]}
    assert attached == {"Play and leisure": "category", "Autism": "eligibility", "Young people 16 to 25": "audience"}
    place = body["service_at_locations"][0]["location"]
    assert place["addresses"][0] == {
        "id": place["addresses"][0]["id"], "location_id": place["id"], "address_1": "1 River Road",
        "city": "Exampletown", "state_province": "", "postal_code": "AB1 2CD", "country": "GB",
        "address_type": "physical"}
    assert "latitude" not in place and "longitude" not in place
    assert {a["description"] for a in place["accessibility"]} == {"Quiet room available.", "Step-free access",
                                                                   "Hearing loop"}
    at_id = body["service_at_locations"][0]["id"]
    assert [s.get("service_at_location_id") for s in body["schedules"]] == [None, at_id]
    assert body["schedules"][0]["byday"] == "SA" and body["schedules"][0]["opens_at"] == "10:00:00"


def test_empty_optional_fields_are_left_out(client, terms):
    bare = listing_apply(data={"name": "Bare service", "description": "Nothing else known."},
                         organisation=organisation("Bare Org"))
    body = get(client, "oruk_service", bare.pk).json()
    assert_valid(body, "compiled/service.json")
    assert_no_empty_values(body)
    for absent in ("url", "email", "fees", "alert", "schedules", "contacts", "languages", "attributes",
                   "service_at_locations", "cost_options", "phones", "service_areas"):
        assert absent not in body


def test_lists_are_valid_pages(client, club, terms):
    services = get(client, "oruk_services").json()
    assert_valid_page(services, "compiled/service_list.json")
    assert services["contents"][0]["id"] == str(club.pk)
    places = get(client, "oruk_service_at_locations").json()
    assert_valid_page(places, "compiled/service_at_location_list.json")
    assert places["contents"][0]["service"]["id"] == str(club.pk)
    place = get(client, "oruk_service_at_location", places["contents"][0]["id"]).json()
    assert_valid(place, "compiled/service_at_location.json")
    taxonomies = get(client, "oruk_taxonomies").json()
    assert_valid_page(taxonomies, "taxonomy.json")
    assert taxonomies["total_items"] == 4
    needs = Taxonomy.objects.get(purpose="needs")
    taxonomy = get(client, "oruk_taxonomy", needs.pk).json()
    assert_valid(taxonomy, "taxonomy.json")
    assert {t["name"] for t in taxonomy["taxonomy_terms"]} == {"Autism", "Hearing impairment"}
    term_page = get(client, "oruk_taxonomy_terms").json()
    assert_valid_page(term_page, "taxonomy_term.json")
    assert term_page["total_items"] == 7
    term = get(client, "oruk_taxonomy_term", terms["needs"][0].pk).json()
    assert_valid(term, "taxonomy_term.json")
    assert (term["term"], term["taxonomy_id"]) == ("autism", str(needs.pk))


@pytest.mark.parametrize("visibility", ["hidden", "draft", "withdrawn"])
def test_only_published_services_appear(client, club, visibility):
    Service.objects.filter(pk=club.pk).update(visibility=visibility)
    assert get(client, "oruk_services").json()["total_items"] == 0
    assert get(client, "oruk_service_at_locations").json()["total_items"] == 0
    assert get(client, "oruk_service", club.pk).status_code == 404
    at = club.service_at_locations.get()
    assert get(client, "oruk_service_at_location", at.pk).status_code == 404


def test_imported_services_are_left_to_their_own_area(client, club):
    source = ImportSource.objects.create(name="Northshire")
    listing_apply(data=listing(name="Northshire Club"), organisation=organisation("North Org"), source=source)
    assert [s["name"] for s in get(client, "oruk_services").json()["contents"]] == ["Saturday Sensory Club"]


@pytest.mark.parametrize("name", ["oruk_service", "oruk_service_at_location", "oruk_taxonomy", "oruk_taxonomy_term"])
@pytest.mark.parametrize("bad_id", [str(uuid.UUID(int=7)), "not-a-uuid", "1; DROP TABLE", "%00"])
def test_unknown_and_malformed_ids_are_json_404s(client, name, bad_id):
    response = get(client, name, bad_id)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["detail"]


@pytest.mark.parametrize("params, mentions", [
    ({"page": "0"}, "page"), ({"page": "two"}, "page"), ({"per_page": "100000"}, "per_page"),
    ({"taxonomy_term_id": "autism"}, "taxonomy_term_id"), ({"taxonomy_id": "x"}, "taxonomy_id"),
    ({"minimum_age": "old"}, "minimum_age"), ({"maximum_age": "-3"}, "maximum_age"),
    ({"day": "Funday"}, "day"), ({"start_time": "9am"}, "start_time"), ({"end_time": "25:99"}, "end_time"),
])
def test_bad_query_parameters_are_json_400s(client, club, params, mentions):
    for name in ("oruk_services", "oruk_service_at_locations"):
        response = get(client, name, **params)
        assert response.status_code == 400, (name, params)
        assert mentions in response.json()["detail"]


@pytest.mark.parametrize("params", [{"postcode": "nonsense"}, {"postcode": "ZZ9 9ZZ"}, {"proximity": "500"},
                                    {"postcode": "AB1 2CD", "proximity": "far"}])
def test_bad_place_parameters_are_json_400s(client, club, params):
    response = get(client, "oruk_service_at_locations", **params)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_filters(client, terms):
    postcode()
    postcode("ZZ1 1ZZ", 450000, 350000)
    org = organisation()
    club = published_service(org, terms=[terms["needs"][0]])
    far = published_service(org, name="Teen Drama Group", terms=[terms["needs"][1]], minimum_age=13,
                            maximum_age=19, description="Drama for teenagers.",
                            schedules=[{"freq": "WEEKLY", "byday": "WE", "opens_at": "18:00", "closes_at": "20:00"}],
                            locations=[{"name": "Old Hall", "address_1": "2 Hill Street", "city": "Farton",
                                        "postcode": "ZZ1 1ZZ"}])

    def names(name="oruk_services", **params):
        response = get(client, name, **params)
        assert response.status_code == 200, response.content
        if name == "oruk_services":
            return [s["name"] for s in response.json()["contents"]]
        return [s["service"]["name"] for s in response.json()["contents"]]

    assert names(taxonomy_term_id=terms["needs"][0].pk) == [club.name]
    assert names(taxonomy_id=terms["needs"][0].taxonomy_id) == [club.name, far.name]
    assert names(taxonomy_id=terms["categories"][0].taxonomy_id) == []
    assert names(minimum_age=10) == [far.name]
    assert names(maximum_age=12) == [club.name]
    assert names(day="WE") == [far.name]
    assert names(day="tuesday") == [club.name]  # the club's venue runs on the first Tuesday of the month
    assert names(start_time="17:00") == [far.name]
    assert names(end_time="12:00") == [club.name]
    assert names(day="SA", end_time="11:00") == []
    assert names(search="drama") == [far.name]
    assert names(text="sensory") == [club.name]
    assert names("oruk_service_at_locations", postcode="ZZ1 1ZZ") == [far.name, club.name]
    assert names("oruk_service_at_locations", postcode="zz11zz", proximity="1000") == [far.name]
    assert names("oruk_service_at_locations", minimum_age=10) == [far.name]


def test_pagination(client):
    org = organisation()
    for number in range(5):
        listing_apply(data=listing(name=f"Service {number}", locations=[]), organisation=org)
    first = get(client, "oruk_services", per_page=2).json()
    assert {k: v for k, v in first.items() if k != "contents"} == {
        "total_items": 5, "total_pages": 3, "page_number": 1, "size": 2, "first_page": True, "last_page": False,
        "empty": False}
    last = get(client, "oruk_services", per_page=2, page=3).json()
    assert (last["size"], last["last_page"], last["first_page"]) == (1, True, False)
    assert [s["name"] for s in last["contents"]] == ["Service 4"]
    beyond = get(client, "oruk_services", per_page=2, page=9).json()
    assert (beyond["empty"], beyond["contents"], beyond["total_items"]) == (True, [], 5)
    seen = [s["name"] for page in (1, 2, 3)
            for s in get(client, "oruk_services", per_page=2, page=page).json()["contents"]]
    assert seen == [f"Service {n}" for n in range(5)]


def _queries(client, name, *args, **params):
    with CaptureQueriesContext(connection) as captured:
        assert get(client, name, *args, **params).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_rows(client, terms):
    postcode()
    org = organisation()
    published_service(org, terms=terms["needs"], access=terms["accessibility"])
    few = {name: _queries(client, name) for name in ("oruk_services", "oruk_service_at_locations",
                                                     "oruk_taxonomies", "oruk_taxonomy_terms")}
    few_export = _queries(client, "local_offer_export_json")
    for number in range(4):
        published_service(org, name=f"Club {number}", terms=terms["needs"], access=terms["accessibility"])
    many = {name: _queries(client, name) for name in few}
    assert many == few
    cache.clear()  # the export is kept for a few minutes: build it again
    assert _queries(client, "local_offer_export_json") == few_export


def test_cors_header_and_no_key_needed(client, club):
    for name, args in (("oruk_root", ()), ("oruk_services", ()), ("oruk_service", (club.pk,)),
                       ("oruk_taxonomies", ()), ("oruk_openapi", ())):
        response = get(client, name, *args)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
    assert get(client, "oruk_services", page="x")["Access-Control-Allow-Origin"] == "*"


def test_throttle_trips(client, settings):
    rest = dict(settings.REST_FRAMEWORK)
    rest["DEFAULT_THROTTLE_RATES"] = {"anon": "3/minute"}
    with override_settings(REST_FRAMEWORK=rest):
        statuses = [get(client, "oruk_services").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        refused = get(client, "oruk_root")
        assert refused.status_code == 429
        assert refused["Access-Control-Allow-Origin"] == "*"
        assert "Retry-After" in refused
