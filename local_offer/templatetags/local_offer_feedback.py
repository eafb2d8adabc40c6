from django import template

from local_offer.feedback_forms import local_offer_page
from local_offer.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Staff Markdown as sanitised GOV.UK HTML."""
    return render_markdown(text)


@register.inclusion_tag("local_offer/feedback/_panel.html", takes_context=True)
def feedback_panel(context, page=None, service=None):
    """"Was this page useful?" and "Report a problem" for the bottom of a Local Offer page.

    `page` defaults to the current address; `service` is the Service the page is about, if any."""
    request = context.get("request")
    current = local_offer_page(page) or local_offer_page(getattr(request, "path", "")) or "/local-offer/"
    return {"feedback_page": current, "feedback_service": service, "csrf_token": context.get("csrf_token"),
            "request": request}
