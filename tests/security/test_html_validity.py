"""C-42: every page the portal renders is valid HTML, checked by the Nu HTML Checker (vnu-jar, pinned in
package.json).

Every GET page is rendered as every role the access policy lets in, with the Django test client, together with
the public pages, the allauth pages, each page's error state (its form posted empty) and the 403 and 404 pages.
The HTML is saved to a folder and checked in one run of the checker: starting Java once is what keeps this fast,
and the checker refuses to fetch pages from 127.0.0.1 anyway.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from send_portal.core.access_policy import POLICY
from send_portal.organisations.selectors import user_roles
from tests.conftest import ROLE_NAMES
from tests.targets import policy_targets

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Pages outside the policy table: allauth's own, which the policy delegates to allauth.
PUBLIC_PAGES = ["account_login", "account_signup", "account_reset_password"]
ACCOUNT_PAGES = ["account_email", "account_change_password", "mfa_index", "usersessions_list"]

# A form that posts somewhere else (sign out in the header, a filter that GETs) is not this page's error state.
POST_FORM = re.compile(r'<form[^>]*method="post"[^>]*>', re.IGNORECASE)


def _is_html(response):
    return not response.streaming and response["Content-Type"].startswith("text/html")


def _posts_to_itself(body, url):
    for form in POST_FORM.findall(body):
        action = re.search(r'action="([^"]*)"', form)
        if action is None or action.group(1) in ("", url):
            return True
    return False


def _pages_for(role, world, targets):
    """The GET pages this role may open, as (name, url)."""
    if role == "anonymous":
        names = [(name, {}) for name in PUBLIC_PAGES]
        names += [(name, kwargs) for name, (kwargs, method, _) in targets.items()
                  if method == "get" and POLICY[name].kind == "public"]
    else:
        roles = user_roles(world.users[role])
        names = [(name, {}) for name in ACCOUNT_PAGES]
        names += [(name, kwargs) for name, (kwargs, method, allowed) in targets.items()
                  if method == "get" and POLICY[name].allows(roles) and (allowed is None or role in allowed)]
    return [(name, reverse(name, kwargs=kwargs)) for name, kwargs in names]


@pytest.mark.skipif(shutil.which("java") is None or not VNU.exists(),
                    reason="needs Java and node_modules/vnu-jar (make install)")
def test_every_page_is_valid_html(world, client_for, tmp_path):
    targets = policy_targets(world)
    pages = []  # (label, body)
    forms = {}  # url -> the first role that saw a form posting back to it
    for role in ROLE_NAMES:
        client = client_for(role)
        for name, url in _pages_for(role, world, targets):
            response = client.get(url)
            if response.status_code == 200 and _is_html(response):
                body = response.content.decode()
                pages.append((f"{role}-{name}", body))
                if _posts_to_itself(body, url):
                    forms.setdefault(url, (role, name))
    # Error states: each form posted empty, once, by someone who may use it. Done after every GET, as a post may
    # change the records the other pages show.
    for url, (role, name) in forms.items():
        response = client_for(role).post(url, {})
        if response.status_code in (200, 400) and _is_html(response):
            pages.append((f"{role}-{name}-posted-empty", response.content.decode()))
    client = client_for("parent_a")
    for label, url, status in [("not-found", "/no-such-page/", 404),
                               ("forbidden", reverse("ehc_review_tower"), 403)]:
        response = client.get(url)
        assert response.status_code == status
        pages.append((label, response.content.decode()))

    for number, (label, body) in enumerate(pages):
        (tmp_path / f"{number:04d}-{label}.html").write_text(body)
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    errors = [line.replace(str(tmp_path) + "/", "") for line in result.stderr.splitlines() if line.strip()]
    print(f"C-42: {len(pages)} pages checked ({len(forms)} error states), {len(errors)} errors")
    assert errors == [], "\n".join(errors[:50])
    assert result.returncode == 0
    assert len(pages) > 500  # every role's pages were rendered, not a handful
