"""Forms for referrals to the alternative provision panel: the referral itself, withdrawing it, and the clerk's
triage. Services check the same rules again, so a form is only the first line. Every answer about the five checks
may be left blank: the service sends an incomplete referral back with what is missing."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout, Size
from django import forms

from send_portal.core.forms import GovukDateField, GovukForm, _layout_item

from .exclusion_forms import ChildChoiceField
from .models import PanelReferral, Tier
from .selectors import REFERRAL_CHECKS, RISK_ASSESSMENT_CURRENT_DAYS

NO_TIER = ""


def _text(label, *, help_text="", rows=4, required=False, required_message=""):
    return forms.CharField(label=label, help_text=help_text, required=required,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": required_message} if required_message else None)


def _line(label, *, max_length, help_text=""):
    return forms.CharField(label=label, help_text=help_text, required=False, max_length=max_length,
                           error_messages={"max_length": f"{label} must be {max_length} characters or fewer"})


def _hint(text):
    return HTML(f'<div class="govuk-hint">{text}</div>')


# The five checks, grouped as the referrer answers them: legend, plain-English hint, fields.
CHECK_GROUPS = (
    ("Parent's consent",
     "The panel can only consider a referral the parent has agreed to. Give the date the consent form was signed "
     "and who signed it.",
     ("parent_consent_signed_on", "parent_consent_signed_by")),
    ("The child's and parent's views",
     "What the pupil and their parent think about school now and what would help. Use their own words if you "
     "can.",
     ("child_views", "parent_views")),
    ("Risk assessment",
     f"A risk assessment dated within the last {RISK_ASSESSMENT_CURRENT_DAYS} days, and what it found.",
     ("risk_assessment_on", "risk_assessment_summary")),
    ("What has been tried",
     "The support the school has already put in place, for how long, and what difference it made.",
     ("interventions",)),
    ("Lead professional",
     "The person who coordinates support for the pupil and who the panel can contact about the referral.",
     ("lead_professional", "lead_professional_contact")),
)


class ReferralForm(GovukForm):
    """The referral. Without `children` (when changing a referral) the pupil cannot be changed."""

    child = ChildChoiceField(label="Which pupil are you referring?", queryset=None, empty_label="Select a pupil",
                             help_text="Only pupils at your school or in your council's area are listed.",
                             error_messages={"required": "Select the pupil you are referring",
                                             "invalid_choice": "Select a pupil from the list"})
    reason = forms.ChoiceField(label="Why are you referring the pupil?", choices=PanelReferral.Reason.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Select why you are referring the pupil",
                                               "invalid_choice": "Select why you are referring the pupil"})
    summary = _text("What is happening for the pupil, and what are you asking the panel for?", rows=6,
                    required=True,
                    required_message="Say what is happening for the pupil and what you are asking the panel for",
                    help_text="The panel reads your answers without the pupil's name. Write “the pupil” rather "
                              "than their name.")
    requested_tier = forms.ChoiceField(
        label="Which tier of placement are you asking for? (optional)", required=False, widget=forms.RadioSelect,
        choices=[*Tier.choices, (NO_TIER, "I am not sure: the panel decides")],
        error_messages={"invalid_choice": "Select a tier from the list"})
    parent_consent_signed_on = GovukDateField(label="Date the consent form was signed", required=False)
    parent_consent_signed_by = _line("Who signed it", max_length=150,
                                     help_text="Their relationship to the pupil, for example mother or foster carer. "
                                               "Do not write their name: the panel's papers name nobody.")
    child_views = _text("The child's views")
    parent_views = _text("The parent's views")
    risk_assessment_on = GovukDateField(label="Date of the risk assessment", required=False)
    risk_assessment_summary = _text("What the risk assessment found")
    interventions = _text("Interventions tried and their impact", rows=6,
                          help_text="For example: a mentor twice a week for a term; fewer incidents, but still "
                                    "anxious in large classes.")
    lead_professional = _line("Lead professional's name and role", max_length=200,
                              help_text="For example, Sam Lead, SENCO.")
    lead_professional_contact = _line("How to contact them", max_length=200,
                                      help_text="An email address or phone number.")

    def __init__(self, *args, children=None, **kwargs):
        super().__init__(*args, **kwargs)
        if children is None:
            del self.fields["child"]
        else:
            self.fields["child"].queryset = children.select_related("current_setting")

    @property
    def helper(self):
        helper = FormHelper()
        helper.form_tag = False
        grouped = {name for _, _, names in CHECK_GROUPS for name in names}
        items = [_layout_item(name, field) for name, field in self.fields.items() if name not in grouped]
        items.append(HTML('<h2 class="govuk-heading-m govuk-!-margin-top-8">What the panel needs</h2>'
                          '<p class="govuk-body">The panel needs all five of these before it can consider the '
                          'referral. You can leave any of them blank for now: we will send the referral back to '
                          'you with a list of what is missing and a date to add it by.</p>'))
        for legend, hint, names in CHECK_GROUPS:
            items.append(Fieldset(_hint(hint), *(_layout_item(name, self.fields[name]) for name in names),
                                  legend=legend, legend_size=Size.MEDIUM))
        helper.layout = Layout(*items)
        return helper


class WithdrawForm(GovukForm):
    reason = _text("Why are you withdrawing the referral?", required=True,
                   required_message="Say why the referral is being withdrawn",
                   help_text="The panel's clerk will see this.")


OUTCOMES = [("agenda", "Put it on the next panel agenda"), ("return", "Return it to the referrer"),
            ("signpost", "Signpost elsewhere")]


class TriageForm(GovukForm):
    outcome = forms.ChoiceField(label="What happens to the referral?", choices=OUTCOMES, widget=forms.RadioSelect,
                                error_messages={"required": "Select what happens to the referral",
                                                "invalid_choice": "Select what happens to the referral"})
    missing = forms.MultipleChoiceField(
        label="Which checks did it fail?", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(check.code, check.label) for check in REFERRAL_CHECKS],
        help_text="Select all that apply, including an answer that looks complete but is not, such as a consent "
                  "form that was not signed.",
        error_messages={"invalid_choice": "Select checks from the list"})
    note = _text("What the referrer needs to do", help_text="The referrer will read this.")
    signposted_to = _text("Where should the referrer go instead?",
                          help_text="For example, the early help team or the medical needs service, and why.")

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome == "return" and not cleaned.get("missing") and not (cleaned.get("note") or "").strip():
            self.add_error("note", "Select the checks it failed or say what the referrer needs to do")
        if outcome == "signpost" and not (cleaned.get("signposted_to") or "").strip():
            self.add_error("signposted_to", "Say where the referrer should go instead")
        return cleaned

    @property
    def helper(self):
        helper = FormHelper()
        helper.form_tag = False
        # Plain fieldsets rather than conditional reveals: the same page with or without JavaScript, and no ARIA
        # state on the radios for assistive technology to misreport.
        helper.layout = Layout(
            Field.radios("outcome", legend_size=Size.MEDIUM),
            Fieldset(Field.checkboxes("missing", legend_size=Size.SMALL), Field.textarea("note"),
                     legend="If you return it to the referrer", legend_size=Size.MEDIUM),
            Fieldset(Field.textarea("signposted_to"), legend="If you signpost it elsewhere", legend_size=Size.MEDIUM),
        )
        return helper
