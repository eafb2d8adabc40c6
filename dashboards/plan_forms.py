"""Forms for the improvement plan pages. Each collects what one service needs; the services check permission and
the rules (a completed action is green, a target differs from its baseline), and `service_errors_to_form` puts
their refusals on the form."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from send_portal.core.forms import GovukDateField, GovukForm

from . import catalogue
from .models import KPI, RAG, ImprovementPlan, PlanAction, Priority

# The indicator choice's value for a KPI whose readings are recorded by hand (a radio cannot carry "").
BY_HAND = "by-hand"


def service_errors_to_form(form, error: ValidationError):
    """A service's refusal on the form: field errors by name, anything else at the top of the error summary."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, messages)
    else:
        form.add_error(None, error.messages)


def _max_length(model, field):
    return model._meta.get_field(field).max_length


def _text(label, *, model, field, required_error, help_text="", required=True):
    length = _max_length(model, field)
    return forms.CharField(label=label, max_length=length, required=required, help_text=help_text,
                           error_messages={"required": required_error,
                                           "max_length": f"{label} must be {length:,} characters or fewer"})


def _long_text(label, *, required_error="", help_text="", required=True, rows=4):
    return forms.CharField(label=label, required=required, help_text=help_text, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": required_error,
                                           "max_length": f"{label} must be 5,000 characters or fewer"})


def _figure(label, *, help_text=""):
    """A KPI figure: a number with at most one decimal place, typed into a text box (GOV.UK advises against
    number inputs)."""
    name = label.lower()
    return forms.DecimalField(
        label=label, help_text=help_text, max_digits=12, decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false",
                                      "class": "govuk-input govuk-input--width-10"}),
        error_messages={"required": f"Enter the {name}",
                        "invalid": f"The {name} must be a number, like 46.4",
                        "max_decimal_places": f"The {name} can have no more than 1 decimal place",
                        "max_digits": f"The {name} is too long",
                        "max_whole_digits": f"The {name} is too long"})


class _OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.full_name} ({user.email})" if user.full_name else user.email


def _owner_field(owners, label):
    return _OwnerChoiceField(
        queryset=owners, label=label, empty_label="Choose a person",
        help_text="Anyone who reads this council's dashboards can own part of the plan.",
        error_messages={"required": "Choose who owns it", "invalid_choice": "Choose someone from the list"})


class _NotInTheFutureMixin:
    def _not_in_the_future(self, name, message):
        day = self.cleaned_data.get(name)
        if day and day > timezone.localdate():
            raise forms.ValidationError(message)
        return day


class PlanForm(GovukForm):
    council = forms.ModelChoiceField(queryset=None, label="Council", widget=forms.RadioSelect, empty_label=None,
                                     error_messages={"required": "Choose the council the plan is for",
                                                     "invalid_choice": "Choose one of your councils"})
    kind = forms.ChoiceField(label="Kind of plan", choices=ImprovementPlan.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of plan",
                                             "invalid_choice": "Choose one of the kinds of plan listed"})
    title = _text("Title", model=ImprovementPlan, field="title", required_error="Enter the plan's title",
                  help_text="For example, Written Statement of Action 2026 to 2028")
    starts_on = GovukDateField(label="Start date")
    ends_on = GovukDateField(label="End date")

    def __init__(self, *args, councils, **kwargs):
        """`councils` are the councils the person shapes plans for; the choice is shown only when there are
        several."""
        super().__init__(*args, **kwargs)
        self._councils = list(councils)
        if len(self._councils) > 1:
            self.fields["council"].queryset = councils
        else:
            del self.fields["council"]

    def clean(self):
        data = super().clean()
        if len(self._councils) == 1:
            data["council"] = self._councils[0]
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", "The end date must be after the start date")
        return data


class PriorityForm(GovukForm):
    title = _text("Priority", model=Priority, field="title", required_error="Enter the priority",
                  help_text="For example, Improve the timeliness of EHC needs assessments")
    description = _long_text("Description", required=False,
                             help_text="Optional. Why it matters and what the inspection found.")

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner_field(owners, "Owner")
        self.order_fields(["title", "description", "owner"])


