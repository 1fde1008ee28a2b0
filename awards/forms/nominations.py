from django import forms

from units.fields import SUMMARY, CleanCharField
from units.forms import PersonChoiceField, UnitChoiceField, find_person, person_picker, person_query_field
from units.models import Unit

from awards.rules.award_choices import grouped_by_subject


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, plan):
        return f"{plan.reference_label} — {plan.issuing_unit.name}: {plan.title_one_line}"


class NominationListForm(forms.Form):
    unit = UnitChoiceField(label="Đơn vị đề nghị", queryset=Unit.objects.none())
    plan = PlanChoiceField(label="Theo kế hoạch", queryset=None, required=False,
                           empty_label="— Không theo kế hoạch (tổng kết năm) —",
                           help_text="Để trống khi đề nghị khen thưởng tổng kết năm.")
    year = forms.IntegerField(label="Năm thành tích", min_value=1945, max_value=2100, required=False,
                              help_text="Theo kế hoạch: để trống sẽ lấy năm của kế hoạch.")
    title = CleanCharField(label="Tên danh sách", max_length=255,
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
    """One proposal. The person is found by CCCD or name in the unit's registry, never picked from a
    list of everyone: a province holds hundreds of thousands of people."""

    person_query = person_query_field(help_text="Đề nghị cá nhân: gõ vài chữ đầu của họ tên (không cần dấu) hoặc "
                                                "số CCCD rồi chọn trong danh sách gợi ý; hoặc ghi đủ số CCCD, họ "
                                                "và tên. Đề nghị tập thể hoặc hộ gia đình: để trống, dùng các ô dưới.")
    # Filled in by the person picker or the lookup; offered as choices only when several people share the name.
    person = PersonChoiceField()
    collective = UnitChoiceField(label="Tập thể", queryset=Unit.objects.none(), required=False)
    household = CleanCharField(label="Hộ gia đình", max_length=255, required=False,
                               help_text="Tên chủ hộ và địa chỉ.")
    award = forms.ModelChoiceField(label="Hình thức, danh hiệu", queryset=None)
    award_class = CleanCharField(label="Hạng", max_length=20, required=False,
                                 help_text="Chỉ ghi với hình thức có hạng, ví dụ: Nhất, Nhì, Ba.")
    summary = CleanCharField(label="Tóm tắt thành tích", required=False, max_length=SUMMARY,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, people, collectives, awards, unit_name="", unit_id=None, plan_list=False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.people, self.unit_name = people, unit_name
        self.fields["person"].queryset = people
        if unit_id is not None:
            person_picker(self.fields["person_query"], unit_id=unit_id, into="id_person")
        self.fields["collective"].queryset = collectives
        award = self.fields["award"]
        award.queryset = awards
        # Read once, offered grouped by the kind of subject; a pk outside ``awards`` is refused.
        award.choices = [("", "---------"), *grouped_by_subject(list(awards))]
        award.error_messages["invalid_choice"] = (
            "Hình thức, danh hiệu này không thuộc các hình thức được đề nghị trong danh sách này "
            f"{'(theo kế hoạch)' if plan_list else '(theo thẩm quyền của cấp đề nghị và cấp trên trực tiếp)'}; "
            "chọn một hình thức trong ô “Hình thức, danh hiệu”.")

    def clean(self):
        data = super().clean()
        query = (data.get("person_query") or "").strip()
        if data.get("person") is None and query and "person" not in self.errors:
            data["person"] = find_person(self, query, people=self.people, place=self.unit_name,
                                         submit="Thêm vào danh sách")
        data.pop("person_query", None)
        return data
