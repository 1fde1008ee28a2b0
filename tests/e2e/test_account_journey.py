"""A province's unit admin, on a phone, creates a commune clerk, grants a second role and gives a temporary
password; the clerk logs in with it and must choose her own first."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from units.models import Membership, SecurityEvent, User

from tests.e2e.conftest import log_in_with_the_form
from tests.e2e.test_accessibility import WCAG, assert_clean

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_unit_admin_creates_a_clerk_grants_a_role_and_resets_the_password(browser, phone, live_server, cast, tree):
    page, axe, checked = phone, Axe(), {}
    page.goto("/")
    log_in_with_the_form(page, "erin")
    page.goto("/quan-ly-tai-khoan/")
    page.get_by_role("heading", name="Tài khoản của đơn vị").wait_for()
    checked["danh sách tài khoản"] = axe.run(page, options=WCAG)
    assert fits_the_screen(page)

    # A clerk of Xã Hạ Hòa.
    page.get_by_role("link", name="Tạo tài khoản").click()
    page.get_by_label("Tên đăng nhập").fill("hahoa.tdkt")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Thư điện tử").fill("hoa@hahoa.gov.vn")
    page.get_by_label("Đơn vị").select_option(str(tree.ha_hoa.pk))
    page.get_by_label("Vai trò").select_option(Membership.Role.CLERK)
    checked["tạo tài khoản"] = axe.run(page, options=WCAG)
    assert fits_the_screen(page)
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Nguyễn Thị Hoa", level=1).wait_for()
    page.get_by_text("Đã tạo tài khoản “hahoa.tdkt”").wait_for()
    assert page.get_by_role("heading", name="Cán bộ TĐKT — Xã Hạ Hòa").is_visible()
    checked["tài khoản"] = axe.run(page, options=WCAG)
    assert fits_the_screen(page)

    # A second role: reviewer of Xã Hiền Lương.
    page.get_by_role("link", name="Cấp vai trò").click()
    page.get_by_label("Đơn vị").select_option(str(tree.hien_luong.pk))
    page.get_by_label("Vai trò").select_option(Membership.Role.REVIEWER)
    checked["cấp vai trò"] = axe.run(page, options=WCAG)
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Chuyên viên thẩm định — Xã Hiền Lương").wait_for()
    assert fits_the_screen(page)

    # A temporary password, shown once.
    page.get_by_role("link", name="Đặt lại mật khẩu").click()
    page.get_by_label("Tạo mật khẩu tạm thời").check()
    checked["đặt lại mật khẩu"] = axe.run(page, options=WCAG)
    page.get_by_role("button", name="Đặt lại mật khẩu").click()
    password = page.locator("#mat-khau-tam").inner_text().strip()
    checked["mật khẩu tạm thời"] = axe.run(page, options=WCAG)
    assert fits_the_screen(page)
    assert_clean(checked)

    clerk = User.objects.get(username="hahoa.tdkt")
    assert {(m.unit_id, m.role) for m in clerk.memberships.all()} == {
        (tree.ha_hoa.pk, Membership.Role.CLERK), (tree.hien_luong.pk, Membership.Role.REVIEWER)}
    assert set(SecurityEvent.objects.filter(user=cast.erin).values_list("action", flat=True)) >= {
        SecurityEvent.Action.ACCOUNT_CREATED, SecurityEvent.Action.ROLE_GRANTED, SecurityEvent.Action.PASSWORD_RESET}

    # The clerk logs in with it on her own phone.
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    her = context.new_page()
    her.goto("/")
    log_in_with_the_form(her, "hahoa.tdkt", password)
    # A temporary password: she chooses her own before anything else.
    her.get_by_role("heading", name="Đổi mật khẩu").wait_for()
    her.get_by_text("Mật khẩu của bạn là mật khẩu tạm thời do quản trị cấp.").wait_for()
    assert_clean({"mật khẩu tạm thời phải đổi": axe.run(her, options=WCAG)})
    assert fits_the_screen(her)
    her.goto("/ca-nhan/")
    her.get_by_role("heading", name="Đổi mật khẩu").wait_for()
    her.get_by_label("Mật khẩu cũ").fill(password)
    her.locator("#id_new_password1").fill("hoa-chon-mat-khau-2026")
    her.locator("#id_new_password2").fill("hoa-chon-mat-khau-2026")
    her.get_by_role("button", name="Đổi mật khẩu").click()
    her.get_by_role("heading", name="Đã đổi mật khẩu").wait_for()
    her.get_by_role("link", name="Về trang tổng quan").click()
    her.get_by_role("heading", name="Xin chào").wait_for()
    context.close()
    clerk.refresh_from_db()
    assert not clerk.must_change_password
