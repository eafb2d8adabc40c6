"""Reads for the retention job: the date arithmetic (pure) and which records are due."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Action, LegalHold, RecordType, RetentionRule

# What anonymised text is replaced with: neutral, and recognisably not a person's words.
MARKER = "Removed under the retention schedule"
# Short fields (names) get a shorter marker.
NAME_MARKER = "Removed"


def retention_ends(trigger: dt.date, *, years: int, days: int = 0) -> dt.date:
    """The last day a record is kept. The record goes on the day after. A 29 February trigger in a later year
    without one ends on 28 February (relativedelta's rule)."""
    return trigger + relativedelta(years=years, days=days)


def is_due(trigger: dt.date, *, years: int, days: int, today: dt.date) -> bool:
    return retention_ends(trigger, years=years, days=days) < today


def first_kept_trigger(*, years: int, days: int, today: dt.date) -> dt.date:
    """The earliest trigger date that is still kept today, so the database can filter with `trigger < this`.
    Found from `is_due` itself, so the query and the pure rule can never disagree (leap days included)."""
    day = today - relativedelta(years=years, days=days)
    while is_due(day, years=years, days=days, today=today):
        day += dt.timedelta(days=1)
    while not is_due(day - dt.timedelta(days=1), years=years, days=days, today=today):
        day -= dt.timedelta(days=1)
    return day


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def held_child_ids() -> set[int]:
    """Children whose identity must stay: a hold on the child, or on any of the child's cases."""
    holds = LegalHold.objects.in_force()
    return set(holds.filter(child__isnull=False).values_list("child_id", flat=True)) | set(
        holds.filter(case__isnull=False).values_list("case__child_id", flat=True))


def held_case_ids() -> set[int]:
    holds = LegalHold.objects.in_force()
    return set(holds.filter(case__isnull=False).values_list("case_id", flat=True))


def due(rule: RetentionRule, *, today: dt.date) -> QuerySet:
    """The records of the rule's type past retention today, not held, and not already dealt with (so a second
    run finds nothing)."""
    from django.contrib.sessions.models import Session

    from alt_provision.models import PanelReferral
    from ehc.models import EHCCase, Stage
    from local_offer.models import Feedback
    from send_portal.notifications.models import Notification
    from send_portal.people.models import Child

    cutoff = first_kept_trigger(years=rule.keep_years, days=rule.keep_days, today=today)
    kind = rule.record_type
    finished = [Stage.CEASED, Stage.REPLACED, Stage.TRANSFERRED_OUT, Stage.NOT_ASSESSING, Stage.NOT_ISSUING,
                Stage.WITHDRAWN]
    if kind == RecordType.EHC_CASE:
        held_children = set(LegalHold.objects.in_force().filter(child__isnull=False).values_list("child_id",
                                                                                                 flat=True))
        return (EHCCase.objects.filter(stage__in=finished, child__date_of_birth__lt=cutoff)
                .exclude(pk__in=held_case_ids()).exclude(child_id__in=held_children))
    if kind == RecordType.CHILD:
        # Never the identity of a child with a case still open: the council is still working with them.
        live = EHCCase.objects.exclude(stage__in=finished).values("child_id")
        return (Child.objects.filter(date_of_birth__lt=cutoff).exclude(pk__in=held_child_ids())
                .exclude(pk__in=live).exclude(given_name=NAME_MARKER, family_name=NAME_MARKER))
    if kind == RecordType.AP_REFERRAL:
        decided = [PanelReferral.Status.APPROVED, PanelReferral.Status.DECLINED, PanelReferral.Status.SIGNPOSTED,
                   PanelReferral.Status.WITHDRAWN]
        held_children = set(LegalHold.objects.in_force().filter(child__isnull=False).values_list("child_id",
                                                                                                 flat=True))
        found = (PanelReferral.objects.filter(status__in=decided, child__date_of_birth__lt=cutoff)
                 .exclude(child_id__in=held_children))
        return found.exclude(summary=MARKER) if rule.action == Action.ANONYMISE else found
    if kind == RecordType.LOCAL_OFFER_FEEDBACK:
        found = Feedback.objects.filter(received_at__lt=_start_of(cutoff))
        if rule.action == Action.ANONYMISE:
            found = found.filter(Q(reply_email__gt="") | (Q(comment__gt="") & ~Q(comment=MARKER)))
        return found
    if kind == RecordType.NOTIFICATION:
        # Only messages finished with: one still waiting (or being sent) keeps its address.
        found = Notification.objects.filter(created_at__lt=_start_of(cutoff),
                                            status__in=[Notification.Status.SENT, Notification.Status.FAILED])
        return found.exclude(recipient_email="") if rule.action == Action.ANONYMISE else found
    if kind == RecordType.SESSION:
        return Session.objects.filter(expire_date__lt=_start_of(cutoff))
    raise ValueError(f"No retention rule is written for {kind!r}")
