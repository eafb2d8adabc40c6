"""The national data generator, run tiny: it keeps working, builds data of the right shape, and refuses a database
that may hold real data. The full-scale run belongs to bench/dashboard.py, never to the test suite."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F, Min

from alt_provision.models import AttendanceMark, Placement
from ehc.models import AdviceKind, AdviceRequest, AnnualReview, EHCCase, PlanVersion, Stage, TimeLimitException
from send_portal.core.national_data import GSS_PREFIX
from send_portal.organisations.models import District, Membership, Organisation, OrganisationKind, Role

TINY = {"scale": 0.0005, "councils": 3, "seed": 7}
INITIAL = ["school", "parent", "young_person", "professional"]


def generate(**options) -> str:
    output = io.StringIO()
    call_command("generate_national_data", stdout=output, **{**TINY, **options})
    return output.getvalue()


@pytest.mark.django_db
def test_a_tiny_run_builds_councils_with_their_people_and_places():
    output = generate()

    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY, gss_code__startswith=GSS_PREFIX)
    assert councils.count() == 3
    for council in councils:
        assert Membership.objects.filter(organisation=council, role=Role.PARTNERSHIP_LEAD).count() == 1
        assert Membership.objects.filter(organisation__parent=council, role=Role.LA_CASEWORKER).exists()
        assert Organisation.objects.filter(kind=OrganisationKind.SCHOOL, pupils__home_local_authority=council
                                           ).exists()
        # A caseworker's membership puts them in their team's group and the council's, as the service does.
        membership = Membership.objects.filter(organisation__parent=council, role=Role.LA_CASEWORKER).first()
        assert {group.name for group in membership.user.groups.all()} == {
            f"org:{council.pk}:la_caseworker", f"org:{membership.organisation_id}:la_caseworker"}
    assert District.objects.filter(code__startswith="gen-").count() == 9
    assert "ehc.EHCCase" in output and "Generated 3 councils in" in output


@pytest.mark.django_db
def test_a_tiny_run_has_plans_with_versions_and_a_realistic_mix_of_requests():
    generate()

    # Scale 0.0005 of 600,000 plans in force and 450,000 requests over 3 years.
    in_force = EHCCase.objects.filter(stage=Stage.FINAL_ISSUED)
    assert 240 <= in_force.count() <= 360
    initial = EHCCase.objects.filter(requester_kind__in=INITIAL, reassessment_of__isnull=True)
    assert set(initial.values_list("requester_kind", flat=True)) == set(INITIAL)
    assert {Stage.NOT_ASSESSING, Stage.NOT_ISSUING, Stage.FINAL_ISSUED, Stage.CEASED} <= set(
        EHCCase.objects.values_list("stage", flat=True))
    assert EHCCase.objects.filter(requester_kind="transfer").exclude(transferred_from="").exists()
    assert EHCCase.objects.exclude(primary_need="").values("primary_need").distinct().count() >= 6

    # Every plan in force has a final version, and a plan made here was a draft first.
    assert not in_force.exclude(plan_versions__status=PlanVersion.Status.FINAL).exists()
    made_here = in_force.filter(requester_kind__in=INITIAL)
    assert not made_here.exclude(plan_versions__number=1, plan_versions__status=PlanVersion.Status.SUPERSEDED,
                                 plan_versions__served_on__isnull=False).exists()

    # Timeliness is a real mix around England's 46%: some plans within 20 weeks of the request, most not.
    plans = list(initial.annotate(first_issued=Min("plan_versions__issued_on"))
                 .filter(first_issued__isnull=False).values_list("received_on", "first_issued"))
    within = sum((issued - received).days <= 140 for received, issued in plans)
    assert 0.25 < within / len(plans) < 0.65
    assert any((issued - received).days > 364 for received, issued in plans)
    assert TimeLimitException.objects.filter(case__in=initial).exists()


@pytest.mark.django_db
def test_a_tiny_run_has_advice_reviews_ceasing_and_placements_with_attendance():
    generate()

    assert set(AdviceRequest.objects.values_list("kind", flat=True)) == {
        AdviceKind.EDUCATION, AdviceKind.HEALTH, AdviceKind.PSYCHOLOGY, AdviceKind.SOCIAL_CARE}
    assert not AdviceRequest.objects.filter(due_on__lte=F("requested_on")).exists()
    assert AdviceRequest.objects.filter(submitted_on__gt=F("due_on")).exists()  # some advice is late
    assert AdviceRequest.objects.filter(submitted_on__lte=F("due_on")).exists()

    complete = AnnualReview.objects.filter(status=AnnualReview.Status.COMPLETE)
    assert complete.filter(decision="maintain").exists()
    amended = complete.filter(decision="amend")
    assert amended.exists()
    assert not amended.filter(amended_plan__isnull=True).exists()
    assert AnnualReview.objects.exclude(status=AnnualReview.Status.COMPLETE).exists()
    assert EHCCase.objects.filter(stage=Stage.CEASED, ceasing_proposals__status="ceased").exists()

    assert Placement.objects.exists()
    assert AttendanceMark.objects.filter(mark=AttendanceMark.Mark.PRESENT).exists()


@pytest.mark.django_db
def test_it_refuses_a_database_that_may_hold_real_data_unless_told(world):
    with pytest.raises(CommandError, match="already holds 0 EHC cases and 4 children, which may be real"):
        generate()
    assert not Organisation.objects.filter(gss_code__startswith=GSS_PREFIX).exists()

    generate(yes_i_mean_it=True)
    assert Organisation.objects.filter(gss_code__startswith=GSS_PREFIX).count() == 3


@pytest.mark.django_db
def test_it_never_generates_twice_into_one_database():
    generate()
    with pytest.raises(CommandError, match="already holds generated national data"):
        generate(yes_i_mean_it=True)


@pytest.mark.django_db
@pytest.mark.parametrize(("option", "message"), [({"scale": 0}, "scale must be more than 0"),
                                                 ({"councils": 0}, "councils must be from 1 to 999")])
def test_it_refuses_a_scale_or_number_of_councils_that_makes_no_sense(option, message):
    with pytest.raises(CommandError, match=message):
        generate(**option)
