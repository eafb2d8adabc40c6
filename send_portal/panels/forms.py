from django import forms

from send_portal.core.forms import GovukDateField, GovukForm

from .models import Action, ConflictDeclaration


class RecommendationForm(GovukForm):
    recommendation = forms.ChoiceField(label="The panel's decision", widget=forms.RadioSelect,
                                       error_messages={"required": "Choose the panel's decision"})
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea, max_length=5000,
                              error_messages={"required": "Give the panel's reasons",
                                              "max_length": "The reasons must be 5,000 characters or fewer"})

    def __init__(self, *args, choices, **kwargs):
        """`choices` are the item's decision choices (selectors.decision_choices), so each kind of record offers
        its own: an alternative provision panel approves a placement at a tier."""
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].choices = choices
        self.fields["recommendation"].error_messages["invalid_choice"] = "Choose one of the decisions listed"


class ConflictForm(GovukForm):
    nature = forms.CharField(
        label="What is your interest in this item?", widget=forms.Textarea(attrs={"rows": 3}),
        max_length=ConflictDeclaration._meta.get_field("nature").max_length,
        help_text="For example: I teach at the referring school, or I know the family. Once you declare it you "
                  "will not be able to read this item's papers or take part in its decision.",
        error_messages={"required": "Say what the conflict of interest is",
                        "max_length": "The conflict of interest must be 300 characters or fewer"})


class ActionForm(GovukForm):
    description = forms.CharField(
        label="What needs to be done?", widget=forms.Textarea(attrs={"rows": 3}),
        max_length=Action._meta.get_field("description").max_length,
        error_messages={"required": "Say what needs to be done",
                        "max_length": "The action must be 300 characters or fewer"})
    owner = forms.TypedChoiceField(label="Who will do it?", widget=forms.RadioSelect, coerce=int,
                                   error_messages={"required": "Choose who will do it",
                                                   "invalid_choice": "Choose one of the panel's members"})
    due_on = GovukDateField(label="Date it is due")

    def __init__(self, *args, members, **kwargs):
        """`members` are the panel's current members (selectors.current_members): only they can own an action."""
        super().__init__(*args, **kwargs)
        self._users = {member.user_id: member.user for member in members}
        self.fields["owner"].choices = [
            (member.user_id, f"{member.user} ({member.get_role_display().split(' (')[0]})") for member in members]

    def clean_owner(self):
        return self._users[self.cleaned_data["owner"]]


class AttendanceForm(GovukForm):
    present = forms.TypedMultipleChoiceField(
        label="Who attended?", widget=forms.CheckboxSelectMultiple, coerce=int,
        help_text="Select everyone who took part, in the room or online. The minutes list the others as not present.",
        error_messages={"required": "Select the members who attended",
                        "invalid_choice": "Select members of this panel"})

    def __init__(self, *args, members, **kwargs):
        """`members` are the panel's current members (selectors.current_members)."""
        super().__init__(*args, **kwargs)
        self._members = {member.pk: member for member in members}
        self.fields["present"].choices = [
            (member.pk, f"{member.user} ({member.get_role_display().split(' (')[0]})") for member in members]

    def clean_present(self):
        return [self._members[pk] for pk in self.cleaned_data["present"]]
