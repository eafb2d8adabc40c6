import datetime as dt

from django.db.models import Q, QuerySet
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
