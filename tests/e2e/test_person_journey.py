"""A commune clerk, on a phone, finds a unit and registers a person; the portal stops a duplicate."""

import pytest
from playwright.sync_api import expect

from units.models import Person

from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in_with_the_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username):
    page.goto("/")
    log_in_with_the_form(page, username)
    page.get_by_role("heading", name="Xin chào").wait_for()


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def open_menu(page, link, group=None):
    if page.get_by_role("button", name="Mở menu").is_visible():
        page.get_by_role("button", name="Mở menu").click()
    if group:
        page.get_by_role("button", name=group).click()
    page.get_by_role("link", name=link, exact=True).click()


def fill_person(page, *, name, birth, cccd):
    page.get_by_label("Họ và tên").fill(name)
    page.get_by_label("Giới tính").select_option(label="Nam")
    page.get_by_label("Ngày sinh").fill(birth)
    page.get_by_label("Số CCCD").fill(cccd)
    page.get_by_label("Chức vụ, chức danh").fill("Chuyên viên")


def test_a_commune_clerk_finds_a_unit_creates_a_person_and_is_warned_of_a_duplicate(phone, cast, tree):
    page = phone
    log_in(page, "alice")
    assert fits_the_screen(page)

    # Find the commune by typing without diacritics.
    open_menu(page, "Đơn vị", group="Đơn vị, cá nhân")
    page.get_by_label("Tìm đơn vị theo tên").fill("ha hoa")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Xã Hạ Hòa", exact=True).click()
    page.get_by_role("heading", name="Xã Hạ Hòa", level=1).wait_for()
    assert fits_the_screen(page)

    # Register a person from the commune's page.
    page.get_by_role("link", name="Thêm cá nhân").click()
    assert page.get_by_label("Đơn vị công tác").input_value() == str(tree.ha_hoa.pk)
    fill_person(page, name="Nguyễn Văn Hùng", birth="1984-09-02", cccd="025084001122")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Nguyễn Văn Hùng", level=1).wait_for()
    assert page.get_by_text("02/09/1984").is_visible()
    assert fits_the_screen(page)

    # The same name and birth date again: the portal shows the existing person first.
    page.goto("/ca-nhan/them/")
    fill_person(page, name="nguyen van hung", birth="1984-09-02", cccd="")
    page.get_by_label("Đơn vị công tác").select_option(str(tree.van_phong.pk))
    page.get_by_role("button", name="Lưu").click()
    warning = page.locator("#canh-bao-trung")
    warning.get_by_text("Có thể người này đã có trong hệ thống").wait_for()
    assert page.get_by_label("Họ và tên").input_value() == "nguyen van hung"
    assert Person.objects.count() == 1

    # The same CCCD: refused, with a link to use the existing person instead.
    fill_person(page, name="Nguyễn Văn Hưng", birth="1985-01-01", cccd="025084001122")
    page.get_by_role("button", name="Lưu").click()
    warning.get_by_text("Người có số CCCD này đã có trong hệ thống").wait_for()
    warning.get_by_role("link", name="Dùng người đã có").click()
    page.get_by_role("heading", name="Nguyễn Văn Hùng", level=1).wait_for()
    assert Person.objects.count() == 1


def test_the_pages_work_with_the_keyboard_alone(phone, cast, tree):
    page = phone
    page.goto("/")
    # The user name field has the focus on arrival; Tab leads to the password.
    # The browser gives autofocus a moment after the load event: wait for it, or
    # the first keystroke lands nowhere.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Xin chào").wait_for()
    # On every other page the first Tab reaches the link that skips the menu.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Bỏ qua, đến nội dung chính"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
