"""Celery tasks for referrals to the alternative provision panel. Tasks only call services."""

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def check_panel_referrals():
    """Put due follow-ups on the panel's agenda. Idempotent: a follow-up already on an agenda is not added again."""
    from .services import referral_follow_ups_schedule

    return referral_follow_ups_schedule()
