import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG",
                                                                  "DJANGO_ALLOW_ASYNC_UNSAFE")}
    environment.update(DJANGO_SETTINGS_MODULE="send_portal.settings.base", **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key_and_hosts():
    result = _manage("check", DJANGO_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    result = _manage("check", DJANGO_ENV="production", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


PRODUCTION = {"DJANGO_ENV": "production", "SECRET_KEY": "k" + "Zq8#vR2!mW9@tL4$pX7%nB3^cF6&hJ1*dG5(sK0)yE" * 2,
              "ALLOWED_HOSTS": "send.example.gov.uk"}


def test_production_settings_pass_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", CLAMD_SOCKET="/run/clamav/clamd.ctl",
                     **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_production_without_a_virus_scanner():
    # Without clamd every upload would be stored unscanned (ehc/uploads.py scan): a deployment must say so.
    result = _manage("check", "--deploy", "--fail-level", "WARNING", CLAMD_SOCKET="", **PRODUCTION)
    assert result.returncode != 0
    assert "portal.W001" in result.stderr and "without a virus scan" in result.stderr


def test_embedded_defaults_use_sqlite_at_an_absolute_path_and_eager_tasks():
    script = ("from django.conf import settings as s; import pathlib; db = s.DATABASES['default'];"
              "print(db['ENGINE'], pathlib.Path(db['NAME']).is_absolute(), s.CELERY_TASK_ALWAYS_EAGER,"
              " s.CELERY_BROKER_URL, s.EMAIL_BACKEND, s.SESSION_ENGINE)")
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")}
    environment["DJANGO_SETTINGS_MODULE"] = "send_portal.settings.base"
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {script}"], cwd=ROOT,
                            env=environment, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "True", "memory://",
                                     "django.core.mail.backends.console.EmailBackend",
                                     "django.contrib.sessions.backends.db"]


@pytest.mark.django_db
def test_healthz_reports_ok(client, settings):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    data = response.json()
    assert data["checks"]["database"] == "ok"
    assert data["checks"]["cache"] == "ok"
    assert data["status"] in ("ok", "degraded")
    if settings.REDIS_URL:
        assert data["checks"]["redis"] == "ok"
        assert data["status"] == "ok"


@pytest.mark.django_db
def test_healthz_says_degraded_not_500_when_redis_is_down(world, client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["redis"] == "down"
    # Sign-in and signed-in pages still work: sessions and the default cache are in the database.
    client.force_login(world.parent_a)
    assert client.get(reverse("home")).status_code == 200
