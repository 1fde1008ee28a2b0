"""The council secretary's session page in Chromium: as members are ticked present the attendance count and the
quorum update without a reload, each candidate's threshold from the vote rules stands beside its tally, and a
second screen (the province approver's) follows what the secretary saves."""

import pytest
from django.urls import reverse

from tests.awards.council_factories import make_council, open_session, reviewed_packet
from tests.awards.dossier_factories import R, load_rule_rows, official
from tests.e2e.conftest import log_in_with_the_form
from tests.e2e.test_accessibility import WCAG

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(browser, live_server, username, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(reverse("login"))
    log_in_with_the_form(page, username)
    page.get_by_role("heading", name="Xin chào").wait_for()
    return context, page


def test_the_secretary_sees_attendance_and_quorum_update_as_members_are_ticked(browser, live_server, cast, tree,
                                                                            central):
    from axe_playwright_python.sync_playwright import Axe

    load_rule_rows()
    cast.tree, cast.phuong = tree, official("phuong", tree.phu_tho, R.CLERK)
    cast.sarah = official("sarah", tree.phu_tho, R.SECRETARY)
    make_council(tree.phu_tho)
    reviewed_packet(cast, tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    session = open_session(cast)
    address = reverse("awards:council_session_detail", args=[session.pk])

    context, page = log_in(browser, live_server, "sarah", 390)
    page.goto(address)
    page.evaluate("window.notReloaded = true")
    attendance = page.locator("#tuc-so")
    assert attendance.inner_text().startswith("0/12 thành viên dự họp")
    assert page.locator("#so-lieu-truc-tiep").get_attribute("aria-live") == "polite"
    # Beside each candidate's tally: the share the vote rule asks of the whole council.
    row = page.locator("#bang-bo-phieu tbody tr").first
    assert "Cần từ 80% tổng số thành viên hội đồng" in row.inner_text()

    boxes = page.locator("#diem-danh input[type=checkbox]")
    for i in range(7):
        boxes.nth(i).check()
    page.locator("#tuc-so", has_text="7/12 thành viên dự họp").wait_for()
    assert "chưa đủ điều kiện biểu quyết" in attendance.inner_text()
    boxes.nth(7).check()
    page.locator("#tuc-so", has_text="8/12 thành viên dự họp").wait_for()
    assert attendance.inner_text().endswith("— đủ điều kiện biểu quyết.")
    assert "text-success" in attendance.get_attribute("class")
    assert "Có thể gửi phiếu bằng văn bản: Đinh Thu Trang, Ngô Văn Nam, Hà Thị Mai, Đặng Văn Tiến." in page.locator(
        "#con-bieu-quyet").inner_text()
    row.locator("[data-threshold]", has_text="(10/12 phiếu)").wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    result = Axe().run(page, options=WCAG)
    assert not result.violations_count, result.generate_report()

    # The approver watches on another screen; the secretary saves, and his page follows without a reload.
    watcher_context, watcher = log_in(browser, live_server, "dave", 1280)
    watcher.goto(address)
    watcher.evaluate("window.notReloaded = true")
    assert watcher.locator("#tuc-so").inner_text().startswith("0/12")
    name = "Nguyễn Văn An"
    page.get_by_label(f"Đồng ý (dự họp) — {name}", exact=True).fill("8")
    page.get_by_label(f"Không đồng ý (dự họp) — {name}").fill("0")
    # What the minutes print besides the tallies: the method chosen, and a short analysis under each candidate.
    page.get_by_label("Hình thức biểu quyết").select_option(label="Biểu quyết giơ tay")
    page.get_by_label(f"Ý kiến, phân tích — {name}").fill("Thành tích tiêu biểu, được các thành viên thống nhất.")
    page.get_by_role("button", name="Lưu số liệu").click()
    page.get_by_text("Đã lưu số liệu phiên họp").wait_for()
    assert page.get_by_label("Hình thức biểu quyết").input_value() == "hands"
    assert page.get_by_label(f"Ý kiến, phân tích — {name}").input_value().startswith("Thành tích tiêu biểu")
    watcher.locator("#tuc-so", has_text="8/12 thành viên dự họp").wait_for(timeout=15_000)
    watcher_row = watcher.locator("#bang-bo-phieu tbody tr", has_text=name)
    watcher_row.locator("[data-tally]", has_text="8/12 phiếu").wait_for(timeout=15_000)
    assert "Còn có thể bỏ phiếu: 4 thành viên vắng mặt" in watcher_row.inner_text()
    assert watcher.evaluate("window.notReloaded") is True
    watcher.reload()
    assert "Biểu quyết giơ tay" in watcher.locator("#noi-dung-phien-hop").inner_text()
    assert "Thành tích tiêu biểu" in watcher.locator("#phan-tich-da-ghi + ul").inner_text()
    watcher_context.close()
    context.close()
