"""Celery tasks for the dashboards. Tasks only call services."""

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def refresh_kpis():
    """Record each bound KPI's live figure and set its status. Idempotent: a second run on the same day replaces
    the day's reading, and an exception report is asked for once per spell of red."""
    from .services import kpis_refresh

    return kpis_refresh()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def render_board_pack(pack_id):
    """Render a quarter's board pack. Rendering again replaces the file, so a retry is harmless."""
    from .models import BoardPack
    from .services import board_pack_render

    board_pack_render(pack=BoardPack.objects.get(pk=pack_id))
