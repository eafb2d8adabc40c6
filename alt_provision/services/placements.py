"""Placements: starting one (from an awarded offer or arranged directly by a school), attendance, reviews and
outcomes."""

import datetime as dt
import hashlib
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from send_portal.core.dates import govuk_date
from send_portal.notifications.services import notification_queue
from send_portal.organisations.models import Membership, Organisation, OrganisationKind, Role

from ..models import ApprovedProvider, AttendanceMark, Offer, Placement, PlacementRequirement, PlacementReview, Tier
from ..selectors.commissioning import _councils_for, commissioner_for
from ..selectors.placements import (
    ABSENT,
    REVIEW_WEEKS,
    attendance_summary,
    councils_with_unregistered_full_time_placements,
    registration_threshold_breaches,
)

__all__ = [
    "FULL_TIME_HOURS", "DAY_CODES", "placement_start", "placement_record_direct", "attendance_record",
    "placement_review_record", "placement_end", "registration_threshold_check",
]

# A pupil of compulsory school age taught for this many hours a week or more counts as full time, for the
# unregistered-provider threshold (DfE registration guidance; the exact figure is unconfirmed in
# ../shared/domain/statutory.md §8.4, so the portal uses the common 18 hours and says so).
FULL_TIME_HOURS = 18


@transaction.atomic
def placement_start(*, child, home_school, commissioner, created_by, tier: str, starts_on: dt.date,
                    hours_per_week, days: str, weekly_cost, objectives: str, reintegration_plan: str,
                    named_contact: str, next_review_on: dt.date, provider: ApprovedProvider | None = None,
                    provider_name: str = "", provider_is_registered_school: bool | None = None,
                    requirement: PlacementRequirement | None = None, offer: Offer | None = None,
                    has_ehc_plan: bool = False, is_looked_after: bool = False,
                    reintegration_on: dt.date | None = None) -> Placement:
    """The one way a placement begins: from an awarded offer (with its requirement) or arranged directly."""
    if provider_is_registered_school is None:
        provider_is_registered_school = bool(provider and provider.registration
                                             == ApprovedProvider.Registration.REGISTERED_SCHOOL)
    return Placement.objects.create(
        child=child, home_school=home_school, commissioner=commissioner, created_by=created_by, tier=tier,
        starts_on=starts_on, hours_per_week=hours_per_week, is_full_time=float(hours_per_week) >= FULL_TIME_HOURS,
        days=days, weekly_cost=weekly_cost, objectives=objectives, reintegration_plan=reintegration_plan,
        reintegration_on=reintegration_on, named_contact=named_contact, next_review_on=next_review_on,
        provider=provider, provider_name=provider_name if provider is None else "",
        provider_is_registered_school=provider_is_registered_school, requirement=requirement, offer=offer,
        arranged_directly=requirement is None, has_ehc_plan=has_ehc_plan, is_looked_after=is_looked_after)


# iCalendar day codes for the school week, the form a placement's `days` are stored in.
DAY_CODES = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday"}


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _link(name: str, *args) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


def _review_window(start: dt.date) -> dt.date:
    return start + dt.timedelta(weeks=REVIEW_WEEKS)


def _commissioner_for(user, child):
    """Who commissions a placement a person records: the child's school when they are its SENCO, otherwise the
    child's home council when they are one of its officers (never another council they happen to work for)."""
    commissioner = commissioner_for(user, child)
    if commissioner is not None:
        return commissioner
    if _councils_for(user).exists():
        council = child.home_local_authority.name if child.home_local_authority_id else "another council"
        raise ValidationError({"child": f"This pupil's home council is {council}, and you do not work for it. "
                                        "Only the pupil's school or their home council can record a placement for "
                                        "them"})
    raise ValidationError({"child": "Only the child's school or the council can record a placement for them"})


