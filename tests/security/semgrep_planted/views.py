"""Code that breaks each rule in security/semgrep once, so the static-analysis test can show every rule still
matches. Never imported."""

from django.db import connection
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from guardian.shortcuts import get_objects_for_user

from send_portal.people.models import Child


@csrf_exempt
def unprotected(request):
    return mark_safe(f"<p>{request.GET['name']}</p>")


def unscoped(request, pk):
    child = Child.objects.get(pk=pk)
    return get_object_or_404(Child, pk=child.pk)


def leaky(request, name):
    children = get_objects_for_user(request.user, "people.view_child")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM people_child WHERE given_name = '{name}'")
    return children.annotate(x=RawSQL("SELECT %s" % name, []))  # noqa: UP031
