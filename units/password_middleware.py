"""Sends a user whose password is a temporary one given by an admin to the page that changes it.

That page says why (templates/registration/password_change_form.html), once per visit rather than once per
request sent away, so that the requests of a page in the background pile up no messages.
"""

from django.shortcuts import redirect

# The only pages such a user reaches (static files are served before any middleware). The two-factor
# pages come before this step (units.two_factor_middleware); everything else, JSON answers and
# downloads included, waits for the new password.
OPEN_BEFORE_NEW_PASSWORD = {
    "password_change", "password_change_done", "password_reset_confirm", "password_reset_complete", "logout",
    "units:two_factor_verify", "units:two_factor_enrol",
}


class TemporaryPasswordMiddleware:
    """After the second step (units.two_factor_middleware), which keeps its place in front."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not user.must_change_password:
            return None
        if request.resolver_match.view_name in OPEN_BEFORE_NEW_PASSWORD:
            return None
        return redirect("password_change")
