"""C-11 open redirects: Django's own bad and good `next` lists against every place the portal follows one.

The lists are Django's (tests/auth_tests/test_views.py LoginTest.test_security_check, and the harder cases from
tests/utils_tests/test_http.py URLHasAllowedHostAndSchemeTests). A redirect is off-site if a browser would leave
the portal's host or run a script on following it.
"""

import re
import time
from urllib.parse import urlsplit

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from tests import factories

pytestmark = pytest.mark.django_db

BAD = [
    "http://example.com",
    "http:///example.com",
    "https://example.com",
    "ftp://example.com",
    "///example.com",
    "//example.com",
    'javascript:alert("XSS")',
    "\\\\example.com",
    "\\\\\\example.com",
    "/\\\\/example.com",
    "\\\\//example.com",
    "/\\/example.com",
    "\\/example.com",
    "/\\example.com",
    "http:/\\//example.com",
    "http:\\/example.com",
    "http:/\\example.com",
    "\njavascript:alert(x)",
    "\x08//example.com",
    "http://otherserver\\@example.com",
    "http:\\\\testserver\\@example.com",
    "http://testserver\\me:pass@example.com",
    "http://testserver\\@example.com",
    "http:\\\\example.com",
    "https://testserver.example.com/",
    "//testserver@example.com/",
]

GOOD = [
    "/view/?param=http://example.com",
    "/view/?param=https://example.com",
    "/view?param=ftp://example.com",
    "https://testserver/",
    "HTTPS://testserver/",
    "//testserver/",
    "/url%20with%20spaces/",
]


def _host(rest: str) -> str:
    return re.split(r"[/?#]", rest.lstrip("/"), maxsplit=1)[0].lower()


def _leaves_on_reading(location: str) -> bool:
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$", location, re.DOTALL)
    if scheme:
        return scheme.group(1).lower() not in ("http", "https") or _host(scheme.group(2)) != "testserver"
    return location.startswith("//") and _host(location) != "testserver"


def _leaves_the_portal(location: str) -> bool:
    """Whether following `location` could leave the portal's host or run a script, read as written and read the
    way browsers do (leading control characters and spaces dropped, backslashes as slashes)."""
    stripped = location.lstrip("".join(map(chr, range(33))))
    return _leaves_on_reading(stripped) or _leaves_on_reading(stripped.replace("\\", "/"))


def _with_next(url_name, target):
    return f"{reverse(url_name)}?{urlencode({'next': target})}"


def _sign_in(client, user, target):
    return client.post(_with_next("account_login", target), {"login": user.email, "password": factories.PASSWORD})


def _check(redirect_for):
    off_site, ignored = [], []
    for target in BAD:
        cache.clear()  # 33 sign-ins in well under a minute would trip the flood limit, which is not under test here
        location = redirect_for(target)
        if location is None or _leaves_the_portal(location):
            off_site.append((target, location))
    for target in GOOD:
        cache.clear()
        location = redirect_for(target)
        if location != target:
            ignored.append((target, location))
    assert off_site == []
    assert ignored == []


def test_the_checker_recognises_every_bad_url():
    assert [url for url in BAD if not _leaves_the_portal(url)] == []
    assert [url for url in GOOD if _leaves_the_portal(url)] == []


def test_signing_in(world):
    def redirect_for(target):
        response = _sign_in(Client(), world.parent_a, target)
        return response.get("Location") if response.status_code == 302 else None

    _check(redirect_for)


def test_signing_in_when_already_signed_in(world, client):
    client.force_login(world.parent_a, backend="allauth.account.auth_backends.AuthenticationBackend")

    def redirect_for(target):
        response = client.get(_with_next("account_login", target))
        return response.get("Location") if response.status_code == 302 else None

    _check(redirect_for)


def test_signing_in_with_a_second_factor(world):
    def redirect_for(target):
        client = Client()
        # Time stands still for each attempt, so the code cannot expire between being read and typed.
        with time_machine.travel(time.time(), tick=False):
            _sign_in(client, world.caseworker, target)
            code = format_hotp_value(hotp_value(factories.TEST_TOTP_SECRET, next(yield_hotp_counters_from_time())))
            cache.clear()  # each code works once, so each attempt forgets the last one's use
            response = client.post(reverse("mfa_authenticate"), {"code": code})
        return response.get("Location") if response.status_code == 302 else None

    _check(redirect_for)


def test_signing_out(world):
    def redirect_for(target):
        client = Client()
        client.force_login(world.parent_a, backend="allauth.account.auth_backends.AuthenticationBackend")
        response = client.post(reverse("account_logout"), {"next": target})
        return response.get("Location") if response.status_code == 302 else None

    _check(redirect_for)


def test_giving_the_password_again(world):
    client = Client()
    client.force_login(world.parent_a, backend="allauth.account.auth_backends.AuthenticationBackend")

    def redirect_for(target):
        response = client.post(_with_next("account_reauthenticate", target), {"password": factories.PASSWORD})
        return response.get("Location") if response.status_code == 302 else None

    _check(redirect_for)


def test_signing_up_never_sends_anyone_off_site(db):
    from django.core import mail

    for number, target in enumerate(BAD + GOOD):
        client = Client()
        mail.outbox.clear()
        cache.clear()  # the sign-up limit (20 a minute from one address) is not under test here
        response = client.post(_with_next("account_signup", target), {
            "full_name": "Pat", "email": f"pat{number}@example.test", "family_role": "parent_carer",
            "password1": "plum-orchard-lantern", "password2": "plum-orchard-lantern"})
        assert response.status_code == 302
        assert not _leaves_the_portal(response.url), target
        # The link in the email signs them in; it must not take them off-site either.
        link = next(word for word in mail.outbox[0].body.split() if "/accounts/confirm-email/" in word)
        response = client.post(urlsplit(link).path)
        assert response.status_code == 302
        assert not _leaves_the_portal(response.url), target


def test_the_local_offer_shortlist_only_returns_within_the_local_offer(db, client):
    from tests.local_offer import listings

    listings.vocabularies()
    service = listings.listing("Sensory play group")
    url = reverse("local_offer_shortlist_add", args=[service.pk])
    fallback = reverse("local_offer_shortlist")
    for target in BAD + GOOD:
        response = client.post(url, {"next": target})
        assert response.status_code == 302
        assert not _leaves_the_portal(response.url), target
        assert response.url == fallback, target  # none of these is a Local Offer page
    search = reverse("local_offer_search") + "?q=speech"
    assert client.post(url, {"next": search}).url == search
