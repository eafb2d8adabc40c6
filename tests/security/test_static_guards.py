"""Static guards (security notes C-08, C-09).

- Every view that takes an object id from its URL looks the object up through the one access helper
  (send_portal/core/access.py: get_from, get_for_user, visible_to) or a function that calls it (the selectors'
  `..._get_for` wrappers), and never through an unscoped `Model.objects.get(...)` or `get_object_or_404(Model,
  ...)`. The checker is tested first on known good and bad snippets, so a broken parser cannot pass silently.
- Nothing asks django-guardian for objects without `accept_global_perms=False`: a model-wide permission
  granted "to fix a bug" must never show a caseworker every child.
"""

import ast
import inspect
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

PROJECT_DIRS = ("send_portal", "ehc", "alt_provision", "dashboards", "local_offer")
ACCESS_HELPERS = {"get_from", "get_for_user", "visible_to"}
# Parameters that name something other than a stored object.
NOT_OBJECT_IDS = {"kind", "slug", "theme", "token", "year"}

# Views taking an id that are allowed not to use the access helper, and why. None shows a child's record.
NOT_CHILD_DATA_VIEWS = {
    "local_offer_": "the Local Offer: public listings, or a provider's own listings scoped by their organisation",
    "oruk_": "the public Open Referral UK API",
    "dashboards_": "aggregate figures and the improvement plan, scoped to the councils the person is an officer of",
    "organisation_": "organisations are public bodies; the views scope them to the person's memberships",
    "membership_end": "a staff membership, scoped to the administrator's organisation",
    "ap_provider": "the approved provider list: organisations, not children",
    "ap_evidence_download": "a provider's compliance evidence",
    "ap_visit_new": "a quality visit to a provider",
    "ap_application_": "a provider's application to join the approved list",
    "ap_school_holiday_delete": "the council's school calendar",
    "ap_school_term_delete": "the council's school calendar",
    "admin:": "the Django admin, with its own permission checks",
}


def _project_files():
    root = Path(settings.BASE_DIR)
    for directory in PROJECT_DIRS:
        for path in sorted((root / directory).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _called_names(node):
    """Every function name called anywhere inside node: `f(...)` and `x.f(...)` both give "f"."""
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        if isinstance(call.func, ast.Name):
            yield call.func.id
        elif isinstance(call.func, ast.Attribute):
            yield call.func.attr


def access_helpers(trees) -> set[str]:
    """The access helpers and every function that (through any chain of calls) uses one: the documented
    wrappers such as ehc.selectors.case_get_for."""
    functions = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions.setdefault(node.name, []).append(set(_called_names(node)))
    helpers = set(ACCESS_HELPERS)
    while True:
        more = {name for name, bodies in functions.items() if name not in helpers
                and any(calls & helpers for calls in bodies)}
        if not more:
            return helpers
        helpers |= more


def unscoped_lookups(node) -> list[str]:
    """`Model.objects.get(pk=...)`, `Model.objects.filter(...).get(id=...)` and `get_object_or_404(Model, ...)`:
    a lookup by id that starts from every row of a model rather than from what the person may see."""
    found = []
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        func = call.func
        if isinstance(func, ast.Name) and func.id in ("get_object_or_404", "get_list_or_404") and call.args \
                and isinstance(call.args[0], ast.Name) and call.args[0].id[:1].isupper():
            found.append(f"{func.id}({call.args[0].id}, ...)")
        if isinstance(func, ast.Attribute) and func.attr in ("get", "first", "filter"):
            keywords, inner = {k.arg for k in call.keywords}, func.value
            while isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute):
                keywords |= {k.arg for k in inner.keywords}
                inner = inner.func.value
            by_id = any(k and (k in ("pk", "id") or k.endswith(("_pk", "_id"))) for k in keywords)
            if by_id and isinstance(inner, ast.Attribute) and inner.attr == "objects" \
                    and isinstance(inner.value, ast.Name):
                found.append(f"{inner.value.id}.objects...{func.attr}(<id>)")
    return found


def guard_findings(node, helpers) -> list[str]:
    """What is wrong with one view (a function or class node) that takes an object id."""
    findings = [f"unscoped lookup {lookup}" for lookup in unscoped_lookups(node)]
    if not set(_called_names(node)) & helpers:
        findings.append("never calls the access helper (get_from / get_for_user / visible_to or a wrapper)")
    return findings


