"""The shortlist: services a family pins while they search. It lives in the browser session, so nobody needs
an account to keep one, and it holds only public listing ids."""

import uuid

from django.urls import reverse

from send_portal.core.ratelimits import over_limit
from send_portal.notifications.services import notification_queue

__all__ = ["SHORTLIST_LIMIT", "ShortlistEmailLimit", "shortlist_add", "shortlist_email", "shortlist_ids",
           "shortlist_remove"]

SESSION_KEY = "local_offer_shortlist"
SHORTLIST_LIMIT = 50
EMAILS_PER_HOUR = 5
EMAILS_PER_ADDRESS_PER_HOUR = 20
EMAILS_PER_RECIPIENT_PER_DAY = 5


class ShortlistEmailLimit(Exception):
    """Too many shortlist emails from one session: the form must not become a way to send mail to anyone."""


def shortlist_ids(session) -> list[str]:
    return list(session.get(SESSION_KEY, []))


def shortlist_add(session, service_id) -> bool:
    """Pin a service; False when the list is full."""
    ids = shortlist_ids(session)
    if str(service_id) in ids:
        return True
    if len(ids) >= SHORTLIST_LIMIT:
        return False
    session[SESSION_KEY] = [*ids, str(service_id)]
    return True


def shortlist_remove(session, service_id) -> None:
    session[SESSION_KEY] = [pk for pk in shortlist_ids(session) if pk != str(service_id)]


def shortlist_email(*, session_key: str, client: str, services, to: str, base_url: str) -> None:
    """Email the shortlist. Limited per browser session, per visitor address and per recipient, so the form
    cannot be used to send unwanted email to someone."""
    hour, day = 60 * 60, 24 * 60 * 60
    if (over_limit(f"shortlist-email:session:{session_key}", limit=EMAILS_PER_HOUR, window_seconds=hour)
            or over_limit(f"shortlist-email:client:{client}", limit=EMAILS_PER_ADDRESS_PER_HOUR, window_seconds=hour)
            or over_limit(f"shortlist-email:to:{to.lower()}", limit=EMAILS_PER_RECIPIENT_PER_DAY,
                          window_seconds=day)):
        raise ShortlistEmailLimit
    listed = [{"name": s.name, "organisation": s.organisation.name, "phone": s.phone, "email": s.email,
               "link": base_url.rstrip("/") + reverse("local_offer_service", args=[s.pk])} for s in services]
    notification_queue(template="local_offer_shortlist", to=to, context={"services": listed},
                       idempotency_key=f"local-offer-shortlist:{uuid.uuid4()}")