def _clean_direct(*, child, provider, provider_name: str, provider_is_registered_school, tier: str,
                  starts_on: dt.date, hours_per_week, days: str, weekly_cost, objectives: str, reintegration_plan: str,
                  reintegration_on, named_contact: str, next_review_on: dt.date) -> dict:
    errors = {}
    if child.current_setting_id is None or child.current_setting.kind != OrganisationKind.SCHOOL:
        errors["child"] = "This child has no school on their record. The pupil stays on their school's roll, so " \
                          "record their school on the child's record first"
    if provider is None and not provider_name.strip():
        errors["provider"] = "Select the provider, or enter the name of a provider that is not on the list"
    if provider is not None and provider.status != ApprovedProvider.Status.ADMITTED:
        errors["provider"] = "This provider is not approved for new placements. Select another provider"
    if provider is None and provider_is_registered_school is None:
        errors["provider_is_registered_school"] = "Select whether the provider is a registered school"
    if tier not in Tier.values:
        errors["tier"] = "Select the tier"
    try:
        hours = Decimal(str(hours_per_week))
    except InvalidOperation:
        hours = Decimal("-1")
    if not Decimal("0") < hours <= Decimal("40"):
        errors["hours_per_week"] = "Hours a week must be more than 0 and no more than 40"
    codes = [code for code in days.split(",") if code]
    if not codes or any(code not in DAY_CODES for code in codes):
        errors["days"] = "Select the days the pupil attends"
    if Decimal(str(weekly_cost)) < 0:
        errors["weekly_cost"] = "The weekly cost must be £0 or more"
    for name, value, message in (("objectives", objectives, "Enter the objectives"),
                                 ("reintegration_plan", reintegration_plan, "Enter the reintegration plan"),
                                 ("named_contact", named_contact, "Enter the named contact at the provider")):
        if not value.strip():
            errors[name] = message
    if next_review_on <= starts_on:
        errors["next_review_on"] = "The first review must be after the placement starts"
    elif next_review_on > _review_window(starts_on):
        errors["next_review_on"] = f"The first review must be within {REVIEW_WEEKS} weeks of the start (at least " \
                                   f"every half term): by {govuk_date(_review_window(starts_on))}"
    if reintegration_on and reintegration_on <= starts_on:
        errors["reintegration_on"] = "The reintegration date must be after the placement starts"
    if errors:
        raise ValidationError(errors)
    return {"hours": hours, "days": ",".join(code for code in DAY_CODES if code in codes)}


@transaction.atomic
def placement_record_direct(*, recorded_by, child, tier: str, starts_on: dt.date, hours_per_week, days: str,
                            weekly_cost, objectives: str, reintegration_plan: str, named_contact: str,
                            next_review_on: dt.date, provider: ApprovedProvider | None = None,
                            provider_name: str = "", provider_is_registered_school: bool | None = None,
                            reintegration_on: dt.date | None = None, has_ehc_plan: bool = False,
                            is_looked_after: bool = False) -> Placement:
    """Record a placement the school or council arranged without a call-off, so the council's register is whole.
    The caller has checked that `recorded_by` may see the child."""
    clean = _clean_direct(child=child, provider=provider, provider_name=provider_name,
                          provider_is_registered_school=provider_is_registered_school, tier=tier, starts_on=starts_on,
                          hours_per_week=hours_per_week, days=days, weekly_cost=weekly_cost, objectives=objectives,
                          reintegration_plan=reintegration_plan, reintegration_on=reintegration_on,
                          named_contact=named_contact, next_review_on=next_review_on)
    commissioner = _commissioner_for(recorded_by, child)
    return placement_start(
        child=child, home_school=child.current_setting, commissioner=commissioner, created_by=recorded_by, tier=tier,
        starts_on=starts_on, hours_per_week=clean["hours"], days=clean["days"], weekly_cost=weekly_cost,
        objectives=objectives.strip(), reintegration_plan=reintegration_plan.strip(),
        named_contact=named_contact.strip(), next_review_on=next_review_on, provider=provider,
        provider_name=provider_name.strip(),
        provider_is_registered_school=None if provider is not None else bool(provider_is_registered_school),
        has_ehc_plan=has_ehc_plan, is_looked_after=is_looked_after, reintegration_on=reintegration_on)


# --- Attendance --------------------------------------------------------------------------------------------

def _school_recipients(placement: Placement) -> list[str]:
    """The home school's SENCOs and the commissioner's shared address, once each."""
    emails = list(Membership.objects.filter(organisation=placement.home_school, role=Role.SENCO,
                                            ended_at__isnull=True, user__is_active=True)
                  .order_by("pk").values_list("user__email", flat=True))
    if placement.commissioner.email:
        emails.append(placement.commissioner.email)
    seen, unique = set(), []
    for email in emails:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append(email)
    return unique


