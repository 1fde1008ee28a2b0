"""The printable "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG": A4 landscape, header on every page, current positions."""

import datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from units.models import Posting

from awards.documents.standard_list import COLUMNS, HEADER_ROW, TITLE, write_standard_list
from awards.services import nominations

from tests.awards.nominee_files import award, many_people
from tests.conftest import make_person, make_plan

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def plan(tree):
    return make_plan(tree.phu_tho, status="issued", number=12, dossier_deadline=TODAY + datetime.timedelta(days=10))


@pytest.fixture
def plan_list(cast, tree, plan):
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026,
                                   title="Đề nghị khen thưởng phong trào thi đua năm 2026")


def opened(nomination_list):
    out = BytesIO()
    write_standard_list(nomination_list, out)
    return load_workbook(BytesIO(out.getvalue()))["Danh sách"]


def data_rows(sheet, count):
    return [[sheet.cell(row, column).value for column in range(1, len(COLUMNS) + 1)]
            for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + count)]


def test_it_prints_on_a4_landscape_fitted_to_the_width_with_the_header_on_every_page(cast, plan_list):
    nominations.add_line(plan_list, actor=cast.alice, household="Hộ ông Nguyễn Văn Ba", award=award("GD_VH"))
    sheet = opened(plan_list)
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert [sheet.cell(HEADER_ROW, c).value for c in range(1, 7)] == [
        "STT", "Họ và tên (tên tập thể, hộ gia đình)", "Chức vụ", "Đơn vị", "Tóm tắt thành tích", "Hình thức đề nghị"]
    header = sheet.cell(HEADER_ROW, 2)
    assert header.font.b and header.font.name == "Times New Roman" and header.border.bottom.style == "thin"
    cell = sheet.cell(HEADER_ROW + 1, 5)
    assert cell.alignment.wrap_text and cell.border.left.style == "thin" and cell.font.name == "Times New Roman"
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width

def test_its_pages_are_numbered_in_the_top_margin_from_the_second_page(cast, plan_list):
    sheet = opened(plan_list)
    assert sheet.oddHeader.center.text == "&P" and sheet.oddHeader.center.size == 13
    assert sheet.HeaderFooter.differentFirst and not sheet.firstHeader.center.text
    assert not sheet.oddFooter.center.text


def test_its_title_block_names_the_unit_the_list_and_the_plan(cast, plan_list):
    sheet = opened(plan_list)
    assert sheet["A1"].value == "XÃ HẠ HÒA" and sheet["D1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet["D2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert sheet["A4"].value == TITLE and sheet["A4"].font.b and sheet["A4"].font.sz == 14
    assert sheet["A5"].value == "Đề nghị khen thưởng phong trào thi đua năm 2026"
    assert sheet["A6"].value == "(Kèm theo Kế hoạch số 12/KH-UBND (2026) của Tỉnh Phú Thọ; năm thành tích 2026)"
    assert {str(r) for r in sheet.merged_cells.ranges} >= {"A1:C1", "D1:F1", "A4:F4", "A5:F5", "A6:F6"}


def test_rows_come_in_list_order_with_current_positions_and_vietnamese_intact(cast, tree, plan_list):
    an = make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234", position="Chuyên viên")
    # Promoted this year: the list shows today's post, not the one on his record.
    Posting.objects.filter(person=an).update(end_date=TODAY - datetime.timedelta(days=40))
    Posting.objects.create(person=an, unit=tree.van_phong, position="Phó Chánh Văn phòng",
                           start_date=TODAY - datetime.timedelta(days=39))
    Posting.objects.create(person=an, unit=tree.ha_hoa, position="Chủ tịch UBND xã",
                           start_date=TODAY + datetime.timedelta(days=30))  # not yet
    # Left her post last month, none since: what her record says.
    dung = make_person("Phạm Thị Dung", tree.ha_hoa, gender="female", position="Kế toán")
    Posting.objects.filter(person=dung).update(end_date=TODAY - datetime.timedelta(days=30))
    ranked = award("HC_LAO_DONG")
    nominations.add_line(plan_list, actor=cast.alice, person=an, award=award("LDTT"),
                         summary="Hoàn thành xuất sắc nhiệm vụ;\nCó sáng kiến cấp cơ sở")
    nominations.add_line(plan_list, actor=cast.alice, collective=tree.van_phong, award=award("TTLDTT"))
    nominations.add_line(plan_list, actor=cast.alice, person=dung, award=ranked, award_class=ranked.class_list[-1],
                         summary="=1+1 không phải công thức")
    nominations.add_line(plan_list, actor=cast.alice, household="Hộ ông Nguyễn Văn Ba, thôn Đồng Xuân",
                         award=award("GD_VH"))
    sheet = opened(plan_list)
    assert data_rows(sheet, 4) == [
        [1, "Nguyễn Văn An", "Phó Chánh Văn phòng", "Văn phòng HĐND và UBND xã Hạ Hòa",
         "Hoàn thành xuất sắc nhiệm vụ;\nCó sáng kiến cấp cơ sở", "Lao động tiên tiến"],
        [2, "Văn phòng HĐND và UBND xã Hạ Hòa", None, "Xã Hạ Hòa", None, "Tập thể lao động tiên tiến"],
        [3, "Phạm Thị Dung", "Kế toán", "Xã Hạ Hòa", "=1+1 không phải công thức",
         f"{ranked.name} hạng {ranked.class_list[-1]}"],
        [4, "Hộ ông Nguyễn Văn Ba, thôn Đồng Xuân", None, None, None, "Gia đình văn hóa"],
    ]
    assert sheet.cell(HEADER_ROW + 3, 5).data_type == "s"  # text, never a formula
    assert all(sheet.cell(HEADER_ROW + 1, c).data_type == "s" for c in range(2, 7))
    assert sheet.cell(HEADER_ROW + 6, 1).value == "Tổng số: 4 đề nghị."
    assert sheet.cell(HEADER_ROW + 9, 5).value == "THỦ TRƯỞNG ĐƠN VỊ"


def test_the_export_runs_the_same_queries_for_ten_lines_or_sixty(cast, tree, plan_list):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            opened(plan_list)
        return len(captured)

    people = many_people(tree.ha_hoa, 60)
    nominations.add_lines(plan_list, actor=cast.alice,
                          lines=[{"person": p, "award": award("LDTT")} for p in people[:10]])
    ten = queries()
    nominations.add_lines(plan_list, actor=cast.alice,
                          lines=[{"person": p, "award": award("LDTT")} for p in people[10:]])
    sixty = queries()
    assert ten == sixty == 1
    assert len(data_rows(opened(plan_list), 60)) == 60


@pytest.mark.parametrize("who, expected", [(None, 302), ("olga", 404), ("alice", 200), ("carol", 200)])
def test_only_those_who_see_the_list_download_it(client, login, cast, plan_list, who, expected):
    web = login(getattr(cast, who)) if who else client
    response = web.get(reverse("awards:standard_list_export", args=[plan_list.pk]))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("login"))
    if expected == 200:
        assert response["Content-Disposition"].startswith("attachment")
        sheet = load_workbook(BytesIO(b"".join(response.streaming_content)))["Danh sách"]
        assert sheet["A4"].value == TITLE


def test_the_list_page_offers_the_printable_list(login, cast, plan_list):
    html = login(cast.alice).get(reverse("awards:nomination_list_detail", args=[plan_list.pk])).content.decode()
    assert reverse("awards:standard_list_export", args=[plan_list.pk]) in html
