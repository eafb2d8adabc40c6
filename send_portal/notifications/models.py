from django.db import models


class Notification(models.Model):
    """One message to one person. The unique key makes a retried send a no-op rather than a second email.

    The rendered body is stored so a retry, or a worker that picks the message up after another one died, sends
    exactly what was queued. Message templates never hold special-category detail (see services.notification_queue).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    idempotency_key = models.CharField(max_length=200, unique=True)
    template = models.CharField(max_length=100)
    recipient_email = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failure_reason = models.CharField(max_length=200, blank=True)
    # Delivery bookkeeping: how many sends were tried, when the current one was claimed (a claim older than
    # NOTIFICATION_CLAIM_SECONDS belongs to a worker that died) and when the next retry is due.
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.template} to {self.recipient_email}"


class OutboxJob(models.Model):
    """A Celery task the portal has promised to run, written in the same transaction as the change that needs it.

    It is handed to the broker once the transaction commits. If the broker is unreachable the row simply waits,
    and the sweeper (`outbox.outbox_sweep`, every minute) hands it over later; it is marked done only when the
    task has finished, so a worker that dies part-way leaves the row to be handed over again once its lease runs
    out. Arguments are ids only, never personal text.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for the queue"
        HANDED = "handed", "Handed to the queue"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    # Waiting: when the sweeper may next try to hand it over. Handed: when its lease runs out and, if the task
    # has not finished by then, the sweeper hands it over again.
    next_attempt_at = models.DateTimeField()
    handed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    handovers = models.PositiveSmallIntegerField(default=0)
    # How many times a worker started the task. Only runs count towards giving up: a job that merely waited in
    # the queue while every worker was down is handed over again, never failed.
    runs = models.PositiveSmallIntegerField(default=0)
    publish_failures = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.task}{self.args} ({self.status})"

    @property
    def celery_task_id(self) -> str:
        """One id for every hand-over of this job, so whichever run finishes marks it done."""
        return f"outbox-{self.pk}"
