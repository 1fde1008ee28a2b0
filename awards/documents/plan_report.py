"""The consolidated Báo cáo kết quả thực hiện Kế hoạch of a unit: the figures summed over the reports below it, their
results gathered by section and by unit, and who reported — a draft in the Decree 30 layout, as Word to finish
editing or as PDF to read. A milestone, a unit and its consolidation in; bytes out.
"""

from django.utils import timezone

from units import dates

from campaigns.documents.common import Paragraph, blank_number_line
from campaigns.markup import Run

from awards.documents.document import Column, DossierDocument, Table, body, dots, heading
from awards.documents.docx import render_docx
from awards.documents.letterhead import letterhead_of, plan_reference
from awards.documents.pdf import render_pdf
from awards.rules.plan_reports import FIGURE_LABELS, FIGURES, Consolidated

REPORT_SYMBOL = "BC"
FIGURE_COLUMNS = (Column("STT", 12, centered=True), Column("Chỉ tiêu", 110), Column("Số lượng", 40, centered=True))
UNIT_COLUMNS = (Column("STT", 12, centered=True), Column("Đơn vị báo cáo", 96), Column("Ngày gửi", 30, centered=True),
                Column("Tổng hợp", 24, centered=True))
ROMAN = ("I", "II", "III", "IV", "V", "VI")


def plan_report_document(milestone, unit, consolidated: Consolidated, sections) -> DossierDocument:
    """``sections``: the plan's sections the reports answer (services.plan_reports.result_sections)."""
    plan = milestone.plan
    head = letterhead_of(unit)
    reports = consolidated.reports
    figures = Table(FIGURE_COLUMNS, tuple((str(i), str(FIGURE_LABELS[name]).capitalize(),
                                          str(consolidated.totals[name])) for i, name in enumerate(FIGURES, 1)))
    who = Table(UNIT_COLUMNS, tuple((str(i), r.unit.name, dates.in_figures(timezone.localdate(r.sent_at)),
                                     "Có" if r.consolidated else "") for i, r in enumerate(reports, 1)))
    blocks = [
        body(f"Thực hiện {plan_reference(plan)}, {head.body} báo cáo kết quả thực hiện "
             f"{milestone.get_kind_display().lower()} (hạn {dates.in_figures(milestone.date)}) trên cơ sở báo cáo "
             f"của {len(reports)} đơn vị như sau:"),
        heading("I. KẾT QUẢ CHUNG"),
        figures,
        heading("II. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CỦA KẾ HOẠCH"),
    ]
    by_section = {}
    for report in reports:
        for result in report.results.all():
            if result.text.strip():
                by_section.setdefault(result.section_id, []).append((report.unit.name, result.text.strip()))
    for index, section in enumerate(sections, 1):
        blocks.append(heading(f"{index}. {section.heading or section.number}", level=2))
        gathered = by_section.get(section.pk, [])
        for name, text in gathered:
            blocks.append(Paragraph("body", (Run(f"{name}: ", bold=True), Run(text))))
        if not gathered:
            blocks.append(body(dots()))
    blocks.append(heading("III. ĐÁNH GIÁ CHUNG"))
    summaries = [(r.unit.name, r.summary.strip()) for r in reports if r.summary.strip()]
    blocks.extend(Paragraph("body", (Run(f"{name}: ", bold=True), Run(text))) for name, text in summaries)
    if not summaries:
        blocks.append(body(dots()))
    blocks.append(heading("IV. KIẾN NGHỊ, ĐỀ XUẤT"))
    wishes = [(r.unit.name, r.recommendations.strip()) for r in reports if r.recommendations.strip()]
    blocks.extend(Paragraph("body", (Run(f"{name}: ", bold=True), Run(text))) for name, text in wishes)
    if not wishes:
        blocks.append(body(dots()))
    blocks.append(heading("V. CÁC ĐƠN VỊ ĐÃ BÁO CÁO"))
    blocks.append(who if reports else body("Chưa có đơn vị nào gửi báo cáo."))
    return DossierDocument(
        superior_lines=head.superior_lines,
        issuer_lines=head.issuer_lines,
        number_line=blank_number_line(f"{REPORT_SYMBOL}-{head.symbol_suffix}"),
        place_and_date=head.place_and_date(milestone.date.year),
        doc_type="BÁO CÁO",
        title=Paragraph("title", (Run(f"Kết quả thực hiện {plan_reference(plan, with_date=False)}", bold=True),)),
        subtitles=[Paragraph("subtitle", (Run(plan.title, italic=True),))] if plan.title else [],
        blocks=blocks,
        recipients=[f"- {head.parent_body};" if head.parent_body else "- Cấp trên;", "- Lưu: VT."],
        authority_lines=(["TM. " + head.issuer_lines[0], "CHỦ TỊCH"] if head.local_government
                         else ["THỦ TRƯỞNG ĐƠN VỊ"]),
        signer_name=dots(12),
        draft=True,
    )


def render_plan_report_pdf(milestone, unit, consolidated, sections) -> bytes:
    return render_pdf(plan_report_document(milestone, unit, consolidated, sections))


def render_plan_report_docx(milestone, unit, consolidated, sections) -> bytes:
    return render_docx(plan_report_document(milestone, unit, consolidated, sections))
