"""Loading past decisions and yearly ratings from the Excel template: checked whole, written once."""

import datetime
from io import BytesIO, StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from openpyxl import load_workbook

from units.models import Unit

from awards.documents.history_workbook import build_history_template
from awards.models import AwardRecord, AwardType, TaskRating
from awards.services.history_imports import import_history

from tests.conftest import make_person

pytestmark = pytest.mark.django_db

D = datetime.date
AN_CCCD, BINH_CCCD = "025080001234", "025185004321"


@pytest.fixture
def people(tree):
    an = make_person("Nguyễn Văn An", tree.van_phong, date_of_birth=D(1980, 5, 17), cccd=AN_CCCD)
    binh = make_person("Trần Thị Bình", tree.hien_luong, gender="female", date_of_birth=D(1985, 2, 3),
                       cccd=BINH_CCCD)
    return an, binh


def template():
    return build_history_template(awards=AwardType.objects.all(), units=Unit.objects.exclude(code=""))


def workbook(records=(), ratings=()):
    """The template filled as a clerk would: rows appended under the headers."""
    book = load_workbook(BytesIO(template()))
    for row in records:
        book["Khen thưởng"].append(list(row))
    for row in ratings:
        book["Xếp loại"].append(list(row))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def award(cccd, code, year, number, *, award_class=None, decided="15/01/2024", body="UBND huyện Hạ Hòa", name=None,
          born=None, unit=None, household=None, period=None):
    return [cccd, name, born, unit, household, code, award_class, year, period, number, decided, body]


GOOD_RECORDS = [
    award(AN_CCCD, "LDTT", 2023, "12/QĐ-UBND", name="Nguyễn Văn An"),
    award(AN_CCCD, "CSTDCS", 2024, "125/QĐ-UBND", decided="20/01/2025"),
    award(BINH_CCCD, "HC_LAO_DONG", 2024, "88/QĐ-CTN", award_class="Ba", decided=datetime.datetime(2025, 8, 30),
          body="Chủ tịch nước"),
    award(None, "TTLDTT", 2025, "7/QĐ-UBND", unit="08053", decided="10/12/2025", body="UBND tỉnh Phú Thọ"),
]
GOOD_RATINGS = [
    [AN_CCCD, "Nguyễn Văn An", None, 2023, "Hoàn thành xuất sắc nhiệm vụ"],
    [AN_CCCD, None, None, 2024, "Hoàn thành tốt nhiệm vụ"],
    [None, None, "08053", 2025, "HTXSNV"],
]


def test_the_template_has_two_data_sheets_a_guide_and_hidden_lists(tree):
    book = load_workbook(BytesIO(template()))
    assert book.sheetnames == ["Khen thưởng", "Xếp loại", "Sáng kiến", "Kỷ luật", "Hướng dẫn", "Danh mục"]
    assert book["Danh mục"].sheet_state == "hidden"
    awards, ratings = book["Khen thưởng"], book["Xếp loại"]
    assert [c.value for c in awards[1]] == [
        "Số CCCD", "Họ và tên", "Ngày sinh (dd/mm/yyyy)", "Mã đơn vị (tập thể — để trống Số CCCD)", "Hộ gia đình",
        "Mã hình thức", "Hạng", "Năm thành tích", "Giai đoạn", "Số quyết định", "Ngày quyết định",
        "Cơ quan quyết định"]
    assert [c.value for c in ratings[1]] == ["Số CCCD", "Họ và tên", "Mã đơn vị", "Năm", "Xếp loại"]
    for sheet in (awards, ratings):
        assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["A"].number_format == "@"  # CCCD keeps its leading zero
    lists = book["Danh mục"]
    columns = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)]
               for c in range(1, lists.max_column + 1) if lists.cell(1, c).value}
    assert {"LDTT", "CSTDCS", "HC_LAO_DONG"} <= set(columns["Mã hình thức"])
    assert columns["Xếp loại"][:4] == ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ",
                                       "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"]
    assert {"08053", "08110", "22366"} <= set(filter(None, columns["Mã đơn vị"]))
    rules = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in awards.data_validations.dataValidation}
    assert rules["F2"].startswith("'Danh mục'!$A$2") and rules["D2"].startswith("'Danh mục'!$I$2")
    assert "G2" in rules
    rating_rules = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ratings.data_validations.dataValidation}
    assert rating_rules["E2"].startswith("'Danh mục'!$G$2") and "C2" in rating_rules
    assert "Hướng dẫn" in book.sheetnames and "12 chữ số" in "".join(
        str(c.value) for c in book["Hướng dẫn"]["A"])


