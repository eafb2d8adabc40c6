from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from send_portal.core.access import get_from, visible_to

from .models import AgendaItem, Meeting, PanelMember


def meetings_for(user, *, upcoming: bool = True) -> QuerySet[Meeting]:
    meetings = visible_to(user, "panels.view_meeting", Meeting.objects.select_related("panel"))
    if upcoming:
        meetings = meetings.filter(date__gte=timezone.localdate())
    return meetings.order_by("date")


def meeting_get_for(user, pk) -> Meeting:
    return get_from(user, meetings_for(user, upcoming=False), purpose="panel papers", pk=pk)


def can_record(user, meeting: Meeting) -> bool:
    return PanelMember.objects.filter(panel=meeting.panel, user=user, ended_at__isnull=True,
                                      role__in=[PanelMember.Role.CHAIR, PanelMember.Role.CLERK]).exists()


def items_about(subject) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(content_type=ContentType.objects.get_for_model(subject),
                                     object_id=subject.pk).select_related("meeting__panel")


def upcoming_meetings(local_authority, purpose: str) -> QuerySet[Meeting]:
    return Meeting.objects.filter(panel__local_authority=local_authority, panel__purpose=purpose,
                                  panel__is_active=True, date__gte=timezone.localdate()).select_related("panel")
