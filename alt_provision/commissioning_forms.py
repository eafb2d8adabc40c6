"""Forms for commissioning placements: the requirement, sending it to providers, the provider's offer and the
award."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone

from send_portal.core.forms import GovukDateField, GovukForm, yes_no_field

from .models import Lot, Tier
from .selectors.commissioning import AP_DAYS, child_has_ehc_plan

HOURS_ERROR = "Hours per week must be more than 0 and no more than 40"


def _hours_field(label="Hours per week"):
    return forms.DecimalField(
        label=label, max_digits=4, decimal_places=1, min_value=Decimal("0.1"), max_value=Decimal("40"),
        help_text="More than 0 and no more than 40, for example 15 or 22.5.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the hours per week", "invalid": "Hours per week must be a number, like 15",
                        "min_value": HOURS_ERROR, "max_value": HOURS_ERROR,
                        "max_digits": HOURS_ERROR, "max_decimal_places": "Hours per week can have 1 decimal place",
                        "max_whole_digits": HOURS_ERROR})


def _money_field(label, *, required_message, help_text=""):
    return forms.DecimalField(
        label=label, max_digits=8, decimal_places=2, min_value=Decimal("0"), help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={"required": required_message, "invalid": f"{label} must be an amount of money, like 450.00",
                        "min_value": f"{label} must be £0 or more",
                        "max_digits": f"{label} must be less than £1,000,000",
                        "max_whole_digits": f"{label} must be less than £1,000,000",
                        "max_decimal_places": f"{label} can have at most 2 decimal places (pence)"})


def _text(label, *, required_message, help_text="", rows=4):
    return forms.CharField(label=label, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": required_message})


class RequirementForm(GovukForm):
    child = forms.ModelChoiceField(label="Which pupil is the placement for?", queryset=None,
                                   empty_label="Choose a pupil",
                                   help_text="Providers will not see the pupil's name.",
                                   error_messages={"required": "Select the pupil the placement is for",
                                                   "invalid_choice": "Select a pupil from the list"})
    lot = forms.ModelChoiceField(label="Lot", queryset=Lot.objects.all(), empty_label="Choose a lot",
                                 help_text="The part of the approved provider list the placement comes from.",
                                 error_messages={"required": "Select the lot",
                                                 "invalid_choice": "Select a lot from the list"})
    needs_summary = _text("The pupil's needs", required_message="Enter a summary of the pupil's needs", rows=5,
                          help_text="Providers will read this. Describe the support and setting the pupil needs "
                                    "that the provider must be able to meet. Do not include diagnoses or medical "
                                    "conditions, the pupil's name, or other details that could identify them.")
    has_ehc_plan = yes_no_field("Does the pupil have an education, health and care (EHC) plan?",
                                help_text="If yes, the provider must be able to meet the plan.",
                                error="Select yes if the pupil has an education, health and care (EHC) plan")
    is_looked_after = yes_no_field("Is the pupil looked after by a council?",
                                   error="Select yes if the pupil is looked after by a council")
    area = forms.CharField(label="Where", max_length=120, help_text="The town or area the pupil can travel to.",
                           error_messages={"required": "Enter the town or area the pupil can travel to"})
    start_on = GovukDateField(label="Start date")
    hours_per_week = _hours_field()
    days = forms.MultipleChoiceField(label="Which days?", choices=AP_DAYS, widget=forms.CheckboxSelectMultiple,
                                     help_text="Select all that apply.",
                                     error_messages={"required": "Select the days the pupil will attend"})
    objectives = _text("Objectives", required_message="Enter the objectives of the placement",
                       help_text="What the placement should achieve, one per line.")
    tier = forms.ChoiceField(label="Alternative provision tier", choices=Tier.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the alternative provision tier"})
    reintegration_aim = _text("Reintegration aim", required_message="Enter the reintegration aim",
                              help_text="How and when the pupil should return to their school or move on.")
    budget = _money_field("Budget", required_message="Enter the budget per week",
                          help_text="In pounds per week, for example 450.")

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        self.fields["child"].label_from_instance = lambda child: f"{child.full_name} ({child.reference})"

    def clean(self):
        cleaned = super().clean()
        child = cleaned.get("child")
        if child is not None and cleaned.get("has_ehc_plan") is False and child_has_ehc_plan(child):
            self.add_error("has_ehc_plan", "The council's records show this pupil has a final education, health "
                                           "and care (EHC) plan: select yes")
        cleaned["days"] = ",".join(code for code, _ in AP_DAYS if code in (cleaned.get("days") or []))
        latest_date_check(self, "start_on", days=2 * 366, message="The start date must be within 2 years")
        return cleaned


def latest_date_check(form, field: str, *, days: int, message: str) -> None:
    """Dates far in the future are almost always typing mistakes, and would overflow date arithmetic."""
    value = form.cleaned_data.get(field)
    if value is not None and value > timezone.localdate() + dt.timedelta(days=days):
        form.add_error(field, message)


class CallOffForm(GovukForm):
    offers_by = GovukDateField(label="Offers close on")

    def clean(self):
        cleaned = super().clean()
        latest_date_check(self, "offers_by", days=92, message="Offers must close within 3 months")
        return cleaned


class OfferForm(GovukForm):
    price = _money_field("Price", required_message="Enter your price per week",
                         help_text="In pounds per week, for example 450.")
    start_on = GovukDateField(label="Start date")
    hours_per_week = _hours_field()
    staffing = _text("Staffing", required_message="Enter who will teach and support the pupil",
                     help_text="Who will teach and support the pupil, their qualifications, and the staff ratio.")
    notes = forms.CharField(label="Anything else (optional)", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        latest_date_check(self, "start_on", days=2 * 366, message="The start date must be within 2 years")
        return cleaned


class AwardForm(GovukForm):
    reasons = _text("Reasons for the award", required_message="Enter the reasons for the award",
                    help_text="Why this offer best meets the pupil's needs and gives value for money. The council "
                              "and the school keep these reasons.")
    named_contact = forms.CharField(label="Named contact at the provider", max_length=200,
                                    help_text="The person at the provider the school contacts about the placement.",
                                    error_messages={"required": "Enter the name of the contact at the provider"})
    next_review_on = GovukDateField(label="First review date",
                                    help_text="At least every half term. For example, 27 3 2026")


class ConfirmForm(GovukForm):
    """A confirmation with nothing to fill in; the page explains what happens."""
