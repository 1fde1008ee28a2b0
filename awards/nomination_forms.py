from django import forms

from units.forms import UnitChoiceField
from units.models import Unit


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, plan):
        return f"{plan.reference_label} — {plan.issuing_unit.name}: {plan.title_one_line}"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person.full_name} ({person.unit.name})"


class NominationListForm(forms.Form):
    unit = UnitChoiceField(label="Đơn vị đề nghị", queryset=Unit.objects.none())
    plan = PlanChoiceField(label="Theo kế hoạch", queryset=None, required=False,
                           empty_label="— Không theo kế hoạch (tổng kết năm) —",
                           help_text="Để trống khi đề nghị khen thưởng tổng kết năm.")
    year = forms.IntegerField(label="Năm thành tích", min_value=1945, max_value=2100, required=False,
                              help_text="Theo kế hoạch: để trống sẽ lấy năm của kế hoạch.")
    title = forms.CharField(label="Tên danh sách", max_length=255,
                            help_text="Ví dụ: Đề nghị khen thưởng tổng kết năm 2026.")

    def __init__(self, *args, units, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["plan"].queryset = plans

    def clean(self):
        data = super().clean()
        if data.get("year") is None and "year" not in self.errors:
            plan = data.get("plan")
            if plan is not None:
                data["year"] = plan.issue_year
            else:
                self.add_error("year", "Nhập năm thành tích khi đề nghị không theo kế hoạch.")
        return data


class NominationLineForm(forms.Form):
    person = PersonChoiceField(label="Cá nhân", queryset=None, required=False,
                               help_text="Chọn một cá nhân, hoặc một tập thể, hoặc ghi hộ gia đình ở các ô dưới.")
    collective = UnitChoiceField(label="Tập thể", queryset=Unit.objects.none(), required=False)
    household = forms.CharField(label="Hộ gia đình", max_length=255, required=False,
                                help_text="Tên chủ hộ và địa chỉ.")
    award = forms.ModelChoiceField(label="Hình thức, danh hiệu", queryset=None)
    award_class = forms.CharField(label="Hạng", max_length=20, required=False,
                                  help_text="Chỉ ghi với hình thức có hạng, ví dụ: Nhất, Nhì, Ba.")
    summary = forms.CharField(label="Tóm tắt thành tích", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, people, collectives, awards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["collective"].queryset = collectives
        self.fields["award"].queryset = awards

