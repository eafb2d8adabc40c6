"""Panels: one mechanism for every multi-agency panel (EHC assessment and plan panels, the weekly AP panel).

A panel meets on a schedule; each meeting has an agenda of items about any kind of record; each item has papers
for the members to read and ends in a recorded recommendation with reasons. The app that owns the record
decides what a recommendation means for it (see registry.py).
"""

import datetime as dt

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
    starts_at = models.TimeField("Meeting time", default=dt.time(9, 0))
    term_time_only = models.BooleanField(
        default=False, help_text="Meet only on school days in the council's calendar: no meetings in the holidays.")
    papers_days_ahead = models.PositiveSmallIntegerField(
        default=7, help_text="Members can read an item's papers this many days before the meeting.")
    agenda_closes_days_before = models.PositiveSmallIntegerField(
        default=2, help_text="The agenda is locked at the end of the day this many days before the meeting.")
    papers_open_days_after = models.PositiveSmallIntegerField(
        default=14, help_text="Members can still read an item's papers for this many days after its decision.")
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="panel", editable=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(name="panel_weekday_is_a_day", condition=Q(weekday__lte=6)),
            models.CheckConstraint(name="panel_meets_at_least_every_26_weeks",
                                   condition=Q(every_weeks__gte=1, every_weeks__lte=26)),
            models.CheckConstraint(name="panel_papers_within_a_month", condition=Q(papers_days_ahead__lte=31)),
            models.CheckConstraint(name="panel_agenda_closes_within_a_month",
                                   condition=Q(agenda_closes_days_before__lte=31)),
            models.CheckConstraint(name="panel_papers_open_within_a_quarter",
                                   condition=Q(papers_open_days_after__lte=92)),
        ]

    def __str__(self):
        return self.name


class PanelMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        MEMBER = "member", "Member"
        OBSERVER = "observer", "Observer (reads papers, takes no decisions)"
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
    starts_at = models.TimeField(default=dt.time(9, 0))
    location = models.CharField(max_length=200, blank=True)
    present = models.ManyToManyField(PanelMember, blank=True, related_name="meetings_attended",
                                     help_text="Who attended, recorded by the chair or clerk for the minutes.")
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    minutes_pdf = models.FileField(upload_to="panels/minutes/", blank=True)
    minutes_requested_at = models.DateTimeField(null=True, blank=True)
    minutes_rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["panel", "date"], name="one_meeting_a_day_per_panel")]

    def __str__(self):
        return f"{self.panel} on {self.date:%d %B %Y}"

    @property
    def agenda_closes_on(self) -> dt.date:
        return self.date - dt.timedelta(days=self.panel.agenda_closes_days_before)

    @property
    def papers_from(self) -> dt.date:
        return self.date - dt.timedelta(days=self.panel.papers_days_ahead)


class AgendaItem(models.Model):
    class Recommendation(models.TextChoices):
        PENDING = "", "Not yet considered"
        YES = "yes", "Yes"
        NO = "no", "No"
        DEFER = "defer", "Deferred to a later meeting"
        MORE_INFO = "more_info", "More information needed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    reference = models.CharField(max_length=30, help_text="The record's reference: never a name.")
    question = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, blank=True,
                            help_text="What the item is for, in the owning app's words (for example a follow-up).")
    papers = models.TextField(help_text="What the members need to know, prepared by the caseworker.")
    recommendation = models.CharField(max_length=10, choices=Recommendation.choices, blank=True)
    detail = models.CharField(max_length=30, blank=True,
                              help_text="What exactly the panel agreed, for example the tier of placement.")
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


class ConflictDeclaration(models.Model):
    """A member's declared interest in one item: they cannot read its papers or take part in its decision."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="conflicts")
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="conflicts")
    nature = models.CharField(max_length=300, help_text="For example: 'I teach at the referring school.'")
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["declared_at"]
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="one_declaration_per_member_item")]

    def __str__(self):
        return f"{self.member.user} on {self.item.reference}"


class Action(models.Model):
    """Something the panel asked someone to do about an item, with an owner and a date."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_actions")
    due_on = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description


class MeetingUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Meeting, on_delete=models.CASCADE)


class MeetingGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Meeting, on_delete=models.CASCADE)
