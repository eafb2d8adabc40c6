"""C-12 CSRF and safe methods.

- A cross-site form post carries no CSRF token: every URL in the access policy refuses a POST without one (403),
  even from a person allowed on the page, and nothing changes.
- A GET never changes anything (a browser's link prefetch must be harmless): every page, as every person in the
  `world` fixture, leaves every table as it was, except the few tables listed below that exist to change on a
  read.
- No view turns CSRF protection off.
"""

import pathlib
import re

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.urls.exceptions import NoReverseMatch

from send_portal.core.access_policy import POLICY
from tests.conftest import ROLE_NAMES
from tests.security.test_access_policy import _named_patterns
from tests.security.trust import changed_tables, may_reach, table_hashes
from tests.targets import policy_targets

# Tables a GET may change, and why. Anything else changing on a GET is a bug.
CHANGE_ON_READ = {
    # The session: the idle-timeout clock, the "questions then check" answers kept between pages, flash messages.
    "django_session": "each request moves the idle-timeout clock on (accounts.middleware.IdleTimeoutMiddleware)",
    # Reading a protected record is itself recorded (ASVS 8.3.5); only access entries may appear (checked below).
    "auditlog_logentry": "record_access() writes an access entry for each view of a protected record",
    # The dashboards keep counts, not records: a view with no figures under a day old is counted when opened.
    "dashboards_storedfigures": "a cache of dashboard counts, counted when a view is first opened",
    # Django's database cache (rate limits, throttles).
    "portal_cache": "the database cache backend (rate limits and throttles)",
}

PROJECT_DIRS = ["send_portal", "ehc", "local_offer", "alt_provision", "dashboards"]


def _kwargs(url_name, targets):
    if url_name in targets:
        return targets[url_name]
    return {}, "get", None


