"""What the portal's Excel templates share: a data sheet with its header, widths and drop-down lists."""

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from units.printable import sheet_cell
from units.sheet_rows import prepare

# The last row Excel has: drop-down lists cover the whole column below the header.
LAST_EXCEL_ROW = 1_048_576


def data_sheet(book, title, columns, text_columns, validations):
    """A sheet of ``book`` with its header row in bold, column widths, text columns and drop-down lists.

    ``validations``: (column number, list formula, name, error style); the header row is frozen.
    """
    sheet = book.create_sheet(title)
    prepare(sheet)  # its rows may then be written as units.sheet_rows.PlainRows
    for index, (_name, width) in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = width
        if index in text_columns:
            dimension.number_format = "@"
    sheet.freeze_panes = "A2"
    for column, source, name, style in validations:
        if source:
            letter = get_column_letter(column)
            rule = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                                  errorStyle=style, errorTitle=name, error=f"Chọn {name.lower()} trong danh sách.")
            rule.add(f"{letter}2:{letter}{LAST_EXCEL_ROW}")
            sheet.data_validations.append(rule)
    sheet.append([bold_cell(sheet, name) for name, _width in columns])
    return sheet


def bold_cell(sheet, value):
    """A write-only cell of ``sheet`` in bold (text typed as text, as every cell the portal writes)."""
    cell = sheet_cell(sheet, value)
    cell.font = Font(bold=True)
    return cell
