"""Times written the GOV.UK way (send_portal.core.dates.govuk_time), used by the Local Offer's opening times and the
dashboards' "Figures counted at"."""

import datetime as dt

import pytest

from send_portal.core.dates import govuk_time


@pytest.mark.parametrize(("value", "written"), [
    (dt.time(14, 0), "2pm"),
    (dt.time(9, 30), "9:30am"),
    (dt.time(9, 5), "9:05am"),
    (dt.time(12, 0), "midday"),
    (dt.time(0, 0), "midnight"),
    (dt.time(12, 30), "12:30pm"),
    (dt.time(0, 15), "12:15am"),
    (dt.time(23, 59), "11:59pm"),
    # An aware datetime is written in the portal's time zone: 13:05 UTC in June is 2:05pm in London.
    (dt.datetime(2026, 6, 1, 13, 5, tzinfo=dt.UTC), "2:05pm"),
    (dt.datetime(2026, 12, 1, 13, 5, tzinfo=dt.UTC), "1:05pm"),
    (dt.datetime(2026, 6, 1, 11, 0, tzinfo=dt.UTC), "midday"),
    (None, ""),
])
def test_govuk_time(value, written, settings):
    settings.TIME_ZONE = "Europe/London"
    assert govuk_time(value) == written
