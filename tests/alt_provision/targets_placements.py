"""Policy-matrix targets for the alternative provision placements URLs:
URL name -> (kwargs, method, who may reach it)."""


def targets(world):
    return {}
