"""State changes for the Local Offer. Callers import from `local_offer.services`; each module lists what it
offers in `__all__`."""

from .feedback import *  # noqa: F403
from .listings import listing_apply, listing_snapshot, search_text_refresh  # noqa: F401
from .moderation import *  # noqa: F403
from .oruk import *  # noqa: F403
from .pages import *  # noqa: F403
from .reviews import *  # noqa: F403
from .shortlist import *  # noqa: F403
from .vocabularies import *  # noqa: F403
