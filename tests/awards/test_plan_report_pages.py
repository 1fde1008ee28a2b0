"""The pages of reports on a plan's milestones, as who, doing what, with their query counts pinned."""

import datetime
import io

import docx
import pytest
from django.urls import reverse

from campaigns.models import Milestone, PlanSection

from awards.models import PlanReport

from tests.conftest import make_plan, make_unit

TODAY = datetime.date.today()


@pytest.fixture
def plan(tree):
    plan = make_plan(tree.phu_tho, status="issued", number=12)
    PlanSection.objects.create(plan=plan, position=30, level=1, number="III.", heading="NỘI DUNG THI ĐUA",
                               kind="content", body="Thi đua hoàn thành chỉ tiêu.")
    return plan


@pytest.fixture
def overdue(plan):
    return Milestone.objects.create(plan=plan, kind="midterm", date=TODAY - datetime.timedelta(days=4))


def status_url(plan, milestone):
    return f"{reverse('awards:plan_report_status', args=[plan.pk])}?moc={milestone.pk}"


def test_anonymous_is_sent_to_log_in(client, plan, overdue):
    assert client.get(status_url(plan, overdue)).status_code == 302


def test_another_provinces_clerk_does_not_find_the_page(login, cast, plan, overdue):
    assert login(cast.olga).get(status_url(plan, overdue)).status_code == 404


def test_a_plan_without_report_milestones_has_no_report_page(login, cast, plan):
    assert login(cast.dave).get(reverse("awards:plan_report_status", args=[plan.pk])).status_code == 404


def test_the_issuer_sees_who_is_late_and_who_has_not_started(login, cast, tree, plan, overdue):
    PlanReport.objects.create(milestone=overdue, unit=tree.hien_luong)
    page = login(cast.dave).get(status_url(plan, overdue)).content.decode()
    assert "Xã Hạ Hòa</th>\n    <td>Chưa báo cáo</td>\n    <td><span class=\"text-danger\">4 ngày</span>" in page
    assert "Xã Hiền Lương</th>\n    <td>Đang soạn</td>" in page
    assert "Tổng hợp từ 0 báo cáo đã gửi" in page


def test_the_issuer_counts_the_units_by_state_and_lists_those_it_waits_for(login, cast, tree, plan, overdue):
    PlanReport.objects.create(milestone=overdue, unit=tree.hien_luong)
    PlanReport.objects.create(milestone=overdue, unit=tree.ha_hoa, status="sent",
                              sent_at=datetime.datetime.now(datetime.UTC))
    dave = login(cast.dave)
    owed = tree.phu_tho.children.count()
    page = dave.get(status_url(plan, overdue)).content.decode()
    assert f"Tất cả ({owed})" in page and "Đã gửi (1)" in page and "Đang soạn (1)" in page
    assert f"Chưa báo cáo ({owed - 2})" in page
    waiting = dave.get(status_url(plan, overdue) + "&tinh_trang=chua-bao-cao").content.decode()
    assert "Xã Hạ Hòa</th>" not in waiting and "Xã Hiền Lương</th>" not in waiting
    assert waiting.count('<th scope="row">') == owed - 2
    assert 'aria-current="page" href="?moc=' in waiting
    sent = dave.get(status_url(plan, overdue) + "&tinh_trang=da-gui").content.decode()
    assert sent.count('<th scope="row">') == 1 and "Xã Hạ Hòa</th>" in sent
    # A province's clerk reads the reports; each commune writes its own.
    assert "Lập báo cáo" not in page


