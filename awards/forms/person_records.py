"""Forms for a person's initiatives and discipline, one at a time or many rows of a unit at once.

They validate what was typed; awards.services.person_records acts on it (and checks the model).
"""

from django import forms

from units.forms import DateField

from awards.models import DisciplinePeriod, Initiative

INITIATIVE_FIELDS = ["title", "year", "scope", "recognising_body", "decision_number", "decision_date"]
DISCIPLINE_FIELDS = ["form", "start", "end", "decision"]
ROWS = 5  # empty rows offered on a unit's page; more after saving


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person.full_name} — {person.unit.name}"


class InitiativeForm(forms.ModelForm):
    """An initiative recognised for the person of the page."""

    decision_date = DateField(label="Ngày quyết định", required=False)

    class Meta:
        model = Initiative
        fields = INITIATIVE_FIELDS

    def _post_clean(self):
        pass  # the service checks the model when it writes

    def fields_data(self):
        return {name: self.cleaned_data.get(name) for name in INITIATIVE_FIELDS}


class DisciplineForm(forms.ModelForm):
    """A disciplinary measure of the person of the page."""

    start = DateField(label="Từ ngày")
    end = DateField(label="Đến ngày", required=False, help_text="Để trống khi chưa hết hiệu lực.")

    class Meta:
        model = DisciplinePeriod
        fields = DISCIPLINE_FIELDS

    def _post_clean(self):
        pass

    def fields_data(self):
        return {name: self.cleaned_data.get(name) for name in DISCIPLINE_FIELDS}


class InitiativeRowForm(InitiativeForm):
    """A row of a unit's page: the initiative and its author."""

    person = PersonChoiceField(label="Tác giả", queryset=None)

    field_order = ["person", *INITIATIVE_FIELDS]

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class DisciplineRowForm(DisciplineForm):
    """A row of a unit's page: the person and the measure."""

    person = PersonChoiceField(label="Cá nhân", queryset=None)

    field_order = ["person", *DISCIPLINE_FIELDS]

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


def row_formsets(data=None, *, people):
    """The two formsets of a unit's page (prefixes "sk" and "kl"); blank rows are left out."""
    initiatives = forms.formset_factory(InitiativeRowForm, extra=ROWS)
    discipline = forms.formset_factory(DisciplineRowForm, extra=ROWS)
    return (initiatives(data, prefix="sk", form_kwargs={"people": people}),
            discipline(data, prefix="kl", form_kwargs={"people": people}))


def filled(formset):
    """The formset's rows that hold something (extra rows left blank are not rows)."""
    return [form for form in formset.forms if form.has_changed() and form.is_valid()]
