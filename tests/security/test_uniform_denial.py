"""C-03: nobody can tell from a response whether a record they may not see exists.

For every object-scoped URL in the access policy, and every role the policy lets reach the page but which may not
see that particular object: the response for the real object (another family's) equals the response for an id that
does not exist and for a made-up token. All are 404 with the same headers and the same body once per-request
tokens (CSRF token, CSP nonce) are removed.
"""

import re
import uuid

from django.urls import reverse

from send_portal.core.access_policy import POLICY
from tests.conftest import ROLE_NAMES
from tests.security.test_access_policy import _roles_of
from tests.targets import policy_targets

MISSING_ID = 2_000_000_000
# Headers that differ on every response whatever it holds.
PER_RESPONSE_HEADERS = {"Date", "Set-Cookie"}


def _missing(kwargs):
    """The same URL arguments with every object id replaced by one that does not exist."""
    replaced = {}
    for key, value in kwargs.items():
        if isinstance(value, uuid.UUID):
            replaced[key] = uuid.uuid4()
        elif isinstance(value, int) and key != "number":
            replaced[key] = MISSING_ID
        else:
            replaced[key] = value
    return replaced


def _forged(url):
    """The URL with the first opaque id moved on by one but its MAC kept: a guess at someone else's record."""
    return re.sub(r"/(\d+)-([a-z2-7]{16})", lambda m: f"/{int(m[1]) + 1}-{m[2]}", url, count=1)


def _fingerprint(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    body = re.sub(rb'(nonce|value)="[^"]*"', b"", body)
    headers = {key: re.sub(r"'nonce-[^']*'", "", value) for key, value in response.headers.items()
               if key not in PER_RESPONSE_HEADERS}
    return response.status_code, headers, body


def _denied_roles(rule, allowed):
    """Signed-in roles that pass the policy's role check for the page but may not see this object."""
    return [role for role in ROLE_NAMES if role != "anonymous" and allowed is not None and role not in allowed
            and (rule.kind != "roles" or rule.roles & _roles_of(role))]


def test_not_yours_looks_exactly_like_missing_on_every_object_scoped_url(world, client_for):
    targets = policy_targets(world)
    scoped = sorted(name for name, rule in POLICY.items() if rule.object_scoped)
    assert set(scoped) <= set(targets), "every object-scoped URL needs a target in tests/targets.py"
    compared, urls, no_denied_role, differences = 0, set(), [], []
    for name in scoped:
        kwargs, method, allowed = targets[name]
        roles = _denied_roles(POLICY[name], allowed)
        if not roles:
            no_denied_role.append(name)
            continue
        real = reverse(name, kwargs=kwargs)
        candidates = {"missing id": reverse(name, kwargs=_missing(kwargs))}
        if _forged(real) != real:
            candidates["made-up token"] = _forged(real)
        for role in roles:
            client = client_for(role)
            send = client.post if method == "post" else client.get
            not_yours = _fingerprint(send(real))
            if not_yours[0] != 404:
                differences.append(f"{name} as {role}: not yours answered {not_yours[0]}")
                continue
            for label, url in candidates.items():
                other = _fingerprint(send(url))
                compared += 1
                if other != not_yours:
                    what = "status" if other[0] != 404 else "headers" if other[1] != not_yours[1] else "body"
                    differences.append(f"{name} as {role}: {label} differs from not yours in {what}")
            urls.add(name)
    assert differences == []
    # Every object-scoped URL is compared, except pages whose object everyone the page admits may see.
    assert len(urls) + len(no_denied_role) == len(scoped)
    assert len(urls) >= 90, f"compared {len(urls)} URLs ({compared} pairs); no denied role: {no_denied_role}"
    print(f"C-03: {len(urls)} object-scoped URLs, {compared} comparisons, all identical 404s; "
          f"no role denied the object on: {no_denied_role}")
