"""Emulation councils: the council and its dated members, and the lower awards a council may resolve.

Sessions are written by their secretary through awards.services.councils, so the admin only reads them.
"""

from django.contrib import admin

from awards.admin.access import ReadOnly, SuperuserOnly
from awards.models import AwardDowngrade, Council, CouncilBallot, CouncilMember, CouncilSession


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(SuperuserOnly):
    list_display = ["name", "unit", "valid_from", "valid_to"]
    list_select_related = ["unit"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [CouncilMemberInline]


@admin.register(AwardDowngrade)
class AwardDowngradeAdmin(SuperuserOnly):
    list_display = ["award", "award_class", "lower_award", "lower_class", "valid_from", "valid_to", "certainty"]
    list_filter = ["certainty"]
    list_select_related = ["award", "lower_award"]


class CouncilBallotInline(admin.TabularInline):
    model = CouncilBallot
    extra = 0
    can_delete = False
    readonly_fields = ["line", "votes_for", "votes_against", "written_for", "written_against", "downgrade", "result"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnly):
    list_display = ["pk", "council", "held_on", "status", "closed_at"]
    list_filter = ["status"]
    list_select_related = ["council"]
    inlines = [CouncilBallotInline]
