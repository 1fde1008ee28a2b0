"""A report of results on a phone: the province sees a commune late with its report, the commune clerk finds it
on her to-do list and writes it, the chairman sends it, and the province sees it received and downloads the
consolidated report in Word."""

import datetime
import io

import docx
import pytest
from django.urls import reverse

from units.models import Membership

from campaigns.models import Milestone, PlanSection

from tests.conftest import make_plan, make_user
from tests.e2e.conftest import assert_accessible, fits_the_screen, on_a_phone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = datetime.date.today()


def test_a_commune_reports_late_and_the_province_consolidates_it(browser, live_server, cast, tree):
    make_user("phuong", tree.phu_tho, Membership.Role.CLERK)
    plan = make_plan(tree.phu_tho, status="issued", number=12)
    PlanSection.objects.create(plan=plan, position=30, level=1, number="III.", heading="NỘI DUNG THI ĐUA",
                               kind="content", body="Thi đua hoàn thành chỉ tiêu.")
    due = Milestone.objects.create(plan=plan, kind="midterm", date=TODAY - datetime.timedelta(days=3))
    status_page = f"{reverse('awards:plan_report_status', args=[plan.pk])}?moc={due.pk}"

    # 1. The province's clerk sees Xã Hạ Hòa three days late, with nothing started.
    province = on_a_phone(browser, live_server, "phuong")
    province.goto(status_page)
    row = province.get_by_role("row", name="Xã Hạ Hòa")
    assert "Chưa báo cáo" in row.inner_text() and "3 ngày" in row.inner_text()
    assert_accessible(province)

    # 2. The commune's clerk finds the report on her to-do list and writes it.
    clerk = on_a_phone(browser, live_server, "alice")
    clerk.get_by_role("link", name="Báo cáo kết quả thực hiện kế hoạch cần gửi").click()
    clerk.get_by_role("row", name="Xã Hạ Hòa").get_by_role("button", name="Lập báo cáo").click()
    clerk.get_by_label("Số tập thể tham gia").fill("6")
    clerk.get_by_label("Số người tham gia").fill("150")
    clerk.get_by_label("Kết quả: III. NỘI DUNG THI ĐUA").fill("Hoàn thành 9/10 chỉ tiêu.")
    clerk.get_by_label("Đánh giá chung").fill("Phong trào lan tỏa tới các thôn.")
    clerk.get_by_role("button", name="Lưu báo cáo").click()
    clerk.get_by_text("Đã lưu báo cáo.").wait_for()
    assert fits_the_screen(clerk)
    assert_accessible(clerk)
    report_url = clerk.url

    # 3. The chairman sends it.
    chair = on_a_phone(browser, live_server, "bob")
    chair.goto(report_url)
    chair.get_by_role("button", name="Gửi báo cáo lên Tỉnh Phú Thọ").click()
    chair.get_by_text("Đã gửi báo cáo lên Tỉnh Phú Thọ.").wait_for()

    # 4. The province sees it received (still three days late) and downloads the consolidated report.
    province.goto(status_page)
    row = province.get_by_role("row", name="Xã Hạ Hòa")
    assert "Đã gửi ngày" in row.inner_text() and "3 ngày" in row.inner_text()
    assert "150" in province.locator("#so-lieu-tong-hop").inner_text()
    with province.expect_download() as info:
        province.get_by_role("link", name="Tải báo cáo tổng hợp (Word)").click()
    word = docx.Document(io.BytesIO(open(info.value.path(), "rb").read()))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Kết quả thực hiện Kế hoạch số 12/KH-UBND" in text and "Hoàn thành 9/10 chỉ tiêu." in text
