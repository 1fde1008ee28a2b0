"""The accountability log: who did what, from where, to what — logins, refusals, grants, resets, exports."""

from django.db import models

from units import fields
from units.models.accounts import User
from units.models.tree import Unit


class SecurityEvent(models.Model):
    """One security-relevant act (a login, a refusal, a role granted, a password reset, an export), never edited."""

    class Action(models.TextChoices):
        LOGIN_SUCCEEDED = "login_succeeded", "Đăng nhập thành công"
        LOGIN_FAILED = "login_failed", "Đăng nhập không thành công"
        ACCESS_DENIED = "access_denied", "Bị từ chối truy cập"
        RATE_LIMITED = "rate_limited", "Bị chặn vì thao tác quá nhiều lần"
        ACCOUNT_CREATED = "account_created", "Tạo tài khoản"
        ACCOUNT_DEACTIVATED = "account_deactivated", "Khóa tài khoản"
        ACCOUNT_REACTIVATED = "account_reactivated", "Mở lại tài khoản"
        ROLE_GRANTED = "role_granted", "Cấp vai trò"
        ROLE_CHANGED = "role_changed", "Sửa vai trò"
        ROLE_ENDED = "role_ended", "Kết thúc vai trò"
        PASSWORD_RESET = "password_reset", "Đặt lại mật khẩu cho tài khoản khác"
        PASSWORD_CHANGED = "password_changed", "Tự đổi mật khẩu"
        PERSONAL_DATA_EXPORTED = "personal_data_exported", "Xuất dữ liệu cá nhân"
        SECOND_STEP_FAILED = "second_step_failed", "Sai mã xác thực hai bước"
        TWO_FACTOR_RESET = "two_factor_reset", "Đặt lại xác thực hai bước"

    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    action = fields.CharField("hành động", max_length=32, choices=Action.choices)
    # The account acting (none for a failed login under an unknown name); its name is kept as
    # typed too, so the row still reads when the account is gone or never existed.
    user = models.ForeignKey(User, verbose_name="tài khoản", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="security_events")
    username = fields.CharField("tên đăng nhập", max_length=150, blank=True)
    # The unit the event belongs to, for unit admins to read their own units' entries.
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="security_events")
    address = fields.CharField("địa chỉ máy khách", max_length=64, blank=True)
    target = fields.CharField("đối tượng", max_length=255, blank=True)
    detail = fields.CharField("chi tiết", max_length=500, blank=True)

    class Meta:
        verbose_name = "nhật ký an ninh"
        verbose_name_plural = "nhật ký an ninh"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "-created_at"], name="units_secevent_unit_time"),
            models.Index(fields=["action", "-created_at"], name="units_secevent_action_time"),
            models.Index(fields=["user", "-created_at"], name="units_secevent_user_time"),
            models.Index(fields=["-created_at"], name="units_secevent_time"),
        ]

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} — {self.get_action_display()} — {self.username or '?'}"
