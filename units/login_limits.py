"""Login floods are refused per client address before any password is hashed.

Checking a password costs the server real CPU by design (units.hashers), and django-axes only
limits repeated failures for one user name from one address: a script sending random user names
would have every attempt hashed and starve every web worker. So each login POST first reads the
address's failure count in the shared cache; past LOGIN_ADDRESS_FAILURE_LIMIT in the current
quarter of an hour it is answered 429 at the cost of one cache read. A POST that does not end
logged in counts one failure. Successful logins never count, so an office whose staff all
reach the portal through one address is limited only by its own mistakes.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render

from units import rate_limits
from units.client_address import client_address

SCOPE = "login-failures"
WINDOW_SECONDS = 15 * 60


def limit_login_attempts(view):
    """Wrap a login view (the portal's and the admin's) with the per-address flood limit."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        address = client_address(request)
        if rate_limits.count(SCOPE, address, window=WINDOW_SECONDS) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return too_many_attempts(request)
        response = view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            rate_limits.add_one(SCOPE, address, window=WINDOW_SECONDS)
        return response

    return limited


def too_many_attempts(request):
    wait = rate_limits.seconds_left(WINDOW_SECONDS)
    response = render(request, "registration/too_many_attempts.html", {"minutes": -(-wait // 60)}, status=429)
    response["Retry-After"] = str(wait)
    return response


RESET_SCOPE = "password-reset-requests"


def limit_password_reset_requests(view):
    """Wrap the "Quên mật khẩu" form: every POST counts (each one looks an account up or sends a mail), so an
    address may send PASSWORD_RESET_ADDRESS_LIMIT in a quarter of an hour, then is answered 429."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        address = client_address(request)
        if rate_limits.add_one(RESET_SCOPE, address, window=WINDOW_SECONDS) > settings.PASSWORD_RESET_ADDRESS_LIMIT:
            wait = rate_limits.seconds_left(WINDOW_SECONDS)
            response = render(request, "registration/password_reset_too_many.html", {"minutes": -(-wait // 60)},
                              status=429)
            response["Retry-After"] = str(wait)
            return response
        return view(request, *args, **kwargs)

    return limited
