"""C-38: the exact security headers and cookie flags, with the production settings, on every kind of response.

The production settings are read from `DJANGO_ENV=production` in a separate process (they are decided when the
settings module loads) and then applied here, so the headers are checked on the settings a deployment really gets.
`check --deploy --fail-level WARNING` on the same settings is tested in tests/unit/test_settings_and_health.py.
tests/unit/test_security_defaults.py checks that every inline script carries the CSP nonce.
"""

import json

import pytest
from django.urls import path, reverse

from send_portal import urls as portal_urls
from send_portal.core.middleware import PERMISSIONS_POLICY
from tests import factories
from tests.targets import policy_targets
from tests.unit.test_settings_and_health import _manage

pytestmark = pytest.mark.django_db

PRODUCTION_KEYS = ["DEBUG", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS",
                   "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE",
                   "CSRF_COOKIE_SECURE", "SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "SESSION_COOKIE_HTTPONLY",
                   "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE"]

# Every response carries these, exactly; CSP and HSTS are parsed below.
EXACT = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}
CSP = {
    "default-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"], "font-src": ["'self'"],
    "connect-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'none'"], "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Files people uploaded are served with a policy that lets them run nothing, even if a browser displayed them.
DOWNLOAD_CSP = {"sandbox": [], "default-src": ["'none'"], "base-uri": ["'none'"], "frame-ancestors": ["'none'"]}


@pytest.fixture(scope="module")
def production_settings():
    script = ("import json; from django.conf import settings as s; "
              f"print(json.dumps({{k: getattr(s, k) for k in {PRODUCTION_KEYS!r}}}))")
    result = _manage("shell", "-c", script, DJANGO_ENV="production", SECRET_KEY="k" + "Zq8#vR2!mW9@tL4$pX7%nB3^" * 3,
                     ALLOWED_HOSTS="send.example.gov.uk")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_settings):
    for key, value in production_settings.items():
        setattr(settings, key, value)
    return settings


def _get(client, url, **extra):
    """A request as it reaches the portal behind the TLS-terminating proxy."""
    return client.get(url, secure=True, HTTP_X_FORWARDED_PROTO="https", **extra)


def _header_problems(response, *, signed_in, html, download=False):
    problems = [f"{name}: {response.get(name)!r}" for name, value in EXACT.items() if response.get(name) != value]
    hsts = dict(part.strip().partition("=")[::2] for part in response.get("Strict-Transport-Security", "").split(";"))
    if int(hsts.get("max-age") or 0) < 31536000 or "includeSubDomains" not in hsts:
        problems.append(f"Strict-Transport-Security: {response.get('Strict-Transport-Security')!r}")
    directives = {name: values for name, *values in
                  (part.split() for part in response.get("Content-Security-Policy", "").split(";") if part.strip())}
    if download:
        if directives != DOWNLOAD_CSP:
            problems.append(f"Content-Security-Policy: {response.get('Content-Security-Policy')!r}")
        directives = {**CSP, "script-src": ["'self'"]}  # nothing more to check: default-src 'none' covers scripts
    script = directives.pop("script-src", [])
    if directives != CSP:
        problems.append(f"Content-Security-Policy: {response.get('Content-Security-Policy')!r}")
    nonces = [value for value in script if value.startswith("'nonce-")]
    # Only 'self' and, where the page has an inline script, a nonce: never 'unsafe-inline' or 'unsafe-eval'.
    if script[:1] != ["'self'"] or len(script) - len(nonces) != 1 or (html and len(nonces) != 1):
        problems.append(f"script-src: {script}")
    if signed_in and response.get("Cache-Control") != "no-store":
        problems.append(f"Cache-Control: {response.get('Cache-Control')!r}")
    return problems


def test_anonymous_page_and_sign_in_page(client, production):
    for url in (reverse("help"), reverse("account_login")):
        response = _get(client, url)
        assert response.status_code == 200
        assert _header_problems(response, signed_in=False, html=True) == []


def test_signed_in_page(client, world, production):
    client.force_login(world.parent_a, backend="allauth.account.auth_backends.AuthenticationBackend")
    response = _get(client, reverse("home"))
    assert response.status_code == 200
    assert _header_problems(response, signed_in=True, html=True) == []
    assert response["Pragma"] == "no-cache"


def test_file_download(client, world, production):
    kwargs, _, _ = policy_targets(world, only="ehc_document")["ehc_document"]
    client.force_login(world.parent_a, backend="allauth.account.auth_backends.AuthenticationBackend")
    response = _get(client, reverse("ehc_document", kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert _header_problems(response, signed_in=True, html=False, download=True) == []


@pytest.mark.parametrize("signed_in", [False, True])
def test_not_found_page(client, world, production, signed_in):
    if signed_in:
        client.force_login(world.parent_a, backend="allauth.account.auth_backends.AuthenticationBackend")
    response = _get(client, "/no-such-page/")
    assert response.status_code == 404
    assert _header_problems(response, signed_in=signed_in, html=True) == []


def _fails(request):
    raise RuntimeError("secret detail that must not reach the browser")


# A page that breaks, named as a public page so the access policy lets the request reach it, beside the real ones
# (the sign-in middlewares look some of them up).
urlpatterns = [path("breaks/", _fails, name="help"), *portal_urls.urlpatterns]
handler500 = "send_portal.core.errors.server_error"


@pytest.mark.parametrize("signed_in", [False, True])
def test_server_error_page_is_generic(client, world, production, signed_in):
    production.ROOT_URLCONF = __name__
    if signed_in:
        client.force_login(world.parent_a, backend="allauth.account.auth_backends.AuthenticationBackend")
    client.raise_request_exception = False
    response = _get(client, "/breaks/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert "secret detail" not in body and "Traceback" not in body and "RuntimeError" not in body
    assert _header_problems(response, signed_in=signed_in, html=False) == []


def test_plain_http_is_redirected_to_https(client, production):
    response = client.get(reverse("help"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver" + reverse("help")


def test_cookies_are_host_only_secure_httponly_and_same_site(client, world, production):
    response = _get(client, reverse("account_login"))
    csrf = response.cookies["__Host-csrftoken"]
    assert (csrf["secure"], csrf["samesite"], csrf["path"], csrf["domain"]) == (True, "Lax", "/", "")

    # Signing in through the real form sets the session cookie.
    response = client.post(reverse("account_login"), {"login": world.parent_a.email, "password": factories.PASSWORD},
                           secure=True, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert (session["secure"], session["httponly"], session["samesite"], session["path"], session["domain"]) == \
        (True, True, "Lax", "/", "")
    assert not session["max-age"]  # ends when the browser closes
    # Django's messages framework keeps a one-off message ("You are signed in") in its own cookie until it is shown:
    # it carries the same flags, though its name cannot carry the __Host- prefix.
    for name, cookie in response.cookies.items():
        assert name.startswith("__Host-") or name == "messages"
        assert (cookie["secure"], cookie["samesite"], cookie["path"], cookie["domain"]) == (True, "Lax", "/", ""), name
        # The CSRF token is in every form already, so HttpOnly would protect nothing there (Django's docs).
        assert cookie["httponly"] or name == "__Host-csrftoken", name


def test_every_response_type_has_the_permissions_policy(client):
    # Outside production too: static files and plain responses get it from the outermost middleware.
    response = client.get("/static/build/portal.css")
    assert response.status_code == 200
    assert response.get("Permissions-Policy") == PERMISSIONS_POLICY
