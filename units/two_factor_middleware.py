"""Sends a user who has given their password but not yet their second factor to the second step."""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from units import two_factor

# The only pages an authenticated user reaches before the second step (static files are served
# before any middleware). Everything else, the admin included, waits for it.
OPEN_BEFORE_SECOND_STEP = {"logout", "units:two_factor_verify", "units:two_factor_enrol"}


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware (which says whether the session is verified) and the login check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.view_name in OPEN_BEFORE_SECOND_STEP:
            return None
        enrolled = two_factor.has_two_factor(user)
        if not enrolled and not two_factor.required_by_role(user):
            return None
        step = "units:two_factor_verify" if enrolled else "units:two_factor_enrol"
        return redirect_to_login(request.get_full_path(), reverse(step))
