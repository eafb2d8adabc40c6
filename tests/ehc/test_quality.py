"""The plan quality rules, as a table of plans and the problems each must show."""

import pytest

from ehc.quality import Need, Outcome, Provision, problems

NEED = Need("B1", "Difficulty decoding words")
GOOD = Provision("F1", "F", "Phonics programme delivered one to one", "A trained teaching assistant",
                 "3 sessions of 30 minutes a week", "For one year, reviewed termly", frozenset({"B1"}))
OUTCOME = Outcome("E1", "By July, reads a book at his level aloud", frozenset({"B1"}))
PFA = Outcome("E2", "Travels to college on the bus on his own", frozenset({"B1"}), preparing_for_adulthood=True)


def _provision(**changes):
    return Provision(**{**GOOD.__dict__, **changes})


@pytest.mark.parametrize(("needs", "outcomes", "provision", "nc_year", "expected"), [
    ([NEED], [OUTCOME], [GOOD], 3, []),
    ([], [], [], 3, ["Section B has no special educational needs"]),
    ([NEED], [OUTCOME], [], 3, ["Need B1 has no provision"]),
    ([NEED], [], [GOOD], 3, ["Need B1 has no outcome"]),
    ([NEED], [OUTCOME], [_provision(what="Access to a quiet space", how_often="When he needs it")], 3,
     ["Provision F1 uses “access to” without saying how much"]),
    ([NEED], [OUTCOME], [_provision(what="Opportunities for small group work", how_often="Daily, 20 minutes")], 3,
     []),  # a vague phrase is fine once the provision is quantified
    ([NEED], [OUTCOME], [_provision(how_often="Regularly")], 3, ["Provision F1 says “Regularly” for how often"]),
    ([NEED], [OUTCOME], [_provision(who=" ")], 3, ["Provision F1 does not say who provides it"]),
    ([NEED], [OUTCOME], [_provision(section="G", what="Access to physiotherapy", how_often="As needed")], 3, []),
    ([NEED], [OUTCOME], [GOOD], 9, ["From Year 9 the plan needs at least one preparing for adulthood outcome"]),
    ([NEED], [OUTCOME, PFA], [GOOD], 9, []),
    ([NEED], [OUTCOME], [GOOD], 8, []),
])
def test_quality_rules(needs, outcomes, provision, nc_year, expected):
    found = problems(needs, outcomes, provision, nc_year)
    assert len(found) == len(expected)
    for message, start in zip(found, expected, strict=True):
        assert message.startswith(start)
