"""The one way to look up a protected object for a person.

Object access comes only from object permissions granted to the person or to their organisation-role
groups. Model-wide permissions never count (`accept_global_perms=False`) and neither does superuser
status: an administrator manages the portal, not children's records. "Missing" and "not yours" both
raise Http404, so nobody can tell which records exist.
"""

import logging

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from send_portal.audit.services import record_access

logger = logging.getLogger("portal.access")


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
        raise Http404("No such record.") from missing
    record_access(user=user, obj=obj, purpose=purpose)
    return obj
