"""The public Local Offer: home, search, service pages, the shortlist and the schools and colleges directory.
Everything here is public information and works without JavaScript."""

import json

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from send_portal.core.ratelimits import client_address, over_limit
from send_portal.organisations.selectors import settings_directory_search

from . import selectors, services
from .forms import ServiceSearchForm, SettingsFilterForm, ShortlistEmailForm, miles
from .models import Service, Taxonomy
from .questions import LOCAL_OFFER_QUESTIONS, SETTING_QUESTIONS
from .schedules import schedule_in_words

RESULTS_PER_PAGE = 20
# One visitor's searches count towards the gap report only so far, so nobody can fill it with junk.
UNANSWERED_PER_VISITOR = 30
JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def home(request):
    return render(request, "local_offer/home.html", {
        "form": ServiceSearchForm(),
        "categories": selectors.terms_for(Taxonomy.Purpose.CATEGORIES).filter(parent__isnull=True),
    })


def search(request):
    form = ServiceSearchForm(request.GET)
    if not form.is_valid():
        return render(request, "local_offer/search.html", {"form": form, "page": None}, status=400)
    criteria = form.criteria()
    page = selectors.results_page(selectors.services_search(criteria), request.GET.get("page"), RESULTS_PER_PAGE)
    if criteria.text and not page.paginator.count:
        # Nothing matched the words as typed: try again allowing for spelling mistakes.
        page = selectors.results_page(selectors.services_search(criteria, fuzzy=True), request.GET.get("page"),
                                      RESULTS_PER_PAGE)
    if criteria.text and not page.paginator.count and not over_limit(
            f"unanswered-search:{client_address(request)}", limit=UNANSWERED_PER_VISITOR, window_seconds=24 * 60 * 60):
        services.unanswered_search_record(criteria.text, on=timezone.localdate())
    for service in page.object_list:
        service.distance_miles = miles(service.distance_m) if getattr(service, "distance_m", None) is not None \
            else None
        service.categories = [t for t in service.terms.all() if t.taxonomy.purpose == Taxonomy.Purpose.CATEGORIES]
    return render(request, "local_offer/search.html", {
        "form": form, "page": page, "criteria": criteria, "searched": form.has_filters(),
        "shortlisted": set(services.shortlist_ids(request.session)),
    })


def _service_or_404(pk) -> Service:
    service = selectors.service_for_page(pk)
    if service is None:
        raise Http404("No such service.")
    return service


def _schema_org(request, service, locations) -> str:
    """schema.org markup so search engines and assistive tools understand the listing."""
    data = {
        "@context": "https://schema.org", "@type": "Service", "name": service.name,
        "description": service.description, "url": request.build_absolute_uri(),
        "provider": {"@type": "Organization", "name": service.organisation.name,
                     **({"url": service.organisation.website} if service.organisation.website else {})},
        "audience": {"@type": "PeopleAudience", "suggestedMinAge": service.minimum_age,
                     "suggestedMaxAge": service.maximum_age},
        "dateModified": service.last_modified.date().isoformat(),
    }
    if service.is_free:
        data["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "GBP"}
    channels = [{"@type": "ServiceChannel", "serviceLocation": {
        "@type": "Place", "name": location.name,
        "address": {"@type": "PostalAddress", "streetAddress": location.address_1, "addressLocality": location.city,
                    "postalCode": location.postcode, "addressCountry": "GB"}}} for location in locations]
    if service.phone or service.url:
        channels.append({"@type": "ServiceChannel", **({"servicePhone": service.phone} if service.phone else {}),
                         **({"serviceUrl": service.url} if service.url else {})})
    if channels:
        data["availableChannel"] = channels
    # Safe inside <script>: json.dumps escapes quotes and JSON_LD_ESCAPES turns <, > and & into \u escapes.
    return mark_safe(json.dumps(data).translate(JSON_LD_ESCAPES))  # noqa: S308 # nosec B308, B703


def service_detail(request, pk):
    service = _service_or_404(pk)
    locations = []
    for at in service.service_at_locations.all():
        at.location.schedule_words = [schedule_in_words(**vars(s)) for s in at.schedules.all()]
        locations.append(at.location)
    terms = list(service.terms.all())
    answers = service.local_offer_answers or {}
    setting_answers = service.setting_information or {}
    return render(request, "local_offer/service_detail.html", {
        "service": service,
        "locations": locations,
        "schedules": [schedule_in_words(**vars(s)) for s in service.schedules.all()],
        "terms_by_purpose": {purpose: [t for t in terms if t.taxonomy.purpose == purpose]
                             for purpose in Taxonomy.Purpose.values},
        "local_offer_answers": [(q, answers[key]) for key, q in LOCAL_OFFER_QUESTIONS if answers.get(key)],
        "setting_answers": [(q, setting_answers[key]) for key, q in SETTING_QUESTIONS if setting_answers.get(key)],
        "shortlisted": str(service.pk) in services.shortlist_ids(request.session),
        "schema_org": _schema_org(request, service, locations),
    })


def _back_to(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target.startswith("/local-offer/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return target
    return fallback


@require_POST
def shortlist_add(request, pk):
    service = _service_or_404(pk)
    if not services.shortlist_add(request.session, service.pk):
        request.session["local_offer_notice"] = "Your shortlist is full. Remove a service to add another."
    return redirect(_back_to(request, reverse("local_offer_shortlist")))


@require_POST
def shortlist_remove(request, pk):
    services.shortlist_remove(request.session, pk)
    return redirect(_back_to(request, reverse("local_offer_shortlist")))


def shortlist(request):
    pinned = selectors.services_by_ids(services.shortlist_ids(request.session))
    form = ShortlistEmailForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not pinned:
            form.add_error(None, "Your shortlist is empty. Add services to it before emailing it")
        if form.is_valid():
            try:
                services.shortlist_email(session_key=request.session.session_key or "",
                                         client=client_address(request), services=pinned,
                                         to=form.cleaned_data["email"], base_url=request.build_absolute_uri("/"))
            except services.ShortlistEmailLimit:
                form.add_error("email", "You have emailed your shortlist too many times. Try again in an hour")
                status = 429
            else:
                email = form.cleaned_data["email"]
                request.session["local_offer_notice"] = f"We have emailed your shortlist to {email}"
                return redirect("local_offer_shortlist")
        status = status if status != 200 else 400
    for service in pinned:
        service.schedule_words = [schedule_in_words(**vars(s)) for s in service.schedules.all()]
    return render(request, "local_offer/shortlist.html", {
        "services": pinned, "form": form, "notice": request.session.pop("local_offer_notice", ""),
    }, status=status)


def settings_directory(request):
    form = SettingsFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "local_offer/settings_directory.html", {"form": form, "page": None}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    settings = settings_directory_search(
        text=filters.get("q", ""), phase=filters.get("phase", ""), setting_type=filters.get("setting_type", ""),
        where=filters.get("where", ""), section_41=filters.get("section_41", False),
    ).select_related("district", "local_offer_service")
    page = Paginator(settings, 50).get_page(request.GET.get("page"))
    return render(request, "local_offer/settings_directory.html", {"form": form, "page": page})
