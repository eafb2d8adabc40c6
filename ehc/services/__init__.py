"""Every change to EHC cases and plans happens in these modules: `assessment` for the request to the first final
plan, `reviews` for keeping a plan alive, `plan_changes` for
ceasing a plan, `budgets` for personal budgets,
`letters` for decision letters as PDFs. Callers import from `ehc.services`."""

from .assessment import *  # noqa: F403
from .assessment import _decision_date  # noqa: F401
from .budgets import *  # noqa: F403
from .letters import *  # noqa: F403
from .plan_changes import *  # noqa: F403
from .reviews import *  # noqa: F403
