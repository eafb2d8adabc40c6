from auditlog.registry import auditlog


def track_changes(model, *, exclude=()):
    """Log every create, change and delete of `model`.

    `exclude` keeps special-category free text and secrets out of the log entirely. (auditlog's masking
    keeps half of each value, so it is not used.)
    """
    auditlog.register(model, exclude_fields=list(exclude))
