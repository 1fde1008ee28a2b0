"""The forms of a unit's yearly registration sheet (a row, a reason to take it back, a row's recognised
initiative); awards.services.yearly_registrations acts on them."""

from django import forms

from units import fields
from units.fields import CleanCharField
from units.forms import PersonChoiceField, UnitChoiceField, find_person, person_picker, person_query_field
from units.models import Person, Unit

from awards.models import AwardType, Initiative


class AwardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, award):
        return award.name


class YearlyEntryForm(forms.Form):
    person_query = person_query_field(label="Cá nhân (số CCCD hoặc họ và tên)", help_text=(
        "Gõ vài chữ đầu của họ tên hoặc số CCCD rồi chọn trong danh sách gợi ý. Đăng ký tập thể: để trống, chọn "
        "ở ô dưới."))
    person = PersonChoiceField()
    collective = UnitChoiceField(label="Tập thể", queryset=Unit.objects.none(), required=False)
    title = AwardChoiceField(label="Danh hiệu thi đua đăng ký", queryset=AwardType.objects.none(), required=False)
    recognition = AwardChoiceField(label="Hình thức khen thưởng đăng ký", queryset=AwardType.objects.none(),
                                   required=False)
    initiative_title = CleanCharField(label="Tên sáng kiến đăng ký", max_length=500, required=False)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = Person.objects.filter(unit__in=Unit.objects.subtree_of(unit)).select_related("unit")
        self.fields["person"].queryset = self.people
        self.fields["collective"].queryset = Unit.objects.subtree_of(unit).in_force().order_by("path")
        awards = AwardType.objects.filter(kind=AwardType.Kind.REGULAR)
        self.fields["title"].queryset = awards.filter(group=AwardType.Group.TITLE)
        self.fields["recognition"].queryset = awards.exclude(group=AwardType.Group.TITLE)
        person_picker(self.fields["person_query"], unit_id=unit.pk)

    def clean(self):
        data = super().clean()
        query = (data.pop("person_query", None) or "").strip()
        if data.get("person") is None and query and "person" not in self.errors:
            data["person"] = find_person(self, query, people=self.people, place="đơn vị", submit="Thêm vào bảng")
            if data["person"] is None:
                return data
        if bool(data.get("person")) == bool(data.get("collective")):
            raise forms.ValidationError("Chọn một cá nhân hoặc một tập thể (không chọn cả hai).")
        if not (data.get("title") or data.get("recognition") or data.get("initiative_title")):
            raise forms.ValidationError("Chọn danh hiệu thi đua, hình thức khen thưởng hoặc ghi tên sáng kiến.")
        return data


class TakeBackForm(forms.Form):
    """Why a sent sheet goes back to draft (rút lại by its unit, trả lại by the level above)."""

    reason = CleanCharField(label="Lý do", max_length=fields.REASON, widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": "Ghi lý do để cán bộ TĐKT của đơn vị biết cần sửa gì."})


class InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, initiative):
        return f"{initiative.title} ({initiative.year})"


class InitiativeLinkForm(forms.Form):
    """The recognised initiative a row's registered initiative became; empty unlinks it."""

    initiative = InitiativeChoiceField(
        label="Sáng kiến được công nhận", queryset=Initiative.objects.none(), required=False,
        empty_label="— Chưa gắn —",
        error_messages={"invalid_choice": "Sáng kiến được chọn không phải sáng kiến được công nhận của đơn vị "
                                          "(và của cá nhân) trong năm đăng ký."})

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = choices
