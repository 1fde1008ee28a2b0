"""A plan copied from a web page, of a district that ended on 30/6/2025, imported in the browser under that
district: the site's lines stay as a flagged preamble, the header and signer are read, and the PDF prints every
paragraph."""

import pytest
from pypdf import PdfReader

from campaigns.models import Plan

from tests.e2e.conftest import log_in_with_the_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WEB_COPY = """Cổng thông tin điện tử huyện Hạ Hòa
Thứ Năm, ngày 14/04/2022
Số hiệu: 35/KH-UBND
Loại văn bản: Kế hoạch
Nơi ban hành: Huyện Hạ Hòa

ỦY BAN NHÂN DÂN
HUYỆN HẠ HÒA

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 35/KH-UBND

Hạ Hòa, ngày 14 tháng 4 năm 2022

KẾ HOẠCH

Phát động phong trào thi đua xây dựng nông thôn mới năm 2022

I. MỤC ĐÍCH, YÊU CẦU

Động viên cán bộ, công chức và Nhân dân thi đua hoàn thành các chỉ tiêu năm 2022.

II. THỜI GIAN

Từ ngày 15/4/2022 đến ngày 30/11/2022.

III. KHEN THƯỞNG

Chủ tịch UBND huyện tặng Giấy khen cho không quá 03 tập thể và 05 cá nhân có thành tích xuất sắc.

Hồ sơ gồm: Tờ trình; Biên bản họp Hội đồng; gửi hồ sơ về Phòng Nội vụ huyện trước ngày 05/12/2022.

Nơi nhận:
Gửi bản điện tử:
- UBND tỉnh;
- Các xã, thị trấn;
Gửi bản giấy:
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Văn Nam
"""


def test_an_approver_imports_a_web_copied_plan_of_an_ended_district_and_prints_it(browser, live_server, cast, tree,
                                                                                 tmp_path):
    source = tmp_path / "ha-hoa-2022-tu-trang-web.txt"
    source.write_text(WEB_COPY, encoding="utf-8")
    context = browser.new_context(base_url=live_server.url, accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    log_in_with_the_form(page, "dave")
    page.goto("/ke-hoach/nhap-tu-tep/")
    page.get_by_role("heading", name="Nhập kế hoạch từ tệp").wait_for()
    unit = page.get_by_label("Đơn vị ban hành")
    # The district ended on 30/6/2025 and is offered, labelled so.
    district = next(option for option in unit.locator("option").all_inner_texts()
                    if option.replace("\u00a0", " ").strip().startswith(tree.ha_hoa_district.name))
    assert "đã kết thúc" in district
    unit.select_option(label=district)
    page.get_by_label("Tệp kế hoạch").set_input_files(str(source))
    page.get_by_role("button", name="Nhập").click()
    page.get_by_text("thành dự thảo kế hoạch").wait_for()

    plan = Plan.objects.get()
    assert (plan.issuing_unit, plan.issue_year, plan.symbol) == (tree.ha_hoa_district, 2022, "KH-UBND")
    assert plan.preamble.startswith("Cổng thông tin điện tử huyện Hạ Hòa")
    assert plan.signer_name == "Lê Văn Nam"
    assert [(t.award_name, t.quota, t.quota_note) for t in plan.award_tiers.all()] == [
        ("Giấy khen của Chủ tịch UBND huyện", 3, "không quá 03 tập thể và 05 cá nhân có thành tích xuất sắc")]
    report = page.locator("#ket-qua-nhap")
    assert "Phòng Nội vụ huyện" in report.inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải PDF").click()
    text = " ".join("".join(p.extract_text() for p in PdfReader(download_info.value.path()).pages).split())
    for paragraph in ("ỦY BAN NHÂN DÂN", "HUYỆN HẠ HÒA", "Phát động phong trào thi đua xây dựng nông thôn mới",
                      "Động viên cán bộ, công chức và Nhân dân thi đua",
                      "Từ ngày 15/4/2022 đến ngày 30/11/2022.", "Gửi bản điện tử:", "Lê Văn Nam"):
        assert paragraph in text, paragraph
    assert text.index("Động viên") < text.index("Từ ngày 15/4/2022") < text.index("Lê Văn Nam")
    context.close()
