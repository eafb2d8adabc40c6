"""Policy-matrix targets for the alternative provision clocks URLs:
URL name -> (kwargs, method, who may reach it)."""

import datetime as dt


def targets(world):
    from alt_provision.models import HealthNeedsReferral
    from alt_provision.services import exclusion_record, school_holiday_add, school_term_add

    exclusion = exclusion_record(child=world.child_a, kind="permanent", first_day=dt.date(2026, 2, 12),
                                 recorded_by=world.senco_a)
    referral = HealthNeedsReferral.objects.create(child=world.child_a, term_starts_on=dt.date(2026, 9, 1),
                                                  flagged_on=dt.date(2026, 9, 21))
    holiday = school_holiday_add(local_authority=world.council, name="Spring half term",
                                 starts_on=dt.date(2026, 2, 16), ends_on=dt.date(2026, 2, 20))
    term = school_term_add(local_authority=world.council, name="Autumn term 2026", starts_on=dt.date(2026, 9, 2),
                           ends_on=dt.date(2026, 12, 18))
    exclusion_people = {"senco_a", "caseworker", "manager"}
    council_staff = {"caseworker", "manager"}
    return {
        "ap_exclusion_list": ({}, "get", None),
        "ap_exclusion_new": ({}, "get", None),
        "ap_exclusion": ({"pk": exclusion.pk}, "get", exclusion_people),
        "ap_exclusion_provision": ({"pk": exclusion.pk}, "get", exclusion_people),
        "ap_health_absences": ({}, "get", None),
        "ap_health_absence_new": ({}, "get", None),
        "ap_health_referral_acknowledge": ({"pk": referral.pk}, "get", council_staff),
        "ap_school_calendar": ({}, "get", None),
        "ap_school_holiday_new": ({}, "get", None),
        "ap_school_holiday_delete": ({"pk": holiday.pk}, "get", council_staff),
        "ap_school_term_new": ({}, "get", None),
        "ap_school_term_delete": ({"pk": term.pk}, "get", council_staff),
    }
