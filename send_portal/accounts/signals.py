from allauth.mfa.signals import authenticator_added, authenticator_removed
from allauth.usersessions.models import UserSession
from django.dispatch import receiver


@receiver(authenticator_added)
@receiver(authenticator_removed)
def end_other_sessions_after_mfa_change(sender, request, user, **kwargs):
    """A change of second factor does not change Django's session hash, so end other sessions here (ASVS 7.4.3)."""
    current = request.session.session_key if request is not None else None
    for session in UserSession.objects.filter(user=user).exclude(session_key=current):
        session.end()
