from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    PARENT_CARER = "parent_carer", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    SENCO = "senco", "Special educational needs co-ordinator (SENCO)"
    LA_CASEWORKER = "la_caseworker", "Local authority caseworker"
    LA_MANAGER = "la_manager", "Local authority manager"
    ADVISER = "adviser", "Professional adviser"
    PANEL_MEMBER = "panel_member", "Panel member"
    PROVIDER = "provider", "Provider"
    PARTNERSHIP_LEAD = "partnership_lead", "Partnership lead"
    ADMINISTRATOR = "administrator", "Administrator"


FAMILY_ROLES = frozenset({Role.PARENT_CARER, Role.YOUNG_PERSON})
STAFF_ROLES = frozenset(set(Role) - FAMILY_ROLES)


class AdviserSpecialism(models.TextChoices):
    EDUCATIONAL_PSYCHOLOGIST = "educational_psychologist", "Educational psychologist"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    EDUCATION = "education", "Education"
    SENSORY = "sensory", "Qualified teacher of children with sensory impairment"


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    LA_TEAM = "la_team", "Local authority team"
    SCHOOL = "school", "School or setting"
    NHS_ICB = "nhs_icb", "NHS integrated care board (ICB)"
    NHS_TRUST = "nhs_trust", "NHS trust"
    SOCIAL_CARE = "social_care", "Social care"
    PROVIDER = "provider", "Provider"
    PARENT_CARER_FORUM = "parent_carer_forum", "Parent carer forum"


class SettingPhase(models.TextChoices):
    EARLY_YEARS = "early_years", "Early years"
    PRIMARY = "primary", "Primary"
    INFANT = "infant", "Infant school (Reception to Year 2)"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    SPECIAL = "special", "Special school"
    POST_16 = "post_16", "Post-16 college or sixth form"
    ALTERNATIVE_PROVISION = "alternative_provision", "Alternative provision or pupil referral unit (PRU)"


class SettingType(models.TextChoices):
    MAINTAINED = "maintained", "Maintained school"
    ACADEMY = "academy", "Academy or free school"
    MAINTAINED_SPECIAL = "maintained_special", "Maintained special school"
    SPECIAL_ACADEMY = "special_academy", "Special academy or free school"
    NON_MAINTAINED_SPECIAL = "non_maintained_special", "Non-maintained special school"
    INDEPENDENT = "independent", "Independent school"
    INDEPENDENT_SPECIAL = "independent_special", "Independent special school"
    FE_COLLEGE = "fe_college", "Further education college"
    SIXTH_FORM_COLLEGE = "sixth_form_college", "Sixth form college"
    SPECIALIST_POST_16 = "specialist_post_16", "Specialist post-16 institution"
    PRU = "pru", "Pupil referral unit (PRU)"
    AP_ACADEMY = "ap_academy", "Alternative provision academy"
    EARLY_YEARS = "early_years", "Early years setting"


# Which roles make sense in which kind of organisation; services refuse any other pairing.
ROLES_BY_KIND = {
    OrganisationKind.LOCAL_AUTHORITY: {Role.LA_MANAGER, Role.PARTNERSHIP_LEAD, Role.ADMINISTRATOR, Role.PANEL_MEMBER},
    OrganisationKind.LA_TEAM: {Role.LA_CASEWORKER, Role.LA_MANAGER, Role.ADVISER, Role.PANEL_MEMBER},
    OrganisationKind.SCHOOL: {Role.SENCO, Role.PANEL_MEMBER},
    OrganisationKind.NHS_ICB: {Role.ADVISER, Role.PANEL_MEMBER, Role.PARTNERSHIP_LEAD},
    OrganisationKind.NHS_TRUST: {Role.ADVISER, Role.PANEL_MEMBER},
    OrganisationKind.SOCIAL_CARE: {Role.ADVISER, Role.PANEL_MEMBER},
    OrganisationKind.PROVIDER: {Role.PROVIDER},
    OrganisationKind.PARENT_CARER_FORUM: {Role.PARTNERSHIP_LEAD, Role.PANEL_MEMBER},
}


