import re

from django.conf import settings
from django.core.exceptions import ValidationError

# Django's own deny-list barely applies at 12 characters, so also refuse passwords built from words an
# attacker would try first against this portal (ASVS 6.1.2 and 6.2.11).
_CONTEXT_WORDS = ("send", "ehcp", "ehc", "senco", "localoffer", "portal", "exampleshire", "password", "council",
                  "qwerty", "letmein", "welcome")


class LocalDenyListValidator:
    def validate(self, password, user=None):
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
