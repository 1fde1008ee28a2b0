"""The person picker in Chromium on a phone: a commune clerk types "le minh" with the keyboard, picks the second
match with the arrow keys and Enter, adds the line, and the page opens at the new row with the message beside it."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from awards.models import Authority, AuthorityLevel, AwardType, RegulationVersion
from awards.services import nominations

from tests.conftest import make_person
from tests.e2e.conftest import log_in_with_the_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


def commune_award():
    # A transactional test cannot lean on rows the data migrations loaded: the award the commune chair grants
    # is made here, and one the State grants, which a commune's list must not offer.
    regulation, _ = RegulationVersion.objects.get_or_create(code="L22_D152", defaults={
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP", "valid_from": datetime.date(2025, 7, 1)})
    award = AwardType.objects.create(code="LDTT_E2E", name="Lao động tiên tiến (thử)", group=AwardType.Group.TITLE,
                                     for_individuals=True)
    Authority.objects.create(regulation=regulation, award=award, level=AuthorityLevel.COMMUNE,
                             office="Chủ tịch Ủy ban nhân dân cấp xã", valid_from=datetime.date(2025, 7, 1))
    order = AwardType.objects.create(code="HC_E2E", name="Huân chương Sao vàng (thử)", group=AwardType.Group.ORDER,
                                     for_individuals=True, for_collectives=True)
    Authority.objects.create(regulation=regulation, award=order, level=AuthorityLevel.STATE, office="Chủ tịch nước",
                             valid_from=datetime.date(2025, 7, 1))
    return award


def test_a_clerk_picks_the_second_namesake_with_the_keyboard_and_lands_at_the_new_row(phone, cast, tree):
    commune_award()
    make_person("Lê Minh Nam", tree.ha_hoa, date_of_birth=datetime.date(1985, 4, 2), position="Công chức tư pháp")
    quyet = make_person("Lê Minh Quyết", tree.van_phong, date_of_birth=datetime.date(1990, 11, 20),
                        position="Văn thư", cccd="025090004321")
    make_person("Lê Minh Ngoài", tree.nha_trang)  # another province: never offered
    annual = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026")
    for n in range(6):  # enough lines that the new one is far below the top of a phone's screen
        nominations.add_line(annual, actor=cast.alice, household=f"Hộ gia đình số {n + 1}, thôn Đồng Xuân",
                             award=AwardType.objects.create(code=f"GD_E2E_{n}", name=f"Gia đình văn hóa {n}",
                                                            group=AwardType.Group.TITLE, for_households=True))
    page = phone
    page.goto(reverse("login"))
    log_in_with_the_form(page, "alice")
    page.goto(reverse("awards:nomination_list_detail", args=[annual.pk]))

    award_field = page.get_by_label("Hình thức, danh hiệu")
    assert "Huân chương Sao vàng (thử)" not in award_field.inner_text()
    box = page.get_by_role("combobox", name="Cá nhân (số CCCD hoặc họ và tên)")
    box.focus()
    page.keyboard.type("le minh", delay=40)
    options = page.get_by_role("listbox", name="Cá nhân phù hợp").get_by_role("option")
    expect(options).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="Có 2 kết quả")).to_have_count(1)
    # Namesakes are told apart by birth date, position and unit.
    expect(options.nth(1)).to_contain_text("sinh 20/11/1990 · Văn thư · Văn phòng HĐND và UBND xã Hạ Hòa · CCCD …4321")
    expect(options.nth(0)).to_contain_text("Lê Minh Nam")
    assert Axe().run(page, options=WCAG).violations_count == 0

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(box).to_have_value("Lê Minh Quyết")
    expect(box).to_have_attribute("aria-expanded", "false")
    assert page.locator("#id_person").input_value() == str(quyet.pk)

    award_field.select_option(label="Lao động tiên tiến (thử)")
    page.get_by_role("button", name="Thêm vào danh sách").click()
    page.wait_for_url(lambda url: "#dong-" in url)
    line = annual.lines.get(person=quyet)
    assert page.url.endswith(f"?dong={line.pk}#dong-{line.pk}")
    row = page.locator(f"#dong-{line.pk}")
    expect(row).to_be_in_viewport()
    expect(row).to_have_class("row-just-changed")
    expect(row.locator(".row-message")).to_have_text("Đã thêm đề nghị Lê Minh Quyết (Lao động tiên tiến (thử)) "
                                                     "vào danh sách.")
    expect(row.locator(".row-message")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
