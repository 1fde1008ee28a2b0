"""Decisions, with the revocation trail and review flags beside them: read here, never written.

Decisions change only through awards.services.decisions (issuing writes the award records and the audit chain).
"""

from django.contrib import admin

from awards.admin.access import ReadOnly
from awards.models import AwardReviewFlag, AwardRevocation, Decision, DecisionPublication


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["pk", "number", "symbol", "signed_on", "issuing_unit", "status", "published", "issued_by"]
    list_filter = ["status", "published"]
    list_select_related = ["issuing_unit", "issued_by"]


@admin.register(AwardRevocation)
class AwardRevocationAdmin(ReadOnly):
    list_display = ["record", "revoked_on", "actor", "created_at", "flagged"]
    list_select_related = ["record__award", "record__person", "record__collective", "actor"]


@admin.register(AwardReviewFlag)
class AwardReviewFlagAdmin(ReadOnly):
    list_display = ["record", "cause", "created_at", "resolved_at", "resolved_by"]
    list_select_related = ["record__award", "record__person", "record__collective", "cause__award", "resolved_by"]


@admin.register(DecisionPublication)
class DecisionPublicationAdmin(ReadOnly):
    list_display = ["decision", "published", "actor", "created_at"]
    list_select_related = ["decision", "actor"]
