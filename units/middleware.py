"""Refused requests go into the accountability log (``units.security_log``)."""

from django.core.exceptions import PermissionDenied

from units.security_log import Action, record_security_event

REFUSALS = {403: Action.ACCESS_DENIED, 429: Action.RATE_LIMITED}


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
        if action is not None:
            record_security_event(action=action, request=request, target=f"{request.method} {request.path}",
                                  detail=getattr(request, "refusal_reason", ""))
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            request.refusal_reason = str(exception)
        return None
