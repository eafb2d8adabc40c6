from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from send_portal.core.forms import GovukDateField, GovukForm, yes_no_field
from send_portal.organisations.models import Organisation, OrganisationKind, Role
from send_portal.people.forms import ChildRegisterForm

from .models import (
    NEED_SECTIONS,
    PROVISION_SECTIONS,
    AdviceKind,
    BudgetArea,
    BudgetForm,
    CeasingReason,
    Consultation,
    Disagreement,
    ExceptionGround,
    NoticeRecipient,
    PrimaryNeed,
    TimeLimit,
)
from .selectors import eligible_children_for_request


class RequestChildForm(GovukForm):
    child = forms.ModelChoiceField(label="Who is the request for?", queryset=None, empty_label=None,
                                   widget=forms.RadioSelect,
                                   error_messages={"required": "Choose the child or young person"})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = eligible_children_for_request(user)
        self.fields["child"].label_from_instance = lambda child: f"{child.full_name} ({child.nc_year_label})"


class FamilyRequestForm(GovukForm):
    """A parent's or young person's own request: no evidence needed. Fields may be left blank while drafting."""

    reason = forms.CharField(label="Why do you think an assessment is needed?", widget=forms.Textarea,
                             required=False, max_length=5000,
                             help_text="Describe the difficulties and what support has or has not helped.")
    family_views = forms.CharField(label="What matters most to the child or young person, and to you? (optional)",
                                   widget=forms.Textarea, required=False, max_length=5000)


