"""Alternative provision: the approved provider list (lots, applications, evidence with expiry dates, quality
visits and every status change), and the statutory clocks for children out of school (the school-day calendar,
exclusions with their sixth-day duty, and absence for health reasons).

The wording stays neutral about the procurement regime: an "approved provider list" split into "lots", with
"call-offs" for each placement, fits both a dynamic purchasing system (Public Contracts Regulations 2015
reg 34) and a dynamic market (Procurement Act 2023 ss.34 to 40).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from send_portal.organisations.models import Organisation
from send_portal.people.models import Child


class Lot(models.Model):
    """A part of the approved provider list, with its own conditions (for example secondary key stages 3 to 4,
    or tuition and online). Commissioners configure them in the admin site."""

    code = models.SlugField(max_length=40, unique=True)
    local_authority = models.ForeignKey(
        Organisation, null=True, blank=False, on_delete=models.PROTECT, related_name="ap_lots",
        limit_choices_to={"kind": "local_authority"},
        help_text="The council whose approved provider list this lot is part of; its officers run it.")
    name = models.CharField(max_length=120)
    description = models.TextField()
    registered_schools_only = models.BooleanField(
        default=False, help_text="Only providers registered as schools (Ofsted or independent) may join this lot.")
    is_open = models.BooleanField(default=True, help_text="Providers can apply to join.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class ApprovedProvider(models.Model):
    """A provider organisation's standing on the approved provider list."""

    class Status(models.TextChoices):
        APPLYING = "applying", "Applying"
        ADMITTED = "admitted", "Approved"
        SUSPENDED = "suspended", "Suspended from new call-offs"
        REMOVED = "removed", "Removed from the list"
        REFUSED = "refused", "Not approved"

    class Registration(models.TextChoices):
        REGISTERED_SCHOOL = "registered_school", "Registered school (Ofsted or independent school)"
        UNREGISTERED = "unregistered", "Not registered as a school"

    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="approved_provider",
                                        limit_choices_to={"kind": "provider"})
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.APPLYING)
    registration = models.CharField(max_length=30, choices=Registration.choices, blank=True)
    urn = models.CharField("Unique reference number (URN)", max_length=7, blank=True)
    lots = models.ManyToManyField(Lot, blank=True, related_name="providers", help_text="Lots it is admitted to.")
    suspended_for_lapsed_evidence = models.BooleanField(
        default=False, help_text="Suspended automatically because evidence expired; lifted when it is renewed.")
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.CheckConstraint(name="approved_provider_urn_only_when_registered",
                                   condition=Q(registration="registered_school") | Q(urn="")),
            models.CheckConstraint(name="lapsed_evidence_suspension_is_a_suspension",
                                   condition=Q(suspended_for_lapsed_evidence=False) | Q(status="suspended")),
        ]

    def __str__(self):
        return self.organisation.name

    @property
    def can_take_call_offs(self) -> bool:
        return self.status == self.Status.ADMITTED


