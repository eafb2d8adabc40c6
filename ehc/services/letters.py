"""Letters: the wording is rendered and stored when the decision is made, and a worker turns it into a tagged
PDF/UA file with the same renderer as the plans."""

import datetime as dt

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string

from send_portal.core.pdf import pdf_from_html

from ..models import EHCCase, Letter


def letter_issue(*, case: EHCCase, kind: str, issued_on: dt.date, issued_by=None, appeal_by: dt.date | None = None,
                 **context) -> Letter:
    """Fix the letter's wording now and queue its PDF. `appeal_by` adds the appeal, mediation and advice section
    that every appealable decision must carry (SEND Regulations 2014 reg 32)."""
    from ..selectors import notice_addressees

    html = render_to_string("pdf/letter.html", {
        "case": case, "kind": kind, "title": Letter.Kind(kind).label, "issued_on": issued_on,
        "addressees": notice_addressees(case), "appeal_by": appeal_by, "body_template": f"letters/{kind}.html",
        "council_name": settings.PORTAL_COUNCIL_NAME, "help_email": settings.PORTAL_HELP_EMAIL,
        "help_phone": settings.PORTAL_HELP_PHONE, "mediation_adviser": settings.PORTAL_MEDIATION_ADVISER, **context})
    letter = Letter.objects.create(case=case, kind=kind, issued_on=issued_on, issued_by=issued_by, html=html)
    from send_portal.notifications.outbox import outbox_enqueue

    from ..tasks import render_letter_pdf

    outbox_enqueue(render_letter_pdf, letter.pk)  # on commit; waits if the queue is down
    return letter


def letter_render_pdf(*, letter: Letter) -> Letter:
    pdf = pdf_from_html(letter.html)
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.pdf:
            letter.pdf.delete(save=False)
        letter.pdf.save(f"{letter.case.reference}-{letter.kind}.pdf", ContentFile(pdf), save=True)
    return letter
