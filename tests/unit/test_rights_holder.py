import datetime as dt

import pytest

from send_portal.people.models import Decision, RightsHolder
from send_portal.people.selectors import rights_holder
from send_portal.people.services import capacity_decision_record, capacity_decision_withdraw
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(world):
    child = factories.child(council=world.council, given_name="Kim", born=dt.date(2010, 8, 31))
    parent = factories.family_user()
    young_person = factories.family_user("young_person")
    factories.link(child, parent)
    factories.link(child, young_person, relationship="self", responsibility=False)
    return child, parent, young_person


@pytest.mark.parametrize(("on", "holder"), [
    (dt.date(2026, 8, 31), RightsHolder.PARENT),        # still within the school year they turned 16
    (dt.date(2026, 9, 1), RightsHolder.YOUNG_PERSON),   # rights pass the next day
])
def test_rights_pass_to_the_young_person(family, on, holder):
    child, parent, young_person = family
    result, people = rights_holder(child, Decision.APPEAL, on=on)
    assert result == holder
    assert people == ([parent] if holder == RightsHolder.PARENT else [young_person])


def test_capacity_decision_keeps_a_decision_with_the_parent(family, world):
    child, parent, _ = family
    capacity_decision_record(child=child, decision=Decision.APPEAL, assessed_on=dt.date(2026, 1, 5),
                             basis="Assessed by a psychologist.", recorded_by=world.caseworker)
    on = dt.date(2027, 1, 1)
    assert rights_holder(child, Decision.APPEAL, on=on) == (RightsHolder.PARENT, [parent])
    assert rights_holder(child, Decision.NAME_SETTING, on=on)[0] == RightsHolder.YOUNG_PERSON


def test_capacity_decision_with_representative(family, world):
    child, _, _ = family
    advocate = factories.family_user()
    record = capacity_decision_record(child=child, decision=Decision.ALL, assessed_on=dt.date(2026, 1, 5),
                                      basis="Assessed.", recorded_by=world.caseworker, representative=advocate)
    on = dt.date(2027, 1, 1)
    assert rights_holder(child, Decision.MEDIATION, on=on) == (RightsHolder.REPRESENTATIVE, [advocate])
    capacity_decision_withdraw(record=record)
    assert rights_holder(child, Decision.MEDIATION, on=on)[0] == RightsHolder.YOUNG_PERSON


def test_a_new_capacity_decision_replaces_the_old(family, world):
    child, _, _ = family
    first = capacity_decision_record(child=child, decision=Decision.ALL, assessed_on=dt.date(2025, 1, 5),
                                     basis="First.", recorded_by=world.caseworker)
    capacity_decision_record(child=child, decision=Decision.ALL, assessed_on=dt.date(2026, 1, 5),
                             basis="Second.", recorded_by=world.caseworker)
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert child.capacity_decisions.filter(withdrawn_at__isnull=True).count() == 1
