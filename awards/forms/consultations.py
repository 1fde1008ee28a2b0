"""Forms of the consultation pages: they check what was typed; awards.services.consultations acts on it."""

from django import forms
from django.utils import timezone

from units.fields import CleanCharField

from awards.models import ConsultationComment

NAME_MAX, CONTACT_MAX, TEXT_MIN, TEXT_MAX = 100, 150, 10, 3000


class ConsultationOpenForm(forms.Form):
    """A unit publishes some of its waiting proposals: a title, the first day, where, and which proposals."""

    title = CleanCharField(label="Tiêu đề đợt lấy ý kiến", max_length=255)
    opens_on = forms.DateField(label="Ngày bắt đầu công khai", widget=forms.DateInput(attrs={"type": "date"}),
                               help_text="Ngày kết thúc được tính theo số ngày làm việc của quy định, trừ ngày "
                                         "nghỉ lễ, Tết.")
    where_published = CleanCharField(label="Nơi công khai", max_length=255, required=False,
                                     help_text="Ví dụ: Cổng thông tin điện tử tỉnh; bảng tin trụ sở UBND tỉnh.")
    lines = forms.MultipleChoiceField(label="Các đề nghị đưa ra công khai", widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": "Chọn ít nhất một đề nghị."})

    def __init__(self, data=None, *, candidates, **kwargs):
        kwargs.setdefault("initial", {"opens_on": timezone.localdate()})
        super().__init__(data, **kwargs)
        self.fields["lines"].choices = [
            (str(line.pk), f"{line.nomination_line.subject_name} — {line.nomination_line.award_label} "
                           f"(hồ sơ số {line.dossier_id})") for line in candidates]

    def clean_lines(self):
        return [int(pk) for pk in self.cleaned_data["lines"]]


class PublicCommentForm(forms.Form):
    """A comment from anyone. ``website`` is a trap: people do not see it, scripts fill it in."""

    name = CleanCharField(label="Họ và tên", max_length=NAME_MAX, error_messages={
        "required": "Ghi họ và tên người góp ý.", "max_length": f"Họ và tên không quá {NAME_MAX} ký tự."})
    contact = CleanCharField(label="Địa chỉ, số điện thoại hoặc thư điện tử (không bắt buộc)", required=False,
                             max_length=CONTACT_MAX,
                             error_messages={"max_length": f"Địa chỉ liên hệ không quá {CONTACT_MAX} ký tự."},
                             help_text="Để cơ quan liên hệ lại khi cần làm rõ; không công bố.")
    candidate = forms.TypedChoiceField(label="Góp ý về", required=False, coerce=int, empty_value=None,
                                       error_messages={"invalid_choice": "Đối tượng được chọn không có trong danh "
                                                                         "sách công khai."})
    text = CleanCharField(label="Nội dung góp ý", min_length=TEXT_MIN, max_length=TEXT_MAX,
                          widget=forms.Textarea(attrs={"rows": 5}),
                          error_messages={"required": "Ghi nội dung góp ý.",
                                           "min_length": f"Nội dung góp ý cần ít nhất {TEXT_MIN} ký tự.",
                                           "max_length": f"Nội dung góp ý không quá {TEXT_MAX} ký tự."})
    website = CleanCharField(label="Để trống ô này", required=False)

    def __init__(self, data=None, *, candidates, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["candidate"].choices = [("", "Cả danh sách")] + [
            (candidate.pk, f"{candidate.line.nomination_line.subject_name} — "
                           f"{candidate.line.nomination_line.award_label}") for candidate in candidates]

    @property
    def is_trap(self):
        return bool(self.data.get(self.add_prefix("website"), "").strip())


class AnswerForm(forms.Form):
    answer = CleanCharField(label="Nội dung trả lời", max_length=ConsultationComment._meta.get_field("answer")
                            .max_length, widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": "Ghi nội dung trả lời ý kiến."})
