"""Keeping listings current: the daily review job and the provider's "this listing is still correct".

Every published listing has a review date. Before it, the keepers get reminders; after it, the listing is
flagged; after the grace period too, it is hidden until someone confirms it or a change is approved. The job
is idempotent: each message has a key naming the service, its review date and the stage, and each change of
state only happens once.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from send_portal.notifications.services import notification_queue

from ..models import Service
from ..selectors.moderation import keeper_emails, services_due_for_review
from .listings import review_months

__all__ = ["listing_confirm", "review_listings", "REMINDER_DAYS"]

# Reminders go this many days before the review date. A listing first seen inside a window (a new listing,
# or a day the job did not run) still gets that window's reminder, once.
REMINDER_DAYS = (28, 7)


def grace_days() -> int:
    return getattr(settings, "LOCAL_OFFER_REVIEW_GRACE_DAYS", 28)


def _context(service: Service, **extra) -> dict:
    return {"service": service, "due_on": service.review_due_on, "service_name": settings.PORTAL_SERVICE_NAME,
            "link": settings.PORTAL_BASE_URL.rstrip("/") + reverse("local_offer_provider_service", args=[service.pk]),
            **extra}


def _send(service: Service, stage: str, template: str, addresses, **extra) -> int:
    context = _context(service, **extra)
    key = f"local_offer_review:{service.pk}:{service.review_due_on.isoformat()}:{stage}"
    return sum(notification_queue(template=template, to=address, context=context,
                                  idempotency_key=f"{key}:{address}") is not None
               for address in sorted(set(addresses) - {""}))


@transaction.atomic
def listing_confirm(*, service: Service, today: dt.date | None = None) -> Service:
    """The keeper says the listing is still correct: it counts as reviewed, flags clear, and a listing hidden
    for lateness is published again."""
    today = today or timezone.localdate()
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.visibility not in (Service.Visibility.PUBLISHED, Service.Visibility.HIDDEN):
        raise ValidationError("Only a published listing can be confirmed. Propose the listing instead.")
    service.visibility = Service.Visibility.PUBLISHED
    service.last_reviewed_on = today
    service.review_due_on = today + relativedelta(months=review_months())
    service.review_flagged_on = None
    service.hidden_on = None
    service.save(update_fields=["visibility", "last_reviewed_on", "review_due_on", "review_flagged_on",
                                "hidden_on", "last_modified"])
    return service


def _review_one(service: Service, today: dt.date, summary: dict) -> None:
    days_left = (service.review_due_on - today).days
    keepers = keeper_emails(service.organisation)
    if days_left >= 0:
        if service.visibility != Service.Visibility.PUBLISHED:
            return
        windows = [days for days in REMINDER_DAYS if days_left <= days]
        if windows:
            stage = min(windows)
            summary["emails"] += _send(service, f"due_{stage}", "local_offer_review_reminder", keepers,
                                       days_left=days_left)
        return
    overdue = -days_left
    with transaction.atomic():
        locked = Service.objects.select_for_update().get(pk=service.pk)
        if locked.review_due_on != service.review_due_on:
            return  # confirmed since the list was read
        if locked.review_flagged_on is None:
            locked.review_flagged_on = today
            locked.save(update_fields=["review_flagged_on", "last_modified"])
            summary["flagged"] += 1
        summary["emails"] += _send(locked, "flagged", "local_offer_review_flagged", keepers,
                                   grace_ends_on=locked.review_due_on + dt.timedelta(days=grace_days()))
        if overdue > grace_days() and locked.visibility == Service.Visibility.PUBLISHED:
            locked.visibility = Service.Visibility.HIDDEN
            locked.hidden_on = today
            locked.save(update_fields=["visibility", "hidden_on", "last_modified"])
            summary["hidden"] += 1
        if locked.visibility == Service.Visibility.HIDDEN:
            summary["emails"] += _send(locked, "hidden", "local_offer_listing_hidden", keepers)
            team = getattr(settings, "LOCAL_OFFER_TEAM_EMAIL", "")
            if team:
                summary["emails"] += _send(locked, "hidden_team", "local_offer_listing_hidden_team", [team],
                                           organisation=locked.organisation)


def review_listings(*, today: dt.date | None = None) -> dict:
    """The daily review job: reminders, flags and hiding. Running it again the same day changes nothing."""
    today = today or timezone.localdate()
    summary = {"checked": 0, "flagged": 0, "hidden": 0, "emails": 0}
    for service in services_due_for_review(today=today).order_by("review_due_on", "pk"):
        summary["checked"] += 1
        _review_one(service, today, summary)
    return summary
