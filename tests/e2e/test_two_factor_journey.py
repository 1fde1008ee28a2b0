"""An approver on a phone turns on the second step with the QR page's secret, keeps the recovery codes, and
later logs in with one of them; every page of it passes axe-core's WCAG 2.1 A/AA rules and fits the screen."""

from base64 import b32decode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django_otp.oath import totp

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def type_password(page, username):
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_an_approver_enrols_on_a_phone_and_later_logs_in_with_a_recovery_code(phone, cast):
    page, axe, results = phone, Axe(), {}
    page.goto("/")
    type_password(page, "dave")
    page.get_by_role("heading", name="Bật xác thực hai bước").wait_for()
    assert page.locator(".qr-figure svg").is_visible() and fits_the_screen(page)
    results["bật"] = axe.run(page, options=WCAG)
    # What an authenticator app does with the typed secret: the code of the current 30 seconds.
    secret = page.locator("#khoa-bi-mat").inner_text().replace(" ", "")
    code = totp(b32decode(secret + "=" * (-len(secret) % 8)))
    page.get_by_label("Mã xác thực (6 chữ số)").fill(f"{code:06d}")
    page.get_by_role("button", name="Xác nhận và bật").click()
    page.get_by_role("heading", name="Mã dự phòng").wait_for()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and fits_the_screen(page)
    assert page.get_by_role("link", name="Tải về tệp văn bản").get_attribute("download") == "ma-du-phong-thi-dua.txt"
    results["mã dự phòng"] = axe.run(page, options=WCAG)
    page.get_by_role("link", name="Tôi đã lưu mã, tiếp tục").click()
    page.get_by_role("heading", name="Xin chào").wait_for()

    page.goto(reverse("units:account_security"))
    page.get_by_text("Đang bật").wait_for()
    assert page.get_by_text("Còn 10 mã dự phòng chưa dùng.").is_visible()
    results["bảo mật tài khoản"] = axe.run(page, options=WCAG)

    page.context.clear_cookies()
    page.goto(reverse("awards:dossier_inbox"))
    type_password(page, "dave")
    page.get_by_role("heading", name="Xác thực hai bước").wait_for()
    results["xác thực"] = axe.run(page, options=WCAG)
    page.get_by_label("Mã xác thực (6 chữ số)").fill("000000")
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_text("Mã không đúng hoặc đã hết hạn.").wait_for()
    results["xác thực sai mã"] = axe.run(page, options=WCAG)
    page.get_by_role("link", name="Dùng mã dự phòng").click()
    page.get_by_label("Mã dự phòng").fill(codes[0])
    page.keyboard.press("Enter")
    page.get_by_text("Đã dùng một mã dự phòng; còn 9 mã.").wait_for()
    assert page.url.endswith(reverse("awards:dossier_inbox")) and fits_the_screen(page)
    failing = {name: r.generate_report() for name, r in results.items() if r.violations_count}
    assert not failing, "\n\n".join(f"== {name}\n{report}" for name, report in failing.items())
