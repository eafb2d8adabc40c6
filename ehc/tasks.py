from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_due_reminders():
    """Chase open advice and every review date. Idempotent, so a retry or a second beat tick sends nothing twice."""
    from .services import advice_send_due_reminders, ceasing_apply_due, review_send_due_reminders

    return advice_send_due_reminders() + review_send_due_reminders() + ceasing_apply_due()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def render_plan_pdf(version_id):
    """Render a final plan's PDF. Rendering again replaces the file, so a retry is harmless."""
    from .models import PlanVersion
    from .services import plan_render_pdf

    plan_render_pdf(version=PlanVersion.objects.get(pk=version_id))


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def render_letter_pdf(letter_id):
    """Render a letter's PDF from the wording fixed when it was issued. A retry renders the same letter again."""
    from .models import Letter
    from .services import letter_render_pdf

    letter_render_pdf(letter=Letter.objects.get(pk=letter_id))
