"""Importing a feed safely: web addresses that lead into our own network, numbers JSON cannot hold, feeds that
would wipe out an area's services, other feeds' taxonomy terms, and the limits on the open API and downloads.
No test here touches the network: host names and connections are stood in for."""

import io
import json
import urllib.error
import uuid
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from local_offer.models import ImportSource, Service, Taxonomy, TaxonomyTerm
from local_offer.services import MassWithdrawal, oruk_import_from

from .test_oruk_import_export import (
    PUBLIC_ADDRESS,
    TERM_ID,
    FakeResponse,
    fake_feed,
    feed_service,
    resolves_to,
    run_import,
    upload,
    write,
)
from .test_oruk_support import postcode, published_service, vocabularies

pytestmark = pytest.mark.django_db

REFUSED = "could not read a feed at that address"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def import_url(url, *extra):
    out = io.StringIO()
    call_command("import_oruk", "--source-name", "Northshire", "--url", url, *extra, stdout=out)
    return out.getvalue()


def never_opened(request, address):
    raise AssertionError(f"{request.full_url} should not have been fetched")


# --- Web addresses that lead into our own network ----------------------------------------------------------

INTO_OUR_NETWORK = [
    ("https://north.example.org/api", ["127.0.0.1"]),
    ("https://north.example.org/api", ["10.1.2.3"]),
    ("https://north.example.org/api", ["169.254.169.254"]),
    ("https://north.example.org/api", ["::1"]),
    ("https://north.example.org/api", ["fd00::1"]),
    ("https://north.example.org/api", ["::ffff:192.168.0.1"]),
    ("https://north.example.org/api", [PUBLIC_ADDRESS, "192.168.1.1"]),  # every address must be public
    ("http://169.254.169.254/latest/meta-data", ["169.254.169.254"]),
    ("https://north.example.org:8080/api", [PUBLIC_ADDRESS]),
    ("https://north.example.org:22/api", [PUBLIC_ADDRESS]),
    ("https://user:secret@north.example.org/api", [PUBLIC_ADDRESS]),
]


@pytest.mark.parametrize("url, addresses", INTO_OUR_NETWORK)
def test_command_refuses_addresses_into_our_network(url, addresses):
    with resolves_to(*addresses), mock.patch("local_offer.services.oruk._open", never_opened), \
            pytest.raises(CommandError, match=REFUSED):
        import_url(url)
    assert not ImportSource.objects.exists()


def test_command_refuses_other_schemes():
    with resolves_to(PUBLIC_ADDRESS), mock.patch("local_offer.services.oruk._open", never_opened), \
            pytest.raises(CommandError, match=REFUSED):
        import_url("ftp://north.example.org/api")


@pytest.mark.parametrize("url, addresses", INTO_OUR_NETWORK[:-1])  # the form itself refuses a password in it
def test_staff_page_refuses_addresses_into_our_network(world, client_for, url, addresses):
    with resolves_to(*addresses), mock.patch("local_offer.services.oruk._open", never_opened):
        response = client_for("manager").post(reverse("local_offer_import_new"),
                                              {"source_name": "Northshire", "feed_url": url})
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content
    assert REFUSED in response.content.decode()
    assert not ImportSource.objects.exists()


def test_staff_page_refuses_ftp(world, client_for):
    response = client_for("manager").post(reverse("local_offer_import_new"),
                                          {"source_name": "Northshire", "feed_url": "ftp://north.example.org/"})
    assert response.status_code == 400
    assert "starting with http:// or https://" in response.content.decode()


@pytest.mark.parametrize("error", [
    urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
    TimeoutError("timed out"),
    urllib.error.HTTPError("https://north.example.org/api/services?page=1", 500, "Internal error", {}, None),
])
def test_why_a_fetch_failed_is_not_shown(world, client_for, error):
    # Telling "refused" from "timed out" would let anyone with the page map which machines answer.
    with resolves_to(PUBLIC_ADDRESS), mock.patch("local_offer.services.oruk._open", side_effect=error):
        response = client_for("manager").post(reverse("local_offer_import_new"),
                                              {"source_name": "Northshire", "feed_url": "https://north.example.org"})
    page = response.content.decode()
    assert response.status_code == 400 and REFUSED in page
    assert "refused" not in page.lower() and "timed out" not in page and "500" not in page