def _alert_absence(placement: Placement, day: dt.date) -> int:
    context = {"reference": placement.child.reference, "placement": placement, "day": day,
               "link": _link("ap_placement", placement.pk), "service_name": settings.PORTAL_SERVICE_NAME}
    sent = 0
    for email in _school_recipients(placement):
        # One message a day for each placement, however many sessions are missed or times the register is saved.
        if notification_queue(template="ap_placement_absence", to=email, context=context,
                              idempotency_key=f"ap_placement_absence:{placement.pk}:{day.isoformat()}:"
                                              f"{email.lower()}"):
            sent += 1
    return sent


@transaction.atomic
def attendance_record(*, provider: ApprovedProvider, day: dt.date, marks: dict, recorded_by,
                      today: dt.date | None = None) -> dict:
    """Save one day's register for a provider: `marks` maps a placement's pk to {"am": mark, "pm": mark}, where
    "" removes a mark. An absence tells the commissioning school the same day. Returns counts."""
    today = _today(today)
    if day > today:
        raise ValidationError({"date": "The date must be today or in the past"})
    placements = {placement.pk: placement for placement in Placement.objects.select_for_update().filter(
        pk__in=list(marks), provider=provider, status=Placement.Status.ACTIVE).select_related(
        "child", "home_school", "commissioner")}
    errors = []
    for pk in marks:
        placement = placements.get(pk)
        if placement is None:
            errors.append("A pupil on this register is not on one of your active placements. Reload the page")
        elif day < placement.starts_on:
            errors.append(f"A placement on this register starts on {govuk_date(placement.starts_on)}, after "
                          f"{govuk_date(day)}")
    for sessions in marks.values():
        for session, mark in sessions.items():
            if session not in AttendanceMark.Session.values or (mark and mark not in AttendanceMark.Mark.values):
                errors.append("Select a mark from the list for each session")
    if errors:
        raise ValidationError(sorted(set(errors)))
    saved = removed = 0
    for pk, sessions in marks.items():
        for session, mark in sessions.items():
            if mark:
                AttendanceMark.objects.update_or_create(placement_id=pk, date=day, session=session,
                                                        defaults={"mark": mark, "recorded_by": recorded_by})
                saved += 1
            else:
                removed += AttendanceMark.objects.filter(placement_id=pk, date=day, session=session).delete()[0]
    absent = set(AttendanceMark.objects.filter(placement_id__in=list(placements), date=day, mark__in=ABSENT)
                 .values_list("placement_id", flat=True))
    alerts = sum(_alert_absence(placements[pk], day) for pk in sorted(absent))
    return {"saved": saved, "removed": removed, "alerts": alerts, "absent": len(absent)}


# --- Reviews and outcomes ----------------------------------------------------------------------------------

def _locked(placement: Placement) -> Placement:
    return Placement.objects.select_for_update().get(pk=placement.pk)


@transaction.atomic
def placement_review_record(*, placement: Placement, reviewed_on: dt.date, progress: str, recorded_by,
                            next_steps: str = "", next_review_on: dt.date | None = None,
                            today: dt.date | None = None) -> PlacementReview:
    """Record a half-termly review and move the placement's next review date on."""
    today = _today(today)
    placement = _locked(placement)
    errors = {}
    if reviewed_on > today:
        errors["reviewed_on"] = "The review date must be today or in the past"
    elif reviewed_on < placement.starts_on:
        errors["reviewed_on"] = f"The review date must be on or after the placement started, " \
                                f"{govuk_date(placement.starts_on)}"
    if not progress.strip():
        errors["progress"] = "Enter the progress made against each objective"
    active = placement.status == Placement.Status.ACTIVE
    if active and next_review_on is None:
        errors["next_review_on"] = "Enter the date of the next review"
    elif next_review_on is not None and next_review_on <= max(reviewed_on, today):
        errors["next_review_on"] = "The next review must be in the future"
    elif next_review_on is not None and next_review_on > _review_window(reviewed_on):
        errors["next_review_on"] = f"The next review must be within {REVIEW_WEEKS} weeks of this one (at least " \
                                   f"every half term): by {govuk_date(_review_window(reviewed_on))}"
    if errors:
        raise ValidationError(errors)
    summary = attendance_summary(placement)
    words = f"{summary['rate']}% of {summary['expected']} sessions attended" if summary["rate"] is not None \
        else "No attendance recorded yet"
    review = PlacementReview.objects.create(placement=placement, reviewed_on=reviewed_on, progress=progress.strip(),
                                            next_steps=next_steps.strip(), next_review_on=next_review_on,
                                            attendance_summary=words, recorded_by=recorded_by)
    if active and next_review_on:
        placement.next_review_on = next_review_on
        placement.save(update_fields=["next_review_on"])
    return review


