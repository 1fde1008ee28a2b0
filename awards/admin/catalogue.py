"""The catalogue of awards: regulation versions, award types and the authorities that grant them."""

from django.contrib import admin

from awards.admin.access import SuperuserOnly
from awards.models import Authority, AwardType, RegulationVersion


@admin.register(RegulationVersion)
class RegulationVersionAdmin(SuperuserOnly):
    list_display = ["code", "name", "valid_from", "valid_to"]


class AuthorityInline(admin.TabularInline):
    model = Authority
    extra = 0


@admin.register(AwardType)
class AwardTypeAdmin(SuperuserOnly):
    list_display = ["code", "name", "group", "kind", "for_individuals", "for_collectives", "for_households",
                    "counts_toward_chains", "certainty"]
    list_filter = ["group", "kind", "certainty"]
    search_fields = ["code", "name"]
    inlines = [AuthorityInline]


@admin.register(Authority)
class AuthorityAdmin(SuperuserOnly):
    list_display = ["award", "level", "office", "regulation", "valid_from", "valid_to", "certainty"]
    list_filter = ["level", "regulation", "certainty"]
    search_fields = ["award__name", "office"]
    list_select_related = ["award", "regulation"]
