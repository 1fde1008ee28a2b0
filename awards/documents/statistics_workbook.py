"""One figure of the statistics page as an Excel sheet: a title line, the scope, the header and the rows.

Objects in, bytes out.
"""

from io import BytesIO

from openpyxl import Workbook

from units.printable import sheet_row

from awards.documents.sheets import bold_cell


def build_table_workbook(table, *, scope_label: str) -> bytes:
    """``table`` (a ``statistics.Table``) written out: title, scope, header in bold, one row per row, notes."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Thống kê")
    sheet.append([bold_cell(sheet, table.title)])
    sheet.append(sheet_row(sheet, [scope_label]))
    sheet.append([bold_cell(sheet, name) for name in table.columns])
    for row in table.rows:
        sheet.append(sheet_row(sheet, row))
    if table.note:
        sheet.append(sheet_row(sheet, [table.note]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
