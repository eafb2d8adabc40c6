import datetime as dt

import pytest

from ehc.timeliness import Status, deadline_state

D = dt.date


@pytest.mark.parametrize(("due", "met_on", "today", "status", "days_left"), [
    (D(2026, 3, 20), None, D(2026, 3, 1), Status.ON_TRACK, 19),
    (D(2026, 3, 20), None, D(2026, 3, 13), Status.DUE_SOON, 7),
    (D(2026, 3, 20), None, D(2026, 3, 20), Status.DUE_SOON, 0),
    (D(2026, 3, 20), None, D(2026, 3, 21), Status.OVERDUE, -1),
    (D(2026, 3, 20), D(2026, 3, 20), D(2026, 4, 1), Status.MET, None),
    (D(2026, 3, 20), D(2026, 3, 23), D(2026, 4, 1), Status.MET_LATE, None),
    (D(2028, 2, 29), None, D(2028, 2, 22), Status.DUE_SOON, 7),
])
def test_deadline_state(due, met_on, today, status, days_left):
    state = deadline_state("Decision", due, met_on, today)
    assert (state.status, state.days_left) == (status, days_left)
