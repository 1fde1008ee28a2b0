"""Awards that exclude one another."""

from django.contrib import admin

from awards.admin.access import SuperuserOnly
from awards.models import AwardExclusion


@admin.register(AwardExclusion)
class AwardExclusionAdmin(SuperuserOnly):
    list_display = ["award", "excluded_award", "scope", "reason", "valid_from", "valid_to", "certainty"]
    list_filter = ["scope", "certainty"]
    search_fields = ["award__code", "award__name", "excluded_award__code", "excluded_award__name"]
    list_select_related = ["award", "excluded_award"]