class ProviderApplication(models.Model):
    """One application to join lots. Commissioners must decide within 10 working days (PCR 2015 reg 34; the
    Procurement Act 2023 asks for a reasonable period, and the portal keeps the same clock)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Not sent yet"
        SUBMITTED = "submitted", "Waiting for a decision"
        ADMITTED = "admitted", "Approved"
        REFUSED = "refused", "Not approved"
        WITHDRAWN = "withdrawn", "Withdrawn"

    provider = models.ForeignKey(ApprovedProvider, on_delete=models.CASCADE, related_name="applications")
    lots = models.ManyToManyField(Lot, related_name="applications")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    submitted_on = models.DateField(null=True, blank=True)
    decision_due_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(name="submitted_application_has_dates",
                                   condition=Q(status="draft") | Q(status="withdrawn")
                                   | Q(submitted_on__isnull=False, decision_due_on__isnull=False)),
            models.CheckConstraint(name="decided_application_has_reasons",
                                   condition=~Q(status__in=["admitted", "refused"])
                                   | (Q(decided_on__isnull=False) & ~Q(decision_reasons=""))),
            models.UniqueConstraint(fields=["provider"], condition=Q(status__in=["draft", "submitted"]),
                                    name="one_open_application_per_provider"),
        ]

    def __str__(self):
        return f"{self.provider} application ({self.get_status_display()})"


class Criterion(models.TextChoices):
    """What a commissioner checks before admitting a provider."""

    REGISTRATION = "registration", "Registration status is confirmed"
    EVIDENCE = "evidence", "All compliance evidence is present and in date"
    SAFEGUARDING = "safeguarding", "Safeguarding arrangements meet Keeping Children Safe in Education"
    QUALITY = "quality", "The education offered suits the lots applied for"
    FINANCIAL = "financial", "The financial check is satisfactory"
    PREMISES = "premises", "Premises are safe and suitable"


class ApplicationCheck(models.Model):
    application = models.ForeignKey(ProviderApplication, on_delete=models.CASCADE, related_name="checks")
    criterion = models.CharField(max_length=30, choices=Criterion.choices)
    met = models.BooleanField()
    note = models.TextField(blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="one_check_per_criterion"),
            models.CheckConstraint(name="unmet_criterion_has_note", condition=Q(met=True) | ~Q(note="")),
        ]

    def __str__(self):
        return f"{self.get_criterion_display()}: {'met' if self.met else 'not met'}"


class EvidenceKind(models.TextChoices):
    INSURANCE = "insurance", "Employer's and public liability insurance"
    SAFEGUARDING_POLICY = "safeguarding_policy", "Safeguarding policy (Keeping Children Safe in Education)"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Designated safeguarding lead"
    STAFF_CHECKS = "staff_checks", "Written confirmation of staff checks (DBS and safer recruitment)"
    HEALTH_AND_SAFETY = "health_and_safety", "Health and safety policy"
    DATA_PROTECTION = "data_protection", "Data protection questionnaire"
    BEHAVIOUR_ATTENDANCE = "behaviour_attendance", "Behaviour and attendance policies"
    COMPLAINTS = "complaints", "Complaints policy"
    FINANCIAL = "financial", "Financial check"
    PREMISES = "premises", "Premises risk assessment"


def evidence_upload_path(instance, filename):
    # The stored name never reuses the uploaded name, which may carry personal details.
    import uuid

    return f"alt_provision/evidence/{instance.provider_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """One piece of compliance evidence with its expiry date. Renewing adds a new row; the old one is kept."""

    provider = models.ForeignKey(ApprovedProvider, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=30, choices=EvidenceKind.choices)
    summary = models.CharField(max_length=300, help_text="For example the insurer and cover: '£10 million public "
                                                         "liability, £5 million employer's liability'.")
    document = models.FileField(upload_to=evidence_upload_path, blank=True)
    document_name = models.CharField(max_length=200, blank=True)
    document_type = models.CharField(max_length=100, blank=True)
    valid_from = models.DateField()
    expires_on = models.DateField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    superseded_by = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="supersedes")

    class Meta:
        ordering = ["kind", "-expires_on"]
        indexes = [models.Index(fields=["kind", "expires_on"], name="evidence_kind_expiry")]
        constraints = [
            models.CheckConstraint(name="evidence_expires_after_it_starts",
                                   condition=Q(expires_on__gt=models.F("valid_from"))),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} until {self.expires_on}"


class QualityVisit(models.Model):
    """A quality-assurance visit to a provider, with its checklist and findings."""

    class Outcome(models.TextChoices):
        SATISFACTORY = "satisfactory", "Satisfactory"
        ACTIONS = "actions", "Satisfactory with actions"
        UNSATISFACTORY = "unsatisfactory", "Unsatisfactory"

    provider = models.ForeignKey(ApprovedProvider, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField()
    visited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checklist = models.JSONField(default=dict, help_text="Each checklist item's code and whether it was met.")
    findings = models.TextField()
    actions = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on"]

    def __str__(self):
        return f"Visit to {self.provider} on {self.visited_on}"


class ProviderStatusChange(models.Model):
    """The provider's history: every change of status, who made it and why."""

    provider = models.ForeignKey(ApprovedProvider, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=ApprovedProvider.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ApprovedProvider.Status.choices)
    reason = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", help_text="Empty when the portal made the change itself.")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.provider}: {self.from_status or 'new'} to {self.to_status}"


class SchoolTerm(models.Model):
    """A term in the council's area, so health absences can be counted per term."""

    local_authority = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="school_terms",
                                        limit_choices_to={"kind": "local_authority"})
    name = models.CharField(max_length=120, help_text="For example 'Autumn term 2026'.")
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(name="school_term_ends_after_it_starts",
                                   condition=Q(ends_on__gte=models.F("starts_on"))),
        ]

    def __str__(self):
        return self.name


