"""Refused requests go into the accountability log (``units.security_log``)."""

from django.core.exceptions import PermissionDenied

from units import rate_limits
from units.client_address import client_address
from units.security_log import Action, record_security_event

REFUSALS = {403: Action.ACCESS_DENIED, 429: Action.RATE_LIMITED}
# A flood answered with 429s must not become a flood of log writes: one entry per address and
# path a minute says the limit was hit; the limiter itself counts the rest.
RATE_LIMIT_LOG_INTERVAL = 60


class SecurityEventMiddleware:
    """Records every 403 and 429 answer: a PermissionDenied raised by a view, a CSRF refusal, a lockout.

    The view's exception becomes a 403 response before it reaches this middleware, so the event is
    written once, from the response; ``process_exception`` only keeps the refusal's reason for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        action = REFUSALS.get(response.status_code)
        if action is not None and self._first_of_a_flood(request, action):
            record_security_event(action=action, request=request, target=f"{request.method} {request.path}",
                                  detail=getattr(request, "refusal_reason", ""))
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            request.refusal_reason = str(exception)
        return None

    @staticmethod
    def _first_of_a_flood(request, action):
        if action != Action.RATE_LIMITED:
            return True
        # In the shared cache, by a hash of the address, as the limits themselves count.
        return rate_limits.first_in(f"security-log-429:{request.path}", client_address(request),
                                    seconds=RATE_LIMIT_LOG_INTERVAL)
