"""Reads for alternative provision. Callers import from `alt_provision.selectors`; each module lists what it
offers in `__all__`."""

from .clocks import *  # noqa: F403
from .commissioning import *  # noqa: F403
from .placements import *  # noqa: F403
from .providers import *  # noqa: F403
from .referrals import *  # noqa: F403
