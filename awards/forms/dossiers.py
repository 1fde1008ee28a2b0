"""Forms of the dossier pages: they check what was typed; the services in awards.services.dossiers act on it."""

from dataclasses import dataclass

from django import forms
from django.utils import timezone

from units import dates
from units.fields import SUMMARY, CleanCharField

from awards.models import DossierLine
from awards.rules.workflow import Action as A
from awards.services.proposal_references import REFERENCE_FIELDS, ProposalReference

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


@dataclass(frozen=True)
class VerdictRow:
    """One line's review cell: its radio choices as (id, value, text, checked) and its reason box."""

    label: str
    name: str
    choices: list
    errors: list
    reason_name: str
    reason_id: str
    reason_value: str
    reason_errors: list


class ReviewForm(forms.Form):
    """One verdict per open line (đạt, không đạt, trả lại), a reason where the verdict needs one.

    ``lines``: the lines the page shows (one page of a long packet). ``require_all``: every line waiting for
    review needs a verdict here (a packet on one page); on a page of a longer packet a line may wait, and the
    review's last step checks the whole packet. Unbound, it shows the verdicts kept from an earlier visit.
    """

    comment = CleanCharField(label="Ý kiến thẩm định chung (không bắt buộc)", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, *, lines, require_all=True, **kwargs):
        super().__init__(data, **kwargs)
        self.lines = [line for line in lines if line.status in (L.ACCEPTED, L.APPROVED)]
        self.require_all = require_all
        for line in self.lines:
            if line.draft_verdict or line.draft_reason:
                self.initial.setdefault(f"ket_qua_{line.pk}", line.draft_verdict)
                self.initial.setdefault(f"ly_do_{line.pk}", line.draft_reason)
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

    def verdict_rows(self) -> dict[int, "VerdictRow"]:
        """{line pk: what its review cell shows}, for a template that writes the inputs itself.

        A packet of hundreds of lines would otherwise render three radio widget templates a line; the names,
        ids and checked state are those the widgets would give, so a post reads the same.
        """
        rows = {}
        for line, verdict, reason in self.bound_pairs():
            value = verdict.value()
            chosen = "" if value is None else str(value)
            base = verdict.auto_id
            rows[line.pk] = VerdictRow(
                label=verdict.label, name=verdict.html_name,
                choices=[(f"{base}_{i}", choice, text, choice == chosen)
                         for i, (choice, text) in enumerate(verdict.field.choices)],
                errors=list(verdict.errors), reason_name=reason.html_name, reason_id=reason.auto_id,
                reason_value=reason.value() or "", reason_errors=list(reason.errors))
        return rows

    def clean(self):
        data = super().clean()
        returning = any(data.get(f"ket_qua_{line.pk}") == A.RETURN for line in self.lines)
        for line in self.lines:
            verdict, reason = data.get(f"ket_qua_{line.pk}"), (data.get(f"ly_do_{line.pk}") or "").strip()
            if verdict in (A.REJECT, A.RETURN) and not reason:
                self.add_error(f"ly_do_{line.pk}", "Ghi lý do để đơn vị gửi biết cần làm gì.")
            if not verdict and line.status == L.ACCEPTED and not returning and self.require_all:
                self.add_error(f"ket_qua_{line.pk}", "Chọn kết quả thẩm định cho đề nghị này.")
        return data

    def page_verdicts(self) -> dict:
        """{line pk: (verdict, reason)} for every line of the page, verdict "" where none was chosen."""
        return {line.pk: (self.cleaned_data.get(f"ket_qua_{line.pk}") or "",
                          self.cleaned_data.get(f"ly_do_{line.pk}") or "") for line in self.lines}


class LineEditForm(forms.Form):
    summary = CleanCharField(label="Tóm tắt thành tích", max_length=SUMMARY, widget=forms.Textarea(attrs={"rows": 4}))


