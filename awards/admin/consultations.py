"""Working-day calendar and public consultation."""

from django.contrib import admin

from awards.admin.access import ReadOnly, SuperuserOnly
from awards.models import ConsultationComment, ConsultationRule, Holiday, PublicConsultation
from awards.rules.working_days import forget as forget_calendar


@admin.register(Holiday)
class HolidayAdmin(SuperuserOnly):
    list_display = ["date", "name", "kind", "legal_basis", "certainty"]
    list_filter = ["kind", "certainty"]
    search_fields = ["name", "legal_basis"]
    date_hierarchy = "date"

    def delete_queryset(self, request, queryset):
        # A bulk delete bypasses the rows' delete(): the calendar this process holds is dropped here.
        super().delete_queryset(request, queryset)
        forget_calendar()


@admin.register(ConsultationRule)
class ConsultationRuleAdmin(SuperuserOnly):
    list_display = ["award", "level", "days", "valid_from", "valid_to", "certainty"]
    list_filter = ["level", "certainty"]
    search_fields = ["award__name", "award__code"]
    list_select_related = ["award"]


class ConsultationCommentInline(admin.TabularInline):
    model = ConsultationComment
    extra = 0
    fields = ["name", "candidate", "text", "answer", "answered_by", "answered_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(PublicConsultation)
class PublicConsultationAdmin(ReadOnly):
    list_display = ["title", "unit", "opens_on", "closes_on", "status"]
    list_filter = ["status"]
    list_select_related = ["unit"]
    inlines = [ConsultationCommentInline]
