"""Reads for the statutory clocks. Every exclusion, absence and referral is about a child, so each read is
scoped through who may see that child's record (the council's record holders for their children, a SENCO for
their school's pupils); the school calendar is scoped to the councils a person works for."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Case, ExpressionWrapper, F, Q, QuerySet, Value, When
from django.utils import timezone

from send_portal.core.access import get_from
from send_portal.core.dates import govuk_date
from send_portal.organisations.selectors import local_authorities_for
from send_portal.people.selectors import children_visible_to

from .. import deadlines
from ..models import Exclusion, HealthAbsence, HealthNeedsReferral, SchoolHoliday, SchoolTerm

__all__ = [
    "ExclusionStatus", "EXCLUSION_STATUSES", "exclusion_status", "exclusions_visible_to", "exclusion_get_for",
    "council_for", "school_holidays_for", "school_terms_for", "school_holiday_get_for", "school_term_get_for",
    "health_referrals_visible_to", "health_referral_get_for", "health_absence_totals", "calendar_for", "terms_for",
    "school_day_in_council",
]

EXCLUSION_STATUSES = [
    ("missed", "Sixth day missed"),
    ("open", "Waiting for full-time education"),
    ("met", "Full-time education started in time"),
    ("no_duty", "No sixth-day duty"),
]


@dataclass(frozen=True)
class ExclusionStatus:
    key: str
    label: str
    colour: str  # the GOV.UK tag colour

    @property
    def is_missed(self) -> bool:
        return self.key == "missed"


def exclusion_status(exclusion: Exclusion, today: dt.date | None = None) -> ExclusionStatus:
    today = today or timezone.localdate()
    if exclusion.sixth_day is None:
        return ExclusionStatus("no_duty", "No sixth-day duty", "grey")
    if deadlines.sixth_day_missed(exclusion.sixth_day, exclusion.provision_starts_on, today):
        return ExclusionStatus("missed", "Sixth day missed", "red")
    if exclusion.provision_starts_on is not None:
        return ExclusionStatus("met", "Started in time", "green")
    if exclusion.sixth_day == today:
        return ExclusionStatus("open", "Due today", "orange")
    return ExclusionStatus("open", f"Due by {govuk_date(exclusion.sixth_day)}", "blue")


def _missed_q(today: dt.date) -> Q:
    return Q(sixth_day__isnull=False, sixth_day__lt=today) & (
        Q(provision_starts_on__isnull=True) | Q(provision_starts_on__gt=F("sixth_day")))


def _visible_children(user):
    return children_visible_to(user).order_by().values("pk")


def exclusions_visible_to(user, *, kind: str = "", status: str = "", today: dt.date | None = None,
                          query: str = "") -> QuerySet[Exclusion]:
    """Exclusions of children the person may see: missed duties first, then duties still running by their sixth
    day, then the rest, newest first. Each row carries its `status`."""
    today = today or timezone.localdate()
    qs = Exclusion.objects.filter(child__in=_visible_children(user)).select_related("child", "school").annotate(
        missed=ExpressionWrapper(_missed_q(today), output_field=BooleanField()),
        running=ExpressionWrapper(Q(sixth_day__isnull=False, provision_starts_on__isnull=True),
                                  output_field=BooleanField()),
    ).annotate(
        rank=Case(When(missed=True, then=Value(0)), When(running=True, then=Value(1)), default=Value(2)),
    )
    if kind:
        qs = qs.filter(kind=kind)
    if status == "missed":
        qs = qs.filter(missed=True)
    elif status == "open":
        qs = qs.filter(running=True, missed=False)
    elif status == "met":
        qs = qs.filter(sixth_day__isnull=False, provision_starts_on__lte=F("sixth_day"))
    elif status == "no_duty":
        qs = qs.filter(sixth_day__isnull=True)
    if query:
        for term in query.split():
            qs = qs.filter(Q(child__given_name__icontains=term) | Q(child__family_name__icontains=term)
                           | Q(child__preferred_name__icontains=term) | Q(child__reference__iexact=term))
    return qs.order_by("rank", F("sixth_day").asc(nulls_last=True), "-first_day", "-pk")


def exclusion_get_for(user, pk, *, purpose: str = "view") -> Exclusion:
    return get_from(user, Exclusion.objects.filter(child__in=_visible_children(user))
                    .select_related("child", "school", "recorded_by"), purpose=purpose, pk=pk)


# --- The school calendar -----------------------------------------------------------------------------------

def calendar_for(local_authority) -> deadlines.SchoolCalendar:
    """The council's school calendar: the holidays and closure days it has entered."""
    if local_authority is None:
        return deadlines.SchoolCalendar()
    return deadlines.SchoolCalendar.from_ranges(
        SchoolHoliday.objects.filter(local_authority=local_authority).values_list("starts_on", "ends_on"))