@transaction.atomic
def placement_end(*, placement: Placement, outcome: str, outcome_on: dt.date, ended_by,
                  today: dt.date | None = None) -> Placement:
    """End a placement with where the pupil went next."""
    today = _today(today)
    placement = _locked(placement)
    errors = {}
    if placement.status != Placement.Status.ACTIVE:
        raise ValidationError("This placement has already ended")
    if outcome not in Placement.Outcome.values:
        errors["outcome"] = "Select the outcome"
    if outcome_on > today:
        errors["outcome_on"] = "The end date must be today or in the past"
    elif outcome_on < placement.starts_on:
        errors["outcome_on"] = f"The end date must be on or after the placement started, " \
                               f"{govuk_date(placement.starts_on)}"
    if errors:
        raise ValidationError(errors)
    placement.status = Placement.Status.ENDED
    placement.outcome = outcome
    placement.outcome_on = outcome_on
    placement.ends_on = outcome_on
    placement.save(update_fields=["status", "outcome", "outcome_on", "ends_on"])
    return placement


# --- The registration threshold ----------------------------------------------------------------------------

def _portal_council() -> Organisation | None:
    """The council that runs this portal, whose commissioning team AP_COMMISSIONING_EMAIL is: the council named
    PORTAL_COUNCIL_NAME, or the only council when there is just one. None when neither tells."""
    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
    named = councils.filter(name=settings.PORTAL_COUNCIL_NAME).order_by("pk").first()
    if named is not None:
        return named
    only = list(councils[:2])
    return only[0] if len(only) == 1 else None


def _commissioning_recipients(council: Organisation, portal_council: Organisation | None) -> list[str]:
    """Where a council's commissioning team hears about its own placements. The portal's council: the shared
    AP_COMMISSIONING_EMAIL (or the address on its record). Any other council: the address on its record, or else
    its managers, never the portal council's team. When the portal cannot tell which council is its own (several,
    none named PORTAL_COUNCIL_NAME), a council without an address of its own falls back to the shared one."""
    shared = getattr(settings, "AP_COMMISSIONING_EMAIL", "") or ""
    if portal_council is None:
        return [address for address in [council.email or shared] if address]
    if council.pk == portal_council.pk:
        return [address for address in [shared or council.email] if address]
    if council.email:
        return [council.email]
    managers = Membership.objects.filter(
        Q(organisation=council) | Q(organisation__parent=council, organisation__kind=OrganisationKind.LA_TEAM),
        role=Role.LA_MANAGER, ended_at__isnull=True, user__is_active=True).order_by("pk") \
        .values_list("user__email", flat=True)
    seen, unique = set(), []
    for email in managers:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append(email)
    return unique


def registration_threshold_check(today: dt.date | None = None) -> int:
    """Tell each council's commissioning team about each provider it uses that should register as an independent
    school (registration_threshold_breaches with `councils`), once a calendar month while it stays over the
    threshold. Returns how many messages were queued."""
    today = _today(today)
    portal_council = _portal_council()
    sent = 0
    for council in councils_with_unregistered_full_time_placements():
        recipients = _commissioning_recipients(council, portal_council)
        if not recipients:
            continue
        for breach in registration_threshold_breaches(councils=[council]):
            # A typed name can be long; a digest keeps the key inside its column and stable for the month.
            key = hashlib.sha256(breach["key"].encode()).hexdigest()[:32]
            for address in recipients:
                if notification_queue(template="ap_placement_registration_threshold", to=address,
                                      idempotency_key=f"ap_registration_threshold:{council.pk}:{key}:"
                                                      f"{address.lower()}:{today:%Y-%m}",
                                      context={"breach": breach, "council": council,
                                               "link": _link("ap_placement_register"),
                                               "service_name": settings.PORTAL_SERVICE_NAME}):
                    sent += 1
    return sent
