"""Dossiers change only through their services, which write the audit chain; the admin reads."""

from django.contrib import admin

from awards.admin.access import ReadOnly
from awards.models import Dossier, DossierEvent


@admin.register(Dossier)
class DossierAdmin(ReadOnly):
    list_display = ["pk", "title", "sender", "receiver", "status", "round", "status_changed_at"]
    list_filter = ["status"]
    list_select_related = ["sender", "receiver"]


@admin.register(DossierEvent)
class DossierEventAdmin(ReadOnly):
    list_display = ["dossier", "seq", "action", "actor", "from_status", "to_status", "created_at"]
    list_select_related = ["dossier", "actor"]
