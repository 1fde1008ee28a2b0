"""Yearly registration sheets (đăng ký thi đua đầu năm) and their rows, read in the admin.

Sheets move (sent, withdrawn, acknowledged, returned) and rows are linked only through
awards.services.yearly_registrations, which writes each change to the admin's change log; the admin
reads them, as it does other rows written by services.
"""

from django.contrib import admin

from awards.admin.access import ReadOnly
from awards.models import YearlyEntry, YearlySheet


class YearlyEntryInline(admin.TabularInline):
    model = YearlyEntry
    extra = 0
    fields = ["person", "collective", "title", "recognition", "initiative_title", "initiative", "created_by",
              "created_at"]
    readonly_fields = fields
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "collective", "title", "recognition",
                                                            "initiative", "created_by")

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return False

    has_change_permission = has_delete_permission = has_add_permission


@admin.register(YearlySheet)
class YearlySheetAdmin(ReadOnly):
    list_display = ["unit", "period", "status", "sent_at", "acknowledged_at", "taken_back", "taken_back_at"]
    list_filter = ["year", "status", "taken_back", ("unit", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["unit__name", "period", "entries__person__search_key", "entries__initiative_title"]
    list_select_related = ["unit"]
    date_hierarchy = "created_at"
    fields = ["unit", "period", "year", "status", "created_by", "created_at", "sent_by", "sent_at",
              "acknowledged_by", "acknowledged_at", "taken_back", "taken_back_by", "taken_back_at",
              "taken_back_reason"]
    readonly_fields = fields
    inlines = [YearlyEntryInline]
