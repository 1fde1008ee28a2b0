"""No copy of a signed-in user's page is kept by a browser or a proxy.

Pages and files shown after login carry ID numbers, birth dates and unpublished dossiers; a shared
computer's back button, its disk cache or a proxy in between must not hand them to the next person.
Public pages (login, certificate check, public consultations) and static files stay cacheable:
WhiteNoise answers static files before this middleware runs.
"""

from django.conf import settings

NO_STORE = "no-store, private"


def forbid_storing(response):
    """Mark ``response`` as never to be stored by any cache, whatever a view said before."""
    response["Cache-Control"] = NO_STORE
    # An HTTP/1.0 proxy knows only these two.
    response["Pragma"] = "no-cache"
    response["Expires"] = "0"
    return response


class NoStoreForSignedInMiddleware:
    """``Cache-Control: no-store, private`` on every response to a signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Without a session cookie nobody is signed in: a file or a public page need not load a session.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                forbid_storing(response)
        return response
