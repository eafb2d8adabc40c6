import datetime as dt

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from guardian.shortcuts import assign_perm

from send_portal.core.dates import govuk_date
from send_portal.core.pdf import pdf_from_html

from . import registry, selectors
from .models import Action, AgendaItem, ConflictDeclaration, Meeting, Panel, PanelMember
from .registry import handler_for

PANEL_SETTINGS = ("starts_at", "term_time_only", "papers_days_ahead", "agenda_closes_days_before",
                  "papers_open_days_after")
# A term-time panel skips the holidays; this bounds the search so a calendar closed for months cannot loop.
_MAX_WEEKS_SEARCHED = 104


@transaction.atomic
def panel_create(*, name: str, purpose: str, local_authority, weekday: int, every_weeks: int = 1,
                 **panel_settings) -> Panel:
    unknown = set(panel_settings) - set(PANEL_SETTINGS)
    if unknown:
        raise TypeError(f"Unknown panel settings: {', '.join(sorted(unknown))}")
    panel = Panel(name=name, purpose=purpose, local_authority=local_authority, weekday=weekday,
                  every_weeks=every_weeks, **panel_settings)
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


# Changing any of these moves the panel's future meetings (see panel_settings_changed).
SCHEDULE_SETTINGS = ("weekday", "every_weeks", "starts_at", "term_time_only")


def _on_weekday(panel: Panel, day: dt.date) -> dt.date:
    """The panel's weekday in the same week (Monday to Sunday) as `day`."""
    return day + dt.timedelta(days=panel.weekday - day.weekday())


def _cadence_anchor(panel: Panel, start: dt.date) -> dt.date:
    """The date the panel's cadence counts from: its latest meeting (moved to the panel's weekday in that week, in
    case the weekday has changed since), or when it has none, the first panel weekday on or after `start`. Counting
    from a fixed point, not from whatever day the schedule runs, keeps a fortnightly panel fortnightly."""
    latest = panel.meetings.order_by("-date").values_list("date", flat=True).first()
    if latest is not None:
        return _on_weekday(panel, latest)
    return start + dt.timedelta(days=(panel.weekday - start.weekday()) % 7)


def _on_cadence(panel: Panel, anchor: dt.date, day: dt.date) -> bool:
    return day.weekday() == panel.weekday and (day - anchor).days % (7 * panel.every_weeks) == 0


