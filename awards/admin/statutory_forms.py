"""The statutory statistical forms: a new circular's form is added here, row by row, without new code."""

from django import forms
from django.contrib import admin

from awards.admin.access import SuperuserOnly
from awards.models import StatisticalColumn, StatisticalForm, StatisticalRow
from awards.rules.statutory_forms import check_measure


class MeasureForm(forms.ModelForm):
    """A row or a column whose measure is checked against the vocabulary (awards.rules.statutory_forms)."""

    def clean_measure(self):
        measure = self.cleaned_data["measure"].strip()
        check_measure(measure)
        return measure


class RowInline(admin.TabularInline):
    model = StatisticalRow
    form = MeasureForm
    fields = ["order", "code", "label", "indent", "measure"]
    extra = 0


class ColumnInline(admin.TabularInline):
    model = StatisticalColumn
    form = MeasureForm
    fields = ["order", "code", "label", "group", "measure"]
    extra = 0


@admin.register(StatisticalForm)
class StatisticalFormAdmin(SuperuserOnly):
    list_display = ["number", "title", "legal_basis", "period", "valid_from", "valid_to", "certainty"]
    list_filter = ["certainty", "legal_basis"]
    search_fields = ["number", "title", "legal_basis"]
    inlines = [RowInline, ColumnInline]
