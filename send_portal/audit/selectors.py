from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType


def audit_trail_for(obj):
    """Every change and view of one object, newest first."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    ).select_related("actor").order_by("-timestamp")


def access_by_account(user, start, end):
    """Everything one account opened or changed from `start` up to (not including) `end`, oldest first: the
    answer to "which records did account X open between T1 and T2?" after a suspected breach."""
    return (LogEntry.objects.filter(actor=user, timestamp__gte=start, timestamp__lt=end)
            .select_related("content_type").order_by("timestamp", "pk"))