class SchoolHoliday(models.Model):
    """A day or run of days that are not school days in the council's area (half terms, holidays, closure
    days). Weekends and England bank holidays are never school days and need no entry."""

    local_authority = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="school_holidays",
                                        limit_choices_to={"kind": "local_authority"})
    name = models.CharField(max_length=120)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(name="school_holiday_ends_after_it_starts",
                                   condition=Q(ends_on__gte=models.F("starts_on"))),
        ]

    def __str__(self):
        return self.name


class Exclusion(models.Model):
    """A permanent exclusion or a suspension, which starts a duty to arrange full-time education from the sixth
    school day: the council's for a permanent exclusion, the school's for a suspension of more than 5 days."""

    class Kind(models.TextChoices):
        PERMANENT = "permanent", "Permanent exclusion"
        SUSPENSION = "suspension", "Suspension"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="exclusions")
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="exclusions",
                               limit_choices_to={"kind": "school"})
    kind = models.CharField(max_length=20, choices=Kind.choices)
    first_day = models.DateField(help_text="The first day the pupil is excluded.")
    school_days = models.PositiveSmallIntegerField(null=True, blank=True,
                                                   help_text="For a suspension: how many school days it lasts.")
    sixth_day = models.DateField(null=True, blank=True,
                                 help_text="When full-time education must start; empty when no duty arises.")
    provision_starts_on = models.DateField(null=True, blank=True,
                                           help_text="When full-time education was in place.")
    provision_details = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-first_day"]
        constraints = [
            models.CheckConstraint(name="suspension_has_length",
                                   condition=Q(kind="permanent", school_days__isnull=True)
                                   | Q(kind="suspension", school_days__gte=1)),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.first_day}"


class HealthAbsence(models.Model):
    """A school day a child missed for health reasons. Fifteen in a term, together or apart, bring in the
    council's health needs education team (statutory guidance, December 2023)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="health_absences")
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                               limit_choices_to={"kind": "school"})
    absent_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-absent_on"]
        constraints = [
            models.UniqueConstraint(fields=["child", "absent_on"], name="one_health_absence_per_child_day"),
        ]

    def __str__(self):
        return f"Absent for health reasons on {self.absent_on}"


class HealthNeedsReferral(models.Model):
    """A child flagged for the health needs education team, once per term in which they reached 15 days."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="health_needs_referrals")
    term_starts_on = models.DateField()
    flagged_on = models.DateField()
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-flagged_on"]
        constraints = [
            models.UniqueConstraint(fields=["child", "term_starts_on"], name="one_health_flag_per_child_term"),
        ]

    def __str__(self):
        return f"Health needs flag from {self.flagged_on}"


class Tier(models.TextChoices):
    """The three tiers of the SEND and alternative provision improvement plan (March 2023)."""

    TARGETED = "1", "Tier 1: targeted support in the pupil's school"
    TIME_LIMITED = "2", "Tier 2: time-limited placement"
    TRANSITIONAL = "3", "Tier 3: transitional placement"


