"""Policy-matrix targets for the referrals to the alternative provision panel:
URL name -> (kwargs, method, who may reach it)."""


def targets(world):
    from alt_provision.services import referral_submit
    from tests.targets import ap_panel, complete_referral_answers

    ap_panel(world)
    # A complete referral from child A's school, waiting for the panel's clerk (the "panel" user) to triage it.
    referral = referral_submit(child=world.child_a, referrer=world.school_a, referred_by=world.senco_a,
                               **complete_referral_answers())
    referrer = {"senco_a"}  # a referral is changed by the organisation that made it
    readers = referrer | {"caseworker", "manager"}  # and read by the child's council too
    clerk = {"panel"}
    return {
        "ap_referrals": ({}, "get", None),
        "ap_referral_new": ({}, "get", None),
        "ap_referral": ({"pk": referral.pk}, "get", readers),
        "ap_referral_edit": ({"pk": referral.pk}, "get", referrer),
        "ap_referral_withdraw": ({"pk": referral.pk}, "get", referrer),
        "ap_referral_queue": ({}, "get", None),
        "ap_referral_triage": ({"pk": referral.pk}, "get", clerk),
    }
