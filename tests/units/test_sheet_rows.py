"""Rows written as ready XML make the very file openpyxl makes of the same values, byte for byte."""

import datetime
import zipfile
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side

from units.printable import put, sheet_row
from units.sheet_rows import PlainRows, prepare

HOSTILE = [
    "Nguyễn Văn An", "=HYPERLINK(\"http://x\")", "+84 912", "-1", "@SUM(A1)", "#N/A", "  lề hai bên  ", "a & b < c > d",
    "dòng một\r\ndòng hai\u2028ba", "chuông\x07 và \u202eđảo", "", "\x07", "\ttab", "{ngoặc} {r} %s", "x" * 40_000,
    "'nháy đơn\" và kép", "😀 ngoài BMP",
]
VALUES = [*HOSTILE, 1, 0, -5, 100_000, None]


def _rows():
    """Rows of six plain values mixing every kind, shifted so each value meets each column."""
    for shift in range(len(VALUES)):
        yield [VALUES[(shift + column) % len(VALUES)] for column in range(6)]


def _styled(sheet, index):
    cell = WriteOnlyCell(sheet)
    cell.font = Font(name="Times New Roman", size=12, bold=index == 0)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.border = Border(left=Side(style="thin"))
    return cell


def _parts(book):
    out = BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.startswith("xl/")}


def _book(write, *, styled, extra=()):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dữ liệu")
    prepare(sheet)
    sheet.append([put(WriteOnlyCell(sheet), "Tiêu đề"), None, "trước"])
    cells = [_styled(sheet, index) if styled else None for index in range(6)]
    write(sheet, cells)
    for row in extra:
        sheet.append(row)
    return book


def _by_openpyxl(sheet, cells):
    for values in _rows():
        row = []
        for cell, value in zip(cells, values):
            if cell is None:
                row.append(value)
            else:  # a fresh copy of the column's cell, as standard_list refilled one
                fresh = WriteOnlyCell(sheet)
                fresh._style = cell._style
                row.append(put(fresh, value))
        sheet.append(sheet_row(sheet, row))


def _by_plain_rows(sheet, cells):
    rows = PlainRows(sheet, cells)
    for values in _rows():
        rows.append(values)


@pytest.mark.parametrize("styled", [False, True], ids=["unstyled", "styled"])
def test_it_writes_the_same_file_as_openpyxl_whatever_the_text(styled):
    after = [["sau", 1], []]
    expected = _parts(_book(_by_openpyxl, styled=styled, extra=after))
    written = _parts(_book(_by_plain_rows, styled=styled, extra=after))
    assert written.keys() == expected.keys()
    for name in expected:
        assert written[name] == expected[name], name


def test_it_reads_back_as_the_values_given():
    data = BytesIO()
    _book(_by_plain_rows, styled=True).save(data)
    rows = list(load_workbook(data, read_only=True).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(VALUES)
    assert rows[0][:3] == ("Nguyễn Văn An", '=HYPERLINK("http://x")', "+84 912")
    assert rows[7][0] == "a & b < c > d" and rows[7][1] == "dòng một\ndòng hai\nba"
    assert rows[9][0] == "chuông và đảo" and len(rows[14][0]) == 32_767 and rows[16][0] == "😀 ngoài BMP"


def test_a_row_it_cannot_write_goes_through_openpyxl_in_its_place():
    def write(sheet, cells):
        rows = PlainRows(sheet, cells)
        rows.append(["trước", 1])
        rows.append([datetime.date(2025, 1, 2), 2.5, "=1+2"])
        rows.append(["sau", 3])

    def reference(sheet, cells):
        sheet.append(sheet_row(sheet, ["trước", 1]))
        sheet.append(sheet_row(sheet, [datetime.date(2025, 1, 2), 2.5, "=1+2"]))
        sheet.append(sheet_row(sheet, ["sau", 3]))

    assert _parts(_book(write, styled=False)) == _parts(_book(reference, styled=False))


def test_it_refuses_a_sheet_already_written_without_it():
    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    sheet.append(["a"])
    with pytest.raises(ValueError):
        PlainRows(sheet)
    book.save(BytesIO())  # an unsaved write-only sheet complains when it is collected
