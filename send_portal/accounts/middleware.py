import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from send_portal.organisations.selectors import user_is_staff

_SESSION_LAST_SEEN = "portal_last_seen"
_SESSION_SIGNED_IN_AT = "portal_signed_in_at"

# Paths a signed-in member of staff may reach before setting up MFA: the sign-in and MFA pages
# themselves, sign-out, static files and the pages every visitor needs.
_MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/help/", "/accessibility/", "/privacy/",
                        "/cookies/", "/glossary/", "/session/")


def idle_timeout_seconds(user) -> int:
    return settings.PORTAL_IDLE_TIMEOUT_STAFF if user_is_staff(user) else settings.PORTAL_IDLE_TIMEOUT_FAMILY


class IdleTimeoutMiddleware:
    """Signs people out after a period without requests (30 minutes for staff, 60 for families), and after
    12 hours whatever they do (ASVS 3.3.2)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(_SESSION_LAST_SEEN)
            signed_in_at = request.session.setdefault(_SESSION_SIGNED_IN_AT, now)
            idle_too_long = last_seen is not None and now - last_seen >= idle_timeout_seconds(request.user)
            if idle_too_long or now - signed_in_at > settings.SESSION_COOKIE_AGE:
                logout(request)
                response = redirect(reverse("session_timed_out"))
                response["Clear-Site-Data"] = '"cache", "storage"'
                return response
            if request.path == reverse("session_timed_out"):
                # The browser's timer sent them here: only real idleness may end the session, so this visit
                # must not count as activity. The view decides.
                return self.get_response(request)
            request.session[_SESSION_LAST_SEEN] = now
        return self.get_response(request)


def seconds_idle(request) -> int:
    return int(time.time()) - request.session.get(_SESSION_LAST_SEEN, int(time.time()))


class StaffMFARequiredMiddleware:
    """Sends staff without an authenticator app to set one up before they see anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_MFA_EXEMPT_PREFIXES)
            and user_is_staff(user)
            and not is_mfa_enabled(user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
