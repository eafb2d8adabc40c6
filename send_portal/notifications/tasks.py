from celery import shared_task


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None, soft_time_limit=60,
             time_limit=90)
def deliver_notification(self, notification_id):
    """Send one stored message. The service decides whether to retry (and when) or give up; this only obeys.

    max_retries is None because the service counts attempts on the row, which survives a worker being killed;
    Celery's own count does not.
    """
    from .services import notification_deliver

    outcome, delay = notification_deliver(notification_id=notification_id, keep_schedule=not self.request.is_eager)
    if self.request.is_eager:
        # Eager mode (development, tests) cannot wait, and Celery raises an eager retry rather than running it:
        # try again at once, within the same attempt limit. Nothing runs alongside, so "busy" never clears.
        while outcome == "retry":
            outcome, delay = notification_deliver(notification_id=notification_id, keep_schedule=False)
        return outcome
    if outcome in ("retry", "busy"):
        raise self.retry(countdown=delay)
    return outcome


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def sweep_outbox():
    """Every minute: hand the queue whatever work is waiting in the outbox, or was lost with a worker."""
    from .outbox import outbox_sweep
    from .services import notification_recover_stalled

    report = outbox_sweep()
    if report.get("broker") == "ok":
        report["messages_recovered"] = notification_recover_stalled()
    return report
