"""Forms of the certificate pages: they check what was typed; awards.services.certificates acts on it."""

from django import forms

from units.fields import CleanCharField


class ReissueForm(forms.Form):
    reason = CleanCharField(
        label="Lý do cấp lại", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Ví dụ: bản chính bị mất do thiên tai; bị rách, hỏng.",
        error_messages={"required": "Nhập lý do cấp lại."},
    )


class DecisionPrintForm(forms.Form):
    decision_number = CleanCharField(label="Số quyết định", max_length=60,
                                     error_messages={"required": "Nhập số quyết định."})
    issuing_body = CleanCharField(label="Cơ quan quyết định", max_length=255,
                                  help_text="Như ghi trên quyết định, ví dụ: Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ.",
                                  error_messages={"required": "Nhập cơ quan quyết định."})
