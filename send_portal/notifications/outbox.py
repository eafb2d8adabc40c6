"""The outbox: Celery work that survives a broker outage and a worker being killed.

`outbox_enqueue(task, *ids)` is the one way a service asks for background work. It writes an `OutboxJob` row in
the caller's transaction, so a rolled-back change leaves no job, and hands the job to the broker once the
transaction commits. If the broker is down the row waits and the request still succeeds. `outbox_sweep()` runs
every minute from beat: it hands over rows that are waiting, and rows whose lease ran out because the worker
running them died. A row is marked done only when its task has finished (the `task_success` signal), so nothing
is lost. Tasks must be idempotent, because a task can run twice: once from the broker redelivering it after a
crash (late acknowledgement) and once from the sweeper. The sweeper itself never hands a row over twice at once:
it claims rows with `select_for_update(skip_locked=True)`, so two sweepers take different rows.
"""

import datetime as dt
import importlib
import logging
import random
import uuid

from celery import signals
from celery.exceptions import Retry
from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from .models import OutboxJob

logger = logging.getLogger("portal.outbox")

SWEEP_BATCH = 500


def _lease() -> dt.timedelta:
    # Longer than a task may run (CELERY_TASK_TIME_LIMIT), so a job is handed over again only if its worker died.
    return dt.timedelta(seconds=getattr(settings, "OUTBOX_LEASE_SECONDS", 600))


def _max_runs() -> int:
    return getattr(settings, "OUTBOX_MAX_RUNS", 5)


def publish_backoff(failures: int) -> dt.timedelta:
    """How long a row waits after its `failures`-th failed hand-over with the broker reachable: none after the
    first (the broker was probably just down), then doubling from 30 seconds up to 30 minutes, with jitter."""
    if failures <= 1:
        return dt.timedelta(0)
    delay = min(30 * 2 ** (failures - 2), 1800)
    return dt.timedelta(seconds=delay * random.uniform(1.0, 1.5))  # noqa: S311 - jitter, not a secret


def _task_name(task) -> str:
    return task if isinstance(task, str) else task.name


def _plain_ids(args) -> list:
    """Job arguments are ids, so no personal text is ever written to the outbox or the broker."""
    plain = []
    for arg in args:
        if isinstance(arg, uuid.UUID):
            arg = str(arg)
        elif isinstance(arg, bool) or not isinstance(arg, int):
            raise TypeError("outbox jobs take ids only")
        plain.append(arg)
    return plain


def outbox_enqueue(task, *ids) -> OutboxJob:
    """Run `task(*ids)` in a worker once the current transaction commits; never if it rolls back."""
    # A short grace period keeps the sweeper away from a row its own request is about to hand over.
    job = OutboxJob.objects.create(task=_task_name(task), args=_plain_ids(ids),
                                   next_attempt_at=timezone.now() + dt.timedelta(seconds=30))
    transaction.on_commit(lambda: outbox_hand_over([job.pk]), robust=True)
    return job


def _claim(queryset) -> list[OutboxJob]:
    """Mark the rows handed over in one short transaction, so no other sweeper or request takes them too."""
    now = timezone.now()
    with transaction.atomic():
        jobs = list(queryset.select_for_update(skip_locked=True)[:SWEEP_BATCH])
        for job in jobs:
            job.status, job.handed_at, job.next_attempt_at = OutboxJob.Status.HANDED, now, now + _lease()
            job.handovers += 1
        OutboxJob.objects.bulk_update(jobs, ["status", "handed_at", "next_attempt_at", "handovers"])
    return jobs


def _task(name: str):
    """The registered task called `name`, importing its module first: a web process registers a task only
    when something imports its module."""
    from send_portal.celery import app

    if name not in app.tasks:
        importlib.import_module(name.rpartition(".")[0])
    return app.tasks[name]


def _publish(job: OutboxJob) -> bool:
    from send_portal.celery import app

    try:
        task = _task(job.task)
    except Exception as error:  # noqa: BLE001 - an unknown task waits (and is logged) rather than vanishing
        return _publish_failed(job, error)
    try:
        # retry=False: a web request must not wait on a dead broker; the sweeper tries again.
        task.apply_async(args=job.args, task_id=job.celery_task_id, retry=False)
        return True
    except Exception as error:  # noqa: BLE001 - any failure to publish leaves the row for the sweeper
        if app.conf.task_always_eager:
            # In eager mode (development, tests) the task ran here and failed, and nothing will retry it (Celery
            # raises a task's first retry rather than running it): record the failure behind the retry.
            cause = error.exc if isinstance(error, Retry) and error.exc else error
            _on_failure(sender=task, task_id=job.celery_task_id, exception=cause)
            return False
        return _publish_failed(job, error)


def _publish_failed(job: OutboxJob, error: Exception) -> bool:
    failures = job.publish_failures + 1
    # Only undo our own claim: the task may have run and finished in the meantime.
    OutboxJob.objects.filter(pk=job.pk, status=OutboxJob.Status.HANDED, handovers=job.handovers).update(
        status=OutboxJob.Status.WAITING, handovers=job.handovers - 1, publish_failures=failures,
        last_error=type(error).__name__[:200], next_attempt_at=timezone.now() + publish_backoff(failures))
    logger.warning("outbox job %s (%s) waits: the queue refused it (%s)", job.pk, job.task,
                   type(error).__name__)
    return False


