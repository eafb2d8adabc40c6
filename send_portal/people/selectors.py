import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from send_portal.core.access import get_for_user, visible_to

from . import schoolyear
from .models import CapacityDecision, Child, Decision, FamilyLink, Relationship, RightsHolder

VIEW_CHILD = "people.view_child"
CHANGE_CHILD = "people.change_child"


def _children():
    return Child.objects.select_related("home_local_authority", "current_setting", "current_setting__district")


def children_visible_to(user, *, query: str = "", setting=None) -> QuerySet[Child]:
    qs = visible_to(user, VIEW_CHILD, _children())
    if query:
        for term in query.split():
            qs = qs.filter(
                Q(given_name__icontains=term) | Q(family_name__icontains=term) | Q(preferred_name__icontains=term)
                | Q(reference__iexact=term)
            )
    if setting:
        qs = qs.filter(current_setting=setting)
    return qs.order_by("family_name", "given_name")


def child_get_for(user, pk, *, perm: str = VIEW_CHILD, purpose: str = "view") -> Child:
    return get_for_user(user, perm, _children(), purpose=purpose, pk=pk)


def user_can_change_child(user, child: Child) -> bool:
    return visible_to(user, CHANGE_CHILD, Child.objects.filter(pk=child.pk)).exists()


def family_links(child: Child) -> QuerySet[FamilyLink]:
    return child.family_links.filter(ended_at__isnull=True).select_related("user").order_by("created_at")


def children_linked_to(user) -> QuerySet[Child]:
    """The children whose records a parent, carer or young person is linked to."""
    if not user.is_authenticated:
        return Child.objects.none()
    return _children().filter(family_links__user=user, family_links__ended_at__isnull=True).distinct()


def capacity_decisions_in_force(child: Child) -> QuerySet[CapacityDecision]:
    return child.capacity_decisions.filter(withdrawn_at__isnull=True, lacks_capacity=True).select_related(
        "representative"
    )


def decision_makers(child: Child, *, viewer, show_names: bool, on: dt.date | None = None) -> list[dict]:
    """Who makes each decision, in words for the child's page. Families see roles ("you", "a parent"),
    the council sees names."""
    rows = []
    for decision in Decision:
        if decision == Decision.ALL:
            continue
        holder, people = rights_holder(child, decision, on=on)
        if viewer in people:
            who = "You"
        elif show_names and people:
            who = ", ".join(str(person) for person in people)
        else:
            who = {RightsHolder.PARENT: "The parents or carers with parental responsibility",
                   RightsHolder.YOUNG_PERSON: "The young person",
                   RightsHolder.REPRESENTATIVE: "A representative acting for the young person"}[holder]
        rows.append({"decision": decision.label, "who": who, "holder": RightsHolder(holder).label})
    return rows


def rights_holder(child: Child, decision: str = Decision.ALL, on: dt.date | None = None):
    """Who holds the right to make `decision` for this child on a date.

    Rights pass to the young person at the end of the school year in which they turn 16, unless a capacity
    decision in force covers this decision (or all decisions); then a named representative acts, or the
    parent if none is named. Returns (RightsHolder, users) where users are the linked accounts able to act.
    """
    on = on or timezone.localdate()
    links = family_links(child)
    parents = [link.user for link in links if link.has_parental_responsibility]
    if not schoolyear.is_over_compulsory_school_age(child.date_of_birth, on):
        return RightsHolder.PARENT, parents
    capacity = capacity_decisions_in_force(child).filter(decision__in=[decision, Decision.ALL]).first()
    if capacity:
        if capacity.representative:
            return RightsHolder.REPRESENTATIVE, [capacity.representative]
        return RightsHolder.PARENT, parents
    return RightsHolder.YOUNG_PERSON, [link.user for link in links if link.relationship == Relationship.SELF]


def rights_transfer_candidates(user=None, *, today: dt.date | None = None) -> list[Child]:
    """Young people whose decisions pass to them at the end of this school year, or have passed already, with what
    the council needs to know: when, whether they have their own account or an open invitation, whether a capacity
    decision keeps every decision with someone else, and who gets notices now. With `user`, only children whose
    record they hold."""
    from send_portal.invitations.models import Invitation

    today = today or timezone.localdate()
    this_year = schoolyear.school_year_start(today)
    children = Child.objects.filter(date_of_birth__lte=dt.date(this_year - 15, 8, 31),
                                    date_of_birth__gt=dt.date(this_year - 26, 8, 31))
    if user is not None:
        children = visible_to(user, CHANGE_CHILD, children)
    children = children.prefetch_related(
        Prefetch("family_links", queryset=FamilyLink.objects.filter(ended_at__isnull=True).select_related("user")),
        Prefetch("capacity_decisions", queryset=CapacityDecision.objects.filter(withdrawn_at__isnull=True)),
    ).order_by("date_of_birth", "family_name")
    invited = set(Invitation.objects.filter(child__in=children, relationship=Relationship.SELF,
                                            accepted_at__isnull=True, revoked_at__isnull=True)
                  .values_list("child_id", flat=True))
    rows = []
    for child in children:
        child.passed_on = schoolyear.end_of_school_year_turning_16(child.date_of_birth) + dt.timedelta(days=1)
        child.self_link = any(link.relationship == Relationship.SELF for link in child.family_links.all())
        child.open_invitation = child.pk in invited
        child.keeps_all_decisions_with_others = any(decision.decision == Decision.ALL and decision.lacks_capacity
                                                    for decision in child.capacity_decisions.all())
        child.notices_to = notice_recipients(child, on=max(today, child.passed_on))
        rows.append(child)
    return rows


def notice_recipients(child: Child, on: dt.date | None = None) -> list:
    """Who statutory notices about the child go to: whoever holds the right to decide. Once rights have passed to a
    young person who has no account yet, the parents keep getting them, so nothing goes unsent, until the young
    person joins; the council's rights-at-16 list shows who still needs inviting."""
    _holder, people = rights_holder(child, on=on)
    if people:
        return people
    return [link.user for link in family_links(child) if link.has_parental_responsibility]
