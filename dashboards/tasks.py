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


@shared_task(acks_late=True)
def refresh_dashboard_figures():
    """Count each council's default dashboard and recount the stored figures people read. Not retried: the next
    hourly run does the same work, and a page that finds no figures under a day old counts them itself."""
    from .services import figures_refresh

    return figures_refresh()
