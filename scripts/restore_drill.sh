#!/usr/bin/env bash
# Backup restore drill (security notes §7 C-45; NCSC cloud principle 2 and the DSPT ask for this evidence).
#
#   scripts/restore_drill.sh postgres://user@host:5432/send_portal
#
# Takes a backup of the named database with pg_dump, restores it into a new, empty database, checks that the
# schema matches the code (`migrate --check`) and Django's own checks pass, then signs in as the first active
# caseworker and opens a case, the health page and the work tray against the restored copy. It prints how long
# the restore took (the recovery time, RTO) and how old the newest audit entry in the copy is (the recovery
# point, RPO, for a backup taken now). The copy is dropped at the end unless KEEP_RESTORED=1.
# Run it against a replica or a quiet time: pg_dump takes a consistent snapshot but reads every table.
set -euo pipefail
cd "$(dirname "$0")/.."

source_url="${1:?Give the database URL to back up, e.g. postgres://postgres@127.0.0.1:5432/send_portal}"
base="${source_url%/*}"
restored="restore_drill_$(date +%Y%m%d%H%M%S)"
restored_url="$base/$restored"
dump="$(mktemp -d)/portal.dump"
python=".venv/bin/python"

seconds() { date +%s.%N; }
started=$(seconds)

pg_dump --format=custom --no-owner --file="$dump" "$source_url"
dumped=$(seconds)

psql "$source_url" -q -c "CREATE DATABASE \"$restored\""
cleanup() {
  if [ "${KEEP_RESTORED:-0}" != "1" ]; then psql "$source_url" -q -c "DROP DATABASE IF EXISTS \"$restored\""; fi
  rm -rf "$(dirname "$dump")"
}
trap cleanup EXIT
pg_restore --no-owner --exit-on-error --dbname="$restored_url" "$dump"
restored_at=$(seconds)

DATABASE_URL="$restored_url" "$python" manage.py migrate --check
DATABASE_URL="$restored_url" "$python" manage.py check

DATABASE_URL="$source_url" RESTORED_URL="$restored_url" "$python" - <<'PYTHON'
import os

import django
import environ

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "send_portal.settings.base")
django.setup()

from django.db import connections  # noqa: E402

connections.settings["restored"] = {**connections.settings["default"],
                                    **environ.Env.db_url_config(os.environ["RESTORED_URL"])}
tables = ["accounts_user", "people_child", "ehc_ehccase", "ehc_document", "auditlog_logentry"]
differences = []
for table in tables:
    counts = []
    for alias in ("default", "restored"):
        with connections[alias].cursor() as cursor:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # nosec B608 - names from the list above
            counts.append(cursor.fetchone()[0])
    print(f"{table}: {counts[0]} in the source, {counts[1]} restored")
    if counts[0] > counts[1]:
        differences.append(table)
with connections["restored"].cursor() as cursor:
    cursor.execute("SELECT now() - max(timestamp) FROM auditlog_logentry")
    print(f"Recovery point: the newest audit entry in the copy is {cursor.fetchone()[0]} old")
if differences:
    raise SystemExit(f"Rows missing from the restored copy: {differences}")
PYTHON

# The smoke journey runs in a process of its own whose only database is the restored copy.
DATABASE_URL="$restored_url" "$python" - <<'PYTHON'
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "send_portal.settings.base")
django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from ehc.selectors import cases_visible_to  # noqa: E402
from send_portal.organisations.models import Membership, Role  # noqa: E402

setup_test_environment()
settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
client = Client()
health = client.get(reverse("healthz"))
assert health.status_code == 200 and health.json()["checks"]["database"] == "ok", health.content
membership = Membership.objects.filter(role=Role.LA_CASEWORKER, ended_at__isnull=True, user__is_active=True) \
    .select_related("user", "organisation").first()
assert membership, "no active caseworker in the restored copy"
# Signed in directly: the drill checks the restored data, not the second factor (which the copy also holds).
client.force_login(membership.user, backend="allauth.account.auth_backends.AuthenticationBackend")
case = cases_visible_to(membership.user).first()
assert case, "the caseworker can open no case in the restored copy"
for page in [reverse("ehc_work_tray"), reverse("ehc_case_detail", args=[case.pk])]:
    response = client.get(page)
    print(f"GET {page} as a caseworker: {response.status_code}")
    assert response.status_code == 200, response.status_code
print("Smoke journey on the restored copy: passed")
PYTHON
finished=$(seconds)

printf 'Backup took %.1f s; restore took %.1f s; checks and smoke journey %.1f s.\n' \
  "$(echo "$dumped - $started" | bc)" "$(echo "$restored_at - $dumped" | bc)" "$(echo "$finished - $restored_at" | bc)"
printf 'Recovery time (restore, checks and smoke): %.1f s.\n' "$(echo "$finished - $dumped" | bc)"
