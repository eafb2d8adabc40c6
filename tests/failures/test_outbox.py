"""The outbox and the retry policy, without a real broker (SQLite is enough).

Security notes §4.2-4.3 and §7: C-20 (transient and permanent send failures) and C-22 (enqueue only after commit),
plus the sweeper rules the worker and Redis tests (test_worker_kills.py, test_redis_down.py) rely on.
"""

import datetime as dt
import logging
import smtplib
from io import StringIO
from unittest import mock

import pytest
from celery.app.task import Task
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from ehc.services import case_start
from send_portal.notifications import outbox
from send_portal.notifications.gateway import is_transient
from send_portal.notifications.models import Notification, OutboxJob
from send_portal.notifications.services import (
    max_attempts,
    notification_queue,
    notification_recover_stalled,
    retry_delay,
)
from send_portal.notifications.tasks import deliver_notification
from tests.failures.support import DEAD_REDIS, celery_pointing_at

pytestmark = pytest.mark.django_db


def _remind(key="reminder-1", to="adviser@example.test"):
    return notification_queue(template="invitation", to=to, idempotency_key=key, context={
        "invitation": mock.Mock(full_name="Sam", kind="family"), "link": "https://portal.example/x",
        "expires_at": None, "service_name": "Portal", "council_name": "Council"})


class FlakyBackend:
    """Fails the first `failures` sends with a network error, then delivers to Django's test outbox."""

    failures = 0
    error = ConnectionError

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise FlakyBackend.error("provider unavailable")
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.failures.test_outbox.FlakyBackend"
    yield FlakyBackend
    FlakyBackend.failures, FlakyBackend.error = 0, ConnectionError


@pytest.fixture
def retry_delays():
    """Every wait the delivery policy chose, in order (a worker passes each to Celery's retry countdown)."""
    delays = []

    def record(attempt):
        delays.append(retry_delay(attempt))
        return delays[-1]

    with mock.patch("send_portal.notifications.services.retry_delay", side_effect=record):
        yield delays


# --- C-20 Transient and permanent send failures ----------------------------------------------------------

def test_c20_three_transient_failures_then_success_sends_exactly_one_email_with_growing_waits(
        flaky, retry_delays, django_capture_on_commit_callbacks):
    flaky.failures = 3
    with django_capture_on_commit_callbacks(execute=True):
        notification = _remind()
    notification.refresh_from_db()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["X-Portal-Reference"] == f"notification-{notification.pk}"
    assert notification.status == Notification.Status.SENT and notification.attempts == 4
    assert len(retry_delays) == 3
    assert all(later > earlier for earlier, later in zip(retry_delays, retry_delays[1:], strict=False))
    assert OutboxJob.objects.get().status == OutboxJob.Status.DONE


def test_c20_a_provider_that_always_fails_ends_failed_and_logged_never_silently(
        flaky, retry_delays, caplog, django_capture_on_commit_callbacks):
    flaky.failures = 1000
    with caplog.at_level(logging.WARNING, logger="portal.notifications"), \
            django_capture_on_commit_callbacks(execute=True):
        notification = _remind(to="family.person@example.test")
    notification.refresh_from_db()
    assert mail.outbox == []
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == max_attempts() and len(retry_delays) == max_attempts() - 1
    assert notification.failure_reason == "ConnectionError"
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert warnings == [f"notification {notification.pk} failed after {max_attempts()} attempt(s): ConnectionError"]
    assert "family.person" not in caplog.text  # ids only in logs, never the address


def test_c20_a_permanent_failure_is_not_retried(flaky, retry_delays, django_capture_on_commit_callbacks):
    flaky.failures, flaky.error = 1, ValueError  # e.g. an address the provider refuses
    with django_capture_on_commit_callbacks(execute=True):
        notification = _remind()
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, retry_delays) == (Notification.Status.FAILED, 1, [])


def test_retry_waits_double_with_jitter_and_never_overlap():
    for attempt in range(1, max_attempts()):
        samples = [retry_delay(attempt) for _ in range(200)]
        base = 30 * 2 ** (attempt - 1)
        assert base <= min(samples) and max(samples) <= base * 1.5
        assert len(set(samples)) > 1  # jitter


def test_a_killed_worker_leaves_a_claim_that_goes_stale_and_is_then_sent_once(flaky):
    """What a SIGKILL leaves behind, and what the next run does with it (the real kill is test_worker_kills)."""
    with mock.patch("send_portal.notifications.services.outbox_enqueue"):
        notification = _remind()
    Notification.objects.filter(pk=notification.pk).update(status=Notification.Status.SENDING,
                                                          claimed_at=timezone.now(), attempts=1)
    assert deliver_notification.apply(args=[notification.pk]).result == "busy"  # someone may still be sending
    assert mail.outbox == []
    Notification.objects.filter(pk=notification.pk).update(claimed_at=timezone.now() - dt.timedelta(hours=1))
    assert deliver_notification.apply(args=[notification.pk]).result == "sent"
    assert deliver_notification.apply(args=[notification.pk]).result == "done"  # a redelivered copy sends nothing
    assert len(mail.outbox) == 1


