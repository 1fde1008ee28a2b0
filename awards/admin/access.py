"""Who uses the awards admin: superusers (the TĐKT administrators) only; rows written by services are read-only."""

from django.contrib import admin

from awards.models.base import Dated

# A dated rule's form lists its own fields first, then when it holds and on what it rests (the
# shared base's fields would otherwise come first, as Django orders inherited fields).
DATED_FIELDS = ("valid_from", "valid_to", "legal_basis", "certainty", "note")


class SuperuserOnly(admin.ModelAdmin):
    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if not issubclass(self.model, Dated):
            return fields
        tail = [name for name in DATED_FIELDS if name in fields]
        return [name for name in fields if name not in tail] + tail

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
