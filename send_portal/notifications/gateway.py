"""Where messages leave the portal.

Every message goes through Django's email backend, so one setting chooses the delivery route: the console in
development, an in-memory outbox in tests, and GOV.UK Notify in production through django-gov-notify's
backend (EMAIL_BACKEND=django_gov_notify.backends.NotifyEmailBackend).
"""

import smtplib

from celery.exceptions import SoftTimeLimitExceeded
from django.core.mail import EmailMessage


class EmailGateway:
    def send(self, *, to: str, subject: str, body: str, reference: str = "") -> None:
        # The reference (the notification's id, nothing personal) lets a repeated send be traced to one message.
        headers = {"X-Portal-Reference": reference} if reference else {}
        EmailMessage(subject=subject, body=body, to=[to], headers=headers).send(fail_silently=False)


def get_gateway() -> EmailGateway:
    return EmailGateway()


def is_transient(error: Exception) -> bool:
    """Whether trying again later may work: the network, a timeout, SMTP trouble, or the provider being busy or
    broken (HTTP 429 or 5xx, as GOV.UK Notify's client reports them). Anything else, such as an address the
    provider refuses, will fail the same way every time."""
    if isinstance(error, OSError | smtplib.SMTPException | TimeoutError):  # ConnectionError is an OSError
        return True
    if isinstance(error, SoftTimeLimitExceeded):  # the provider was too slow this time
        return True
    status = getattr(error, "status_code", None) or getattr(getattr(error, "response", None), "status_code", None)
    return isinstance(status, int) and (status == 429 or status >= 500)
