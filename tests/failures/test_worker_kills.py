"""Real Redis, real Celery worker processes, real PostgreSQL: workers killed mid-reminder and beat firing twice.

Security notes §4.1-4.2 and §7 C-18, C-19. Nightly-style checks, kept to about two minutes: the workers use
short timeouts (tests/failures/worker_settings.py) so a killed worker's reminder comes back within seconds.
"""

import datetime as dt
import random
import time
from contextlib import ExitStack
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ehc.models import AdviceRequest
from ehc.services import advice_request, advice_send_due_reminders, case_decide_assessment, case_start, case_submit
from ehc.tasks import send_due_reminders
from send_portal.notifications.models import Notification, OutboxJob
from send_portal.notifications.outbox import outbox_sweep
from send_portal.notifications.tasks import sweep_outbox
from send_portal.organisations.models import AdviserSpecialism, Role
from tests import factories
from tests.failures.recording_backend import sent_count, started_count
from tests.failures.support import Worker, celery_pointing_at, clear_queue

pytestmark = pytest.mark.postgres

KILLS = 20


@pytest.fixture
def live(transactional_db, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: worker processes share the test database")
    if not settings.REDIS_URL:
        pytest.skip("needs a real Redis (REDIS_URL)")
    # The same short lease and claim as the workers, for the sweeper this process runs.
    settings.OUTBOX_LEASE_SECONDS, settings.NOTIFICATION_CLAIM_SECONDS = 3, 2
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    workers = []
    clear_queue(settings.REDIS_URL)

    def start(name, send_seconds=0.0):
        worker = Worker(broker_url=settings.REDIS_URL, mail_dir=mail_dir, log_dir=tmp_path, name=name,
                        send_seconds=send_seconds)
        workers.append(worker)
        return worker

    with ExitStack() as stack:
        yield SimpleNamespace(start=start, mail=mail_dir,
                              use_redis=lambda: stack.enter_context(celery_pointing_at(settings.REDIS_URL)))
        for worker in workers:
            worker.kill()
    clear_queue(settings.REDIS_URL)


def _advice_due_in_a_week(world) -> AdviceRequest:
    today = timezone.localdate()
    case = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent", reason="Reading.")
    case_submit(case=case, user=world.parent_a, received_on=today - dt.timedelta(days=20))
    case_decide_assessment(case=case, decided_by=world.manager, assess=True, reasons="May need a plan.",
                           decided_on=today - dt.timedelta(days=10))
    advice = advice_request(case=case, kind="health", organisation=world.icb, requested_by=world.caseworker)
    AdviceRequest.objects.filter(pk=advice.pk).update(due_on=today + dt.timedelta(days=7))
    return advice


def _reminders():
    return Notification.objects.filter(template="ehc_advice_reminder")


def _wait_until(condition, seconds, sweep=False):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        if sweep:
            outbox_sweep()
        time.sleep(0.25 if sweep else 0.02)
    return condition()


def test_c18_killing_the_worker_mid_reminder_20_times_loses_none_and_repeats_only_inside_the_send(world, live):
    _advice_due_in_a_week(world)
    advice_send_due_reminders()  # the existing adviser's reminder goes out now, eagerly, out of the way
    live.use_redis()
    rng = random.Random(18)
    killed_inside_send = set()
    for n in range(KILLS):
        worker = live.start(f"kill{n}", send_seconds=0.6)
        address = f"adviser{n:02}@example.test"
        factories.staff_user(world.icb, Role.ADVISER, specialism=AdviserSpecialism.HEALTH, with_mfa=False,
                             email=address)
        assert advice_send_due_reminders() == 1  # exactly one new reminder: this adviser's
        reminder = _reminders().get(recipient_email=address)
        if n % 4 == 0:
            time.sleep(rng.uniform(0.2, 1.5))  # often before the worker has even started
        else:
            _wait_until(lambda r=reminder: Notification.objects.get(pk=r.pk).status != "pending", 30, sweep=True)
            time.sleep(rng.uniform(0, 0.9))  # anywhere from just after the claim to after the send
        worker.kill()
        # Which reminders was this kill inside the send call of: begun but not written, or written but not yet
        # recorded as sent? Only those may be sent twice.
        for each in _reminders():
            started, sent = started_count(live.mail, each.pk), sent_count(live.mail, each.pk)
            if started > sent or (sent and each.status == Notification.Status.SENDING):
                killed_inside_send.add(each.pk)
        outbox_sweep()

    recovery = live.start("recovery")
    pks = [pk for pk in _reminders().values_list("pk", flat=True) if pk != _reminders().earliest("pk").pk]
    assert len(pks) == KILLS
    assert _wait_until(lambda: all(sent_count(live.mail, pk) for pk in pks), 60, sweep=True)
    recovery.kill()

    emails = {pk: sent_count(live.mail, pk) for pk in pks}
    lost = [pk for pk, count in emails.items() if count == 0]
    duplicates_outside = sum(count - 1 for pk, count in emails.items() if pk not in killed_inside_send)
    duplicates_inside = sum(count - 1 for pk, count in emails.items() if pk in killed_inside_send)
    print(f"\nC-18: kills={KILLS} reminders={len(pks)} lost={len(lost)} kills_inside_send={len(killed_inside_send)}"
          f" duplicates_outside_send={duplicates_outside} duplicates_inside_send={duplicates_inside}")
    assert lost == []
    assert duplicates_outside == 0
    assert all(emails[pk] <= 2 for pk in killed_inside_send)  # at-least-once: one repeat at most per kill
    assert set(_reminders().filter(pk__in=pks).values_list("status", flat=True)) == {Notification.Status.SENT}


def test_c19_beat_fired_twice_with_two_workers_sends_exactly_one_email_per_due_reminder(world, live):
    _advice_due_in_a_week(world)
    for n in range(99):  # with the world's own adviser: 100 advisers, so 100 reminders due today
        factories.staff_user(world.icb, Role.ADVISER, specialism=AdviserSpecialism.HEALTH, with_mfa=False,
                             email=f"adviser{n:03}@example.test")
    live.use_redis()
    live.start("beat-a")
    live.start("beat-b")
    send_due_reminders.delay()
    send_due_reminders.delay()  # beat fired twice
    sweep_outbox.delay()
    sweep_outbox.delay()  # and overlapping sweepers
    assert _wait_until(lambda: _reminders().filter(status=Notification.Status.SENT).count() >= 100, 90, sweep=True)
    time.sleep(1)  # let any duplicate still in flight land, so it would be counted
    emails = [sent_count(live.mail, pk) for pk in _reminders().values_list("pk", flat=True)]
    print(f"\nC-19: due_reminders=100 notifications={len(emails)} emails={sum(emails)}")
    assert len(emails) == 100 and sum(emails) == 100 and set(emails) == {1}
    assert not OutboxJob.objects.filter(task__endswith="deliver_notification", status=OutboxJob.Status.FAILED)
    reminder = _reminders().first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(idempotency_key=reminder.idempotency_key, template="ehc_advice_reminder",
                                    recipient_email=reminder.recipient_email, subject="Again")
