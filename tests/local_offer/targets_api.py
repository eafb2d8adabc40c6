"""Policy-matrix targets for the Local Offer api URLs: URL name -> (kwargs, method, who may reach it)."""


def targets(world):
    return {
        "local_offer_import_list": ({}, "get", None),
        "local_offer_import_new": ({}, "get", None),
    }
