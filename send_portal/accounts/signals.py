from allauth.account.signals import password_changed, password_reset, password_set
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.dispatch import receiver

from .services import sessions_end


def _current_session_key(request):
    session = getattr(request, "session", None) if request is not None else None
    return session.session_key if session is not None else None


@receiver(authenticator_added)
@receiver(authenticator_removed)
@receiver(authenticator_reset)
def end_other_sessions_after_mfa_change(sender, request, user, **kwargs):
    """A change of second factor does not change Django's session hash, so end other sessions here (ASVS 7.4.3)."""
    sessions_end(user, keep=_current_session_key(request))


@receiver(password_changed)
@receiver(password_set)
@receiver(password_reset)
def end_other_sessions_after_password_change(sender, request, user, **kwargs):
    """Django's session hash already refuses the other sessions at their next request; deleting them as well
    means no copy of a signed-in session is left in the store at all (ASVS 7.4.3)."""
    sessions_end(user, keep=_current_session_key(request))
