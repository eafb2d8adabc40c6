from allauth.account.forms import SignupForm
from django import forms

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
