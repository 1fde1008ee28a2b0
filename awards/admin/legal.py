"""The library of legal documents the portal cites: laws and decrees, and each province's or ministry's Quy chế."""

from django import forms
from django.contrib import admin

from units.models import Unit

from awards.admin.access import SuperuserOnly
from awards.models import LegalDocument


class LegalDocumentForm(forms.ModelForm):
    """The kinds of unit that cite a document, as one checkbox per kind of unit."""

    unit_kinds = forms.MultipleChoiceField(
        label="Loại đơn vị trích dẫn", choices=Unit.Kind.choices, widget=forms.CheckboxSelectMultiple,
        required=False, help_text=LegalDocument._meta.get_field("unit_kinds").help_text,
        error_messages={"invalid_choice": "Loại đơn vị “%(value)s” không có trong danh mục."})

    class Meta:
        model = LegalDocument
        fields = ["kind", "number", "signed_on", "issuer", "title", "role", "unit", "unit_kinds", "valid_from",
                  "valid_to", "certainty", "note"]

    def clean_unit_kinds(self):
        """The ticked kinds in the order of the list of kinds, whatever order the browser sent them in."""
        ticked = set(self.cleaned_data["unit_kinds"])
        return [kind for kind in Unit.Kind.values if kind in ticked]


@admin.register(LegalDocument)
class LegalDocumentAdmin(SuperuserOnly):
    form = LegalDocumentForm
    list_display = ["kind", "number", "signed_on", "title", "role", "cited_by", "unit", "valid_from", "valid_to",
                    "certainty"]
    list_filter = ["kind", "role", "certainty"]
    search_fields = ["number", "title", "issuer"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]

    @admin.display(description="loại đơn vị trích dẫn")
    def cited_by(self, obj):
        return obj.unit_kinds_display()
