"""The retention schedule in plain English, for the privacy notice. Read from the rules themselves, so the
notice stays true when an administrator changes a period."""

from django import template

from ..models import RECORD_TYPES, Action, RetentionRule

register = template.Library()


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _period(rule: RetentionRule) -> str:
    info = RECORD_TYPES[rule.record_type]
    years, days = rule.keep_years, rule.keep_days
    if info.counted_from == "birth":
        text = f"until the young person's {_ordinal(years)} birthday"
        return text + (f" and {days} days" if days else "")
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    parts += [f"{days} day{'s' if days != 1 else ''}"] if days else []
    return f"for {' and '.join(parts)} after {info.counted_from}" if parts else f"until {info.counted_from}"


@register.simple_tag
def retention_schedule() -> list[dict]:
    rows = []
    for rule in RetentionRule.objects.all():
        if not rule.enabled:
            # A rule that is off keeps everything, so the notice must not promise a period nobody applies.
            rows.append({"what": RECORD_TYPES[rule.record_type].public_name,
                         "how_long": "for now: no retention period is in force for these, so nothing is removed "
                                     "automatically"})
            continue
        if rule.action == Action.DELETE:
            then = "then deleted"
        else:
            then = ("then names and anything written about a person are removed, keeping only what we count for "
                    "statistics")
        rows.append({"what": RECORD_TYPES[rule.record_type].public_name, "how_long": f"{_period(rule)}, {then}"})
    return rows
