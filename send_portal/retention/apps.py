from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "send_portal.retention"
    label = "retention"
    verbose_name = "Retention and legal holds"

    def ready(self):
        from send_portal.audit.registry import track_changes

        from .models import LegalHold, RetentionRule

        # Who changed a retention period or placed or lifted a hold is itself evidence (UK GDPR Art 5(2)); the
        # hold's reason may describe a dispute about a child, so it stays out of the log.
        track_changes(RetentionRule)
        track_changes(LegalHold, exclude=["reason"])
