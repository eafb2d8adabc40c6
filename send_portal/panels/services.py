import datetime as dt

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from .models import AgendaItem, Meeting, Panel, PanelMember
from .registry import handler_for


@transaction.atomic
def panel_create(*, name: str, purpose: str, local_authority, weekday: int, every_weeks: int = 1) -> Panel:
    panel = Panel(name=name, purpose=purpose, local_authority=local_authority, weekday=weekday,
                  every_weeks=every_weeks)
    panel.group = Group.objects.create(name=f"panel:{purpose}:{name}"[:150])
    panel.full_clean()
    panel.save()
    return panel


@transaction.atomic
def panel_member_add(*, panel: Panel, user, role: str = PanelMember.Role.MEMBER, represents: str = "") -> PanelMember:
    member = PanelMember.objects.filter(panel=panel, user=user, ended_at__isnull=True).first()
    if member is None:
        member = PanelMember.objects.create(panel=panel, user=user, role=role, represents=represents)
    user.groups.add(panel.group)
    return member


@transaction.atomic
def panel_member_remove(*, member: PanelMember) -> None:
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    if member.ended_at is None:
        member.ended_at = timezone.now()
        member.save(update_fields=["ended_at"])
        member.user.groups.remove(member.panel.group)


def _meeting_dates(panel: Panel, start: dt.date, count: int):
    day = start + dt.timedelta(days=(panel.weekday - start.weekday()) % 7)
    for _ in range(count):
        yield day
        day += dt.timedelta(weeks=panel.every_weeks)


@transaction.atomic
def meetings_schedule(*, panel: Panel, start: dt.date | None = None, count: int = 8) -> list[Meeting]:
    """Create the panel's next meetings on its regular day. Running it again adds nothing twice."""
    meetings = []
    for day in _meeting_dates(panel, start or timezone.localdate(), count):
        meeting, _ = Meeting.objects.get_or_create(panel=panel, date=day)
        assign_perm("view_meeting", panel.group, meeting)
        meetings.append(meeting)
    return meetings


@transaction.atomic
def agenda_add(*, meeting: Meeting, subject, reference: str, question: str, papers: str, added_by) -> AgendaItem:
    if meeting.date < timezone.localdate():
        raise ValidationError("Choose a meeting that has not happened yet.")
    if not papers.strip():
        raise ValidationError("Write the papers the panel will read.")
    content_type = ContentType.objects.get_for_model(subject)
    if AgendaItem.objects.filter(meeting=meeting, content_type=content_type, object_id=subject.pk).exists():
        raise ValidationError("This is already on that meeting's agenda.")
    return AgendaItem.objects.create(meeting=meeting, content_type=content_type, object_id=subject.pk,
                                     reference=reference, question=question, papers=papers, added_by=added_by)


@transaction.atomic
def recommendation_record(*, item: AgendaItem, recommendation: str, reasons: str, recorded_by) -> AgendaItem:
    item = AgendaItem.objects.select_for_update().select_related("meeting__panel").get(pk=item.pk)
    if item.recommendation:
        raise ValidationError("The panel's recommendation on this item has already been recorded.")
    if recommendation not in (AgendaItem.Recommendation.YES, AgendaItem.Recommendation.NO,
                              AgendaItem.Recommendation.DEFER):
        raise ValidationError("Choose the panel's recommendation.")
    if not reasons.strip():
        raise ValidationError("Give the panel's reasons.")
    if not PanelMember.objects.filter(panel=item.meeting.panel, user=recorded_by, ended_at__isnull=True,
                                      role__in=[PanelMember.Role.CHAIR, PanelMember.Role.CLERK]).exists():
        raise ValidationError("Only the panel's chair or clerk can record its recommendation.")
    item.recommendation, item.reasons = recommendation, reasons
    item.recorded_by, item.recorded_at = recorded_by, timezone.now()
    item.save()
    handler = handler_for(item)
    if handler:
        handler(item, recorded_by)
    return item