class PlacementRequirement(models.Model):
    """What a school, pupil referral unit or council officer needs for one pupil. Sent as a call-off to every
    eligible provider in the lot, without the pupil's name."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Not sent yet"
        CALLED_OFF = "called_off", "Sent to providers"
        AWARDED = "awarded", "Awarded"
        CANCELLED = "cancelled", "Cancelled"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="placement_requirements")
    commissioner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="placement_requirements",
                                     help_text="The school, pupil referral unit or council commissioning it.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="requirements")
    needs_summary = models.TextField(help_text="What the provider must be able to meet, written without the "
                                               "pupil's name.")
    has_ehc_plan = models.BooleanField("Has an education, health and care (EHC) plan", default=False)
    is_looked_after = models.BooleanField("Is looked after by a council", default=False)
    area = models.CharField("Where", max_length=120, help_text="The town or area the pupil can travel to.")
    start_on = models.DateField()
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    days = models.CharField(max_length=40, help_text="iCalendar day codes, for example 'MO,TU,WE'.")
    objectives = models.TextField()
    tier = models.CharField(max_length=1, choices=Tier.choices)
    reintegration_aim = models.TextField()
    budget = models.DecimalField("Budget (£ per week)", max_digits=8, decimal_places=2)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    called_off_at = models.DateTimeField(null=True, blank=True)
    offers_by = models.DateField(null=True, blank=True, help_text="When offers close.")
    award_reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(name="requirement_hours_in_a_week",
                                   condition=Q(hours_per_week__gt=0, hours_per_week__lte=40)),
            models.CheckConstraint(name="called_off_requirement_has_closing_date",
                                   condition=Q(status="draft") | Q(status="cancelled") | Q(offers_by__isnull=False)),
            models.CheckConstraint(name="awarded_requirement_has_reasons",
                                   condition=~Q(status="awarded") | ~Q(award_reasons="")),
        ]

    def __str__(self):
        return f"Placement requirement {self.pk}"


class CallOffInvitation(models.Model):
    requirement = models.ForeignKey(PlacementRequirement, on_delete=models.CASCADE, related_name="invitations")
    provider = models.ForeignKey(ApprovedProvider, on_delete=models.PROTECT, related_name="invitations")
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["requirement", "provider"], name="one_invitation_per_provider"),
        ]

    def __str__(self):
        return f"{self.provider} invited to {self.requirement}"


class Offer(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Offered"
        WITHDRAWN = "withdrawn", "Withdrawn"
        AWARDED = "awarded", "Awarded"
        UNSUCCESSFUL = "unsuccessful", "Not successful"

    requirement = models.ForeignKey(PlacementRequirement, on_delete=models.CASCADE, related_name="offers")
    provider = models.ForeignKey(ApprovedProvider, on_delete=models.PROTECT, related_name="offers")
    price = models.DecimalField("Price (£ per week)", max_digits=8, decimal_places=2)
    start_on = models.DateField()
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    staffing = models.TextField(help_text="Who will teach and support the pupil, and the staff ratio.")
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["price"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "provider"], name="one_offer_per_provider"),
            models.UniqueConstraint(fields=["requirement"], condition=Q(status="awarded"),
                                    name="one_awarded_offer_per_requirement"),
            models.CheckConstraint(name="offer_price_not_negative", condition=Q(price__gte=0)),
            models.CheckConstraint(name="offer_hours_in_a_week",
                                   condition=Q(hours_per_week__gt=0, hours_per_week__lte=40)),
        ]

    def __str__(self):
        return f"Offer from {self.provider}"


class Placement(models.Model):
    """A pupil's alternative provision placement. The pupil stays on the home school's roll. Placements a school
    arranges directly, with a provider on the list or not, are recorded here too, so the council has one
    register of where every child in alternative provision is."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    class Outcome(models.TextChoices):
        REINTEGRATED = "reintegrated", "Returned to mainstream school"
        CONTINUING = "continuing", "Continuing in alternative provision"
        SPECIAL_SCHOOL = "special_school", "Moved to a special school"
        POST_16 = "post_16", "Moved on to a post-16 destination"
        OTHER = "other", "Other"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="placements")
    home_school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="ap_placements",
                                    limit_choices_to={"kind": "school"})
    commissioner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(ApprovedProvider, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="placements")
    provider_name = models.CharField(max_length=200, blank=True,
                                     help_text="For a provider that is not on the approved provider list.")
    provider_is_registered_school = models.BooleanField(default=False)
    requirement = models.OneToOneField(PlacementRequirement, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="placement")
    offer = models.OneToOneField(Offer, null=True, blank=True, on_delete=models.PROTECT, related_name="placement")
    arranged_directly = models.BooleanField(default=False, help_text="Arranged by the school without a call-off.")
    tier = models.CharField(max_length=1, choices=Tier.choices)
    has_ehc_plan = models.BooleanField(default=False)
    is_looked_after = models.BooleanField(default=False)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    is_full_time = models.BooleanField(default=False)
    days = models.CharField(max_length=40)
    weekly_cost = models.DecimalField(max_digits=8, decimal_places=2)
    objectives = models.TextField()
    reintegration_plan = models.TextField()
    reintegration_on = models.DateField(null=True, blank=True)
    named_contact = models.CharField(max_length=200, help_text="The person at the provider the school contacts.")
    next_review_on = models.DateField(help_text="At least every half term.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["status", "provider"], name="placement_status_provider")]
        constraints = [
            models.CheckConstraint(name="placement_names_its_provider",
                                   condition=Q(provider__isnull=False) | ~Q(provider_name="")),
            models.CheckConstraint(name="ended_placement_has_outcome",
                                   condition=Q(status="active") | (~Q(outcome="") & Q(outcome_on__isnull=False))),
            models.CheckConstraint(name="placement_hours_in_a_week",
                                   condition=Q(hours_per_week__gt=0, hours_per_week__lte=40)),
        ]

    def __str__(self):
        return f"Placement {self.pk}"


class AttendanceMark(models.Model):
    """A morning or afternoon session's mark, recorded by the provider."""

    class Session(models.TextChoices):
        AM = "am", "Morning"
        PM = "pm", "Afternoon"

    class Mark(models.TextChoices):
        PRESENT = "present", "Present"
        LATE = "late", "Late"
        AUTHORISED = "authorised", "Absent (authorised)"
        UNAUTHORISED = "unauthorised", "Absent (not authorised)"
        NOT_EXPECTED = "not_expected", "Not expected this session"

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="attendance")
    date = models.DateField()
    session = models.CharField(max_length=2, choices=Session.choices)
    mark = models.CharField(max_length=20, choices=Mark.choices)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "session"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "date", "session"], name="one_mark_per_session"),
        ]

    def __str__(self):
        return f"{self.get_mark_display()} on {self.date} ({self.get_session_display().lower()})"


