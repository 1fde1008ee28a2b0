"""What a dossier must hold: form templates, required documents, council vote rules."""

from django.contrib import admin

from awards.admin.access import SuperuserOnly
from awards.models import DocumentRequirement, FormTemplate, VoteRule


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