class District(models.Model):
    name = models.CharField(max_length=100, unique=True)
    code = models.SlugField(max_length=30, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        help_text="The local authority a team belongs to, or the ICB a trust works with.",
    )
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT)
    urn = models.CharField(
        "Unique reference number (URN)", max_length=7, null=True, blank=True, unique=True,
        validators=[RegexValidator(r"^\d{6,7}$", "A URN is 6 or 7 digits.")],
    )
    ukprn = models.CharField(
        "UK provider reference number (UKPRN)", max_length=8, null=True, blank=True, unique=True,
        validators=[RegexValidator(r"^1\d{7}$", "A UKPRN is 8 digits starting with 1.")],
    )
    gss_code = models.CharField(
        "Government Statistical Service (GSS) code", max_length=9, null=True, blank=True, unique=True,
        validators=[RegexValidator(r"^E\d{8}$", "A GSS code is E followed by 8 digits.")],
    )
    phase = models.CharField(max_length=30, choices=SettingPhase.choices, blank=True)
    setting_type = models.CharField("Type of school or college", max_length=30, choices=SettingType.choices,
                                    blank=True)
    age_from = models.PositiveSmallIntegerField("Youngest age taken", null=True, blank=True)
    age_to = models.PositiveSmallIntegerField("Oldest age taken", null=True, blank=True)
    sen_designation = models.CharField(
        "Special educational needs designation", max_length=200, blank=True,
        help_text="For a special school or resourced provision, the needs it is designated for.")
    is_section_41 = models.BooleanField(
        "On the section 41 list", default=False,
        help_text="An independent special school or specialist post-16 institution approved by the Secretary "
                  "of State under section 41 of the Children and Families Act 2014.")
    is_out_of_area = models.BooleanField("Outside our area", default=False)
    area_name = models.CharField("Local authority area", max_length=100, blank=True,
                                 help_text="For a setting outside our area, the council area it is in.")
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    partner_councils = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="partners",
        limit_choices_to={"kind": OrganisationKind.LOCAL_AUTHORITY},
        help_text="For an NHS integrated care board (ICB) or a parent carer forum: the councils whose local area SEND "
                  "partnership it sits on. Its partnership leads read those councils' dashboards and improvement "
                  "plans, with small counts suppressed.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="organisation_phase_only_for_schools",
                condition=Q(kind=OrganisationKind.SCHOOL) | Q(phase=""),
            ),
            models.CheckConstraint(
                name="organisation_setting_details_only_for_schools",
                condition=Q(kind=OrganisationKind.SCHOOL)
                | Q(setting_type="", age_from__isnull=True, age_to__isnull=True, sen_designation="",
                    is_section_41=False, is_out_of_area=False),
            ),
            models.CheckConstraint(
                name="organisation_setting_ages_in_order",
                condition=Q(age_from__isnull=True) | Q(age_to__isnull=True) | Q(age_from__lte=models.F("age_to")),
            ),
            models.CheckConstraint(
                name="organisation_team_has_parent",
                condition=~Q(kind=OrganisationKind.LA_TEAM) | Q(parent__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def local_authority(self):
        """The local authority an organisation sits in: itself, or its parent for a team."""
        if self.kind == OrganisationKind.LOCAL_AUTHORITY:
            return self
        if self.kind == OrganisationKind.LA_TEAM:
            return self.parent
        return None


class OrganisationRoleGroup(models.Model):
    """The auth group holding everyone with one role in one organisation.

    Object permissions are granted to these groups, so access follows the organisation and the
    role rather than a person: a school's cases stay with the school when its SENCO leaves.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="role_groups")
    role = models.CharField(max_length=30, choices=Role.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="organisation_role")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "role"], name="one_group_per_organisation_role"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_display()}"


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    specialism = models.CharField(max_length=30, choices=AdviserSpecialism.choices, blank=True)
    job_title = models.CharField(max_length=120, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(ended_at__isnull=True),
                name="one_active_membership_per_user_organisation_role",
            ),
            models.CheckConstraint(
                name="membership_has_staff_role",
                condition=~Q(role__in=[Role.PARENT_CARER, Role.YOUNG_PERSON]),
            ),
            models.CheckConstraint(
                name="membership_specialism_only_for_advisers",
                condition=Q(role=Role.ADVISER) | Q(specialism=""),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} at {self.organisation}"

    @property
    def is_active(self):
        return self.ended_at is None
