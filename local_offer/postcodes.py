"""Postcodes: normalising what people type, and finding a postcode's grid reference offline."""

import re

from .models import Postcode

# The shape of a full UK postcode (outward code, space, inward code), after removing spaces.
POSTCODE_SHAPE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def normalise_postcode(text: str) -> str | None:
    """'sw1a1aa' -> 'SW1A 1AA'; None when the text is not shaped like a postcode."""
    compact = re.sub(r"\s+", "", text or "").upper()
    match = POSTCODE_SHAPE.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else None


def postcode_lookup(text: str) -> Postcode | None:
    """The postcode's row, or None when it is not a postcode or not in the loaded directory."""
    postcode = normalise_postcode(text)
    if not postcode:
        return None
    return Postcode.objects.filter(pk=postcode).first()
