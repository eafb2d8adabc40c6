"""Two people pressing the same button at the same moment get one result, not two.

Each case starts two threads on their own database connections, lined up on a barrier so they call the service
together. PostgreSQL is needed: SQLite has no row locks, so it would only show the threads taking turns.
"""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ehc import services as ehc
from ehc.models import CaseEvent, EHCCase, PlanVersion
from ehc.services import case_start, case_submit
from send_portal.notifications.models import Notification
from tests.targets import plan_case

pytestmark = pytest.mark.postgres


def _race(call, times=2):
    """Run `call` in `times` threads at once; return what each returned or raised."""
    barrier = threading.Barrier(times)
    outcomes = []

    def run():
        try:
            barrier.wait(timeout=10)
            outcomes.append(call())
        except Exception as error:  # noqa: BLE001 - the loser's refusal is the thing being checked
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def postgresql(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def _received_case(world):
    case = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent", reason="Reading.")
    case_submit(case=case, user=world.parent_a, received_on=dt.date.today() - dt.timedelta(days=20))
    return case


def test_two_decisions_on_one_request_give_one_decision(postgresql, world):
    case = _received_case(world)
    decisions = iter([True, False])
    lock = threading.Lock()

    def decide():
        with lock:
            assess = next(decisions)
        return ehc.case_decide_assessment(case=EHCCase.objects.get(pk=case.pk), decided_by=world.manager,
                                          assess=assess, reasons="Decided at panel.")

    outcomes = _race(decide)

    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ehc.MoveNotAllowed)
    case.refresh_from_db()
    winner = next(o for o in outcomes if not isinstance(o, Exception))
    assert case.stage == winner.stage
    decided = case.events.filter(kind__in=[CaseEvent.Kind.DECIDED_TO_ASSESS, CaseEvent.Kind.DECIDED_NOT_TO_ASSESS])
    assert decided.count() == 1


def test_issuing_the_final_plan_twice_at_once_issues_one_plan(postgresql, world):
    case, *_ = plan_case(world, serve=True)
    ehc.consultation_send(case=case, setting=world.school_a, sent_by=world.caseworker)
    served = case.plan_versions.get(status="served")
    ehc.draft_respond(version=served, author=world.parent_a, comments={"F": "Fine."}, wants_meeting=False,
                      preferred_setting=world.school_a, wants_personal_budget=False, submit=True)
    messages_before = Notification.objects.count()

    outcomes = _race(lambda: ehc.plan_issue_final(case=EHCCase.objects.get(pk=case.pk), issued_by=world.manager,
                                                  placement=world.school_a))

    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], (ehc.MoveNotAllowed, ValidationError))
    assert case.plan_versions.filter(status=PlanVersion.Status.FINAL).count() == 1
    assert case.events.filter(kind=CaseEvent.Kind.FINAL_ISSUED).count() == 1
    messages_for_one_issue = Notification.objects.count() - messages_before
    # Issuing again now is refused and sends nothing more, so the race sent what one issue sends.
    with pytest.raises((ehc.MoveNotAllowed, ValidationError)):
        ehc.plan_issue_final(case=EHCCase.objects.get(pk=case.pk), issued_by=world.manager,
                             placement=world.school_a)
    assert Notification.objects.count() - messages_before == messages_for_one_issue
