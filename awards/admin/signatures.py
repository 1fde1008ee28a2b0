"""Signing certificates and signed plan copies, shown read-only.

They are registered and deactivated on the portal's pages, whose services check the file and its passphrase.
"""

from django.contrib import admin

from awards.admin.access import ReadOnly
from awards.models import SignedPlanCopy, SigningCertificate


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
