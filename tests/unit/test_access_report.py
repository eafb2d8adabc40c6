"""`manage.py access_report`: what one account opened or changed between two times, from the audit log (issue 8,
"Audit retention")."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from send_portal.audit.services import record_access


def _report(*args) -> str:
    out = io.StringIO()
    call_command("access_report", *args, stdout=out)
    return out.getvalue()


def _at(write, when):
    """Write an audit entry as if at `when`. Audit rows cannot be changed once written (C-34: a trigger refuses it
    on PostgreSQL), so the clock is moved rather than the timestamp."""
    with time_machine.travel(when, tick=False):
        return write()


@pytest.fixture
def opened(world):
    """The caseworker opened child A on 10 November and child B on 12 November; the manager opened child A."""
    london = timezone.get_current_timezone()
    _at(lambda: record_access(user=world.caseworker, obj=world.child_a),
        dt.datetime(2026, 11, 10, 9, 30, tzinfo=london))
    _at(lambda: record_access(user=world.caseworker, obj=world.child_b, purpose="download"),
        dt.datetime(2026, 11, 12, 16, 0, tzinfo=london))
    _at(lambda: record_access(user=world.manager, obj=world.child_a), dt.datetime(2026, 11, 11, 9, 0, tzinfo=london))


def test_it_lists_what_one_account_opened_in_the_range(world, opened):
    report = _report("caseworker@example.test", "--from", "2026-11-10", "--to", "2026-11-12")
    lines = report.splitlines()
    assert lines[0].startswith("caseworker@example.test: 2 records opened or changed from 2026-11-10 00:00 to before "
                               "2026-11-13 00:00")
    assert lines[1] == f"2026-11-10 09:30:00  Opened  child or young person  {world.child_a.pk}  {world.child_a}  view"
    assert lines[2] == (f"2026-11-12 16:00:00  Opened  child or young person  {world.child_b.pk}  {world.child_b}  "
                        "download")
    assert "Canary" not in report  # references, never names


@pytest.mark.parametrize(("start", "end", "count"), [
    ("2026-11-10", "2026-11-10", 1),  # a date on its own is the whole day
    ("2026-11-10T10:00", "2026-11-12", 1),
    ("2026-11-10", "2026-11-12T15:59", 1),
    ("2026-11-13", "2026-11-30", 0),
    ("2026-11-10T09:30", "2026-11-10T09:30:01", 1),  # from is included, to is not
])
def test_the_range_is_read_as_people_expect(world, opened, start, end, count):
    assert f"{count} record" in _report("Caseworker@Example.test", "--from", start, "--to", end).splitlines()[0]


def test_the_csv_has_one_row_each_and_cannot_carry_a_formula(world, opened):
    _at(lambda: record_access(user=world.caseworker, obj=world.child_a, purpose="=HYPERLINK(1)"),
        dt.datetime(2026, 11, 20, 9, 0, tzinfo=timezone.get_current_timezone()))
    report = _report("caseworker@example.test", "--from", "2026-11-01", "--to", "2026-11-30", "--csv").splitlines()
    assert report[0] == "When,What,Kind of record,Record id,Record,Why"
    assert len(report) == 4
    assert report[-1].endswith(",'=HYPERLINK(1)")


@pytest.mark.parametrize(("args", "message"), [
    (("nobody@example.test", "--from", "2026-11-01", "--to", "2026-11-02"), "There is no account"),
    (("caseworker@example.test", "--from", "yesterday", "--to", "2026-11-02"), "is not a date"),
    (("caseworker@example.test", "--from", "2026-11-05", "--to", "2026-11-02"), "--to must be later"),
])
def test_bad_input_is_refused_clearly(world, args, message):
    with pytest.raises(CommandError, match=message):
        _report(*args)
