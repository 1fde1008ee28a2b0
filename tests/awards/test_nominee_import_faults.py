"""A workbook full of faults: every one reported, and the file handed back with each marked where it lies."""

import datetime
import unicodedata
from io import BytesIO

import pytest
from openpyxl import load_workbook

from awards.documents.nominee_workbook import BAD_FILL, GUIDE_SHEET, LISTS_SHEET, SHEET, write_annotated_workbook
from awards.services import nominations
from awards.services.nominee_imports import import_nominee_rows

from tests.awards.nominee_files import award, filled
from tests.conftest import make_person

pytestmark = pytest.mark.django_db
RED = BAD_FILL.fgColor.rgb


def nfd(text):
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def people(tree):
    return {
        "an": make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234"),
        "cuong": make_person("Lê Văn Cường", tree.ha_hoa, date_of_birth=datetime.date(1980, 3, 5)),
        # Of Nha Trang, outside Hạ Hòa: must read as unknown, not be proposed by Hạ Hòa.
        "nga": make_person("Trần Thị Nga", tree.nha_trang, gender="female", cccd="056190007777"),
    }


FAULTY_ROWS = [
    ["025080001234", "Nguyễn Văn An", None, None, None, "LDTT", None, "Tận tụy"],  # 2: good
    ["12345", None, None, None, None, "LDTT", None, None],  # 3: a CCCD of five digits
    ["025080001234", None, None, None, None, "KHONG_CO", None, None],  # 4: an award no one knows
    [None, None, None, None, nfd("Hộ ông Nguyễn Văn Ba, thôn Đồng"), "GD_VH", None, None],  # 5: good, decomposed
    ["056190007777", None, None, None, None, "LDTT", None, None],  # 6: someone of another province
    ["025080001234", "Nguyễn Văn An", None, None, None, "LDTT", None, "Tận tụy"],  # 7: row 2 again
    [None, "Lê Văn Cường", "05/03/1980", None, None, "LDTT", None, None],  # 8 ┐ the name merged over
    [None, None, "05/03/1980", None, None, "LDTT", None, None],  # 9 ┘ two rows (B8:B9)
    [None, nfd("Lê Văn Cường"), "05/03/1980", None, None, "CSTDCS", None, nfd("Sáng kiến cấp cơ sở")],  # 10: good
    ["025080001234", None, None, "08053", None, "LDTT", None, None],  # 11: two subjects at once
]


def fills(sheet, row):
    return [sheet.cell(row, column).fill.fgColor.rgb == RED for column in range(1, 9)]


def test_every_fault_is_reported_with_the_cells_it_blames_and_nothing_is_written(cast, annual_list, people):
    data = filled(annual_list, *FAULTY_ROWS, merge=["B8:B9"])
    result = import_nominee_rows(annual_list, data, actor=cast.alice)
    assert [(e.row, e.columns) for e in result.errors] == [
        (3, (1,)), (4, (6,)), (6, (1,)), (7, (1, 2, 4, 5, 6)), (8, (2,)), (9, (2,)), (11, (1, 2, 3, 4, 5))]
    messages = {e.row: e.message for e in result.errors}
    assert messages[3] == "Số CCCD “12345” phải gồm đúng 12 chữ số."
    assert messages[4] == "Không có hình thức khen thưởng mã “KHONG_CO”."
    assert messages[6] == "Không có cá nhân có số CCCD 056190007777 trong đơn vị Xã Hạ Hòa."
    assert messages[7].startswith("Trùng với dòng 2 của tệp")
    assert messages[8] == messages[9] == "Ô B8:B9 đang gộp (merge): bỏ gộp ô và ghi đủ giá trị ở từng dòng."
    assert messages[11].startswith("Chọn đúng một đối tượng")
    assert result.can_annotate and result.last_row == 11 and result.rows == 10
    assert not annual_list.lines.exists()


def test_the_file_comes_back_marked_cell_by_cell_with_the_guide_and_drop_downs_kept(cast, annual_list, people):
    data = filled(annual_list, *FAULTY_ROWS, merge=["B8:B9"])
    result = import_nominee_rows(annual_list, data, actor=cast.alice)
    out = BytesIO()
    write_annotated_workbook(annual_list, data, result.errors, out, last_row=result.last_row)
    book = load_workbook(BytesIO(out.getvalue()))
    assert book.sheetnames == [SHEET, GUIDE_SHEET, LISTS_SHEET] and book[LISTS_SHEET].sheet_state == "hidden"
    sheet = book[SHEET]
    assert sheet["I1"].value == "Lý do lỗi" and sheet["I1"].font.b and sheet.max_row == 11
    assert sheet.column_dimensions["A"].number_format == "@"
    assert any(str(v.sqref).startswith("F2") for v in sheet.data_validations.dataValidation)
    no = [False] * 8
    marked = {row: fills(sheet, row) for row in range(2, 12)}
    assert marked[2] == marked[5] == marked[10] == no
    assert marked[3] == [True] + [False] * 7
    assert marked[4] == [False] * 5 + [True, False, False]
    assert marked[6] == [True] + [False] * 7
    assert marked[7] == [True, True, False, True, True, True, False, False]
    assert marked[8] == marked[9] == [False, True] + [False] * 6
    assert marked[11] == [True] * 5 + [False] * 3
    reasons = {row: sheet.cell(row, 9).value for row in range(2, 12)}
    assert reasons[2] is reasons[5] is reasons[10] is None
    assert reasons[3] == "Số CCCD “12345” phải gồm đúng 12 chữ số."
    assert reasons[6] == "Không có cá nhân có số CCCD 056190007777 trong đơn vị Xã Hạ Hòa."
    assert reasons[8] == reasons[9] == "Ô B8:B9 đang gộp (merge): bỏ gộp ô và ghi đủ giá trị ở từng dòng."
    # The values as typed: text CCCDs, the merged value in its first row only, no merge left.
    assert sheet["A2"].value == "025080001234" and sheet["B8"].value == "Lê Văn Cường" and sheet["B9"].value is None
    assert not sheet.merged_cells.ranges
    assert sheet["H2"].value == "Tận tụy" and sheet["F4"].value == "KHONG_CO"


