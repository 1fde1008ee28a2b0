"""Authenticators and recovery codes in the admin: listed and reset by superusers only.

django-otp registers admins of its own that let any staff user with model permissions read, edit
and add devices; these replace them. Nothing is edited or added here: removing a device resets the
user's whole second step through ``units.two_factor.reset_two_factor`` (they enrol again).
"""

from django.contrib import admin, messages
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from units import two_factor

DEVICE_FIELDS = ["user", "name", "confirmed", "created_at", "last_used_at", "throttling_failure_count"]


class DeviceAdmin(admin.ModelAdmin):
    list_display = DEVICE_FIELDS
    fields = readonly_fields = DEVICE_FIELDS
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__full_name"]
    list_select_related = ["user"]
    actions = ["reset_two_factor"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_delete_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a device alone is never removed: the user's whole second step is
        return actions

    @admin.action(description="Đặt lại xác thực hai bước của các tài khoản đã chọn", permissions=["delete"])
    def reset_two_factor(self, request, queryset):
        users = {device.user for device in queryset.select_related("user")}
        for user in users:
            two_factor.reset_two_factor(user, actor=request.user)
        messages.success(request, f"Đã đặt lại xác thực hai bước của {len(users)} tài khoản; họ sẽ bật lại "
                                  "ở lần đăng nhập tới.")

    def delete_model(self, request, obj):
        two_factor.reset_two_factor(obj.user, actor=request.user)

    def delete_queryset(self, request, queryset):
        for user in {device.user for device in queryset.select_related("user")}:
            two_factor.reset_two_factor(user, actor=request.user)


def register(site=admin.site):
    """Put these admins in place of django-otp's (called once the admin modules are loaded)."""
    for model in (TOTPDevice, StaticDevice):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, DeviceAdmin)
