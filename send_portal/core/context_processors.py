from django.conf import settings

from send_portal.accounts.middleware import idle_timeout_seconds
from send_portal.organisations.selectors import user_roles

from .navigation import navigation_for


def portal(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "portal": {
            "council_name": settings.PORTAL_COUNCIL_NAME,
            "service_name": settings.PORTAL_SERVICE_NAME,
            "council_logo": settings.PORTAL_COUNCIL_LOGO,
            "help_email": settings.PORTAL_HELP_EMAIL,
            "help_phone": settings.PORTAL_HELP_PHONE,
            "phase": settings.PORTAL_PHASE,
            "feedback_email": settings.PORTAL_FEEDBACK_EMAIL,
        },
        "navigation": navigation_for(request) if signed_in else [],
        "user_roles": user_roles(user) if signed_in else frozenset(),
        "idle_timeout_seconds": idle_timeout_seconds(user) if signed_in else None,
        "idle_warning_seconds": settings.PORTAL_IDLE_WARNING,
    }
