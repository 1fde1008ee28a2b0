"""A filled statistical form as a workbook in the form's layout: the header block (form number, circular,
reporting and receiving units, period), the table with its merged header cells, the signature block.

Objects in, bytes out.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from units.printable import put

from awards.documents.letterhead import letterhead_of

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BOLD = Font(bold=True)
HEADER_ROW = 8  # the table's first header row


def _cell(sheet, row, column, value, *, bold=False, boxed=False, align=None):
    cell = put(sheet.cell(row=row, column=column), value)
    if bold:
        cell.font = BOLD
    if boxed:
        cell.border = BOX
    if align is not None:
        cell.alignment = align
    return cell


def _merge(sheet, row, first, last, value, *, bold=False, align=CENTER, end_row=None, boxed=False):
    end_row = end_row or row
    _cell(sheet, row, first, value, bold=bold, align=align, boxed=boxed)
    if boxed:
        for r in range(row, end_row + 1):
            for c in range(first, last + 1):
                sheet.cell(row=r, column=c).border = BOX
    if last > first or end_row > row:
        sheet.merge_cells(start_row=row, start_column=first, end_row=end_row, end_column=last)


def build_statutory_form_workbook(filled) -> bytes:
    """``filled``: an awards.rules.statutory_forms.FilledForm."""
    form, unit = filled.form, filled.unit
    head = letterhead_of(unit)
    book = Workbook()
    sheet = book.active
    sheet.title = form.number.split("/")[0][:31] or "Biểu"
    width = 2 + len(filled.columns)
    left_end = max(2, width // 2)
    # The header block: the form on the left, the units on the right.
    _merge(sheet, 1, 1, left_end, f"Biểu số: {form.number}", bold=True, align=Alignment(horizontal="left"))
    _merge(sheet, 2, 1, left_end, f"Ban hành theo {form.legal_basis}", align=Alignment(horizontal="left"))
    _merge(sheet, 3, 1, left_end, "Kỳ báo cáo: năm", align=Alignment(horizontal="left"))
    right = left_end + 1
    _merge(sheet, 1, right, max(right, width), f"Đơn vị báo cáo: {unit.name}", align=Alignment(horizontal="left"))
    _merge(sheet, 2, right, max(right, width), f"Đơn vị nhận báo cáo: {form.receiving_unit}",
           align=Alignment(horizontal="left"))
    _merge(sheet, 5, 1, width, form.title.upper(), bold=True)
    _merge(sheet, 6, 1, width, f"Năm {filled.year}")
    # The table's head: stub and code span both header rows; grouped columns share a merged cell above.
    top, low = HEADER_ROW, HEADER_ROW + (1 if filled.has_groups else 0)
    _merge(sheet, top, 1, 1, form.stub_label, bold=True, end_row=low, boxed=True)
    _merge(sheet, top, 2, 2, "Mã số", bold=True, end_row=low, boxed=True)
    column = 3
    for group, span in filled.column_groups:
        if group:
            _merge(sheet, top, column, column + span - 1, group, bold=True, boxed=True)
            for offset in range(span):
                _cell(sheet, low, column + offset, filled.columns[column + offset - 3].label, bold=True, boxed=True,
                      align=CENTER)
        else:
            _merge(sheet, top, column, column, filled.columns[column - 3].label, bold=True, end_row=low, boxed=True)
        column += span
    letters = low + 1
    for index, value in enumerate(["A", "B", *[c.code or str(i) for i, c in enumerate(filled.columns, 1)]], 1):
        _cell(sheet, letters, index, value, boxed=True, align=CENTER).font = Font(italic=True)
    row = letters + 1
    for line, cells in filled.table:
        label = _cell(sheet, row, 1, line.label, bold=line.indent == 0, boxed=True)
        label.alignment = Alignment(indent=2 * line.indent, wrap_text=True, vertical="center")
        _cell(sheet, row, 2, line.code, boxed=True, align=CENTER)
        for offset, (_column, count) in enumerate(cells):
            _cell(sheet, row, 3 + offset, count, boxed=True, align=CENTER)
        row += 1
    # The signature block.
    row += 1
    _merge(sheet, row, 1, left_end, "Người lập biểu", bold=True)
    _merge(sheet, row, right, max(right, width), head.place_and_date(filled.year + 1), align=CENTER)
    _merge(sheet, row + 1, right, max(right, width), "THỦ TRƯỞNG ĐƠN VỊ", bold=True)
    _merge(sheet, row + 2, 1, left_end, "(Ký, họ tên)")
    _merge(sheet, row + 2, right, max(right, width), "(Ký, đóng dấu, ghi rõ họ tên)")
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 8
    for index in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
