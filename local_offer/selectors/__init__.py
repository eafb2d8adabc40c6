"""Reads for the Local Offer. Callers import from `local_offer.selectors`; each module lists what it offers in
`__all__`."""

from .feedback import *  # noqa: F403
from .moderation import *  # noqa: F403
from .oruk import *  # noqa: F403
from .pages import *  # noqa: F403
from .search import *  # noqa: F403
