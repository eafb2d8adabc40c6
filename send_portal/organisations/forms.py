from django import forms

from send_portal.core.forms import GovukFilterForm, InviteeForm

from .models import AdviserSpecialism, OrganisationKind, Role


class OrganisationFilterForm(GovukFilterForm):
    q = forms.CharField(label="Name", required=False, max_length=100)
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "All types"), *OrganisationKind.choices])


class StaffInviteForm(InviteeForm):
    email_label = "Their work email address"
    role = forms.ChoiceField(label="Their role", widget=forms.RadioSelect,
                             error_messages={"required": "Select their role"})
    specialism = forms.ChoiceField(label="Their specialism (advisers only)", required=False,
                                   choices=[("", "Not an adviser"), *AdviserSpecialism.choices],
                                   widget=forms.RadioSelect)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]
        if Role.ADVISER not in roles:
            del self.fields["specialism"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.ADVISER and not cleaned.get("specialism"):
            self.add_error("specialism", "Select the adviser's specialism")
        return cleaned
