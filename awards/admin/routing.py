"""Where a dossier goes next, how long each level has, and which positions the statistics count as leaders."""

from django.contrib import admin

from awards.admin.access import SuperuserOnly
from awards.models import PositionGroupWord, ProcessingTimeLimit, RoutingLink


@admin.register(RoutingLink)
class RoutingLinkAdmin(SuperuserOnly):
    list_display = ["__str__", "source_unit", "source_kind", "target", "valid_from", "valid_to", "certainty"]
    list_select_related = ["source_unit", "target"]
    autocomplete_fields = ["source_unit", "target"]


@admin.register(ProcessingTimeLimit)
class ProcessingTimeLimitAdmin(SuperuserOnly):
    list_display = ["level", "days", "day_kind", "valid_from", "valid_to", "certainty"]
    list_filter = ["level", "certainty"]


@admin.register(PositionGroupWord)
class PositionGroupWordAdmin(SuperuserOnly):
    list_display = ["word", "group", "valid_from", "valid_to", "certainty", "legal_basis"]
    list_filter = ["group", "certainty"]
    search_fields = ["word"]
