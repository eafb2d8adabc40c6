"""Landing pages for each audience, and the information pages staff write in Markdown."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from . import selectors, services
from .feedback_forms import InformationPageForm
from .markdown import render_markdown
from .models import InformationPage

# The search page belongs to the public directory; its address is part of the Local Offer's published links.
SEARCH_PATH = "/local-offer/search/"

LANDINGS = {
    InformationPage.Audience.FAMILIES: {
        "template": "local_offer/pages/landing_families.html",
        "page_title": "The Local Offer for parents and carers",
    },
    InformationPage.Audience.YOUNG_PEOPLE: {
        "template": "local_offer/pages/landing_young_people.html",
        "page_title": "The Local Offer for young people",
    },
    InformationPage.Audience.PRACTITIONERS: {
        "template": "local_offer/pages/landing_practitioners.html",
        "page_title": "The Local Offer for practitioners",
    },
}


def landing(request, audience):
    landing_page = LANDINGS[audience]
    return render(request, landing_page["template"], {
        "page_title": landing_page["page_title"], "audience": audience,
        "pages": selectors.information_pages_for_audience(audience),
        "categories": [(term, f"{SEARCH_PATH}?{urlencode({'category': term.code})}")
                       for term in selectors.category_terms_top_level()],
    })


def information_index(request):
    return render(request, "local_offer/pages/information_index.html", {
        "page_title": "Information and guides", "pages": selectors.information_pages_published(),
    })


def information_page(request, slug):
    page = selectors.information_page_published(slug)
    return render(request, "local_offer/pages/information_page.html", {
        "page_title": page.title, "page": page, "body": render_markdown(page.body),
    })


def information_manage(request):
    return render(request, "local_offer/pages/manage_list.html", {
        "page_title": "Information pages", "pages": InformationPage.objects.select_related("updated_by")
        .order_by("position", "title"),
    })


def _edit(request, page):
    title = page.title if page else ""
    form = InformationPageForm(request.POST or None, instance=page)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            try:
                saved = services.information_page_save(user=request.user, data=form.cleaned_data,
                                                       page=InformationPage.objects.get(pk=page.pk) if page else None)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"‘{saved.title}’ saved")
                return redirect("local_offer_information_manage")
    invalid = request.method == "POST" and (form.errors or form.non_field_errors())
    return render(request, "local_offer/pages/manage_edit.html", {
        "page_title": f"Change ‘{title}’" if page else "New information page", "form": form, "page": page,
        "preview": preview, "back_url": reverse("local_offer_information_manage"),
    }, status=400 if invalid else 200)


def information_new(request):
    return _edit(request, None)


def information_edit(request, pk):
    return _edit(request, get_object_or_404(InformationPage, pk=pk))
