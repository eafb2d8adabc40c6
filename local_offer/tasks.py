from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def review_listings():
    """The daily listing review: reminders, flags and hiding. Idempotent, so a retry or a second tick does nothing
    new the same day."""
    from .services import review_listings as run

    return run()
