"""Checks behind /healthz. Redis and the broker are optional to serving pages, so their failure is 'degraded'."""

from django.conf import settings
from django.core.cache import caches
from django.db import connection


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:  # noqa: BLE001 - a health check reports failures rather than raising them
        return "down"


def _check_cache() -> str:
    try:
        cache = caches["default"]
        cache.set("healthz", "1", 10)
        return "ok" if cache.get("healthz") == "1" else "down"
    except Exception:  # noqa: BLE001
        return "down"


def _check_redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5).ping()
        return "ok"
    except Exception:  # noqa: BLE001
        return "down"


def _check_broker() -> str:
    if settings.CELERY_BROKER_URL.startswith("memory://"):
        return "in-process"
    try:
        from send_portal.celery import app

        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=0.5)
        return "ok"
    except Exception:  # noqa: BLE001
        return "down"


# Work waiting longer than this means the queue, or the sweeper that feeds it, is not keeping up.
OUTBOX_STALE_SECONDS = 5 * 60


def _check_outbox() -> tuple[str, dict]:
    """Background work waiting in the outbox. A backlog is 'degraded': pages still work, the work is kept."""
    try:
        from send_portal.notifications.outbox import outbox_backlog

        backlog = outbox_backlog()
    except Exception:  # noqa: BLE001
        return "unknown", {}
    return ("backlog" if backlog["oldest_waiting_seconds"] > OUTBOX_STALE_SECONDS else "ok"), backlog


def health_report() -> dict:
    outbox_check, backlog = _check_outbox()
    checks = {
        "database": _check_database(),
        "cache": _check_cache(),
        "redis": _check_redis(),
        "broker": _check_broker(),
        "outbox": outbox_check,
    }
    if checks["database"] == "down" or checks["cache"] == "down":
        status = "down"
    elif "down" in checks.values() or checks["outbox"] != "ok":
        status = "degraded"
    else:
        status = "ok"
    return {"status": status, "checks": checks, "outbox": backlog}
