"""A clerk's and a chair's day on a phone: the clerk enters the unit's ratings of the year in the grid, the
commune chair confirms two proposals that miss the standard with one written reason."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardType, Condition, Standard, TaskRating
from awards.services import nominations

from tests.conftest import make_person
from tests.e2e.conftest import assert_accessible, fits_the_screen, on_a_phone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

YEAR = datetime.date.today().year
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
REASON = "Cả hai có thành tích đột xuất trong đợt phòng chống lũ; biên bản họp xét kèm theo."


def award_with_a_standard():
    # A transactional test cannot lean on rows the data migrations loaded: the award is made here.
    award = AwardType.objects.create(code="LDTT_E2E", name="Lao động tiên tiến (thử)", group=AwardType.Group.TITLE,
                                     for_individuals=True)
    standard = Standard.objects.create(award=award, description="Hoàn thành tốt nhiệm vụ trở lên trong năm.")
    Condition.objects.create(standard=standard, operator=Condition.Operator.RATING, count=1,
                             rating=TaskRating.Rating.GOOD, description="Hoàn thành tốt nhiệm vụ trở lên")
    return award




def test_a_clerk_rates_the_unit_and_the_chair_confirms_two_lines_at_once(browser, live_server, cast, tree):
    award = award_with_a_standard()
    an = make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234")
    binh = make_person("Trần Thị Bình", tree.ha_hoa, gender="female")
    chi = make_person("Lê Văn Chí", tree.ha_hoa)
    draft = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=YEAR, title=f"Tổng kết năm {YEAR}")
    for person in (binh, chi):  # proposed before any rating of the year was entered
        nominations.add_line(draft, actor=cast.alice, person=person, award=award)

    # 1. The clerk opens the grid from the commune's page and rates three people in one save.
    page = on_a_phone(browser, live_server, "alice")
    page.goto(reverse("units:unit_detail", args=[tree.ha_hoa.pk]))
    page.get_by_role("link", name="Nhập xếp loại hằng năm").click()
    page.get_by_role("heading", name="Xếp loại hằng năm — Xã Hạ Hòa").wait_for()
    assert fits_the_screen(page)
    assert_accessible(page)
    for person, label in ((an, "Hoàn thành xuất sắc nhiệm vụ"), (binh, "Hoàn thành nhiệm vụ"),
                          (chi, "Hoàn thành tốt nhiệm vụ")):
        page.get_by_label(f"Xếp loại năm {YEAR} của {person.full_name}").select_option(label=label)
    page.get_by_role("button", name="Lưu xếp loại").click()
    page.get_by_text("Đã lưu xếp loại: thêm 3, sửa 0, xóa 0, giữ nguyên 0.").wait_for()
    stored = dict(TaskRating.objects.filter(year=YEAR).values_list("person__full_name", "rating"))
    assert stored == {"Nguyễn Văn An": "excellent", "Trần Thị Bình": "done", "Lê Văn Chí": "good"}
    assert page.get_by_label(f"Xếp loại năm {YEAR} của Lê Văn Chí").input_value() == "good"
    assert fits_the_screen(page)

    # On An's page, the clerk records his initiative of the year; the rows page of the unit reads well too.
    page.goto(an.get_absolute_url())
    page.locator("summary", has_text="Thêm sáng kiến").click()
    page.get_by_label("Tên sáng kiến").fill("Số hóa hồ sơ một cửa")
    page.get_by_label("Năm công nhận").fill(str(YEAR))
    page.get_by_label("Cơ quan công nhận").fill("UBND xã Hạ Hòa")
    assert fits_the_screen(page)
    assert_accessible(page)
    page.get_by_role("button", name="Lưu sáng kiến").click()
    page.get_by_text("Đã lưu sáng kiến.").wait_for()
    assert an.initiatives.get().title == "Số hóa hồ sơ một cửa"
    page.goto(reverse("awards:unit_records", args=[tree.ha_hoa.pk]))
    page.get_by_role("heading", name="Nhập sáng kiến, kỷ luật — Xã Hạ Hòa").wait_for()
    assert fits_the_screen(page)
    assert_accessible(page)
    page.context.close()

    # 2. The chair's home page says what waits for him; its link opens the list, where he ticks the two lines
    # that miss the standard and confirms them with one reason.
    chair = on_a_phone(browser, live_server, "bob")
    waiting = chair.locator("#danh-sach-viec").get_by_role("listitem").filter(
        has_text="Đề nghị chưa đủ tiêu chuẩn chờ lãnh đạo xác nhận lý do")
    assert waiting.locator(".badge").inner_text() == "2"
    waiting.get_by_role("link").click()
    chair.wait_for_url(f"**{reverse('awards:nomination_list_detail', args=[draft.pk])}")
    for name in ("Trần Thị Bình", "Lê Văn Chí"):
        chair.locator("#bang-de-nghi tbody tr", has_text=name).get_by_label("Chọn để xác nhận cùng lúc").check()
    chair.get_by_label("Lý do vẫn đề nghị khi chưa đủ tiêu chuẩn", exact=True).fill(REASON)
    assert fits_the_screen(chair)
    assert_accessible(chair)
    chair.get_by_role("button", name="Xác nhận các dòng đã chọn").click()
    chair.get_by_text("Đã xác nhận 2 đề nghị: Trần Thị Bình, Lê Văn Chí.").wait_for()
    lines = list(draft.lines.order_by("pk"))
    assert [(line.override_reason, line.override_by_id) for line in lines] == [(REASON, cast.bob.pk)] * 2
    assert chair.locator("#bang-de-nghi").get_by_text(REASON).count() == 2
    chair.get_by_role("link", name="Thi đua", exact=True).click()
    chair.get_by_text("Không có việc nào đang chờ.").wait_for()
    chair.context.close()
