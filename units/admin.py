"""Admin pages for units, people, accounts and memberships.

Superusers see everything. A unit admin (staff, with a unit-admin membership) sees and
edits only what lies in their subtrees, through the same scoping rule as the pages; the
choices offered in foreign-key fields are scoped too.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Q

from units.models import Job, Membership, Person, Posting, Unit, UnitSuccession, User
from units.scoping import grants_of, has_role, unit_scope_q
from units.services import ADDABLE_KINDS
from units.session_admin import EndSessionsOnMembershipChange, EndSessionsOnUserChange
from units.text import fold

ADMIN_ROLE = (Membership.Role.UNIT_ADMIN,)


def is_unit_admin(user):
    return user.is_active and user.is_staff and any(g.role in ADMIN_ROLE for g in grants_of(user))


def administered_units(user):
    """Units an admin may put things in: their unit-admin subtrees (never the history)."""
    return Unit.objects.filter(unit_scope_q(user, "path", ADMIN_ROLE))


def manageable_users(user):
    """Accounts holding a membership in the admin's subtrees, and new accounts holding none
    yet (so that the admin who created one can give it its first role); never superusers."""
    qs = User.objects.all()
    if user.is_superuser:
        return qs
    scoped = Membership.objects.filter(unit_scope_q(user, "unit__path", ADMIN_ROLE)).values("user_id")
    return qs.filter(is_superuser=False).filter(Q(pk__in=scoped) | Q(memberships__isnull=True)).distinct()


class ScopedChoicesMixin:
    """Foreign keys to units and accounts offer only what the admin manages.

    Autocomplete widgets search the scoped admin lists already; this also stops a crafted
    form from naming a unit or an account outside the admin's reach.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            if db_field.related_model is Unit:
                kwargs["queryset"] = administered_units(request.user)
            elif db_field.related_model is User:
                kwargs["queryset"] = manageable_users(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """Limits rows to the admin's subtrees and foreign-key choices to what they manage."""

    scope_path = "unit__path"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(unit_scope_q(request.user, self.scope_path))

    def has_module_permission(self, request):
        return request.user.is_superuser or is_unit_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or self._may_manage(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def _may_manage(self, user, obj):
        unit = obj if isinstance(obj, Unit) else obj.unit
        return has_role(user, unit, ADMIN_ROLE)


class PostingInline(ScopedChoicesMixin, admin.TabularInline):
    model = Posting
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    scope_path = "path"
    list_display = ["name", "kind", "code", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", ("valid_to", admin.EmptyFieldListFilter)]
    search_fields = ["search_key", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["source", "import_key"]
    fields = ["name", "short_name", "kind", "code", "parent", "valid_from", "valid_to", "note", "source", "import_key"]

    def get_search_results(self, request, queryset, search_term):
        # Search on the folded key so that "ha hoa" finds "Hạ Hòa" here as on the pages.
        return super().get_search_results(request, queryset, fold(search_term))

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # Administrative units come from the official lists; admins add the rest below them.
        if db_field.name == "kind" and not request.user.is_superuser:
            kwargs["choices"] = [(k.value, k.label) for k in ADDABLE_KINDS]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        # Units from the official lists change only by loading them again.
        if obj is not None and obj.import_key and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "kind", "successor", "effective_date", "legal_basis"]
    list_filter = ["kind", "effective_date"]
    search_fields = ["predecessor__search_key", "successor__search_key"]
    autocomplete_fields = ["predecessor", "successor"]
    list_select_related = ["predecessor", "successor"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    has_view_permission = has_add_permission = has_change_permission = has_delete_permission = (
        lambda self, request, obj=None: request.user.is_superuser
    )


@admin.register(Person)
class PersonAdmin(ScopedAdmin):
    list_display = ["full_name", "gender", "date_of_birth", "cccd", "position", "unit"]
    list_filter = ["gender"]
    search_fields = ["search_key", "cccd"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    inlines = [PostingInline]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(Membership)
class MembershipAdmin(EndSessionsOnMembershipChange, ScopedAdmin):
    list_display = ["user", "unit", "role", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__search_key"]
    list_select_related = ["user", "unit"]
    autocomplete_fields = ["user", "unit"]


class MembershipInline(ScopedChoicesMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(unit_scope_q(request.user, "unit__path"))


@admin.register(User)
class UserAdmin(EndSessionsOnUserChange, BaseUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = BaseUserAdmin.fieldsets + (("Thông tin thêm", {"fields": ["full_name"]}),)
    # What a unit admin may set: never superuser, staff or Django permissions.
    unit_admin_fieldsets = (
        (None, {"fields": ["username", "password"]}),
        ("Thông tin cá nhân", {"fields": ["full_name", "email", "is_active"]}),
    )
    inlines = [MembershipInline]

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return super().get_fieldsets(request, obj)
        return self.unit_admin_fieldsets

    def get_queryset(self, request):
        return manageable_users(request.user).filter(pk__in=super().get_queryset(request).values("pk"))

    def has_module_permission(self, request):
        return request.user.is_superuser or is_unit_admin(request.user)

    has_view_permission = has_add_permission = has_change_permission = (
        lambda self, request, obj=None: self.has_module_permission(request)
    )

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """The background jobs, for a superuser to see what ran, what failed and why; only the engine writes them."""

    list_display = ["pk", "kind", "owner", "state", "done", "total", "created_at", "finished_at"]
    list_filter = ["kind", "state"]
    search_fields = ["owner__username", "message", "error"]
    date_hierarchy = "created_at"
    list_select_related = ["owner"]
    fields = ["kind", "owner", "state", "done", "total", "message", "error", "payload", "result_name", "task_id",
              "heartbeat_at", "created_at", "started_at", "finished_at"]
    readonly_fields = fields

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return False

    # Read only: a row deleted here would leave its result file behind; the engine keeps both.
    has_change_permission = has_delete_permission = has_add_permission
