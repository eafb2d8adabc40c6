from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "send_portal.people"
    label = "people"
    verbose_name = "Children and young people"

    def ready(self):
        from send_portal.audit.registry import track_changes

        from .models import CapacityDecision, Child, FamilyLink

        track_changes(Child)
        track_changes(FamilyLink)
        # How capacity was assessed is health information: it never goes into the audit log.
        track_changes(CapacityDecision, exclude=["basis"])
