from django import forms
from django.utils import timezone

from send_portal.core.forms import GovukDateField, GovukForm, InviteeForm, yes_no_field
from send_portal.organisations.selectors import local_authorities_for, settings_directory

from .models import Decision, Relationship, Sex


class ChildDetailsForm(GovukForm):
    given_name = forms.CharField(label="First name", max_length=100,
                                 error_messages={"required": "Enter the child or young person's first name"})
    family_name = forms.CharField(label="Last name", max_length=100,
                                  error_messages={"required": "Enter the child or young person's last name"})
    preferred_name = forms.CharField(label="Preferred name (optional)", max_length=100, required=False,
                                     help_text="The name they like to be called, if it is different")
    date_of_birth = GovukDateField(label="Date of birth")
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect,
                            error_messages={"required": "Select the child or young person's sex, or 'Not known'"})
    upn = forms.CharField(label="Unique pupil number (UPN) (optional)", max_length=13, required=False,
                          help_text="13 characters, for example A123456789012")
    postcode = forms.CharField(label="Home postcode (optional)", max_length=8, required=False,
                               widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))
    own_email = forms.EmailField(
        label="The young person's own email address (optional)", required=False,
        help_text="At the end of the school year in which they turn 16, decisions pass to the young person, and the "
                  "portal invites them to their own account at this address.")

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError("The date of birth must be today or in the past")
        if (today - born).days > 26 * 366:
            raise forms.ValidationError("The portal is for children and young people aged 0 to 25")
        return born

    def clean_upn(self):
        return self.cleaned_data["upn"].strip().upper()

    def clean_postcode(self):
        return " ".join(self.cleaned_data["postcode"].upper().split())


class ChildSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100,
                        error_messages={"max_length": "Search for a name or reference of 100 characters or fewer",
                                        "null_characters_not_allowed": "Search for a name or reference using "
                                                                       "letters and numbers"})


class ChildRegisterForm(ChildDetailsForm):
    home_local_authority = forms.ModelChoiceField(
        label="Home local authority", queryset=None, empty_label=None,
        error_messages={"required": "Select the child or young person's home local authority"},
    )
    current_setting = forms.ModelChoiceField(
        label="Current school or setting (optional)", queryset=None, required=False,
        empty_label="Not in a school or setting",
    )

    def __init__(self, *args, user, any_council=False, **kwargs):
        from send_portal.organisations.models import Organisation, OrganisationKind

        super().__init__(*args, **kwargs)
        self.fields["home_local_authority"].queryset = (
            Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY, is_active=True) if any_council
            else local_authorities_for(user))
        self.fields["current_setting"].queryset = settings_directory()


class ChildSettingForm(GovukForm):
    current_setting = forms.ModelChoiceField(
        label="School or setting", queryset=None, required=False, empty_label="Not in a school or setting",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["current_setting"].queryset = settings_directory()


class FamilyInviteForm(InviteeForm):
    relationship = forms.ChoiceField(label="Their relationship to the child or young person",
                                     choices=Relationship.choices, widget=forms.RadioSelect,
                                     error_messages={"required": "Select their relationship"})
    has_parental_responsibility = yes_no_field(
        "Do they have parental responsibility?",
        error="Select yes if they have parental responsibility",
        help_text="Check this against the records you hold before you send the invitation",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("relationship") == Relationship.SELF and cleaned.get("has_parental_responsibility"):
            self.add_error("has_parental_responsibility",
                           "A young person does not hold parental responsibility for themselves")
        return cleaned


class CapacityDecisionForm(GovukForm):
    decision = forms.ChoiceField(label="Which decision does this cover?", choices=Decision.choices,
                                 widget=forms.RadioSelect, error_messages={"required": "Select the decision"})
    assessed_on = GovukDateField(label="Date of the capacity assessment")
    representative_email = forms.EmailField(
        label="Email address of the person acting for them (optional)", required=False,
        help_text="They must already have an account. Leave blank if a parent acts for the young person.",
    )
    basis = forms.CharField(label="How the assessment was made, and by whom", widget=forms.Textarea,
                            max_length=2000,
                            error_messages={"required": "Describe how the capacity assessment was made"})

    def clean_representative_email(self):
        from django.contrib.auth import get_user_model

        email = self.cleaned_data["representative_email"].strip().lower()
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError("There is no account with this email address. Invite them first")
        return user
