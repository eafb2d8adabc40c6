"""State changes for the statutory clocks of children out of school: the council's school calendar, exclusions
with their sixth-day duty, and absence for health reasons with the health needs referral it brings.

Messages go to the council's shared addresses (settings AP_EXCLUSIONS_EMAIL and AP_HEALTH_NEEDS_EMAIL; empty
means none are sent) and carry the child's register reference, a date and a link, never a name or the reason.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from send_portal.core.dates import govuk_date
from send_portal.notifications.services import notification_queue

from .. import deadlines
from ..models import Exclusion, HealthAbsence, HealthNeedsReferral, SchoolHoliday, SchoolTerm
from ..selectors.clocks import calendar_for, terms_for

__all__ = [
    "school_holiday_add", "school_holiday_delete", "school_term_add",
    "school_term_delete", "exclusion_record", "exclusion_record_provision", "health_absences_record",
    "health_referral_acknowledge", "children_out_of_school_check", "MAX_SUSPENSION_DAYS",
]

logger = logging.getLogger("portal.alt_provision")

# A pupil may be suspended for at most 45 school days in a school year (suspension and permanent exclusion
# guidance), so no single suspension is longer.
MAX_SUSPENSION_DAYS = 45
# A range of health absences is entered in one go for a spell of illness; a longer range is almost certainly a
# typing slip in the year.
MAX_ABSENCE_RANGE_DAYS = 180
# How far back the daily job looks for health absences that have not yet been checked against the threshold.
HEALTH_LOOKBACK_DAYS = 366


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _link(name: str, *args) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


# --- The school calendar -----------------------------------------------------------------------------------

def _check_range(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "The last day must be the same as or after the first day"})


def _recalculate_duties(local_authority, today: dt.date) -> int:
    """A change to the calendar moves the sixth day of duties still running for the council's children. A sixth
    day already passed stays as it was, so a missed duty is never quietly unmissed; so does one the calendar
    leaves no school day to count (a closure of more than a year entered before the checks below)."""
    calendar = calendar_for(local_authority)
    moved = 0
    running = Exclusion.objects.select_for_update().filter(
        child__home_local_authority=local_authority, sixth_day__gte=today)
    for exclusion in running:
        try:
            sixth = deadlines.exclusion_sixth_day(exclusion.kind, exclusion.first_day, exclusion.school_days,
                                                  calendar)
        except deadlines.NoSchoolDayError:
            logger.warning("sixth day of exclusion %s kept: the calendar has no school day to count", exclusion.pk)
            continue
        if sixth != exclusion.sixth_day:
            exclusion.sixth_day = sixth
            exclusion.save(update_fields=["sixth_day"])
            moved += 1
    return moved


@transaction.atomic
def school_holiday_add(*, local_authority, name: str, starts_on: dt.date, ends_on: dt.date,
                       today: dt.date | None = None) -> SchoolHoliday:
    _check_range(starts_on, ends_on)
    holiday = SchoolHoliday.objects.create(local_authority=local_authority, name=name.strip(), starts_on=starts_on,
                                           ends_on=ends_on)
    try:
        deadlines.check_no_long_closure(starts_on, calendar_for(local_authority))
    except deadlines.NoSchoolDayError as error:
        # Raised inside the atomic block, so the holiday is not kept.
        raise ValidationError({"ends_on": "With this holiday and the others already entered, schools would be closed "
                                          "for a year or more in a row, so no sixth school day could be worked out. "
                                          "Check the dates: a holiday is a run of days schools are closed"}) from error
    _recalculate_duties(local_authority, _today(today))
    # Term-time panels do not meet in the holidays: empty meetings on the new closed days go, and the diary is
    # filled again. Meetings that already have an agenda stay for the clerk to move.
    from send_portal.panels.services import meetings_drop_non_school_days

    meetings_drop_non_school_days(local_authority, today=_today(today))
    return holiday


@transaction.atomic
def school_holiday_delete(*, holiday: SchoolHoliday, today: dt.date | None = None) -> None:
    local_authority = holiday.local_authority
    holiday.delete()
    _recalculate_duties(local_authority, _today(today))


@transaction.atomic
def school_term_add(*, local_authority, name: str, starts_on: dt.date, ends_on: dt.date) -> SchoolTerm:
    _check_range(starts_on, ends_on)
    overlapping = SchoolTerm.objects.filter(local_authority=local_authority, starts_on__lte=ends_on,
                                            ends_on__gte=starts_on).first()
    if overlapping:
        raise ValidationError({"starts_on": f"These dates overlap {overlapping.name} "
                                            f"({govuk_date(overlapping.starts_on)} to "
                                            f"{govuk_date(overlapping.ends_on)}); terms cannot overlap"})
    return SchoolTerm.objects.create(local_authority=local_authority, name=name.strip(), starts_on=starts_on,
                                     ends_on=ends_on)


def school_term_delete(*, term: SchoolTerm) -> None:
    term.delete()


# --- Exclusions and the sixth-day duty ---------------------------------------------------------------------

def _school_of(child):
    if child.current_setting_id is None:
        raise ValidationError({"child": "This child has no school on their record. Record their school on the "
                                        "child's record first"})
    return child.current_setting


@transaction.atomic
def exclusion_record(*, child, kind: str, first_day: dt.date, recorded_by, school_days: int | None = None,
                     today: dt.date | None = None) -> Exclusion:
    """Record a permanent exclusion or a suspension from the child's school and work out the sixth-day duty.
    The caller has checked that `recorded_by` may see the child."""
    today = _today(today)
    if kind not in Exclusion.Kind.values:
        raise ValidationError({"kind": "Select whether this is a permanent exclusion or a suspension"})
    if first_day > today:
        raise ValidationError({"first_day": "The first day of exclusion must be today or in the past"})
    if kind == Exclusion.Kind.SUSPENSION:
        if school_days is None:
            raise ValidationError({"school_days": "Enter how many school days the suspension lasts"})
        if not 1 <= school_days <= MAX_SUSPENSION_DAYS:
            raise ValidationError({"school_days": f"A suspension must last from 1 to {MAX_SUSPENSION_DAYS} "
                                                  "school days"})
    else:
        school_days = None
    school = _school_of(child)
    try:
        sixth = deadlines.exclusion_sixth_day(kind, first_day, school_days, calendar_for(child.home_local_authority))
    except deadlines.NoSchoolDayError as error:
        raise ValidationError({"first_day": "The council's school calendar has no school day within a year of this "
                                            "date, so the sixth school day cannot be worked out. Ask the council to "
                                            "check the school holidays on its school calendar"}) from error
    exclusion = Exclusion.objects.create(child=child, school=school, kind=kind, first_day=first_day,
                                         school_days=school_days, sixth_day=sixth, recorded_by=recorded_by)
    address = getattr(settings, "AP_EXCLUSIONS_EMAIL", "")
    if kind == Exclusion.Kind.PERMANENT and address:
        notification_queue(template="ap_clock_permanent_exclusion", to=address,
                           idempotency_key=f"ap_clock_permanent_exclusion:{exclusion.pk}",
                           context=_exclusion_context(exclusion))
    return exclusion


def _exclusion_context(exclusion: Exclusion) -> dict:
    return {"reference": exclusion.child.reference, "exclusion": exclusion,
            "link": _link("ap_exclusion", exclusion.pk), "service_name": settings.PORTAL_SERVICE_NAME}


@transaction.atomic
def exclusion_record_provision(*, exclusion: Exclusion, starts_on: dt.date, details: str,
                               today: dt.date | None = None) -> Exclusion:
    """Record when full-time education started. A later correction replaces the date; whether the sixth day was
    met follows the date recorded."""
    today = _today(today)
    exclusion = Exclusion.objects.select_for_update().get(pk=exclusion.pk)
    if starts_on > today:
        raise ValidationError({"starts_on": "The date full-time education started must be today or in the past"})
    if starts_on < exclusion.first_day:
        raise ValidationError({"starts_on": "The date full-time education started must be on or after the first "
                                            f"day of exclusion, {govuk_date(exclusion.first_day)}"})
    if not details.strip():
        raise ValidationError({"details": "Enter where the education is and how many hours a week"})
    exclusion.provision_starts_on = starts_on
    exclusion.provision_details = details.strip()
    exclusion.save(update_fields=["provision_starts_on", "provision_details"])
    return exclusion


def _missed(today: dt.date):
    return Exclusion.objects.filter(Q(sixth_day__isnull=False, sixth_day__lt=today)
                                    & (Q(provision_starts_on__isnull=True)
                                       | Q(provision_starts_on__gt=F("sixth_day"))))


def _notify_missed(today: dt.date) -> int:
    address = getattr(settings, "AP_EXCLUSIONS_EMAIL", "")
    if not address:
        return 0
    sent = 0
    for exclusion in _missed(today).select_related("child"):
        if notification_queue(template="ap_clock_sixth_day_missed", to=address,
                              idempotency_key=f"ap_clock_sixth_day_missed:{exclusion.pk}",
                              context=_exclusion_context(exclusion)):
            sent += 1
    return sent


# --- Absence for health reasons ----------------------------------------------------------------------------

def _absence_days(child, first_day: dt.date, last_day: dt.date | None, today: dt.date) -> list[dt.date]:
    if first_day > today:
        raise ValidationError({"first_day": "The first day absent must be today or in the past"})
    calendar = calendar_for(child.home_local_authority)
    if last_day is None or last_day == first_day:
        if not deadlines.is_school_day(first_day, calendar):
            raise ValidationError({"first_day": f"{govuk_date(first_day)} is not a school day (it is a weekend, a "
                                                "bank holiday or a school holiday). Enter a school day"})
        return [first_day]
    if last_day < first_day:
        raise ValidationError({"last_day": "The last day absent must be the same as or after the first day"})
    if last_day > today:
        raise ValidationError({"last_day": "The last day absent must be today or in the past"})
    if (last_day - first_day).days > MAX_ABSENCE_RANGE_DAYS:
        raise ValidationError({"last_day": "Enter a spell of no more than 6 months at a time"})
    days = deadlines.school_days_between(first_day, last_day, calendar)
    if not days:
        raise ValidationError({"first_day": "There are no school days between these dates"})
    return days


@transaction.atomic
def health_absences_record(*, child, first_day: dt.date, recorded_by, last_day: dt.date | None = None,
                           today: dt.date | None = None) -> dict:
    """Record a day, or each school day in a range, that the child missed for health reasons, then bring in the
    health needs team for any term that now reaches 15 days. Days already recorded are left as they are."""
    today = _today(today)
    days = _absence_days(child, first_day, last_day, today)
    school = _school_of(child)
    new_days, existing = _add_absences(child, school, days, recorded_by)
    referrals = _check_health_needs(child, new_days, today)
    return {"recorded": len(new_days), "already": len(existing), "referrals": referrals}


def _add_absences(child, school, days: list[dt.date], recorded_by) -> tuple[list[dt.date], set[dt.date]]:
    """Add the days not yet recorded. Someone else recording the same day at the same moment makes the insert
    fail on the one-absence-a-day rule; the days are then read again (the other save has committed by then) and
    only those still missing are added, so both saves succeed. Returns the days added and those already there."""
    for _attempt in range(3):
        existing = set(HealthAbsence.objects.filter(child=child, absent_on__in=days)
                       .values_list("absent_on", flat=True))
        new_days = [day for day in days if day not in existing]
        try:
            with transaction.atomic():
                HealthAbsence.objects.bulk_create([HealthAbsence(child=child, school=school, absent_on=day,
                                                                 recorded_by=recorded_by) for day in new_days])
        except IntegrityError:
            continue
        return new_days, existing
    raise ValidationError({"first_day": "Someone else was recording absence for this child on these days at the "
                                        "same time. Check the absences recorded and try again"})


def _check_health_needs(child, days: list[dt.date], today: dt.date) -> list[HealthNeedsReferral]:
    terms = terms_for(child.home_local_authority)
    created = []
    for term in {deadlines.term_containing(day, terms) for day in days}:
        recorded = HealthAbsence.objects.filter(child=child, absent_on__range=(term.starts_on, term.ends_on)) \
            .values_list("absent_on", flat=True)
        count = deadlines.health_absence_days_in_term(recorded, term.starts_on, term.ends_on)
        if deadlines.reaches_health_needs_threshold(count):
            referral = _refer(child, term, today)
            if referral:
                created.append(referral)
    return created


def _refer(child, term: deadlines.Term, today: dt.date) -> HealthNeedsReferral | None:
    try:
        with transaction.atomic():
            referral = HealthNeedsReferral.objects.create(child=child, term_starts_on=term.starts_on, flagged_on=today)
    except IntegrityError:
        return None
    address = getattr(settings, "AP_HEALTH_NEEDS_EMAIL", "")
    if address:
        notification_queue(template="ap_clock_health_needs", to=address,
                           idempotency_key=f"ap_clock_health_needs:{referral.pk}",
                           context={"reference": child.reference, "term": term, "referral": referral,
                                    "threshold": deadlines.HEALTH_NEEDS_DAYS, "link": _link("ap_health_absences"),
                                    "service_name": settings.PORTAL_SERVICE_NAME})
    return referral


@transaction.atomic
def health_referral_acknowledge(*, referral: HealthNeedsReferral, user, note: str = "") -> HealthNeedsReferral:
    referral = HealthNeedsReferral.objects.select_for_update().get(pk=referral.pk)
    if referral.acknowledged_at is not None:
        raise ValidationError({"note": "This referral has already been acknowledged"})
    referral.acknowledged_by = user
    referral.acknowledged_at = timezone.now()
    referral.note = note.strip()
    referral.save(update_fields=["acknowledged_by", "acknowledged_at", "note"])
    return referral


# --- The daily job -----------------------------------------------------------------------------------------

def _health_needs_sweep(today: dt.date) -> int:
    """A safety net for absences that reached the council without going through health_absences_record (the
    admin site, or a term entered after the days were): every child's recent terms are checked again."""
    recent = HealthAbsence.objects.filter(absent_on__gte=today - dt.timedelta(days=HEALTH_LOOKBACK_DAYS),
                                          absent_on__lte=today).select_related("child")
    by_child = {}
    for absence in recent:
        by_child.setdefault(absence.child, []).append(absence.absent_on)
    created = 0
    for child, days in by_child.items():
        with transaction.atomic():
            created += len(_check_health_needs(child, days, today))
    return created


def children_out_of_school_check(today: dt.date | None = None) -> dict:
    """The daily check: tell the council once about each duty whose sixth day has been missed, and refer children
    who have reached 15 days of health absence in a term. Running it again the same day sends nothing new."""
    today = _today(today)
    with transaction.atomic():
        missed = _notify_missed(today)
    referrals = _health_needs_sweep(today)
    return {"missed": missed, "referrals": referrals}
