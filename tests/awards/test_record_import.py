"""Initiatives and discipline periods loaded from the "Sáng kiến" and "Kỷ luật" sheets of the history template."""

import datetime
from io import BytesIO

import pytest
from django.contrib.admin.models import LogEntry
from openpyxl import load_workbook

from units.models import Unit

from awards.documents.history_workbook import DISCIPLINE_SHEET, INITIATIVES_SHEET
from awards.models import AwardType, DisciplinePeriod, Initiative
from awards.services.history_imports import import_history

from tests.conftest import make_person

pytestmark = pytest.mark.django_db
AN, BINH, DUNG = "025080001234", "025185004321", "025090007777"


@pytest.fixture
def people(tree):
    return (make_person("Nguyễn Văn An", tree.van_phong, cccd=AN),
            make_person("Trần Thị Bình", tree.ha_hoa, gender="female", cccd=BINH),
            make_person("Phạm Văn Dũng", tree.nha_trang, cccd=DUNG))


def workbook(initiatives=(), discipline=()):
    from awards.documents.history_workbook import build_history_template

    book = load_workbook(BytesIO(build_history_template(awards=AwardType.objects.all(),
                                                        units=Unit.objects.exclude(code=""))))
    for row in initiatives:
        book[INITIATIVES_SHEET].append(list(row))
    for row in discipline:
        book[DISCIPLINE_SHEET].append(list(row))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


GOOD_INITIATIVES = [
    [AN, "Nguyễn Văn An", "Số hóa hồ sơ một cửa", "2025", "Cơ sở", "UBND xã Hạ Hòa", "15/QĐ-UBND", "20/11/2025"],
    [BINH, "Trần Thị Bình", "Số hóa hồ sơ một cửa", "2025", "Cơ sở", "UBND xã Hạ Hòa", "15/QĐ-UBND", "20/11/2025"],
    [AN, None, "Bản đồ số thôn", "2024", "Cấp bộ, ngành, tỉnh", "UBND tỉnh Phú Thọ", None, None],
]
GOOD_DISCIPLINE = [[BINH, "Trần Thị Bình", "Khiển trách", "01/03/2024", "28/02/2025", "07/QĐ-UBND"]]


def test_the_template_has_the_two_sheets_with_their_lists(tree):
    book = load_workbook(BytesIO(workbook()))
    assert [c.value for c in book[INITIATIVES_SHEET][1]] == [
        "Số CCCD", "Họ và tên", "Tên sáng kiến", "Năm công nhận", "Phạm vi ảnh hưởng", "Cơ quan công nhận",
        "Số quyết định", "Ngày quyết định"]
    assert [c.value for c in book[DISCIPLINE_SHEET][1]] == [
        "Số CCCD", "Họ và tên", "Hình thức kỷ luật", "Từ ngày", "Đến ngày", "Quyết định"]
    rules = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in book[DISCIPLINE_SHEET].data_validations.dataValidation}
    assert rules["C2"].startswith("'Danh mục'!$M$2")


def test_rows_become_initiatives_with_their_co_authors_once(cast, people):
    an, binh, _dung = people
    data = workbook(GOOD_INITIATIVES, GOOD_DISCIPLINE)
    first = import_history(data, actor=cast.alice)
    assert first.ok, first.errors
    assert (first.created[INITIATIVES_SHEET], first.created[DISCIPLINE_SHEET]) == (2, 1)
    shared = Initiative.objects.get(title="Số hóa hồ sơ một cửa")
    assert set(shared.authors.all()) == {an, binh} and shared.decision_date == datetime.date(2025, 11, 20)
    assert Initiative.objects.get(title="Bản đồ số thôn").scope == "province"
    period = DisciplinePeriod.objects.get()
    assert (period.person, period.form, period.end) == (binh, "reprimand", datetime.date(2025, 2, 28))
    assert LogEntry.objects.filter(user=cast.alice, change_message="Nhập sáng kiến từ tệp Excel").count() == 2
    again = import_history(data, actor=cast.alice)
    assert again.ok and (again.created[INITIATIVES_SHEET], again.created[DISCIPLINE_SHEET]) == (0, 0)
    assert (again.present[INITIATIVES_SHEET], again.present[DISCIPLINE_SHEET]) == (3, 1)
    assert Initiative.objects.count() == 2 and DisciplinePeriod.objects.count() == 1


def test_every_bad_row_is_named_and_nothing_is_written(cast, people):
    initiatives = GOOD_INITIATIVES + [
        [AN, None, "", "2025", "Cơ sở", "UBND xã", None, None],
        [AN, None, "Sổ tay", "2025", "Quốc tế", "UBND xã", None, None],
        [DUNG, None, "Ở nơi khác", "2025", "Cơ sở", "UBND phường", None, None],
    ]
    discipline = GOOD_DISCIPLINE + [[AN, None, "Cảnh cáo", "01/05/2025", "01/01/2025", None],
                                    [AN, None, "Phê bình", "01/05/2025", None, None]]
    result = import_history(workbook(initiatives, discipline), actor=cast.alice)
    assert [str(e) for e in result.errors] == [
        "Sáng kiến, dòng 5: Thiếu tên sáng kiến.",
        "Sáng kiến, dòng 6: Phạm vi ảnh hưởng “Quốc tế” không có trong danh sách.",
        f"Sáng kiến, dòng 7: Không có cá nhân có số CCCD {DUNG}.",
        "Kỷ luật, dòng 3: Ngày kết thúc phải sau ngày bắt đầu.",
        "Kỷ luật, dòng 4: Hình thức kỷ luật “Phê bình” không có trong danh sách.",
    ]
    assert not Initiative.objects.exists() and not DisciplinePeriod.objects.exists()


def test_an_older_file_without_the_sheets_still_loads(cast, people):
    from tests.awards.test_history_import import workbook as history_workbook

    result = import_history(history_workbook([], [[AN, "Nguyễn Văn An", None, 2024, "HTXSNV"]]), actor=cast.alice)
    assert result.ok and result.summary() == ["Khen thưởng: tạo mới 0, đã có 0.", "Xếp loại: tạo mới 1, đã có 0."]
