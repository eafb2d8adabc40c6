from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from send_portal.audit.selectors import audit_trail_for
from send_portal.core.flows import QuestionsThenCheckView, action_form_page
from send_portal.invitations.services import invitation_create_family

from . import services
from .forms import (
    CapacityDecisionForm,
    ChildDetailsForm,
    ChildRegisterForm,
    ChildSearchForm,
    ChildSettingForm,
    FamilyInviteForm,
)
from .selectors import (
    CHANGE_CHILD,
    capacity_decisions_in_force,
    child_get_for,
    children_visible_to,
    decision_makers,
    family_links,
    user_can_change_child,
)


def child_list(request):
    search = ChildSearchForm(request.GET)
    if not search.is_valid():
        return render(request, "people/child_list.html", {"children": [], "query": "", "total": 0,
                                                          "search_error": search.errors["q"][0]}, status=400)
    query = search.cleaned_data["q"]
    children = children_visible_to(request.user, query=query)
    return render(request, "people/child_list.html", {"children": children[:200], "query": query,
                                                      "total": children.count()})


def child_detail(request, pk):
    child = child_get_for(request.user, pk)
    can_change = user_can_change_child(request.user, child)
    links = family_links(child)
    return render(request, "people/child_detail.html", {
        "child": child,
        # Only the council sees everyone linked to a child: a parent must not learn who else has access.
        "family_links": links if can_change else [link for link in links if link.user_id == request.user.pk],
        "capacity_decisions": capacity_decisions_in_force(child),
        "decision_makers": decision_makers(child, viewer=request.user, show_names=can_change),
        "can_change": can_change,
    })


class ChildRegisterView(QuestionsThenCheckView):
    form_class = ChildRegisterForm
    page_title = "Add a child or young person to the register"
    confirm_text = "Add to the register"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def done(self, form):
        try:
            child = services.child_register(created_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return None
        messages.success(self.request, f"{child.full_name} has been added to the register ({child.reference}).")
        return redirect("child_detail", pk=child.pk)


def child_edit(request, pk):
    child = child_get_for(request.user, pk, perm=CHANGE_CHILD, purpose="edit")
    form = ChildDetailsForm(request.POST or None,
                            initial={name: getattr(child, name) for name in ChildDetailsForm.base_fields})
    return action_form_page(
        request, form, title="Change details", caption=child.full_name, submit_text="Save details",
        success="The details have been saved.", done_url=reverse("child_detail", args=[child.pk]),
        save=lambda data: services.child_update(child=child, **data))


def child_change_setting(request, pk):
    child = child_get_for(request.user, pk, perm=CHANGE_CHILD, purpose="edit")
    return action_form_page(
        request, ChildSettingForm(request.POST or None, initial={"current_setting": child.current_setting}),
        title="Change school or setting", caption=child.full_name, submit_text="Save",
        success="The school or setting has been changed.", done_url=reverse("child_detail", args=[child.pk]),
        hint="The new school's special educational needs co-ordinator (SENCO) will be able to see this record, "
             "and the old school's will not.",
        save=lambda data: services.child_change_setting(child=child, new_setting=data["current_setting"]))


class ChildInviteFamilyView(QuestionsThenCheckView):
    form_class = FamilyInviteForm
    page_title = "Invite a family member"
    confirm_text = "Send invitation"

    def dispatch(self, request, *args, **kwargs):
        self.child = child_get_for(request.user, kwargs["pk"], perm=CHANGE_CHILD, purpose="invite")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **context):
        return super().get_context_data(caption=self.child.full_name,
                                        back_url=reverse("child_detail", args=[self.child.pk]), **context)

    def done(self, form):
        try:
            invitation_create_family(created_by=self.request.user, child=self.child,
                                     base_url=self.request.build_absolute_uri("/"), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return None
        messages.success(self.request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect("child_detail", pk=self.child.pk)


def child_family_link_end(request, pk, link_pk):
    child = child_get_for(request.user, pk, perm=CHANGE_CHILD, purpose="edit")
    link = get_object_or_404(child.family_links, pk=link_pk, ended_at__isnull=True)
    if request.method == "POST":
        services.family_link_end(link=link)
        messages.success(request, f"{link.user} can no longer see this record.")
        return redirect("child_detail", pk=child.pk)
    return render(request, "people/family_link_end.html", {"child": child, "link": link})


def child_capacity_record(request, pk):
    child = child_get_for(request.user, pk, perm=CHANGE_CHILD, purpose="edit")
    return action_form_page(
        request, CapacityDecisionForm(request.POST or None), title="Record a capacity decision",
        caption=child.full_name, submit_text="Record decision", success="The capacity decision has been recorded.",
        done_url=reverse("child_detail", args=[child.pk]),
        hint="From the end of the school year in which they turn 16, decisions pass to the young person unless "
             "they lack the mental capacity to make them.",
        save=lambda data: services.capacity_decision_record(
            child=child, decision=data["decision"], assessed_on=data["assessed_on"], basis=data["basis"],
            representative=data["representative_email"], recorded_by=request.user))


@require_POST
def child_capacity_withdraw(request, pk, decision_pk):
    child = child_get_for(request.user, pk, perm=CHANGE_CHILD, purpose="edit")
    record = get_object_or_404(child.capacity_decisions, pk=decision_pk)
    services.capacity_decision_withdraw(record=record)
    messages.success(request, "The capacity decision has been withdrawn.")
    return redirect("child_detail", pk=child.pk)


def child_access_log(request, pk):
    child = child_get_for(request.user, pk, perm=CHANGE_CHILD, purpose="audit")
    return render(request, "people/child_access_log.html", {"child": child, "entries": audit_trail_for(child)[:200]})


def child_rights_at_16(request):
    from django.utils import timezone

    from .selectors import rights_transfer_candidates

    return render(request, "people/rights_at_16.html", {
        "rows": rights_transfer_candidates(request.user), "today": timezone.localdate()})
