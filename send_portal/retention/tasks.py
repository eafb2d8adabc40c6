from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def apply_retention():
    """Daily: delete or anonymise what the retention schedule says has been kept long enough. Idempotent, so a
    retry after a failure part-way only finishes the work."""
    from .services import retention_apply

    return str(retention_apply())
