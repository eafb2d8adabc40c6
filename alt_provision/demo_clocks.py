"""Demo data for the statutory clocks: a permanent exclusion 3 school days ago, so its sixth-day duty is running,
and a child with 12 school days of absence for health reasons this term, 3 short of a referral. Safe to run again:
it finds what exists and adds what is missing."""

import datetime as dt

from django.utils import timezone

from . import deadlines
from .models import Exclusion, HealthAbsence
from .selectors import calendar_for, terms_for
from .services import exclusion_record, health_absences_record

DEMO_HEALTH_DAYS = 12


def _school_days_before(today: dt.date, count: int, calendar, not_before: dt.date | None = None) -> list[dt.date]:
    """The last `count` school days before `today` (today excluded), oldest first, stopping at `not_before`."""
    days = []
    day = today - dt.timedelta(days=1)
    while len(days) < count and (not_before is None or day >= not_before) and (today - day).days < 400:
        if deadlines.is_school_day(day, calendar):
            days.append(day)
        day -= dt.timedelta(days=1)
    return sorted(days)


def seed_clocks(world, stdout):
    today = timezone.localdate()
    council = world["council"]
    senco = world["senco"]
    calendar = calendar_for(council)

    noah = world["children"]["noah"]
    if not Exclusion.objects.filter(child=noah, kind=Exclusion.Kind.PERMANENT).exists():
        # Three school days before today, so today is day 4 and the sixth day is two school days ahead.
        first_day = _school_days_before(today, 3, calendar)[0]
        exclusion_record(child=noah, kind=Exclusion.Kind.PERMANENT, first_day=first_day, recorded_by=senco,
                         today=today)

    amara = world["children"]["amara"]
    term = deadlines.term_containing(today, terms_for(council))
    already = HealthAbsence.objects.filter(child=amara, absent_on__range=(term.starts_on, term.ends_on)).count()
    if already < DEMO_HEALTH_DAYS:
        # Early in a term there may be fewer than 12 school days so far; then every one of them is recorded.
        days = _school_days_before(today + dt.timedelta(days=1), DEMO_HEALTH_DAYS, calendar, not_before=term.starts_on)
        if days:
            health_absences_record(child=amara, first_day=days[0], last_day=days[-1], recorded_by=senco, today=today)

    exclusions = Exclusion.objects.filter(child__home_local_authority=council).count()
    stdout.write(f"Children out of school: {exclusions} exclusion(s) recorded, "
                 f"{HealthAbsence.objects.filter(child=amara).count()} health absence day(s) for one child.")
