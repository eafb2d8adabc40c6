"""C-04 write matrix: nobody can change what they may not reach.

For every state-changing URL in the access policy (every URL whose view accepts a POST) and every person in the
`world` fixture who may not reach the object the targets picked (another family's record, another school's
case, a role the policy does not name, or nobody signed in), post the answers a real user would send on that
page's form. Each attempt must be refused (403 or 404; the sign-in page for nobody), leave every row of every
table as it was, queue no task or notification and send no email.
"""

import inspect

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.test import Client
from django.urls import resolve, reverse

from send_portal.core.access_policy import POLICY
from tests.conftest import ROLE_NAMES
from tests.security.trust import changed_tables, may_reach, post_forms, table_hashes
from tests.targets import policy_targets

# Tables a refused request may still write, and why.
CHANGE_ON_REFUSAL = {
    # Each request moves the idle-timeout clock on (send_portal.accounts.middleware.IdleTimeoutMiddleware).
    "django_session",
    # A refused lookup of a protected record is recorded as an access entry (who tried, which record); only
    # access entries may appear, checked below.
    "auditlog_logentry",
}

# Answers added to every post, beyond what the page offers: the extra fields an attacker would try.
EXTRA_ANSWERS = {"confirm": "1", "status": "final", "decision": "approve", "agree": "yes"}


def _view_accepts_post(url):
    """What the view's code says: a class with a post() method, or a function that reads the POST."""
    func = resolve(url).func
    view_class = getattr(func, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    try:
        source = inspect.getsource(inspect.unwrap(func))
    except (OSError, TypeError):
        return False
    closure = [cell.cell_contents for cell in (func.__closure__ or ())]
    return ("POST" in source or "action_form_page" in source or '"post"' in source
            or any(isinstance(value, list | tuple) and "POST" in value for value in closure))


def _signed_in_clients(world):
    clients = {}
    for role in ROLE_NAMES:
        clients[role] = Client()
        if role != "anonymous":
            clients[role].force_login(world.users[role], backend="allauth.account.auth_backends.AuthenticationBackend")
    return clients


def _answers_from_allowed_page(url, clients, url_name, allowed):
    """The page as someone allowed on it sees it: its status and the answers its own form would send."""
    reader = next((role for role in ROLE_NAMES if role != "anonymous" and may_reach(url_name, role, allowed)), None)
    if reader is None:
        return None, {}
    response = clients[reader].get(url)
    if response.status_code != 200 or response.streaming:
        return response.status_code, {}
    answers = {}
    for form in post_forms(response.content.decode()):
        if form["action"] in ("", url):
            answers.update(form["data"])
    return response.status_code, answers


@pytest.fixture
def write_targets(world):
    return policy_targets(world)


def test_nobody_changes_what_they_may_not_reach(world, write_targets, django_capture_on_commit_callbacks):
    clients = _signed_in_clients(world)
    failures, pairs, routes = [], 0, []
    for url_name in sorted(POLICY):
        rule = POLICY[url_name]
        if rule.kind not in ("roles", "signed_in"):
            continue
        kwargs, method, allowed = write_targets[url_name]
        url = reverse(url_name, kwargs=kwargs)
        status, answers = (None, {}) if method == "post" else _answers_from_allowed_page(url, clients, url_name,
                                                                                          allowed)
        if not (method == "post" or status == 405 or answers or _view_accepts_post(url)):
            continue  # read-only: C-12 (test_safe_methods) proves a GET changes nothing
        routes.append(url_name)
        denied = [role for role in ROLE_NAMES if not may_reach(url_name, role, allowed)]
        mail.outbox.clear()
        before = table_hashes(skip=CHANGE_ON_REFUSAL)
        recorded = LogEntry.objects.exclude(action=LogEntry.Action.ACCESS).count()
        with django_capture_on_commit_callbacks() as callbacks:
            for role in denied:
                pairs += 1
                response = clients[role].post(url, {**EXTRA_ANSWERS, **answers})
                if role == "anonymous":
                    refused = response.status_code == 302 and "/accounts/login/" in response["Location"]
                else:
                    refused = response.status_code in (403, 404)
                if not refused:
                    failures.append(f"{url_name} as {role}: {response.status_code}")
        changed = changed_tables(before, table_hashes(skip=CHANGE_ON_REFUSAL))
        if LogEntry.objects.exclude(action=LogEntry.Action.ACCESS).count() != recorded:
            changed.append("auditlog_logentry (a create, change or delete was recorded)")
        if changed:
            failures.append(f"{url_name} (posted by {', '.join(denied)}) changed {changed}")
        if callbacks or mail.outbox:
            failures.append(f"{url_name}: {len(callbacks)} task(s) queued, {len(mail.outbox)} email(s) sent")
    print(f"C-04 write matrix: {len(routes)} state-changing routes, {pairs} (role, URL) pairs refused, "
          f"{len(failures)} failures")
    assert len(routes) > 60  # the classification above still finds the portal's forms
    assert failures == []


def test_the_matrix_sees_a_write_by_someone_allowed(world, client_for, django_capture_on_commit_callbacks):
    """Self-check: the same form harvesting and fingerprint do notice a change when the post is allowed, so the
    zero above is not a blind spot."""
    url = reverse("child_edit", args=[world.child_a.pk])
    client = client_for("caseworker")
    assert any(form["action"] in ("", url) for form in post_forms(client.get(url).content.decode()))
    before = table_hashes(skip=CHANGE_ON_REFUSAL)
    response = client.post(url, {"given_name": "Changed", "family_name": "Changed", "date_of_birth_0": "1",
                                 "date_of_birth_1": "1", "date_of_birth_2": "2019", "sex": "U"})
    assert response.status_code == 302
    assert "people_child" in changed_tables(before, table_hashes(skip=CHANGE_ON_REFUSAL))
