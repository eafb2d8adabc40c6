import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

pytestmark = pytest.mark.browser


@pytest.fixture
def sign_in_browser(live_server, context):
    """Put a signed-in session for `user` into the browser, as if they had signed in with MFA."""

    def sign_in(user):
        context.clear_cookies()
        if user is None:
            return
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key,
                              "url": live_server.url}])

    return sign_in
