"""Celery tasks for referrals to the alternative provision panel. Tasks only call services."""

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def check_panel_referrals():
    """Put due follow-ups on the panel's agenda, and chase referrals whose date to answer has passed. Idempotent:
    a follow-up already on an agenda is not added again, and each reminder goes once."""
    from .services import referral_answers_overdue_check, referral_follow_ups_schedule

    return {"follow_ups": referral_follow_ups_schedule(), "overdue": referral_answers_overdue_check()}
