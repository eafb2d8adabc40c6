"""Panels: one mechanism for every multi-agency panel (EHC assessment and plan panels, the weekly AP panel).

A panel meets on a schedule; each meeting has an agenda of items about any kind of record; each item has papers
for the members to read and ends in a recorded recommendation with reasons. The app that owns the record
decides what a recommendation means for it (see registry.py).
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from send_portal.organisations.models import Organisation


class Panel(models.Model):
    class Purpose(models.TextChoices):
        EHC_ASSESSMENT = "ehc_assessment", "EHC needs assessment panel"
        EHC_PLAN = "ehc_plan", "EHC plan panel"
        ALTERNATIVE_PROVISION = "alternative_provision", "Alternative provision panel"

    name = models.CharField(max_length=150)
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    local_authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="panels")
    weekday = models.PositiveSmallIntegerField(help_text="0 is Monday, 6 is Sunday.")
    every_weeks = models.PositiveSmallIntegerField(default=1)
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="panel", editable=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(name="panel_weekday_is_a_day", condition=Q(weekday__lte=6))]

    def __str__(self):
        return self.name


class PanelMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        MEMBER = "member", "Member"
        CLERK = "clerk", "Clerk"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    represents = models.CharField(max_length=150, blank=True, help_text="For example: health, education, the "
                                                                         "parent carer forum.")
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["panel", "role", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["panel", "user"], condition=Q(ended_at__isnull=True),
                                               name="one_active_panel_membership")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) on {self.panel}"


class Meeting(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    location = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["panel", "date"], name="one_meeting_a_day_per_panel")]

    def __str__(self):
        return f"{self.panel} on {self.date:%d %B %Y}"


class AgendaItem(models.Model):
    class Recommendation(models.TextChoices):
        PENDING = "", "Not yet considered"
        YES = "yes", "Yes"
        NO = "no", "No"
        DEFER = "defer", "Deferred for more information"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    reference = models.CharField(max_length=30, help_text="The record's reference: never a name.")
    question = models.CharField(max_length=200)
    papers = models.TextField(help_text="What the members need to know, prepared by the caseworker.")
    recommendation = models.CharField(max_length=5, choices=Recommendation.choices, blank=True)
    reasons = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["meeting__date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "content_type", "object_id"], name="one_item_per_record"),
            models.CheckConstraint(name="recommendation_has_reasons",
                                   condition=Q(recommendation="") | ~Q(reasons="")),
        ]

    def __str__(self):
        return f"{self.reference} at {self.meeting}"


class MeetingUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Meeting, on_delete=models.CASCADE)


class MeetingGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Meeting, on_delete=models.CASCADE)
