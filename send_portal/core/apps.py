from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "send_portal.core"
    label = "portal_core"

    def ready(self):
        # The opaque-id path converters must be registered before any urls.py that names them is imported; the
        # portal's own system checks (checks.py) register on import too.
        from . import checks, converters  # noqa: F401