class FakeSocket:
    """What socket.create_connection returns, answering every request with one canned HTTP response."""

    def __init__(self, response: bytes):
        self.response, self.sent = response, b""

    def sendall(self, data):
        self.sent += data

    def makefile(self, mode, *args, **kwargs):
        return io.BytesIO(self.response)

    def setsockopt(self, *args):
        pass

    def close(self):
        pass


def http_response(status, headers=(), body=b"") -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", *headers, "", ""]
    return "\r\n".join(lines).encode() + body


def test_a_fetch_connects_only_to_the_address_checked():
    """Through the real opener: the host name is sent, but the connection goes to the address we checked, so a
    host name that changes its answer after the check (DNS rebinding) gets nowhere."""
    body = json.dumps({"total_pages": 1, "contents": [{"id": feed_service(1)["id"]}]}).encode()
    service = json.dumps(feed_service(1)).encode()
    sockets = [FakeSocket(http_response("200 OK", ["Content-Type: application/json"], body)),
               FakeSocket(http_response("200 OK", ["Content-Type: application/json"], service))]
    with resolves_to(PUBLIC_ADDRESS), mock.patch("socket.create_connection", side_effect=sockets) as connect:
        assert "1 added" in import_url("http://north.example.org/api")
    assert [c.args[0] for c in connect.call_args_list] == [(PUBLIC_ADDRESS, 80)] * 2
    assert b"Host: north.example.org" in sockets[0].sent


def test_https_checks_the_certificate_against_the_host_name_not_the_address():
    body = json.dumps({"total_pages": 1, "contents": [{"id": feed_service(1)["id"]}]}).encode()
    service = json.dumps(feed_service(1)).encode()
    sockets = [FakeSocket(http_response("200 OK", [], body)), FakeSocket(http_response("200 OK", [], service))]
    context = mock.MagicMock()
    context.wrap_socket.side_effect = lambda sock, server_hostname: sock
    with resolves_to(PUBLIC_ADDRESS), mock.patch("socket.create_connection", side_effect=sockets) as connect, \
            mock.patch("ssl._create_default_https_context", return_value=context):
        assert "1 added" in import_url("https://north.example.org/api")
    assert [c.args[0] for c in connect.call_args_list] == [(PUBLIC_ADDRESS, 443)] * 2
    assert {c.kwargs["server_hostname"] for c in context.wrap_socket.call_args_list} == {"north.example.org"}


@pytest.mark.parametrize("location", ["http://10.0.0.5/services", "ftp://north.example.org/services",
                                      "http://north.example.org/elsewhere"])
def test_redirects_are_refused(world, client_for, location):
    sockets = [FakeSocket(http_response("302 Found", [f"Location: {location}"]))]
    with resolves_to(PUBLIC_ADDRESS), mock.patch("socket.create_connection", side_effect=sockets) as connect, \
            pytest.raises(CommandError, match=REFUSED):
        import_url("http://north.example.org/api")
    assert connect.call_count == 1

    sockets = [FakeSocket(http_response("302 Found", [f"Location: {location}"]))]
    with resolves_to(PUBLIC_ADDRESS), mock.patch("socket.create_connection", side_effect=sockets):
        response = client_for("manager").post(reverse("local_offer_import_new"),
                                              {"source_name": "Northshire", "feed_url": "http://north.example.org"})
    assert response.status_code == 400 and REFUSED in response.content.decode()
    assert not ImportSource.objects.exists()


