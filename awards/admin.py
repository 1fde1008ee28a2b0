"""The rules are edited here when the law changes; only superusers (the TĐKT administrators) may."""

from django.contrib import admin

from awards.models import (
    Authority, AwardExclusion, AwardRecord, AwardType, Condition, DisciplinePeriod, DocumentRequirement, Dossier, DossierEvent, FormTemplate, Initiative, ProcessingTimeLimit, RegulationVersion, RoutingLink, Standard, TaskRating, VoteRule,
)


class SuperuserOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


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


@admin.register(AwardRecord)
class AwardRecordAdmin(SuperuserOnly):
    list_display = ["award", "award_class", "kind", "year", "person", "collective", "household", "decision_number",
                    "decision_date", "issuing_body", "source"]
    list_filter = ["award", "kind", "year", "source"]
    search_fields = ["person__search_key", "collective__search_key", "household", "decision_number"]
    list_select_related = ["award", "person", "collective"]
    autocomplete_fields = ["person", "collective"]


@admin.register(TaskRating)
class TaskRatingAdmin(SuperuserOnly):
    list_display = ["year", "person", "collective", "rating"]
    list_filter = ["year", "rating"]
    list_select_related = ["person", "collective"]
    autocomplete_fields = ["person", "collective"]


@admin.register(Initiative)
class InitiativeAdmin(SuperuserOnly):
    list_display = ["title", "year", "scope", "recognising_body"]
    list_filter = ["scope", "year"]
    autocomplete_fields = ["authors"]


@admin.register(DisciplinePeriod)
class DisciplinePeriodAdmin(SuperuserOnly):
    list_display = ["person", "form", "start", "end"]
    autocomplete_fields = ["person"]


@admin.register(FormTemplate)
class FormTemplateAdmin(SuperuserOnly):
    list_display = ["number", "purpose", "decree", "regulation", "certainty"]
    list_filter = ["regulation", "purpose", "certainty"]


@admin.register(DocumentRequirement)
class DocumentRequirementAdmin(SuperuserOnly):
    list_display = ["award", "kind", "subject", "form_purpose", "required", "copies", "valid_from", "valid_to",
                    "certainty"]
    list_filter = ["kind", "subject", "required", "certainty"]
    search_fields = ["award__code", "award__name"]


@admin.register(VoteRule)
class VoteRuleAdmin(SuperuserOnly):
    list_display = ["__str__", "regulation", "level", "base", "min_ratio", "quorum_ratio", "certainty"]
    list_filter = ["regulation", "level", "base", "certainty"]
    search_fields = ["award__code", "award__name"]


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


@admin.register(AwardExclusion)
class AwardExclusionAdmin(SuperuserOnly):
    list_display = ["award", "excluded_award", "scope", "reason", "valid_from", "valid_to", "certainty"]
    list_filter = ["scope", "certainty"]
    search_fields = ["award__code", "award__name", "excluded_award__code", "excluded_award__name"]
    list_select_related = ["award", "excluded_award"]


@admin.register(RoutingLink)
class RoutingLinkAdmin(SuperuserOnly):
    list_display = ["__str__", "source_unit", "source_kind", "target", "valid_from", "valid_to", "certainty"]
    list_select_related = ["source_unit", "target"]
    autocomplete_fields = ["source_unit", "target"]


@admin.register(ProcessingTimeLimit)
class ProcessingTimeLimitAdmin(SuperuserOnly):
    list_display = ["level", "days", "day_kind", "valid_from", "valid_to", "certainty"]
    list_filter = ["level", "certainty"]


class ReadOnly(SuperuserOnly):
    """Dossiers change only through their services, which write the audit chain; the admin reads."""

    def has_add_permission(self, request, obj=None):
        return False

    has_change_permission = has_delete_permission = has_add_permission


@admin.register(Dossier)
class DossierAdmin(ReadOnly):
    list_display = ["pk", "title", "sender", "receiver", "status", "round", "status_changed_at"]
    list_filter = ["status"]
    list_select_related = ["sender", "receiver"]


