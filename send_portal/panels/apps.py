from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "send_portal.panels"
    label = "panels"
    verbose_name = "Panels"

    def ready(self):
        from send_portal.audit.registry import track_changes

        from .models import Action, AgendaItem, ConflictDeclaration, PanelMember

        track_changes(PanelMember)
        track_changes(ConflictDeclaration)
        track_changes(Action)
        track_changes(AgendaItem, exclude=["papers", "reasons"])
