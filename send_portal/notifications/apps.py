from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "send_portal.notifications"
    label = "notifications"