class PlacementReview(models.Model):
    """A review of a placement, at least every half term: progress against each objective."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    progress = models.TextField()
    attendance_summary = models.CharField(max_length=200, blank=True)
    next_steps = models.TextField(blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on"]

    def __str__(self):
        return f"Review on {self.reviewed_on}"


class PanelReferral(models.Model):
    """A school's or council officer's referral of a pupil to the council's alternative provision panel.

    It is checked for the five things the panel needs before the clerk triages it; an incomplete one goes back
    to the referrer with what is missing and a date to answer by. An approved referral leads to a placement
    requirement (the placement workflow) and a follow-up at panel."""

    class Reason(models.TextChoices):
        PERMANENT_EXCLUSION = "permanent_exclusion", "Permanently excluded"
        AT_RISK = "at_risk", "At risk of exclusion"
        HEALTH = "health", "Cannot attend school for health reasons"
        OTHER = "other", "Another reason"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for the clerk"
        INCOMPLETE = "incomplete", "Sent back: information missing"
        ON_AGENDA = "on_agenda", "On a panel agenda"
        RETURNED = "returned", "Returned by the clerk"
        SIGNPOSTED = "signposted", "Signposted elsewhere"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="panel_referrals")
    panel = models.ForeignKey("panels.Panel", on_delete=models.PROTECT, related_name="ap_referrals")
    referrer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="ap_panel_referrals",
                                 help_text="The school, pupil referral unit or council making the referral.")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    summary = models.TextField(help_text="What is happening for the pupil and what the referral asks the panel for.")
    requested_tier = models.CharField(max_length=1, choices=Tier.choices, blank=True)
    # The five things the panel needs before triage.
    parent_consent_signed_on = models.DateField(null=True, blank=True)
    parent_consent_signed_by = models.CharField(
        max_length=150, blank=True, help_text="Who signed, by relationship to the pupil (for example 'mother'), so "
                                              "the panel's papers name nobody.")
    child_views = models.TextField(blank=True)
    parent_views = models.TextField(blank=True)
    risk_assessment_on = models.DateField(null=True, blank=True)
    risk_assessment_summary = models.TextField(blank=True)
    interventions = models.TextField(blank=True, help_text="What has been tried, for how long, and what difference "
                                                            "it made.")
    lead_professional = models.CharField(max_length=200, blank=True)
    lead_professional_contact = models.CharField(max_length=200, blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    missing = models.JSONField(default=list, blank=True, help_text="The checks it failed when it was sent back.")
    returned_note = models.TextField(blank=True)
    respond_by = models.DateField(null=True, blank=True)
    signposted_to = models.TextField(blank=True)
    approved_tier = models.CharField(max_length=1, choices=Tier.choices, blank=True)
    requirement = models.OneToOneField(PlacementRequirement, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="panel_referral")
    follow_up_on = models.DateField(null=True, blank=True, help_text="When the panel looks at how it is going.")
    follow_up_on_agenda = models.BooleanField(default=False)
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(name="incomplete_referral_has_date_to_answer_by",
                                   condition=~Q(status="incomplete") | Q(respond_by__isnull=False)),
            models.CheckConstraint(name="approved_referral_has_tier",
                                   condition=~Q(status="approved") | ~Q(approved_tier="")),
            models.CheckConstraint(name="signposted_referral_says_where",
                                   condition=~Q(status="signposted") | ~Q(signposted_to="")),
            # One open referral per pupil: a second click or a second referrer adds to the first.
            models.UniqueConstraint(fields=["child"], name="one_open_panel_referral_per_child",
                                    condition=Q(status__in=["submitted", "incomplete", "returned", "on_agenda"])),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"APR-{self.pk:06d}"
