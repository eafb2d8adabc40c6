"""Shared tools for the write, field, revocation and safe-method checks (security notes §7, C-04 to C-07, C-12):
a fingerprint of every table, the forms a page offers, and plausible answers to post to them."""

import hashlib
import re
from html.parser import HTMLParser

from django.db import connection

from send_portal.core.access_policy import POLICY
from send_portal.organisations.models import Role

# The person each role name in tests/conftest.py ROLE_NAMES stands for holds these roles.
ROLES_OF = {
    "anonymous": set(),
    "parent_a": {Role.PARENT_CARER}, "parent_b": {Role.PARENT_CARER}, "young_person": {Role.YOUNG_PERSON},
    "senco_a": {Role.SENCO}, "senco_b": {Role.SENCO}, "caseworker": {Role.LA_CASEWORKER},
    "other_caseworker": {Role.LA_CASEWORKER}, "manager": {Role.LA_MANAGER}, "adviser": {Role.ADVISER},
    "panel": {Role.PANEL_MEMBER}, "provider": {Role.PROVIDER}, "lead": {Role.PARTNERSHIP_LEAD},
    "admin": {Role.ADMINISTRATOR},
}


def may_reach(url_name, role, allowed):
    """Whether the policy, and the object the targets picked, let this role reach the URL."""
    rule = POLICY[url_name]
    if rule.kind == "public":
        return True
    if role == "anonymous":
        return False
    if rule.kind == "roles" and not (rule.roles & ROLES_OF[role]):
        return False
    return allowed is None or role in allowed


def table_hashes(skip=()):
    """A hash of every row of every table, keyed by table name. Raw SQL, so many-to-many, guardian and audit
    tables count too, and nothing is missed because no model describes it."""
    hashes = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in skip:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from the db
            rows = sorted(repr(row) for row in cursor.fetchall())
            hashes[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return hashes


def changed_tables(before, after):
    return sorted(table for table in set(before) | set(after) if before.get(table) != after.get(table))


class _FormParser(HTMLParser):
    """Collects each POST form on a page: its action and the answers a person would plausibly give."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "data": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                # The first option of each question, like a person ticking the first box.
                self._form["data"].setdefault(name, attrs.get("value", "on"))
            elif kind != "file":
                self._form["data"][name] = attrs.get("value") or _plausible(name, kind)
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and attrs.get("value"):
            self._form["data"].setdefault(self._select, attrs["value"])
        elif tag == "textarea" and name:
            self._textarea = name
            self._form["data"][name] = "Changed by someone who should not be able to."
        elif tag == "button" and name:
            self._form["data"].setdefault(name, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _plausible(name, kind):
    if kind == "email" or "email" in name:
        return "someone@example.test"
    if kind == "number" or name.endswith(("_0", "_1")):
        return "1"
    if name.endswith("_2"):
        return "2025"
    if kind == "date":
        return "2025-01-01"
    return "Changed"


def post_forms(html):
    """The POST forms on a page, each as {"action": ..., "data": {...}}, with the CSRF token left out so the
    caller decides whether to send it."""
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        form["data"].pop("csrfmiddlewaretoken", None)
    return parser.forms


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


SUBMISSION = re.compile(r'name="submission" value="([0-9a-f]+)"')
