from unittest import mock

import pytest
from django.core import mail

from send_portal.notifications.models import Notification
from send_portal.notifications.services import notification_queue

pytestmark = pytest.mark.django_db


def _queue(key="k1"):
    return notification_queue(template="invitation", to="someone@example.test", idempotency_key=key, context={
        "invitation": mock.Mock(full_name="Sam", kind="family"), "link": "https://portal.example/x",
        "expires_at": None, "service_name": "Portal", "council_name": "Council"})


def test_a_message_is_recorded_and_sent_once_even_if_queued_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert _queue() is not None
        assert _queue() is None  # the same key: nothing new
    assert len(mail.outbox) == 1
    assert Notification.objects.get().status == Notification.Status.SENT


def test_a_failed_delivery_is_recorded_not_raised(django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "tests.unit.test_notifications.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _queue("k2")
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.FAILED
    assert notification.failure_reason == "ConnectionRefusedError"


def test_messages_can_go_through_gov_uk_notify(django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "django_gov_notify.backends.NotifyEmailBackend"
    settings.GOVUK_NOTIFY_API_KEY = "test_key-" + "0" * 36 + "-" + "0" * 36
    settings.GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = "plain-template-id"
    with mock.patch("notifications_python_client.notifications.NotificationsAPIClient.send_email_notification",
                    return_value={"id": "notify-1"}) as send, django_capture_on_commit_callbacks(execute=True):
        _queue("k3")
    kwargs = send.call_args.kwargs
    assert kwargs["email_address"] == "someone@example.test"
    assert kwargs["template_id"] == "plain-template-id"
    assert "Open this link to accept" in kwargs["personalisation"]["body"]
    assert Notification.objects.get().status == Notification.Status.SENT


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError
