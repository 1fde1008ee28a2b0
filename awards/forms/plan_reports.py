"""The form of a unit's report on a plan's milestone: its figures, a result per section of the plan, its texts;
awards.services.plan_reports acts on it."""

from django import forms

from units import fields
from units.fields import CleanCharField

from awards.rules.plan_reports import FIGURE_LABELS, FIGURES

# A figure past this is a typing slip, not a commune's or a province's count.
MAX_FIGURE = 10_000_000


class PlanReportForm(forms.Form):
    consolidated = forms.BooleanField(label="Số liệu đã gồm báo cáo của các đơn vị trực thuộc", required=False)
    summary = CleanCharField(label="Đánh giá chung", max_length=fields.SUMMARY, required=False,
                             widget=forms.Textarea(attrs={"rows": 5}))
    recommendations = CleanCharField(label="Kiến nghị, đề xuất", max_length=fields.NOTE, required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, report, **kwargs):
        initial = {name: getattr(report, name) for name in (*FIGURES, "consolidated", "summary", "recommendations")}
        self.results = list(report.results.all())
        initial.update({f"ket_qua_{r.section_id}": r.text for r in self.results})
        super().__init__(*args, initial=initial, **kwargs)
        for name in FIGURES:
            self.fields[name] = forms.IntegerField(
                label=str(FIGURE_LABELS[name]).capitalize(), min_value=0, max_value=MAX_FIGURE,
                error_messages={"required": "Ghi số (0 nếu không có).", "invalid": "Ghi một số nguyên.",
                                "min_value": "Số không được âm.", "max_value": "Số quá lớn."})
        for result in self.results:
            section = result.section
            self.fields[f"ket_qua_{result.section_id}"] = CleanCharField(
                label=f"Kết quả: {section.number} {section.heading}".strip(), max_length=fields.SUMMARY,
                required=False, widget=forms.Textarea(attrs={"rows": 4}))
        order = [*FIGURES, "consolidated", *(f"ket_qua_{r.section_id}" for r in self.results), "summary",
                 "recommendations"]
        self.order_fields(order)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"figures": {name: data[name] for name in (*FIGURES, "consolidated")},
                "summary": data["summary"], "recommendations": data["recommendations"],
                "results": {r.section_id: data[f"ket_qua_{r.section_id}"] for r in self.results}}


class ReturnReasonForm(forms.Form):
    reason = CleanCharField(label="Lý do trả lại", max_length=fields.REASON, widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": "Ghi lý do để đơn vị biết cần sửa gì."})


class ReportFileForm(forms.Form):
    """One PDF for a report; whether it is a real, safe PDF the service decides (as for dossier documents)."""

    file = forms.FileField(label="Tệp PDF kèm báo cáo", allow_empty_file=True,
                           error_messages={"required": "Chọn tệp PDF."})
