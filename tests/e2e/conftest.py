"""Browser tests: Playwright driving Debian's Chromium against the live test server."""

import os
import shutil

import pytest

# The sync Playwright API runs an event loop in the test thread; Django would otherwise
# refuse database access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
]


# What the browser refused under the portal's Content-Security-Policy during the current test: every
# context the tests open reports here, and a test that caused a refusal fails (an inline script or
# style that slipped into a template is a page that no longer works as written).
POLICY_VIOLATIONS = []
# A refusal also raises a DOM event; written to the console, it is caught with the browser's own message.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("Content Security Policy violation: " + event.violatedDirective + " " + (event.blockedURI || "inline")
                + " at " + event.sourceFile + ":" + event.lineNumber);
});
"""


def watch_policy(context):
    """Record in POLICY_VIOLATIONS every Content-Security-Policy refusal on the pages of ``context``."""
    context.add_init_script(REPORT_VIOLATIONS)

    def heard(message):
        if "Content Security Policy" in message.text:
            POLICY_VIOLATIONS.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", heard)
    return context


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Không tìm thấy Chromium tại {CHROMIUM}: cài gói Debian 'chromium' hoặc đặt CHROMIUM_PATH.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        new_context = browser.new_context
        browser.new_context = lambda *args, **kwargs: watch_policy(new_context(*args, **kwargs))
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def no_content_security_policy_violations():
    """Every browser test fails if a page it opened broke the policy."""
    POLICY_VIOLATIONS.clear()
    yield
    assert POLICY_VIOLATIONS == [], "\n".join(POLICY_VIOLATIONS)


@pytest.fixture
def phone(browser, live_server):
    """A page the width of a phone, pointed at the live server."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in_with_the_form(page, username, password=None):
    """On the login page: log in, and pass the second step for the users who owe it.

    An approver, secretary, unit admin or superuser is given a confirmed authenticator (as if they had
    enrolled) before the password is typed, and then types the code it shows now, computed from its key.
    """
    from units.models import User
    from units.two_factor import requires_two_factor

    from tests.conftest import PASSWORD, current_code, verified_device

    user = User.objects.get(username=username)
    device = verified_device(user) if requires_two_factor(user) else None
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password or PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    if device is not None:
        page.get_by_role("heading", name="Xác thực hai bước").wait_for()
        page.get_by_label("Mã xác thực (6 chữ số)").fill(current_code(device))
        page.get_by_role("button", name="Xác nhận").click()
        page.wait_for_url(lambda url: "/xac-thuc-hai-buoc/" not in url)


def on_a_phone(browser, live_server, username):
    """A new phone-width browser (390 px) logged in as ``username``, on the home page."""
    from django.urls import reverse

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(reverse("login"))
    log_in_with_the_form(page, username)
    page.get_by_role("heading", name="Xin chào").wait_for()
    return page


def fits_the_screen(page):
    """No sideways scrolling: the page is no wider than the window."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def assert_accessible(page):
    """axe finds no WCAG 2.1 AA violation on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.e2e.test_accessibility import WCAG

    result = Axe().run(page, options=WCAG)
    assert not result.violations_count, result.generate_report()
