"""Every change to EHC cases and plans happens in these modules: `assessment` for the request to the first final
plan, `reviews` for keeping a plan alive. Callers import from `ehc.services`."""

from .assessment import *  # noqa: F403
from .assessment import _decision_date  # noqa: F401
from .reviews import *  # noqa: F403
