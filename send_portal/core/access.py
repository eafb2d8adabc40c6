"""The one way to look up a protected object for a person.

Object access comes only from object permissions granted to the person or to their organisation-role
groups. Model-wide permissions never count (`accept_global_perms=False`) and neither does superuser
status: an administrator manages the portal, not children's records. "Missing" and "not yours" both
raise Http404, so nobody can tell which records exist.
"""

import logging
from contextvars import ContextVar

from auditlog.models import LogEntry
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from send_portal.audit.services import record_access, record_denial

logger = logging.getLogger("portal.access")

# Every lookup leaves one audit entry (C-33): an access when the record is found, a refusal when it is not
# (repeated refusals are how probing for records shows up). In a request the view runs in a transaction
# (ATOMIC_REQUESTS) that an Http404 or an error rolls back, which would take the entry with it: refusals are
# therefore written by AuditAfterViewMiddleware once the view's transaction has ended, and an access entry that
# a rollback removed is written again there. Outside a request (commands, tasks) entries are written at once.
_request_audit: ContextVar[dict | None] = ContextVar("request_audit", default=None)


def _record_refusal(user, model, purpose):
    pending = _request_audit.get()
    if pending is None:
        record_denial(user=user, model=model, purpose=purpose)
    else:
        pending["refusals"].append((user, model, purpose))


def _record_access(user, obj, purpose):
    entry = record_access(user=user, obj=obj, purpose=purpose)
    pending = _request_audit.get()
    if pending is not None:
        pending["accesses"].append(entry)


class AuditAfterViewMiddleware:
    """Makes the request's access and refusal entries outlast its view's transaction (see `_request_audit`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_audit.set({"accesses": [], "refusals": []})
        try:
            response = self.get_response(request)
        finally:
            pending = _request_audit.get()
            _request_audit.reset(token)
        if pending["accesses"]:
            # One query for the request, not one per record: which entries a rollback of the view took away.
            kept = set(LogEntry.objects.filter(pk__in=[entry.pk for entry in pending["accesses"]])
                       .values_list("pk", flat=True))
            for entry in pending["accesses"]:
                if entry.pk not in kept:
                    entry.pk, entry._state.adding = None, True
                    entry.save()
        for user, model, purpose in pending["refusals"]:
            record_denial(user=user, model=model, purpose=purpose)
        return response


def visible_to(user, perm: str, queryset: QuerySet) -> QuerySet:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    return get_objects_for_user(user, perm, klass=queryset, accept_global_perms=False, with_superuser=False)


def get_for_user(user, perm: str, queryset: QuerySet, *, purpose: str = "view", **lookup) -> Model:
    """Return the object if `user` holds `perm` on it, recording the access; otherwise raise Http404."""
    return get_from(user, visible_to(user, perm, queryset), purpose=purpose, **lookup)


def get_from(user, scoped: QuerySet, *, purpose: str = "view", **lookup) -> Model:
    """Return the object from a queryset already scoped to what `user` may see (built with visible_to),
    recording the access; otherwise raise Http404."""
    try:
        obj = scoped.get(**lookup)
    except (ObjectDoesNotExist, ValueError, ValidationError) as missing:
        logger.info("access refused user=%s model=%s lookup=%s", getattr(user, "pk", None),
                    scoped.model._meta.label, sorted(lookup))
        _record_refusal(user, scoped.model, purpose)
        raise Http404("No such record.") from missing
    _record_access(user, obj, purpose)
    return obj
