"""Policy-matrix targets for the partnership dashboards: URL name -> (kwargs, method, who may reach it)."""


def targets(world):
    indicator = {"slug": "ehc-20-weeks-excluding-exceptions"}
    return {
        "dashboards_home": ({}, "get", None),
        "dashboards_indicator": (indicator, "get", None),
        "dashboards_indicator_csv": (indicator, "get", None),
    }
