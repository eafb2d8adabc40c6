"""Feedback on the Local Offer: "Was this useful?", "Report a problem", comments, their triage, the public
"You said, we did" page (regulation 56) and the search gap report."""

import csv
import datetime as dt
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from send_portal.core.csv_safety import safe_cell
from send_portal.core.ratelimits import client_address, over_limit

from . import selectors, services
from .feedback_forms import CommentForm, ProblemForm, TriageForm, VoteForm, local_offer_page
from .models import Feedback, Service

# A family leaving a few comments is never stopped; a script posting hundreds is.
RATE_WINDOW_SECONDS = 60 * 60
RATE_LIMIT_PER_SESSION = 20
# "Was this useful?" is one click on each page, so a visitor reading many pages may answer many times.
VOTE_LIMIT_PER_SESSION = 100
# Higher, because a library or school network sends many people from one address.
RATE_LIMIT_PER_ADDRESS = 300


def _too_many(request, *, bucket="written", per_session=RATE_LIMIT_PER_SESSION) -> bool:
    """Count one submission from a visitor who is not signed in and say whether they are over the limit."""
    if request.user.is_authenticated:
        return False
    if not request.session.session_key:
        request.session.save()
    by_session = over_limit(f"local-offer-feedback:{bucket}:session:{request.session.session_key}",
                            limit=per_session, window_seconds=RATE_WINDOW_SECONDS)
    by_address = over_limit(f"local-offer-feedback:address:{client_address(request)}",
                            limit=RATE_LIMIT_PER_ADDRESS, window_seconds=RATE_WINDOW_SECONDS)
    return by_session or by_address


def _too_many_response(request):
    return render(request, "local_offer/feedback/too_many.html", {"page_title": "You have sent a lot of feedback"},
                  status=429)


def _thanks_url(**params) -> str:
    return f"{reverse('local_offer_feedback_thanks')}?{urlencode({k: v for k, v in params.items() if v})}"


def _published_service(value):
    try:
        # Scoped: only published services, which anyone may see.
        # nosemgrep: portal-unscoped-lookup-in-view
        return Service.objects.filter(pk=value, visibility=Service.Visibility.PUBLISHED).first() if value else None
    except ValidationError:
        return None


@require_POST
def feedback_useful(request):
    form = VoteForm(request.POST)
    if not form.is_valid():
        return render(request, "local_offer/feedback/vote_error.html",
                      {"form": form, "page_title": "Your answer could not be saved"}, status=400)
    if _too_many(request, bucket="vote", per_session=VOTE_LIMIT_PER_SESSION):
        return _too_many_response(request)
    data = form.cleaned_data
    services.feedback_record_vote(useful=data["kind"] == Feedback.Kind.USEFUL, page=data["page"],
                                  service=data["service"])
    return redirect(_thanks_url(page=data["page"], service=data["service"].pk if data["service"] else "",
                                answer="no" if data["kind"] == Feedback.Kind.NOT_USEFUL else "yes"))