def school_day_in_council(local_authority, day: dt.date) -> bool:
    """Whether a day is a school day in the council's calendar; term-time panels meet only on these."""
    return deadlines.is_school_day(day, calendar_for(local_authority))


def terms_for(local_authority) -> list[deadlines.Term]:
    """The terms the council has entered; days outside them fall in deadlines.default_term."""
    if local_authority is None:
        return []
    return [deadlines.Term(term.name, term.starts_on, term.ends_on)
            for term in SchoolTerm.objects.filter(local_authority=local_authority)]


def council_for(user):
    """The council whose calendar a person keeps: the one they work for (the first by name if several)."""
    return local_authorities_for(user).order_by("name").first()


def school_holidays_for(user) -> QuerySet[SchoolHoliday]:
    return SchoolHoliday.objects.filter(local_authority__in=local_authorities_for(user)).select_related(
        "local_authority").order_by("-starts_on")


def school_terms_for(user) -> QuerySet[SchoolTerm]:
    return SchoolTerm.objects.filter(local_authority__in=local_authorities_for(user)).select_related(
        "local_authority").order_by("-starts_on")


def school_holiday_get_for(user, pk, *, purpose: str = "view") -> SchoolHoliday:
    return get_from(user, school_holidays_for(user), purpose=purpose, pk=pk)


def school_term_get_for(user, pk, *, purpose: str = "view") -> SchoolTerm:
    return get_from(user, school_terms_for(user), purpose=purpose, pk=pk)


# --- Absence for health reasons ----------------------------------------------------------------------------

def health_referrals_visible_to(user, *, open_only: bool = False) -> QuerySet[HealthNeedsReferral]:
    """Referrals to the health needs team for children the person may see, those not yet acknowledged first."""
    qs = HealthNeedsReferral.objects.filter(child__in=_visible_children(user)).select_related(
        "child", "acknowledged_by")
    if open_only:
        qs = qs.filter(acknowledged_at__isnull=True)
    return qs.order_by(F("acknowledged_at").asc(nulls_first=True), "-flagged_on", "-pk")


def health_referral_get_for(user, pk, *, purpose: str = "view") -> HealthNeedsReferral:
    return get_from(user, HealthNeedsReferral.objects.filter(child__in=_visible_children(user))
                    .select_related("child"), purpose=purpose, pk=pk)


def health_absence_totals(user, today: dt.date | None = None) -> list[dict]:
    """For each child the person may see who has health absences this term: the term and how many days, highest
    first. The term is the child's council's entered term containing today, or the default term."""
    today = today or timezone.localdate()
    recent = HealthAbsence.objects.filter(child__in=_visible_children(user),
                                          absent_on__gte=today - dt.timedelta(days=200), absent_on__lte=today)
    children = {}
    terms_by_council = {}
    for absence in recent.select_related("child", "child__home_local_authority"):
        child = absence.child
        council_id = child.home_local_authority_id
        if council_id not in terms_by_council:
            terms_by_council[council_id] = deadlines.term_containing(today, terms_for(child.home_local_authority))
        children.setdefault(child.pk, {"child": child, "term": terms_by_council[council_id], "days": []})
        children[child.pk]["days"].append(absence.absent_on)
    rows = []
    for row in children.values():
        count = deadlines.health_absence_days_in_term(row["days"], row["term"].starts_on, row["term"].ends_on)
        if count:
            rows.append({"child": row["child"], "term": row["term"], "days": count,
                         "reached": deadlines.reaches_health_needs_threshold(count),
                         "last": max(row["days"])})
    return sorted(rows, key=lambda row: (-row["days"], row["child"].family_name, row["child"].given_name))

