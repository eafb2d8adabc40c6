"""Policy-matrix targets for the alternative provision placements URLs:
URL name -> (kwargs, method, who may reach it)."""

import datetime as dt


def targets(world):
    from alt_provision.models import ApprovedProvider
    from alt_provision.services import placement_start

    provider, _ = ApprovedProvider.objects.get_or_create(
        organisation=world.provider_org,
        defaults={"status": ApprovedProvider.Status.ADMITTED,
                  "registration": ApprovedProvider.Registration.UNREGISTERED})
    start = dt.date.today() - dt.timedelta(days=14)
    placement = placement_start(
        child=world.child_a, home_school=world.school_a, commissioner=world.school_a, created_by=world.senco_a,
        tier="2", starts_on=start, hours_per_week=15, days="MO,TU,WE", weekly_cost=450, objectives="Reading.",
        reintegration_plan="Back to school part time.", named_contact="Pat at the provider",
        next_review_on=start + dt.timedelta(weeks=6), provider=provider)
    child_people = {"senco_a", "caseworker", "manager"}
    return {
        "ap_placement_register": ({}, "get", None),
        "ap_placement_register_csv": ({}, "get", None),
        "ap_placement_new": ({}, "get", None),
        "ap_placement": ({"pk": placement.pk}, "get", child_people | {"provider"}),
        "ap_placement_review_new": ({"pk": placement.pk}, "get", child_people | {"provider"}),
        "ap_placement_end": ({"pk": placement.pk}, "get", child_people),
        "ap_attendance": ({}, "get", None),
    }
