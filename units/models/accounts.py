"""Accounts and their memberships: a role held in a unit for a period."""


from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from units import fields
from units.models.tree import Unit, valid_on
from units.text import fold


class User(AbstractUser):
    """An account of the portal; what it may do comes from its memberships."""

    # Django's own name fields, declared again so that they normalise what the admin types (units.fields).
    first_name = fields.CharField(_("first name"), max_length=150, blank=True)
    last_name = fields.CharField(_("last name"), max_length=150, blank=True)
    full_name = fields.CharField("họ và tên", max_length=150, blank=True)
    # Who made the account: until it holds a role somewhere, only they (or a superuser) manage it.
    created_by = models.ForeignKey("self", verbose_name="người tạo", on_delete=models.SET_NULL, null=True,
                                   blank=True, editable=False, related_name="+")
    # Raised by units.sessions.end_sessions: part of the hash each session stores at login, so
    # every session made before the raise stops working, even after the account is reactivated.
    session_generation = models.PositiveIntegerField("lần chấm dứt phiên", default=0, editable=False)
    # The full name and user name folded (units.text.fold), for finding an account without diacritics.
    search_key = fields.CharField(max_length=310, editable=False, default="")
    # Set when an admin gives the account a temporary password; cleared when its owner chooses one.
    # Until then every page but the password change sends the user to it (units.password_middleware).
    must_change_password = models.BooleanField("phải đổi mật khẩu", default=False, editable=False)

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.search_key = fold(f"{self.full_name} {self.username}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)

    # Django checks the hash a session stored at login against this on every request and logs
    # the session out when they differ. Its own hash covers only the password (a new password
    # ends the other sessions); ours adds the session generation.
    def get_session_auth_hash(self):
        return self._session_hash(secret=None)

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=fallback_secret)

    def _session_hash(self, *, secret):
        return salted_hmac("units.User.session_auth_hash", f"{self.session_generation}:{self.password}",
                           secret=secret, algorithm="sha256").hexdigest()


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        return self.filter(valid_on(on))


class Membership(models.Model):
    """A user's role in a unit for a period; it reaches the unit's whole subtree."""

    class Role(models.TextChoices):
        CLERK = "clerk", "Cán bộ TĐKT"
        REVIEWER = "reviewer", "Chuyên viên thẩm định"
        APPROVER = "approver", "Lãnh đạo ký duyệt"
        SECRETARY = "secretary", "Thư ký Hội đồng TĐKT"
        UNIT_ADMIN = "unit_admin", "Quản trị đơn vị"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="memberships")
    role = fields.CharField("vai trò", max_length=20, choices=Role.choices)
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        ordering = ["user", "unit", "role"]
        indexes = [models.Index(fields=["user", "valid_to"], name="units_membership_user_valid")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role", "valid_from"], name="units_membership_unique_role",
                violation_error_message="Tài khoản đã có vai trò này ở đơn vị này từ ngày này.",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
