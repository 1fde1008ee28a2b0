"""The start of the year on a phone: the commune clerk registers two people and a collective, the chairman
sends the sheet, and the province sees it counted in the roll-up of its communes."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardType, YearlySheet

from tests.conftest import make_person
from tests.e2e.conftest import assert_accessible, fits_the_screen, on_a_phone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

YEAR = datetime.date.today().year
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


def titles():
    # A transactional test cannot lean on rows the data migrations loaded: the titles are made here.
    make = AwardType.objects.create
    return (make(code="LDTT_E2E", name="Lao động tiên tiến (thử)", group=AwardType.Group.TITLE, for_individuals=True),
            make(code="CSTD_E2E", name="Chiến sĩ thi đua cơ sở (thử)", group=AwardType.Group.TITLE,
                 for_individuals=True),
            make(code="TTLDTT_E2E", name="Tập thể lao động tiên tiến (thử)", group=AwardType.Group.TITLE,
                 for_collectives=True))




def register(page, *, named, person="", collective="", title):
    if person:
        page.get_by_label("Cá nhân (số CCCD hoặc họ và tên)").fill(person)
    if collective:
        page.get_by_label("Tập thể").select_option(label=collective)
    page.get_by_label("Danh hiệu thi đua đăng ký").select_option(label=title)
    page.get_by_role("button", name="Thêm vào bảng").click()
    page.get_by_text(f"Đã thêm {named} vào bảng đăng ký năm {YEAR}.").wait_for()


def test_a_clerk_registers_the_commune_the_chairman_sends_and_the_province_counts_it(browser, live_server, cast,
                                                                                      tree):
    ldtt, cstd, ttldtt = titles()
    make_person("Nguyễn Văn An", tree.ha_hoa, cccd="025080001234")
    make_person("Trần Thị Bình", tree.ha_hoa, gender="female")

    # 1. The clerk opens the sheet from the commune's page and registers two people and a collective.
    page = on_a_phone(browser, live_server, "alice")
    page.goto(reverse("units:unit_detail", args=[tree.ha_hoa.pk]))
    page.get_by_role("link", name="Đăng ký thi đua đầu năm").click()
    page.get_by_role("heading", name="Đăng ký thi đua đầu năm — Xã Hạ Hòa").wait_for()
    assert fits_the_screen(page)
    assert_accessible(page)
    register(page, named="Nguyễn Văn An", person="025080001234", title=ldtt.name)
    register(page, named="Trần Thị Bình", person="Trần Thị Bình", title=cstd.name)
    office = "Văn phòng HĐND và UBND xã Hạ Hòa"
    register(page, named=office, collective="\u00a0" * 4 + office, title=ttldtt.name)  # indented by depth
    assert page.locator("#bang-dang-ky tbody tr").count() == 3
    assert fits_the_screen(page)
    assert page.get_by_role("button", name="Gửi bảng đăng ký lên cấp trên").count() == 0  # the clerk cannot send
    page.context.close()

    # 2. The chairman sends it: the sheet is locked.
    page = on_a_phone(browser, live_server, "bob")
    page.goto(reverse("awards:yearly_sheet", args=[tree.ha_hoa.pk]))
    page.get_by_role("button", name="Gửi bảng đăng ký lên cấp trên").click()
    page.get_by_text(f"Đã gửi bảng đăng ký thi đua năm {YEAR} lên cấp trên.").wait_for()
    assert YearlySheet.objects.get(unit=tree.ha_hoa).status == YearlySheet.Status.SENT
    assert page.get_by_role("button", name="Thêm vào bảng").count() == 0
    page.context.close()

    # 3. The province reads the roll-up of its communes.
    page = on_a_phone(browser, live_server, "dave")
    page.goto(reverse("awards:yearly_rollup", args=[tree.phu_tho.pk]))
    page.get_by_role("heading", name=f"Tổng hợp đăng ký thi đua năm {YEAR}").wait_for()
    row = page.locator("#tong-hop-don-vi tr", has_text="Xã Hạ Hòa")
    assert "Đã gửi" in row.inner_text() and "Tập thể lao động tiên tiến (thử) (1)" in row.inner_text()
    assert "Lao động tiên tiến (thử): 1" in page.locator("#so-theo-danh-hieu").inner_text()
    assert fits_the_screen(page)
    assert_accessible(page)
