# The portal uses none of these browser features, so no page, and nothing a page might embed, may ask for them.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment",
    "screen-wake-lock", "usb", "xr-spatial-tracking"))


class PermissionsPolicyMiddleware:
    """Adds Permissions-Policy to every response, as Django's SecurityMiddleware has no setting for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class NoStoreForSignedInMiddleware:
    """Signed-in pages can show children's records, so no browser or proxy may keep a copy (ASVS 14.3.2)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        was_signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        response = self.get_response(request)
        if was_signed_in:
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
            # Django REST framework replaces request.user with None on the open API (UNAUTHENTICATED_USER), which
            # is not signing out: only a real anonymous user after the response means the person signed out.
            user = getattr(request, "user", None)
            if user is not None and not user.is_authenticated:
                # Signing out also clears anything the browser kept (ASVS 14.3.1).
                response["Clear-Site-Data"] = '"cache", "storage"'
        return response


class AccessPolicyMiddleware:
    """Enforces the access policy table before any view runs; a URL missing from the table is refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied

        from send_portal.organisations.selectors import user_roles

        from .access_policy import rule_for

        match = request.resolver_match
        rule = rule_for(match.view_name if match else None)
        if rule is None:
            raise PermissionDenied("This page is not in the access policy.")
        if rule.kind in ("public", "delegated"):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rule.allows(user_roles(request.user)):
            raise PermissionDenied("Your role does not give you access to this page.")
        return None
