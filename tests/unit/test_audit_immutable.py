"""C-34: the portal's database role cannot change or delete an audit entry (a trigger on PostgreSQL, added by
send_portal/audit/migrations/0001_audit_rows_cannot_change.py); it can only clear the copied values, as the
retention job does."""

import pytest
from auditlog.models import LogEntry
from django.db import DatabaseError, connection, transaction

from send_portal.audit.services import record_access, record_denial
from send_portal.people.models import Child

pytestmark = pytest.mark.postgres


@pytest.fixture
def entry(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the trigger that keeps audit rows unchanged is PostgreSQL's")
    return record_access(user=world.caseworker, obj=world.child_a, purpose="view")


def _row(pk):
    return LogEntry.objects.filter(pk=pk).values().get()


def _refused(change):
    with pytest.raises(DatabaseError, match="audit entries cannot be"), transaction.atomic():
        change()


def test_no_audit_row_can_be_updated_or_deleted(world, entry):
    denial = record_denial(user=world.parent_b, model=Child)
    before = {pk: _row(pk) for pk in (entry.pk, denial.pk)}
    attempts = [
        lambda: LogEntry.objects.filter(pk=entry.pk).update(object_repr="nothing to see"),
        lambda: LogEntry.objects.filter(pk=entry.pk).update(actor=world.manager),
        lambda: LogEntry.objects.filter(pk=entry.pk).update(timestamp=entry.timestamp.replace(year=2001)),
        lambda: LogEntry.objects.filter(pk=entry.pk).update(additional_data={"purpose": "other"}),
        lambda: LogEntry.objects.filter(pk=entry.pk).update(changes={"given_name": ["a", "b"]}),
        lambda: LogEntry.objects.filter(pk=denial.pk).update(actor=None),
        lambda: LogEntry.objects.filter(pk=entry.pk).delete(),
        lambda: LogEntry.objects.filter(pk__in=[entry.pk, denial.pk]).delete(),
        lambda: _raw("UPDATE auditlog_logentry SET action = 0 WHERE id = %s", entry.pk),
        lambda: _raw("DELETE FROM auditlog_logentry WHERE id = %s", denial.pk),
    ]
    for attempt in attempts:
        _refused(attempt)
    assert {pk: _row(pk) for pk in before} == before  # 0 rows changed


def _raw(sql, pk):
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])


def test_deleting_an_account_named_in_the_log_is_refused(world, entry):
    _refused(lambda: world.caseworker.delete())
    assert _row(entry.pk)["actor_id"] == world.caseworker.pk


def test_copied_values_can_still_be_cleared_for_retention(world, entry):
    # Registering child A wrote a change entry holding the values it was created with.
    target = LogEntry.objects.filter(content_type=entry.content_type, object_pk=str(world.child_a.pk),
                                     action=LogEntry.Action.CREATE).exclude(changes=None).first()
    assert target is not None
    before = _row(target.pk)
    LogEntry.objects.filter(pk=target.pk).update(changes=None, changes_text="", serialized_data=None)
    after = _row(target.pk)
    assert after["changes"] is None and after["serialized_data"] is None and after["changes_text"] == ""
    kept = {key: value for key, value in before.items() if key not in ("changes", "changes_text", "serialized_data")}
    assert {key: after[key] for key in kept} == kept
    # Clearing is the only change: putting values back in is refused.
    _refused(lambda: LogEntry.objects.filter(pk=target.pk).update(changes={"given_name": ["", "x"]}))


def test_new_entries_are_still_written(world, entry):
    count = LogEntry.objects.count()
    record_access(user=world.manager, obj=world.child_b)
    assert LogEntry.objects.count() == count + 1