def test_a_commune_reports_and_the_province_returns_it(login, cast, tree, plan, overdue):
    alice = login(cast.alice)
    page = alice.get(status_url(plan, overdue)).content.decode()
    assert "Lập báo cáo" in page and "Tổng hợp từ" not in page
    response = alice.post(reverse("awards:plan_report_start", args=[plan.pk]),
                          {"moc": overdue.pk, "don_vi": tree.ha_hoa.pk})
    report = PlanReport.objects.get(milestone=overdue, unit=tree.ha_hoa)
    assert response.url == reverse("awards:plan_report", args=[report.pk])
    section = report.results.get().section_id
    bad = alice.post(response.url, {"units_taking_part": "-1", "people_taking_part": "x", "awards_given": 0,
                                    "proposals_made": 0, f"ket_qua_{section}": "Giữ lại chữ này."})
    assert bad.status_code == 400 and "Số không được âm." in bad.content.decode()
    assert "Giữ lại chữ này." in bad.content.decode()
    alice.post(response.url, {"units_taking_part": 4, "people_taking_part": 120, "awards_given": 2,
                              "proposals_made": 1, f"ket_qua_{section}": "Hoàn thành chỉ tiêu."})
    assert alice.post(reverse("awards:plan_report_send", args=[report.pk])).status_code == 403
    report.refresh_from_db()
    assert report.status == "draft"  # a clerk does not send

    bob = login(cast.bob)
    bob.post(reverse("awards:plan_report_send", args=[report.pk]))
    report.refresh_from_db()
    assert report.is_sent
    assert bob.post(reverse("awards:plan_report", args=[report.pk]), {"units_taking_part": 1}).status_code == 403

    dave = login(cast.dave)
    page = dave.get(status_url(plan, overdue)).content.decode()
    assert "Đã gửi ngày" in page and "Tổng hợp từ 1 báo cáo đã gửi" in page
    word = dave.get(f"{reverse('awards:plan_report_docx', args=[plan.pk])}?moc={overdue.pk}")
    cells = [c.text for t in docx.Document(io.BytesIO(word.content)).tables for row in t.rows for c in row.cells]
    assert "120" in cells and "Xã Hạ Hòa" in cells
    returned = dave.post(reverse("awards:plan_report_return", args=[report.pk]), {"reason": "Thiếu số liệu."})
    assert returned.status_code == 302
    report.refresh_from_db()
    assert report.status == "draft" and report.return_reason == "Thiếu số liệu."


def test_a_commune_does_not_download_the_consolidated_report(login, cast, plan, overdue):
    url = f"{reverse('awards:plan_report_docx', args=[plan.pk])}?moc={overdue.pk}"
    assert login(cast.alice).get(url).status_code == 403


def test_the_status_page_runs_the_same_queries_however_many_units(login, cast, tree, plan, overdue,
                                                                  django_assert_num_queries):
    client = login(cast.dave)
    counts = []
    for total in (5, 70):
        for i in range(tree.phu_tho.children.count(), total):
            unit = make_unit(f"Xã Số {i:03d}", "commune", tree.phu_tho)
            PlanReport.objects.create(milestone=overdue, unit=unit, status="sent", people_taking_part=2,
                                      sent_at=datetime.datetime.now(datetime.UTC))
        with django_assert_num_queries(14) as captured:
            response = client.get(status_url(plan, overdue))
        counts.append(len(captured))
        assert response.content.decode().count("<th scope=\"row\">") == min(total, 50)
    assert counts[0] == counts[1]
    assert "Tổng hợp từ 67 báo cáo đã gửi" in response.content.decode()


def test_the_plan_page_links_to_each_report_milestone(login, cast, plan, overdue):
    Milestone.objects.create(plan=plan, kind="launch", date=TODAY)
    page = login(cast.alice).get(plan.get_absolute_url()).content.decode()
    assert f'href="{status_url(plan, overdue).replace("&", "&amp;")}">Sơ kết: hạn {overdue.date:%d/%m/%Y}</a>' in page
    assert page.count("?moc=") == 1


def test_the_clerk_attaches_a_pdf_the_province_downloads_it_and_an_outsider_finds_nothing(login, cast, tree, plan,
                                                                                          overdue):
    from pypdf import PdfReader

    from tests.awards.pdf_files import pdf_upload

    report = PlanReport.objects.create(milestone=overdue, unit=tree.ha_hoa)
    alice = login(cast.alice)
    alice.post(reverse("awards:plan_report_attach", args=[report.pk]), {"file": pdf_upload("anh.pdf", pages=3)})
    refused = alice.post(reverse("awards:plan_report_attach", args=[report.pk]),
                         {"file": pdf_upload("sai.pdf", content=b"GIF89a")}, follow=True)
    assert report.attachments.count() == 1 and "Tệp “sai.pdf” không phải tệp PDF" in refused.content.decode()
    attachment = report.attachments.get()
    assert "anh.pdf</a> (3 trang)" in alice.get(reverse("awards:plan_report", args=[report.pk])).content.decode()
    response = login(cast.dave).get(reverse("awards:plan_report_file", args=[attachment.pk]))
    assert len(PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages) == 3
    assert login(cast.olga).get(reverse("awards:plan_report_file", args=[attachment.pk])).status_code == 404
