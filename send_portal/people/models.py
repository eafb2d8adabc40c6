import datetime as dt

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from send_portal.organisations.models import Organisation, OrganisationKind

from . import schoolyear


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Not known"


class Child(models.Model):
    """A child or young person (0 to 25) on the shared register every app uses."""

    reference = models.CharField(max_length=12, unique=True, editable=False)
    given_name = models.CharField("First name", max_length=100)
    family_name = models.CharField("Last name", max_length=100)
    preferred_name = models.CharField("Preferred name", max_length=100, blank=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    upn = models.CharField(
        "Unique pupil number (UPN)", max_length=13, null=True, blank=True, unique=True,
        validators=[RegexValidator(r"^[A-Z]\d{11}[0-9A-Z]$", "A UPN is a letter, 11 digits and a digit or letter.")],
    )
    home_local_authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="resident_children",
        limit_choices_to={"kind": OrganisationKind.LOCAL_AUTHORITY},
    )
    current_setting = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="pupils",
        limit_choices_to={"kind": OrganisationKind.SCHOOL},
    )
    postcode = models.CharField(max_length=8, blank=True)
    own_email = models.EmailField(
        "The young person's own email address", blank=True,
        help_text="Used to invite them to their own account when decisions pass to them.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = "child or young person"
        verbose_name_plural = "children and young people"
        indexes = [models.Index(fields=["family_name", "given_name"])]
        constraints = [
            models.CheckConstraint(
                name="child_born_on_or_after_1990", condition=Q(date_of_birth__gte=dt.date(1990, 1, 1))
            ),
        ]

    def __str__(self):
        # The reference, not the name, so that logs and audit entries do not repeat personal details.
        return self.reference

    @property
    def full_name(self):
        return f"{self.preferred_name or self.given_name} {self.family_name}"

    def nc_year(self, on=None) -> int:
        return schoolyear.nc_year(self.date_of_birth, on or timezone.localdate())

    @property
    def nc_year_label(self) -> str:
        return schoolyear.nc_year_label(self.nc_year())

    def age(self, on=None) -> int:
        on = on or timezone.localdate()
        born = self.date_of_birth
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class Relationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    GUARDIAN = "guardian", "Guardian"
    CORPORATE_PARENT = "corporate_parent", "Corporate parent (child looked after)"
    SELF = "self", "The young person themselves"
    OTHER = "other", "Other family member"


class FamilyLink(models.Model):
    """Someone's account linked to a child's record: a parent or carer, or the young person themselves."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_links")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    has_parental_responsibility = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "user"], condition=Q(ended_at__isnull=True), name="one_active_family_link_per_person",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=Q(ended_at__isnull=True, relationship="self"),
                name="one_young_person_account_per_child",
            ),
            models.CheckConstraint(
                name="young_person_has_no_parental_responsibility_for_self",
                condition=~Q(relationship="self") | Q(has_parental_responsibility=False),
            ),
        ]

    def __str__(self):
        return f"{self.get_relationship_display()} link to {self.child.reference}"


class Decision(models.TextChoices):
    """Decisions under the Children and Families Act 2014 that belong to the parent or the young person."""

    ALL = "all", "All decisions"
    REQUEST_ASSESSMENT = "request_assessment", "Asking for an EHC needs assessment"
    EXPRESS_VIEWS = "express_views", "Giving views for the assessment and plan"
    COMMENT_ON_DRAFT = "comment_on_draft", "Commenting on a draft plan"
    NAME_SETTING = "name_setting", "Naming a school or setting"
    PERSONAL_BUDGET = "personal_budget", "Asking for a personal budget"
    MEDIATION = "mediation", "Mediation"
    APPEAL = "appeal", "Appealing to the tribunal"


class RightsHolder(models.TextChoices):
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    REPRESENTATIVE = "representative", "Representative acting for a young person who lacks capacity"


class CapacityDecision(models.Model):
    """A recorded finding that a young person lacks mental capacity for a decision (Mental Capacity Act 2005).

    While one is in force the decision stays with the parent or a named representative
    instead of passing to the young person at the end of the school year in which they turn 16.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="capacity_decisions")
    decision = models.CharField(max_length=30, choices=Decision.choices)
    lacks_capacity = models.BooleanField(default=True)
    assessed_on = models.DateField()
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The person who acts for the young person. Leave blank when a parent acts.",
    )
    basis = models.TextField(help_text="How the capacity assessment was made and by whom.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-assessed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "decision"], condition=Q(withdrawn_at__isnull=True),
                name="one_capacity_decision_in_force_per_decision",
            ),
        ]

    def __str__(self):
        return f"Capacity decision for {self.child.reference}: {self.get_decision_display()}"


class ChildUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Child, on_delete=models.CASCADE)


class ChildGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Child, on_delete=models.CASCADE)
