from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "send_portal.notifications"
    label = "notifications"

    def ready(self):
        # Both the web process (eager mode) and workers record when an outbox job's task finishes.
        from .outbox import connect_signals

        connect_signals()
