"""The certificate register as an Excel file: one row per paper the filtered register shows.

Written in write-only mode, row by row from an iterator, to a file the caller gives (a temporary
file on disk): memory stays flat however many papers the register holds.
"""

from openpyxl import Workbook

from units import dates
from units.printable import sheet_row

from awards.documents.sheets import bold_cell, data_sheet
from awards.rules.registers import certificate_state

SHEET = "Sổ cấp giấy khen"
COLUMNS = [("STT", 6), ("Số giấy", 18), ("Đối tượng", 32), ("Hình thức, danh hiệu", 36), ("Năm thành tích", 10),
           ("Số quyết định", 18), ("Ngày quyết định", 14), ("Cơ quan quyết định", 36), ("Ngày cấp", 12),
           ("Tình trạng", 48)]


def write_certificate_register(certificates, target, *, heading: str) -> int:
    """``certificates`` (an iterable of papers with their record, award, subject and replacement) saved to
    ``target`` under ``heading``; returns how many rows were written."""
    book = Workbook(write_only=True)
    sheet = data_sheet(book, SHEET, COLUMNS, {2, 6}, [])
    count = 0
    for count, paper in enumerate(certificates, start=1):
        record = paper.record
        sheet.append(sheet_row(sheet, [
            count, paper.serial, record.subject_name, record.award_label, record.year, record.decision_number,
            dates.in_figures(record.decision_date) if record.decision_date else "", record.issuing_body,
            dates.in_figures(paper.issued_on),
            certificate_state(paper)]))
    about = book.create_sheet("Thông tin")
    about.column_dimensions["A"].width = 100
    about.append([bold_cell(about, heading)])
    about.append([f"Số giấy: {count}"])
    book.save(target)
    return count
