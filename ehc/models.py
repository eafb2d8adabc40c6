from django.conf import settings
from django.db import models
from django.db.models import F, Q
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from send_portal.organisations.models import Organisation
from send_portal.people.models import Child

from .deadlines import TRIBUNAL_ORDERS, reassessment_decision_due


class Stage(models.TextChoices):
    DRAFT = "draft", "Not sent yet"
    RECEIVED = "received", "Request received"
    CONSIDERING = "considering", "Deciding whether to assess"
    ASSESSING = "assessing", "Assessment under way"
    NOT_ASSESSING = "not_assessing", "Decided not to assess"
    DRAFTING = "drafting", "Writing the draft plan"
    DRAFT_SERVED = "draft_served", "Draft plan with the family"
    FINAL_ISSUED = "final_issued", "Final plan issued"
    NOT_ISSUING = "not_issuing", "Decided not to issue a plan"
    WITHDRAWN = "withdrawn", "Request withdrawn"
    CEASED = "ceased", "Plan ceased"
    TRANSFERRED_OUT = "transferred_out", "Plan transferred to another council"
    REPLACED = "replaced", "Replaced by the plan made after a re-assessment"


# The only moves a case can make; services refuse anything else with a clear message.
ALLOWED_MOVES = {
    Stage.DRAFT: {Stage.RECEIVED},  # a draft never sent has nothing to withdraw (and no date it arrived)
    Stage.RECEIVED: {Stage.CONSIDERING, Stage.ASSESSING, Stage.NOT_ASSESSING, Stage.WITHDRAWN},
    Stage.CONSIDERING: {Stage.ASSESSING, Stage.NOT_ASSESSING, Stage.WITHDRAWN},
    Stage.ASSESSING: {Stage.DRAFTING, Stage.NOT_ISSUING, Stage.WITHDRAWN},
    Stage.DRAFTING: {Stage.DRAFT_SERVED, Stage.WITHDRAWN},
    Stage.DRAFT_SERVED: {Stage.DRAFTING, Stage.FINAL_ISSUED, Stage.WITHDRAWN},
    Stage.FINAL_ISSUED: {Stage.CEASED, Stage.TRANSFERRED_OUT, Stage.REPLACED},
    Stage.CEASED: set(),
    Stage.REPLACED: set(),
    Stage.TRANSFERRED_OUT: set(),
    Stage.NOT_ASSESSING: set(),
    Stage.NOT_ISSUING: set(),
    Stage.WITHDRAWN: set(),
}


class RequesterKind(models.TextChoices):
    SCHOOL = "school", "School or college (SENCO)"
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    PROFESSIONAL = "professional", "Professional bringing the child to the council's attention"
    TRANSFER = "transfer", "Plan transferred from another council"
    REASSESSMENT = "reassessment", "Re-assessment of an existing plan"


class PrimaryNeed(models.TextChoices):
    """The primary types of need used in the SEN2 return."""

    SPLD = "SPLD", "Specific learning difficulty"
    MLD = "MLD", "Moderate learning difficulty"
    SLD = "SLD", "Severe learning difficulty"
    PMLD = "PMLD", "Profound and multiple learning difficulty"
    SEMH = "SEMH", "Social, emotional and mental health"
    SLCN = "SLCN", "Speech, language and communication needs"
    HI = "HI", "Hearing impairment"
    VI = "VI", "Visual impairment"
    MSI = "MSI", "Multi-sensory impairment"
    PD = "PD", "Physical disability"
    ASD = "ASD", "Autistic spectrum disorder"
    OTH = "OTH", "Other difficulty or disability"


