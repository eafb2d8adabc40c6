from django.apps import AppConfig


class EhcConfig(AppConfig):
    name = "ehc"
    verbose_name = "EHC needs assessments and plans"

    def ready(self):
        from send_portal.audit.registry import track_changes
        from send_portal.panels.registry import on_recommendation

        from .models import EHCCase, StatutoryNotice, TimeLimitException
        from .services import panel_recommendation_recorded

        on_recommendation(EHCCase, panel_recommendation_recorded)

        # What families and schools write about a child's needs stays out of the audit log; the log records
        # that it changed.
        track_changes(EHCCase, exclude=["reason", "family_views", "support_so_far", "outside_advice", "attainment",
                                        "decision_reasons", "other_needs", "primary_need"])
        track_changes(StatutoryNotice)
        track_changes(TimeLimitException, exclude=["reason"])
