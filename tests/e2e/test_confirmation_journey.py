"""On her phone, a commune clerk sending a list sees what will be sent — how many lines, which awards,
to which unit — on a page that fits the screen and passes axe, and sends it by confirming."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from awards.models import NominationLine
from awards.services import nominations

from tests.awards.dossier_factories import load_rule_rows, make_list, people
from tests.awards.pdf_files import attach_missing
from tests.e2e.conftest import log_in_with_the_form
from tests.e2e.test_accessibility import WCAG, assert_clean

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_clerk_sending_a_list_on_her_phone_sees_the_summary_and_confirms(browser, live_server, cast, tree,
                                                                           central):
    load_rule_rows()
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    draft = make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TINH")],
                      title="Đề nghị khen thưởng năm 2026 của xã Hạ Hòa")
    for line in NominationLine.objects.filter(nomination_list=draft, eligible=False):
        nominations.override_eligibility(line, actor=cast.bob, reason="Thành tích đột xuất trong phòng chống lũ.")
    attach_missing(draft, actor=cast.alice)

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(reverse("login"))
    log_in_with_the_form(page, "alice")
    page.goto(reverse("awards:nomination_list_detail", args=[draft.pk]))
    page.get_by_role("link", name="Gửi danh sách đề nghị").click()

    page.get_by_role("heading", name="Gửi danh sách đề nghị khen thưởng").wait_for()
    summary = page.locator("#tom-tat-thao-tac").inner_text()
    assert "2 đề nghị" in summary and "2 cá nhân" in summary and "gửi Tỉnh Phú Thọ" in summary
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_clean({"xác nhận gửi danh sách": Axe().run(page, options=WCAG)})
    draft.refresh_from_db()
    assert draft.status == "draft"  # nothing is sent by looking

    page.get_by_role("button", name="Xác nhận gửi danh sách").click()
    page.get_by_text("Đã gửi danh sách đề nghị khen thưởng (").wait_for()
    draft.refresh_from_db()
    assert draft.status == "submitted"
    context.close()
