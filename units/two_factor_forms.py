"""The code fields of the second step: they check the shape of a code; units.two_factor checks the code."""

from django import forms

from units.fields import CleanCharField
from units.two_factor import normalise_code


class AuthenticatorCodeForm(forms.Form):
    code = CleanCharField(
        label="Mã xác thực (6 chữ số)", max_length=20,
        help_text="Mở ứng dụng xác thực trên điện thoại và nhập mã 6 chữ số đang hiện cho Cổng Thi đua.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True,
                                      "pattern": r"[0-9 ]*", "autocapitalize": "off", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Mã xác thực gồm đúng 6 chữ số.")
        return code


class RecoveryCodeForm(forms.Form):
    code = CleanCharField(
        label="Mã dự phòng", max_length=40,
        help_text="Một trong mười mã dự phòng đã lưu khi bật xác thực hai bước; mỗi mã chỉ dùng được một lần.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True, "autocapitalize": "off",
                                      "spellcheck": "false"}),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not code.isalnum() or len(code) > 16:
            raise forms.ValidationError("Mã dự phòng không đúng dạng: nhập đúng mã đã lưu, ví dụ “k7qm3xzp”.")
        return code
