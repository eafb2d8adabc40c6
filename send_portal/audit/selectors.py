from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType


def audit_trail_for(obj):
    """Every change and view of one object, newest first."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    ).select_related("actor").order_by("-timestamp")


def access_by_account(user, start, end):
    """Everything one account opened or changed from `start` up to (not including) `end`, oldest first: the
    answer to "which records did account X open between T1 and T2?" after a suspected breach."""
    return (LogEntry.objects.filter(actor=user, timestamp__gte=start, timestamp__lt=end)
            .select_related("content_type").order_by("timestamp", "pk"))


def subject_child(text: str, *, councils=None):
    """The child a subject access request is about, by portal reference or database id; None when there is no
    such child, or (with `councils`) the child's home council is not one of them."""
    from django.apps import apps

    Child = apps.get_model("people.Child")
    text = (text or "").strip()
    children = Child.objects.all() if councils is None else Child.objects.filter(home_local_authority__in=councils)
    match = children.filter(reference__iexact=text).first()
    if match is None and text.isdigit():
        match = children.filter(pk=int(text)).first()
    return match


def subject_person(email: str, *, councils=None):
    """The account a subject access request is about, by email address; None when there is no such account, or
    (with `councils`) the person is neither linked to a child of one of them nor a member of one of them or its
    teams."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    people = get_user_model().objects.all()
    if councils is not None:
        FamilyLink = apps.get_model("people.FamilyLink")
        Membership = apps.get_model("organisations.Membership")
        family = FamilyLink.objects.filter(child__home_local_authority__in=councils).values("user_id")
        staff = Membership.objects.filter(Q(organisation__in=councils) | Q(organisation__parent__in=councils)
                                          ).values("user_id")
        people = people.filter(Q(pk__in=family) | Q(pk__in=staff))
    return people.filter(email__iexact=(email or "").strip()).first()
