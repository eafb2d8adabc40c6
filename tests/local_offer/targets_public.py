"""Policy-matrix targets for the Local Offer public URLs: URL name -> (kwargs, method, who may reach it)."""


def targets(world):
    return {}
