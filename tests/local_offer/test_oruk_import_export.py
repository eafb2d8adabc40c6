"""Importing other areas' Open Referral UK feeds (command, staff pages, web address) and exporting ours."""

import csv
import io
import json
import re
import socket
import uuid
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from local_offer.models import DirectoryOrganisation, ImportSource, Service, Taxonomy, TaxonomyTerm

from .test_oruk_support import assert_valid, organisation, postcode, published_service, vocabularies

pytestmark = pytest.mark.django_db

TERM_ID = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
ORG_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"


def feed_service(number, *, name=None, **extra) -> dict:
    service = {
        "id": f"a0000000-0000-4000-8000-00000000000{number}",
        "name": name or f"Northshire Service {number}",
        "description": "Support for families across the border.",
        "url": "https://north.example.org/", "email": "info@north.example.org", "status": "active",
        "fees": "Free", "minimum_age": 0, "maximum_age": 100, "assured_date": "2025-11-01",
        "organization": {"id": ORG_ID, "name": "Northshire Family Hub", "description": "A family hub.",
                         "website": "https://north.example.org/"},
        "schedules": [{"id": "b0000000-0000-4000-8000-000000000001", "freq": "WEEKLY", "byday": "MO,WE",
                       "opens_at": "09:00:00", "closes_at": "12:00:00", "description": "Mornings"},
                      {"id": "b0000000-0000-4000-8000-000000000002", "description": "Ring to book"}],
        "service_at_locations": [{"id": "c0000000-0000-4000-8000-000000000001", "location": {
            "id": "d0000000-0000-4000-8000-000000000001", "location_type": "physical", "name": "North Hub",
            "addresses": [{"id": "e0000000-0000-4000-8000-000000000001", "address_1": "5 High Street",
                           "city": "Northtown", "state_province": "Northshire", "postal_code": "nn1 1nn",
                           "country": "GB", "address_type": "physical"}],
            "accessibility": [{"id": "f0000000-0000-4000-8000-000000000001", "description": "Lift to all floors"}],
        }}],
        "contacts": [{"id": "10000000-0000-4000-8000-000000000001", "name": "Hub desk",
                      "phones": [{"id": "20000000-0000-4000-8000-000000000001", "number": "01632 961 000"}]}],
        "cost_options": [{"id": "30000000-0000-4000-8000-000000000001", "option": "Everyone", "amount": 0}],
        "attributes": [{"id": "40000000-0000-4000-8000-000000000001", "taxonomy_term_id": TERM_ID,
                        "taxonomy_term": {"id": TERM_ID, "name": "Short breaks", "description": "Respite.",
                                          "taxonomy": "Northshire categories", "term": "short-breaks"}}],
    }
    service.update(extra)
    return service


def write(tmp_path, payload, name="feed.json") -> str:
    path = tmp_path / name
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    return str(path)


def run_import(path, source="Northshire County Council") -> str:
    out = io.StringIO()
    call_command("import_oruk", "--source-name", source, "--file", path, stdout=out)
    return out.getvalue()


def test_import_from_file_then_keep_in_sync(tmp_path):
    output = run_import(write(tmp_path, [feed_service(1), feed_service(2)]))
    assert "2 added, 0 updated, 0 withdrawn" in output
    source = ImportSource.objects.get(name="Northshire County Council")
    assert source.last_imported_at is not None and source.last_result == "2 added, 0 updated, 0 withdrawn"
    first = Service.objects.get(source=source, external_id=feed_service(1)["id"])
    assert first.is_out_of_area and first.visibility == "published"
    assert first.is_free and (first.minimum_age, first.maximum_age) == (0, 25)
    assert first.organisation == DirectoryOrganisation.objects.get(source=source, external_id=ORG_ID)
    term = TaxonomyTerm.objects.get(pk=uuid.uuid5(uuid.NAMESPACE_URL, f"{source.pk}:{TERM_ID}"))
    assert term.taxonomy.purpose == Taxonomy.Purpose.OTHER and term.code == "short-breaks"
    assert list(first.terms.all()) == [term]
    place = first.service_at_locations.get().location
    assert (place.postcode, place.external_id.endswith(feed_service(1)["service_at_locations"][0]["location"]["id"])) \
        == ("NN1 1NN", True)
    assert place.accessibility_description == "Lift to all floors"
    assert first.schedules.get().byday == "MO,WE"
    assert first.contacts.get().phone == "01632 961 000"

    # Unchanged, changed, gone: the second import says so and withdraws what vanished.
    output = run_import(write(tmp_path, [feed_service(1, name="Northshire Service 1, renamed")]))
    assert "0 added, 1 updated, 1 withdrawn" in output
    assert Service.objects.get(pk=first.pk).name == "Northshire Service 1, renamed"
    assert Service.objects.get(external_id=feed_service(2)["id"]).visibility == "withdrawn"
    assert Service.objects.filter(source=source).count() == 2
    assert first.service_at_locations.count() == 1

    output = run_import(write(tmp_path, [feed_service(1, name="Northshire Service 1, renamed"), feed_service(2)]))
    assert "0 added, 1 updated, 0 withdrawn, 1 unchanged" in output
    assert Service.objects.get(external_id=feed_service(2)["id"]).visibility == "published"