class SchoolRequestForm(FamilyRequestForm):
    parent_agrees = yes_no_field("Does the family agree to this request?",
                                 error="Select yes if the family agrees to this request")
    primary_need = forms.ChoiceField(label="Primary area of need", required=False,
                                     choices=[("", "Choose the primary area of need"), *PrimaryNeed.choices])
    other_needs = forms.MultipleChoiceField(label="Other areas of need (optional)", required=False,
                                            choices=PrimaryNeed.choices, widget=forms.CheckboxSelectMultiple)
    support_so_far = forms.CharField(
        label="Support the school has given", widget=forms.Textarea, required=False, max_length=10000,
        help_text="Each assess, plan, do, review cycle: the interventions, how long they ran and their impact.")
    outside_advice = forms.CharField(label="Advice from outside the school (optional)", widget=forms.Textarea,
                                     required=False, max_length=5000,
                                     help_text="For example speech and language therapy or an educational "
                                               "psychologist, and what they advised.")
    attainment = forms.CharField(label="Attainment and progress", widget=forms.Textarea, required=False,
                                 max_length=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent_agrees"].required = False
        self.fields["reason"].label = "Why does the school think an assessment is needed?"
        self.fields["family_views"].label = "The views of the child or young person and their family"
        self.fields["family_views"].required = False


class TriageForm(GovukForm):
    caseworker = forms.ModelChoiceField(label="Caseworker", queryset=None, required=False,
                                        empty_label="Not assigned yet")
    health_told_on = GovukDateField(label="Date the NHS integrated care board (ICB) was told", required=False,
                                    help_text="For example, 27 3 2026. Leave blank if not told yet.")
    social_care_told_on = GovukDateField(label="Date children's social care was told", required=False,
                                         help_text="For example, 27 3 2026. Leave blank if not told yet.")
    head_teacher_told_on = GovukDateField(label="Date the head teacher or principal was told", required=False,
                                          help_text="For example, 27 3 2026. Leave blank if not told yet.")
    family_consulted_on = GovukDateField(label="Date the family was asked for their views", required=False,
                                         help_text="For example, 27 3 2026. Leave blank if not asked yet.")

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        council_teams = Organisation.objects.filter(parent=case.local_authority, kind=OrganisationKind.LA_TEAM)
        self.fields["caseworker"].queryset = get_user_model().objects.filter(
            memberships__organisation__in=council_teams, memberships__role=Role.LA_CASEWORKER,
            memberships__ended_at__isnull=True, is_active=True).distinct()

    def notices(self, case) -> dict:
        icb = Organisation.objects.filter(kind=OrganisationKind.NHS_ICB).first()
        social_care = Organisation.objects.filter(kind=OrganisationKind.SOCIAL_CARE,
                                                  parent=case.local_authority).first()
        data = self.cleaned_data
        return {
            NoticeRecipient.HEALTH: (icb, data.get("health_told_on")),
            NoticeRecipient.SOCIAL_CARE: (social_care, data.get("social_care_told_on")),
            NoticeRecipient.HEAD_TEACHER: (case.child.current_setting, data.get("head_teacher_told_on")),
        }


class DecisionForm(GovukForm):
    assess = forms.TypedChoiceField(
        label="Will the council carry out an assessment?", widget=forms.RadioSelect,
        choices=[(True, "Yes, carry out an assessment"), (False, "No, do not carry out an assessment")],
        coerce=lambda value: value in (True, "True"), error_messages={"required": "Choose the decision"},
        help_text="The legal test is whether the child or young person has or may have special educational needs, "
                  "and whether it may be necessary to make provision through an EHC plan.")
    reasons = forms.CharField(label="Reasons for the decision", widget=forms.Textarea, max_length=5000,
                              help_text="The family reads these in the decision letter. Use plain English.",
                              error_messages={"required": "Give the reasons for the decision"})
    decided_on = GovukDateField(label="Date of the decision")

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError("The date of the decision must be today or in the past")
        return decided_on


class IssueDecisionForm(DecisionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assess"].label = "Will the council write an EHC plan?"
        self.fields["assess"].choices = [(True, "Yes, write a draft plan"), (False, "No, do not issue a plan")]
        self.fields["assess"].help_text = ("A plan is needed if, in the light of the assessment, special educational "
                                           "provision must be made in accordance with one (Children and Families "
                                           "Act 2014, section 37).")


class ExceptionForm(GovukForm):
    time_limit = forms.ChoiceField(label="Which time limit does it affect?", choices=TimeLimit.choices,
                                   widget=forms.RadioSelect, error_messages={"required": "Choose the time limit"})
    ground = forms.ChoiceField(label="Which exception applies?", choices=ExceptionGround.choices,
                               widget=forms.RadioSelect, error_messages={"required": "Choose the exception"})
    starts_on = GovukDateField(label="Date it started")
    ends_on = GovukDateField(label="Date it ended (optional)", required=False,
                             help_text="For example, 27 3 2026. Leave blank if it has not ended.")
    reason = forms.CharField(label="What happened", widget=forms.Textarea, max_length=2000,
                             error_messages={"required": "Describe what happened"},
                             help_text="A waiting list, staff shortage or lack of educational psychologists is not "
                                       "an exception.")
    family_told_on = GovukDateField(label="Date the family was told")

    def clean(self):
        cleaned = super().clean()
        missed = cleaned.get("ground") == ExceptionGround.MISSED_APPOINTMENT
        if missed and cleaned.get("time_limit") != TimeLimit.ADVICE:
            self.add_error("ground", "A missed appointment is only an exception to the time limit for advice")
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", "The date it ended must be on or after the date it started")
        return cleaned


class AdviceRequestForm(GovukForm):
    kind = forms.ChoiceField(label="What advice is needed?", choices=AdviceKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the advice"})
    organisation = forms.ModelChoiceField(
        label="Who should give it?", queryset=Organisation.objects.filter(
            is_active=True, kind__in=[OrganisationKind.LA_TEAM, OrganisationKind.SCHOOL, OrganisationKind.NHS_ICB,
                                      OrganisationKind.NHS_TRUST, OrganisationKind.SOCIAL_CARE,
                                      OrganisationKind.PROVIDER]).order_by("kind", "name"),
        error_messages={"required": "Choose who should give the advice"})


class AdviceWriteForm(GovukForm):
    advice = forms.CharField(
        label="Your advice", widget=forms.Textarea(attrs={"rows": 15}), required=False, max_length=50000,
        help_text="Describe the child or young person's needs, the provision they need to meet them (who, what, "
                  "how often and for how long) and the outcomes it should lead to.")


class AdviceReturnForm(GovukForm):
    reason = forms.CharField(label="What does the advice need?", widget=forms.Textarea, max_length=5000,
                             error_messages={"required": "Say what the advice needs"},
                             help_text="The adviser reads this. For example: quantify the speech and language "
                                       "therapy (how many sessions, how long, delivered by whom).")


class _PlanEditForm(GovukForm):
    """Every plan edit carries the revision it was based on, so two caseworkers cannot overwrite each other."""

    revision = forms.IntegerField(widget=forms.HiddenInput)


class PlanTextForm(_PlanEditForm):
    views_interests_aspirations = forms.CharField(
        label="A: The views, interests and aspirations of the child or young person and their family",
        widget=forms.Textarea(attrs={"rows": 8}), required=False, max_length=20000,
        help_text="In their own words where possible: what they enjoy, what matters to them, their hopes.")
    personal_budget = forms.CharField(
        label="J: Personal budget (optional)", widget=forms.Textarea, required=False, max_length=10000,
        help_text="If a personal budget is agreed: the provision it pays for, how much, and how it is managed.")


def _links_field(label, help_text):
    return forms.ModelMultipleChoiceField(label=label, queryset=None, widget=forms.CheckboxSelectMultiple,
                                          help_text=help_text, required=False)


class NeedForm(_PlanEditForm):
    section = forms.ChoiceField(label="Section", widget=forms.RadioSelect,
                                choices=[(s.value, s.label) for s in NEED_SECTIONS],
                                error_messages={"required": "Choose the section"})
    text = forms.CharField(label="The need", widget=forms.Textarea, max_length=5000,
                           error_messages={"required": "Describe the need"},
                           help_text="Describe the need itself, drawn from the advice, not the support for it.")


class OutcomeForm(_PlanEditForm):
    text = forms.CharField(label="The outcome", widget=forms.Textarea, max_length=5000,
                           error_messages={"required": "Describe the outcome"},
                           help_text="What the child or young person will be able to do, and by when. "
                                     "For example: by July 2027, Sam will read a page of a Year 3 book aloud.")
    needs = _links_field("Which needs does it address?", "Every need must have at least one outcome.")
    preparing_for_adulthood = forms.BooleanField(
        label="This is a preparing for adulthood outcome (employment, independent living, community or health)",
        required=False)

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = version.needs.all()
        self.fields["needs"].label_from_instance = _need_label

    def clean_needs(self):
        if not self.cleaned_data["needs"]:
            raise forms.ValidationError("Choose at least one need this outcome addresses")
        return self.cleaned_data["needs"]


class ProvisionForm(_PlanEditForm):
    section = forms.ChoiceField(label="Section", widget=forms.RadioSelect,
                                choices=[(s.value, s.label) for s in PROVISION_SECTIONS],
                                error_messages={"required": "Choose the section"})
    what = forms.CharField(label="What the provision is", widget=forms.Textarea, max_length=5000,
                           error_messages={"required": "Describe the provision"})
    who = forms.CharField(label="Who provides it", max_length=200,
                          error_messages={"required": "Say who provides it"},
                          help_text="The role and qualification, for example “a speech and language therapist”.")
    how_often = forms.CharField(label="How often", max_length=200, error_messages={"required": "Say how often"},
                                help_text="For example, 3 sessions of 30 minutes a week.")
    how_long = forms.CharField(label="For how long", max_length=200,
                               error_messages={"required": "Say for how long"},
                               help_text="For example, until the next annual review.")
    needs = _links_field("Which needs does it meet?", "Every need must have provision.")
    outcomes = _links_field("Which outcomes does it work towards? (optional)", "")

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = version.needs.all()
        self.fields["needs"].label_from_instance = _need_label
        self.fields["outcomes"].queryset = version.outcomes.all()
        self.fields["outcomes"].label_from_instance = lambda outcome: f"E{outcome.order}: {outcome.text[:80]}"

    def clean_needs(self):
        if not self.cleaned_data["needs"]:
            raise forms.ValidationError("Choose at least one need this provision meets")
        return self.cleaned_data["needs"]


def _need_label(need):
    return f"{need.section}{need.order}: {need.text[:80]}"


RESPONSE_SECTIONS = ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "J"]


class SettingChoiceField(forms.ModelChoiceField):
    """A school or college from the settings directory, labelled so families can tell similar names apart."""

    def label_from_instance(self, setting):
        details = [setting.get_setting_type_display().lower()] if setting.setting_type else []
        if setting.is_out_of_area:
            details.append(setting.area_name or "outside our area")
        return f"{setting.name} ({', '.join(details)})" if details else setting.name


class DraftResponseForm(GovukForm):
    wants_meeting = forms.BooleanField(label="I would like a meeting with the council to talk about the draft",
                                       required=False)
    preferred_setting = SettingChoiceField(
        label="The school or college you would like named in the plan (optional)", queryset=None, required=False,
        empty_label="I do not have a preference yet",
        help_text="The council must name it unless it is unsuitable, or it would not be an efficient use of "
                  "resources or would affect other children's education. The schools and colleges directory in "
                  "the Local Offer describes each one.")
    wants_personal_budget = forms.BooleanField(label="I would like to ask for a personal budget", required=False)

    def __init__(self, *args, **kwargs):
        from send_portal.organisations.selectors import settings_directory

        super().__init__(*args, **kwargs)
        self.fields["preferred_setting"].queryset = settings_directory()
        for section in RESPONSE_SECTIONS:
            self.fields[f"comment_{section}"] = forms.CharField(
                label=f"Your comments on section {section} (optional)", widget=forms.Textarea(attrs={"rows": 3}),
                required=False, max_length=10000)

    def comments(self) -> dict:
        return {section: self.cleaned_data[f"comment_{section}"] for section in RESPONSE_SECTIONS}


class ConsultationSendForm(GovukForm):
    setting = forms.ModelChoiceField(label="Which school or college should be consulted?", queryset=None,
                                     error_messages={"required": "Choose the school or college"})

    def __init__(self, *args, **kwargs):
        from send_portal.organisations.selectors import settings_directory

        super().__init__(*args, **kwargs)
        self.fields["setting"].queryset = settings_directory()


class ConsultationAnswerForm(GovukForm):
    agree = forms.TypedChoiceField(
        label="Can your school or college meet the needs in the draft plan?", widget=forms.RadioSelect,
        choices=[(True, "Yes"), (False, "No")], coerce=lambda value: value in (True, "True"),
        error_messages={"required": "Choose yes if you can meet the needs"})
    decline_ground = forms.ChoiceField(label="If not, why not?", required=False, widget=forms.RadioSelect,
                                       choices=Consultation.DeclineGround.choices,
                                       help_text="Being full is not, by itself, a lawful reason.")
    comments = forms.CharField(label="Anything the council should know (optional)", widget=forms.Textarea,
                               required=False, max_length=5000)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agree") is False and not cleaned.get("decline_ground"):
            self.add_error("decline_ground", "Choose why you cannot meet the needs")
        return cleaned


class FinalIssueForm(GovukForm):
    placement = forms.ModelChoiceField(label="Section I: the school or college named in the plan", queryset=None,
                                       error_messages={"required": "Choose the school or college to name"},
                                       help_text="Only settings that have been consulted can be named.")
    placement_reason = forms.CharField(
        label="If this is not the setting the family asked for, why not?", widget=forms.Textarea, required=False,
        max_length=5000, help_text="The family is told this reason (Children and Families Act 2014, section 39(4)).")

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = Organisation.objects.filter(consultations__case=case).distinct()


class DisagreementForm(GovukForm):
    decision = forms.ChoiceField(label="Which decision is this about?", widget=forms.RadioSelect,
                                 error_messages={"required": "Choose the decision"})
    mediation_adviser_contacted_on = GovukDateField(label="Date the family contacted a mediation adviser (optional)",
                                                    required=False)
    certificate_on = GovukDateField(label="Date of the mediation certificate (optional)", required=False)
    mediation_outcome = forms.ChoiceField(label="Mediation outcome", required=False,
                                          choices=Disagreement.MediationOutcome.choices)
    appeal_registered_on = GovukDateField(label="Date the tribunal registered an appeal (optional)", required=False)
    appeal_outcome = forms.ChoiceField(label="Appeal outcome", required=False,
                                       choices=Disagreement.AppealOutcome.choices)
    appeal_outcome_on = GovukDateField(label="Date of the tribunal's decision (optional)", required=False)
    order = forms.ChoiceField(label="What the tribunal ordered (optional)", required=False,
                              choices=[("", "No order yet"), *Disagreement._meta.get_field("order").choices])
    order_sent_on = GovukDateField(label="Date the tribunal sent its order (optional)", required=False,
                                   help_text="The council's time limits to carry out the order run from this date "
                                             "(SEND Regulations 2014, regulation 44).")

    def __init__(self, *args, decisions, order_steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = decisions
        # One date for each thing the recorded order requires, once the order is saved.
        for step, (label, due) in enumerate(order_steps):
            self.fields[f"order_step_{step}"] = GovukDateField(
                label=f"Date done: {label} (optional)", required=False,
                help_text=f"Due by {due.day} {due:%B %Y}.")

    def order_steps_done(self) -> dict:
        return {int(name.removeprefix("order_step_")): value for name, value in self.cleaned_data.items()
                if name.startswith("order_step_") and value}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("appeal_outcome") and not cleaned.get("appeal_registered_on"):
            self.add_error("appeal_registered_on", "Enter the date the appeal was registered")
        if cleaned.get("order") and not cleaned.get("order_sent_on"):
            self.add_error("order_sent_on", "Enter the date the tribunal sent its order")
        return cleaned


class ToPanelForm(GovukForm):
    meeting = forms.ModelChoiceField(label="Which meeting?", queryset=None, empty_label=None,
                                     widget=forms.RadioSelect,
                                     error_messages={"required": "Choose the meeting"})
    papers = forms.CharField(label="Papers for the panel", widget=forms.Textarea(attrs={"rows": 10}),
                             max_length=20000, error_messages={"required": "Write the papers the panel will read"},
                             help_text="A summary of the request and the evidence: what the panel needs to make a "
                                       "recommendation. Only the panel's members can read it.")

    def __init__(self, *args, meetings, **kwargs):
        from send_portal.core.dates import govuk_date

        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda meeting: f"{meeting.panel}, {govuk_date(meeting.date)}"


class AttentionForm(ChildRegisterForm):
    """A professional brings a child or young person to the council's attention (Children and Families Act 2014,
    section 24); the council then has 6 weeks to decide whether to assess."""

    reason = forms.CharField(label="Why are you bringing them to the council's attention?", widget=forms.Textarea,
                             max_length=5000, error_messages={"required": "Say why"},
                             help_text="What you have seen, and why you think they may need an EHC needs assessment.")
    family_knows = yes_no_field("Does the family know you are doing this?",
                                error="Select yes if the family knows")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, any_council=True, **kwargs)


class NewChildRequestForm(ChildRegisterForm):
    """The child's details for a request about someone not on the register yet. A SENCO asks for a pupil at their
    own school; a parent or young person for their own child or themselves."""

    def __init__(self, *args, user, **kwargs):
        from send_portal.organisations.models import Role
        from send_portal.organisations.selectors import organisations_for

        super().__init__(*args, user=user, any_council=True, **kwargs)
        schools = organisations_for(user, Role.SENCO)
        if schools.exists():
            self.fields["current_setting"].queryset = schools
            self.fields["current_setting"].required = True
            self.fields["current_setting"].empty_label = None
            self.fields["current_setting"].label = "Your school or setting"
        self.fields["upn"].help_text = "If you know it. 13 characters, for example A123456789012"


# --- Reviews of a maintained plan -----------------------------------------------------------------------------

class ReviewOpenForm(GovukForm):
    due_on = GovukDateField(label="Hold the review by", help_text="A review can be brought forward, for example "
                                                                 "when a placement is at risk, but never put back.")
    reason_detail = forms.CharField(label="Why is the review being brought forward?", widget=forms.Textarea,
                                    max_length=2000, error_messages={"required": "Say why the review is early"})


class ReviewArrangeForm(GovukForm):
    meeting_on = GovukDateField(label="Date of the review meeting",
                                help_text="At least 2 weeks from today, so everyone has 2 weeks' notice.")
    meeting_details = forms.CharField(label="Time and place, or how to join", max_length=300,
                                      help_text="For example, 10am in the school library, or a video call link.",
                                      error_messages={"required": "Enter the time and place of the meeting"})


class ContributionForm(GovukForm):
    advice = forms.CharField(label="Your views or advice for the review", widget=forms.Textarea(attrs={"rows": 10}),
                             max_length=20000, error_messages={"required": "Enter your views or advice"},
                             help_text="Say what has gone well, what has been hard, progress towards the outcomes "
                                       "in the plan and anything that should change.")


class ReviewMeetingForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    child_views = forms.CharField(label="The child or young person's views", widget=forms.Textarea, required=False,
                                  max_length=20000)
    family_views = forms.CharField(label="The family's views", widget=forms.Textarea, required=False,
                                   max_length=20000)

    def __init__(self, *args, outcomes, sections, needs_pfa, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import OutcomeProgress

        self.outcomes = outcomes
        for outcome in outcomes:
            self.fields[f"progress_{outcome.pk}"] = forms.ChoiceField(
                label=f"Progress towards outcome E{outcome.order}: {outcome.text}", required=False,
                choices=[("", "Not recorded yet"), *OutcomeProgress.choices])
            self.fields[f"progress_comment_{outcome.pk}"] = forms.CharField(
                label=f"Notes on outcome E{outcome.order} (optional)", required=False, max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}))
        if needs_pfa:
            self.fields["preparing_for_adulthood"] = forms.CharField(
                label="Preparing for adulthood", widget=forms.Textarea, required=False, max_length=20000,
                help_text="From Year 9 every review considers employment, independent living, being part of the "
                          "community and being healthy.")
        for section, label in sections:
            self.fields[f"recommend_{section}"] = forms.CharField(
                label=f"Recommended changes to section {label} (optional)", required=False, max_length=20000,
                widget=forms.Textarea(attrs={"rows": 2}))
        self.fields["disagreements"] = forms.CharField(
            label="Anything people did not agree on (optional)", widget=forms.Textarea, required=False,
            max_length=20000)

    def progress(self) -> dict:
        return {outcome.pk: (self.cleaned_data[f"progress_{outcome.pk}"],
                             self.cleaned_data[f"progress_comment_{outcome.pk}"]) for outcome in self.outcomes}

    def recommendations(self) -> dict:
        return {name.removeprefix("recommend_"): value for name, value in self.cleaned_data.items()
                if name.startswith("recommend_")}


class ReviewDecisionForm(GovukForm):
    decision = forms.ChoiceField(label="What will the council do with the plan?", widget=forms.RadioSelect,
                                 error_messages={"required": "Choose what the council will do with the plan"})
    reasons = forms.CharField(label="Reasons for the decision", widget=forms.Textarea, max_length=20000,
                              help_text="The family is told these reasons.",
                              error_messages={"required": "Give the reasons for the decision"})
    cease_reason = forms.ChoiceField(label="If considering ceasing: why?", required=False,
                                     choices=[("", "Not ceasing"), *CeasingReason.choices])

    def __init__(self, *args, has_amendment, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ReviewDecision

        self.fields["decision"].choices = [
            (ReviewDecision.MAINTAIN.value, "Keep the plan as it is"),
            (ReviewDecision.AMEND.value, "Amend the plan and send the proposed amendments to the family"
             if has_amendment else "Amend the plan (write the proposed amendments first)"),
            (ReviewDecision.CEASE.value, "Consider ceasing the plan, and ask the family and the setting for views")]


class AmendedPlanIssueForm(GovukForm):
    placement = forms.ModelChoiceField(
        label="Section I: the school or college named in the amended plan", queryset=None, required=False,
        help_text="Leave as it is to keep the same setting. A new setting must have been consulted first.")
    placement_reason = forms.CharField(
        label="If this is not the setting the family asked for, why not?", widget=forms.Textarea, required=False,
        max_length=5000, help_text="The family is told this reason (Children and Families Act 2014, section 39(4)).")

    def __init__(self, *args, case, current, **kwargs):
        super().__init__(*args, **kwargs)
        consulted = Organisation.objects.filter(consultations__case=case)
        self.fields["placement"].queryset = (consulted | Organisation.objects.filter(pk=getattr(current, "pk", None))
                                             ).distinct().order_by("name")
        self.fields["placement"].initial = current


class ReviewTowerFilterForm(GovukForm):
    status = forms.ChoiceField(label="Review status", required=False)
    school = forms.ModelChoiceField(label="School or setting", required=False, queryset=Organisation.objects.filter(
        kind=OrganisationKind.SCHOOL, is_active=True).order_by("name"))
    district = forms.ModelChoiceField(label="District", required=False, queryset=None)
    team = forms.ModelChoiceField(label="Team", required=False, queryset=Organisation.objects.filter(
        kind=OrganisationKind.LA_TEAM, is_active=True).order_by("name"))
    transfer_year = forms.TypedChoiceField(label="Phase transfer in", required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label="Only overdue", required=False)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        from send_portal.organisations.models import District

        from .selectors.reviews import TowerStatus

        self.fields["status"].choices = [("", "Any status"), *TowerStatus.LABELS.items()]
        self.fields["district"].queryset = District.objects.order_by("name")
        years = range(today.year, today.year + 3)
        self.fields["transfer_year"].choices = [("", "Any year"), *((year, str(year)) for year in years)]


class CeasingProposeForm(GovukForm):
    reason = forms.ChoiceField(label="Why is the council considering ceasing the plan?", widget=forms.RadioSelect,
                               choices=CeasingReason.choices,
                               error_messages={"required": "Choose why the council is considering ceasing the plan"})
    explanation = forms.CharField(label="Explain the reasons", widget=forms.Textarea, max_length=20000,
                                  help_text="The family and the school or college are told this and asked for their "
                                            "views within 15 days.",
                                  error_messages={"required": "Explain why the council is considering this"})


class CeasingRespondForm(GovukForm):
    response = forms.CharField(label="Your views on ceasing the plan", widget=forms.Textarea(attrs={"rows": 8}),
                               max_length=20000, error_messages={"required": "Enter your views"})


class CeasingDecideForm(GovukForm):
    cease = yes_no_field("Will the council cease the plan?", error="Choose whether the council will cease the plan",
                         help_text="A plan being ceased stays in force until the time to appeal has passed, or until "
                                   "any appeal is decided.")
    reasons = forms.CharField(label="Reasons for the decision", widget=forms.Textarea, max_length=20000,
                              error_messages={"required": "Give the reasons for the decision"})


class PersonalBudgetRequestForm(GovukForm):
    forms_wanted = forms.MultipleChoiceField(label="How would you like the budget held?",
                                             widget=forms.CheckboxSelectMultiple, choices=BudgetForm.choices,
                                             error_messages={"required": "Choose how you would like the budget held"})
    areas = forms.MultipleChoiceField(label="What is it for?", widget=forms.CheckboxSelectMultiple,
                                      choices=BudgetArea.choices,
                                      error_messages={"required": "Choose what the budget is for"})
    provision_wanted = forms.CharField(
        label="Which provision would you like to direct?", widget=forms.Textarea, max_length=10000,
        help_text="For example, the speech and language therapy in section F, from a therapist you choose.",
        error_messages={"required": "Say which provision you would like to direct"})


class PersonalBudgetDecideForm(GovukForm):
    agree = yes_no_field("Will the council agree a personal budget?",
                         error="Choose whether the council agrees a personal budget")
    agreed_form = forms.ChoiceField(label="If agreed: how it is held", required=False,
                                    choices=[("", "Not agreed"), *BudgetForm.choices])
    agreed_area = forms.ChoiceField(label="If agreed: what it is for", required=False,
                                    choices=[("", "Not agreed"), *BudgetArea.choices])
    annual_amount = forms.DecimalField(label="If agreed: amount a year, in pounds", required=False, min_value=0,
                                       max_digits=9, decimal_places=2)
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea, max_length=10000,
                              help_text="If refusing, say why: the family can ask the council to reconsider.",
                              error_messages={"required": "Give the reasons"})


class TransferOutForm(GovukForm):
    to_local_authority = forms.ModelChoiceField(
        label="The council the family is moving to", required=False, queryset=None,
        help_text="If the new council is not listed, it does not use this portal: enter its name below.")
    to_name = forms.CharField(label="Or the name of the new council", required=False, max_length=200)
    moved_on = GovukDateField(label="Date of the move")
    aware_on = GovukDateField(label="Date the council learned of the move",
                              help_text="If this was fewer than 15 working days before the move, the plan must go "
                                        "within 15 working days of this date; otherwise on the day of the move.")

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_local_authority"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.LOCAL_AUTHORITY, is_active=True).exclude(pk=council.pk).order_by("name")


class TransferInForm(GovukForm):
    child = forms.ModelChoiceField(label="Child or young person", queryset=None,
                                   help_text="Register the child first if they are not listed.",
                                   error_messages={"required": "Choose the child or young person"})
    transferred_from = forms.CharField(label="The council the plan came from", max_length=200,
                                       error_messages={"required": "Enter the council the plan came from"})
    original_issued_on = GovukDateField(label="Date the plan was made")
    reviewed_before_transfer_on = GovukDateField(label="Date of its last review (if it has been reviewed)",
                                                 required=False)
    transferred_in_on = GovukDateField(label="Date the plan transferred to this council")
    placement = forms.ModelChoiceField(
        label="School or setting named in the plan",
        queryset=Organisation.objects.filter(kind=OrganisationKind.SCHOOL, is_active=True).order_by("name"),
        error_messages={"required": "Choose the school or setting named in the plan"})

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children


class ReassessmentRequestForm(GovukForm):
    reason = forms.CharField(label="Why is a re-assessment needed?", widget=forms.Textarea(attrs={"rows": 8}),
                             max_length=20000, error_messages={"required": "Say why a re-assessment is needed"},
                             help_text="For example, needs have changed a lot since the plan was made.")


class ReassessmentDecideForm(GovukForm):
    agree = yes_no_field("Will the council re-assess?", error="Choose whether the council will re-assess",
                         help_text="If it will, the final plan is due 14 weeks from today. A refusal can be "
                                   "appealed.")
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea, max_length=20000,
                              error_messages={"required": "Give the reasons"})


class AmendmentWithdrawForm(GovukForm):
    reasons = forms.CharField(label="Why will the council not amend the plan?", widget=forms.Textarea,
                              max_length=20000,
                              help_text="The family is told these reasons, with their right to appeal.",
                              error_messages={"required": "Give the reasons"})


class TransferNoticeForm(GovukForm):
    proposes_assessment = yes_no_field(
        "Does the council propose a new EHC needs assessment?",
        error="Choose whether the council proposes a new EHC needs assessment",
        help_text="The family is told this, that the plan has transferred, and when it will be reviewed (SEND "
                  "Regulations 2014, regulation 15(4)).")


class Post16MoveForm(GovukForm):
    move_on = GovukDateField(label="Date of the move to another post-16 institution", required=False,
                             help_text="Leave empty if no move is planned. The plan must be reviewed and amended at "
                                       "least 5 months before the move.")
