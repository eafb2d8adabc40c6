"""No special-category detail leaves the database except through the pages allowed to show it (C-35).

The objects behind every page in the access tests are built through the real services, which send their
messages, log what they do and queue their background work as they would in production. What the families and
professionals wrote about the child's needs, health and advice is then looked for everywhere else it could end
up: every log record at every level, every email (subject, body and alternatives), every stored message, and the
arguments of every queued background job.
"""

import logging

from django.core import mail

from ehc.models import AdviceRequest, EHCCase, PlanNeed
from send_portal.notifications.models import Notification, OutboxJob
from tests.targets import policy_targets

# Free text the access tests' objects hold about a child's needs, health, advice and support: special-category
# data under UK GDPR article 9. Each is distinctive enough that finding it anywhere is a leak, not a chance match.
SPECIAL_CATEGORY_TEXT = [
    "Needs phonics.",
    "Difficulty decoding words.",
    "Reads a Year 3 book aloud by July.",
    "Phonics, one to one.",
    "Struggling with reading.",
    "Speech therapy sessions.",
    "Needs are met by the school's own resources.",
]


def _leaks(text, where):
    return [f"{where}: {marker!r}" for marker in SPECIAL_CATEGORY_TEXT if marker in text]


def test_no_special_category_text_in_logs_messages_or_queued_work(world, caplog):
    caplog.set_level(logging.DEBUG)
    policy_targets(world)

    leaks = []
    for record in caplog.records:
        leaks += _leaks(record.getMessage(), f"log {record.name}")
        if record.exc_text:
            leaks += _leaks(record.exc_text, f"log traceback {record.name}")
    for message in mail.outbox:
        leaks += _leaks(message.subject, "email subject") + _leaks(message.body, "email body")
        for content, _ in getattr(message, "alternatives", []):
            leaks += _leaks(content, "email alternative")
    for subject, body in Notification.objects.values_list("subject", "body"):
        leaks += _leaks(subject, "stored message subject") + _leaks(body, "stored message body")
    for task, args in OutboxJob.objects.values_list("task", "args"):
        leaks += _leaks(repr(args), f"queued job {task}")
        assert all(isinstance(arg, int | str) for arg in args)

    assert leaks == []
    # The text really was written, and the run did produce the things searched, so finding nothing means something.
    assert EHCCase.objects.filter(reason="Struggling with reading.").exists()
    assert PlanNeed.objects.filter(text="Difficulty decoding words.").exists()
    assert AdviceRequest.objects.filter(advice="Needs phonics.").exists()
    assert Notification.objects.exists() and OutboxJob.objects.exists() and caplog.records
