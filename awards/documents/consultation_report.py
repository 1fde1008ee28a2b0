"""The Báo cáo kết quả công khai, lấy ý kiến of a consultation: what was published, where, when, what came of it.

Built from the data on the dossier documents' blocks (Decree 30 header, body paragraphs, a
bordered table), printed by the same PDF renderer. A consultation in; bytes out.
"""

from units import dates

from campaigns.documents.common import Paragraph, blank_number_line
from campaigns.markup import Run

from awards.documents.document import Column, DossierDocument, Table, body, dots, heading
from awards.documents.letterhead import letterhead_of
from awards.documents.pdf import render_pdf
from awards.documents.proposal import list_row

REPORT_SYMBOL = "BC"
CANDIDATE_COLUMNS = (
    Column("STT", 11, centered=True),
    Column("Họ và tên / Tên tập thể", 40),
    Column("Chức vụ, đơn vị", 44),
    Column("Hình thức đề nghị", 44),
    Column("Số ý kiến", 26, centered=True),
)


def consultation_report_document(consultation, candidates, comments) -> DossierDocument:
    """``candidates``: its ConsultationCandidate rows with the lines read; ``comments``: its comments, answered."""
    head = letterhead_of(consultation.unit)
    closed_on = consultation.closed_at.date() if consultation.closed_at else consultation.closes_on
    per_candidate = {}
    for comment in comments:
        per_candidate[comment.candidate_id] = per_candidate.get(comment.candidate_id, 0) + 1
    rows = []
    for index, candidate in enumerate(candidates, 1):
        _stt, name, where, award, _summary = list_row(index, candidate.line.nomination_line)
        rows.append((str(index), name, where, award, str(per_candidate.get(candidate.pk, 0))))
    general = per_candidate.get(None, 0)
    blocks = [
        heading("I. THỜI GIAN, HÌNH THỨC CÔNG KHAI"),
        body(f"Thực hiện quy định về công khai, lấy ý kiến trước khi đề nghị khen thưởng, {head.body} đã công khai "
             f"danh sách {len(rows):02d} tập thể, cá nhân được đề nghị khen thưởng trong thời gian "
             f"{consultation.days:02d} ngày làm việc, từ {dates.in_words(consultation.opens_on)} đến "
             f"{dates.in_words(consultation.closes_on)}."),
        body(f"Hình thức, nơi công khai: {consultation.where_published}; trang công khai, lấy ý kiến trên Cổng "
             "thông tin thi đua, khen thưởng."),
        heading("II. DANH SÁCH CÔNG KHAI VÀ SỐ Ý KIẾN NHẬN ĐƯỢC"),
        Table(CANDIDATE_COLUMNS, tuple(rows)),
        body(f"Tổng số ý kiến nhận được: {len(comments)}"
             + (f", trong đó {general} ý kiến chung không nêu tên đối tượng." if general else ".")),
        heading("III. NỘI DUNG Ý KIẾN VÀ TRẢ LỜI"),
    ]
    names = {candidate.pk: candidate.line.nomination_line.subject_name for candidate in candidates}
    if not comments:
        blocks.append(body("Trong thời gian công khai, không nhận được ý kiến nào."))
    for index, comment in enumerate(comments, 1):
        about = f" về {names[comment.candidate_id]}" if comment.candidate_id else ""
        blocks.append(Paragraph("body", (Run(f"{index}. Ý kiến của {comment.name}{about} "
                                             f"(ngày {dates.in_figures(comment.created_at.date())}): ", bold=True),
                                         Run(comment.text.strip()))))
        answered = comment.answered_at.date() if comment.answered_at else closed_on
        blocks.append(Paragraph("body", (Run(f"Trả lời ({comment.answered_by}, ngày {dates.in_figures(answered)}): ",
                                             italic=True), Run(comment.answer.strip()))))
    blocks.append(heading("IV. KẾT LUẬN"))
    blocks.append(body(f"Kết thúc thời gian công khai, {head.body} đã tổng hợp, trả lời đầy đủ các ý kiến và hoàn "
                       "thiện hồ sơ đề nghị khen thưởng theo quy định./."))
    return DossierDocument(
        superior_lines=head.superior_lines,
        issuer_lines=head.issuer_lines,
        number_line=blank_number_line(f"{REPORT_SYMBOL}-{head.symbol_suffix}"),
        place_and_date=f"{head.place}, {dates.in_words(closed_on)}",
        doc_type="BÁO CÁO",
        title=Paragraph("title", (Run("Kết quả công khai, lấy ý kiến đối với các tập thể, cá nhân được đề nghị "
                                      "khen thưởng", bold=True),)),
        subtitles=[Paragraph("subtitle", (Run(consultation.title, italic=True),))],
        blocks=blocks,
        recipients=["- Hội đồng Thi đua - Khen thưởng;", "- Các đơn vị có đối tượng được công khai;", "- Lưu: VT."],
        authority_lines=(["TM. " + head.issuer_lines[0], "CHỦ TỊCH"] if head.local_government
                         else ["THỦ TRƯỞNG ĐƠN VỊ"]),
        signer_name=dots(12),
    )


def render_consultation_report_pdf(consultation, candidates, comments) -> bytes:
    return render_pdf(consultation_report_document(consultation, candidates, comments))
