import re

from django import forms
from django.urls import reverse

from units.fields import SUMMARY, CleanCharField
from units.forms import UnitChoiceField
from units.models import Unit
from units.text import fold

from awards.rules.award_choices import grouped_by_subject

MAX_CANDIDATES = 20


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, plan):
        return f"{plan.reference_label} — {plan.issuing_unit.name}: {plan.title_one_line}"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        born = f", sinh {person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else ""
        cccd = f", CCCD {person.cccd}" if person.cccd else ""
        return f"{person.full_name}{born}{cccd} ({person.unit.name})"


def person_picker(field, *, unit_id, into):
    """Let static/js/person_picker.js turn ``field`` (a text box) into a type-ahead over the people of the
    unit's subtree; the chosen person's id goes into the hidden field whose id is ``into``."""
    field.widget.attrs.update({
        "data-person-picker": f"{reverse('units:person_picker')}?don_vi={unit_id}", "data-person-field": into,
    })


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

    person_query = CleanCharField(label="Cá nhân (số CCCD hoặc họ và tên)", max_length=255, required=False,
                                  help_text="Đề nghị cá nhân: ghi số CCCD, hoặc họ và tên đầy đủ. "
                                             "Đề nghị tập thể hoặc hộ gia đình: để trống, dùng các ô dưới.")
    # Filled in by the lookup; offered as choices only when several people share the name typed.
    person = PersonChoiceField(label="Chọn đúng người", queryset=None, required=False, widget=forms.HiddenInput)
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
            data["person"] = self._find_person(query)
        data.pop("person_query", None)
        return data

    def _find_person(self, query):
        digits = re.sub(r"\s", "", query)
        if digits.isdigit():
            person = self.people.filter(cccd=digits).first()
            if person is None:
                self.add_error("person_query", f"Không có cá nhân có số CCCD {digits} trong {self.unit_name}.")
            return person
        found = list(self.people.filter(search_key=fold(query))[:MAX_CANDIDATES + 1])
        if len(found) == 1:
            return found[0]
        if not found:
            self.add_error("person_query", f"Không tìm thấy cá nhân “{query}” trong {self.unit_name}. Kiểm tra "
                                           "lại họ tên, ghi số CCCD, hoặc thêm cá nhân mới.")
            return None
        # Several people share the name: offer exactly them, and keep what was typed.
        field = self.fields["person"]
        field.queryset = self.people.filter(pk__in=[p.pk for p in found[:MAX_CANDIDATES]])
        field.widget = forms.RadioSelect(choices=field.choices)
        field.help_text = "Có nhiều người cùng họ tên; chọn đúng người rồi bấm Thêm vào danh sách."
        self.add_error("person_query", f"Có {'hơn ' if len(found) > MAX_CANDIDATES else ''}"
                                       f"{min(len(found), MAX_CANDIDATES)} người tên “{query}” trong "
                                       f"{self.unit_name}; chọn đúng người ở ô “Chọn đúng người”.")
        return None

