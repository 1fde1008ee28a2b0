"""An approver of the province opens its statutory forms for 2025, finds a figure that matches the hand count,
follows it to the award records behind it, and downloads the form as a workbook in the form's layout."""

import io

import pytest
from openpyxl import load_workbook

from tests.awards.dossier_factories import load_rule_rows
from tests.awards.test_statutory_forms import STATE_2023, YEAR, build_world
from tests.e2e.conftest import assert_accessible, log_in_with_the_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
FORM = "Biểu số 0602.N/BNV-TĐKT — Số lượng khen thưởng cấp Nhà nước"
COLUMN = "Bằng khen của Thủ tướng Chính phủ"
# By hand: Minh's Bằng khen of the Prime Minister and the old district's, both of 2025 in Phú Thọ.
BK_TTG = STATE_2023["01"][6]


def test_an_approver_reads_a_figure_follows_it_to_its_records_and_downloads_the_form(
        browser, live_server, cast, tree):
    load_rule_rows()  # a browser test's database was flushed by the tests before it: catalogue and forms again
    world = build_world(tree, cast)
    assert BK_TTG == 2
    context = browser.new_context(base_url=live_server.url, accept_downloads=True, locale="vi-VN",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    log_in_with_the_form(page, "dave")
    page.get_by_role("heading", name="Xin chào").wait_for()
    page.goto(f"/khen-thuong/bao-cao-thong-ke/{tree.phu_tho.pk}/")
    page.get_by_role("heading", name="Báo cáo thống kê thi đua, khen thưởng").wait_for()

    page.get_by_label("Biểu mẫu").select_option(label=FORM)
    page.get_by_label("Năm").fill(str(YEAR))
    page.get_by_role("button", name="Xem").click()
    page.get_by_role("heading", name="Số lượng khen thưởng cấp Nhà nước").wait_for()
    page.get_by_text(f"Năm {YEAR}", exact=True).wait_for()
    table = page.locator("#bang-thong-ke")
    total_row = table.locator("tbody tr").first
    assert total_row.locator("th").inner_text() == "Tổng số"
    figure = table.get_by_role("link", name=f"Tổng số, {COLUMN}: {BK_TTG}")
    assert figure.inner_text() == str(BK_TTG)
    assert_accessible(page)

    figure.click()
    page.get_by_role("heading", name=f"Tổng số — {COLUMN}").wait_for()
    records = page.locator("#danh-sach-khen-thuong tbody tr")
    assert records.count() == BK_TTG
    subjects = {records.nth(i).locator("td").first.inner_text() for i in range(records.count())}
    assert subjects == {world["minh_bk_ttg"].subject_name, world["district_bk_ttg"].subject_name}
    assert_accessible(page)

    page.get_by_role("link", name=f"Biểu số 0602.N/BNV-TĐKT năm {YEAR}").click()
    page.get_by_role("heading", name="Số lượng khen thưởng cấp Nhà nước").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải Excel theo mẫu").click()
    assert download.value.suggested_filename == f"bieu-0602.N-{YEAR}.xlsx"
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert sheet["A1"].value == "Biểu số: 0602.N/BNV-TĐKT"
    assert sheet["A5"].value == "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC" and sheet["A6"].value == f"Năm {YEAR}"
    # The head: stub and code, the total, then "Chia ra" over the eight kinds of award.
    assert [sheet.cell(8, c).value for c in (1, 2, 3, 4)] == ["Chỉ tiêu", "Mã số", "Tổng số", "Chia ra"]
    header = [sheet.cell(9, c).value for c in range(4, 12)]
    assert header[5] == COLUMN
    column = 4 + header.index(COLUMN)
    [total] = [r for r in range(11, sheet.max_row + 1) if sheet.cell(r, 2).value == "01"]
    assert sheet.cell(total, 1).value == "Tổng số" and sheet.cell(total, column).value == BK_TTG
    assert [sheet.cell(total, c).value for c in range(3, 12)] == STATE_2023["01"]
    context.close()
