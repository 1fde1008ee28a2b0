"""Admin pages for units, people, accounts and memberships.

Superusers see everything. A unit admin (staff, with a unit-admin membership) sees and
edits only what lies in their subtrees, through the same scoping rule as the pages; the
choices offered in foreign-key fields are scoped too. Who may grant which role and manage
which account is the rule of ``units.grants``; every grant, change, end of a role, account
created and password reset is written to the accountability log (``units.security_log``),
which unit admins read here for their units.
"""

import datetime

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Q

from units import grants
from units.grants import ADMIN_ROLE, manageable_users
from units.models import Job, Membership, Person, Posting, SecurityEvent, Unit, UnitSuccession, User
from units.scoping import grants_of, has_role, unit_scope_q
from units.security_log import Action, record_security_event, unit_of
from units.services import ADDABLE_KINDS
from units.session_admin import EndSessionsOnMembershipChange, EndSessionsOnUserChange
from units.text import fold


def is_unit_admin(user):
    return user.is_active and user.is_staff and any(g.role in ADMIN_ROLE for g in grants_of(user))


def administered_units(user):
    """Units an admin may put things in: their unit-admin subtrees (never the history)."""
    return Unit.objects.filter(unit_scope_q(user, "path", ADMIN_ROLE))


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


class MembershipForm(forms.ModelForm):
    """A role given, changed or ended: checked against the granting rule (``units.grants``).

    ``actor`` is set on a per-request subclass by the admin that builds the form.
    """

    actor = None

    def clean(self):
        data = super().clean()
        if self.instance.pk is not None and not self.has_changed():
            return data  # a row left as it was on the account's page
        if self.instance.pk is not None and not grants.may_manage_membership(self.actor, self.instance):
            # The row as stored: an admin may not touch a role above their reach, nor their own.
            raise forms.ValidationError(grants.SELF_GRANT_REFUSED if self.instance.user_id == self.actor.pk
                                        else grants.OUTSIDE_SUBTREE)
        user = data.get("user") or (self.instance.user if self.instance.user_id else None)
        refusal = grants.grant_refusal(self.actor, user=user, unit=data.get("unit"), role=data.get("role"))
        if refusal:
            raise forms.ValidationError(refusal)
        return data


def _form_for(actor, form_class):
    return type(form_class.__name__, (form_class,), {"actor": actor})


def record_membership_change(request, membership, *, created=False, deleted=False, changed_fields=()):
    """One accountability entry for a role granted, changed or ended through the admin."""
    if created:
        action = Action.ROLE_GRANTED
    elif deleted or ("valid_to" in changed_fields and membership.valid_to is not None
                     and membership.valid_to <= datetime.date.today()):
        action = Action.ROLE_ENDED
    else:
        action = Action.ROLE_CHANGED
    detail = "đã xóa" if deleted else ", ".join(changed_fields)
    record_security_event(action=action, request=request, unit=membership.unit, detail=detail,
                          target=f"{membership.user.get_username()}: {membership.get_role_display()} — "
                                 f"{membership.unit.name}")


@admin.register(Membership)
class MembershipAdmin(EndSessionsOnMembershipChange, ScopedAdmin):
    """Roles, granted by the rule of ``units.grants``: never to oneself, only below what one manages."""

    form = MembershipForm
    list_display = ["user", "unit", "role", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__search_key"]
    list_select_related = ["user", "unit"]
    autocomplete_fields = ["user", "unit"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        return _form_for(request.user, super().get_form(request, obj, change, **kwargs))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "user" and not request.user.is_superuser:
            # The admin's own account stays a valid choice so that a self-grant is refused by the
            # form's rule, in words, rather than as "not one of the choices".
            field.queryset = User.objects.filter(Q(pk__in=field.queryset.values("pk")) | Q(pk=request.user.pk))
        return field

    def _may_manage(self, user, obj):
        return grants.may_manage_membership(user, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_membership_change(request, obj, created=not change, changed_fields=form.changed_data)

    def delete_model(self, request, obj):
        record_membership_change(request, obj, deleted=True)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user", "unit"):
            record_membership_change(request, membership, deleted=True)
        super().delete_queryset(request, queryset)


class MembershipInline(ScopedChoicesMixin, admin.TabularInline):
    model = Membership
    form = MembershipForm
    extra = 0
    autocomplete_fields = ["unit"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(unit_scope_q(request.user, "unit__path"))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _form_for(request.user, formset.form)
        return formset

    # The same permissions as the memberships' own page: the form's rule decides each row.
    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or is_unit_admin(request.user)

    has_add_permission = has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(User)
class UserAdmin(EndSessionsOnUserChange, BaseUserAdmin):
    """Accounts: a unit admin manages only those of their units (``units.grants``)."""

    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = BaseUserAdmin.fieldsets + (("Thông tin thêm", {"fields": ["full_name", "created_by"]}),)
    readonly_fields = ["created_by"]
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

    def get_inline_instances(self, request, obj=None):
        # Roles are given once the account exists (the add page is Django's two-step one).
        return super().get_inline_instances(request, obj) if obj is not None else []

    def get_queryset(self, request):
        return manageable_users(request.user).filter(pk__in=super().get_queryset(request).values("pk"))

    def has_module_permission(self, request):
        return request.user.is_superuser or is_unit_admin(request.user)

    has_view_permission = has_add_permission = has_change_permission = (
        lambda self, request, obj=None: self.has_module_permission(request)
    )

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    # -- The accountability log of accounts and their roles (kept apart from other save steps) --

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user  # until it holds a role, only its creator manages it
        super().save_model(request, obj, form, change)
        if not change:
            record_security_event(action=Action.ACCOUNT_CREATED, request=request, target=obj.get_username())

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Membership:
            self.record_inline_memberships(request, formset)

    def record_inline_memberships(self, request, formset):
        for membership in formset.new_objects:
            record_membership_change(request, membership, created=True)
        for membership, changed_fields in formset.changed_objects:
            record_membership_change(request, membership, changed_fields=changed_fields)
        for membership in formset.deleted_objects:
            record_membership_change(request, membership, deleted=True)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            self.record_password_reset(request, id)
        return response

    def record_password_reset(self, request, id):
        target = User.objects.get(pk=id)
        record_security_event(action=Action.PASSWORD_RESET, request=request, target=target.get_username(),
                              unit=unit_of(target))


@admin.register(SecurityEvent)
class SecurityEventAdmin(ScopedAdmin):
    """The accountability log, read only: a unit admin reads their units' entries, a superuser all."""

    list_display = ["created_at", "action", "username", "unit", "address", "target", "detail"]
    list_filter = ["action"]
    search_fields = ["username", "target", "address"]
    date_hierarchy = "created_at"
    list_select_related = ["unit"]
    fields = ["created_at", "action", "user", "username", "unit", "address", "target", "detail"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # an accountability log is append-only, for superusers too


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
