import re

from django.conf import settings
from django.core.exceptions import ValidationError

# Django's own deny-list barely applies at 12 characters, so also refuse passwords built from words an
# attacker would try first against this portal (ASVS 6.1.2 and 6.2.11).
_CONTEXT_WORDS = ("send", "ehcp", "ehc", "senco", "localoffer", "portal", "exampleshire", "password", "council",
                  "qwerty", "letmein", "welcome")


# Django's list has under 200 entries of 12 characters or more, so "123456789012" or "abcdefghijkl" would pass
# it: also refuse runs along the alphabet, the digits or a keyboard row, and short blocks repeated.
_WALKS = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm", "qwertyuiop", "asdfghjkl",
          "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p")


def _is_run(password: str) -> bool:
    text = re.sub(r"\s", "", password.lower())
    if not text:
        return False
    for size in range(1, 5):
        if len(text) >= 2 * size and (text[:size] * (len(text) // size + 1)).startswith(text):
            return True
    for walk in _WALKS:
        for direction in (walk, walk[::-1]):
            if text in direction * (len(text) // len(direction) + 2):
                return True
    return False


class LocalDenyListValidator:
    def validate(self, password, user=None):
        if _is_run(password):
            raise ValidationError(
                "This password is too easy to guess because it is a run of letters, numbers or keys. "
                "Try three random words instead.",
                code="password_too_guessable",
            )
        council_words = re.findall(r"[a-z]{4,}", settings.PORTAL_COUNCIL_NAME.lower())
        stripped = re.sub(r"[^a-z]", "", password.lower())
        for word in (*_CONTEXT_WORDS, *council_words):
            # Refuse passwords that are mostly a guessable word plus digits or symbols.
            if stripped and word in stripped and len(stripped) - len(word) < 6:
                raise ValidationError(
                    "This password is too easy to guess because it is based on a common word. "
                    "Try three random words instead.",
                    code="password_too_guessable",
                )

    def get_help_text(self):
        return "Your password cannot be a common word with numbers or symbols added. Try three random words."