def _check_snippet(source, helper_source=""):
    trees = [ast.parse(textwrap.dedent(helper_source)), ast.parse(textwrap.dedent(source))]
    view = next(n for n in trees[1].body if isinstance(n, (ast.FunctionDef, ast.ClassDef)))
    return guard_findings(view, access_helpers(trees))


# --- self-test: the checker knows good from bad ---------------------------------------------------------
WRAPPER = """
def case_get_for(user, pk):
    return get_from(user, cases_visible_to(user), pk=pk)

def _case(request, pk):
    return case_get_for(request.user, pk)
"""

GOOD = {
    "direct": """
        def view(request, pk):
            child = get_for_user(request.user, "people.view_child", Child.objects.all(), pk=pk)
            return render(request, "x.html", {"child": child})
        """,
    "wrapper": """
        def view(request, pk):
            case = selectors.case_get_for(request.user, pk)
            return render(request, "x.html", {"case": case})
        """,
    "private wrapper of a wrapper": """
        def view(request, pk, letter_pk):
            case = _case(request, pk)
            letter = case.letters.filter(pk=letter_pk).first()
            return render(request, "x.html", {"letter": letter})
        """,
    "class": """
        class View(FormView):
            def dispatch(self, request, *args, **kwargs):
                self.child = get_from(request.user, visible_to(request.user, "p", Child.objects), pk=kwargs["pk"])
                return super().dispatch(request, *args, **kwargs)
        """,
}

