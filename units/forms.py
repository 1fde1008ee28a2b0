from django import forms

from units.fields import CleanCharField
from units.models import Person, Unit, cccd_validator
from units.services import ADDABLE_KINDS


class DateField(forms.DateField):
    """A date typed or picked on a phone: the browser's date picker, ISO on the wire."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        # Indent by depth so the select reads as a tree.
        return "\u00a0\u00a0" * unit.depth + unit.name


class PersonForm(forms.Form):
    full_name = CleanCharField(label="Họ và tên", max_length=150)
    gender = forms.ChoiceField(label="Giới tính", choices=Person.Gender.choices)
    date_of_birth = DateField(label="Ngày sinh", required=False)
    cccd = CleanCharField(
        label="Số CCCD", max_length=12, required=False, validators=[cccd_validator],
        help_text="12 chữ số; để trống nếu chưa có.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": r"\d{12}"}),
    )
    position = CleanCharField(label="Chức vụ, chức danh", max_length=200, required=False)
    unit = UnitChoiceField(label="Đơn vị công tác", queryset=Unit.objects.none())

    def __init__(self, *args, unit_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_queryset

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split()) < 2:
            raise forms.ValidationError("Nhập đầy đủ họ và tên (ít nhất hai từ).")
        return name

    def clean_cccd(self):
        return self.cleaned_data["cccd"].strip() or None


class UnitForm(forms.Form):
    name = CleanCharField(label="Tên đơn vị", max_length=255, help_text="Ví dụ: Phòng Nội vụ, Thôn Đông.")
    short_name = CleanCharField(label="Tên ngắn", max_length=255, required=False)
    kind = forms.ChoiceField(label="Loại đơn vị", choices=[(k.value, k.label) for k in ADDABLE_KINDS])
    code = CleanCharField(label="Mã đơn vị", max_length=20, required=False)
    valid_from = DateField(label="Hiệu lực từ ngày", required=False)


class SearchForm(forms.Form):
    q = CleanCharField(label="Tìm theo tên", required=False, max_length=100)


def add_service_errors(form, error):
    """Show a service's validation error on the fields it names, or on the whole form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def int_or_none(value):
    """A whole number from a query parameter, or None when it is missing or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
