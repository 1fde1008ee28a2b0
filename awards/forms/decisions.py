"""Forms of the decision pages: they validate what was typed; awards.services.decisions acts on it."""

import datetime

from django import forms

from units import fields
from units.fields import CleanCharField

from awards.models import Decision

FIELDS = ["number", "symbol", "signed_on", "place", "title", "authority", "legal_bases", "bonus_article",
          "execution_article", "sign_prefix", "sign_on_behalf", "signer_title", "signer_name", "recipients",
          "published"]


class DecisionForm(forms.ModelForm):
    """The fields of a draft decision and the ready lines it decides."""

    lines = forms.TypedMultipleChoiceField(label="Các đề nghị được quyết định", coerce=int, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    select_all = forms.BooleanField(label="Chọn tất cả các đề nghị đang lọc", required=False)

    class Meta:
        model = Decision
        fields = FIELDS
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "title": forms.Textarea(attrs={"rows": 2}),
            "legal_bases": forms.Textarea(attrs={"rows": 5}),
            "bonus_article": forms.Textarea(attrs={"rows": 2}),
            "execution_article": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, data=None, *, lines, **kwargs):
        super().__init__(data, **kwargs)
        self.ready = lines
        self.fields["lines"].choices = [(line.pk, str(line.pk)) for line in lines]
        self.fields["number"].help_text = "Số thứ tự trong năm; số dưới 10 được in có số 0 phía trước (05)."

    def clean_signed_on(self):
        signed_on = self.cleaned_data.get("signed_on")
        if signed_on and signed_on > datetime.date.today():
            raise forms.ValidationError("Ngày ký không được sau ngày hôm nay.")
        return signed_on

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("select_all"):
            cleaned["lines"] = [line.pk for line in self.ready]
        if not cleaned.get("lines"):
            self.add_error("lines", "Chọn ít nhất một đề nghị chờ quyết định.")
        return cleaned

    def _post_clean(self):
        # The service checks the model (full_clean) when it writes; the form checks fields only.
        pass

    def fields_data(self):
        return {name: self.cleaned_data.get(name) for name in FIELDS}


class IssueForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RevokeForm(forms.Form):
    revoked_on = forms.DateField(label="Hủy bỏ từ ngày", widget=forms.DateInput(attrs={"type": "date"}))
    reason = CleanCharField(label="Lý do hủy bỏ (căn cứ quyết định hủy bỏ)", max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 3}))


class ResolveFlagForm(forms.Form):
    note = CleanCharField(label="Kết quả rà soát", max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class PublicationForm(forms.Form):
    """Why an issued decision is withdrawn from the public register, or published on it again."""

    reason = CleanCharField(label="Lý do", max_length=fields.REASON, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text="Ví dụ: quyết định có nội dung thuộc bí mật nhà nước.")
