"""State changes to accounts that are not allauth's own."""

from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.utils import timezone


def sessions_end(user, *, keep: str | None = None) -> int:
    """End every signed-in session of `user` except the one with key `keep`, and say how many ended.

    allauth's session index (UserSession) finds them quickly; the session table is also searched, because a
    session started before the index existed, or whose index row was lost, must not survive either."""
    ended = set()
    for session in UserSession.objects.filter(user=user).exclude(session_key=keep or ""):
        session.end()
        ended.add(session.session_key)
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep or "").iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            session.delete()
            ended.add(session.session_key)
    return len(ended)