def _url(url_name, kwargs):
    try:
        return reverse(url_name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _public_targets():
    """Public pages about one listing, taxonomy or information page, which the policy targets do not build."""
    from local_offer.models import InformationPage, Taxonomy, TaxonomyTerm
    from tests.local_offer.listings import listing, vocabularies

    vocabularies()
    service = listing()
    located = service.service_at_locations.first()
    term = TaxonomyTerm.objects.first()
    page = InformationPage.objects.create(slug="short-breaks", title="Short breaks", summary="What they are.",
                                          body="Short breaks give families a rest.")
    return {
        "local_offer_service": ({"pk": service.pk}, "get", None),
        "local_offer_shortlist_add": ({"pk": service.pk}, "post", None),
        "local_offer_shortlist_remove": ({"pk": service.pk}, "post", None),
        "local_offer_information_page": ({"slug": page.slug}, "get", None),
        "oruk_service": ({"service_id": service.pk}, "get", None),
        "oruk_service_at_location": ({"service_at_location_id": located.pk}, "get", None),
        "oruk_taxonomy": ({"taxonomy_id": Taxonomy.objects.first().pk}, "get", None),
        "oruk_taxonomy_term": ({"taxonomy_term_id": term.pk}, "get", None),
    }


@pytest.fixture
def crawl_targets(world):
    return {**_public_targets(), **policy_targets(world)}


def _clients(world, **options):
    clients = {}
    for role in ROLE_NAMES:
        clients[role] = Client(**options)
        if role != "anonymous":
            clients[role].force_login(world.users[role], backend="allauth.account.auth_backends.AuthenticationBackend")
    return clients


def test_every_post_without_a_csrf_token_is_refused(world, crawl_targets):
    routes, failures = [], []
    clients = _clients(world, enforce_csrf_checks=True)  # signed in first: signing in sets last_login
    before = table_hashes(skip=CHANGE_ON_READ)
    for url_name in sorted(POLICY):
        kwargs, _, allowed = _kwargs(url_name, crawl_targets)
        url = _url(url_name, kwargs)
        if url is None:
            failures.append(f"{url_name}: no arguments to reach it")
            continue
        # Someone allowed on the page, so only the missing token can stop the post.
        role = next(role for role in ROLE_NAMES if may_reach(url_name, role, allowed))
        routes.append(url_name)
        response = clients[role].post(url, {"confirm": "1"})
        # The read-only open API takes no POST at all (test_only_read_only_api_views_skip_the_csrf_middleware).
        refusal = 405 if url_name.startswith("oruk_") else 403
        if response.status_code != refusal:
            failures.append(f"{url_name} as {role}: {response.status_code}")
    print(f"C-12 CSRF: {len(routes) - len(failures)}/{len(routes)} POST routes refused a missing token")
    assert changed_tables(before, table_hashes(skip=CHANGE_ON_READ)) == []
    assert failures == [], "\n".join(failures)
    assert len(routes) == len(POLICY)


def test_no_get_changes_the_database(world, crawl_targets):
    clients = _clients(world)
    failures, requests, pages = [], 0, 0
    seen_changes = set()
    recorded_before = LogEntry.objects.exclude(action=LogEntry.Action.ACCESS).count()
    for url_name in sorted(POLICY):
        kwargs, method, _ = _kwargs(url_name, crawl_targets)
        url = _url(url_name, kwargs)
        if method != "get":
            continue
        if url is None:
            failures.append(f"{url_name}: no arguments to reach it")
            continue
        pages += 1
        before = table_hashes()
        for role in ROLE_NAMES:
            requests += 1
            clients[role].get(url)
        changed = set(changed_tables(before, table_hashes()))
        seen_changes |= changed
        if changed - set(CHANGE_ON_READ):
            failures.append(f"GET {url_name} changed {sorted(changed - set(CHANGE_ON_READ))}")
    print(f"C-12 safe methods: {pages} GET pages x {len(ROLE_NAMES)} roles = {requests} requests; "
          f"tables changed: {sorted(seen_changes)}")
    # Only access entries: a GET must not record a create, change or delete of anything.
    assert LogEntry.objects.exclude(action=LogEntry.Action.ACCESS).count() == recorded_before
    assert failures == []
    assert pages > 100


def test_no_code_turns_off_csrf_protection():
    found = []
    for folder in PROJECT_DIRS:
        for path in (pathlib.Path(settings.BASE_DIR) / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if re.search(r"csrf_exempt|CSRF_TRUSTED_ORIGINS\s*=\s*\[\s*['\"]\*", line):
                    found.append(f"{path.relative_to(settings.BASE_DIR)}:{number}")
    assert found == []


def test_only_read_only_api_views_skip_the_csrf_middleware():
    """Django REST framework marks every APIView csrf_exempt and checks CSRF itself for session sign-ins; the
    Open Referral UK API only reads, so it must accept no unsafe method at all."""
    exempt = {}
    for name, pattern in _named_patterns(__import__("django.urls", fromlist=["get_resolver"]).get_resolver()):
        if getattr(pattern.callback, "csrf_exempt", False):
            view_class = getattr(pattern.callback, "cls", None) or getattr(pattern.callback, "view_class", None)
            methods = {method.upper() for method in getattr(view_class, "http_method_names", [])
                       if hasattr(view_class, method)} if view_class else {"UNKNOWN"}
            # DRF answers OPTIONS itself; GET and HEAD read.
            exempt[name] = sorted(methods - {"GET", "HEAD", "OPTIONS"})
    assert {name: unsafe for name, unsafe in exempt.items() if unsafe} == {}
    assert all(name.startswith("oruk_") or name.startswith("local_offer_export") for name in exempt), exempt


def test_the_open_api_answers_a_signed_in_person(world, client_for):
    """Regression: REST framework sets request.user to None, and the no-store middleware then failed with a 500
    for anyone signed in who opened the API (found by the GET crawl above)."""
    response = client_for("caseworker").get(reverse("oruk_services"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "Clear-Site-Data" not in response
