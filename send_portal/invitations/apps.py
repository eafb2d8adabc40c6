from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "send_portal.invitations"
    label = "invitations"

    def ready(self):
        from send_portal.audit.registry import track_changes

        from .models import Invitation

        track_changes(Invitation, exclude=["token_hash"])
