"""Emulation blocks (khối, cụm thi đua), read in the admin: members, covenant targets, the scoring table, the
members' sheets with their points and evidence files.

Blocks, members, tables and sheets change only through awards.services.blocks (and its neighbours), which lock
the block and write each change to the admin's change log; the admin reads them, as it does other rows written
by services.
"""

from django.contrib import admin

from awards.admin.access import ReadOnly
from awards.models import (
    BlockMember,
    CovenantTarget,
    Criterion,
    EmulationBlock,
    ScoreEntry,
    ScoreEvidence,
    ScoreGroup,
    ScoreSheet,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return False

    has_change_permission = has_delete_permission = has_add_permission


class BlockMemberInline(ReadOnlyInline):
    model = BlockMember
    fields = ["position", "unit", "present", "votes", "proposed_award"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "proposed_award")


class CovenantTargetInline(ReadOnlyInline):
    model = CovenantTarget
    fields = ["position", "text"]


class ScoreGroupInline(ReadOnlyInline):
    model = ScoreGroup
    fields = ["position", "kind", "name", "max_points"]
    show_change_link = True


@admin.register(EmulationBlock)
class EmulationBlockAdmin(ReadOnly):
    list_display = ["name", "year", "kind", "organiser", "head", "deputy", "status", "covenant_signed_on",
                    "meeting_on"]
    list_filter = ["year", "kind", "status", ("organiser", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "organiser__name", "members__unit__name"]
    list_select_related = ["organiser", "head", "deputy"]
    fields = ["organiser", "year", "kind", "name", "head", "deputy", "status", "tie_break", "flag_places",
              "leading_share", "covenant_signed_on", "covenant_file", "meeting_on", "meeting_place", "meeting_chair",
              "meeting_secretary", "nomination_list", "closed_by", "closed_at", "created_by", "created_at"]
    readonly_fields = fields
    inlines = [BlockMemberInline, CovenantTargetInline, ScoreGroupInline]


class CriterionInline(ReadOnlyInline):
    model = Criterion
    fields = ["position", "name", "max_points"]


@admin.register(ScoreGroup)
class ScoreGroupAdmin(ReadOnly):
    list_display = ["name", "block", "position", "kind", "max_points"]
    list_filter = ["kind", "block__year"]
    search_fields = ["name", "block__name", "criteria__name"]
    list_select_related = ["block"]
    fields = ["block", "position", "kind", "name", "max_points"]
    readonly_fields = fields
    inlines = [CriterionInline]


class ScoreEntryInline(ReadOnlyInline):
    model = ScoreEntry
    fields = ["criterion", "self_points", "evidence", "checked_points", "check_reason", "checked_by", "checked_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion", "checked_by")


class ScoreEvidenceInline(ReadOnlyInline):
    model = ScoreEvidence
    fields = ["criterion", "original_name", "size", "page_count", "sha256", "uploaded_by", "uploaded_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion", "uploaded_by")


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnly):
    list_display = ["member", "status", "sent_by", "sent_at"]
    list_filter = ["status", "member__block__year"]
    search_fields = ["member__unit__name", "member__block__name"]
    list_select_related = ["member__unit", "member__block", "sent_by"]
    fields = ["member", "status", "sent_by", "sent_at"]
    readonly_fields = fields
    inlines = [ScoreEntryInline, ScoreEvidenceInline]
