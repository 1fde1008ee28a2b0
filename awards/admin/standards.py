"""The standards an award asks for, with their conditions."""

from django.contrib import admin

from awards.admin.access import SuperuserOnly
from awards.models import Condition, Standard


class ConditionInline(admin.TabularInline):
    model = Condition
    extra = 0


@admin.register(Standard)
class StandardAdmin(SuperuserOnly):
    list_display = ["award", "award_class", "subject", "legal_basis", "valid_from", "valid_to", "certainty"]
    list_filter = ["subject", "certainty"]
    search_fields = ["award__code", "award__name"]
    list_select_related = ["award"]
    inlines = [ConditionInline]