@pytest.mark.parametrize("payload", [
    {"total_items": 1, "total_pages": 1, "page_number": 1, "size": 1, "first_page": True, "last_page": True,
     "empty": False, "contents": [feed_service(1)]},
    feed_service(1),
])
def test_a_page_or_a_single_service_imports_too(tmp_path, payload):
    assert "1 added" in run_import(write(tmp_path, payload))


@pytest.mark.parametrize("payload, says", [
    ("{not json", "not a JSON file"),
    ({"hello": "world"}, "not an Open Referral UK services feed"),
    ([feed_service(1), {"id": "x", "description": "no name"}], "Service 2 in the feed (id x) has no name"),
    ([{"name": "No id"}], "Service 1 in the feed has no id"),
    ([feed_service(1), feed_service(1)], "repeats the id"),
    ({"total_pages": 3, "contents": [feed_service(1)]}, "one page of a feed that has 3 pages"),
])
def test_bad_feed_imports_nothing(tmp_path, payload, says):
    run_import(write(tmp_path, [feed_service(3)]))
    before = (Service.objects.count(), Service.objects.filter(visibility="published").count(),
              ImportSource.objects.get().last_result)
    with pytest.raises(CommandError, match=re.escape(says)):
        run_import(write(tmp_path, payload))
    after = (Service.objects.count(), Service.objects.filter(visibility="published").count(),
             ImportSource.objects.get().last_result)
    assert after == before
    with pytest.raises(CommandError):
        run_import(write(tmp_path, payload), source="A new area")
    assert not ImportSource.objects.filter(name="A new area").exists()


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False


PUBLIC_ADDRESS = "93.184.216.34"


def resolves_to(*addresses):
    """socket.getaddrinfo stand-in: every host name leads to these addresses (no network in tests)."""
    def getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in addresses]
    return mock.patch("socket.getaddrinfo", getaddrinfo)


def fake_feed(pages, *, page_bodies=None):
    """Stand-in for the checked connection, serving /services?page=N and /services/{id} from the given pages of
    full services."""
    by_id = {s["id"]: s for page in pages for s in page}
    asked = []

    def urlopen(request, address):
        assert address == PUBLIC_ADDRESS
        url = request.full_url
        asked.append(url)
        if "/services?page=" in url:
            number = int(url.rsplit("=", 1)[1])
            if page_bodies and number in page_bodies:
                return FakeResponse(json.dumps(page_bodies[number]).encode())
            contents = [{"id": s["id"], "name": s["name"], "status": "active"} for s in pages[number - 1]]
            body = {"total_items": sum(map(len, pages)), "total_pages": len(pages), "page_number": number,
                    "size": len(contents), "first_page": number == 1, "last_page": number == len(pages),
                    "empty": not contents, "contents": contents}
        else:
            body = by_id[url.rsplit("/", 1)[1]]
        return FakeResponse(json.dumps(body).encode())

    return urlopen, asked


def test_import_from_a_web_address():
    urlopen, asked = fake_feed([[feed_service(1)], [feed_service(2)]])
    out = io.StringIO()
    with resolves_to(PUBLIC_ADDRESS), mock.patch("local_offer.services.oruk._open", urlopen):
        call_command("import_oruk", "--source-name", "Northshire", "--url", "https://north.example.org/api/",
                     stdout=out)
    assert "2 added" in out.getvalue()
    assert asked == ["https://north.example.org/api/services?page=1", "https://north.example.org/api/services?page=2",
                     f"https://north.example.org/api/services/{feed_service(1)['id']}",
                     f"https://north.example.org/api/services/{feed_service(2)['id']}"]
    assert ImportSource.objects.get().url == "https://north.example.org/api/"


def test_unreachable_feed_is_a_clear_error():
    import urllib.error

    with resolves_to(PUBLIC_ADDRESS), \
            mock.patch("local_offer.services.oruk._open", side_effect=urllib.error.URLError("Connection refused")), \
            pytest.raises(CommandError, match="could not read a feed at that address") as refused:
        call_command("import_oruk", "--source-name", "Nowhere", "--url", "https://nowhere.example")
    assert "refused" not in str(refused.value).lower()
    assert not ImportSource.objects.exists()


