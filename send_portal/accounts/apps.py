from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "send_portal.accounts"
    label = "accounts"

    def ready(self):
        from send_portal.audit.registry import track_changes

        from . import signals  # noqa: F401
        from .models import User

        track_changes(User, exclude=["password", "last_login"])
