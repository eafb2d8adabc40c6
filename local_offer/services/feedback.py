"""Feedback on the Local Offer (regulation 56) and the record of searches that found nothing."""

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from send_portal.notifications.services import notification_queue

from ..models import Feedback, Service, UnansweredSearch

__all__ = [
    "PUBLISHABLE_THEMES",
    "feedback_record_vote",
    "feedback_submit",
    "feedback_triage",
    "unanswered_search_record",
]

# Regulation 56(4): comments about one person's services go to complaints and vexatious ones are not published.
PUBLISHABLE_THEMES = (Feedback.Theme.CONTENT, Feedback.Theme.ACCESSIBILITY, Feedback.Theme.DEVELOPMENT)
QUERY_MAX_LENGTH = 200


def feedback_record_vote(*, useful: bool, page: str, service: Service | None = None) -> Feedback:
    return Feedback.objects.create(kind=Feedback.Kind.USEFUL if useful else Feedback.Kind.NOT_USEFUL,
                                   page=page, service=service)


def feedback_submit(*, kind: str, page: str, comment: str, reply_email: str = "",
                    service: Service | None = None) -> Feedback:
    """A problem report or a comment. Nothing is sent on until the Local Offer team has read it, because the
    public can write anything, including things about a child that must not go to a provider by email."""
    if kind not in (Feedback.Kind.PROBLEM, Feedback.Kind.COMMENT):
        raise ValidationError("Choose whether this is a problem report or a comment")
    if not comment.strip():
        raise ValidationError("Enter your comment")
    return Feedback.objects.create(kind=kind, page=page, service=service, comment=comment.strip(),
                                   reply_email=reply_email)


def _send_to_provider(feedback: Feedback, text: str) -> None:
    if feedback.sent_to_provider_at or not (feedback.service and feedback.service.organisation.email):
        return
    notification_queue(
        template="local_offer_feedback_problem", to=feedback.service.organisation.email,
        context={"service": feedback.service, "comment": text,
                 "link": f"{settings.PORTAL_BASE_URL.rstrip('/')}{feedback.page}"},
        idempotency_key=f"local-offer-problem:{feedback.pk}")
    feedback.sent_to_provider_at = timezone.now()


def _send_to_complaints(feedback: Feedback) -> None:
    """Regulation 56(4): a comment about one person's services goes to complaints. The message carries a link,
    not the comment, which may hold personal details."""
    address = getattr(settings, "LOCAL_OFFER_COMPLAINTS_EMAIL", "")
    if feedback.sent_to_complaints_at or not address:
        return
    notification_queue(
        template="local_offer_feedback_complaint", to=address,
        context={"link": f"{settings.PORTAL_BASE_URL.rstrip('/')}"
                         f"{reverse('local_offer_feedback_triage', args=[feedback.pk])}",
                 "received_at": feedback.received_at},
        idempotency_key=f"local-offer-complaint:{feedback.pk}")
    feedback.sent_to_complaints_at = timezone.now()


def feedback_triage(*, feedback: Feedback, user, theme: str, published_comment: str = "", response: str = "",
                    action: str = "", publish: bool = False, send_to_provider: bool = False,
                    provider_text: str = "") -> Feedback:
    """Sort a comment into a theme and, for a publishable theme, record what we said and did and publish it.

    Checked here as well as in the form so that no caller can reach the database constraint."""
    if theme not in Feedback.Theme.values or not theme:
        raise ValidationError("Choose what the comment is about")
    if publish:
        errors = []
        if theme not in PUBLISHABLE_THEMES:
            errors.append("Only comments about content, accessibility or how the Local Offer was developed can "
                          "be published")
        if not published_comment.strip():
            errors.append("Enter the comment as it will be published, with anything that could identify someone "
                          "removed")
        if not response.strip():
            errors.append("Enter what we said in response")
        if errors:
            raise ValidationError(errors)
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
        feedback.theme = theme
        feedback.triaged_by = user
        feedback.triaged_at = timezone.now()
        if theme in PUBLISHABLE_THEMES:
            feedback.published_comment = published_comment.strip()
            feedback.response = response.strip()
            feedback.action = action.strip()
        else:
            # Nothing about an individual case or a vexatious comment is kept ready to publish.
            feedback.published_comment = feedback.response = feedback.action = ""
        if publish and not feedback.is_published:
            feedback.published_on = timezone.localdate()
        feedback.is_published = publish
        if not publish:
            feedback.published_on = None
        if send_to_provider and theme == Feedback.Theme.CONTENT:
            _send_to_provider(feedback, provider_text.strip() or feedback.comment)
        if theme == Feedback.Theme.INDIVIDUAL:
            _send_to_complaints(feedback)
        feedback.save()
    return feedback


# People sometimes type their own details into a search box; the gap report keeps none of them.
PERSONAL_DETAILS = [
    re.compile(r"\S+@\S+"),  # email addresses
    re.compile(r"\+?\d[\d\s()-]{6,}\d"),  # phone numbers and other long numbers
    re.compile(r"\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b"),  # full postcodes
]


def _normalised_query(query: str) -> str:
    text = " ".join((query or "").split()).lower()
    for pattern in PERSONAL_DETAILS:
        text = pattern.sub("", text)
    return " ".join(text.split())[:QUERY_MAX_LENGTH].strip()


def unanswered_search_record(query: str, on: dt.date) -> UnansweredSearch | None:
    """Count a search that found nothing: the words only, never who searched. Safe when two requests record the
    same words at once: the row is created once and each request adds one in the database."""
    text = _normalised_query(query)
    if not text:
        return None
    lookup = {"query": text, "searched_on": on}
    if not UnansweredSearch.objects.filter(**lookup).update(times=F("times") + 1):
        try:
            with transaction.atomic():
                return UnansweredSearch.objects.create(**lookup, times=1)
        except IntegrityError:
            UnansweredSearch.objects.filter(**lookup).update(times=F("times") + 1)
    return UnansweredSearch.objects.filter(**lookup).first()
