"""An approver of the province reads the statistics page: filters it to a district of 2024, then to a
commune formed by the 2025 reform, and downloads a chart's data; on a phone the page fits the screen."""

import io

import pytest
from openpyxl import load_workbook

from tests.awards.dossier_factories import load_rule_rows
from tests.awards.test_statistics import build_world
from tests.e2e.conftest import assert_accessible, fits_the_screen, log_in_with_the_form, on_a_phone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PAGE = "/khen-thuong/thong-ke/?tu_nam=2023&den_nam=2025"


def year_counts(page):
    rows = page.locator("#bang-khen-thuong-theo-nam tbody tr")
    return [rows.nth(i).inner_text().split("\t") for i in range(rows.count())]


def test_an_approver_filters_by_an_old_district_and_a_merged_commune_and_downloads_the_data(
        browser, live_server, cast, tree):
    load_rule_rows()  # a browser test's database was flushed by the tests before it
    world = build_world(tree, cast)
    context = browser.new_context(base_url=live_server.url, accept_downloads=True, locale="vi-VN",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    log_in_with_the_form(page, "dave")
    page.get_by_role("heading", name="Xin chào").wait_for()
    page.goto(PAGE)
    page.get_by_role("heading", name="Thống kê thi đua, khen thưởng").wait_for()

    page.get_by_label("Đơn vị (gồm đơn vị trực thuộc và đơn vị đã sáp nhập vào)").select_option(
        str(world.ha_hoa_district.pk))
    page.get_by_role("button", name="Xem thống kê").click()
    page.locator("#pham-vi", has_text="Huyện Hạ Hoà, năm 2023–2025").wait_for()
    assert year_counts(page) == [["2023", "1"], ["2024", "1"], ["2025", "0"]]

    page.get_by_label("Đơn vị (gồm đơn vị trực thuộc và đơn vị đã sáp nhập vào)").select_option(str(world.ha_hoa.pk))
    page.get_by_role("button", name="Xem thống kê").click()
    page.locator("#pham-vi", has_text="Xã Hạ Hòa, năm 2023–2025").wait_for()
    assert year_counts(page) == [["2023", "1"], ["2024", "2"], ["2025", "3"]]
    chart = page.get_by_role("img", name="Khen thưởng theo năm")
    assert chart.count() == 1
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải Excel: Khen thưởng theo năm").click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert list(sheet.iter_rows(min_row=4, values_only=True))[:3] == [("2023", 1), ("2024", 2), ("2025", 3)]
    context.close()

    phone = on_a_phone(browser, live_server, "dave")
    phone.goto(PAGE + f"&don_vi={world.ha_hoa.pk}")
    phone.get_by_role("heading", name="Thống kê thi đua, khen thưởng").wait_for()
    assert fits_the_screen(phone)
    phone.context.close()
