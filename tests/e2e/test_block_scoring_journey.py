"""A block's year end on a phone: the member commune's clerk fills its self-score sheet with evidence, attaches a
PDF to a criterion and sends it after the confirmation, the head commune's clerk opens the PDF and adjusts a line
with a reason, closes the scoring and reads the ranking, whose tie is broken by the block's first rule."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from units.models import Membership

from awards.services import blocks

from tests.awards.pdf_files import tiny_pdf
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, fits_the_screen, on_a_phone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_member_fills_its_score_and_the_head_ranks_the_block(browser, live_server, cast, tree):
    make_user("hana", tree.hien_luong, Membership.Role.CLERK)
    block = blocks.create_block(tree.phu_tho, actor=cast.dave, year=2026, name="Cụm các xã",
                                units=[tree.ha_hoa, tree.hien_luong])
    group = blocks.add_score_group(block, actor=cast.dave, name="Thực hiện nhiệm vụ", max_points=D(60))
    tasks = blocks.add_criterion(group, actor=cast.dave, name="Chỉ tiêu kinh tế", max_points=D(60))
    other = blocks.add_score_group(block, actor=cast.dave, name="Phong trào", max_points=D(40))
    movement = blocks.add_criterion(other, actor=cast.dave, name="Phong trào thi đua", max_points=D(40))
    head = block.members.get(unit=tree.ha_hoa)
    blocks.save_self_score(head, actor=cast.alice, criterion=tasks, points=D(50))
    blocks.save_self_score(head, actor=cast.alice, criterion=movement, points=D(30))
    blocks.send_score_sheet(head, actor=cast.alice)

    # 1. Hiền Lương's clerk opens the block from the list of the year and fills the sheet.
    page = on_a_phone(browser, live_server, "hana")
    page.goto(reverse("awards:block_list") + "?nam=2026")
    page.get_by_role("link", name="Cụm các xã").click()
    page.get_by_role("link", name="Bảng tự chấm điểm của Xã Hiền Lương").click()
    page.get_by_role("heading", name="Bảng tự chấm điểm — Xã Hiền Lương").wait_for()
    assert fits_the_screen(page)
    assert_accessible(page)
    page.get_by_label("Điểm: Chỉ tiêu kinh tế").fill("61")
    page.get_by_label("Minh chứng: Chỉ tiêu kinh tế").fill("Báo cáo tổng kết năm, trang 4")
    page.get_by_label("Điểm: Phong trào thi đua").fill("40")
    page.get_by_role("button", name="Lưu điểm").click()
    page.get_by_text("Điểm tối đa của tiêu chí này là 60").wait_for()
    assert page.get_by_label("Minh chứng: Chỉ tiêu kinh tế").input_value() == "Báo cáo tổng kết năm, trang 4"
    page.get_by_label("Điểm: Chỉ tiêu kinh tế").fill("45")
    page.get_by_role("button", name="Lưu điểm").click()
    page.get_by_text("Đã lưu điểm 2 tiêu chí.").wait_for()
    page.get_by_label("Tệp minh chứng (PDF): Chỉ tiêu kinh tế").set_input_files(
        files=[{"name": "bao-cao-tong-ket.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf(2)}])
    page.get_by_role("button", name="Tải lên tệp minh chứng cho “Chỉ tiêu kinh tế”").click()
    page.get_by_text("Đã thêm minh chứng bao-cao-tong-ket.pdf.").wait_for()
    assert fits_the_screen(page)
    assert_accessible(page)
    page.get_by_role("link", name="Gửi trưởng khối").click()
    page.get_by_role("button", name="Gửi trưởng khối").click()
    page.get_by_text("Đã gửi bảng tự chấm điểm đến trưởng khối.").wait_for()

    # 2. The head's clerk lowers a line with a reason: 45 + 40 = 85 becomes 45 + 35 = 80, level with 50 + 30.
    head_page = on_a_phone(browser, live_server, "alice")
    head_page.goto(reverse("awards:block_detail", args=[block.pk]))
    head_page.get_by_role("link", name="Chấm kiểm tra chéo").nth(1).click()
    with head_page.expect_download() as opened:
        head_page.get_by_role("link", name="bao-cao-tong-ket.pdf").click()
    assert opened.value.suggested_filename == "bao-cao-tong-ket.pdf"
    with open(opened.value.path(), "rb") as evidence:
        assert evidence.read() == tiny_pdf(2)
    head_page.get_by_label("Điểm: Phong trào thi đua").fill("35")
    head_page.get_by_label("Lý do: Phong trào thi đua").fill("Thiếu minh chứng hội thi")
    head_page.get_by_label("Lý do: Phong trào thi đua").press("Enter")
    head_page.get_by_text("Đã lưu điểm kiểm tra chéo.").wait_for()

    # 3. The head closes the scoring after the confirmation and reads the ranking.
    head_page.goto(reverse("awards:block_detail", args=[block.pk]))
    head_page.get_by_role("link", name="Chốt điểm").click()
    head_page.get_by_role("button", name="Chốt điểm").click()
    head_page.get_by_role("heading", name="Xếp hạng Cụm các xã năm 2026").wait_for()
    assert_accessible(head_page)
    rows = head_page.locator("#bang-xep-hang tbody tr")
    assert [rows.nth(0).locator("td").nth(i).inner_text() for i in (0, 1)] == ["1", "Xã Hạ Hòa"]
    assert "nhiều điểm hơn ở nhóm tiêu chí thứ nhất" in rows.nth(1).inner_text()
