"""Forms of the dossier pages: they check what was typed; the services in awards.services.dossiers act on it."""

from django import forms

from units.fields import SUMMARY, CleanCharField

from awards.models import DossierLine
from awards.rules.workflow import Action as A

TEXT = {"rows": 3}
L = DossierLine.Status


class CommentForm(forms.Form):
    comment = CleanCharField(label="Ý kiến (không bắt buộc)", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class RefuseForm(forms.Form):
    missing = CleanCharField(label="Thành phần hồ sơ còn thiếu", max_length=2000, widget=forms.Textarea(attrs=TEXT),
                             help_text="Liệt kê từng tài liệu còn thiếu hoặc chưa đúng để đơn vị gửi bổ sung.")


class ReturnForm(forms.Form):
    reason = CleanCharField(label="Lý do trả lại cả hồ sơ", max_length=2000, widget=forms.Textarea(attrs=TEXT))


VERDICTS = [(A.APPROVE.value, "Đạt"), (A.REJECT.value, "Không đạt"), (A.RETURN.value, "Trả lại bổ sung")]
KEEP = [("", "Giữ kết quả đạt"), (A.RETURN.value, "Trả lại bổ sung")]


class ReviewForm(forms.Form):
    """One verdict per open line (đạt, không đạt, trả lại), a reason where the verdict needs one."""

    comment = CleanCharField(label="Ý kiến thẩm định chung (không bắt buộc)", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, *, lines, **kwargs):
        super().__init__(data, **kwargs)
        self.lines = [line for line in lines if line.status in (L.ACCEPTED, L.APPROVED)]
        for line in self.lines:
            name = line.nomination_line.subject_name
            choices = VERDICTS if line.status == L.ACCEPTED else KEEP
            self.fields[f"ket_qua_{line.pk}"] = forms.ChoiceField(
                label=f"Kết quả thẩm định: {name}", choices=choices, required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
            self.fields[f"ly_do_{line.pk}"] = CleanCharField(
                label=f"Lý do (khi không đạt hoặc trả lại): {name}", required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}))

    def bound_pairs(self):
        """(line, verdict field, reason field) for the template."""
        return [(line, self[f"ket_qua_{line.pk}"], self[f"ly_do_{line.pk}"]) for line in self.lines]

    def clean(self):
        data = super().clean()
        returning = any(data.get(f"ket_qua_{line.pk}") == A.RETURN for line in self.lines)
        for line in self.lines:
            verdict, reason = data.get(f"ket_qua_{line.pk}"), (data.get(f"ly_do_{line.pk}") or "").strip()
            if verdict in (A.REJECT, A.RETURN) and not reason:
                self.add_error(f"ly_do_{line.pk}", "Ghi lý do để đơn vị gửi biết cần làm gì.")
            if not verdict and line.status == L.ACCEPTED and not returning:
                self.add_error(f"ket_qua_{line.pk}", "Chọn kết quả thẩm định cho đề nghị này.")
        return data

    def verdicts(self) -> dict:
        """{line pk: (verdict, reason)} for the lines given a verdict."""
        out = {}
        for line in self.lines:
            verdict = self.cleaned_data.get(f"ket_qua_{line.pk}")
            if verdict:
                out[line.pk] = (verdict, self.cleaned_data.get(f"ly_do_{line.pk}") or "")
        return out

    @property
    def returning(self):
        return any(verdict == A.RETURN for verdict, _ in self.verdicts().values())


class LineEditForm(forms.Form):
    summary = CleanCharField(label="Tóm tắt thành tích", max_length=SUMMARY, widget=forms.Textarea(attrs={"rows": 4}))


class ForwardForm(forms.Form):
    dossiers = forms.TypedMultipleChoiceField(label="Các hồ sơ gộp chuyển lên", coerce=int,
                                              widget=forms.CheckboxSelectMultiple)
    proposal = forms.FileField(label="Tờ trình của cấp này (PDF, không bắt buộc)", required=False,
                               help_text="Để trống thì dùng Tờ trình do hệ thống tạo từ danh sách.",
                               widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))
    minutes = forms.FileField(label="Biên bản họp xét của Hội đồng (PDF, không bắt buộc)", required=False,
                              widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))
    comment = CleanCharField(label="Ý kiến (không bắt buộc)", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, files=None, *, candidates, **kwargs):
        super().__init__(data, files, **kwargs)
        self.fields["dossiers"].choices = [
            (d.pk, f"Hồ sơ số {d.pk}: {d.title} — {d.sender.name}") for d in candidates]


class ProposalReferenceForm(forms.Form):
    """The number and date the sender's office gave the Tờ trình; both may stay blank until known."""

    proposal_number = CleanCharField(label="Số Tờ trình", required=False, max_length=50,
                                     help_text="Ví dụ: 12/TTr-UBND. Để trống: quyết định in dòng chấm để viết tay.")
    proposal_date = forms.DateField(label="Ngày Tờ trình", required=False,
                                    widget=forms.DateInput(attrs={"type": "date", "class": "form-control"},
                                                           format="%Y-%m-%d"))
