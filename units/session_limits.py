"""Idle and absolute limits of a logged-in session.

SESSION_COOKIE_AGE is the idle timeout (SESSION_IDLE_MINUTES): the database session and its cookie
expire that long after the session was last saved. Saving on every request would cost a write per
page, so this middleware marks the session changed at most once a minute, which pushes both
expiries forward. Whatever the activity, a session older than SESSION_MAX_HOURS since its login
is logged out.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login

STARTED = "_session_started_at"
SEEN = "_session_seen_at"
REFRESH_SECONDS = 60


def stamp_login(sender, request, user, **kwargs):
    """Start a new login's clocks (connected to Django's user_logged_in by units.apps)."""
    if request is not None and hasattr(request, "session"):
        request.session[STARTED] = request.session[SEEN] = int(time.time())


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            now = int(time.time())
            # A session from before these limits existed starts its clock now.
            started = session.setdefault(STARTED, now)
            if now - started > settings.SESSION_MAX_HOURS * 3600:
                logout(request)
                messages.info(request, "Phiên làm việc đã quá thời gian tối đa; vui lòng đăng nhập lại.")
                return redirect_to_login(request.get_full_path())
            if now - session.get(SEEN, 0) >= REFRESH_SECONDS:
                session[SEEN] = now
        return self.get_response(request)