def _written_feedback(request, *, form_class, kind, template_context):
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            if _too_many(request):
                return _too_many_response(request)
            data = form.cleaned_data
            try:
                services.feedback_submit(kind=kind, page=data["page"], comment=data["comment"],
                                         reply_email=data["reply_email"], service=data["service"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(_thanks_url(page=data["page"], sent=kind))
        status = 400
    else:
        service = _published_service(request.GET.get("service"))
        page = local_offer_page(request.GET.get("page")) or template_context["default_page"]
        form = form_class(initial={"page": page, "service": service.pk if service else None})
        status = 200
    service = form["service"].value() and _published_service(form["service"].value())
    return render(request, "local_offer/feedback/written.html",
                  {"form": form, "service": service or None, **template_context}, status=status)


def feedback_problem(request):
    return _written_feedback(request, form_class=ProblemForm, kind=Feedback.Kind.PROBLEM, template_context={
        "page_title": "Report a problem with this page", "submit_text": "Send report", "kind": "problem",
        "default_page": reverse("local_offer_feedback_comment"),
    })


def feedback_comment(request):
    return _written_feedback(request, form_class=CommentForm, kind=Feedback.Kind.COMMENT, template_context={
        "page_title": "Tell us what you think of the Local Offer", "submit_text": "Send comment", "kind": "comment",
        "default_page": reverse("local_offer_feedback_comment"),
    })


def feedback_thanks(request):
    page = local_offer_page(request.GET.get("page"))
    service = _published_service(request.GET.get("service"))
    sent = request.GET.get("sent", "")
    answer = request.GET.get("answer", "")
    problem_url = None
    if answer == "no" and page:
        problem_url = f"{reverse('local_offer_feedback_problem')}?" + urlencode(
            {"page": page, **({"service": service.pk} if service else {})})
    return render(request, "local_offer/feedback/thanks.html", {
        "page_title": "Thank you for your feedback", "back_to": page, "sent": sent, "answer": answer,
        "problem_url": problem_url,
    })


def you_said_we_did(request):
    return render(request, "local_offer/feedback/you_said_we_did.html", {
        "page_title": "You said, we did", "years": selectors.feedback_published_by_year(),
    })


def feedback_manage(request):
    status = request.GET.get("status", "new")
    status = status if status in selectors.FEEDBACK_STATUSES or status == "all" else "new"
    kind = request.GET.get("kind", "")
    kind = kind if kind in (Feedback.Kind.PROBLEM, Feedback.Kind.COMMENT) else ""
    page = Paginator(selectors.feedback_for_triage(status="" if status == "all" else status, kind=kind),
                     25).get_page(request.GET.get("page"))
    return render(request, "local_offer/feedback/manage_list.html", {
        "page_title": "Feedback on the Local Offer", "page": page, "status": status, "kind": kind,
        "statuses": [(key, label) for key, (label, _) in selectors.FEEDBACK_STATUSES.items()],
        "kinds": [(Feedback.Kind.PROBLEM, "Problem reports"), (Feedback.Kind.COMMENT, "Comments")],
        "useful": selectors.feedback_useful_by_page(),
        "publication": selectors.publication_status(today=timezone.localdate()),
    })


def feedback_triage(request, pk):
    feedback = get_object_or_404(Feedback.objects.select_related("service__organisation", "triaged_by"),
                                 pk=pk, kind__in=(Feedback.Kind.PROBLEM, Feedback.Kind.COMMENT))
    initial = {"theme": feedback.theme or None, "published_comment": feedback.published_comment,
               "response": feedback.response, "action": feedback.action, "publish": feedback.is_published}
    form = TriageForm(request.POST or None, initial=initial, feedback=feedback)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_triage(feedback=feedback, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Published on the \"You said, we did\" page"
                             if form.cleaned_data["publish"] else "Feedback saved")
            return redirect("local_offer_feedback_triage", pk=feedback.pk)
    return render(request, "local_offer/feedback/manage_detail.html", {
        "page_title": "Sort feedback", "feedback": feedback, "form": form,
        "back_url": reverse("local_offer_feedback_manage"),
    }, status=400 if request.method == "POST" else 200)


PERIODS = {"30d": "The last 30 days", "12m": "The last 12 months"}


def _gap_period(request):
    period = request.GET.get("period", "30d")
    period = period if period in PERIODS else "30d"
    today = timezone.localdate()
    since = today - dt.timedelta(days=29) if period == "30d" else today - relativedelta(months=12) + dt.timedelta(1)
    return period, since, today


def search_gaps(request):
    period, since, until = _gap_period(request)
    return render(request, "local_offer/feedback/search_gaps.html", {
        "page_title": "Searches that found nothing", "period": period, "periods": PERIODS.items(),
        "report": selectors.search_gaps(since=since, until=until),
    })


def search_gaps_csv(request):
    period, since, until = _gap_period(request)
    report = selectors.search_gaps(since=since, until=until, limit=None)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="searches-that-found-nothing-{since}-to-{until}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Search words", "Times searched", "Days searched on", "Last searched"])
    for row in report["rows"]:
        writer.writerow([safe_cell(row["query"]), row["total"], row["days"], row["last"].isoformat()])
    return response
