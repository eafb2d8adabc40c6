from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType


def audit_trail_for(obj):
    """Every change and view of one object, newest first."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    ).select_related("actor").order_by("-timestamp")
