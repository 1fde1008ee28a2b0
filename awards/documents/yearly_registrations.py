"""The yearly registration sheet as the unit signs it (PDF, Decree 30 header) and the roll-up of the units
under a unit as a workbook. Objects in, bytes out."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from units.printable import sheet_cell, sheet_row

from campaigns.documents.common import Paragraph
from campaigns.markup import Run

from awards.documents.document import Column, DossierDocument, Table, body, dots
from awards.documents.letterhead import letterhead_of
from awards.documents.pdf import render_pdf

TITLE = "DANH SÁCH ĐĂNG KÝ THI ĐUA"
COLUMNS = (
    Column("STT", 11, centered=True),
    Column("Họ và tên / Tên tập thể", 38),
    Column("Chức vụ", 28),
    Column("Danh hiệu thi đua", 32),
    Column("Hình thức khen thưởng", 28),
    Column("Sáng kiến đăng ký", 28),
)


def entry_row(number, entry):
    person = entry.person
    return (str(number), entry.subject_name, person.position if person else "Tập thể",
            entry.title.name if entry.title_id else "", entry.recognition.name if entry.recognition_id else "",
            "\n".join(filter(None, [entry.initiative_title, entry.recognised_note])))


def yearly_sheet_document(sheet, entries) -> DossierDocument:
    """``entries``: the sheet's rows in order, with person, collective, title, recognition and initiative read."""
    head = letterhead_of(sheet.unit)
    rows = tuple(entry_row(number, entry) for number, entry in enumerate(entries, 1))
    school_year = "-" in sheet.period
    return DossierDocument(
        superior_lines=head.superior_lines,
        issuer_lines=head.issuer_lines,
        number_line="",
        place_and_date=head.place_and_date(sheet.year),
        doc_type=TITLE,
        title=Paragraph("title", (Run(f"{'Năm học' if school_year else 'Năm'} {sheet.period}", bold=True),)),
        subtitles=[Paragraph("subtitle", (Run(f"(Kèm theo bảng đăng ký thi đua của {head.body})", italic=True),))],
        blocks=[
            Table(COLUMNS, rows),
            body(f"Tổng số: {sum(1 for e in entries if e.person_id):02d} cá nhân, "
                 f"{sum(1 for e in entries if e.collective_id):02d} tập thể đăng ký."),
        ],
        recipients=["- Cấp trên trực tiếp;", "- Lưu: VT."],
        authority_lines=(["TM. " + head.issuer_lines[0], "CHỦ TỊCH"] if head.local_government
                         else ["THỦ TRƯỞNG ĐƠN VỊ"]),
        signer_name=dots(12),
        draft=not sheet.is_sent,
    )


def render_yearly_sheet_pdf(sheet, entries) -> bytes:
    return render_pdf(yearly_sheet_document(sheet, entries))


def build_rollup_workbook(unit, period, units, rolled, initiatives=()) -> bytes:
    """One row per unit under ``unit``: whether it sent, then its count per title; totals at the bottom. A
    second sheet lists the registered initiatives (``initiatives``: rows with unit, subject and initiative
    read) and the recognised initiative each is linked to."""
    titles = sorted({name for _sheet, counts in rolled.values() for name in counts})
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Tổng hợp đăng ký")
    for index, width in enumerate([6, 40, 14, *[18] * len(titles), 12], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)

    def heading(value):
        cell = sheet_cell(sheet, value)
        cell.font = bold
        return cell

    sheet.append([heading(f"TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {period} — {unit.name.upper()}")])
    sheet.append([])
    sheet.append([heading(t) for t in ["STT", "Đơn vị", "Tình trạng", *titles, "Tổng số"]])
    totals = dict.fromkeys(titles, 0)
    for number, member in enumerate(units, start=1):
        sent, counts = rolled[member.pk]
        status = "Chưa lập" if sent is None else sent.get_status_display()
        for name in titles:
            totals[name] += counts.get(name, 0)
        sheet.append(sheet_row(sheet, [number, member.name, status, *[counts.get(name, 0) for name in titles],
                                       sum(counts.values())]))
    sheet.append([None, heading("Cộng"), None, *[totals[name] for name in titles], sum(totals.values())])
    sheet = book.create_sheet("Sáng kiến đăng ký")
    for index, width in enumerate([6, 36, 30, 40, 60], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([heading(t) for t in ["STT", "Đơn vị", "Cá nhân / tập thể", "Sáng kiến đăng ký", "Công nhận"]])
    for number, entry in enumerate(initiatives, start=1):
        sheet.append(sheet_row(sheet, [number, entry.sheet.unit.name, entry.subject_name, entry.initiative_title,
                                       entry.recognised_note or "Chưa công nhận"]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


