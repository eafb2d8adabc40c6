from django import forms

from send_portal.core.forms import GovukForm


class SubjectAccessForm(GovukForm):
    kind = forms.ChoiceField(
        label="Whose records do you need?", widget=forms.RadioSelect,
        choices=[("child", "A child or young person"), ("person", "A parent, carer or other person with an account")],
        error_messages={"required": "Select whose records you need"})
    identifier = forms.CharField(
        label="Child's reference or person's email address", max_length=254,
        help_text="For a child, the portal reference on their record. For a person, the email address they sign "
                  "in with.",
        error_messages={"required": "Enter the child's reference or the person's email address"})