def test_the_corrected_file_is_loaded_whole(cast, annual_list, people):
    data = filled(annual_list, *FAULTY_ROWS, merge=["B8:B9"])
    result = import_nominee_rows(annual_list, data, actor=cast.alice)
    out = BytesIO()
    write_annotated_workbook(annual_list, data, result.errors, out, last_row=result.last_row)
    book = load_workbook(BytesIO(out.getvalue()))
    sheet = book[SHEET]
    for row in (3, 4, 6, 7, 9, 11):  # the clerk deletes what cannot be proposed, fixes the merge
        for column in range(1, 10):
            sheet.cell(row, column).value = None
    fixed = BytesIO()
    book.save(fixed)
    again = import_nominee_rows(annual_list, fixed.getvalue(), actor=cast.alice)
    assert again.errors == [] and (again.created, again.present) == (4, 0)


def test_decomposed_text_is_read_composed_and_found(cast, annual_list, people):
    data = filled(annual_list,
                  [None, nfd("Lê Văn Cường"), "05/03/1980", None, None, "CSTDCS", None, nfd("Sáng kiến cấp cơ sở")],
                  [None, None, None, None, nfd("Hộ ông Nguyễn Văn Ba, thôn Đồng"), "GD_VH", None, None],
                  ["025080001234", nfd("NGUYỄN VĂN AN"), None, None, None, "LDTT", None, None])
    result = import_nominee_rows(annual_list, data, actor=cast.alice)
    assert result.errors == [] and result.created == 3
    lines = {line.subject_name: line for line in annual_list.lines.all()}
    assert set(lines) == {"Lê Văn Cường", "Hộ ông Nguyễn Văn Ba, thôn Đồng", "Nguyễn Văn An"}
    assert lines["Lê Văn Cường"].summary == "Sáng kiến cấp cơ sở"
    assert all(unicodedata.is_normalized("NFC", line.household + line.summary) for line in lines.values())
    # The same rows typed composed are the same lines: nothing new.
    composed = filled(annual_list,
                      [None, "Lê Văn Cường", "05/03/1980", None, None, "CSTDCS", None, "Sáng kiến cấp cơ sở"],
                      [None, None, None, None, "Hộ ông Nguyễn Văn Ba, thôn Đồng", "GD_VH", None, None])
    again = import_nominee_rows(annual_list, composed, actor=cast.alice)
    assert again.errors == [] and (again.created, again.present) == (0, 2)


def test_merged_cells_make_every_row_they_cover_a_fault(cast, annual_list, people):
    data = filled(annual_list,
                  ["025080001234", None, None, None, None, "LDTT", None, "Chung một tóm tắt"],
                  [None, None, None, None, "Hộ bà Lê Thị Hoa", "GD_VH", None, None],
                  [None, None, None, None, "Hộ ông Phạm Văn Tư", "GD_VH", None, None],
                  merge=["H2:H4", "A10:B10"])
    result = import_nominee_rows(annual_list, data, actor=cast.alice)
    assert [(e.row, e.columns) for e in result.errors] == [(2, (8,)), (3, (8,)), (4, (8,)), (10, (1, 2))]
    assert "H2:H4" in result.errors[0].message and "A10:B10" in result.errors[3].message
    assert not annual_list.lines.exists()


def test_a_missing_column_is_named(cast, annual_list, people):
    data = filled(annual_list, ["025080001234", "Nguyễn Văn An", None, None, None, "LDTT", None, None],
                  edit=lambda sheet: sheet.delete_cols(2))
    result = import_nominee_rows(annual_list, data, actor=cast.alice)
    assert [(e.row, e.message) for e in result.errors] == [
        (0, "Thiếu cột “Họ và tên” (hãy dùng đúng tệp mẫu).")]
    assert not result.can_annotate


def test_refusals_of_the_service_are_all_named_and_mark_the_rows_key_cells(cast, tree, annual_list, people):
    other = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Đợt trước")
    nominations.add_line(other, actor=cast.alice, person=people["an"], award=award("LDTT"))
    nominations.add_line(other, actor=cast.alice, person=people["cuong"], award=award("LDTT"))
    data = filled(annual_list, ["025080001234", None, None, None, None, "LDTT", None, None],
                  [None, None, None, None, "Hộ ông Ba", "GD_VH", None, None],
                  [None, "Lê Văn Cường", "05/03/1980", None, None, "LDTT", None, None])
    result = import_nominee_rows(annual_list, data, actor=cast.alice)
    assert [(e.row, e.columns) for e in result.errors] == [(2, (1, 2, 4, 5, 6)), (4, (1, 2, 4, 5, 6))]
    assert "Nguyễn Văn An đã được Xã Hạ Hòa đề nghị Lao động tiên tiến năm 2026" in result.errors[0].message
    assert result.can_annotate and not annual_list.lines.exists()
