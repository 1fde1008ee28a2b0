"""A commune clerk's day on her phone: the home page says what waits for her, she follows the link to the work,
does it, and comes back to a smaller count; her menu has no council."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from awards.models import Dossier
from awards.rules.workflow import Action as A
from awards.services import dossiers

from tests.awards.dossier_factories import R, line_for, load_rule_rows, make_list, official, people, refresh, submit
from tests.conftest import make_plan
from tests.e2e.conftest import log_in_with_the_form
from tests.e2e.test_accessibility import WCAG, assert_clean

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_commune_clerk_sees_her_work_does_it_and_the_count_goes_down(browser, live_server, cast, tree, central):
    load_rule_rows()
    make_plan(tree.phu_tho, title="Thi đua chào mừng Đại hội", status="issued", number=5, issue_day=4)
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    [packet] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TTG")]), cast.alice)
    province_clerk = official("phuong", tree.phu_tho, R.CLERK)
    dossiers.receive_dossier(packet, actor=province_clerk)
    packet = refresh(packet)
    dossiers.return_dossier(packet, actor=cast.carol,
                            verdicts={line_for(packet, "BK_TTG").pk: (A.RETURN, "Thiếu số liệu năm 2025.")})

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(reverse("login"))
    log_in_with_the_form(page, "alice")
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    results = {"tổng quan": Axe().run(page, options=WCAG)}

    todo = page.locator("#danh-sach-viec")
    returned = todo.get_by_role("listitem").filter(has_text="Hồ sơ bị trả lại")
    assert returned.locator(".badge").inner_text() == "1"
    assert todo.get_by_role("listitem").filter(has_text="Kế hoạch cấp trên chưa triển khai").count() == 1
    # On a phone the menu folds away: its button shows the total, and the menu's badge once opened.
    toggler = page.get_by_role("button", name="Mở menu, 2 việc cần làm")
    assert toggler.locator(".toggler-badge").inner_text() == "2"
    toggler.click()
    menu = page.get_by_role("navigation", name="Điều hướng chính")
    # Seen: "2"; heard: "Tổng quan, 2 việc cần làm".
    assert menu.locator('#so-viec-can-lam [aria-hidden="true"]').inner_text() == "2"
    assert menu.get_by_role("link", name="Tổng quan 2 việc cần làm").is_visible()
    menu.get_by_role("button", name="Xét, quyết định").click()
    assert menu.get_by_role("link", name="Quyết định").is_visible()
    assert menu.get_by_role("link", name="Hội đồng").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # She follows the link straight to the returned packet and sends it back.
    returned.get_by_role("link").click()
    page.wait_for_url(f"**{reverse('awards:dossier_detail', args=[packet.pk])}")
    page.get_by_role("link", name="Gửi lại hồ sơ…").click()
    page.get_by_role("button", name="Xác nhận gửi lại Tỉnh Phú Thọ").click()
    page.get_by_text("Đã gửi lại hồ sơ.").wait_for()
    assert Dossier.objects.get(pk=packet.pk).status == Dossier.Status.SUBMITTED

    # Back home, one thing less waits for her.
    page.get_by_role("link", name="Thi đua", exact=True).click()
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    assert page.locator("#danh-sach-viec").get_by_text("Hồ sơ bị trả lại").count() == 0
    assert page.locator("#so-viec-can-lam .visually-hidden").inner_text() == "1 việc cần làm"
    results["tổng quan, sau khi gửi lại"] = Axe().run(page, options=WCAG)
    context.close()
    assert_clean(results)
