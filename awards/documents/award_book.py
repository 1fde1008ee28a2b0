"""Sổ vàng as a Decree 30 document: a person's or a collective's awards across every year and unit.

Built from the dossier documents' blocks (header, body lines, a bordered table, the signature) and
printed by the same PDF renderer. An AwardBook (awards.rules.award_books) in; bytes out.
"""

from django.utils import timezone

from units import dates

from campaigns.documents.common import Paragraph
from campaigns.markup import Run

from awards.documents.document import Column, DossierDocument, Table, body, dots, field_line, heading
from awards.documents.letterhead import letterhead_of
from awards.documents.pdf import render_pdf

RECORD_COLUMNS = (
    Column("STT", 12, centered=True),
    Column("Năm", 13, centered=True),
    Column("Hình thức, danh hiệu", 35),
    Column("Số quyết định", 26),
    Column("Ngày quyết định", 23, centered=True),
    Column("Cơ quan quyết định", 30),
    Column("Đơn vị khi được khen, ghi chú", 26),
)


def _note(record):
    notes = [record.unit_then] if record.unit_then else []
    if record.source == record.Source.IMPORTED:
        notes.append("nhập từ quyết định cũ")
    if record.revoked_on:
        notes.append(f"đã hủy bỏ ngày {dates.in_figures(record.revoked_on)}")
    return "; ".join(notes)


def record_rows(book):
    return tuple((str(index), record.period_label or str(record.year), record.award_label, record.decision_number,
                  dates.in_figures(record.decision_date), record.issuing_body, _note(record))
                 for index, record in enumerate(book.records, 1))


def award_book_document(book, *, on=None) -> DossierDocument:
    """The Sổ vàng of ``book``'s subject, dated ``on`` (today by default)."""
    on = on or timezone.localdate()
    subject = book.subject
    if book.is_person:
        head = letterhead_of(subject.unit)
        title = f"Quá trình khen thưởng của {subject.full_name}"
        facts = [field_line("Họ và tên", subject.full_name),
                 field_line("Ngày sinh", dates.in_figures(subject.date_of_birth) if subject.date_of_birth else ""),
                 field_line("Chức vụ, đơn vị hiện nay", ", ".join(filter(None, [subject.position, subject.unit.name]))),
                 field_line("Các đơn vị đã công tác", "; ".join(book.units))]
    else:
        head = letterhead_of(subject.parent if subject.parent_id else subject)
        title = f"Quá trình khen thưởng của {subject.name}"
        facts = [field_line("Tên tập thể", subject.name)]
        if book.units:
            facts.append(field_line("Kế thừa thành tích của", "; ".join(book.units)))
    revoked = len(book.records) - len(book.in_force)
    blocks = [heading("I. THÔNG TIN CHUNG"), *facts, heading("II. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ NHẬN")]
    if book.records:
        blocks.append(Table(RECORD_COLUMNS, record_rows(book)))
        blocks.append(body(f"Tổng số: {len(book.in_force):02d} khen thưởng còn hiệu lực"
                           + (f"; {revoked:02d} khen thưởng đã bị hủy bỏ." if revoked else ".")))
    else:
        blocks.append(body("Chưa có khen thưởng nào được ghi nhận."))
    return DossierDocument(
        superior_lines=head.superior_lines,
        issuer_lines=head.issuer_lines,
        number_line="",
        place_and_date=f"{head.place}, {dates.in_words(on)}",
        doc_type="SỔ VÀNG",
        title=Paragraph("title", (Run(title, bold=True),)),
        subtitles=[Paragraph("subtitle", (Run(f"(Trích đến {dates.in_words(on)})", italic=True),))],
        blocks=blocks,
        recipients=["- Lưu: VT, hồ sơ thi đua, khen thưởng."],
        authority_lines=["THỦ TRƯỞNG ĐƠN VỊ"],
        signer_name=dots(12),
    )


def render_award_book_pdf(book, *, on=None) -> bytes:
    return render_pdf(award_book_document(book, on=on))
