"""C-33: every view of a child's record, and every refusal, leaves exactly one access event in the audit log.

Over the read matrix (every object-scoped page about a child, GET, every signed-in role the page admits): each
successful response adds exactly one access event by that person, each refusal (404) exactly one refusal event,
no event holds any family's canary text, and every timestamp is in UTC.
"""

import datetime as dt

from auditlog.models import LogEntry
from django.urls import reverse

from send_portal.core.access_policy import POLICY
from tests.conftest import CANARY_A, CANARY_B, ROLE_NAMES
from tests.security.test_access_policy import _roles_of
from tests.security.test_identifiers import _reason_not_child_data
from tests.targets import policy_targets

# Object-scoped pages that show no child's record (the approved provider list: organisations, not children).
NOT_CHILD_PAGES = {name for name in POLICY if _reason_not_child_data(name)}
# Pages whose URL names two records, each looked up through the access helper, so each view logs both: a panel
# meeting and the agenda item about the child; a placement requirement and the provider's offer being awarded.
TWO_RECORD_PAGES = {"panel_item_recommend", "panel_item_conflict", "panel_item_action_new", "ap_requirement_award"}


def _events_since(last_pk):
    return list(LogEntry.objects.filter(pk__gt=last_pk, action=LogEntry.Action.ACCESS).order_by("pk"))


def test_one_event_per_view_and_per_refusal_of_a_childs_record(world, client_for):
    targets = policy_targets(world)
    pages = sorted(name for name, rule in POLICY.items() if rule.object_scoped and name not in NOT_CHILD_PAGES
                   and targets[name][0] and targets[name][1] == "get")  # names a record, and is read
    assert len(pages) >= 60
    views = refusals = opened_events = 0
    problems = []
    last = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for name in pages:
        kwargs, _, _ = targets[name]
        url = reverse(name, kwargs=kwargs)
        for role in ROLE_NAMES[1:]:
            rule = POLICY[name]
            if rule.kind == "roles" and not rule.roles & _roles_of(role):
                continue  # refused by role before any record is looked up (403): no record was asked for
            user = world.users[role]
            response = client_for(role).get(url)
            events = _events_since(last)
            if events:
                last = events[-1].pk
            mine = [event for event in events if event.actor_id == user.pk]
            opened = [event for event in mine if not (event.additional_data or {}).get("refused")]
            refused = [event for event in mine if (event.additional_data or {}).get("refused")]
            if len(mine) != len(events):
                problems.append(f"{name} as {role}: an event names someone else")
            if response.status_code == 200:
                views += 1
                opened_events += len(opened)
                records = 2 if name in TWO_RECORD_PAGES else 1
                if len(opened) != records or refused:
                    problems.append(f"{name} as {role}: 200 with {len(opened)} access and {len(refused)} refusals")
            elif response.status_code == 404:
                # Refused by the access helper; or, rarely, the record was found and opened but not the thing
                # asked of it (a plan with one version has no changes to compare): one event either way.
                refusals += 1
                if len(mine) != 1:
                    problems.append(f"{name} as {role}: 404 with {len(refused)} refusals and {len(opened)} access")
            for event in events:
                text = f"{event.object_repr} {event.changes} {event.additional_data} {event.serialized_data}"
                if CANARY_A in text or CANARY_B in text:
                    problems.append(f"{name} as {role}: event {event.pk} holds canary text")
                if event.timestamp.utcoffset() != dt.timedelta(0):
                    problems.append(f"{name} as {role}: event {event.pk} is not in UTC")
    assert problems == [], '\n'.join(problems)
    assert views >= 60 and refusals >= 60
    two = sum(1 for name in pages if name in TWO_RECORD_PAGES)
    print(f"C-33: {views} successful child-data views ({opened_events} access events, {two} pages naming two "
          f"records) and {refusals} refusals over {len(pages)} pages: one event per record viewed, "
          f"refusals logged 100%, 0 canaries, all UTC")