class EHCCase(models.Model):
    """One request for an education, health and care (EHC) needs assessment, and everything that follows it."""

    reference = models.CharField(max_length=12, unique=True, editable=False)
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="ehc_cases")
    local_authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="ehc_cases")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    requester_kind = models.CharField(max_length=20, choices=RequesterKind.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requesting_setting = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="ehc_requests")
    caseworker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="ehc_caseload")

    # What the request says. Free text here is special-category data: it never goes into logs or emails.
    reason = models.TextField("Why an assessment is needed", blank=True)
    family_views = models.TextField("The views of the child or young person and their family", blank=True)
    parent_agrees = models.BooleanField(null=True, blank=True,
                                        help_text="For a school's request: the family agrees to it.")
    primary_need = models.CharField(max_length=5, choices=PrimaryNeed.choices, blank=True)
    other_needs = models.JSONField(default=list, blank=True)
    support_so_far = models.TextField("Support already given (assess, plan, do, review)", blank=True)
    outside_advice = models.TextField("Advice from outside the school", blank=True)
    attainment = models.TextField("Attainment and progress", blank=True)

    received_on = models.DateField(null=True, blank=True)
    family_consulted_on = models.DateField(null=True, blank=True)
    decision_to_assess_on = models.DateField(null=True, blank=True)
    decision_to_assess_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                              on_delete=models.PROTECT, related_name="+")
    decision_reasons = models.TextField(blank=True)
    decision_to_issue_on = models.DateField(null=True, blank=True)
    decision_to_issue_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    issue_reasons = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)

    # A plan made by another council and transferred here (SEND Regulations 2014 reg 15). It counts as made by
    # this council on its original date, so it is left out of this council's assessment timeliness.
    transferred_from = models.CharField("Council the plan came from", max_length=200, blank=True)
    transferred_in_on = models.DateField(null=True, blank=True)
    reviewed_before_transfer_on = models.DateField("Date of the last review before the transfer", null=True,
                                                   blank=True)
    transfer_notice_sent_on = models.DateField("Date the family was told about the transfer", null=True, blank=True)
    post16_move_on = models.DateField(
        "Date of a planned move to another post-16 institution", null=True, blank=True,
        help_text="The plan must be reviewed and amended at least 5 months before (SEND Regulations 2014 reg 18(2)).")
    transfer_proposes_assessment = models.BooleanField(
        null=True, blank=True, help_text="Whether the council told the family it proposes an EHC needs assessment.")
    # A re-assessment runs as its own case with its own clock (regs 25-27); the plan it re-assesses stays in force
    # until the new final plan replaces it.
    reassessment_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="reassessments")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_on", "-created_at"]
        permissions = [("decide_ehccase", "Can make statutory decisions on an EHC case")]
        indexes = [models.Index(fields=["local_authority", "stage"]), models.Index(fields=["received_on"])]
        constraints = [
            models.CheckConstraint(name="ehc_case_received_unless_draft",
                                   condition=Q(stage=Stage.DRAFT) | Q(received_on__isnull=False)),
            models.CheckConstraint(
                name="ehc_case_decision_recorded",
                condition=~Q(stage__in=[Stage.ASSESSING, Stage.NOT_ASSESSING, Stage.DRAFTING, Stage.DRAFT_SERVED,
                                        Stage.NOT_ISSUING, Stage.FINAL_ISSUED])
                | Q(decision_to_assess_on__isnull=False),
            ),
            models.CheckConstraint(
                name="ehc_case_issue_decision_recorded",
                condition=~Q(stage__in=[Stage.DRAFTING, Stage.DRAFT_SERVED, Stage.NOT_ISSUING, Stage.FINAL_ISSUED])
                | Q(decision_to_issue_on__isnull=False),
            ),
        ]

    def __str__(self):
        return self.reference


class CaseEvent(models.Model):
    """Something that happened on a case: the family's timeline, the audit trail and the dashboards' source."""

    class Kind(models.TextChoices):
        STARTED = "started", "Request started"
        SUBMITTED = "submitted", "Request sent to the council"
        NOTICE_SENT = "notice_sent", "Told a partner the council is considering an assessment"
        FAMILY_CONSULTED = "family_consulted", "Family consulted"
        CASEWORKER_ASSIGNED = "caseworker_assigned", "Caseworker assigned"
        EXCEPTION_RECORDED = "exception_recorded", "Exception to a time limit recorded"
        EXCEPTION_ENDED = "exception_ended", "Exception to a time limit ended"
        DECIDED_TO_ASSESS = "decided_to_assess", "Council decided to carry out an assessment"
        DECIDED_NOT_TO_ASSESS = "decided_not_to_assess", "Council decided not to carry out an assessment"
        DECIDED_TO_ISSUE = "decided_to_issue", "Council decided to write an EHC plan"
        DECIDED_NOT_TO_ISSUE = "decided_not_to_issue", "Council decided not to issue an EHC plan"
        DRAFT_SERVED = "draft_served", "Draft plan sent to the family"
        DRAFT_REVISED = "draft_revised", "Draft plan being revised"
        FAMILY_RESPONDED = "family_responded", "Family responded to the draft plan"
        CONSULTATION_SENT = "consultation_sent", "School or college asked whether it can meet the needs"
        CONSULTATION_ANSWERED = "consultation_answered", "School or college replied"
        FINAL_ISSUED = "final_issued", "Final plan issued"
        DISAGREEMENT_RECORDED = "disagreement_recorded", "Mediation or appeal recorded"
        TO_PANEL = "to_panel", "Case taken to a multi-agency panel"
        PANEL_RECOMMENDED = "panel_recommended", "Panel made its recommendation"
        ADVICE_REQUESTED = "advice_requested", "Advice requested"
        ADVICE_SUBMITTED = "advice_submitted", "Advice received"
        ADVICE_RETURNED = "advice_returned", "Advice returned for more detail"
        ADVICE_ACCEPTED = "advice_accepted", "Advice accepted"
        WITHDRAWN = "withdrawn", "Request withdrawn"
        REVIEW_SCHEDULED = "review_scheduled", "Review of the plan due"
        REVIEW_ARRANGED = "review_arranged", "Review meeting arranged and invitations sent"
        REVIEW_ADVICE_CIRCULATED = "review_advice_circulated", "Advice for the review circulated"
        REVIEW_REPORT = "review_report", "Review meeting report sent to the council"
        REVIEW_DECISION = "review_decision", "Council decided what happens to the plan after the review"
        AMENDMENT_SERVED = "amendment_served", "Proposed changes to the plan sent to the family"
        AMENDED_PLAN_ISSUED = "amended_plan_issued", "Amended final plan issued"
        CEASING_PROPOSED = "ceasing_proposed", "Council is considering ceasing the plan"
        CEASING_RESPONSE = "ceasing_response", "Views given on ceasing the plan"
        CEASING_DECIDED = "ceasing_decided", "Council decided whether to cease the plan"
        CEASED = "ceased", "Plan ceased"
        PERSONAL_BUDGET = "personal_budget", "Personal budget asked for or decided"
        TRANSFER_RECORDED = "transfer_recorded", "Move to another council recorded"
        TRANSFERRED_OUT = "transferred_out", "Plan transferred to another council"
        TRANSFERRED_IN = "transferred_in", "Plan transferred from another council"
        TRANSFER_NOTICE = "transfer_notice", "Family told about the transfer"
        REASSESSMENT_REQUESTED = "reassessment_requested", "Re-assessment asked for"
        REASSESSMENT_DECIDED = "reassessment_decided", "Council decided whether to re-assess"
        REPLACED = "replaced", "Plan replaced by the plan made after a re-assessment"

    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    on = models.DateField(help_text="The date the event counts from for statutory purposes.")
    detail = models.CharField(max_length=200, blank=True,
                              help_text="Plain words for the timeline; never special-category detail.")
    visible_to_family = models.BooleanField(default=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["case", "at"])]

    def __str__(self):
        return f"{self.case.reference}: {self.get_kind_display()}"


