from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "send_portal.audit"
    label = "audit"
