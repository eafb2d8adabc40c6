"""Helpers for the failure tests: point this process's Celery at a broker, and run real worker subprocesses."""

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import redis
from django.db import connection

from send_portal.celery import app

ROOT = Path(__file__).resolve().parents[2]
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: "Redis is down" without stopping Redis


def _reset_pools():
    # Celery caches its connection and producer pools; a new broker URL needs new ones. The old ones are left
    # open, not closed: kombu keeps them in a registry by URL and would hand a closed one back later.
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def celery_pointing_at(url: str):
    """Make this process hand tasks to the broker at `url` instead of running them eagerly."""
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url, False
    _reset_pools()
    try:
        yield app
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        _reset_pools()


def clear_queue(url: str):
    """Drop messages this test left in Redis (the queue and kombu's unacknowledged set), and nothing else."""
    client = redis.Redis.from_url(url)
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")


def queue_length(url: str) -> int:
    return redis.Redis.from_url(url).llen("celery")


class Worker:
    """A real `celery -A send_portal worker` on the test database, in its own process group so it can be killed
    with everything it started."""

    def __init__(self, *, broker_url: str, mail_dir: Path, log_dir: Path, name: str, send_seconds: float = 0):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.failures.worker_settings",
               "FAILTEST_DB_NAME": connection.settings_dict["NAME"], "FAILTEST_BROKER_URL": broker_url,
               "FAILTEST_MAIL_DIR": str(mail_dir), "FAILTEST_SEND_SECONDS": str(send_seconds)}
        self.log = open(log_dir / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "send_portal", "worker", "--pool=solo", "--concurrency=1",
             "--loglevel=WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle",
             "-n", f"{name}@%h"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self):
        """SIGKILL: no chance to finish, acknowledge or clean up, as in an OOM kill or a lost node."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()