def outbox_hand_over(job_ids: list[int]) -> int:
    """Hand these waiting jobs to the broker now. Returns how many the broker took."""
    jobs = _claim(OutboxJob.objects.filter(pk__in=job_ids, status=OutboxJob.Status.WAITING))
    return sum(_publish(job) for job in jobs)


def broker_reachable() -> bool:
    from send_portal.celery import app

    if app.conf.task_always_eager:
        return True
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=0.5)
        return True
    except Exception:  # noqa: BLE001 - unreachable is an answer here, not an error
        return False


def outbox_sweep() -> dict:
    """Hand over every job that is due: waiting ones, and handed ones whose worker did not finish in time.

    With the broker down it does nothing at all, so an outage does not push rows further into the future:
    everything waiting goes out on the first sweep after the broker returns.
    """
    now = timezone.now()
    if not broker_reachable():
        logger.warning("outbox sweep skipped: the queue is unreachable")
        return {"handed": 0, "failed": 0, "broker": "down"}
    given_up = _give_up(now)
    due = OutboxJob.objects.filter(
        status__in=[OutboxJob.Status.WAITING, OutboxJob.Status.HANDED], next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")
    handed = 0
    while True:
        jobs = _claim(due)
        published = sum(_publish(job) for job in jobs)
        handed += published
        if len(jobs) < SWEEP_BATCH or not published:  # a full batch that all failed: stop, try next minute
            break
    return {"handed": handed, "failed": given_up, "broker": "ok"}


def _give_up(now) -> int:
    """A job whose task started this many times without finishing is not going to: fail it loudly, not forever."""
    with transaction.atomic():
        stuck = list(OutboxJob.objects.select_for_update(skip_locked=True).filter(
            status=OutboxJob.Status.HANDED, next_attempt_at__lte=now, runs__gte=_max_runs()))
        for job in stuck:
            job.status, job.last_error = OutboxJob.Status.FAILED, "gave up after repeated runs"
            logger.warning("outbox job %s (%s) failed: started %s times without finishing", job.pk, job.task,
                           job.runs)
        OutboxJob.objects.bulk_update(stuck, ["status", "last_error"])
    return len(stuck)


def outbox_backlog(now=None) -> dict:
    """What /healthz reports: jobs not yet done, and how long the oldest has waited."""
    now = now or timezone.now()
    counts = OutboxJob.objects.aggregate(
        waiting=Count("pk", filter=Q(status=OutboxJob.Status.WAITING)),
        handed=Count("pk", filter=Q(status=OutboxJob.Status.HANDED)),
        failed=Count("pk", filter=Q(status=OutboxJob.Status.FAILED)),
        oldest=Min("created_at", filter=Q(status=OutboxJob.Status.WAITING)),
    )
    oldest = counts.pop("oldest")
    counts["oldest_waiting_seconds"] = int((now - oldest).total_seconds()) if oldest else 0
    return counts


# --- Task outcomes, recorded from Celery's signals ---------------------------------------------------------

def _job_id(task_id) -> int | None:
    if isinstance(task_id, str) and task_id.startswith("outbox-"):
        try:
            return int(task_id.removeprefix("outbox-"))
        except ValueError:
            return None
    return None


def _on_start(sender=None, task_id=None, **kwargs):
    job_id = _job_id(task_id)
    if job_id:
        OutboxJob.objects.filter(pk=job_id).update(runs=F("runs") + 1)


def _on_success(sender=None, **kwargs):
    job_id = _job_id(getattr(sender.request, "id", None))
    if job_id:
        OutboxJob.objects.filter(pk=job_id).exclude(status=OutboxJob.Status.DONE).update(
            status=OutboxJob.Status.DONE, done_at=timezone.now())


def _on_retry(sender=None, request=None, reason=None, **kwargs):
    """A task waiting to retry is still alive: stretch its lease past the retry so the sweeper leaves it be."""
    job_id = _job_id(getattr(request, "id", None))
    when = getattr(reason, "when", None)
    if job_id and isinstance(when, int | float):
        OutboxJob.objects.filter(pk=job_id, status=OutboxJob.Status.HANDED).update(
            next_attempt_at=timezone.now() + dt.timedelta(seconds=when) + _lease())


def _on_failure(sender=None, task_id=None, exception=None, **kwargs):
    job_id = _job_id(task_id)
    if job_id:
        updated = OutboxJob.objects.filter(pk=job_id).exclude(status=OutboxJob.Status.DONE).update(
            status=OutboxJob.Status.FAILED, last_error=type(exception).__name__[:200])
        if updated:
            # The class name only: an exception message can quote personal data.
            logger.warning("outbox job %s (%s) failed: %s", job_id, getattr(sender, "name", "?"),
                           type(exception).__name__)


def connect_signals():
    signals.task_prerun.connect(_on_start, weak=False, dispatch_uid="outbox_start")
    signals.task_success.connect(_on_success, weak=False, dispatch_uid="outbox_success")
    signals.task_retry.connect(_on_retry, weak=False, dispatch_uid="outbox_retry")
    signals.task_failure.connect(_on_failure, weak=False, dispatch_uid="outbox_failure")