def _meeting_dates(panel: Panel, start: dt.date, count: int):
    """The panel's next `count` meeting dates on or after `start`: every `every_weeks` weeks from the cadence anchor.
    A term-time panel skips a slot in the holidays rather than moving it, so the cadence is kept."""
    step = 7 * panel.every_weeks
    anchor = _cadence_anchor(panel, start)
    day = anchor + dt.timedelta(days=-((anchor - start).days // step) * step)  # the first slot on or after start
    found = 0
    for _ in range(_MAX_WEEKS_SEARCHED):
        if found == count:
            return
        if not panel.term_time_only or registry.is_school_day(panel.local_authority, day):
            found += 1
            yield day
        day += dt.timedelta(days=step)


@transaction.atomic
def meetings_schedule(*, panel: Panel, start: dt.date | None = None, count: int = 8) -> list[Meeting]:
    """Make sure the panel's next `count` meetings from `start` are in the diary, on its regular day and cadence
    (school days only for a term-time panel). Running it again, on any day, adds nothing twice."""
    meetings = []
    for day in _meeting_dates(panel, start or timezone.localdate(), count):
        meeting, _ = Meeting.objects.get_or_create(panel=panel, date=day, defaults={"starts_at": panel.starts_at})
        assign_perm("view_meeting", panel.group, meeting)
        meetings.append(meeting)
    return meetings


def meetings_schedule_all(today: dt.date | None = None) -> int:
    """Keep every active panel's next eight meetings in the diary. Run daily."""
    created = 0
    for panel in Panel.objects.filter(is_active=True):
        before = panel.meetings.count()
        meetings_schedule(panel=panel, start=today)
        created += panel.meetings.count() - before
    return created


def _future_meetings(panel_filter: dict, today: dt.date):
    return (Meeting.objects.filter(date__gt=today, **panel_filter).select_related("panel")
            .annotate(item_count=Count("items")).order_by("date"))


@transaction.atomic
def panel_settings_changed(panel: Panel, today: dt.date | None = None) -> list[Meeting]:
    """After the panel's day, cadence, time or term-time setting changes: future meetings with nothing on their
    agenda are removed and the diary is filled again on the new settings. Meetings that already have items stay
    where they are; those that no longer fit the new settings are returned, so the clerk can move them by hand."""
    today = today or timezone.localdate()
    panel = Panel.objects.select_for_update().select_related("local_authority").get(pk=panel.pk)
    kept = []
    for meeting in _future_meetings({"panel": panel}, today):
        if meeting.item_count:
            kept.append(meeting)
        else:
            meeting.delete()
    start = today + dt.timedelta(days=1)
    if panel.is_active:
        meetings_schedule(panel=panel, start=start)
    anchor = _cadence_anchor(panel, start)
    return [meeting for meeting in kept
            if meeting.starts_at != panel.starts_at or not _on_cadence(panel, anchor, meeting.date)
            or (panel.term_time_only and not registry.is_school_day(panel.local_authority, meeting.date))]


@transaction.atomic
def meetings_drop_non_school_days(local_authority, today: dt.date | None = None) -> list[Meeting]:
    """After the council's school calendar changes: a term-time panel's future meetings that now fall on a day that
    is not a school day are removed if nothing is on their agenda, and the diary is filled again (skipping those
    days). Meetings that already have items stay; they are returned, so the clerk can move them by hand."""
    today = today or timezone.localdate()
    kept, emptied = [], set()
    for meeting in _future_meetings({"panel__local_authority": local_authority, "panel__term_time_only": True},
                                    today):
        if registry.is_school_day(local_authority, meeting.date):
            continue
        if meeting.item_count:
            kept.append(meeting)
        else:
            emptied.add(meeting.panel_id)
            meeting.delete()
    for panel in Panel.objects.filter(pk__in=emptied, is_active=True):
        meetings_schedule(panel=panel, start=today + dt.timedelta(days=1))
    return kept


def _check_agenda_open(meeting: Meeting, today: dt.date) -> None:
    if meeting.date < today:
        raise ValidationError("Choose a meeting that has not happened yet.")
    if today > meeting.agenda_closes_on:
        raise ValidationError(f"The agenda for {govuk_date(meeting.date)} was locked on "
                              f"{govuk_date(meeting.agenda_closes_on)}. Choose a later meeting.")


@transaction.atomic
def agenda_add(*, meeting: Meeting, subject, reference: str, question: str, papers: str, added_by, kind: str = "",
               today: dt.date | None = None) -> AgendaItem:
    meeting = Meeting.objects.select_for_update().select_related("panel").get(pk=meeting.pk)
    _check_agenda_open(meeting, today or timezone.localdate())
    if not papers.strip():
        raise ValidationError("Write the papers the panel will read.")
    content_type = ContentType.objects.get_for_model(subject)
    if AgendaItem.objects.filter(meeting=meeting, content_type=content_type, object_id=subject.pk).exists():
        raise ValidationError("This is already on that meeting's agenda.")
    return AgendaItem.objects.create(meeting=meeting, content_type=content_type, object_id=subject.pk,
                                     reference=reference, question=question, papers=papers, added_by=added_by,
                                     kind=kind)


def agenda_add_next(*, panel: Panel, subject, reference: str, question: str, papers: str, added_by, kind: str = "",
                    on_or_after: dt.date | None = None, today: dt.date | None = None) -> AgendaItem:
    """The agenda builds itself: the item goes on the first meeting whose agenda is still open."""
    today = today or timezone.localdate()
    meeting = selectors.next_open_meeting(panel, today, on_or_after=on_or_after)
    if meeting is None:
        meetings_schedule(panel=panel, start=max(today, on_or_after or today))
        meeting = selectors.next_open_meeting(panel, today, on_or_after=on_or_after)
    if meeting is None:
        raise ValidationError(f"The {panel} has no meeting with an open agenda in the diary.")
    return agenda_add(meeting=meeting, subject=subject, reference=reference, question=question, papers=papers,
                      added_by=added_by, kind=kind, today=today)


@transaction.atomic
def recommendation_record(*, item: AgendaItem, recommendation: str, reasons: str, recorded_by,
                          today: dt.date | None = None) -> AgendaItem:
    """Record the panel's decision on one item. `recommendation` is one of the item's choice codes."""
    item = AgendaItem.objects.select_for_update().select_related("meeting__panel").get(pk=item.pk)
    if item.recommendation:
        raise ValidationError("The panel's recommendation on this item has already been recorded.")
    if recommendation not in dict(selectors.decision_choices(item)):
        raise ValidationError("Choose the panel's recommendation.")
    if not reasons.strip():
        raise ValidationError("Give the panel's reasons.")
    if not selectors.can_record(recorded_by, item.meeting):
        raise ValidationError("Only the panel's chair or clerk can record its recommendation.")
    if selectors.has_conflict(recorded_by, item):
        raise ValidationError("You declared a conflict of interest in this item, so someone else must record it.")
    if (today or timezone.localdate()) < item.meeting.date:
        raise ValidationError(f"Record the panel's decision at or after the meeting on "
                              f"{govuk_date(item.meeting.date)}.")
    code, _, detail = recommendation.partition(":")
    item.recommendation, item.detail, item.reasons = code, detail, reasons
    item.recorded_by, item.recorded_at = recorded_by, timezone.now()
    item.save()
    handler = handler_for(item)
    if handler:
        handler(item, recorded_by)
    return item


@transaction.atomic
def conflict_declare(*, item: AgendaItem, user, nature: str) -> ConflictDeclaration:
    """A member declares an interest: from now on they cannot read the item's papers."""
    member = selectors.membership(user, item.meeting.panel)
    if member is None:
        raise ValidationError("Only the panel's members declare interests.")
    if item.recommendation:
        raise ValidationError("The panel has already decided this item.")
    if not nature.strip():
        raise ValidationError("Say what the conflict of interest is.")
    try:
        with transaction.atomic():
            return ConflictDeclaration.objects.create(item=item, member=member, nature=nature.strip())
    except IntegrityError:
        return ConflictDeclaration.objects.get(item=item, member=member)


@transaction.atomic
def action_add(*, item: AgendaItem, description: str, owner, due_on: dt.date, created_by,
               today: dt.date | None = None) -> Action:
    if not selectors.can_record(created_by, item.meeting):
        raise ValidationError("Only the panel's chair or clerk records actions.")
    if selectors.has_conflict(created_by, item):
        raise ValidationError("You declared a conflict of interest in this item, so someone else must record its "
                              "actions.")
    if not description.strip():
        raise ValidationError("Say what needs to be done.")
    if due_on < (today or timezone.localdate()):
        raise ValidationError("The date the action is due must be today or in the future.")
    if selectors.membership(owner, item.meeting.panel) is None:
        raise ValidationError("Choose one of the panel's members to own the action.")
    return Action.objects.create(item=item, description=description.strip(), owner=owner, due_on=due_on,
                                 created_by=created_by)


@transaction.atomic
def action_complete(*, action: Action, user) -> Action:
    action = Action.objects.select_for_update().select_related("item__meeting__panel").get(pk=action.pk)
    if action.owner_id != user.pk and not selectors.can_record(user, action.item.meeting):
        raise ValidationError("Only the action's owner, or the panel's chair or clerk, can mark it done.")
    if action.done_at is None:
        action.done_at = timezone.now()
        action.save(update_fields=["done_at"])
    return action


@transaction.atomic
def meeting_attendance_record(*, meeting: Meeting, user, present, today: dt.date | None = None) -> Meeting:
    """Record which of the panel's members attended. The minutes list them, and the others as absent."""
    meeting = Meeting.objects.select_for_update().select_related("panel").get(pk=meeting.pk)
    if not selectors.can_record(user, meeting):
        raise ValidationError("Only the panel's chair or clerk records who attended.")
    if (today or timezone.localdate()) < meeting.date:
        raise ValidationError(f"Record who attended on or after the meeting on {govuk_date(meeting.date)}.")
    present = list(present)
    if not present:
        raise ValidationError("Select the members who attended.")
    members = set(selectors.current_members(meeting.panel).values_list("pk", flat=True))
    if any(member.pk not in members or member.panel_id != meeting.panel_id for member in present):
        raise ValidationError("Select members of this panel.")
    meeting.present.set(present)
    meeting.attendance_recorded_at = timezone.now()
    meeting.save(update_fields=["attendance_recorded_at"])
    return meeting


@transaction.atomic
def minutes_request(*, meeting: Meeting, user, today: dt.date | None = None) -> Meeting:
    """Ask for the meeting's minutes as a PDF; a Celery worker renders them."""
    meeting = Meeting.objects.select_for_update().select_related("panel").get(pk=meeting.pk)
    if not selectors.can_record(user, meeting):
        raise ValidationError("Only the panel's chair or clerk can produce the minutes.")
    if (today or timezone.localdate()) < meeting.date:
        raise ValidationError("Minutes can be produced once the meeting has taken place.")
    if meeting.items.filter(recommendation="").exists():
        raise ValidationError("Record a decision on every item before producing the minutes.")
    if meeting.attendance_recorded_at is None:
        raise ValidationError("Record who attended before producing the minutes.")
    meeting.minutes_requested_at = timezone.now()
    meeting.save(update_fields=["minutes_requested_at"])
    from send_portal.notifications.outbox import outbox_enqueue

    from .tasks import render_minutes_pdf

    outbox_enqueue(render_minutes_pdf, meeting.pk)  # on commit; waits if the queue is down
    return meeting


def minutes_render(*, meeting: Meeting) -> Meeting:
    """Render the minutes: who attended, conflicts declared, each decision with reasons, and the actions. Papers
    are not repeated, so the minutes can go to every member."""
    html = render_to_string("panels/minutes_pdf.html", selectors.minutes_context(meeting))
    pdf = pdf_from_html(html)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("panel").get(pk=meeting.pk)
        if meeting.minutes_pdf:
            meeting.minutes_pdf.delete(save=False)
        meeting.minutes_pdf.save(f"minutes-{meeting.panel.pk}-{meeting.date:%Y-%m-%d}.pdf", ContentFile(pdf),
                                 save=False)
        meeting.minutes_rendered_at = timezone.now()
        meeting.save(update_fields=["minutes_pdf", "minutes_rendered_at"])
    return meeting
