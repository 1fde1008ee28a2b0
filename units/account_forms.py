"""The forms of the account pages: they validate what a unit admin typed; units.accounts acts on it."""

import datetime

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator

from units.fields import CleanCharField
from units.forms import DateField, UnitChoiceField
from units.models import Membership, Unit
from units.text import vi_number


class NamedCharField(CleanCharField):
    """A text field whose "too long" message names the field, as a message read far from it must."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # A field's own messages take the place of its validators' (forms.Field.run_validators).
        self.error_messages["max_length"] = (f"{self.label} dài quá: tối đa %(limit_value)s ký tự "
                                             "(đang có %(show_value)s).")


class NamedEmailField(forms.EmailField):
    """An email address whose "too long" message names the field too."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        limit = vi_number(self.max_length)
        self.error_messages["max_length"] = f"{self.label} dài quá: tối đa {limit} ký tự."
        self.error_messages["invalid"] = f"{self.label} không đúng dạng (ví dụ: ten@donvi.gov.vn)."


ROLE_CHOICES = [("", "— Chọn vai trò —"), *Membership.Role.choices]


class AccountSearchForm(forms.Form):
    q = NamedCharField(label="Tìm theo tên đăng nhập, họ tên hoặc thư điện tử", required=False, max_length=100)


class RoleFields(forms.Form):
    """A role in a unit the admin administers, from a day."""

    unit = UnitChoiceField(label="Đơn vị", queryset=Unit.objects.none())
    role = forms.ChoiceField(label="Vai trò", choices=ROLE_CHOICES)
    valid_from = DateField(label="Từ ngày", required=False, help_text="Để trống: từ hôm nay.")

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AccountCreateForm(RoleFields):
    username = NamedCharField(
        label="Tên đăng nhập", max_length=150, validators=[UnicodeUsernameValidator(
            message="Tên đăng nhập chỉ gồm chữ, số và các ký tự @ . + - _ (không có dấu cách).")],
        help_text="Ví dụ: hahoa.tdkt. Người dùng đăng nhập bằng tên này.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}))
    full_name = NamedCharField(label="Họ và tên", max_length=150)
    email = NamedEmailField(label="Thư điện tử", max_length=254, required=False,
                            help_text="Để gửi thư đặt lại mật khẩu; có thể để trống.")

    field_order = ["username", "full_name", "email", "unit", "role", "valid_from"]


class RoleGrantForm(RoleFields):
    valid_to = DateField(label="Đến ngày", required=False, help_text="Để trống: không thời hạn.")

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from") or datetime.date.today(), data.get("valid_to")
        if end is not None and end < start:
            self.add_error("valid_to", "Đến ngày phải sau Từ ngày.")
        return data


class RoleEndForm(forms.Form):
    ends_on = DateField(label="Kết thúc từ ngày", help_text="Từ ngày này tài khoản không còn vai trò.")


class PasswordResetChoiceForm(forms.Form):
    TEMPORARY, EMAIL = "tam-thoi", "thu"
    how = forms.ChoiceField(label="Cách đặt lại", widget=forms.RadioSelect, choices=[
        (TEMPORARY, "Tạo mật khẩu tạm thời (hiện một lần để bạn chuyển cho người dùng)"),
        (EMAIL, "Gửi thư có đường dẫn đặt mật khẩu mới đến địa chỉ thư của tài khoản"),
    ])

    def __init__(self, *args, can_email, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_email:
            self.fields["how"].choices = self.fields["how"].choices[:1]
        self.fields["how"].initial = self.fields["how"].choices[0][0]
