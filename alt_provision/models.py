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
