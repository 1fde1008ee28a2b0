"""Accounts and their memberships: a role held in a unit for a period."""


from django.contrib.auth.models import AbstractUser
from django.db import models

from units.models.tree import Unit, valid_on


class User(AbstractUser):
    """An account of the portal; what it may do comes from its memberships."""

    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    # Who made the account: until it holds a role somewhere, only they (or a superuser) manage it.
    created_by = models.ForeignKey("self", verbose_name="người tạo", on_delete=models.SET_NULL, null=True,
                                   blank=True, editable=False, related_name="+")

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def __str__(self):
        return self.full_name or self.username


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
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
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
