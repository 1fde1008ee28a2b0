"""The start of the year on a phone: the commune clerk registers two people and a collective and links a
registered initiative to the one recognised since, the chairman sends the sheet, takes it back with a reason
and sends it again, the province sees it counted in the roll-up of its communes and returns it, and the clerk
reads why."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardType, Initiative, YearlySheet

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




def register(page, *, named, person="", collective="", title, initiative=""):
    if person:
        page.get_by_label("Cá nhân (số CCCD hoặc họ và tên)").fill(person)
    if collective:
        page.get_by_label("Tập thể").select_option(label=collective)
    page.get_by_label("Danh hiệu thi đua đăng ký").select_option(label=title)
    if initiative:
        page.get_by_label("Tên sáng kiến đăng ký").fill(initiative)
    page.get_by_role("button", name="Thêm vào bảng").click()
    page.get_by_text(f"Đã thêm {named} vào bảng đăng ký năm {YEAR}.").wait_for()


def test_a_clerk_registers_the_commune_the_chairman_sends_and_the_province_counts_it(browser, live_server, cast,
                                                                                      tree):
    ldtt, cstd, ttldtt = titles()
    an = make_person("Nguyễn Văn An", tree.ha_hoa, cccd="025080001234")
    make_person("Trần Thị Bình", tree.ha_hoa, gender="female")
    # An's initiative, recognised by the commune since he registered it.
    recognised = Initiative.objects.create(title="Số hóa hồ sơ một cửa cấp xã", year=YEAR,
                                           recognising_body="UBND xã Hạ Hòa", decision_number="15/QĐ-UBND",
                                           decision_date=datetime.date(YEAR, 1, 20))
    recognised.authors.add(an)
    note = f"Đã công nhận: Số hóa hồ sơ một cửa cấp xã, Quyết định số 15/QĐ-UBND ngày 20/01/{YEAR}"

    # 1. The clerk opens the sheet from the commune's page and registers two people and a collective.
    page = on_a_phone(browser, live_server, "alice")
    page.goto(reverse("units:unit_detail", args=[tree.ha_hoa.pk]))
    page.get_by_role("link", name="Đăng ký thi đua đầu năm").click()
    page.get_by_role("heading", name="Đăng ký thi đua đầu năm — Xã Hạ Hòa").wait_for()
    assert fits_the_screen(page)
    assert_accessible(page)
    register(page, named="Nguyễn Văn An", person="025080001234", title=ldtt.name)
    register(page, named="Trần Thị Bình", person="Trần Thị Bình", title=cstd.name)
    register(page, named="Nguyễn Văn An", person="Nguyễn Văn An", title=cstd.name, initiative="Số hóa hồ sơ một cửa")
    office = "Văn phòng HĐND và UBND xã Hạ Hòa"
    register(page, named=office, collective="\u00a0" * 4 + office, title=ttldtt.name)  # indented by depth
    assert page.locator("#bang-dang-ky tbody tr").count() == 4
    # She links An's registered initiative to the recognised one.
    page.get_by_label("Sáng kiến được công nhận của Nguyễn Văn An").select_option(label=f"{recognised.title} ({YEAR})")
    page.get_by_role("button", name="Lưu sáng kiến của Nguyễn Văn An").click()
    page.get_by_text(f"Đã gắn sáng kiến “{recognised.title}” cho Nguyễn Văn An.").wait_for()
    assert note in page.locator("#bang-dang-ky").inner_text()
    assert fits_the_screen(page)
    assert_accessible(page)
    assert page.get_by_role("button", name="Gửi bảng đăng ký lên cấp trên").count() == 0  # the clerk cannot send
    page.context.close()

    # 2. The chairman sends it: the sheet is locked.
    page = on_a_phone(browser, live_server, "bob")
    page.goto(reverse("awards:yearly_sheet", args=[tree.ha_hoa.pk]))
    page.get_by_role("button", name="Gửi bảng đăng ký lên cấp trên").click()
    page.get_by_text(f"Đã gửi bảng đăng ký thi đua năm {YEAR} lên cấp trên.").wait_for()
    assert YearlySheet.objects.get(unit=tree.ha_hoa).status == YearlySheet.Status.SENT
    assert page.get_by_role("button", name="Thêm vào bảng").count() == 0
    # He takes it back to add a collective forgotten, saying why on the confirmation page, then sends it again.
    page.get_by_role("link", name="Rút lại bảng đăng ký").click()
    page.get_by_role("heading", name=f"Rút lại bảng đăng ký thi đua năm {YEAR}").wait_for()
    assert fits_the_screen(page)
    assert_accessible(page)
    page.get_by_role("button", name="Xác nhận rút lại").click()
    page.get_by_text("Ghi lý do để cán bộ TĐKT của đơn vị biết cần sửa gì.").wait_for()  # nothing was taken back
    assert YearlySheet.objects.get(unit=tree.ha_hoa).status == YearlySheet.Status.SENT
    page.get_by_label("Lý do").fill("Bổ sung đăng ký của Văn phòng.")
    page.get_by_role("button", name="Xác nhận rút lại").click()
    page.get_by_text(f"Đã rút lại bảng đăng ký thi đua năm {YEAR} về đang soạn.").wait_for()
    assert "Lý do: Bổ sung đăng ký của Văn phòng." in page.locator("#ly-do-tra-lai").inner_text()
    assert page.get_by_role("button", name="Thêm vào bảng").count() == 1
    page.get_by_role("button", name="Gửi bảng đăng ký lên cấp trên").click()
    page.get_by_text(f"Đã gửi bảng đăng ký thi đua năm {YEAR} lên cấp trên.").wait_for()
    page.context.close()

    # 3. The province reads the roll-up of its communes.
    page = on_a_phone(browser, live_server, "dave")
    page.goto(reverse("awards:yearly_rollup", args=[tree.phu_tho.pk]))
    page.get_by_role("heading", name=f"Tổng hợp đăng ký thi đua năm {YEAR}").wait_for()
    row = page.locator("#tong-hop-don-vi tr", has_text="Xã Hạ Hòa")
    assert "Đã gửi" in row.inner_text() and "Tập thể lao động tiên tiến (thử) (1)" in row.inner_text()
    assert "Lao động tiên tiến (thử): 1" in page.locator("#so-theo-danh-hieu").inner_text()
    assert note in row.inner_text()
    assert fits_the_screen(page)
    assert_accessible(page)

    # 4. The province returns the sheet with a reason; the clerk reads it on the sheet.
    row.get_by_role("link", name="Xã Hạ Hòa").click()
    page.get_by_role("link", name="Trả lại bảng đăng ký").click()
    page.get_by_label("Lý do").fill("Văn phòng chưa ghi hình thức khen thưởng.")
    page.get_by_role("button", name="Xác nhận trả lại").click()
    page.get_by_text(f"Đã trả lại bảng đăng ký thi đua năm {YEAR} cho Xã Hạ Hòa.").wait_for()
    page.context.close()
    page = on_a_phone(browser, live_server, "alice")
    page.goto(f"{reverse('awards:yearly_sheet', args=[tree.ha_hoa.pk])}?ky={YEAR}")
    notice = page.locator("#ly-do-tra-lai").inner_text()
    assert "Bảng đăng ký đã được trả lại" in notice and "Lý do: Văn phòng chưa ghi hình thức khen thưởng." in notice
    assert fits_the_screen(page)
    assert_accessible(page)
