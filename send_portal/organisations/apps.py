from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "send_portal.organisations"
    label = "organisations"

    def ready(self):
        from send_portal.audit.registry import track_changes

        from .models import Membership, Organisation

        track_changes(Organisation)
        track_changes(Membership)