def test_too_many_bytes_in_all_is_refused(monkeypatch):
    urlopen, _ = fake_feed([[feed_service(1)], [feed_service(2)]])
    monkeypatch.setattr("local_offer.services.oruk.MAX_TOTAL_BYTES", 600)
    with resolves_to(PUBLIC_ADDRESS), mock.patch("local_offer.services.oruk._open", urlopen), \
            pytest.raises(CommandError, match="too large to import"):
        import_url("https://north.example.org/api")
    assert not Service.objects.exists()


# --- Numbers JSON cannot hold ----------------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN", "Infinity", "-Infinity"])
def test_numbers_that_are_not_finite_are_refused(tmp_path, world, client_for, number):
    text = json.dumps([feed_service(1)]).replace('"minimum_age": 0', f'"minimum_age": {number}')
    assert number in text
    with pytest.raises(CommandError, match="not a real number"):
        run_import(write(tmp_path, text))
    response = client_for("manager").post(reverse("local_offer_import_new"), {
        "source_name": "Northshire", "feed_file": upload(text.encode())})
    assert response.status_code == 400 and "not a real number" in response.content.decode()
    assert not Service.objects.exists()


def test_numbers_that_are_not_finite_are_refused_from_a_web_address():
    def urlopen(request, address):
        return FakeResponse(b'{"total_pages": Infinity, "contents": []}')

    with resolves_to(PUBLIC_ADDRESS), mock.patch("local_offer.services.oruk._open", urlopen), \
            pytest.raises(CommandError, match="not a real number"):
        import_url("https://north.example.org/api")


def test_unreadable_numbers_in_fields_are_dropped_like_other_bad_values(tmp_path):
    huge = "9" * 400  # a whole number too large for a float
    service = feed_service(1, minimum_age="Infinity", maximum_age="nan",
                           cost_options=[{"option": "Everyone", "amount": "1e400"}])
    service["schedules"][0]["interval"] = "-Infinity"
    text = json.dumps([service, feed_service(2)]).replace('"minimum_age": 0', f'"minimum_age": {huge}')
    assert "2 added" in run_import(write(tmp_path, text))
    first = Service.objects.get(external_id=service["id"])
    assert (first.minimum_age, first.maximum_age) == (0, 25)
    assert first.cost_options.get().amount is None
    assert first.schedules.get().interval == 1
    assert Service.objects.get(external_id=feed_service(2)["id"]).minimum_age == 0


# --- Feeds that would wipe out an area's services ------------------------------------------------------------

@pytest.fixture
def four_published(tmp_path):
    run_import(write(tmp_path, [feed_service(n) for n in range(1, 5)]), source="Northshire")
    source = ImportSource.objects.get()
    assert Service.objects.filter(source=source, visibility="published").count() == 4
    return source


def state():
    return (sorted(Service.objects.values_list("external_id", "visibility", "name")),
            list(ImportSource.objects.values_list("last_result", flat=True)))


def test_an_empty_feed_changes_nothing(tmp_path, four_published):
    before = state()
    with pytest.raises(ValidationError, match="no services"):
        oruk_import_from(source_name="Northshire", services=[])
    with pytest.raises(ValidationError, match="no services"):
        oruk_import_from(source_name="Northshire", services=[], allow_mass_withdrawal=True)
    for payload in ([], {"total_pages": 1, "contents": []}):
        with pytest.raises(CommandError, match="no services"):
            run_import(write(tmp_path, payload), source="Northshire")
    assert state() == before


def test_a_feed_that_is_down_changes_nothing(four_published):
    before = state()
    urlopen, _ = fake_feed([[]])  # an outage that answers with an empty first page
    with resolves_to(PUBLIC_ADDRESS), mock.patch("local_offer.services.oruk._open", urlopen), \
            pytest.raises(CommandError, match="no services"):
        call_command("import_oruk", "--source-name", "Northshire", "--url", "https://north.example.org/api",
                     "--allow-withdrawing-most", stdout=io.StringIO())
    assert state() == before


def test_an_empty_page_in_the_middle_changes_nothing(four_published):
    before = state()
    urlopen, _ = fake_feed([[feed_service(1)], [], [feed_service(3)]])
    with resolves_to(PUBLIC_ADDRESS), mock.patch("local_offer.services.oruk._open", urlopen), \
            pytest.raises(CommandError, match="Page 2 of the feed's 3 pages was empty"):
        import_url("https://north.example.org/api", "--allow-withdrawing-most")
    assert state() == before


