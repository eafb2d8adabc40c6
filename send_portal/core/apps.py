from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "send_portal.core"
    label = "portal_core"

    def ready(self):
        # The opaque-id path converters must be registered before any urls.py that names them is imported.
        from . import converters  # noqa: F401
