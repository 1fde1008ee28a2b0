"""Spreadsheets of plan data: objects in, bytes out."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from units.printable import sheet_cell, sheet_row

REGISTRATION_COLUMNS = [
    ("STT", 6), ("Đơn vị đăng ký", 34), ("Cá nhân / tập thể", 32), ("Loại", 10), ("Ngày sinh", 12),
    ("Chức vụ", 22), ("Danh hiệu, hình thức đăng ký", 40), ("Sáng kiến", 40),
]


def build_registration_workbook(plan, registrations) -> bytes:
    """The plan's registrations, one row each, under a title naming the plan.

    Written in write-only mode, so memory stays flat however many units registered.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Đăng ký thi đua")
    for index, (_title, width) in enumerate(REGISTRATION_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([_bold(sheet, f"DANH SÁCH ĐĂNG KÝ THI ĐUA — {plan.doc_type} {plan.number_label}")])
    sheet.append(sheet_row(sheet, [plan.title_one_line]))
    sheet.append([])
    sheet.append([_bold(sheet, title) for title, _width in REGISTRATION_COLUMNS])
    for number, r in enumerate(registrations, start=1):
        person = r.person
        sheet.append(sheet_row(sheet, [
            number, r.unit.name, r.subject_name, "Cá nhân" if person else "Tập thể",
            person.date_of_birth.strftime("%d/%m/%Y") if person and person.date_of_birth else "",
            person.position if person else "", r.target_name, r.initiative_title,
        ]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _bold(sheet, value):
    cell = sheet_cell(sheet, value)
    cell.font = Font(bold=True)
    return cell
