import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from send_portal.core.access import get_from, visible_to
from send_portal.core.dates import govuk_date

from . import registry
from .models import Action, AgendaItem, ConflictDeclaration, Meeting, Panel, PanelMember

RECORDERS = (PanelMember.Role.CHAIR, PanelMember.Role.CLERK)
RECENT_WEEKS = 12


def meetings_for(user, *, upcoming: bool = True) -> QuerySet[Meeting]:
    meetings = visible_to(user, "panels.view_meeting", Meeting.objects.select_related("panel"))
    if upcoming:
        meetings = meetings.filter(date__gte=timezone.localdate())
    return meetings.order_by("date")


def meeting_list_for(user) -> QuerySet[Meeting]:
    return meetings_for(user).annotate(item_count=Count("items"))


def recent_meetings_for(user, today: dt.date | None = None, weeks: int = RECENT_WEEKS) -> QuerySet[Meeting]:
    """The meetings of the last `weeks` weeks, latest first, with how many items each had and how many are still
    undecided, so the list can flag what is left to do (decisions, attendance, minutes) without a query a row."""
    today = today or timezone.localdate()
    return (meetings_for(user, upcoming=False)
            .filter(date__lt=today, date__gte=today - dt.timedelta(weeks=weeks))
            .annotate(item_count=Count("items"), undecided_count=Count("items", filter=Q(items__recommendation="")))
            .order_by("-date"))


def clerk_queues_for(user) -> list[dict]:
    """Links to the triage queues of the panels this person clerks, from the apps that own the referrals."""
    from .registry import clerk_queue_for

    links = {}
    for panel in panels_clerked_by(user):
        queue = clerk_queue_for(panel.purpose)
        if queue:
            links.setdefault(queue, []).append(panel.name)
    return [{"url_name": url_name, "label": label, "panels": names} for (url_name, label), names in links.items()]


def meeting_get_for(user, pk) -> Meeting:
    return get_from(user, meetings_for(user, upcoming=False), purpose="panel papers", pk=pk)


def membership(user, panel: Panel) -> PanelMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return PanelMember.objects.filter(panel=panel, user=user, ended_at__isnull=True).first()


def can_record(user, meeting: Meeting) -> bool:
    """The chair and the clerk record decisions and actions; members and observers read."""
    member = membership(user, meeting.panel)
    return member is not None and member.role in RECORDERS


def is_clerk(user, panel: Panel) -> bool:
    member = membership(user, panel)
    return member is not None and member.role == PanelMember.Role.CLERK


def has_conflict(user, item: AgendaItem) -> bool:
    return ConflictDeclaration.objects.filter(item=item, member__user=user).exists()


def papers_closed_on(item: AgendaItem) -> dt.date | None:
    if not item.recorded_at:
        return None
    return timezone.localdate(item.recorded_at) + dt.timedelta(days=item.meeting.panel.papers_open_days_after)


def papers_hidden_because(member: PanelMember | None, item: AgendaItem, today: dt.date,
                          conflicted: bool) -> str:
    """Why this person cannot read this item's papers today, or "" when they can.

    Papers are for the panel's current members, from the papers date before the meeting (the clerk, who prepares
    the agenda, from the start) until the window after the decision closes; never for a member who declared a
    conflict of interest in the item."""
    if member is None:
        return "Only the panel's members can read its papers."
    if conflicted:
        return "You declared a conflict of interest, so you cannot read these papers."
    if member.role != PanelMember.Role.CLERK and today < item.meeting.papers_from:
        return f"The papers will be available from {govuk_date(item.meeting.papers_from)}."
    closed_on = papers_closed_on(item)
    if closed_on and today > closed_on:
        return f"The papers closed on {govuk_date(closed_on)}, {item.meeting.panel.papers_open_days_after} days " \
               f"after the decision."
    return ""


def can_read_papers(user, item: AgendaItem, today: dt.date | None = None) -> bool:
    member = membership(user, item.meeting.panel)
    return not papers_hidden_because(member, item, today or timezone.localdate(), has_conflict(user, item))


def decision_choices(item: AgendaItem) -> list[tuple[str, str]]:
    """The choices the chair picks the panel's decision from: the owning app's (see registry.py), or the plain
    recommendations."""
    options = registry.options_for(item)
    if options:
        return options(item)
    return [choice for choice in AgendaItem.Recommendation.choices if choice[0]]