class ProposalReferenceForm(forms.Form):
    """The number and date the sender's office gave the Tờ trình; both may stay blank until known."""

    proposal_number = CleanCharField(label="Số Tờ trình", required=False, max_length=50,
                                     help_text="Ví dụ: 12/TTr-UBND. Để trống: quyết định in dòng chấm để viết tay.")
    proposal_date = forms.DateField(label="Ngày Tờ trình", required=False,
                                    widget=forms.DateInput(attrs={"type": "date", "class": "form-control"},
                                                           format="%Y-%m-%d"))

    def clean_proposal_number(self):
        return " ".join((self.cleaned_data.get("proposal_number") or "").split())

    def clean_proposal_date(self):
        day = self.cleaned_data.get("proposal_date")
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(f"Ngày Tờ trình ({dates.in_figures(day)}) không thể sau ngày hôm nay.")
        return day

    def reference(self) -> ProposalReference | None:
        """What was typed, or None when the page posted neither field (a reference then stays as it is)."""
        if not any(self[name].html_name in self.data for name in REFERENCE_FIELDS):
            return None
        return ProposalReference(self.cleaned_data["proposal_number"], self.cleaned_data["proposal_date"])


# On a page that sends a packet: the blank number is allowed, and the page says what follows from it.
SENDING_NUMBER_HELP = ("Ví dụ: 12/TTr-UBND. Chưa có số thì để trống: quyết định khen thưởng và Tờ trình in ra "
                       "để dòng chấm để viết tay; đơn vị gửi ghi bổ sung số sau trên trang hồ sơ.")


# Said after a packet went without its number.
SENT_WITHOUT_NUMBER = ("Tờ trình chưa có số: quyết định khen thưởng sẽ để dòng chấm để viết tay. Khi có số, ghi "
                       "ở mục “Số và ngày Tờ trình” trên trang hồ sơ.")


def sent_without_number(form) -> bool:
    """Whether a sending form posted its reference with the number left blank."""
    return form.reference() is not None and not form.cleaned_data["proposal_number"]


def sending_initial(dossier=None) -> dict:
    """The reference fields of a sending page: what the packet carries, the date today when it has none."""
    return {"proposal_number": dossier.proposal_number if dossier is not None else "",
            "proposal_date": (dossier.proposal_date if dossier is not None else None) or timezone.localdate()}


class SendingReferenceForm(ProposalReferenceForm):
    """The Tờ trình's number and date on the page that sends a list or a packet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal_number"].help_text = SENDING_NUMBER_HELP


class ResubmitForm(SendingReferenceForm):
    """Sending a returned packet again: its Tờ trình (a new one, when the fix needed it) and a comment."""

    comment = CleanCharField(label="Ý kiến (không bắt buộc)", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ForwardForm(SendingReferenceForm):
    dossiers = forms.TypedMultipleChoiceField(label="Các hồ sơ gộp chuyển lên", coerce=int,
                                              widget=forms.CheckboxSelectMultiple)
    proposal = forms.FileField(label="Tờ trình của cấp này (PDF, không bắt buộc)", required=False,
                               help_text="Để trống thì dùng Tờ trình do hệ thống tạo từ danh sách.",
                               widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))
    minutes = forms.FileField(label="Biên bản họp xét của Hội đồng (PDF, không bắt buộc)", required=False,
                              widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))
    comment = CleanCharField(label="Ý kiến (không bắt buộc)", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["dossiers", "proposal", "minutes", "proposal_number", "proposal_date", "comment"]

    def __init__(self, data=None, files=None, *, candidates, **kwargs):
        super().__init__(data, files, **kwargs)
        self.fields["dossiers"].choices = [
            (d.pk, f"Hồ sơ số {d.pk}: {d.title} — {d.sender.name}") for d in candidates]
        self.fields["proposal_number"].label = "Số Tờ trình của cấp này"
        self.fields["proposal_date"].label = "Ngày Tờ trình của cấp này"