class NoticeRecipient(models.TextChoices):
    """Who SEND Regulations 2014 reg 4(2) says must hear that the council is considering an assessment."""

    HEALTH = "health", "The NHS integrated care board (ICB)"
    SOCIAL_CARE = "social_care", "Children's social care"
    HEAD_TEACHER = "head_teacher", "The head teacher, principal or early years lead"


class StatutoryNotice(models.Model):
    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="notices")
    recipient = models.CharField(max_length=20, choices=NoticeRecipient.choices)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT)
    sent_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["sent_on"]
        constraints = [models.UniqueConstraint(fields=["case", "recipient"], name="one_notice_per_recipient")]

    def __str__(self):
        return f"{self.case.reference}: {self.get_recipient_display()}"


class TimeLimit(models.TextChoices):
    DECISION_TO_ASSESS = "decision_to_assess", "Decision whether to assess (6 weeks)"
    DECISION_TO_ISSUE = "decision_to_issue", "Decision whether to issue a plan (16 weeks)"
    FINAL_PLAN = "final_plan", "Final plan (20 weeks)"
    ADVICE = "advice", "Advice (6 weeks)"


class ExceptionGround(models.TextChoices):
    """The exceptions in SEND Regulations 2014 reg 10(4)(a)-(d) and reg 8(2)."""

    SCHOOL_CLOSED_ASKED = "10_4_a", "Reg 10(4)(a): the council asked the school for help while it was closed"
    SCHOOL_CLOSED_OTHER = "10_4_b", "Reg 10(4)(b): the school or college was closed for at least 4 weeks"
    EXCEPTIONAL_CIRCUMSTANCES = "10_4_c", "Reg 10(4)(c): exceptional personal circumstances of the child or family"
    ABSENT_FROM_AREA = "10_4_d", "Reg 10(4)(d): the child or family away from the area for at least 4 weeks"
    MISSED_APPOINTMENT = "8_2", "Reg 8(2): the child missed an appointment for the advice"


class TimeLimitException(models.Model):
    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="exceptions")
    time_limit = models.CharField(max_length=30, choices=TimeLimit.choices)
    ground = models.CharField(max_length=10, choices=ExceptionGround.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reason = models.TextField()
    family_told_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(name="exception_ends_after_it_starts",
                                   condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on"))),
            models.CheckConstraint(
                name="missed_appointment_only_for_advice",
                condition=~Q(ground="8_2") | Q(time_limit="advice"),
            ),
        ]

    def __str__(self):
        return f"{self.case.reference}: {self.get_time_limit_display()}"


class EHCCaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(EHCCase, on_delete=models.CASCADE)


class EHCCaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(EHCCase, on_delete=models.CASCADE)


class AdviceKind(models.TextChoices):
    """The advice SEND Regulations 2014 reg 6(1) says the council must seek once it decides to assess."""

    FAMILY = "family", "The views of the child or young person and their family (section A)"
    EDUCATION = "education", "Educational advice"
    HEALTH = "health", "Health advice"
    PSYCHOLOGY = "psychology", "Psychological advice from an educational psychologist"
    SOCIAL_CARE = "social_care", "Social care advice"
    ADULTHOOD = "adulthood", "Preparing for adulthood advice (Year 9 and above)"
    FAMILY_REQUESTED = "family_requested", "Advice the family asked for"
    OTHER = "other", "Other advice"


class AdviceStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    DRAFT = "draft", "Being written"
    SUBMITTED = "submitted", "Sent to the council"
    RETURNED = "returned", "Returned for more detail"
    ACCEPTED = "accepted", "Accepted"


class AdviceRequest(models.Model):
    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="advice_requests")
    kind = models.CharField(max_length=20, choices=AdviceKind.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="advice_requests")
    requested_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=AdviceStatus.choices, default=AdviceStatus.REQUESTED)
    advice = models.TextField(blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    submitted_on = models.DateField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "organisation"], name="one_advice_request_per_adviser"),
            models.CheckConstraint(name="advice_due_after_request", condition=Q(due_on__gt=models.F("requested_on"))),
        ]

    def __str__(self):
        return f"{self.case.reference}: {self.get_kind_display()}"


class AdviceRequestUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE)


class AdviceRequestGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE)


class PlanSection(models.TextChoices):
    """Sections of an EHC plan (SEND Regulations 2014 reg 12(1))."""

    B = "B", "B: Special educational needs"
    C = "C", "C: Health needs related to special educational needs"
    D = "D", "D: Social care needs related to special educational needs or disability"
    E = "E", "E: Outcomes"
    F = "F", "F: Special educational provision"
    G = "G", "G: Health provision"
    H1 = "H1", "H1: Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970"
    H2 = "H2", "H2: Other social care provision"


NEED_SECTIONS = (PlanSection.B, PlanSection.C, PlanSection.D)
PROVISION_SECTIONS = (PlanSection.F, PlanSection.G, PlanSection.H1, PlanSection.H2)


class PlanVersion(models.Model):
    """One version of a case's plan. Editing happens on an unserved draft; once served or issued it never changes,
    and any later change is a new version."""

    class Status(models.TextChoices):
        EDITING = "editing", "Being written"
        SERVED = "served", "Draft with the family"
        SUPERSEDED = "superseded", "Replaced by a later version"
        FINAL = "final", "Final plan"

    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.EDITING)
    views_interests_aspirations = models.TextField("A: The views, interests and aspirations of the child or young "
                                                   "person and their family", blank=True)
    placement = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="I: Placement")
    placement_type = models.CharField("I: Type of school or setting", max_length=200, blank=True)
    personal_budget = models.TextField("J: Personal budget", blank=True)
    placement_reason = models.TextField(blank=True, help_text="Why the council did not name the setting the family "
                                                              "asked for (CFA 2014 s.39(4)).")
    pdf = models.FileField(upload_to="plans/", blank=True)
    served_on = models.DateField(null=True, blank=True)
    comments_close_on = models.DateField(null=True, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="one_plan_version_number_per_case"),
            models.UniqueConstraint(fields=["case"], condition=Q(status="editing"),
                                    name="one_plan_version_being_written"),
            # The draft must not name a school (CFA 2014 s.38(5)): section I is only filled in a final plan, which
            # stays as it was when a later amended plan supersedes it.
            models.CheckConstraint(name="draft_names_no_placement",
                                   condition=Q(status__in=["final", "superseded"])
                                   | (Q(placement__isnull=True) & Q(placement_type=""))),
            models.CheckConstraint(name="served_plan_has_dates",
                                   condition=~Q(status="served") | (Q(served_on__isnull=False)
                                                                    & Q(comments_close_on__isnull=False))),
        ]

    def __str__(self):
        return f"{self.case.reference} plan v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.EDITING


class PlanNeed(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="needs")
    section = models.CharField(max_length=2, choices=[(s.value, s.label) for s in NEED_SECTIONS])
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["section", "order", "pk"]

    def __str__(self):
        return f"{self.section}{self.order}"


class PlanOutcome(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="outcomes")
    text = models.TextField()
    needs = models.ManyToManyField(PlanNeed, related_name="outcomes")
    preparing_for_adulthood = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return f"E{self.order}"


