from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from . import services
from .forms import NewAccountForm
from .selectors import invitations_visible_to

_UNUSABLE = "invitations/unusable.html"


def invitation_list(request):
    invitations = invitations_visible_to(request.user)[:200]
    return render(request, "invitations/invitation_list.html", {"invitations": invitations})


@require_POST
def invitation_withdraw(request, pk):
    invitation = get_object_or_404(invitations_visible_to(request.user), pk=pk)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, f"The invitation to {invitation.email} has been withdrawn.")
    return redirect("invitation_list")


@sensitive_post_parameters("password", "password_again")
def invitation_accept(request, token):
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationUnusable:
        return render(request, _UNUSABLE, status=404)

    user = request.user
    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(token=token, user=user)
            except services.InvitationUnusable:
                return render(request, _UNUSABLE, status=404)
            except ValidationError as error:
                return render(request, "invitations/accept.html", {"invitation": invitation,
                                                                   "error": error.messages[0]}, status=400)
            messages.success(request, "You have accepted the invitation.")
            if invitation.child_id:
                return redirect("child_detail", pk=invitation.child_id)
            return redirect("home")
        return render(request, "invitations/accept.html", {"invitation": invitation})

    has_account = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    if has_account:
        return render(request, "invitations/sign_in_first.html", {"invitation": invitation})

    form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST":
        if form.is_valid():
            try:
                new_user = services.invitation_accept_as_new_user(
                    token=token, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password"]
                )
            except services.InvitationUnusable:
                return render(request, _UNUSABLE, status=404)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                login(request, new_user, backend="allauth.account.auth_backends.AuthenticationBackend")
                # Creating the password just now counts as signing in with it, so new staff can set up
                # their authenticator app without being asked for the password again straight away.
                record_authentication(request, new_user, method="password", email=new_user.email)
                messages.success(request, "Your account has been created and the invitation accepted.")
                return redirect("home")
        return render(request, "invitations/create_account.html", {"invitation": invitation, "form": form},
                      status=400)
    return render(request, "invitations/create_account.html", {"invitation": invitation, "form": form})
