from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def check_provider_evidence():
    """The daily evidence check: reminders before expiry, suspension when evidence lapses, lifting it when renewed.
    Idempotent, so a retry or a second tick changes and sends nothing new."""
    from .services import evidence_check

    return evidence_check()
