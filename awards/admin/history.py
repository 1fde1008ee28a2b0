"""Past awards, ratings, initiatives and discipline: what eligibility reads."""

from django.contrib import admin

from awards.admin.access import SuperuserOnly
from awards.models import AwardRecord, DisciplinePeriod, Initiative, TaskRating


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