class PlanProvision(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="provision")
    section = models.CharField(max_length=2, choices=[(s.value, s.label) for s in PROVISION_SECTIONS])
    what = models.TextField("What the provision is")
    who = models.CharField("Who provides it", max_length=200)
    how_often = models.CharField("How often", max_length=200)
    how_long = models.CharField("For how long", max_length=200)
    needs = models.ManyToManyField(PlanNeed, related_name="provision")
    outcomes = models.ManyToManyField(PlanOutcome, related_name="provision", blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["section", "order", "pk"]

    def __str__(self):
        return f"{self.section}{self.order}"


class DraftResponse(models.Model):
    """A parent's or young person's response to a served draft (SEND Regulations 2014 reg 13(1), CFA 2014 s.38)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="responses")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    wants_meeting = models.BooleanField(default=False)
    preferred_setting = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+", limit_choices_to={"kind": "school"})
    wants_personal_budget = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "author"], name="one_response_per_person")]

    def __str__(self):
        return f"Response to {self.version}"


class DraftComment(models.Model):
    """A comment on one section of a served draft, kept with the version it refers to."""

    response = models.ForeignKey(DraftResponse, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(max_length=2)
    text = models.TextField()

    class Meta:
        ordering = ["section", "pk"]
        constraints = [models.UniqueConstraint(fields=["response", "section"], name="one_comment_per_section")]

    def __str__(self):
        return f"Comment on section {self.section}"


class Consultation(models.Model):
    """Asking a school or college whether it can meet the needs in the draft (CFA 2014 s.39(2)); it should answer
    within 15 days (Code of Practice 9.83)."""

    class Answer(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        AGREED = "agreed", "Can meet the needs"
        DECLINED = "declined", "Says it cannot meet the needs"

    class DeclineGround(models.TextChoices):
        UNSUITABLE = "unsuitable", "Unsuitable for the child's age, ability, aptitude or special educational needs"
        OTHERS_EDUCATION = "others_education", "Incompatible with the efficient education of others"
        RESOURCES = "resources", "Incompatible with the efficient use of resources"

    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="consultations")
    setting = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="consultations")
    maintaining_authority = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The other council that maintains an out-of-area school, which must be consulted too "
                  "(CFA 2014 s.39(2)).")
    sent_on = models.DateField()
    due_on = models.DateField()
    answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    decline_ground = models.CharField(max_length=20, choices=DeclineGround.choices, blank=True)
    comments = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "setting"], name="one_consultation_per_setting"),
            models.CheckConstraint(name="decline_has_ground",
                                   condition=~Q(answer="declined") | ~Q(decline_ground="")),
        ]

    def __str__(self):
        return f"{self.case.reference}: {self.setting}"


class ConsultationUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Consultation, on_delete=models.CASCADE)


class ConsultationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Consultation, on_delete=models.CASCADE)


class Disagreement(models.Model):
    """Mediation and a tribunal appeal about one decision on a case (CFA 2014 ss.51-57; SEND Regulations 2014
    regs 32-44)."""

    class Decision(models.TextChoices):
        NOT_TO_ASSESS = "not_to_assess", "Decision not to carry out an assessment"
        NOT_TO_ISSUE = "not_to_issue", "Decision not to issue a plan"
        PLAN_CONTENT = "plan_content", "What the final plan says or the setting it names"
        NOT_TO_AMEND = "not_to_amend", "Decision not to amend the plan after a review"
        AMENDED_PLAN = "amended_plan", "What the amended plan says or the setting it names"
        CEASE = "cease", "Decision to cease the plan"
        NOT_TO_REASSESS = "not_to_reassess", "Decision not to re-assess"

    class MediationOutcome(models.TextChoices):
        NONE = "", "Not yet known"
        NOT_WANTED = "not_wanted", "The family decided not to try mediation"
        AGREED = "agreed", "Mediation reached agreement"
        NOT_AGREED = "not_agreed", "Mediation did not reach agreement"

    class AppealOutcome(models.TextChoices):
        NONE = "", "No decision yet"
        UPHELD = "upheld", "Appeal upheld"
        PARTLY_UPHELD = "partly_upheld", "Appeal partly upheld"
        DISMISSED = "dismissed", "Appeal dismissed"
        WITHDRAWN = "withdrawn", "Appeal withdrawn"
        CONCEDED = "conceded", "The council conceded"

    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="disagreements")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    decision_sent_on = models.DateField(help_text="The date of the decision letter or the final plan.")
    mediation_adviser_contacted_on = models.DateField(null=True, blank=True)
    certificate_on = models.DateField(null=True, blank=True)
    mediation_outcome = models.CharField(max_length=12, choices=MediationOutcome.choices, blank=True)
    appeal_registered_on = models.DateField(null=True, blank=True)
    appeal_outcome = models.CharField(max_length=15, choices=AppealOutcome.choices, blank=True)
    appeal_outcome_on = models.DateField(null=True, blank=True)
    order = models.CharField("What the tribunal ordered", max_length=20, blank=True,
                             choices=[(key, label) for key, label in TRIBUNAL_ORDERS])
    order_sent_on = models.DateField("Date the tribunal sent its order", null=True, blank=True)
    order_steps_done = models.JSONField(
        default=dict, blank=True,
        help_text="When the council did each thing the order requires: step number to ISO date (regulation 44).")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["decision_sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "decision"], name="one_disagreement_per_decision"),
            models.CheckConstraint(name="appeal_outcome_needs_registration",
                                   condition=Q(appeal_outcome="") | Q(appeal_registered_on__isnull=False)),
            models.CheckConstraint(name="tribunal_order_has_date",
                                   condition=Q(order="") | Q(order_sent_on__isnull=False)),
        ]

    def __str__(self):
        return f"{self.case.reference}: {self.get_decision_display()}"


def _document_path(instance, filename):
    # A random name: nothing about the child or the original file name appears in storage.
    import uuid

    return f"documents/{uuid.uuid4().hex}"


class Document(models.Model):
    """A file attached to a case: evidence with a request, or an adviser's report. Never served from a public URL:
    the download view checks permission first."""

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", "Evidence with the request"
        ADVICE_REPORT = "advice_report", "Adviser's report"

    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="documents")
    advice = models.ForeignKey(AdviceRequest, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to=_document_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # The virus scan at upload (ehc/uploads.py). Only a file clamd called clean, or one uploaded where no scanner
    # is configured (a developer's machine), can be downloaded; a failed scan holds the file back.
    scan_status = models.CharField(max_length=20, default="not_scanned", choices=[
        ("not_scanned", "No scanner configured"), ("clean", "Clean"), ("scan_error", "Could not be scanned")])

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [models.CheckConstraint(name="advice_report_names_advice",
                                              condition=~Q(kind="advice_report") | Q(advice__isnull=False))]

    def __str__(self):
        return f"{self.case.reference}: document {self.pk}"

    @property
    def downloadable(self) -> bool:
        return self.scan_status in ("clean", "not_scanned")


# --- Living plans: annual reviews and amendments (CFA 2014 s.44; SEND Regulations 2014 regs 18-22) -----------

class ReviewReason(models.TextChoices):
    ANNUAL = "annual", "Annual review"
    EARLY_YEARS = "early_years", "Review for a child under 5"
    BROUGHT_FORWARD = "brought_forward", "Early review"
    PHASE_TRANSFER = "phase_transfer", "Review before a move to a new phase of education"


class ReviewDecision(models.TextChoices):
    MAINTAIN = "maintain", "Keep the plan as it is"
    AMEND = "amend", "Amend the plan"
    CEASE = "cease", "Consider ceasing the plan"


class AnnualReview(models.Model):
    """One review of a maintained plan, from the due date to the council's decision and any amended plan.

    Where the child attends a school, the head teacher or SENCO arranges and holds the meeting (reg 20); otherwise
    the council does (reg 21). Every date the law counts from is stored here, and the statutory limits are
    worked out from them by ehc.deadlines."""

    class Status(models.TextChoices):
        NOT_ARRANGED = "not_arranged", "Meeting not arranged"
        INVITED = "invited", "Invitations sent"
        MEETING_HELD = "meeting_held", "Meeting held, report not sent"
        REPORT_SUBMITTED = "report_submitted", "Report sent, council deciding"
        AMENDING = "amending", "Amendment in progress"
        COMPLETE = "complete", "Complete"

    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="reviews")
    number = models.PositiveIntegerField()
    reason = models.CharField(max_length=20, choices=ReviewReason.choices, default=ReviewReason.ANNUAL)
    reason_detail = models.TextField("Why the review is early", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_ARRANGED)
    due_on = models.DateField("Review due by")
    run_by_school = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="reviews_run",
                                      help_text="Empty when the council runs the review (reg 21).")
    meeting_on = models.DateField(null=True, blank=True)
    meeting_details = models.CharField("Time and place, or how to join", max_length=300, blank=True)
    invitations_sent_on = models.DateField(null=True, blank=True)
    arranged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    advice_circulated_on = models.DateField(null=True, blank=True)

    # The meeting record. Special-category text: never in logs or emails.
    child_views = models.TextField("The child or young person's views", blank=True)
    family_views = models.TextField("The family's views", blank=True)
    preparing_for_adulthood = models.TextField(
        "Preparing for adulthood: employment, independent living, community and health", blank=True)
    disagreements = models.TextField("Anything people at the meeting did not agree on", blank=True)
    report_submitted_on = models.DateField(null=True, blank=True)
    report_submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+")

    decision = models.CharField(max_length=10, choices=ReviewDecision.choices, blank=True)
    decision_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    amendment = models.OneToOneField("PlanVersion", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="review_proposing",
                                     help_text="The plan with the proposed amendments, served with the decision.")
    amended_plan = models.OneToOneField("PlanVersion", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="review_issuing")
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case", "number"]
        permissions = [("run_annualreview", "Can arrange and record a review meeting")]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="one_review_number_per_case"),
            models.UniqueConstraint(fields=["case"], condition=~Q(status="complete"), name="one_open_review_per_case"),
            models.CheckConstraint(name="arranged_review_has_meeting",
                                   condition=Q(status="not_arranged") | (Q(meeting_on__isnull=False)
                                                                         & Q(invitations_sent_on__isnull=False))),
            models.CheckConstraint(name="decided_review_has_decision",
                                   condition=~Q(status__in=["amending", "complete"])
                                   | (~Q(decision="") & Q(decision_on__isnull=False))),
            models.CheckConstraint(name="amend_decision_carries_amendments",
                                   condition=~Q(decision="amend") | Q(amendment__isnull=False)),
            models.CheckConstraint(name="complete_review_has_date",
                                   condition=~Q(status="complete") | Q(completed_on__isnull=False)),
        ]

    def __str__(self):
        return f"{self.case.reference}: review {self.number}"


class AnnualReviewUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(AnnualReview, on_delete=models.CASCADE)


class AnnualReviewGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(AnnualReview, on_delete=models.CASCADE)


class ReviewParty(models.TextChoices):
    FAMILY = "family", "The child or young person and their family"
    SCHOOL = "school", "School or college"
    COUNCIL = "council", "Council SEND team"
    HEALTH = "health", "Health (NHS)"
    SOCIAL_CARE = "social_care", "Social care"


class ReviewContribution(models.Model):
    """An invitation to the review meeting, and the advice the invitee gives for it (reg 20(2) and (4))."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="contributions")
    party = models.CharField(max_length=20, choices=ReviewParty.choices)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="review_contributions")
    invited_on = models.DateField()
    advice_due_on = models.DateField()
    advice = models.TextField(blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["review", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "party"], name="one_contribution_per_party"),
            models.CheckConstraint(name="family_contribution_has_no_organisation",
                                   condition=Q(party="family", organisation__isnull=True)
                                   | (~Q(party="family") & Q(organisation__isnull=False))),
            models.CheckConstraint(name="submitted_advice_has_text",
                                   condition=Q(submitted_on__isnull=True) | ~Q(advice="")),
        ]

    def __str__(self):
        return f"{self.review}: {self.get_party_display()}"


class ReviewContributionUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(ReviewContribution, on_delete=models.CASCADE)


class ReviewContributionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(ReviewContribution, on_delete=models.CASCADE)


class OutcomeProgress(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    ON_TRACK = "on_track", "On track"
    SOME = "some", "Some progress"
    NONE = "none", "No progress yet"


class ReviewOutcomeProgress(models.Model):
    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="progress")
    outcome = models.ForeignKey(PlanOutcome, on_delete=models.PROTECT, related_name="+")
    progress = models.CharField(max_length=10, choices=OutcomeProgress.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "outcome__order"]
        constraints = [models.UniqueConstraint(fields=["review", "outcome"], name="one_progress_per_outcome")]

    def __str__(self):
        return f"{self.review}: outcome {self.outcome_id}"


class ReviewRecommendation(models.Model):
    """A change the meeting recommends to one section of the plan."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="recommendations")
    section = models.CharField(max_length=2)
    text = models.TextField()

    class Meta:
        ordering = ["review", "section"]
        constraints = [models.UniqueConstraint(fields=["review", "section"], name="one_recommendation_per_section")]

    def __str__(self):
        return f"{self.review}: section {self.section}"


class CeasingReason(models.TextChoices):
    """Why a plan ends: the categories the SEN2 return counts (CFA 2014 s.45)."""

    NEEDS_MET = "needs_met", "Needs are now met without a plan"
    EMPLOYMENT = "employment", "Moved into paid employment (not an apprenticeship)"
    HIGHER_EDUCATION = "higher_education", "Moved into higher education"
    NOT_ENGAGING = "not_engaging", "Aged 18 or over and no longer wishes to engage in education or training"
    MAXIMUM_AGE = "maximum_age", "Reached the end of the academic year in which they turned 25"
    MOVED_OUTSIDE_ENGLAND = "outside_england", "Moved outside England"
    DECEASED = "deceased", "Died"
    OTHER = "other", "Other"


# No appeal lies against ceasing because of age alone, and none can be made for a child who has died.
NOT_APPEALABLE_CEASING = {CeasingReason.MAXIMUM_AGE, CeasingReason.DECEASED}


class CeasingProposal(models.Model):
    """The council considering ceasing a plan: consulting the family and the setting, then its decision (SEND
    Regulations 2014 reg 31). The plan stays in force until the appeal period ends or an appeal is decided."""

    class Status(models.TextChoices):
        CONSULTING = "consulting", "Consulting the family and the setting"
        CONTINUING = "continuing", "Decided to keep the plan"
        CEASING = "ceasing", "Decided to cease: plan in force until appeals are over"
        CEASED = "ceased", "Plan ceased"

    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="ceasing_proposals")
    reason = models.CharField(max_length=20, choices=CeasingReason.choices)
    explanation = models.TextField("Why the council is considering ceasing the plan")
    proposed_on = models.DateField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    responses_due_on = models.DateField()
    setting = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    family_response = models.TextField(blank=True)
    family_responded_on = models.DateField(null=True, blank=True)
    setting_response = models.TextField(blank=True)
    setting_responded_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONSULTING)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decision_reasons = models.TextField(blank=True)
    ceases_on = models.DateField(null=True, blank=True,
                                 help_text="The first day the plan is no longer in force, unless an appeal is made.")

    class Meta:
        ordering = ["case", "-proposed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(status__in=["consulting", "ceasing"]),
                                    name="one_open_ceasing_proposal_per_case"),
            models.CheckConstraint(name="decided_ceasing_has_date",
                                   condition=Q(status="consulting") | Q(decided_on__isnull=False)),
            models.CheckConstraint(name="ceasing_decision_has_end_date",
                                   condition=~Q(status__in=["ceasing", "ceased"]) | Q(ceases_on__isnull=False)),
        ]

    def __str__(self):
        return f"{self.case.reference}: ceasing {self.proposed_on}"

    @property
    def appealable(self) -> bool:
        return self.reason not in NOT_APPEALABLE_CEASING


class BudgetForm(models.TextChoices):
    """How a personal budget is held (CFA 2014 s.49; Personal Budgets Regulations 2014)."""

    DIRECT_PAYMENT = "direct_payment", "Direct payment to the family or young person"
    ARRANGEMENT = "arrangement", "Arrangement: the council or setting holds the money and the family directs it"
    THIRD_PARTY = "third_party", "Third-party arrangement: another organisation holds the money"


class BudgetArea(models.TextChoices):
    EDUCATION = "education", "Special educational provision"
    HEALTH = "health", "Health care"
    SOCIAL_CARE = "social_care", "Social care"


class PersonalBudgetRequest(models.Model):
    """A family's request for a personal budget and the council's answer (CFA 2014 s.49; PB Regulations regs 4-8).
    It can be made while a plan is being drafted, reviewed or re-assessed."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        AGREED = "agreed", "Agreed"
        REFUSED = "refused", "Refused"
        REVIEW_REQUESTED = "review_requested", "Refusal being reconsidered"

    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="personal_budgets")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    during = models.CharField(max_length=12, choices=[("draft", "Draft plan"), ("review", "Review of the plan"),
                                                      ("reassessment", "Re-assessment")])
    forms_wanted = models.JSONField("How the family would like it held", default=list)
    areas = models.JSONField("What it is for", default=list)
    provision_wanted = models.TextField("The provision the family would like to direct")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    agreed_form = models.CharField(max_length=20, choices=BudgetForm.choices, blank=True)
    agreed_area = models.CharField(max_length=20, choices=BudgetArea.choices, blank=True)
    annual_amount = models.DecimalField("Amount a year (£)", max_digits=9, decimal_places=2, null=True, blank=True)
    reasons = models.TextField(blank=True)
    review_requested_on = models.DateField(null=True, blank=True)
    reconsidered = models.BooleanField(default=False)

    class Meta:
        ordering = ["case", "-requested_on", "-pk"]
        constraints = [
            models.CheckConstraint(name="agreed_budget_has_terms",
                                   condition=~Q(status="agreed") | (~Q(agreed_form="") & ~Q(agreed_area="")
                                                                    & Q(annual_amount__gt=0))),
            models.CheckConstraint(name="refused_budget_has_reasons",
                                   condition=~Q(status__in=["refused", "review_requested"]) | ~Q(reasons="")),
        ]

    def __str__(self):
        return f"{self.case.reference}: personal budget {self.requested_on}"