def test_rows_are_created_once_and_found_present_the_second_time(people, tree, cast):
    an, binh = people
    data = workbook(GOOD_RECORDS, GOOD_RATINGS)
    first = import_history(data, actor=cast.erin)
    assert first.ok, first.errors
    assert first.created == {"Khen thưởng": 4, "Xếp loại": 3} and first.present == {"Khen thưởng": 0, "Xếp loại": 0}
    assert AwardRecord.objects.filter(person=an).count() == 2
    order = AwardRecord.objects.get(person=binh)
    assert (order.award_label, order.decision_date, order.source) == ("Huân chương Lao động hạng Ba", D(2025, 8, 30),
                                                                      "imported")
    assert AwardRecord.objects.get(collective=tree.ha_hoa).award.code == "TTLDTT"
    assert AwardRecord.objects.get(person=an, year=2023).decision_date == D(2024, 1, 15)
    assert dict(TaskRating.objects.filter(person=an).values_list("year", "rating")) == {2023: "excellent",
                                                                                        2024: "good"}
    assert TaskRating.objects.get(collective=tree.ha_hoa).rating == "excellent"

    again = import_history(data, actor=cast.erin)
    assert again.ok and again.created == {"Khen thưởng": 0, "Xếp loại": 0}
    assert again.present == {"Khen thưởng": 4, "Xếp loại": 3}
    assert again.summary() == ["Khen thưởng: tạo mới 0, đã có 4.", "Xếp loại: tạo mới 0, đã có 3."]
    assert AwardRecord.objects.count() == 4 and TaskRating.objects.count() == 3


def test_without_cccd_a_person_is_found_by_name_and_birth_date(people, cast):
    an, _binh = people
    row = award(None, "LDTT", 2023, "12/QĐ-UBND", name="NGUYEN VAN AN", born="17/05/1980")
    result = import_history(workbook([row]), actor=cast.alice)
    assert result.ok, result.errors
    assert AwardRecord.objects.get().person == an


def test_a_name_shared_by_two_people_born_the_same_day_needs_the_cccd(people, tree, cast):
    make_person("Nguyễn Văn An", tree.ha_hoa, date_of_birth=D(1980, 5, 17))
    result = import_history(workbook([award(None, "LDTT", 2023, "1/QĐ", name="Nguyễn Văn An", born="17/05/1980")]),
                            actor=cast.erin)
    assert [str(e) for e in result.errors] == [
        "Khen thưởng, dòng 2: Có nhiều cá nhân “Nguyễn Văn An” sinh ngày 17/05/1980; hãy ghi Số CCCD."]


def test_every_bad_row_is_reported_and_nothing_is_written(people, cast):
    an, _binh = people
    TaskRating.objects.create(person=an, year=2022, rating="good")
    records = [
        award(AN_CCCD, "LDTT", 2023, "12/QĐ-UBND"),                                  # 2: good
        award("025099999999", "LDTT", 2023, "13/QĐ-UBND"),                           # 3: unknown CCCD
        award("02508000123", "LDTT", 2023, "14/QĐ-UBND"),                            # 4: eleven digits, as text
        award(AN_CCCD, "XYZ", 2023, "15/QĐ-UBND"),                                   # 5: unknown award
        award(AN_CCCD, "HC_LAO_DONG", 2023, "16/QĐ-CTN", award_class="Tư"),          # 6: no such class
        award(AN_CCCD, "CSTDCS", 2023, "17/QĐ-UBND", decided="31/02/2024"),          # 7: bad date
        award(AN_CCCD, "CSTDCS", 1890, "18/QĐ-UBND"),                                # 8: year out of range
        award(AN_CCCD, "LDTT", 2023, "12/QĐ-UBND"),                                  # 9: same as row 2
        award(AN_CCCD, "LDTT", 2023, "19/QĐ-UBND", name="Lê Thị Hoa"),               # 10: CCCD of someone else
    ]
    ratings = [[AN_CCCD, None, None, 2022, "Hoàn thành xuất sắc nhiệm vụ"],          # 2: differs from the record
               [AN_CCCD, None, None, 2024, "Giỏi"]]                                  # 3: unknown rating
    result = import_history(workbook(records, ratings), actor=cast.erin)
    assert [(e.sheet, e.row) for e in result.errors] == [("Khen thưởng", n) for n in range(3, 11)] + [
        ("Xếp loại", 2), ("Xếp loại", 3)]
    messages = [e.message for e in result.errors]
    assert messages[0] == "Không có cá nhân có số CCCD 025099999999."
    assert messages[1] == "Số CCCD “02508000123” phải gồm đúng 12 chữ số."
    assert messages[2] == "Không có hình thức khen thưởng mã “XYZ”."
    assert messages[3] == "Huân chương Lao động không có hạng “Tư”."
    assert messages[4] == "Ngày quyết định “31/02/2024” không hợp lệ (ghi dạng dd/mm/yyyy)."
    assert messages[5].startswith("Năm thành tích 1890 ngoài khoảng 1945–")
    assert messages[6] == "Trùng với dòng 2 của tệp."
    assert messages[7] == "Số CCCD 025080001234 là của “Nguyễn Văn An”, không khớp họ tên “Lê Thị Hoa”."
    assert messages[8] == "Đã có xếp loại khác cho năm 2022 (“Hoàn thành tốt nhiệm vụ”)."
    assert messages[9] == "Xếp loại “Giỏi” không có trong danh sách."
    assert result.summary() == ["Không ghi dữ liệu nào: tệp có 10 lỗi."]
    assert AwardRecord.objects.count() == 0 and TaskRating.objects.count() == 1


