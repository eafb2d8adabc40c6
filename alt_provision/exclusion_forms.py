"""Forms for the statutory clocks: exclusions, the start of full-time education, health absences, referrals
and the council's school calendar. Services check the same rules again, so a form is only the first line."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from send_portal.core.forms import GovukDateField, GovukFilterForm, GovukForm
from send_portal.people.selectors import children_visible_to

from .models import Exclusion
from .selectors import EXCLUSION_STATUSES
from .services import MAX_SUSPENSION_DAYS


class ChildChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, child):
        school = f", {child.current_setting.name}" if child.current_setting_id else ""
        return f"{child.full_name} ({child.reference}{school})"


def _child_field(label):
    return ChildChoiceField(label=label, queryset=None, empty_label="Select a child",
                            help_text="Only children whose records you hold are listed.",
                            error_messages={"required": "Select the child",
                                            "invalid_choice": "Select a child from the list"})


def _not_in_future(form, name, message):
    value = form.cleaned_data.get(name)
    if value and value > timezone.localdate():
        form.add_error(name, message)


class ExclusionForm(GovukForm):
    child = _child_field("Which child has been excluded?")
    kind = forms.ChoiceField(label="What kind of exclusion is it?", choices=Exclusion.Kind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select whether this is a permanent exclusion or a "
                                                         "suspension"})
    first_day = GovukDateField(label="First day of exclusion",
                               help_text="The first day the pupil is not allowed in school. For example, 27 3 2026")
    school_days = forms.IntegerField(
        label="For a suspension: how many school days does it last?", required=False, min_value=1,
        max_value=MAX_SUSPENSION_DAYS,
        help_text="Leave this empty for a permanent exclusion. A suspension of more than 5 school days means the "
                  "school must arrange full-time education from the sixth school day.",
        error_messages={"invalid": "Enter the number of school days as a whole number, like 6",
                        "min_value": "A suspension must last at least 1 school day",
                        "max_value": f"A suspension cannot last more than {MAX_SUSPENSION_DAYS} school days"})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children_visible_to(user).filter(current_setting__isnull=False)

    def clean(self):
        cleaned = super().clean()
        _not_in_future(self, "first_day", "The first day of exclusion must be today or in the past")
        if cleaned.get("kind") == Exclusion.Kind.SUSPENSION and cleaned.get("school_days") is None \
                and "school_days" not in self.errors:
            self.add_error("school_days", "Enter how many school days the suspension lasts")
        if cleaned.get("kind") == Exclusion.Kind.PERMANENT and cleaned.get("school_days") is not None:
            self.add_error("school_days", "Leave the number of school days empty for a permanent exclusion")
        return cleaned


class ProvisionForm(GovukForm):
    starts_on = GovukDateField(label="Date full-time education started")
    details = forms.CharField(
        label="Where is the education, and for how many hours a week?", widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter where the education is and how many hours a week"})

    def clean(self):
        cleaned = super().clean()
        _not_in_future(self, "starts_on", "The date full-time education started must be today or in the past")
        return cleaned


class HealthAbsenceForm(GovukForm):
    child = _child_field("Which child was absent?")
    first_day = GovukDateField(label="First day absent")
    last_day = GovukDateField(label="Last day absent", required=False,
                              help_text="Leave this empty for a single day. For a spell of absence, every school day "
                                        "from the first to the last day is recorded. For example, 27 3 2026")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children_visible_to(user).filter(current_setting__isnull=False)

    def clean(self):
        cleaned = super().clean()
        _not_in_future(self, "first_day", "The first day absent must be today or in the past")
        _not_in_future(self, "last_day", "The last day absent must be today or in the past")
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first and "last_day" not in self.errors:
            self.add_error("last_day", "The last day absent must be the same as or after the first day")
        return cleaned


class AcknowledgeForm(GovukForm):
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        help_text="For example, who in the health needs education team is taking this on.")


class CalendarEntryForm(GovukForm):
    name = forms.CharField(max_length=120, error_messages={"required": "Enter a name"})
    starts_on = GovukDateField(label="First day")
    ends_on = GovukDateField(label="Last day")

    def __init__(self, *args, name_label, name_hint, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = name_label
        self.fields["name"].help_text = name_hint

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The last day must be the same as or after the first day")
        if starts_on and ends_on and (ends_on - starts_on).days > 366:
            self.add_error("ends_on", "The dates must be less than a year apart")
        return cleaned


class ExclusionFilterForm(GovukFilterForm):
    q = forms.CharField(label="Child's name or reference", required=False, max_length=100)
    status = forms.ChoiceField(label="Sixth-day duty", required=False,
                               choices=[("", "Any"), *EXCLUSION_STATUSES])
    kind = forms.ChoiceField(label="Kind of exclusion", required=False, choices=[("", "Any"), *Exclusion.Kind.choices])


def errors_from(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has it, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error)
