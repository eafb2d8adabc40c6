from auditlog.models import LogEntry


def record_access(*, user, obj, purpose: str = "view") -> LogEntry:
    """Write an access entry for a view of a protected record (ASVS 8.3.5).

    The entry holds the object's reference (its __str__, which for records about children is never a name),
    who looked and why, but none of the record's content.
    """
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=user if getattr(user, "is_authenticated", False) else None,
        additional_data={"purpose": purpose},
    )
