"""A plan from scratch to issue in the browser, then a commune implements the province's plan."""

import pytest
from django.urls import reverse

from campaigns.models import Plan, PlanSection

from tests.conftest import make_plan
from tests.e2e.conftest import log_in_with_the_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/")
    log_in_with_the_form(page, username)
    page.get_by_role("heading", name="Xin chào").wait_for()


def add_row(page, prefix, values):
    """Press "Thêm dòng" of a formset and fill the new row's fields (by field name)."""
    total = int(page.locator(f"#id_{prefix}-TOTAL_FORMS").input_value())
    page.locator(f"[data-formset-add='{prefix}']").click()
    for name, value in values.items():
        field = page.locator(f"[name='{prefix}-{total}-{name}']")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        elif field.get_attribute("type") == "checkbox":
            field.set_checked(bool(value))
        else:
            field.fill(value)


def test_a_clerk_composes_a_plan_the_chair_issues_it_and_the_pdf_downloads(browser, live_server, cast, tree):
    context = browser.new_context(base_url=live_server.url, accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, "alice")
    page.goto("/ke-hoach/")
    page.get_by_role("link", name="Soạn kế hoạch").click()
    page.get_by_label("Trích yếu").fill("Phát động phong trào thi đua chào mừng Đại hội Đảng bộ xã")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Sửa dự thảo").wait_for()

    page.get_by_label("Thời gian thi đua từ ngày").fill("2026-04-01")
    page.get_by_label("Đến ngày", exact=True).fill("2026-09-30")
    page.get_by_label("Chức vụ người ký").fill("CHỦ TỊCH")
    page.get_by_label("Họ tên người ký").fill("Hà Đức Thắng")
    # A plan is not issued without its recipients.
    page.get_by_label("Nơi nhận", exact=True).fill("- UBND huyện;\n- Lưu: VT.")
    # The first blank row of each part is on the page already; "Thêm dòng" adds the second.
    first_sections = int(page.locator("#id_sections-TOTAL_FORMS").input_value()) - 1
    page.locator(f"[name='sections-{first_sections}-number']").fill("1.")
    page.locator(f"[name='sections-{first_sections}-kind']").select_option("content")
    page.locator(f"[name='sections-{first_sections}-position']").fill("10")
    page.locator(f"[name='sections-{first_sections}-body']").fill("Thi đua hoàn thành **xuất sắc** nhiệm vụ năm 2026.")
    add_row(page, "sections", {"position": "20", "level": "1", "number": "2.", "kind": "content",
                               "body": "Thi đua xây dựng nông thôn mới kiểu mẫu."})
    page.locator("[name='award_tiers-0-award_name']").fill("Giấy khen của Chủ tịch UBND xã")
    page.locator("[name='award_tiers-0-position']").fill("1")
    add_row(page, "award_tiers", {"position": "2", "award_name": "Bằng khen của Chủ tịch UBND tỉnh",
                                  "authority": "Chủ tịch UBND tỉnh", "quota": "1"})
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Xem trước văn bản").wait_for()

    plan = Plan.objects.get()
    assert [s.body[:20] for s in plan.sections.all()] == ["Thi đua hoàn thành *", "Thi đua xây dựng nôn"]
    assert [t.award_name for t in plan.award_tiers.all()] == ["Giấy khen của Chủ tịch UBND xã",
                                                              "Bằng khen của Chủ tịch UBND tỉnh"]
    preview = page.locator(".document-preview")
    assert "Thi đua xây dựng nông thôn mới kiểu mẫu." in preview.inner_text()
    assert "ĐỘC LẬP" in preview.inner_text().upper()
    assert page.get_by_role("link", name="Ban hành").count() == 0  # a clerk does not issue

    log_in(page, "bob")
    page.goto(plan.get_absolute_url())
    page.get_by_role("link", name="Ban hành").click()
    page.get_by_label("Số văn bản").fill("12")
    page.get_by_label("Ngày ban hành").fill("2026-03-20")
    page.locator("#tom-tat-thao-tac", has_text="Nơi nhận").wait_for()
    page.get_by_role("button", name="Xác nhận ban hành").click()
    page.get_by_text("Đã ban hành kế hoạch Số: 12/KH-UBND").wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải PDF").click()
    path = download_info.value.path()
    with open(path, "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"
    context.close()


def test_a_commune_clerk_creates_an_implementing_plan_from_the_provinces(browser, live_server, cast, tree):
    province_plan = make_plan(tree.phu_tho, status="issued", number=188, issue_day=31, issue_month=5,
                              title="Phát động phong trào thi đua chào mừng kỷ niệm 80 năm Ngày Tổng tuyển cử")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, "alice")
    page.goto(province_plan.get_absolute_url())
    page.get_by_label("Lập kế hoạch triển khai cho đơn vị").select_option(label="Xã Hạ Hòa")
    page.get_by_role("button", name="Tạo kế hoạch triển khai").click()
    page.locator("#tom-tat-thao-tac", has_text="Xã Hạ Hòa").wait_for()
    page.get_by_role("button", name="Xác nhận tạo kế hoạch triển khai").click()
    page.get_by_role("heading", name="Sửa dự thảo").wait_for()
    assert "Thực hiện Kế hoạch số 188/KH-UBND" in page.get_by_label("Căn cứ, mở đầu").input_value()
    child = province_plan.implementing_plans.get()
    assert child.issuing_unit == tree.ha_hoa
    context.close()


def test_a_clerk_moves_a_part_down_with_the_keyboard_and_the_parts_are_renumbered(browser, live_server, cast, tree):
    plan = make_plan(tree.ha_hoa)
    first, second = plan.sections.order_by("position")
    PlanSection.objects.create(plan=plan, position=15, level=2, number="1.", heading="Yêu cầu", kind="purpose")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, "alice")
    page.goto(reverse("campaigns:plan_edit", args=[plan.pk]))
    assert page.get_by_label("Tự đánh số các mục theo cấp (I, 1, a)").is_checked()
    # The first part moves below the second together with its item "Yêu cầu".
    page.get_by_role("button", name="Xuống: chuyển mục dòng 1 xuống").focus()
    page.keyboard.press("Enter")
    page.get_by_text(f"Đã chuyển mục {first.heading} tới vị trí 2.").wait_for(state="attached")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Xem trước văn bản").wait_for()
    assert [(s.number, s.heading) for s in plan.sections.order_by("position")] == [
        ("I.", second.heading), ("II.", first.heading), ("1.", "Yêu cầu")]
    context.close()
