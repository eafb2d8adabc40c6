"""Opaque identifiers for every URL that names a child's record or anything under it (security notes C-09).

Database ids are sequential, so a URL such as /children/41/ invites trying /children/42/. Every such URL
parameter instead carries a token: the id, a dash, and a keyed MAC of the id (80 bits, lower-case base32).
Nobody can write a working link for a record they were never shown, and a made-up or altered token does not
resolve at all: Django answers it with the same 404 page as "missing" and "not yours".

- Views and `reverse()` see plain integer ids, as before: `reverse("child_detail", args=[child.pk])` works
  unchanged, because `to_url` receives the int and `to_python` returns it.
- Each kind of record has its own salt, so a child's token cannot be replayed as a case's.
- Tokens are checked against SECRET_KEY and then each of SECRET_KEY_FALLBACKS, so links already sent to people
  (emails, bookmarks) keep working while a key is rotated; new links are always made with SECRET_KEY.

The object lookup through `send_portal.core.access` is still what protects a record: the token only stops
enumeration, it is not a permission.
"""

import base64

from django.conf import settings
from django.urls import register_converter
from django.utils.crypto import constant_time_compare, salted_hmac

MAC_CHARS = 16  # base32 characters of 5 bits each: 80 bits


class OpaqueIdConverter:
    """A positive integer id written as `<id>-<mac>`; subclasses set `kind`, which salts the MAC."""

    kind = ""
    regex = rf"[0-9]{{1,19}}-[a-z2-7]{{{MAC_CHARS}}}"

    def _mac(self, number: int, secret: str) -> str:
        digest = salted_hmac(f"send_portal.core.converters.{self.kind}", str(number), secret=secret,
                             algorithm="sha256").digest()
        return base64.b32encode(digest).decode()[:MAC_CHARS].lower()

    def to_python(self, value: str) -> int:
        number, _, mac = value.partition("-")
        number = int(number)
        for secret in (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())):
            if constant_time_compare(mac, self._mac(number, secret)):
                return number
        raise ValueError("Not a link this portal made.")  # the resolver treats it as no match: a 404

    def to_url(self, value) -> str:
        try:
            number = int(value)
        except (TypeError, ValueError) as not_an_id:
            raise ValueError("Opaque ids are made from integer ids.") from not_an_id
        if number < 0:
            raise ValueError("Opaque ids are made from positive integer ids.")
        return f"{number}-{self._mac(number, settings.SECRET_KEY)}"


# One converter per kind of record. The name is what urls.py writes: path("<child:pk>/", ...).
KINDS = {
    "child": "people.Child",
    "familylink": "people.FamilyLink",
    "capacity": "people.CapacityDecision",
    "case": "ehc.EHCCase",
    "planitem": "ehc plan need, outcome or provision",
    "planversion": "ehc plan version number",
    "consultation": "ehc.Consultation",
    "advice": "ehc.AdviceRequest",
    "document": "ehc.Document",
    "contribution": "ehc.ReviewContribution",
    "budget": "ehc.PersonalBudget",
    "letter": "ehc.Letter",
    "meeting": "panels.Meeting",
    "agendaitem": "panels.AgendaItem",
    "action": "panels.Action",
    "invitation": "invitations.Invitation",
    "exclusion": "alt_provision.Exclusion",
    "healthreferral": "alt_provision.HealthReferral",
    "requirement": "alt_provision.PlacementRequirement",
    "offer": "alt_provision.Offer",
    "calloff": "alt_provision call-off",
    "placement": "alt_provision.Placement",
    "referral": "alt_provision.PanelReferral",
}

for _kind in KINDS:
    register_converter(type(f"{_kind.title()}IdConverter", (OpaqueIdConverter,), {"kind": _kind}), _kind)
