from django import forms
from django.contrib.auth.password_validation import validate_password

from send_portal.core.forms import GovukForm


class NewAccountForm(GovukForm):
    full_name = forms.CharField(label="Full name", max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}),
                                error_messages={"required": "Enter your full name"})
    password = forms.CharField(
        label="Create a password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Three random words make a strong password you can remember.",
        error_messages={"required": "Enter a password"},
    )
    password_again = forms.CharField(label="Type your password again",
                                     widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                     error_messages={"required": "Type your password again"})

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password and cleaned.get("password_again") and password != cleaned["password_again"]:
            self.add_error("password_again", "The passwords do not match")
        if password:
            from django.contrib.auth import get_user_model

            try:
                validate_password(password, get_user_model()(email=self.email, full_name=cleaned.get("full_name", "")))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned
