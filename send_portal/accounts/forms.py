from allauth.account.forms import SignupForm
from django import forms
from django.contrib.auth.hashers import make_password

from .models import FamilyRole


class FamilySignupForm(SignupForm):
    full_name = forms.CharField(label="Full name", max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "name", "spellcheck": "false"}))
    family_role = forms.ChoiceField(
        label="Who are you?",
        choices=[
            (FamilyRole.PARENT_CARER, "I am a parent or carer of a child or young person"),
            (FamilyRole.YOUNG_PERSON, "I am a young person aged 16 to 25"),
        ],
        widget=forms.RadioSelect,
        help_text="Signing up does not show you any records yet. A caseworker links your account to a child "
                  "after checking who you are, or you can accept an invitation you have been sent.",
    )
    field_order = ["full_name", "email", "family_role", "password1", "password2"]

    def try_save(self, request):
        if self.account_already_exists:
            # allauth answers as if it made an account but skips the work, so without this an address that is
            # already registered came back about a second sooner (C-14). Making a new account costs one password
            # hash, so spend the same here.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
