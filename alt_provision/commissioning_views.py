"""Commissioning placements: the commissioner's requirement, call-off, comparison and award pages, and the provider's
call-off and offer pages. Views read through selectors and change through services; a requirement comes from the
person's own commissioning organisations and a call-off from their own organisation's invitations, so anything
else is a 404."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from send_portal.core.access import get_from
from send_portal.core.dates import govuk_date
from send_portal.core.flows import action_form_page

from . import selectors, services
from .commissioning_forms import AwardForm, CallOffForm, ConfirmForm, OfferForm, RequirementForm
from .models import Offer, PanelReferral, PlacementRequirement
from .provider_forms import validation_to_form
from .services.commissioning import REQUIREMENT_FIELDS

Status = PlacementRequirement.Status
REVIEW_AFTER = dt.timedelta(weeks=6)


def _posted(request):
    # An empty POST must still bind the form, so that it shows its errors (or confirms) rather than a blank page.
    return request.POST if request.method == "POST" else None


# --- Commissioners: schools, pupil referral units and council officers ---------------------------------------

def _requirement(request, pk, purpose="view") -> PlacementRequirement:
    return selectors.requirement_get_for(request.user, pk, purpose=purpose)


def requirement_list(request):
    requirements = selectors.requirements_visible_to(request.user).order_by("-created_at", "-pk")
    return render(request, "alt_provision/commissioning/requirement_list.html", {
        "page_title": "Alternative provision placements you are commissioning", "requirements": requirements,
        "can_start": selectors.requirement_children_for(request.user).exists(),
    })


def _requirement_page(request, form, *, requirement=None, referral=None):
    """Save the requirement, creating or changing the draft; refusals go back on the form with a 400. A new
    requirement written for an approved panel referral is linked to it in the same transaction."""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        child = data.pop("child")
        commissioner = selectors.commissioner_for(request.user, child)
        try:
            if commissioner is None:
                raise ValidationError({"child": "You can only commission for pupils at your school or in your "
                                                "council's area"})
            if requirement is None:
                with transaction.atomic():
                    created = services.requirement_create(child=child, commissioner=commissioner,
                                                          created_by=request.user, **data)
                    if referral is not None:
                        services.referral_requirement_link(referral=referral, requirement=created)
                requirement = created
                messages.success(request, f"Requirement {requirement.pk} has been saved as a draft. Check it, then "
                                          "send it to providers.")
            else:
                services.requirement_update(requirement=requirement, child=child, commissioner=commissioner, **data)
                messages.success(request, f"Requirement {requirement.pk} has been saved.")
        except ValidationError as error:
            validation_to_form(form, error)
        else:
            return redirect("ap_requirement", pk=requirement.pk)
    back_url = reverse("ap_requirement", args=[requirement.pk]) if requirement else reverse("ap_requirements")
    hint = ("Describe what the pupil needs. When you send it, every approved provider in the lot is invited to "
            "make an offer. Providers do not see the pupil's name.")
    if referral is not None:
        back_url = reverse("ap_referral", args=[referral.pk])
        # The referral's own words are not copied in: they may name a diagnosis or the pupil, and providers read
        # the needs. The commissioner writes the needs for providers afresh, with the panel's tier fixed.
        hint = (f"For referral {referral.reference}: the panel approved {referral.get_approved_tier_display()}, so "
                "the tier is set. Write the pupil's needs for providers in your own words, without diagnoses or "
                "anything that could identify the pupil. " + hint)
    return render(request, "core/form_page.html", {
        "form": form, "page_title": f"Change requirement {requirement.pk}" if requirement
        else "New placement requirement", "caption": "Alternative provision",
        "hint": hint,
        "submit_text": "Save as draft", "back_url": back_url,
    }, status=400 if request.method == "POST" else 200)


def requirement_new(request):
    children = selectors.requirement_children_for(request.user)
    initial = {}
    # `?referral=` writes the requirement for an approved panel referral (the query string carries it through the
    # POST); a referral the person cannot see is a 404.
    referral = None
    if "referral" in request.GET:
        referral = selectors.referral_get_for(request.user, request.GET["referral"], purpose="commission")
        if referral.requirement_id:
            messages.info(request, f"A placement requirement has already been written for referral "
                                   f"{referral.reference}.")
            return redirect("ap_requirement", pk=referral.requirement_id)
        if referral.status != PanelReferral.Status.APPROVED:
            messages.error(request, f"Referral {referral.reference} has not been approved by the panel, so a "
                                    "placement cannot be commissioned for it yet.")
            return redirect("ap_referral", pk=referral.pk)
    chosen = str(referral.child_id) if referral else request.GET.get("child", "")
    if request.method == "GET" and chosen.isdigit():
        child = children.filter(pk=chosen).first()
        if child is not None:
            initial = {"child": child, "has_ehc_plan": True if selectors.child_has_ehc_plan(child) else None,
                       "area": child.current_setting.district.name if child.current_setting
                       and child.current_setting.district else ""}
            if referral is not None:
                initial.update(tier=referral.approved_tier)
    form = RequirementForm(_posted(request), children=children, initial=initial)
    return _requirement_page(request, form, referral=referral)


def requirement_edit(request, pk):
    requirement = _requirement(request, pk, purpose="change")
    if requirement.status != Status.DRAFT:
        messages.error(request, "This requirement has been sent to providers, so it can no longer be changed.")
        return redirect("ap_requirement", pk=requirement.pk)
    initial = {name: getattr(requirement, name) for name in REQUIREMENT_FIELDS}
    initial.update(child=requirement.child, days=requirement.days.split(","))
    form = RequirementForm(_posted(request), children=selectors.requirement_children_for(request.user),
                           initial=initial)
    return _requirement_page(request, form, requirement=requirement)


def requirement_detail(request, pk):
    requirement = _requirement(request, pk)
    today = timezone.localdate()
    called_off = requirement.status != Status.DRAFT
    return render(request, "alt_provision/commissioning/requirement_detail.html", {
        "page_title": f"Requirement {requirement.pk}", "requirement": requirement, "today": today,
        "days": selectors.days_label(requirement.days),
        "invitations": requirement.invitations.select_related("provider__organisation")
        .order_by("provider__organisation__name") if called_off else [],
        "offer_rows": selectors.offer_rows(requirement, today) if called_off else [],
        "offers_open": selectors.offers_open(requirement, today),
        "award_blocker": selectors.award_blocker(requirement, today),
        "placement": getattr(requirement, "placement", None) if requirement.status == Status.AWARDED else None,
        "eligible_count": selectors.eligible_providers(requirement).count() if not called_off else None,
    })


def requirement_send(request, pk):
    requirement = _requirement(request, pk, purpose="change")
    if requirement.status != Status.DRAFT:
        messages.error(request, "This requirement has already been sent to providers.")
        return redirect("ap_requirement", pk=requirement.pk)
    today = timezone.localdate()
    earliest = selectors.earliest_offers_close(today)
    eligible = list(selectors.eligible_providers(requirement))
    form = CallOffForm(_posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                invitations = services.requirement_call_off(requirement=requirement,
                                                            offers_by=form.cleaned_data["offers_by"], today=today)
            except ValidationError as error:
                validation_to_form(form, error)
            else:
                messages.success(request, f"Requirement {requirement.pk} has been sent to {len(invitations)} "
                                          f"provider{'s' if len(invitations) != 1 else ''}. Offers close at the "
                                          f"end of {govuk_date(form.cleaned_data['offers_by'])}.")
                return redirect("ap_requirement", pk=requirement.pk)
    return render(request, "alt_provision/commissioning/send.html", {
        "page_title": "Send to providers", "requirement": requirement, "form": form, "earliest": earliest,
        "eligible": eligible, "back_url": reverse("ap_requirement", args=[requirement.pk]),
    }, status=status)


def requirement_cancel(request, pk):
    requirement = _requirement(request, pk, purpose="change")
    back_url = reverse("ap_requirement", args=[requirement.pk])
    if requirement.status not in (Status.DRAFT, Status.CALLED_OFF):
        messages.error(request, f"This requirement is {requirement.get_status_display().lower()}, so it cannot be "
                                "cancelled.")
        return redirect(back_url)
    hint = "Providers will no longer be able to make offers." if requirement.status == Status.CALLED_OFF else ""
    return action_form_page(
        request, ConfirmForm(_posted(request)), title=f"Cancel requirement {requirement.pk}?",
        caption="Alternative provision", submit_text="Cancel the requirement", hint=hint,
        save=lambda data: services.requirement_cancel(requirement=requirement),
        success=f"Requirement {requirement.pk} has been cancelled.", done_url=back_url)


def requirement_award(request, pk, offer_pk):
    requirement = _requirement(request, pk, purpose="change")
    back_url = reverse("ap_requirement", args=[requirement.pk])
    today = timezone.localdate()
    blocker = selectors.award_blocker(requirement, today)
    if blocker:
        messages.error(request, blocker)
        return redirect(back_url)
    offer = get_from(request.user, requirement.offers.filter(status=Offer.Status.SUBMITTED)
                     .select_related("provider__organisation"), purpose="award", pk=offer_pk)
    initial = {"named_contact": offer.provider.contact_name, "next_review_on": offer.start_on + REVIEW_AFTER}
    form = AwardForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.requirement_award(requirement=requirement, offer=offer, user=request.user,
                                                   today=today, **form.cleaned_data)
        except ValidationError as error:
            validation_to_form(form, error)
        else:
            messages.success(request, f"Requirement {requirement.pk} has been awarded to "
                                      f"{offer.provider.organisation.name}. The placement starts on "
                                      f"{govuk_date(placement.starts_on)} and every provider that made an offer "
                                      "has been told.")
            return redirect(back_url)
    row = next(row for row in selectors.offer_rows(requirement, today) if row["offer"].pk == offer.pk)
    return render(request, "alt_provision/commissioning/award.html", {
        "page_title": f"Award to {offer.provider.organisation.name}", "requirement": requirement, "row": row,
        "offer": offer, "form": form, "back_url": back_url,
        "others": requirement.offers.filter(status=Offer.Status.SUBMITTED).exclude(pk=offer.pk).count(),
    }, status=400 if request.method == "POST" else 200)


# --- Providers ---------------------------------------------------------------------------------------------------

def _invitation(request, pk, purpose="view"):
    return selectors.invitation_get_for_provider(request.user, pk, purpose=purpose)


def calloff_list(request):
    today = timezone.localdate()
    invitations = list(selectors.invitations_for_provider(request.user, today))
    offers = {(offer.requirement_id, offer.provider_id): offer for offer in Offer.objects.filter(
        requirement__in=[invitation.requirement_id for invitation in invitations],
        provider__in=[invitation.provider_id for invitation in invitations])}
    rows = [{"invitation": invitation, "requirement": invitation.requirement,
             "open": selectors.offers_open(invitation.requirement, today),
             "offer": offers.get((invitation.requirement_id, invitation.provider_id))} for invitation in invitations]
    return render(request, "alt_provision/commissioning/calloff_list.html", {
        "page_title": "Call-offs", "rows": rows, "today": today})


def calloff_detail(request, pk):
    invitation = _invitation(request, pk)
    requirement = invitation.requirement
    today = timezone.localdate()
    child = requirement.child
    return render(request, "alt_provision/commissioning/calloff_detail.html", {
        "page_title": f"Requirement {requirement.pk}", "invitation": invitation, "requirement": requirement,
        "provider": invitation.provider, "offer": selectors.offer_for(invitation),
        "open": selectors.offers_open(requirement, today), "days": selectors.days_label(requirement.days),
        # The year group and age band, never the pupil's name, date of birth or reference.
        "year_group": child.nc_year_label, "age_band": selectors.age_band(child.age(requirement.start_on)),
    })


def calloff_offer(request, pk):
    invitation = _invitation(request, pk, purpose="change")
    requirement = invitation.requirement
    back_url = reverse("ap_calloff", args=[invitation.pk])
    today = timezone.localdate()
    if not selectors.offers_open(requirement, today):
        messages.error(request, "Offers for this call-off have closed.")
        return redirect(back_url)
    provider = invitation.provider
    if not provider.can_take_call_offs:
        return render(request, "alt_provision/commissioning/offer_refused.html", {
            "page_title": "You cannot make an offer", "provider": provider, "requirement": requirement,
            "back_url": back_url}, status=400 if request.method == "POST" else 200)
    offer = selectors.offer_for(invitation)
    initial = {"start_on": requirement.start_on, "hours_per_week": requirement.hours_per_week}
    if offer is not None:
        initial = {"price": offer.price, "start_on": offer.start_on, "hours_per_week": offer.hours_per_week,
                   "staffing": offer.staffing, "notes": offer.notes}
    changing = offer is not None and offer.status == Offer.Status.SUBMITTED
    return action_form_page(
        request, OfferForm(_posted(request), initial=initial),
        title="Change your offer" if changing else "Make an offer", caption=f"Requirement {requirement.pk}",
        submit_text="Send offer",
        hint=f"You can change or withdraw your offer until offers close at the end of "
             f"{govuk_date(requirement.offers_by)}. The requirement's budget is £{requirement.budget} a week.",
        save=lambda data: services.offer_save(invitation=invitation, user=request.user, today=today, **data),
        success=f"Your offer for requirement {requirement.pk} has been sent.", done_url=back_url)


def calloff_withdraw(request, pk):
    invitation = _invitation(request, pk, purpose="change")
    back_url = reverse("ap_calloff", args=[invitation.pk])
    offer = selectors.offer_for(invitation)
    if offer is None or offer.status != Offer.Status.SUBMITTED \
            or invitation.requirement.status != Status.CALLED_OFF:
        messages.error(request, "There is no offer to withdraw.")
        return redirect(back_url)
    return action_form_page(
        request, ConfirmForm(_posted(request)), title="Withdraw your offer?",
        caption=f"Requirement {invitation.requirement.pk}", submit_text="Withdraw offer",
        hint="The commissioner will no longer see your offer. You can make a new one while offers are open.",
        save=lambda data: services.offer_withdraw(invitation=invitation),
        success="Your offer has been withdrawn.", done_url=back_url)
