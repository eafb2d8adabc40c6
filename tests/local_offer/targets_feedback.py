"""Policy-matrix targets for the Local Offer feedback URLs: URL name -> (kwargs, method, who may reach it)."""

from local_offer.models import Feedback, InformationPage


def targets(world):
    feedback = Feedback.objects.create(kind=Feedback.Kind.COMMENT, page="/local-offer/", comment="More on transport.")
    page = InformationPage.objects.create(slug="matrix-page", title="Matrix page", summary="A page.", body="Words.")
    return {
        "local_offer_feedback_manage": ({}, "get", None),
        "local_offer_feedback_triage": ({"pk": feedback.pk}, "get", None),
        "local_offer_search_gaps": ({}, "get", None),
        "local_offer_search_gaps_csv": ({}, "get", None),
        "local_offer_information_manage": ({}, "get", None),
        "local_offer_information_new": ({}, "get", None),
        "local_offer_information_edit": ({"pk": page.pk}, "get", None),
    }
