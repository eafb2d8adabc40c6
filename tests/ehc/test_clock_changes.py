"""Reminders around the clocks going forward and back: the hourly job runs through each weekend, and every
reminder goes out once, on the right day in England, none skipped and none doubled."""

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ehc.services import advice_request, case_decide_assessment, case_start, case_submit
from ehc.tasks import send_due_reminders
from send_portal.core.dates import (
    first_working_day_from,
    is_working_day,
    working_days_after,
    working_days_between,
)
from send_portal.notifications.models import Notification

LONDON = ZoneInfo("Europe/London")
CLOCK_CHANGES = [dt.date(2026, 3, 29), dt.date(2026, 10, 25)]


def _advice_due(world, due_on):
    case = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent", reason="Reading.")
    case_submit(case=case, user=world.parent_a, received_on=due_on - dt.timedelta(days=60))
    case_decide_assessment(case=case, decided_by=world.manager, assess=True, reasons="May need a plan.",
                           decided_on=due_on - dt.timedelta(days=50))
    return advice_request(case=case, kind="health", organisation=world.icb, requested_by=world.caseworker,
                          requested_on=due_on - dt.timedelta(weeks=6))


@pytest.mark.parametrize("clock_change", CLOCK_CHANGES, ids=str)
def test_hourly_reminders_across_a_clock_change_go_once_each(world, clock_change):
    with time_machine.travel(dt.datetime.combine(clock_change, dt.time(9), tzinfo=LONDON) - dt.timedelta(days=9),
                             tick=False):
        week_before = _advice_due(world, clock_change + dt.timedelta(days=7))
        due_today = _advice_due(world, clock_change)

    sent_on = {}
    start = dt.datetime.combine(clock_change - dt.timedelta(days=1), dt.time(12), tzinfo=dt.UTC)
    for hour in range(48):  # Saturday midday to Monday midday, every hour, as beat runs it
        now = start + dt.timedelta(hours=hour)
        before = set(Notification.objects.values_list("pk", flat=True))
        with time_machine.travel(now, tick=False):
            send_due_reminders()
        new = Notification.objects.exclude(pk__in=before).filter(idempotency_key__startswith="advice_reminder:")
        for key in new.values_list("idempotency_key", flat=True):
            sent_on[key] = now.astimezone(LONDON).date()

    kinds = Counter(":".join(key.split(":")[1:3]) for key in sent_on)
    # One message per adviser, sent once: the runs over the 23- or 25-hour Sunday neither skip nor repeat it.
    advisers = kinds[f"week_before:{week_before.due_on.isoformat()}"]
    assert advisers >= 1
    assert kinds[f"due_today:{due_today.due_on.isoformat()}"] == advisers
    for key, day in sent_on.items():
        kind, due = key.split(":")[1], dt.date.fromisoformat(key.split(":")[2])
        expected = {"week_before": due - dt.timedelta(days=7), "due_today": due}.get(kind)
        if expected is not None:
            assert day == expected, f"{key} went on {day}, not {expected}"


DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31))


@hypothesis_settings(max_examples=300, deadline=None)
@given(day=DAYS, count=st.integers(min_value=1, max_value=40))
def test_working_days_after_lands_on_a_working_day_that_many_working_days_on(day, count):
    later = working_days_after(day, count)
    assert is_working_day(later)
    assert working_days_between(day, later) == count
    assert working_days_between(later, day) == -count
    assert working_days_after(day, count + 1) > later


@hypothesis_settings(max_examples=300, deadline=None)
@given(day=DAYS)
def test_first_working_day_from_is_the_day_itself_or_the_next_working_one(day):
    first = first_working_day_from(day)
    assert is_working_day(first)
    assert first == day if is_working_day(day) else first > day
    assert all(not is_working_day(day + dt.timedelta(days=n)) for n in range((first - day).days))
