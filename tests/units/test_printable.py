"""The one cleaning of stored text for Word, PDF and Excel files, and the spreadsheet's text cells."""

import unicodedata
from io import BytesIO

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from units.printable import EXCEL_CELL_MAX, printable, put, sheet_cell, sheet_row, sheet_value

VIETNAMESE = "Nguyễn Văn Ánh — Phường Đồng Xoài, “Hoàn thành xuất sắc” 100%; Hộ ông Đặng Bá Ước.\tSố 5"


def test_it_prints_vietnamese_in_either_form_tabs_and_markup_unchanged():
    for text in (VIETNAMESE, unicodedata.normalize("NFD", VIETNAMESE), "<script>alert('x')</script> & ‘trích’",
                 "Dòng một\nDòng hai", "\u00a0\u00a0/KH-UBND", "🙂 Ánh\u200dsáng"):
        assert printable(text) == text


def test_it_drops_what_xml_cannot_carry_and_what_means_nothing_on_paper():
    assert printable("Nguyễn\x07 Văn\x08 An\x00") == "Nguyễn Văn An"
    assert printable("\x1b[31mĐỏ\x1b[0m") == "[31mĐỏ[0m"
    assert printable("A\ud800B\udfffC\ufffe\uffffD") == "ABCD"
    assert printable("A\x7fB\x80C\x9fD") == "ABCD"


def test_it_makes_one_line_break_of_every_way_to_end_a_line():
    assert printable("a\r\nb\rc\x0bd\x0ce\x85f\u2028g\u2029h\x1ei") == "a\nb\nc\nd\ne\nf\ng\nh\ni"


def test_it_drops_bidi_overrides_so_nothing_prints_reversed():
    assert printable("\u202eAn Văn Nguyễn\u202c") == "An Văn Nguyễn"
    assert printable("a\u202ab\u202bc\u202dd\u2066e\u2067f\u2068g\u2069h\u200ei\u200fj\u061ck") == "abcdefghijk"


def test_empty_and_missing_text_print_as_nothing():
    assert printable(None) == "" and printable("") == ""


def test_a_word_file_takes_every_cleaned_text():
    document = Document()
    every = "".join(chr(code) for code in range(0x20)) + "\ud800\ufffe\uffff\u202e\x7f\x9f" + VIETNAMESE
    document.add_paragraph(printable(every))
    out = BytesIO()
    document.save(out)
    assert Document(BytesIO(out.getvalue())).paragraphs[0].text.endswith(VIETNAMESE)


@pytest.mark.parametrize("write_only", [True, False])
def test_a_sheet_row_keeps_text_as_text_and_numbers_and_dates_as_they_are(write_only):
    import datetime

    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("Dữ liệu") if write_only else book.active
    day = datetime.date(2026, 3, 5)
    texts = ["=1+2", "+84 912", "-1", "@SUM(A1)", "\t=2", "\r=3", "#N/A", '=HYPERLINK("http://x","Bấm")']
    sheet.append(sheet_row(sheet, [7, -3.5, day, None, "Nguyễn\x07 Văn An\u202e", *texts]))
    out = BytesIO()
    book.save(out)
    read = load_workbook(BytesIO(out.getvalue()))
    cells = list(read[read.sheetnames[-1]].iter_rows())[0]
    assert [c.value for c in cells[:3]] == [7, -3.5, datetime.datetime(2026, 3, 5)]
    assert [c.data_type for c in cells[:3]] == ["n", "n", "d"] and cells[3].value is None
    assert cells[4].value == "Nguyễn Văn An"
    assert [c.value for c in cells[5:]] == ["=1+2", "+84 912", "-1", "@SUM(A1)", "\t=2", "\n=3", "#N/A",
                                            '=HYPERLINK("http://x","Bấm")']
    assert all(c.data_type == "s" for c in cells[4:])
    # Kept text when a clerk edits the cell in Excel: the quote prefix, not a visible apostrophe.
    assert all(c.quotePrefix for c in cells[5:10]) and not cells[4].quotePrefix


def test_a_cell_refilled_row_after_row_loses_the_text_marks_of_the_row_before():
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dữ liệu")
    cell = sheet_cell(sheet)
    for value in ("=1+2", 12, "Bình thường"):
        put(cell, value)
        sheet.append([cell])
    out = BytesIO()
    book.save(out)
    rows = [row[0] for row in load_workbook(BytesIO(out.getvalue()))["Dữ liệu"].iter_rows()]
    assert [(c.value, c.data_type, c.quotePrefix) for c in rows] == [
        ("=1+2", "s", True), (12, "n", False), ("Bình thường", "s", False)]


def test_a_cell_holds_what_excel_can_and_says_it_was_cut():
    long = "Hoàn thành xuất sắc nhiệm vụ. " * 2_000
    value = sheet_value(long)
    assert len(value) == EXCEL_CELL_MAX and value.endswith("…") and long.startswith(value[:-1])
    assert sheet_value("ngắn") == "ngắn" and sheet_value(5) == 5
