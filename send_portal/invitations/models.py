from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from send_portal.organisations.models import AdviserSpecialism, Organisation, Role
from send_portal.people.models import Child, Relationship


class Invitation(models.Model):
    """A single-use, expiring invitation to join the portal with exactly one grant of access.

    Either a member of staff joins an organisation with a role, or a family member is linked to one child's
    record. Only a hash of the token is stored, so a copy of the database cannot be used to accept one.
    """

    class Kind(models.TextChoices):
        STAFF = "staff", "Join an organisation"
        FAMILY = "family", "See a child's record"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    email = models.EmailField()
    full_name = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="invitations")
    role = models.CharField(max_length=30, choices=Role.choices, blank=True)
    specialism = models.CharField(max_length=30, choices=AdviserSpecialism.choices, blank=True)
    child = models.ForeignKey(Child, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations")
    relationship = models.CharField(max_length=20, choices=Relationship.choices, blank=True)
    has_parental_responsibility = models.BooleanField(default=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="accepted_invitations")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="staff_invitation_names_organisation_and_role",
                condition=~Q(kind="staff") | (Q(organisation__isnull=False) & ~Q(role="") & Q(child__isnull=True)),
            ),
            models.CheckConstraint(
                name="family_invitation_names_child_and_relationship",
                condition=~Q(kind="family") | (Q(child__isnull=False) & ~Q(relationship="")
                                               & Q(organisation__isnull=True)),
            ),
            models.CheckConstraint(
                name="invitation_not_both_accepted_and_revoked",
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"Invitation {self.pk} ({self.get_kind_display()})"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "Accepted"
        if self.revoked_at:
            return "Withdrawn"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Waiting"

    @property
    def is_open(self) -> bool:
        return self.status == "Waiting"
