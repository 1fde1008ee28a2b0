"""A forgotten password: the link Django's reset views check, or whom to ask when the portal sends no mail.

Where mail is configured (``EMAIL_CONFIGURED``), the account named on the form gets Django's one-use
link by email (its token dies when the password changes or after PASSWORD_RESET_TIMEOUT). Where it is
not, the page names the unit admins of the account's unit instead, nearest first. Either way the answer
has the same shape whether the name exists or not: an unknown name gets the portal's general contact
only, like an account whose units have no admin.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from units.fields import CleanCharField
from units.models import Membership, User
from units.scoping import PATH_SEGMENT_WIDTH

SUBJECT_TEMPLATE = "registration/password_reset_subject.txt"
EMAIL_TEMPLATE = "registration/password_reset_email.html"


def send_reset_link(user, *, domain: str, use_https: bool) -> None:
    """Email ``user`` the link to choose a new password (Django's token; a failed send is logged, not raised)."""
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": "Cổng thi đua, khen thưởng",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
    }
    PasswordResetForm().send_mail(SUBJECT_TEMPLATE, EMAIL_TEMPLATE, context, None, user.email)


def _account(username):
    if not username:
        return None
    return User.objects.filter(username__iexact=username, is_active=True).first()


@dataclass(frozen=True)
class Contact:
    """A unit admin a person may ask for a new password."""

    name: str
    unit: str
    email: str


def contacts_for(username: str) -> list[Contact]:
    """The unit admins nearest above the account's units (none for an unknown or inactive name).

    For each unit where the account holds a role, the admins of that unit, or else of the nearest unit
    above it that has some; never the account itself.
    """
    user = _account(username)
    if user is None:
        return []
    paths = list(user.memberships.current().values_list("unit__path", flat=True))
    width = PATH_SEGMENT_WIDTH
    above = {path[:end] for path in paths for end in range(width, len(path) + 1, width)}
    admins = (Membership.objects.current().filter(role=Membership.Role.UNIT_ADMIN, unit__path__in=above,
                                                  user__is_active=True)
              .exclude(user=user).select_related("user", "unit").order_by("-unit__path", "user__username"))
    chosen, seen = [], set()
    for path in paths:
        nearest = None
        for admin in admins:  # deepest first: the first unit above ``path`` with admins is the nearest
            if path.startswith(admin.unit.path) and (nearest is None or admin.unit.path == nearest):
                nearest = admin.unit.path
                if admin.user_id not in seen:
                    seen.add(admin.user_id)
                    chosen.append(Contact(str(admin.user), admin.unit.name, admin.user.email))
    return chosen


class ForgottenPasswordForm(forms.Form):
    """The name of the account whose password was forgotten (never an email: names are unique, emails not)."""

    username = CleanCharField(label="Tên đăng nhập", max_length=150,
                              widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))

    def send_link(self, *, domain: str, use_https: bool) -> None:
        """Email the link to the account, if it exists, is active, has a password and an address."""
        user = _account(self.cleaned_data["username"])
        if user is not None and user.email and user.has_usable_password():
            send_reset_link(user, domain=domain, use_https=use_https)


def email_configured() -> bool:
    return bool(settings.EMAIL_CONFIGURED)
