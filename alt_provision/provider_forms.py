"""Forms for the approved provider list: the provider's application tasks and the commissioning officers'
evaluation, status and visit pages."""

import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from ehc.uploads import inspect_upload
from send_portal.core.forms import GovukDateField, GovukFilterForm, GovukForm, yes_no_field

from .models import ApprovedProvider, Criterion, Lot, QualityVisit
from .selectors.providers import QA_CHECKLIST

URN = re.compile(r"^\d{6,7}$")


class ContactForm(GovukForm):
    contact_name = forms.CharField(label="Contact name", max_length=150,
                                   error_messages={"required": "Enter the name of the person to contact"})
    contact_email = forms.EmailField(label="Contact email address", max_length=254, error_messages={
        "required": "Enter the contact's email address",
        "invalid": "Enter an email address in the correct format, like name@example.com"})
    contact_phone = forms.CharField(label="Contact phone number", max_length=40,
                                    error_messages={"required": "Enter the contact's phone number"})


class RegistrationForm(GovukForm):
    registration = forms.ChoiceField(
        label="Is your organisation registered as a school?", widget=forms.RadioSelect,
        choices=ApprovedProvider.Registration.choices,
        help_text="Registered schools are inspected by Ofsted (or an independent school inspectorate) and have a "
                  "unique reference number (URN).",
        error_messages={"required": "Select whether your organisation is registered as a school"})
    urn = forms.CharField(label="Unique reference number (URN)", required=False, max_length=7,
                          help_text="If registered: 6 or 7 digits, for example 123456. You can find it on "
                                    "Get information about schools.")

    def clean(self):
        cleaned = super().clean()
        urn = (cleaned.get("urn") or "").strip()
        if cleaned.get("registration") == ApprovedProvider.Registration.REGISTERED_SCHOOL:
            if not urn:
                self.add_error("urn", "Enter your unique reference number (URN)")
            elif not URN.match(urn):
                self.add_error("urn", "The unique reference number (URN) must be 6 or 7 digits, like 123456")
        cleaned["urn"] = urn
        return cleaned


class LotsForm(GovukForm):
    lots = forms.ModelMultipleChoiceField(
        label="Which lots do you want to join?", queryset=Lot.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Some lots are only for registered schools.",
        error_messages={"required": "Select at least one lot to apply for"})

    def __init__(self, *args, lots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lots"].queryset = lots
        self.fields["lots"].label_from_instance = lambda lot: (
            f"{lot.name} (registered schools only)" if lot.registered_schools_only else lot.name)


class EvidenceForm(GovukForm):
    summary = forms.CharField(label="Summary", max_length=300, error_messages={
        "required": "Enter a summary of the evidence", "max_length": "The summary must be 300 characters or fewer"})
    valid_from = GovukDateField(label="Date it is valid from")
    expires_on = GovukDateField(label="Expiry date")
    document = forms.FileField(label="Upload a copy (optional)", required=False,
                               help_text="A PDF, Word document (DOCX), PNG or JPEG, smaller than 10MB.",
                               error_messages={"empty": "The selected file is empty",
                                               "invalid": "The selected file could not be read: choose it again"})

    def __init__(self, *args, summary_hint="", **kwargs):
        super().__init__(*args, **kwargs)
        if summary_hint:
            self.fields["summary"].help_text = summary_hint

    @property
    def helper(self):
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # the page's form carries the token
        small = {"legend_size": Size.for_legend(Size.SMALL)}
        helper.layout = Layout(Field.text("summary"), Field("valid_from", context=small),
                               Field("expires_on", context=small), Field("document"))
        return helper

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            inspect_upload(upload)
            upload.seek(0)
        return upload

    def clean(self):
        cleaned = super().clean()
        valid_from, expires_on = cleaned.get("valid_from"), cleaned.get("expires_on")
        if valid_from and expires_on and expires_on <= valid_from:
            self.add_error("expires_on", "The expiry date must be after the date it is valid from")
        return cleaned


class ChecksForm(GovukForm):
    """One yes-or-no question per criterion, each with a note (needed when the answer is no)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Criterion.choices:
            self.fields[value] = yes_no_field(label, error=f"Select whether this is met: {label.lower()}")
            self.fields[f"{value}_note"] = forms.CharField(label=f"Note about: {label[0].lower()}{label[1:]}",
                                                           required=False, widget=forms.Textarea(
                attrs={"rows": 2}), help_text="Needed if it is not met.")

    def clean(self):
        cleaned = super().clean()
        for value, label in Criterion.choices:
            if cleaned.get(value) is False and not (cleaned.get(f"{value}_note") or "").strip():
                self.add_error(f"{value}_note", f"Explain why this is not met: {label.lower()}")
        return cleaned

    def results(self) -> dict:
        return {value: (self.cleaned_data[value], self.cleaned_data[f"{value}_note"]) for value in Criterion.values}


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(label="Your decision", widget=forms.RadioSelect,
                                 choices=[("admit", "Admit to the approved provider list"),
                                          ("refuse", "Refuse the application")],
                                 error_messages={"required": "Select whether to admit or refuse the provider"})
    lots = forms.ModelMultipleChoiceField(label="If admitting: which lots?", queryset=Lot.objects.none(),
                                          required=False, widget=forms.CheckboxSelectMultiple)
    reasons = forms.CharField(label="Reasons", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="Needed to refuse. The provider will see these.")

    def __init__(self, *args, lots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lots"].queryset = lots

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "refuse" and not (cleaned.get("reasons") or "").strip():
            self.add_error("reasons", "Enter the reasons for refusing the application")
        if cleaned.get("decision") == "admit" and not cleaned.get("lots"):
            self.add_error("lots", "Select the lots to admit the provider to")
        return cleaned


class ReasonForm(GovukForm):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="The provider will see this in their history.")

    def __init__(self, *args, required_message="Enter the reason", required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        self.fields["reason"].error_messages["required"] = required_message
        if not required:
            self.fields["reason"].label = "Reason (optional)"


class VisitForm(GovukForm):
    visited_on = GovukDateField(label="Date of the visit")
    checklist = forms.MultipleChoiceField(label="Which of these were seen to be in place?", choices=QA_CHECKLIST,
                                          required=False, widget=forms.CheckboxSelectMultiple,
                                          help_text="Select all that apply.")
    findings = forms.CharField(label="Findings", widget=forms.Textarea(attrs={"rows": 5}),
                               error_messages={"required": "Enter what the visit found"})
    actions = forms.CharField(label="Actions for the provider", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.ChoiceField(label="Outcome", widget=forms.RadioSelect, choices=QualityVisit.Outcome.choices,
                                error_messages={"required": "Select the outcome of the visit"})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == QualityVisit.Outcome.ACTIONS and not (cleaned.get("actions") or "").strip():
            self.add_error("actions", "Enter the actions the provider must take")
        return cleaned


class ProviderFilterForm(GovukFilterForm):
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *ApprovedProvider.Status.choices])
    lot = forms.ChoiceField(label="Lot", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].choices = [("", "Any lot"), *Lot.objects.values_list("code", "name")]


def validation_to_form(form, error: ValidationError):
    """Put a service's refusal on the form: field errors by name, the rest at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
