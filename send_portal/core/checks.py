"""System checks the portal adds to Django's own. Deploy checks run under `manage.py check --deploy`, which the
release pipeline runs with `--fail-level WARNING` on the production settings."""

from django.conf import settings
from django.core import checks

UNSCANNED_UPLOADS = checks.Warning(
    "CLAMD_SOCKET is not set, so uploaded files would be stored without a virus scan.",
    hint="Set CLAMD_SOCKET to clamd's Unix socket, for example /run/clamav/clamd.ctl (ehc/uploads.py).",
    id="portal.W001",
)


@checks.register(checks.Tags.security, deploy=True)
def uploads_are_virus_scanned(app_configs, **kwargs):
    # Without a socket every upload is quietly marked "not_scanned" and stored: right on a developer's machine,
    # never in production, so a deployment without one fails the deploy check.
    if getattr(settings, "IS_PRODUCTION", False) and not getattr(settings, "CLAMD_SOCKET", ""):
        return [UNSCANNED_UPLOADS]
    return []
