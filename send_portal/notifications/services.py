import datetime as dt
import hashlib
import logging
import random

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from .gateway import get_gateway, is_transient
from .models import Notification
from .outbox import outbox_enqueue

logger = logging.getLogger("portal.notifications")


def notification_queue(*, template: str, to: str, context: dict, idempotency_key: str) -> Notification | None:
    """Record a message and send it once the surrounding transaction commits.

    Message templates must never include special-category detail: they say what happened and what to do,
    with a reference and a link, and the person signs in to read the rest. Returns None when a message
    with this key already exists.
    """
    subject = render_to_string(f"notifications/{template}/subject.txt", context).strip()
    subject_limit = Notification._meta.get_field("subject").max_length
    if len(subject) > subject_limit:  # a long organisation name must not stop the message
        subject = subject[:subject_limit - 1].rstrip() + "…"
    if len(idempotency_key) > Notification._meta.get_field("idempotency_key").max_length:
        # Keys built from email addresses can be long; a digest keeps them unique and the same each time.
        idempotency_key = "sha256:" + hashlib.sha256(idempotency_key.encode()).hexdigest()
    body = render_to_string(f"notifications/{template}/body.txt", context)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                idempotency_key=idempotency_key, template=template, recipient_email=to, subject=subject, body=body
            )
    except IntegrityError:
        return None
    # Delivered by a worker through the outbox, so a broker outage or a killed worker delays it but never loses it.
    outbox_enqueue("send_portal.notifications.tasks.deliver_notification", notification.pk)
    return notification


def _claim_seconds() -> int:
    # Longer than any one send may take (the task's time limit), so a claim this old belongs to a dead worker.
    return getattr(settings, "NOTIFICATION_CLAIM_SECONDS", 120)


def max_attempts() -> int:
    return getattr(settings, "NOTIFICATION_MAX_ATTEMPTS", 6)


def retry_delay(attempt: int) -> float:
    """Seconds to wait after the `attempt`-th failed send: 30, 60, 120, 240, 480 (at most 30 minutes), each
    plus up to half again at random so that many messages failing together do not all retry together. The
    ranges do not overlap, so each wait is longer than the one before."""
    base = min(30 * 2 ** (attempt - 1), 1800)
    return base * random.uniform(1.0, 1.5)  # noqa: S311 - jitter, not a secret


def notification_deliver(*, notification_id: int, keep_schedule: bool = True) -> tuple[str, float]:
    """Send one stored message at most once per claim, and say what should happen next.

    Returns (outcome, delay): "sent"; "done" (already sent or failed, or gone); "busy" (another worker holds a
    fresh claim: look again after `delay` seconds); "retry" (a transient failure: try again after `delay`); or
    "failed" (gave up, logged). With keep_schedule, a run that comes before the retry is due (a duplicate
    delivery of the task) waits for it; eager mode, which cannot wait, turns it off.

    At-least-once: the claim is committed before the send and the result after it. A worker killed before the
    send leaves a claim that goes stale and the message is sent once by whoever takes it next; killed after the
    database records the send, nothing is repeated. Only a kill inside the send call, after the provider
    accepted the message but before the database recorded it, sends it again. A missed statutory reminder is
    worse than a repeated one, so that window is accepted; the X-Portal-Reference header traces a repeat.
    """
    now = timezone.now()
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status in (Notification.Status.SENT, Notification.Status.FAILED):
            return "done", 0
        if notification.status == Notification.Status.SENDING:
            stale_at = notification.claimed_at + dt.timedelta(seconds=_claim_seconds())
            if stale_at > now:
                return "busy", (stale_at - now).total_seconds()
        elif keep_schedule and notification.next_attempt_at and notification.next_attempt_at > now:
            return "retry", (notification.next_attempt_at - now).total_seconds()  # an early duplicate run
        notification.status, notification.claimed_at = Notification.Status.SENDING, now
        notification.attempts += 1
        notification.save(update_fields=["status", "claimed_at", "attempts"])
    ours = Notification.objects.filter(pk=notification.pk, status=Notification.Status.SENDING, claimed_at=now)
    if not notification.body:
        ours.update(status=Notification.Status.FAILED, failure_reason="No stored body")
        logger.warning("notification %s failed: no stored body", notification.pk)
        return "failed", 0
    try:
        get_gateway().send(to=notification.recipient_email, subject=notification.subject, body=notification.body,
                           reference=f"notification-{notification.pk}")
    except Exception as error:  # noqa: BLE001 - every failure is recorded: retried if transient, else failed
        reason = type(error).__name__[:200]
        if is_transient(error) and notification.attempts < max_attempts():
            delay = retry_delay(notification.attempts)
            ours.update(status=Notification.Status.PENDING, failure_reason=reason,
                        next_attempt_at=now + dt.timedelta(seconds=delay))
            logger.info("notification %s will retry in %.0f s after %s", notification.pk, delay, reason)
            return "retry", delay
        ours.update(status=Notification.Status.FAILED, failure_reason=reason, next_attempt_at=None)
        # Ids and the error's class only: the address and the error's text can be personal data.
        logger.warning("notification %s failed after %s attempt(s): %s", notification.pk, notification.attempts,
                       reason)
        return "failed", 0
    ours.update(status=Notification.Status.SENT, sent_at=timezone.now(), failure_reason="", next_attempt_at=None)
    return "sent", 0


def notification_recover_stalled(now=None) -> int:
    """Messages left claimed by a worker that died for good, whose outbox job is no longer live (it failed after
    its last run): send them again through a fresh job while attempts remain, otherwise fail them with a log.
    Without this a message could sit half-sent for ever. Returns how many were dealt with."""
    from .models import OutboxJob

    now = now or timezone.now()
    task = "send_portal.notifications.tasks.deliver_notification"
    live = OutboxJob.objects.filter(task=task, status__in=[OutboxJob.Status.WAITING, OutboxJob.Status.HANDED])
    live_ids = {job_args[0] for job_args in live.values_list("args", flat=True) if job_args}
    stale = now - dt.timedelta(seconds=_claim_seconds())
    stalled = Notification.objects.filter(
        Q(status=Notification.Status.SENDING, claimed_at__lt=stale)
        | Q(status=Notification.Status.PENDING, created_at__lt=stale)
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lt=stale)))
    dealt = 0
    for notification in stalled.exclude(pk__in=live_ids).filter(body__gt=""):
        with transaction.atomic():
            if notification.attempts < max_attempts():
                outbox_enqueue(task, notification.pk)
            else:
                Notification.objects.filter(pk=notification.pk).update(
                    status=Notification.Status.FAILED, failure_reason="Worker stopped", next_attempt_at=None)
                logger.warning("notification %s failed: its worker stopped after %s attempt(s)", notification.pk,
                               notification.attempts)
        dealt += 1
    return dealt
