"""Forms for placements: recording one arranged directly, the day's attendance register, reviews, outcomes and
the register's filters. Services check the same rules again, so a form is only the first line."""

from django import forms
from django.utils import timezone

from send_portal.core.forms import GovukDateField, GovukFilterForm, GovukForm, yes_no_field
from send_portal.people.selectors import children_visible_to

from .commissioning_forms import latest_date_check
from .exclusion_forms import ChildChoiceField
from .models import ApprovedProvider, AttendanceMark, Placement, Tier
from .services import DAY_CODES

NOT_LISTED = "not_listed"


class ProviderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, provider):
        return provider.organisation.name


class DirectPlacementForm(GovukForm):
    child = ChildChoiceField(label="Which pupil is the placement for?", queryset=None, empty_label="Select a pupil",
                             help_text="Only pupils whose records you hold and who have a school are listed.",
                             error_messages={"required": "Select the pupil",
                                             "invalid_choice": "Select a pupil from the list"})
    provider = forms.ChoiceField(
        label="Which provider?", help_text="Choose “Not on the approved provider list” if the school arranged it "
                                           "with another provider.",
        error_messages={"required": "Select the provider", "invalid_choice": "Select a provider from the list"})
    provider_name = forms.CharField(label="If the provider is not on the list: its name", required=False,
                                    max_length=200)
    provider_is_registered_school = forms.TypedChoiceField(
        label="If the provider is not on the list: is it a registered school?", required=False,
        help_text="Registered with the Department for Education as an independent school, or inspected by Ofsted "
                  "as a school.",
        choices=[(True, "Yes"), (False, "No")], widget=forms.RadioSelect, coerce=lambda value: value in (True, "True"),
        empty_value=None)
    tier = forms.ChoiceField(label="Tier", choices=Tier.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the tier"})
    starts_on = GovukDateField(label="Start date")
    hours_per_week = forms.DecimalField(
        label="Hours a week", min_value=0.5, max_value=40, max_digits=3, decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        help_text="18 hours or more counts as full time.",
        error_messages={"required": "Enter the hours a week", "invalid": "Enter the hours a week as a number, like 15",
                        "min_value": "Hours a week must be at least 0.5", "max_value": "Hours a week must be 40 or "
                        "fewer", "max_decimal_places": "Enter hours to one decimal place, like 12.5",
                        "max_digits": "Hours a week must be 40 or fewer"})
    days = forms.MultipleChoiceField(label="Which days?", choices=list(DAY_CODES.items()),
                                     widget=forms.CheckboxSelectMultiple,
                                     error_messages={"required": "Select the days the pupil attends"})
    weekly_cost = forms.DecimalField(
        label="Cost (£ a week)", min_value=0, max_digits=8, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={"required": "Enter the cost a week", "invalid": "Enter the cost as a number, like 450.00",
                        "min_value": "The cost a week must be £0 or more",
                        "max_digits": "The cost a week must be less than £1,000,000",
                        "max_decimal_places": "Enter the cost in pounds and pence, like 450.00"})
    objectives = forms.CharField(label="Objectives", widget=forms.Textarea(attrs={"rows": 5}), max_length=4000,
                                 help_text="What the placement is for, one objective a line.",
                                 error_messages={"required": "Enter the objectives"})
    reintegration_plan = forms.CharField(label="Reintegration plan", widget=forms.Textarea(attrs={"rows": 4}),
                                         max_length=4000, help_text="How and when the pupil returns to school.",
                                         error_messages={"required": "Enter the reintegration plan"})
    reintegration_on = GovukDateField(label="Planned reintegration date", required=False,
                                      help_text="Leave empty if there is no date yet. For example, 27 3 2026")
    named_contact = forms.CharField(label="Named contact at the provider", max_length=200,
                                    help_text="Name and phone number or email address.",
                                    error_messages={"required": "Enter the named contact at the provider"})
    next_review_on = GovukDateField(label="First review date",
                                    help_text="Within 7 weeks of the start: reviews are at least every half term.")
    has_ehc_plan = yes_no_field("Does the pupil have an education, health and care (EHC) plan?",
                                error="Select whether the pupil has an EHC plan")
    is_looked_after = yes_no_field("Is the pupil looked after by a council?",
                                   error="Select whether the pupil is looked after")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children_visible_to(user).filter(current_setting__isnull=False) \
            .select_related("current_setting")
        self.providers = {str(provider.pk): provider for provider in ApprovedProvider.objects.filter(
            status=ApprovedProvider.Status.ADMITTED).select_related("organisation")}
        listed = [(pk, provider.organisation.name) for pk, provider in self.providers.items()]
        self.fields["provider"].choices = [("", "Select a provider"), *listed,
                                           (NOT_LISTED, "Not on the approved provider list")]
        self.fields["provider"].widget = forms.Select()

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("provider")
        cleaned["provider_obj"] = self.providers.get(choice) if choice and choice != NOT_LISTED else None
        if choice == NOT_LISTED:
            if not cleaned.get("provider_name", "").strip():
                self.add_error("provider_name", "Enter the name of the provider")
            if cleaned.get("provider_is_registered_school") is None:
                self.add_error("provider_is_registered_school", "Select whether the provider is a registered school")
        latest_date_check(self, "starts_on", days=2 * 366, message="The start date must be within 2 years")
        return cleaned


class AttendanceDateForm(GovukFilterForm):
    date = GovukDateField(label="Date")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned["date"] > timezone.localdate():
            self.add_error("date", "The date must be today or in the past")
        return cleaned


MARK_CHOICES = [("", "Not recorded"), *AttendanceMark.Mark.choices]


class AttendanceRegisterForm(forms.Form):
    """One select for each pupil's morning and afternoon, named `p<pk>_am` and `p<pk>_pm`; the template lays
    them out as a table."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in rows:
            placement = row["placement"]
            fields = {}
            for session, words in AttendanceMark.Session.choices:
                name = f"p{placement.pk}_{session}"
                self.fields[name] = forms.ChoiceField(
                    label=f"{words} mark for {placement.child.full_name}", choices=MARK_CHOICES, required=False,
                    initial=row[session].mark if row[session] else "",
                    error_messages={"invalid_choice": f"Select one of the listed {words.lower()} marks for "
                                                      f"{placement.child.full_name}"})
                fields[session] = name
            self.rows.append({**row, "am_field": self[fields["am"]], "pm_field": self[fields["pm"]]})

    def marks(self) -> dict:
        return {row["placement"].pk: {"am": self.cleaned_data[row["am_field"].name],
                                      "pm": self.cleaned_data[row["pm_field"].name]} for row in self.rows}


class ReviewForm(GovukForm):
    reviewed_on = GovukDateField(label="Date of the review")
    progress = forms.CharField(label="Progress against each objective", widget=forms.Textarea(attrs={"rows": 6}),
                               max_length=6000, error_messages={"required": "Enter the progress made against each "
                                                                            "objective"})
    next_steps = forms.CharField(label="Next steps (optional)", required=False, max_length=4000,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    next_review_on = GovukDateField(label="Date of the next review", required=False,
                                    help_text="Within 7 weeks of this review. Leave empty only if the placement has "
                                              "ended.")


class OutcomeForm(GovukForm):
    outcome = forms.ChoiceField(label="What happened at the end of the placement?", choices=Placement.Outcome.choices,
                                widget=forms.RadioSelect, error_messages={"required": "Select the outcome"})
    outcome_on = GovukDateField(label="End date")


class RegisterFilterForm(GovukFilterForm):
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any"), *Placement.Status.choices])
    provider = forms.ChoiceField(label="Provider", required=False)
    tier = forms.ChoiceField(label="Tier", required=False, choices=[("", "Any"), *Tier.choices])
    registered = forms.ChoiceField(label="Registered as a school", required=False,
                                   choices=[("", "Any"), ("yes", "Registered school"), ("no", "Not registered")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [
            ("", "Any"), *((str(pk), name) for pk, name in ApprovedProvider.objects.order_by("organisation__name")
                           .values_list("pk", "organisation__name")),
            ("unlisted", "Not on the approved provider list")]
