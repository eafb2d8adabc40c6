"""Feedback on the Local Offer (regulation 56) and the record of searches that found nothing."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
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
    """A problem report or a comment. A problem with a service is also sent to the organisation that runs it,
    without the reporter's email address, so they can put the listing right."""
    if kind not in (Feedback.Kind.PROBLEM, Feedback.Kind.COMMENT):
        raise ValidationError("Choose whether this is a problem report or a comment")
    if not comment.strip():
        raise ValidationError("Enter your comment")
    feedback = Feedback.objects.create(kind=kind, page=page, service=service, comment=comment.strip(),
                                       reply_email=reply_email)
    if kind == Feedback.Kind.PROBLEM and service is not None and service.organisation.email:
        notification_queue(
            template="local_offer_feedback_problem", to=service.organisation.email,
            context={"service": service, "comment": feedback.comment, "service_name": settings.PORTAL_SERVICE_NAME,
                     "link": f"{settings.PORTAL_BASE_URL.rstrip('/')}{page}"},
            idempotency_key=f"local-offer-problem:{feedback.pk}",
        )
    return feedback


def feedback_triage(*, feedback: Feedback, user, theme: str, published_comment: str = "", response: str = "",
                    action: str = "", publish: bool = False) -> Feedback:
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
        feedback.save()
    return feedback


def _normalised_query(query: str) -> str:
    return " ".join((query or "").split()).lower()[:QUERY_MAX_LENGTH].strip()


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
