"""Plans are written on the portal's pages, through their workflow; the admin only corrects a plan's kind.

The kind decides whether awards granted under the plan count toward higher ones, and an issued
plan can no longer be edited on its pages: a TĐKT administrator (superuser) corrects it here,
and Django's admin log keeps who did, when.
"""

from django.contrib import admin

from campaigns.models import Plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["reference_label", "title_one_line", "issuing_unit", "kind", "status"]
    list_filter = ["kind", "status", "issue_year"]
    search_fields = ["title", "issuing_unit__name"]
    list_select_related = ["issuing_unit"]
    fields = ["issuing_unit", "title", "status", "kind"]
    readonly_fields = ["issuing_unit", "title", "status"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
