import hashlib
import logging

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .gateway import get_gateway
from .models import Notification

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
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                idempotency_key=idempotency_key, template=template, recipient_email=to, subject=subject
            )
    except IntegrityError:
        return None
    body = render_to_string(f"notifications/{template}/body.txt", context)
    transaction.on_commit(lambda: notification_deliver(notification_id=notification.pk, body=body), robust=True)
    return notification


def notification_deliver(*, notification_id: int, body: str) -> Notification:
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.status == Notification.Status.SENT:
            return notification
        try:
            get_gateway().send(to=notification.recipient_email, subject=notification.subject, body=body)
        except Exception as error:  # noqa: BLE001 - any delivery failure is recorded, then retried by a sweep
            notification.status = Notification.Status.FAILED
            notification.failure_reason = type(error).__name__
            logger.warning("notification %s failed: %s", notification.pk, type(error).__name__)
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
        notification.save(update_fields=["status", "sent_at", "failure_reason"])
    return notification
