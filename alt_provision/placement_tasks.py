"""Celery tasks for placements. Tasks only call services."""

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def check_provider_registration():
    """The daily check for providers that should register as independent schools. Idempotent within a month, so
    a retry or a second tick sends nothing new."""
    from .services import registration_threshold_check

    return registration_threshold_check()