def test_too_many_pages_is_an_error_not_a_shorter_feed(four_published, monkeypatch):
    before = state()
    monkeypatch.setattr("local_offer.services.oruk.MAX_PAGES", 2)
    pages = [[feed_service(1)], [feed_service(2)], [feed_service(3)]]
    urlopen, asked = fake_feed(pages, page_bodies={n: {"contents": [{"id": pages[n - 1][0]["id"]}]}
                                                   for n in (1, 2, 3)})
    with resolves_to(PUBLIC_ADDRESS), mock.patch("local_offer.services.oruk._open", urlopen), \
            pytest.raises(CommandError, match="more than 2 pages"):
        import_url("https://north.example.org/api", "--allow-withdrawing-most")
    assert len(asked) == 2
    assert state() == before


def test_withdrawing_most_of_an_area_needs_saying_so_in_the_command(tmp_path, four_published):
    before = state()
    path = write(tmp_path, [feed_service(1)])
    with pytest.raises(CommandError, match="withdraw 3 of the 4 services from Northshire") as refused:
        run_import(path, source="Northshire")
    assert "--allow-withdrawing-most" in str(refused.value)
    assert state() == before
    out = io.StringIO()
    call_command("import_oruk", "--source-name", "Northshire", "--file", path, "--allow-withdrawing-most",
                 stdout=out)
    assert "3 withdrawn" in out.getvalue()


def test_withdrawing_most_of_an_area_needs_saying_so_on_the_page(world, client_for, four_published):
    before = state()
    client = client_for("manager")
    response = client.post(reverse("local_offer_import_new"), {
        "source_name": "Northshire", "feed_file": upload([feed_service(1)])})
    assert response.status_code == 400
    page = response.content.decode()
    assert "withdraw 3 of the 4 services from Northshire" in page
    assert 'href="#id_allow_mass_withdrawal"' in page  # the error summary leads to the box to tick
    assert "I expect most of this area's services to be withdrawn" in page
    assert state() == before
    response = client.post(reverse("local_offer_import_new"), {
        "source_name": "Northshire", "feed_file": upload([feed_service(1)]), "allow_mass_withdrawal": "on"})
    assert response.status_code == 302
    assert Service.objects.filter(visibility="withdrawn").count() == 3


def test_withdrawing_half_or_fewer_needs_no_confirmation(four_published):
    oruk_import_from(source_name="Northshire", services=[feed_service(1), feed_service(2)])
    with pytest.raises(MassWithdrawal):  # 1 of the 2 still published would go: half, allowed; 2 of 2 would not
        oruk_import_from(source_name="Northshire", services=[feed_service(3)])


# --- Other feeds' taxonomy terms, and our own ----------------------------------------------------------------

def test_two_areas_sending_the_same_term_id_get_separate_terms():
    north, _ = oruk_import_from(source_name="Northshire", services=[feed_service(1)])
    south_service = feed_service(2, attributes=[{"taxonomy_term": {
        "id": TERM_ID, "name": "Holiday clubs", "taxonomy": "Southshire categories", "term": "holiday"}}])
    south, _ = oruk_import_from(source_name="Southshire", services=[south_service])
    north_term = Service.objects.get(source=north).terms.get()
    south_term = Service.objects.get(source=south).terms.get()
    assert north_term != south_term
    assert (north_term.name, north_term.taxonomy.name) == ("Short breaks", "Northshire categories")
    assert (south_term.name, south_term.taxonomy.name) == ("Holiday clubs", "Southshire categories")
    assert north_term.taxonomy != south_term.taxonomy
    assert not TaxonomyTerm.objects.filter(pk=TERM_ID).exists()

    # Importing the north again keeps its own term, under the same id.
    oruk_import_from(source_name="Northshire", services=[feed_service(1)])
    assert Service.objects.get(source=north).terms.get() == north_term


