"""A province reviewer's and a province approver's day: each starts from "Việc cần làm" on the home page, follows
its links to the work, does it, and ends the day with nothing waiting."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from awards.models import AwardRecord, Dossier, NominationLine
from awards.services import dossiers, nominations

from tests.awards.dossier_factories import R, approve_all, load_rule_rows, make_list, people, refresh, submit
from tests.e2e.conftest import log_in_with_the_form
from tests.e2e.test_accessibility import WCAG, assert_clean

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def a_packet_at_the_province(cast, tree):
    """Two people of Hạ Hòa proposed for the province's Bằng khen, sent up by the commune."""
    load_rule_rows()
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    draft = make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TINH")],
                      title="Đề nghị khen thưởng năm 2026 của xã Hạ Hòa")
    for line in NominationLine.objects.filter(nomination_list=draft, eligible=False):
        nominations.override_eligibility(line, actor=cast.bob, reason="Thành tích đột xuất trong phòng chống lũ.")
    [packet] = submit(draft, cast.alice)
    assert packet.receiver == tree.phu_tho
    return packet, (an, binh)


def home(browser, live_server, username, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(reverse("login"))
    log_in_with_the_form(page, username)
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    return context, page


def task(page, label):
    """The to-do row named ``label``: its count, and its link."""
    row = page.locator("#danh-sach-viec").get_by_role("listitem").filter(has_text=label)
    return row.locator(".badge").inner_text(), row.get_by_role("link")


def back_home(page):
    page.get_by_role("link", name="Thi đua", exact=True).click()
    page.get_by_role("heading", name="Việc cần làm").wait_for()


def test_a_province_reviewer_takes_in_and_appraises_a_packet_from_the_to_do_list(browser, live_server, cast, tree):
    cast.carol.memberships.create(unit=tree.phu_tho, role=R.CLERK)  # at the province the reviewer also takes in
    packet, _ = a_packet_at_the_province(cast, tree)
    context, page = home(browser, live_server, "carol")
    results = {"reviewer's home": Axe().run(page, options=WCAG)}

    count, link = task(page, "Hồ sơ chờ tiếp nhận")
    assert count == "1"
    link.click()
    page.wait_for_url(f"**{reverse('awards:dossier_detail', args=[packet.pk])}")
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    page.get_by_role("button", name="Ghi kết quả thẩm định").wait_for()
    assert refresh(packet).status == Dossier.Status.RECEIVED

    back_home(page)
    assert page.locator("#danh-sach-viec").get_by_text("Hồ sơ chờ tiếp nhận").count() == 0
    count, link = task(page, "Hồ sơ chờ thẩm định")
    assert count == "1"
    link.click()
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        page.get_by_role("group", name=f"Kết quả thẩm định: {name}").get_by_label("Đạt", exact=True).check()
    page.get_by_role("button", name="Ghi kết quả thẩm định").click()
    page.wait_for_url(f"**{reverse('awards:dossier_detail', args=[packet.pk])}*")
    assert refresh(packet).status == Dossier.Status.REVIEWED

    # Her part is done: the packet now waits for the approver, not for her.
    back_home(page)
    page.get_by_text("Không có việc nào đang chờ.").wait_for()
    assert page.locator("#so-viec-can-lam").count() == 0
    results["reviewer's home, day done"] = Axe().run(page, options=WCAG)
    context.close()
    assert_clean(results)


def test_a_province_approver_settles_a_packet_and_issues_the_decision_from_the_to_do_list(
        browser, live_server, cast, tree):
    packet, (an, binh) = a_packet_at_the_province(cast, tree)
    province_clerk = cast.carol
    province_clerk.memberships.create(unit=tree.phu_tho, role=R.CLERK)
    dossiers.receive_dossier(packet, actor=province_clerk)
    approve_all(refresh(packet), cast.carol)
    assert refresh(packet).status == Dossier.Status.REVIEWED

    context, page = home(browser, live_server, "dave", width=390)  # the leader on a phone
    count, link = task(page, "Hồ sơ chờ chuyển lên cấp trên hoặc quyết định")
    assert count == "1"
    link.click()
    page.wait_for_url(f"**{reverse('awards:dossier_detail', args=[packet.pk])}")
    page.get_by_role("button", name="Trình quyết định tại cấp này").click()

    # Settled here, the lines still wait for this level's decision: the to-do list keeps them until it is issued.
    back_home(page)
    count, link = task(page, "Hồ sơ chờ chuyển lên cấp trên hoặc quyết định")
    assert count == "1"
    link.click()
    page.get_by_role("link", name="Lập quyết định khen thưởng…").click()
    page.get_by_label("Họ tên người ký").fill("Trần Duy Đông")
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.get_by_role("link", name="Ban hành quyết định").click()
    # Issuing cannot be undone: the page first says what it will do.
    page.locator("#tom-tat-thao-tac", has_text="02 cá nhân").wait_for()
    page.get_by_role("button", name="Xác nhận ban hành quyết định").click()
    page.locator("#trang-thai-quyet-dinh", has_text="Đã ban hành").wait_for()
    assert set(AwardRecord.objects.filter(person__in=[an, binh]).values_list("award__code", flat=True)) == {"BK_TINH"}

    back_home(page)
    page.get_by_text("Không có việc nào đang chờ.").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    results = {"approver's home, day done": Axe().run(page, options=WCAG)}
    context.close()
    assert_clean(results)
