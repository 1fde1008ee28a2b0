"""Certificates (giấy khen): the wording and registers are edited here; the papers are only read."""

from django.contrib import admin

from awards.admin.access import ReadOnly, SuperuserOnly
from awards.models import Certificate, CertificateSeries, CertificateWording


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
