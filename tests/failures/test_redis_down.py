"""Redis down: the web keeps working, and the work it asked for waits in the outbox until Redis returns.

Security notes §4.3 and §7 C-21. Redis is "down" because the portal is pointed at a port nothing listens on;
the real Redis keeps running for everyone else. Then the portal is pointed back and one sweep empties the outbox.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ehc.models import Document
from ehc.services import case_start
from send_portal.notifications.models import OutboxJob
from send_portal.notifications.outbox import outbox_sweep
from tests.factories import PASSWORD
from tests.failures.support import DEAD_REDIS, celery_pointing_at, clear_queue, queue_length
from tests.targets import PDF_BYTES, final_plan_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_url(settings):
    if not settings.REDIS_URL:
        pytest.skip("needs a real Redis (REDIS_URL) to come back to")
    url = settings.REDIS_URL
    clear_queue(url)
    yield url
    clear_queue(url)


def _redis_is(settings, url):
    settings.REDIS_URL = settings.CELERY_BROKER_URL = url
    settings.CACHES = {**settings.CACHES, "redis": {**settings.CACHES.get("redis", {}), "LOCATION": url,
                       "BACKEND": "django.core.cache.backends.redis.RedisCache"}}


def test_c21_with_redis_down_the_family_journey_works_and_its_work_waits_until_redis_returns(
        world, client, settings, redis_url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # made while Redis was up: its work is done
        case = final_plan_case(world)  # with its PDF
        draft = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                           reason="Reading.")
    before = set(OutboxJob.objects.values_list("pk", flat=True))
    assert not OutboxJob.objects.filter(status=OutboxJob.Status.WAITING).exists()
    _redis_is(settings, DEAD_REDIS)
    responses = {}

    def visit(name, method, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):  # hand over as each request commits
            responses[name] = getattr(client, method)(url, data or {})
        return responses[name]

    with celery_pointing_at(DEAD_REDIS):
        visit("sign in", "post", reverse("account_login"), {"login": world.parent_a.email, "password": PASSWORD})
        visit("view case", "get", reverse("ehc_case_detail", args=[case.pk]))
        pdf = visit("download PDF", "get", reverse("ehc_plan_pdf", args=[case.pk]))
        visit("upload evidence", "post", reverse("ehc_document_upload", args=[draft.pk]),
              {"document": SimpleUploadedFile("evidence.pdf", PDF_BYTES)})
        visit("submit form", "post", reverse("ehc_request_check", args=[draft.pk]))
        health = visit("healthz", "get", reverse("healthz")).json()

    print("\nC-21:", {name: response.status_code for name, response in responses.items()})
    assert [name for name, response in responses.items() if response.status_code >= 500] == []
    assert responses["sign in"].status_code == 302 and responses["view case"].status_code == 200
    body = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert pdf.status_code == 200 and body[:5] == b"%PDF-"
    assert responses["upload evidence"].status_code == 302 and Document.objects.filter(case=draft).exists()
    assert responses["submit form"].status_code == 302
    draft.refresh_from_db()
    assert draft.stage != "draft"  # the form's data was committed
    waiting = OutboxJob.objects.exclude(pk__in=before)
    assert waiting.exists() and set(waiting.values_list("status", flat=True)) == {OutboxJob.Status.WAITING}
    assert health["status"] == "degraded" and health["checks"]["broker"] == "down"
    assert health["outbox"]["waiting"] == waiting.count()

    # Redis returns: the next sweep hands every waiting job to the queue.
    _redis_is(settings, redis_url)
    with celery_pointing_at(redis_url):
        swept = outbox_sweep()
    print(f"C-21: outbox_jobs={waiting.count()} enqueued_after_return={swept['handed']} in_queue="
          f"{queue_length(redis_url)}")
    assert swept["handed"] == waiting.count()
    assert set(waiting.values_list("status", flat=True)) == {OutboxJob.Status.HANDED}
    assert queue_length(redis_url) == waiting.count()
