"""The library of legal documents the portal cites: laws and decrees, and each province's or ministry's Quy chế."""

from django.contrib import admin

from awards.admin.access import SuperuserOnly
from awards.models import LegalDocument


@admin.register(LegalDocument)
class LegalDocumentAdmin(SuperuserOnly):
    list_display = ["kind", "number", "signed_on", "title", "role", "unit", "valid_from", "valid_to", "certainty"]
    list_filter = ["kind", "role", "certainty"]
    search_fields = ["number", "title", "issuer"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
