from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def transfer_rights_at_16():
    """Daily: invite young people whose decisions have passed to them. Idempotent, so a retry invites nobody twice."""
    from .services import rights_at_16_invite_due

    return rights_at_16_invite_due()