def upload(payload, name="feed.json"):
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return SimpleUploadedFile(name, data, content_type="application/json")


def test_staff_import_a_file_through_the_pages(world, client_for):
    client = client_for("manager")
    page = client.get(reverse("local_offer_import_new"))
    assert page.status_code == 200
    assert b'type="file"' in page.content
    response = client.post(reverse("local_offer_import_new"), {
        "source_name": "Northshire", "feed_file": upload([feed_service(1)])})
    assert response.status_code == 302
    listing = client.get(response.url)
    assert b"1 added, 0 updated, 0 withdrawn" in listing.content
    source = ImportSource.objects.get()
    again = client.get(reverse("local_offer_import_new"), {"source": source.pk})
    assert b'value="Northshire"' in again.content


@pytest.mark.parametrize("post, says", [
    ({"source_name": "Northshire"}, "Enter the feed&#x27;s web address, or upload the feed as a file"),
    ({"source_name": "Northshire", "feed_url": "ftp://north.example.org/"}, "starting with http:// or https://"),
    ({"source_name": "Northshire", "feed_file": b"\x89PNG not json"}, "must be a JSON file"),
    ({"source_name": "Northshire", "feed_file": [{"id": "1"}]}, "has no name"),
    ({"source_name": "", "feed_file": [feed_service(1)]}, "Enter the name of the area"),
    ({"source_name": "Northshire", "feed_file": [feed_service(1)], "feed_url": "https://north.example.org/"},
     "not both"),
])
def test_staff_import_errors_are_explained(world, client_for, post, says):
    if "feed_file" in post:
        post = {**post, "feed_file": upload(post["feed_file"])}
    response = client_for("manager").post(reverse("local_offer_import_new"), post)
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content
    assert says in response.content.decode()
    assert not Service.objects.exists() and not ImportSource.objects.exists()


def test_oversized_upload_is_refused(world, client_for, monkeypatch):
    monkeypatch.setattr("local_offer.import_views.MAX_UPLOAD_BYTES", 10)
    response = client_for("admin").post(reverse("local_offer_import_new"), {
        "source_name": "Northshire", "feed_file": upload([feed_service(1)])})
    assert response.status_code == 400
    assert b"smaller than 20MB" in response.content


@pytest.fixture
def ours():
    terms = vocabularies()
    postcode()
    club = published_service(terms=[terms["categories"][0], terms["needs"][0]], access=terms["accessibility"],
                             name="=HYPERLINK(\"http://evil.example\")", description="+1 great club")
    hidden = published_service(organisation("Hidden Org"), name="Hidden club")
    Service.objects.filter(pk=hidden.pk).update(visibility="hidden")
    return club


def test_json_export_is_every_published_service_in_full(client, ours):
    response = client.get(reverse("local_offer_export_json"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    services = response.json()
    assert [s["id"] for s in services] == [str(ours.pk)]
    assert_valid(services[0], "compiled/service.json")


def test_csv_export_is_safe_in_spreadsheets(client, ours):
    response = client.get(reverse("local_offer_export_csv"))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == "'=HYPERLINK(\"http://evil.example\")"
    assert row["description"] == "'+1 great club"
    assert row["needs"] == "Autism" and row["categories"] == "Play and leisure"
    assert row["postcodes"] == "AB1 2CD" and row["phone"] == "01632 960 111"


def test_export_command_writes_files_that_import_back(tmp_path, ours):
    json_path, csv_path = tmp_path / "services.json", tmp_path / "services.csv"
    call_command("export_oruk", "--format", "json", "--output", str(json_path), stdout=io.StringIO())
    call_command("export_oruk", "--format", "csv", "--output", str(csv_path), stdout=io.StringIO())
    assert "HYPERLINK" in csv_path.read_text(encoding="utf-8")
    assert "1 added" in run_import(str(json_path), source="Ourselves, round trip")
    copy = Service.objects.get(source__name="Ourselves, round trip")
    assert copy.name == ours.name and copy.phone == ours.phone
    assert set(copy.terms.all()) == set(ours.terms.all())
    assert copy.service_at_locations.get().location.postcode == "AB1 2CD"
    assert set(copy.service_at_locations.get().location.accessibility.all()) == \
        set(ours.service_at_locations.get().location.accessibility.all())
    assert copy.schedules.count() == 1 and copy.service_at_locations.get().schedules.count() == 1