def test_a_feed_cannot_change_our_own_terms():
    ours = vocabularies()["categories"][0]
    before = (ours.name, ours.code, ours.description, ours.taxonomy_id, ours.parent_id)
    service = feed_service(1, attributes=[{"taxonomy_term": {
        "id": str(ours.pk), "name": "Renamed by a feed", "term": "hijacked", "description": "Not ours",
        "taxonomy": "Somewhere else", "taxonomy_id": str(uuid.uuid4()), "parent_id": TERM_ID}}])
    source, _ = oruk_import_from(source_name="Northshire", services=[service])
    ours.refresh_from_db()
    assert (ours.name, ours.code, ours.description, ours.taxonomy_id, ours.parent_id) == before
    assert ours.taxonomy.purpose == Taxonomy.Purpose.CATEGORIES
    # The feed may still say its service belongs in our category, which is how our own export comes back.
    assert list(Service.objects.get(source=source).terms.all()) == [ours]
    assert not Taxonomy.objects.filter(name="Somewhere else").exists()


def test_a_feed_cannot_reach_our_taxonomies_by_id():
    ours = vocabularies()["needs"][0].taxonomy
    service = feed_service(1)
    service["attributes"][0]["taxonomy_term"]["taxonomy_id"] = str(ours.pk)
    oruk_import_from(source_name="Northshire", services=[service])
    term = Service.objects.get().terms.get()
    assert term.taxonomy != ours and term.taxonomy.purpose == Taxonomy.Purpose.OTHER
    assert not ours.terms.filter(name="Short breaks").exists()


# --- Limits on the open API and the downloads ------------------------------------------------------------------

def rest(settings, **changes):
    return override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, **changes})


def test_api_proxy_count_comes_from_the_sign_in_setting(settings):
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.ALLAUTH_TRUSTED_PROXY_COUNT


def test_a_made_up_forwarded_for_does_not_reset_the_api_throttle(client, settings):
    with rest(settings, DEFAULT_THROTTLE_RATES={"anon": "3/minute"}, NUM_PROXIES=0):
        statuses = [client.get(reverse("oruk_services"), HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
                    for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_behind_a_trusted_proxy_the_api_throttle_counts_each_visitor(client, settings):
    with rest(settings, DEFAULT_THROTTLE_RATES={"anon": "2/minute"}, NUM_PROXIES=1):
        first = [client.get(reverse("oruk_services"), HTTP_X_FORWARDED_FOR="203.0.113.1").status_code
                 for _ in range(3)]
        other = client.get(reverse("oruk_services"), HTTP_X_FORWARDED_FOR="203.0.113.2").status_code
    assert (first, other) == ([200, 200, 429], 200)


def test_downloads_are_throttled(client, settings):
    with rest(settings, DEFAULT_THROTTLE_RATES={"anon": "2/minute"}, NUM_PROXIES=0):
        statuses = [client.get(reverse(name), HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
                    for n, name in enumerate(["local_offer_export_json", "local_offer_export_csv",
                                              "local_offer_export_json", "local_offer_export_csv"])]
        refused = client.get(reverse("local_offer_export_csv"))
    assert statuses == [200, 200, 429, 429]
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many downloads" in refused.content.decode()


def test_downloads_are_built_once_for_a_few_minutes(client):
    vocabularies()
    postcode()
    first = published_service(name="First club")
    json_before = client.get(reverse("local_offer_export_json")).json()
    csv_before = client.get(reverse("local_offer_export_csv")).content
    published_service(name="Second club")
    assert client.get(reverse("local_offer_export_json")).json() == json_before
    assert client.get(reverse("local_offer_export_csv")).content == csv_before
    assert [s["id"] for s in json_before] == [str(first.pk)]
    cache.clear()  # as when the few minutes are up
    assert len(client.get(reverse("local_offer_export_json")).json()) == 2
    assert b"Second club" in client.get(reverse("local_offer_export_csv")).content
