from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def render_minutes_pdf(meeting_id):
    """Render a meeting's minutes. Rendering again replaces the file, so a retry is harmless."""
    from .models import Meeting
    from .services import minutes_render

    minutes_render(meeting=Meeting.objects.get(pk=meeting_id))


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def schedule_meetings():
    """Keep every panel's next meetings in the diary. Scheduling twice adds nothing twice."""
    from .services import meetings_schedule_all

    return meetings_schedule_all()
