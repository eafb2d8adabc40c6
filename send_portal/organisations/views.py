from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator

from send_portal.core.flows import QuestionsThenCheckView
from send_portal.invitations.selectors import roles_user_can_invite
from send_portal.invitations.services import invitation_create_staff

from . import selectors, services
from .forms import OrganisationFilterForm, StaffInviteForm
from .models import Membership, Organisation


def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.organisation_list(kind=filters.get("kind") or None, query=filters.get("q", ""))
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    return render(request, "organisations/organisation_list.html", {"form": form, "page": page})


def _active_organisation(pk) -> Organisation:
    return get_object_or_404(Organisation, pk=pk, is_active=True)


def organisation_detail(request, pk):
    organisation = _active_organisation(pk)
    can_invite = bool(roles_user_can_invite(request.user, organisation))
    is_member = selectors.active_memberships(request.user).filter(organisation=organisation).exists()
    return render(request, "organisations/organisation_detail.html", {
        "organisation": organisation,
        "members": selectors.organisation_members(organisation) if (can_invite or is_member) else None,
        "teams": organisation.children.filter(is_active=True),
        "can_invite": can_invite,
    })


def _organisation_user_can_invite_to(request, pk) -> Organisation:
    organisation = _active_organisation(pk)
    if not roles_user_can_invite(request.user, organisation):
        raise Http404("No such organisation.")
    return organisation


class OrganisationInviteView(QuestionsThenCheckView):
    form_class = StaffInviteForm
    page_title = "Invite someone to join"
    confirm_text = "Send invitation"

    def dispatch(self, request, *args, **kwargs):
        self.organisation = _organisation_user_can_invite_to(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {"roles": roles_user_can_invite(self.request.user, self.organisation)}

    # Confirming grants a role, so it needs the password given in the last 5 minutes (ASVS 6.3.3): a session
    # left open cannot hand out access. allauth keeps the confirmation and replays it after the password.
    @method_decorator(reauthentication_required(enabled=lambda request: "confirm" in request.POST))
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **context):
        return super().get_context_data(caption=self.organisation.name,
                                        back_url=reverse("organisation_detail", args=[self.organisation.pk]),
                                        **context)

    def done(self, form):
        try:
            invitation_create_staff(created_by=self.request.user, organisation=self.organisation,
                                    base_url=self.request.build_absolute_uri("/"), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return None
        messages.success(self.request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect("organisation_detail", pk=self.organisation.pk)


def membership_end(request, pk, membership_pk):
    organisation = _organisation_user_can_invite_to(request, pk)
    # Scoped: only memberships of the organisation this person was just found able to invite to.
    # nosemgrep: portal-unscoped-lookup-in-view
    membership = get_object_or_404(Membership, pk=membership_pk, organisation=organisation, ended_at__isnull=True)
    if membership.user == request.user or membership.role not in roles_user_can_invite(request.user, organisation):
        raise Http404("No such member.")
    if request.method == "POST":
        return _membership_end_confirmed(request, organisation, membership)
    return render(request, "organisations/membership_end.html", {"organisation": organisation,
                                                                 "membership": membership})


# Taking a role away changes who sees records too, so it also needs a recent password; checked only after the
# person is known to be allowed, so others still get the 404.
@reauthentication_required
def _membership_end_confirmed(request, organisation, membership):
    try:
        services.membership_end(membership=membership)
    except ValidationError as error:
        return render(request, "organisations/membership_end.html", {
            "organisation": organisation, "membership": membership, "error": error.messages[0]}, status=400)
    messages.success(request, f"{membership.user} has been removed from {organisation}. The organisation's "
                              "records stay with the organisation.")
    return redirect("organisation_detail", pk=organisation.pk)