BAD = {
    "objects.get": """
        def view(request, pk):
            child = Child.objects.get(pk=pk)
            return render(request, "x.html", {"child": child})
        """,
    "get_object_or_404 on a model": """
        def view(request, pk):
            child = get_object_or_404(Child, pk=pk)
            return render(request, "x.html", {"child": child})
        """,
    "filter then get": """
        def view(request, pk):
            case = selectors.case_get_for(request.user, pk)
            other = EHCCase.objects.filter(child_id=case.child_id).get(pk=request.GET["other"])
            return render(request, "x.html", {"case": other})
        """,
    "scoped by hand but not through the helper": """
        def view(request, pk):
            case = get_object_or_404(my_cases(request.user), pk=pk)
            return render(request, "x.html", {"case": case})
        """,
    "class without the helper": """
        class View(DetailView):
            model = Child
        """,
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_checker_passes_known_good_views(name):
    assert _check_snippet(GOOD[name], WRAPPER) == []


@pytest.mark.parametrize("name", sorted(BAD))
def test_checker_catches_known_bad_views(name):
    assert _check_snippet(BAD[name], WRAPPER) != []


# --- the project's own views ----------------------------------------------------------------------------
def _views_taking_ids(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _views_taking_ids(pattern, inner)
        elif isinstance(pattern, URLPattern):
            ids = set(pattern.pattern.converters) - NOT_OBJECT_IDS
            if ids:
                callback = getattr(pattern.callback, "view_class", None) or inspect.unwrap(pattern.callback)
                yield f"{namespace}{pattern.name}", callback


def _node_of(callback):
    source = textwrap.dedent(inspect.getsource(callback))
    return ast.parse(source).body[0]


def test_every_view_taking_an_id_goes_through_the_access_helper():
    helpers = access_helpers(ast.parse(path.read_text()) for path in _project_files())
    assert {"case_get_for", "meeting_get_for"} <= helpers  # the walk found the documented wrappers
    checked, findings = 0, []
    for name, callback in _views_taking_ids():
        if any(name.startswith(start) for start in NOT_CHILD_DATA_VIEWS):
            continue
        checked += 1
        findings += [f"{name} ({callback.__module__}.{callback.__qualname__}): {problem}"
                     for problem in guard_findings(_node_of(callback), helpers)]
    assert findings == []
    assert checked >= 80


# View modules about things other than children, which may look their own objects up by id directly.
NOT_CHILD_DATA_MODULES = {
    "send_portal/organisations/views.py": "organisations and staff memberships, scoped to the administrator",
    "local_offer/": "the Local Offer's public listings and information pages",
}


def test_no_view_module_looks_objects_up_unscoped():
    findings, modules = [], 0
    for path in _project_files():
        relative = path.relative_to(settings.BASE_DIR).as_posix()
        is_views = path.stem == "views" or path.stem.endswith("_views")
        if not is_views or relative.startswith(tuple(NOT_CHILD_DATA_MODULES)):
            continue
        modules += 1
        findings += [f"{relative}: {lookup}" for lookup in unscoped_lookups(ast.parse(path.read_text()))]
    assert findings == []
    assert modules >= 10


# --- C-08: no global-permission shortcut ---------------------------------------------------------------
def global_perm_calls(tree) -> list[int]:
    """Line numbers of get_objects_for_user calls that do not pass accept_global_perms=False."""
    lines = []
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
        if name != "get_objects_for_user":
            continue
        flag = next((k.value for k in call.keywords if k.arg == "accept_global_perms"), None)
        if not (isinstance(flag, ast.Constant) and flag.value is False):
            lines.append(call.lineno)
    return lines


def test_global_perm_rule_self_test():
    assert global_perm_calls(ast.parse("get_objects_for_user(u, 'p', klass=q)")) == [1]
    assert global_perm_calls(ast.parse("shortcuts.get_objects_for_user(u, 'p', accept_global_perms=True)")) == [1]
    assert global_perm_calls(ast.parse("get_objects_for_user(u, 'p', **options)")) == [1]
    assert global_perm_calls(ast.parse("get_objects_for_user(u, 'p', accept_global_perms=False)")) == []


def test_nothing_asks_guardian_for_objects_with_global_permissions():
    root = Path(settings.BASE_DIR)
    findings, calls = [], 0
    for path in _project_files():  # the portal's code (tests may plant bad examples on purpose)
        source = path.read_text()
        if "get_objects_for_user(" not in source:
            continue
        tree = ast.parse(source)
        calls += sum(1 for n in ast.walk(tree) if isinstance(n, ast.Call)
                     and getattr(n.func, "id", getattr(n.func, "attr", None)) == "get_objects_for_user")
        findings += [f"{path.relative_to(root)}:{line}" for line in global_perm_calls(tree)]
    assert findings == []
    assert calls >= 1  # access.visible_to makes one: the rule is looking at real code


# --- C-08 at run time: no role holds a model-wide permission on children's records -------------------------
CHILD_DATA_APPS = ("people", "ehc", "panels", "alt_provision", "invitations")


def _model_wide_grants():
    """(holder, permission) for every model-level view or change permission on a child-data model held by a group
    that is not an administrator's, or by a person who is not a superuser."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    from send_portal.organisations.models import Role

    child_perms = Permission.objects.filter(content_type__app_label__in=CHILD_DATA_APPS).filter(
        Q(codename__startswith="view_") | Q(codename__startswith="change_"))
    grants = [(f"group {group.name}", perm.codename) for group in
              Group.objects.exclude(organisation_role__role=Role.ADMINISTRATOR).prefetch_related("permissions")
              for perm in group.permissions.all() if perm in child_perms]
    grants += [(f"user {user.pk}", perm.codename) for user in
               get_user_model().objects.filter(is_superuser=False).prefetch_related("user_permissions")
               for perm in user.user_permissions.all() if perm in child_perms]
    return grants


def test_no_non_admin_role_holds_model_wide_permissions_on_childrens_records(world):
    from django.contrib.auth.models import Group

    from tests.targets import policy_targets

    policy_targets(world, only="child_detail")  # cases, capacity decisions, invitations: grants made by services
    assert Group.objects.filter(organisation_role__isnull=False).count() >= 10
    assert _model_wide_grants() == []


def test_a_model_wide_permission_granted_by_mistake_shows_nobody_anything(world, client_for):
    """The break in C-08: someone grants people.view_child to every caseworker "to fix a bug". The check above
    would fail, and even so the access helper ignores model-wide permissions (accept_global_perms=False)."""
    from django.contrib.auth.models import Permission
    from django.urls import reverse

    group = world.other_caseworker.groups.first()
    group.permissions.add(Permission.objects.get(content_type__app_label="people", codename="view_child"))
    assert _model_wide_grants() != []
    response = client_for("other_caseworker").get(reverse("child_detail", args=[world.child_a.pk]))
    assert response.status_code == 404
