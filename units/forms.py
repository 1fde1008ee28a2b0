import re

from django import forms
from django.urls import reverse

from units.fields import CleanCharField
from units.models import Person, Unit, cccd_validator
from units.services import ADDABLE_KINDS
from units.text import fold


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


# A name typed for a person is offered this many namesakes at most.
MAX_CANDIDATES = 20


class PersonChoiceField(forms.ModelChoiceField):
    """The person chosen for a form: hidden, filled by the person picker or by ``find_person``; its label,
    when namesakes are offered as radio buttons, tells them apart."""

    def __init__(self, label="Chọn đúng người", **kwargs):
        kwargs.setdefault("queryset", None)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(label=label, **kwargs)

    def label_from_instance(self, person):
        born = f", sinh {person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else ""
        cccd = f", CCCD {person.cccd}" if person.cccd else ""
        return f"{person.full_name}{born}{cccd} ({person.unit.name})"


def person_query_field(**kwargs):
    """The text box a person is typed in: a CCCD, or a full name."""
    return CleanCharField(label=kwargs.pop("label", "Cá nhân (số CCCD hoặc họ và tên)"), max_length=255,
                          required=False, **kwargs)


def person_picker(field, *, unit_id=None, into="id_person"):
    """Let static/js/person_picker.js turn ``field`` (a text box) into a type-ahead over the people the user
    may see (of the unit's subtree, when given); the chosen person's id goes into the hidden field ``into``."""
    address = reverse("units:person_picker") + (f"?don_vi={unit_id}" if unit_id is not None else "")
    field.widget.attrs.update({"data-person-picker": address, "data-person-field": into})


def find_person(form, query, *, people, place, submit):
    """The one person of ``people`` that ``query`` names (a CCCD, or a full name whatever its accents), or None
    with the reason added to ``form``'s ``person_query``; namesakes become radio choices of ``form``'s
    ``person`` field, and what was typed is kept. ``place`` names where people were looked for, ``submit``
    the form's button."""
    digits = re.sub(r"\s", "", query)
    if digits.isdigit():
        person = people.filter(cccd=digits).first()
        if person is None:
            form.add_error("person_query", f"Không có cá nhân có số CCCD {digits} trong {place}.")
        return person
    found = list(people.filter(search_key=fold(query))[:MAX_CANDIDATES + 1])
    if len(found) == 1:
        return found[0]
    if not found:
        form.add_error("person_query", f"Không tìm thấy cá nhân “{query}” trong {place}. Kiểm tra "
                                       "lại họ tên, ghi số CCCD, hoặc thêm cá nhân mới.")
        return None
    # Several people share the name: offer exactly them, and keep what was typed.
    field = form.fields["person"]
    field.queryset = people.filter(pk__in=[p.pk for p in found[:MAX_CANDIDATES]])
    field.widget = forms.RadioSelect(choices=field.choices)
    field.help_text = f"Có nhiều người cùng họ tên; chọn đúng người rồi bấm {submit}."
    form.add_error("person_query", f"Có {'hơn ' if len(found) > MAX_CANDIDATES else ''}"
                                   f"{min(len(found), MAX_CANDIDATES)} người tên “{query}” trong "
                                   f"{place}; chọn đúng người ở ô “Chọn đúng người”.")
    return None