# --- C-22 Enqueue only after commit ----------------------------------------------------------------------

@pytest.fixture
def draft(world):
    return case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent", reason="Reading.")


def test_c22_a_rolled_back_request_enqueues_nothing(world, draft, client_for, django_capture_on_commit_callbacks):
    client = client_for("parent_a")
    client.raise_request_exception = False
    with mock.patch("ehc.views.messages.success", side_effect=RuntimeError("fails after the change")), \
            django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("ehc_request_check", args=[draft.pk]))
    assert response.status_code == 500
    assert callbacks == [] and not OutboxJob.objects.exists() and not Notification.objects.exists()


def test_c22_a_committed_request_enqueues_after_commit(world, draft, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for("parent_a").post(reverse("ehc_request_check", args=[draft.pk]))
    assert response.status_code == 302
    jobs = OutboxJob.objects.all()
    assert jobs and all(job.status == OutboxJob.Status.WAITING for job in jobs)  # nothing handed over before commit
    assert len(callbacks) == jobs.count()
    for callback in callbacks:
        callback()
    assert set(OutboxJob.objects.values_list("status", flat=True)) == {OutboxJob.Status.DONE}


def test_c22_with_the_broker_raising_the_request_still_succeeds_and_the_work_waits(
        world, draft, client_for, django_capture_on_commit_callbacks, caplog):
    with celery_pointing_at(DEAD_REDIS), mock.patch.object(Task, "apply_async", side_effect=OperationalError), \
            django_capture_on_commit_callbacks(execute=True):
        response = client_for("parent_a").post(reverse("ehc_request_check", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.stage != "draft"  # the form's data was committed
    jobs = list(OutboxJob.objects.all())
    assert jobs and {(job.status, job.last_error, job.handovers) for job in jobs} == {
        (OutboxJob.Status.WAITING, "OperationalError", 0)}
    assert all(job.next_attempt_at <= timezone.now() for job in jobs)  # due at the very next sweep
    assert all(job.args == [job.args[0]] and isinstance(job.args[0], int) for job in jobs)


def test_outbox_jobs_take_ids_only():
    with pytest.raises(TypeError):
        outbox.outbox_enqueue(deliver_notification, "Sam Smith has autism")
    assert not OutboxJob.objects.exists()


# --- The sweeper -----------------------------------------------------------------------------------------

def _waiting(count=1, **fields):
    return [OutboxJob.objects.create(task=deliver_notification.name, args=[10_000 + n],
                                     next_attempt_at=timezone.now() - dt.timedelta(seconds=1), **fields)
            for n in range(count)]


def test_the_sweeper_hands_each_due_job_over_once_until_its_lease_runs_out():
    jobs = _waiting(3)
    with mock.patch.object(Task, "apply_async") as publish, mock.patch.object(outbox, "broker_reachable",
                                                                               return_value=True):
        assert outbox.outbox_sweep()["handed"] == 3
        assert outbox.outbox_sweep()["handed"] == 0  # a second (or overlapping) sweep finds nothing due
        assert sorted(call.kwargs["task_id"] for call in publish.call_args_list) == sorted(
            f"outbox-{job.pk}" for job in jobs)
        # The worker died: nothing marked the job done, so once the lease runs out it is handed over again.
        OutboxJob.objects.filter(pk=jobs[0].pk).update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
        assert outbox.outbox_sweep()["handed"] == 1
    assert OutboxJob.objects.get(pk=jobs[0].pk).handovers == 2


def test_the_sweeper_does_nothing_while_the_broker_is_down_and_everything_goes_when_it_returns(caplog):
    _waiting(2)
    with mock.patch.object(Task, "apply_async") as publish:
        with mock.patch.object(outbox, "broker_reachable", return_value=False):
            assert outbox.outbox_sweep() == {"handed": 0, "failed": 0, "broker": "down"}
        assert publish.call_count == 0
        assert set(OutboxJob.objects.values_list("status", flat=True)) == {OutboxJob.Status.WAITING}
        with mock.patch.object(outbox, "broker_reachable", return_value=True):
            assert outbox.outbox_sweep()["handed"] == 2


def test_a_job_whose_task_never_finishes_fails_loudly_after_the_last_run(caplog, settings):
    # Handed over many times while no worker took it: it keeps waiting, it is not given up.
    [idle] = _waiting(1, status=OutboxJob.Status.HANDED, handovers=50, runs=0)
    [job] = _waiting(1, status=OutboxJob.Status.HANDED, handovers=settings.OUTBOX_MAX_RUNS,
                     runs=settings.OUTBOX_MAX_RUNS)
    with caplog.at_level(logging.WARNING, logger="portal.outbox"), mock.patch.object(Task, "apply_async"), \
            mock.patch.object(outbox, "broker_reachable", return_value=True):
        assert outbox.outbox_sweep() == {"handed": 1, "failed": 1, "broker": "ok"}
    job.refresh_from_db()
    idle.refresh_from_db()
    assert job.status == OutboxJob.Status.FAILED
    assert (idle.status, idle.handovers) == (OutboxJob.Status.HANDED, 51)
    assert f"outbox job {job.pk}" in caplog.text


def test_publish_failures_back_off_only_when_the_broker_seemed_up():
    assert outbox.publish_backoff(1) == dt.timedelta(0)
    waits = [outbox.publish_backoff(n).total_seconds() for n in range(2, 8)]
    assert all(later > earlier for earlier, later in zip(waits, waits[1:], strict=False))


def test_a_task_that_fails_marks_its_job_failed_with_a_log(caplog, django_capture_on_commit_callbacks):
    with caplog.at_level(logging.WARNING, logger="portal.outbox"), \
            django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        job = outbox.outbox_enqueue("ehc.tasks.render_letter_pdf", 987_654)  # no such letter
    job.refresh_from_db()
    assert (job.status, job.last_error) == (OutboxJob.Status.FAILED, "DoesNotExist")
    assert f"outbox job {job.pk} (ehc.tasks.render_letter_pdf) failed: DoesNotExist" in caplog.text


# --- /healthz ------------------------------------------------------------------------------------------------

def test_healthz_reports_the_outbox_backlog_and_an_old_one_as_degraded(client):
    [job] = _waiting(1)
    report = client.get(reverse("healthz")).json()
    assert report["outbox"]["waiting"] == 1 and report["checks"]["outbox"] == "ok"
    OutboxJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    report = client.get(reverse("healthz")).json()
    assert report["checks"]["outbox"] == "backlog" and report["status"] == "degraded"
    assert report["outbox"]["oldest_waiting_seconds"] >= 3600


def test_the_sweep_command_does_what_the_beat_job_does():
    _waiting(2)
    out = StringIO()
    with mock.patch.object(Task, "apply_async"), mock.patch.object(outbox, "broker_reachable", return_value=True):
        call_command("sweep_outbox", stdout=out)
    assert out.getvalue().strip() == \
        "Handed over 2 job(s); 0 gave up; 0 stalled message(s) sent again or failed; queue ok."


@pytest.mark.parametrize(("error", "transient"), [
    (ConnectionError(), True), (TimeoutError(), True), (smtplib.SMTPServerDisconnected(), True),
    (mock.Mock(spec=Exception, status_code=503), True), (mock.Mock(spec=Exception, status_code=429), True),
    (mock.Mock(spec=Exception, status_code=400), False), (ValueError(), False), (SoftTimeLimitExceeded(), True),
])
def test_only_failures_that_may_pass_on_a_later_try_are_retried(error, transient):
    assert is_transient(error) is transient


@pytest.mark.parametrize(("attempts", "outcome"), [(1, "sent again"), (6, "failed")])
def test_a_message_whose_worker_died_for_good_is_sent_again_or_failed_loudly(
        flaky, caplog, django_capture_on_commit_callbacks, attempts, outcome):
    """Its claim went stale and its outbox job gave up after the last run: the sweep must not leave it half-sent."""
    notification = _remind()
    OutboxJob.objects.all().update(status=OutboxJob.Status.FAILED)
    mail.outbox.clear()
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENDING, claimed_at=an_hour_ago, created_at=an_hour_ago, attempts=attempts)

    with django_capture_on_commit_callbacks(execute=True):
        assert notification_recover_stalled() == 1
    notification.refresh_from_db()
    if outcome == "sent again":
        # In eager mode the fresh job runs on commit; a worker would take it from the queue.
        assert notification.status == Notification.Status.SENT and len(mail.outbox) == 1
    else:
        assert notification.status == Notification.Status.FAILED and mail.outbox == []
        assert "its worker stopped" in caplog.text
    assert notification_recover_stalled() == 0  # dealt with once


def test_a_message_still_being_sent_or_with_a_live_job_is_left_alone(flaky):
    notification = _remind()
    Notification.objects.filter(pk=notification.pk).update(status=Notification.Status.SENDING,
                                                          claimed_at=timezone.now())
    assert notification_recover_stalled() == 0
    Notification.objects.filter(pk=notification.pk).update(
        claimed_at=timezone.now() - dt.timedelta(hours=1), created_at=timezone.now() - dt.timedelta(hours=1))
    OutboxJob.objects.all().update(status=OutboxJob.Status.HANDED)
    assert notification_recover_stalled() == 0  # its job will be handed over again when its lease runs out