class ActionForm(GovukForm):
    title = _text("Action", model=PlanAction, field="title", required_error="Say what the action is",
                  help_text="For example, Recruit two more educational psychologists")
    baseline = _text("Baseline", model=PlanAction, field="baseline", required_error="", required=False,
                     help_text="Optional. Where things stood when the action began.")
    target = _text("Target", model=PlanAction, field="target", required_error="Say what done looks like",
                   help_text="What done looks like.")
    due_on = GovukDateField(label="Due date")

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner_field(owners, "Owner")
        self.order_fields(["title", "owner"])


class ActionUpdateForm(_NotInTheFutureMixin, GovukForm):
    rag = forms.ChoiceField(label="Status", choices=RAG.choices, widget=forms.RadioSelect,
                            error_messages={"required": "Choose the action's status",
                                            "invalid_choice": "Choose one of the statuses listed"})
    progress = _long_text("Progress", required=False, rows=5,
                          help_text="The latest progress, in plain English. The board reads it in the board pack.")
    completed_on = GovukDateField(label="Date it was completed", required=False,
                                  help_text="Leave this blank until the action is done. For example, 27 3 2026")
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean_completed_on(self):
        return self._not_in_the_future("completed_on", "The date it was completed must be today or in the past")


class KPIForm(GovukForm):
    title = _text("Key performance indicator (KPI)", model=KPI, field="title", required_error="Enter the KPI's name",
                  help_text="For example, New EHC plans issued within 20 weeks")
    indicator = forms.ChoiceField(label="Where its figures come from",
                                  help_text="A live dashboard indicator, or readings its owner records by hand.",
                                  error_messages={"required": "Choose where the KPI's figures come from",
                                                  "invalid_choice": "Choose one of the options listed"})
    higher_is_better = forms.TypedChoiceField(
        label="For a KPI recorded by hand: is a higher figure better?", required=False, widget=forms.RadioSelect,
        choices=[(True, "Yes, higher is better"), (False, "No, lower is better")],
        coerce=lambda value: value in (True, "True"), empty_value=None,
        help_text="A KPI bound to a live indicator takes its direction from the indicator.")
    baseline = _figure("Baseline", help_text="The figure when the plan began.")
    target = _figure("Target")
    target_date = GovukDateField(label="Date the target should be met")

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        # A select, not radios: the dashboards offer too many indicators for a list of radios.
        self.fields["indicator"].choices = [
            ("", "Choose where its figures come from"), (BY_HAND, "Recorded by hand by its owner"),
            *((indicator.slug, f"Live: {indicator.title}")
              for indicator in catalogue.INDICATORS if indicator.higher_is_better is not None)]
        self.fields["owner"] = _owner_field(owners, "Owner")
        self.order_fields(["title", "owner"])

    def clean_indicator(self):
        chosen = self.cleaned_data["indicator"]
        return "" if chosen == BY_HAND else chosen


class ReadingForm(_NotInTheFutureMixin, GovukForm):
    value = _figure("Figure")
    measured_on = GovukDateField(label="Date it was measured")

    def clean_measured_on(self):
        return self._not_in_the_future("measured_on", "The date it was measured must be today or in the past")


class ExceptionReportForm(GovukForm):
    commentary = _long_text("Why is the KPI off track?", required_error="Say why the KPI is off track", rows=6)
    recovery_action = _long_text("What will be done to bring it back on track?",
                                 required_error="Say what will be done to bring it back on track", rows=6)
    recovery_by = GovukDateField(label="Date it will be back on track")


class BoardPackForm(GovukForm):
    quarter = forms.ChoiceField(label="Quarter", widget=forms.RadioSelect,
                                error_messages={"required": "Choose the quarter the board pack is for",
                                                "invalid_choice": "Choose one of the quarters listed"})

    def __init__(self, *args, quarters, **kwargs):
        """`quarters` are the quarters of the plan offered (selectors_plan.quarters_offered), newest first."""
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(quarter.key, quarter.label) for quarter in quarters]
