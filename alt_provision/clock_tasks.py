"""Celery tasks for the statutory clocks of children out of school. Tasks only call services."""

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def check_children_out_of_school():
    """The daily check of sixth-day duties and health absences. Idempotent, so a retry or a second tick the same
    day sends nothing new."""
    from .services import children_out_of_school_check

    return children_out_of_school_check()
