"""The public register's search form: what a citizen typed, checked; awards.rules.public_decisions searches."""

from django import forms

from units.fields import CleanCharField
from units.params import MAX_YEAR, MIN_YEAR

from awards.rules.public_decisions import QUERY_MAX


class PublicDecisionSearchForm(forms.Form):
    q = CleanCharField(label="Tìm quyết định", max_length=QUERY_MAX, required=False,
                       help_text="Số quyết định, trích yếu, họ tên người hoặc tên tập thể, đơn vị được khen; "
                                 "gõ có dấu hoặc không dấu đều được.")
    nam = forms.IntegerField(label="Năm ban hành", required=False, min_value=MIN_YEAR, max_value=MAX_YEAR,
                             error_messages={"invalid": "Năm phải là một số, ví dụ 2026.",
                                             "min_value": f"Năm phải từ {MIN_YEAR} trở về sau.",
                                             "max_value": f"Năm phải trước {MAX_YEAR + 1}."})
    co_quan = forms.TypedChoiceField(label="Tỉnh, bộ, ngành ban hành", required=False, coerce=int, empty_value=None,
                                     error_messages={"invalid_choice": "Hãy chọn một cơ quan trong danh sách."})

    def __init__(self, data=None, *, bodies):
        super().__init__(data)
        self.bodies = {body.pk: body for body in bodies}
        self.fields["co_quan"].choices = [("", "Tất cả"), *((body.pk, body.label) for body in bodies)]

    def clean_co_quan(self):
        pk = self.cleaned_data["co_quan"]
        return self.bodies.get(pk) if pk else None
