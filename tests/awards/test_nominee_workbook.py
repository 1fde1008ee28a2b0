"""A nominee list through Excel: template, export, import back — all rows or none, never twice."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.documents.nominee_workbook import LISTS_SHEET, SHEET, build_nominee_template, export_nominee_list
from awards.models import AwardType, NominationLine
from awards.services import nominations
from awards.services.nominee_imports import import_nominee_rows

from tests.awards.nominee_files import award, filled, upload
from tests.awards.pdf_files import attach_missing
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cuong(tree):
    # No CCCD: found again by name and birth date.
    return make_person("Lê Văn Cường", tree.ha_hoa, date_of_birth=datetime.date(1980, 3, 5))


@pytest.fixture
def plan_list(cast, tree, plan):
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026, title="Theo kế hoạch")


def snapshot(nomination_list):
    return sorted((line.person_id or 0, line.collective_id or 0, line.household, line.award_id, line.award_class,
                   line.summary) for line in nomination_list.lines.all())


def test_the_template_opens_back_with_its_drop_downs_text_cccd_and_guide(cast, plan_list):
    book = load_workbook(BytesIO(build_nominee_template(plan_list)))
    assert book.sheetnames == [SHEET, "Hướng dẫn", LISTS_SHEET]
    sheet = book[SHEET]
    assert [c.value for c in sheet[1]][:2] == ["Số CCCD", "Họ và tên"] and sheet["A1"].font.b
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["A"].number_format == "@"
    formulas = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert any(ref.startswith("F2") and f"'{LISTS_SHEET}'!$A$2" in f for ref, f in formulas.items())
    hidden = book[LISTS_SHEET]
    assert hidden.sheet_state == "hidden"
    assert "LDTT" in [c.value for c in hidden["A"]] and "08053" in [c.value for c in hidden["G"]]
    assert "HƯỚNG DẪN" in book["Hướng dẫn"]["A1"].value


def test_export_then_import_into_a_fresh_list_recreates_the_lines_and_twice_creates_nothing(
        cast, tree, plan_list, annual_list, an, cuong):
    ranked = AwardType.objects.filter(for_individuals=True).exclude(classes="").first()
    nominations.add_line(plan_list, actor=cast.alice, person=an, award=award("LDTT"),
                         summary="Tận tụy.\nHoàn thành xuất sắc nhiệm vụ")
    nominations.add_line(plan_list, actor=cast.alice, person=cuong, award=ranked,
                         award_class=ranked.class_list[-1])
    nominations.add_line(plan_list, actor=cast.alice, collective=tree.ha_hoa, award=award("TTLDTT"))
    nominations.add_line(plan_list, actor=cast.alice, household="Hộ ông Nguyễn Văn Ba, thôn 3",
                         award=award("GD_VH"))
    data = export_nominee_list(plan_list)
    exported = load_workbook(BytesIO(data))[SHEET]
    assert exported["A2"].value == "025080001234" and exported.max_row == 5

    result = import_nominee_rows(annual_list, data, actor=cast.alice)
    assert result.errors == [] and (result.created, result.present) == (4, 0)
    assert snapshot(annual_list) == snapshot(plan_list)

    again = import_nominee_rows(annual_list, data, actor=cast.bob)
    assert again.errors == [] and (again.created, again.present) == (0, 4)
    assert annual_list.lines.count() == 4


def test_one_bad_row_writes_nothing_and_is_named_by_its_row_number(cast, annual_list, an):
    data = filled(annual_list, ["025080001234", "Nguyễn Văn An", None, None, None, "LDTT", None, "Tốt"],
                  ["099999999999", "Người Lạ", None, None, None, "LDTT", None, None])
    result = import_nominee_rows(annual_list, data, actor=cast.alice)
    assert result.errors == [(3, "Không có cá nhân có số CCCD 099999999999 trong đơn vị Xã Hạ Hòa.", (1,))]
    assert result.created == 0 and not annual_list.lines.exists()


def test_every_bad_row_is_reported_at_once(cast, tree, annual_list, an):
    data = filled(annual_list,
                  ["025080001234", None, None, None, None, "KHONG_CO", None, None],
                  ["025080001234", None, None, None, None, "LDTT", "Nhất", None],
                  ["025080001234", None, None, "08053", None, "LDTT", None, None],
                  [None, None, None, None, None, "LDTT", None, "Chỉ có tóm tắt"],
                  [None, None, None, "08110", None, "TTLDTT", None, None])
    result = import_nominee_rows(annual_list, data, actor=cast.alice)
    rows = {error.row: error.message for error in result.errors}
    assert sorted(rows) == [2, 3, 4, 5, 6] and len(result.errors) == 5
    assert "KHONG_CO" in rows[2] and "không chia hạng" in rows[3]
    assert rows[4].startswith("Chọn đúng một đối tượng") and rows[5].startswith("Chọn đúng một đối tượng")
    assert "08110" in rows[6]  # Hiền Lương is not under Hạ Hòa
    assert not annual_list.lines.exists()


def test_a_person_already_proposed_by_another_commune_rolls_back_the_whole_file(cast, tree, plan, plan_list,
                                                                              hien_luong_clerk, an):
    nominations.add_line(plan_list, actor=cast.alice, person=an, award=award("LDTT"))
    an.unit = tree.hien_luong  # An moves; Hiền Lương proposes him again under the same plan
    an.save()
    make_person("Phạm Thị Dung", tree.hien_luong, gender="female", cccd="025190004321")
    second = nominations.create_list(actor=hien_luong_clerk, unit=tree.hien_luong, plan=plan, year=2026,
                                     title="Hiền Lương")
    data = filled(second, ["025190004321", None, None, None, None, "LDTT", None, None],
                  ["025080001234", None, None, None, None, "LDTT", None, None])
    result = import_nominee_rows(second, data, actor=hien_luong_clerk)
    assert result.created == 0 and len(result.errors) == 1
    row, message, columns = result.errors[0]
    assert row == 3 and columns == (1, 2, 4, 5, 6)
    assert "đã được Xã Hạ Hòa đề nghị Lao động tiên tiến trong kế hoạch này" in message
    assert not second.lines.exists() and NominationLine.objects.count() == 1


# Pages

def urls(nomination_list):
    return [reverse(f"awards:nominee_{n}", args=[nomination_list.pk]) for n in ("template", "export", "import")]


def test_the_outsider_gets_404_and_a_reviewer_may_download_but_not_upload(login, cast, annual_list, an):
    template, export, import_ = urls(annual_list)
    data = filled(annual_list, ["025080001234", None, None, None, None, "LDTT", None, None])
    olga = login(cast.olga)
    assert [olga.get(template).status_code, olga.get(export).status_code] == [404, 404]
    assert olga.post(import_, upload(data)).status_code == 404
    carol = login(cast.carol)
    response = carol.get(export)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert carol.post(import_, upload(data)).status_code == 403
    assert carol.get(import_).status_code == 405
    assert not annual_list.lines.exists()


def test_the_clerk_uploads_on_the_list_page_and_sees_the_outcome(login, cast, annual_list, an):
    client = login(cast.alice)
    template, _export, import_ = urls(annual_list)
    page = client.get(reverse("awards:nomination_list_detail", args=[annual_list.pk])).content.decode()
    assert "Nhập, xuất Excel" in page and import_ in page and template in page
    bad = filled(annual_list, ["099999999999", None, None, None, None, "LDTT", None, None])
    html = client.post(import_, upload(bad), follow=True).content.decode()
    assert "Dòng 2: Không có cá nhân có số CCCD 099999999999" in html and not annual_list.lines.exists()
    good = filled(annual_list, ["025080001234", None, None, None, None, "LDTT", None, None])
    html = client.post(import_, upload(good), follow=True).content.decode()
    assert "thêm mới 1, cập nhật 0, đã có 0" in html and annual_list.lines.count() == 1


def test_a_submitted_list_refuses_an_import(login, cast, annual_list, an):
    nominations.add_line(annual_list, actor=cast.alice, household="Hộ ông A", award=award("GD_VH"))
    attach_missing(annual_list, actor=cast.alice)
    nominations.submit_list(annual_list, actor=cast.alice)
    data = filled(annual_list, ["025080001234", None, None, None, None, "LDTT", None, None])
    html = login(cast.alice).post(urls(annual_list)[2], upload(data), follow=True).content.decode()
    assert "Đã gửi" in html and annual_list.lines.count() == 1
