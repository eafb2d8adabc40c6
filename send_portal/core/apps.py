from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "send_portal.core"
    label = "portal_core"