@admin.register(DossierEvent)
class DossierEventAdmin(ReadOnly):
    list_display = ["dossier", "seq", "action", "actor", "from_status", "to_status", "created_at"]
    list_select_related = ["dossier", "actor"]


# Decisions change only through awards.services.decisions (issuing writes the award records and the audit
# chain); the admin reads them, and the revocation trail and review flags beside them.
from awards.models import AwardReviewFlag, AwardRevocation, Decision  # noqa: E402


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["pk", "number", "symbol", "signed_on", "issuing_unit", "status", "issued_by"]
    list_filter = ["status"]
    list_select_related = ["issuing_unit", "issued_by"]


@admin.register(AwardRevocation)
class AwardRevocationAdmin(ReadOnly):
    list_display = ["record", "revoked_on", "actor", "created_at", "flagged"]
    list_select_related = ["record__award", "record__person", "record__collective", "actor"]


@admin.register(AwardReviewFlag)
class AwardReviewFlagAdmin(ReadOnly):
    list_display = ["record", "cause", "created_at", "resolved_at", "resolved_by"]
    list_select_related = ["record__award", "record__person", "record__collective", "cause__award", "resolved_by"]


# Digital signatures: registered and deactivated on the portal's pages, whose services check the
# file and its passphrase; the admin shows them.
from awards.models import SignedPlanCopy, SigningCertificate  # noqa: E402


@admin.register(SigningCertificate)
class SigningCertificateAdmin(ReadOnly):
    list_display = ["label", "unit", "subject_name", "issuer_name", "not_after", "is_active", "uploaded_by"]
    list_filter = ["is_active"]
    list_select_related = ["unit", "uploaded_by"]
    search_fields = ["label", "subject_name", "fingerprint_sha256", "serial_number"]
    exclude = ["key_file"]


@admin.register(SignedPlanCopy)
class SignedPlanCopyAdmin(ReadOnly):
    list_display = ["plan", "certificate", "signed_by", "signed_at", "sha256"]
    list_select_related = ["plan", "certificate", "signed_by"]
    exclude = ["file"]
from awards.models import Certificate, CertificateSeries, CertificateWording  # noqa: E402


@admin.register(CertificateWording)
class CertificateWordingAdmin(SuperuserOnly):
    list_display = ["award", "verb", "heading", "merit", "valid_from", "valid_to"]
    list_select_related = ["award"]


@admin.register(CertificateSeries)
class CertificateSeriesAdmin(SuperuserOnly):
    """A register's prefix and place are edited here; its last number only moves by issuing."""

    list_display = ["issuing_body", "year", "prefix", "digits", "last_number", "place"]
    readonly_fields = ["last_number"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnly):
    list_display = ["serial", "record", "copy_number", "issued_on", "issued_by", "replaced_at"]
    list_select_related = ["record__award", "record__person", "record__collective", "issued_by"]
    search_fields = ["serial"]
    exclude = ["token"]


# Working-day calendar and public consultation

from awards.models import ConsultationComment, ConsultationRule, Holiday, PublicConsultation  # noqa: E402
from awards.rules.working_days import forget as forget_calendar  # noqa: E402


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


# Emulation councils: the council and its dated members, the lower awards a council may resolve;
# sessions are written by their secretary through awards.councils, so the admin only reads them.

from awards.models import AwardDowngrade, Council, CouncilBallot, CouncilMember, CouncilSession  # noqa: E402


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


@admin.register(PublicConsultation)
class PublicConsultationAdmin(ReadOnly):
    list_display = ["title", "unit", "opens_on", "closes_on", "status"]
    list_filter = ["status"]
    list_select_related = ["unit"]
    inlines = [ConsultationCommentInline]


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnly):
    list_display = ["pk", "council", "held_on", "status", "closed_at"]
    list_filter = ["status"]
    list_select_related = ["council"]
    inlines = [CouncilBallotInline]
