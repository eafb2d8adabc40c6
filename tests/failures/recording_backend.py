"""An email backend a worker subprocess can use and the test can read: one file per message in FAILTEST_MAIL_DIR.

Before each message it leaves a `start-` marker and waits FAILTEST_SEND_SECONDS, standing in for a slow provider,
so a test can tell whether a worker was killed inside the send call or outside it.
"""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class RecordingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        folder = Path(os.environ["FAILTEST_MAIL_DIR"])
        for message in messages:
            reference = message.extra_headers.get("X-Portal-Reference", "none")
            attempt = uuid.uuid4().hex
            (folder / f"start-{reference}-{attempt}").touch()
            time.sleep(float(os.environ.get("FAILTEST_SEND_SECONDS", "0")))
            (folder / f"sent-{reference}-{attempt}.eml").write_text(message.message().as_string())
        return len(messages)


def sent_count(folder: Path, notification_id: int) -> int:
    return len(list(folder.glob(f"sent-notification-{notification_id}-*")))


def started_count(folder: Path, notification_id: int) -> int:
    return len(list(folder.glob(f"start-notification-{notification_id}-*")))