class PlanTransfer(models.Model):
    """A child with a plan moving to another council: the plan and file must go on the day of the move, or within
    15 working days of this council learning of it (SEND Regulations 2014 reg 15(2))."""

    case = models.OneToOneField(EHCCase, on_delete=models.CASCADE, related_name="transfer_out")
    to_local_authority = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="+", help_text="When the new council uses this portal.")
    to_name = models.CharField("New council", max_length=200)
    moved_on = models.DateField("Date of the move")
    aware_on = models.DateField("Date the council learned of the move")
    due_on = models.DateField()
    sent_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    received_case = models.OneToOneField(EHCCase, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="transfer_in")

    class Meta:
        constraints = [models.CheckConstraint(name="aware_of_move_by_date", condition=Q(aware_on__lte=F("due_on")))]

    def __str__(self):
        return f"{self.case.reference} to {self.to_name}"


class ReassessmentRequest(models.Model):
    """A request to re-assess the needs of a child or young person with a plan (SEND Regulations 2014 regs 24-27):
    decided within 15 days; if agreed, the final plan is due 14 weeks from the notice."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for the council's decision"
        AGREED = "agreed", "Re-assessment agreed"
        REFUSED = "refused", "Re-assessment refused"

    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="reassessment_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    reason = models.TextField("Why a re-assessment is needed")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decision_reasons = models.TextField(blank=True)
    reassessment = models.OneToOneField(EHCCase, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="reassessment_request")

    class Meta:
        ordering = ["case", "-requested_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(status="requested"),
                                    name="one_open_reassessment_request_per_case"),
            models.CheckConstraint(name="reassessment_decision_has_date",
                                   condition=Q(status="requested") | Q(decided_on__isnull=False)),
            models.CheckConstraint(name="agreed_reassessment_has_case",
                                   condition=~Q(status="agreed") | Q(reassessment__isnull=False)),
        ]

    def __str__(self):
        return f"{self.case.reference}: re-assessment {self.requested_on}"

    @property
    def decision_due(self):
        return reassessment_decision_due(self.requested_on)


def _letter_path(instance, filename):
    import uuid

    return f"letters/{uuid.uuid4().hex}.pdf"


class Letter(models.Model):
    """A decision letter or notice sent about a case. Its wording is fixed when it is issued; a worker renders it to
    a tagged PDF, and letters are never changed afterwards, so the list of them is the case's correspondence
    history."""

    class Kind(models.TextChoices):
        REVIEW_DECISION = "review_decision", "Decision after a review"
        AMENDMENT_NOTICE = "amendment_notice", "Proposed amendments to the plan"
        CEASING_PROPOSED = "ceasing_proposed", "The council is considering ceasing the plan"
        CEASING_DECISION = "ceasing_decision", "Decision about ceasing the plan"
        REASSESSMENT_DECISION = "reassessment_decision", "Decision whether to re-assess"
        PERSONAL_BUDGET_DECISION = "personal_budget", "Decision about a personal budget"
        TRANSFER_NOTICE = "transfer_notice", "The plan has transferred to this council"

    case = models.ForeignKey(EHCCase, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    issued_on = models.DateField()
    html = models.TextField(help_text="The letter as issued; the PDF is made from exactly this.")
    pdf = models.FileField(upload_to=_letter_path, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-issued_on", "-pk"]

    def __str__(self):
        return f"{self.case.reference}: {self.get_kind_display()} {self.issued_on}"