def test_an_outsider_finds_no_one_of_phu_tho(people, cast):
    records = [award(AN_CCCD, "LDTT", 2023, "12/QĐ-UBND"),
               award(None, "TTLDTT", 2025, "7/QĐ-UBND", unit="08053", decided="10/12/2025")]
    result = import_history(workbook(records), actor=cast.olga)
    # The same words as for a CCCD that exists nowhere: nothing tells Khánh Hòa who lives in Phú Thọ.
    assert [e.message for e in result.errors] == ["Không có cá nhân có số CCCD 025080001234.",
                                                  "Không có đơn vị mã “08053”."]
    assert AwardRecord.objects.count() == 0


def test_a_commune_clerk_reaches_only_her_commune(people, cast):
    result = import_history(workbook([award(BINH_CCCD, "LDTT", 2023, "12/QĐ-UBND")]), actor=cast.alice)
    assert [e.message for e in result.errors] == [f"Không có cá nhân có số CCCD {BINH_CCCD}."]


def test_a_reviewer_may_not_import(people, cast):
    with pytest.raises(PermissionDenied):
        import_history(workbook([award(AN_CCCD, "LDTT", 2023, "12/QĐ-UBND")]), actor=cast.carol)
    with pytest.raises(PermissionDenied):
        import_history(workbook(), actor=cast.bob)


def test_a_numeric_cccd_is_zero_padded_with_a_warning(people, cast):
    an, _binh = people
    result = import_history(workbook([award(25080001234, "LDTT", 2023, "12/QĐ-UBND")],
                                     [[25080001234, None, None, 2023, "Hoàn thành nhiệm vụ"]]), actor=cast.root)
    assert result.ok, result.errors
    assert AwardRecord.objects.get().person == an and TaskRating.objects.get().person == an
    assert [(w.sheet, w.row) for w in result.warnings] == [("Khen thưởng", 2), ("Xếp loại", 2)]
    assert "đã thêm số 0 ở đầu thành 025080001234" in result.warnings[0].message


def test_a_reused_unit_code_means_the_unit_of_that_year(tree, cast):
    rows = [award(None, "BK_TINH", 2023, "5/QĐ-UBND", unit="25", body="Thủ tướng Chính phủ"),
            award(None, "BK_TINH", 2025, "6/QĐ-UBND", unit="25", decided="20/12/2025", body="Thủ tướng Chính phủ")]
    result = import_history(workbook(rows), actor=cast.root)
    assert result.ok, result.errors
    assert {r.year: r.collective for r in AwardRecord.objects.all()} == {2023: tree.old_phu_tho, 2025: tree.phu_tho}


def test_an_award_given_to_the_wrong_kind_of_subject_is_refused(people, cast):
    result = import_history(workbook([award(None, "LDTT", 2024, "3/QĐ", unit="08053")]), actor=cast.erin)
    assert [e.message for e in result.errors] == ["Lao động tiên tiến không dành cho tập thể."]


def test_a_file_that_is_not_a_workbook(cast):
    result = import_history(b"not a spreadsheet", actor=cast.root)
    assert [str(e) for e in result.errors] == ["Tệp không phải bảng tính Excel (.xlsx) hợp lệ."]


def test_the_commands_write_the_template_and_import_it(people, cast, tmp_path):
    out = StringIO()
    call_command("history_template", str(tmp_path / "mau.xlsx"), stdout=out)
    assert "Đã tạo tệp mẫu" in out.getvalue()
    book = load_workbook(tmp_path / "mau.xlsx")
    book["Khen thưởng"].append(GOOD_RECORDS[0])
    book.save(tmp_path / "du-lieu.xlsx")
    out = StringIO()
    call_command("import_history", str(tmp_path / "du-lieu.xlsx"), "--as", "erin", stdout=out)
    assert "Khen thưởng: tạo mới 1, đã có 0." in out.getvalue()
    call_command("import_history", str(tmp_path / "du-lieu.xlsx"), stdout=out)  # as root, the first superuser
    assert "Khen thưởng: tạo mới 0, đã có 1." in out.getvalue()


def test_a_workbook_that_would_unpack_to_hundreds_of_megabytes_is_refused_unread(cast, settings):
    from tests.archive_files import bomb

    settings.OFFICE_MAX_UNPACKED_BYTES = 64 * 1024 * 1024
    result = import_history(bomb("xl/worksheets/sheet1.xml", 100), actor=cast.erin)
    assert [issue.message for issue in result.errors] == [
        "Tệp khi giải nén chiếm 100 MB, vượt mức 64 MB cho phép. Hãy chia thành nhiều tệp nhỏ hơn."]
    assert not AwardRecord.objects.exists() and not TaskRating.objects.exists()
