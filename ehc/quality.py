"""Quality rules for a draft EHC plan, checked while the caseworker drafts and before it can be served.

Pure functions over plain values, so the rules are easy to test and to explain. They encode the "golden
thread" (every need has provision and an outcome), specific and quantified provision in section F (SEND Code
of Practice 2015, 9.69), and preparing-for-adulthood outcomes from Year 9 (9.61).
"""

import re
from dataclasses import dataclass, field

# Phrases that, without a quantity, leave a school free to decide how much help a child gets.
VAGUE_PHRASES = ("access to", "opportunities for", "opportunity to", "as appropriate", "as required", "as needed",
                 "where possible", "if available", "up to", "regular", "support as", "may benefit")
_QUANTITY = re.compile(
    r"\d|\b(once|twice|daily|weekly|fortnightly|monthly|termly|every|each|per|one|two|three|four|five|six|"
    r"hours?|minutes?|sessions?)\b", re.IGNORECASE)
_VAGUE_FREQUENCY = re.compile(r"^\s*(regular(ly)?|as (needed|required|appropriate)|when needed|ongoing|"
                              r"flexibl[ey]|tbc|to be confirmed)\s*\.?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Need:
    ref: str
    text: str


@dataclass(frozen=True)
class Outcome:
    ref: str
    text: str
    need_refs: frozenset
    preparing_for_adulthood: bool = False


@dataclass(frozen=True)
class Provision:
    ref: str
    section: str
    what: str
    who: str
    how_often: str
    how_long: str
    need_refs: frozenset = field(default_factory=frozenset)


def vague_phrases_in(text: str) -> list[str]:
    lowered = text.lower()
    return [phrase for phrase in VAGUE_PHRASES if phrase in lowered]


def problems(needs: list[Need], outcomes: list[Outcome], provision: list[Provision], nc_year: int) -> list[str]:
    found = []
    if not needs:
        found.append("Section B has no special educational needs: describe at least one need")
    for need in needs:
        if not any(need.ref in item.need_refs for item in provision):
            found.append(f"Need {need.ref} has no provision: add provision in section F, G or H that meets it")
        if not any(need.ref in outcome.need_refs for outcome in outcomes):
            found.append(f"Need {need.ref} has no outcome: add an outcome in section E for it")
    for item in provision:
        if item.section != "F":
            continue
        for part, value in (("who provides it", item.who), ("how often", item.how_often),
                            ("for how long", item.how_long)):
            if not value.strip():
                found.append(f"Provision {item.ref} does not say {part}")
        if _VAGUE_FREQUENCY.match(item.how_often or ""):
            found.append(f"Provision {item.ref} says “{item.how_often.strip()}” for how often: give a number, "
                         "for example “3 sessions of 30 minutes a week”")
        vague = vague_phrases_in(item.what)
        if vague and not _QUANTITY.search(f"{item.what} {item.how_often}"):
            found.append(f"Provision {item.ref} uses “{vague[0]}” without saying how much: quantify it")
    if nc_year >= 9 and not any(outcome.preparing_for_adulthood for outcome in outcomes):
        found.append("From Year 9 the plan needs at least one preparing for adulthood outcome in section E")
    return found
