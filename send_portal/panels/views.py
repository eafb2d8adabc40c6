from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from . import selectors, services
from .forms import RecommendationForm
from .models import AgendaItem


def meeting_list(request):
    return render(request, "panels/meeting_list.html", {"meetings": selectors.meetings_for(request.user)})


def meeting_detail(request, pk):
    meeting = selectors.meeting_get_for(request.user, pk)
    return render(request, "panels/meeting_detail.html", {
        "meeting": meeting, "items": meeting.items.all(), "can_record": selectors.can_record(request.user, meeting)})


def item_recommend(request, pk, item_pk):
    meeting = selectors.meeting_get_for(request.user, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    if not selectors.can_record(request.user, meeting):
        return redirect("panel_meeting", pk=meeting.pk)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_record(item=item, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The panel's recommendation on {item.reference} has been recorded.")
            return redirect("panel_meeting", pk=meeting.pk)
    return render(request, "core/form_page.html", {
        "form": form, "page_title": item.question, "caption": f"{item.reference} – {meeting}",
        "submit_text": "Record the recommendation", "back_url": reverse("panel_meeting", args=[meeting.pk]),
    }, status=400 if request.method == "POST" else 200)
