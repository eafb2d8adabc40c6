"""Where messages leave the portal.

Every message goes through Django's email backend, so one setting chooses the delivery route: the console in
development, an in-memory outbox in tests, and GOV.UK Notify in production through django-gov-notify's
backend (EMAIL_BACKEND=django_gov_notify.backends.NotifyEmailBackend).
"""

from django.core.mail import EmailMessage


class EmailGateway:
    def send(self, *, to: str, subject: str, body: str) -> None:
        EmailMessage(subject=subject, body=body, to=[to]).send(fail_silently=False)


def get_gateway() -> EmailGateway:
    return EmailGateway()