def decision_label(item: AgendaItem) -> str:
    """The recorded decision in the words it was chosen by, for example "Approve a placement. Tier 2: …";
    "" while undecided."""
    if not item.recommendation:
        return ""
    code = f"{item.recommendation}:{item.detail}" if item.detail else item.recommendation
    label = dict(decision_choices(item)).get(code)
    if label:
        return label
    label = item.get_recommendation_display()
    return f"{label} ({item.detail})" if item.detail else label


@dataclass
class ItemView:
    item: AgendaItem
    papers_hidden_because: str
    my_conflict: ConflictDeclaration | None
    conflicts: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    decision: str = ""


def meeting_items_for(user, meeting: Meeting, today: dt.date | None = None) -> list[ItemView]:
    """The agenda as this member sees it: every item, with the papers only where they may read them."""
    today = today or timezone.localdate()
    member = membership(user, meeting.panel)
    items = (meeting.items.select_related("meeting__panel", "recorded_by", "content_type")
             .prefetch_related(Prefetch("conflicts", queryset=ConflictDeclaration.objects.select_related(
                 "member__user")),
                               Prefetch("actions", queryset=Action.objects.select_related("owner"))))
    views = []
    for item in items:
        conflicts = list(item.conflicts.all())
        # By person, not membership row, as has_conflict does: a member who left and came back keeps the conflict.
        mine = next((c for c in conflicts if member and c.member.user_id == user.pk), None)
        views.append(ItemView(item=item, papers_hidden_because=papers_hidden_because(member, item, today,
                                                                                     mine is not None),
                              my_conflict=mine, conflicts=conflicts, actions=list(item.actions.all()),
                              decision=decision_label(item)))
    return views


def item_get_for(user, meeting: Meeting, item_pk) -> AgendaItem:
    return get_from(user, meeting.items.select_related("meeting__panel"), purpose="panel item", pk=item_pk)


def action_get_for(user, meeting: Meeting, action_pk) -> Action:
    return get_from(user, Action.objects.filter(item__meeting=meeting).select_related("item__meeting__panel",
                                                                                       "owner"),
                    purpose="panel action", pk=action_pk)


def open_actions_for(user) -> QuerySet[Action]:
    """The actions this person owns and has not done yet, on the panels they are still on."""
    return (Action.objects.filter(owner=user, done_at__isnull=True,
                                  item__meeting__in=meetings_for(user, upcoming=False))
            .select_related("item__meeting__panel").order_by("due_on", "pk"))


def current_members(panel: Panel) -> QuerySet[PanelMember]:
    return panel.members.filter(ended_at__isnull=True).select_related("user")


def next_open_meeting(panel: Panel, today: dt.date, *, on_or_after: dt.date | None = None) -> Meeting | None:
    """The first meeting whose agenda is still open (and on or after a date, for follow-ups)."""
    for meeting in panel.meetings.filter(date__gte=max(today, on_or_after or today)).select_related("panel"):
        if today <= meeting.agenda_closes_on:
            return meeting
    return None


def minutes_context(meeting: Meeting) -> dict:
    items = (meeting.items.select_related("recorded_by", "content_type")
             .prefetch_related(Prefetch("conflicts", queryset=ConflictDeclaration.objects.select_related(
                 "member__user")),
                               Prefetch("actions", queryset=Action.objects.select_related("owner"))))
    views = [ItemView(item=item, papers_hidden_because="The minutes do not repeat the papers.", my_conflict=None,
                      conflicts=list(item.conflicts.all()), actions=list(item.actions.all()),
                      decision=decision_label(item)) for item in items]
    present = list(meeting.present.select_related("user"))
    absent = [member for member in current_members(meeting.panel) if member not in present]
    return {"meeting": meeting, "panel": meeting.panel, "members": present, "absent": absent,
            "items": views, "conflicts": [conflict for view in views for conflict in view.conflicts],
            "rendered_on": timezone.localdate()}


def items_about(subject) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(content_type=ContentType.objects.get_for_model(subject),
                                     object_id=subject.pk).select_related("meeting__panel")


def upcoming_meetings(local_authority, purpose: str) -> QuerySet[Meeting]:
    return Meeting.objects.filter(panel__local_authority=local_authority, panel__purpose=purpose,
                                  panel__is_active=True, date__gte=timezone.localdate()).select_related("panel")


def panels_clerked_by(user) -> QuerySet[Panel]:
    return Panel.objects.filter(members__user=user, members__ended_at__isnull=True,
                                members__role=PanelMember.Role.CLERK).distinct()
