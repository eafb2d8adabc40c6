"""Every read of EHC cases and plans: `assessment` for the request to the first final plan, `reviews` for living
plans. Callers import from `ehc.selectors`."""

from .assessment import *  # noqa: F403
from .reviews import *  # noqa: F403
