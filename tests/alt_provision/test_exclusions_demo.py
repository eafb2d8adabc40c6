"""The clocks' demo data: a permanent exclusion 3 school days ago and 12 days of health absence this term."""

import datetime as dt
import io
from importlib import import_module

from django.utils import timezone

from alt_provision import deadlines
from alt_provision.demo_clocks import seed_clocks
from alt_provision.models import Exclusion, HealthAbsence, HealthNeedsReferral
from alt_provision.selectors import calendar_for, terms_for


def test_seed_clocks_builds_the_demo_and_is_idempotent(db, settings):
    world = {"password": settings.PORTAL_DEMO_PASSWORD, "totp_secret": "EXAMPLESHIREDEMOTOTPSECRET234567"}
    out = io.StringIO()
    for app in ("send_portal.organisations", "send_portal.accounts", "send_portal.people"):
        import_module(f"{app}.demo").seed(world, out)
    seed_clocks(world, out)
    seed_clocks(world, out)

    today = timezone.localdate()
    calendar = calendar_for(world["council"])
    exclusion = Exclusion.objects.get()
    assert exclusion.child == world["children"]["noah"] and exclusion.kind == "permanent"
    # 3 school days before today: today is day 4 at the latest, so the duty is still running.
    school_days_since = deadlines.school_days_between(exclusion.first_day, today - dt.timedelta(days=1),
                                                      calendar)
    assert len(school_days_since) == 3 and school_days_since[0] == exclusion.first_day
    assert exclusion.sixth_day > today

    amara = world["children"]["amara"]
    term = deadlines.term_containing(today, terms_for(world["council"]))
    in_term = HealthAbsence.objects.filter(child=amara, absent_on__range=(term.starts_on, term.ends_on)).count()
    available = len(deadlines.school_days_between(term.starts_on, today, calendar))
    assert in_term == min(12, available)
    assert not HealthNeedsReferral.objects.exists()
    assert "Children out of school" in out.getvalue()
