"""Who uses the awards admin: superusers (the TĐKT administrators) only; rows written by services are read-only."""

from django.contrib import admin


class SuperuserOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class ReadOnly(SuperuserOnly):
    """Rows that change only through their services, which write the audit chain; the admin reads."""

    def has_add_permission(self, request, obj=None):
        return False

    has_change_permission = has_delete_permission = has_add_permission
