"""Settings for the real Celery workers the failure tests start: the test settings, pointed at the test database
and a real Redis, with short timeouts so a killed worker's work comes back within seconds rather than minutes."""

import os

from send_portal.settings.test import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["FAILTEST_DB_NAME"]  # noqa: F405 - the test run's own database
CELERY_BROKER_URL = os.environ["FAILTEST_BROKER_URL"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2}
EMAIL_BACKEND = "tests.failures.recording_backend.RecordingBackend"
NOTIFICATION_CLAIM_SECONDS = 2
OUTBOX_LEASE_SECONDS = 3
