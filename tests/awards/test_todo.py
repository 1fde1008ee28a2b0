"""Việc cần làm: the home page lists the work waiting for each role, with counts, links and a badge in the menu."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Milestone

from awards.models import (
    ConsultationComment,
    DeadlineExtension,
    Dossier,
    NominationLine,
    Notification,
    PlanReport,
    PublicConsultation,
)
from awards.rules.workflow import Action as A
from awards.services import dossiers

from tests.awards.dossier_factories import R, line_for, make_list, official, people, refresh, submit
from tests.conftest import make_plan

pytestmark = pytest.mark.django_db
HOME = reverse("units:dashboard")


def todo_rows(html):
    """(label, count, link) of each row of the to-do list."""
    block = html.split('id="viec-can-lam"', 1)[1].split("</section>", 1)[0]
    return [(label, int(count), link) for link, label, count in re.findall(
        r'<a href="([^"]+)">([^<]+)</a>\s*<span class="badge[^"]*">(\d+)</span>', block)]


def badge(html):
    """What the menu's badge says to a screen reader, or None when there is none."""
    found = re.search(r'id="so-viec-can-lam"><span aria-hidden="true">(\d+)</span>'
                      r'<span class="visually-hidden">([^<]+)</span>', html)
    return found and (found.group(1), found.group(2))


def home(login, user):
    return login(user).get(HOME).content.decode()


def add_packet(tree, n, start=0):
    entries = [(person, "BK_TINH") for person in people(tree.hien_luong, [f"Cán bộ Số {start + i}" for i in range(n)])]
    clerk = official(f"hl-clerk-{start}", tree.hien_luong, R.CLERK)
    [dossier] = submit(make_list(tree.hien_luong, clerk, entries, title=f"Danh sách {start}"), clerk)
    return dossier


def test_it_shows_the_province_clerk_the_packet_to_receive_with_a_link_to_it(login, cast, province_clerk,
                                                                             submitted_dossier):
    html = home(login, province_clerk)
    assert todo_rows(html) == [("Hồ sơ chờ tiếp nhận", 1, reverse("awards:dossier_detail",
                                                                   args=[submitted_dossier.pk]))]
    assert badge(html) == ("1", "1 việc cần làm")


def test_it_links_to_the_inbox_when_several_packets_wait(login, cast, tree, province_clerk, submitted_dossier):
    add_packet(tree, 1)
    assert todo_rows(home(login, province_clerk)) == [("Hồ sơ chờ tiếp nhận", 2, reverse("awards:dossier_inbox"))]


def test_it_says_nothing_waits_and_shows_no_badge_when_nothing_does(login, cast):
    html = home(login, cast.olga)
    assert "Không có việc nào đang chờ" in html
    assert todo_rows(html) == []
    assert badge(html) is None


def test_the_count_goes_down_when_the_work_is_done(login, cast, province_clerk, submitted_dossier):
    dossiers.receive_dossier(submitted_dossier, actor=province_clerk)
    html = home(login, province_clerk)
    assert "Hồ sơ chờ tiếp nhận" not in html
    assert badge(html) is None
    # The packet now waits for the reviewer instead.
    assert [row[:2] for row in todo_rows(home(login, cast.carol))] == [("Hồ sơ chờ thẩm định", 1)]


def test_a_returned_packet_waits_for_the_commune_clerk_to_fix(login, cast, province_clerk, submitted_dossier):
    dossiers.receive_dossier(submitted_dossier, actor=province_clerk)
    packet = refresh(submitted_dossier)
    dossiers.return_dossier(packet, actor=cast.carol,
                            verdicts={line_for(packet, "BK_TTG").pk: (A.RETURN, "Thiếu số liệu.")})
    html = home(login, cast.alice)
    assert ("Hồ sơ bị trả lại chờ bổ sung, gửi lại", 1,
            reverse("awards:dossier_detail", args=[packet.pk])) in todo_rows(html)


def test_the_approver_who_reviewed_a_packet_is_not_asked_to_forward_it(login, cast, province_clerk,
                                                                       reviewed_dossier):
    assert [row[:2] for row in todo_rows(home(login, cast.dave))] == [
        ("Hồ sơ chờ chuyển lên cấp trên hoặc quyết định", 1)]
    Dossier.objects.filter(pk=reviewed_dossier.pk).update(reviewed_by=cast.dave)
    assert todo_rows(home(login, cast.dave)) == []


def test_a_line_short_of_the_standard_waits_for_the_leaders_confirmation(login, cast, tree, commune_list):
    NominationLine.objects.filter(nomination_list=commune_list).update(eligible=False)
    assert todo_rows(home(login, cast.bob))[0] == (
        "Đề nghị chưa đủ tiêu chuẩn chờ lãnh đạo xác nhận lý do", 2,
        reverse("awards:nomination_list_detail", args=[commune_list.pk]))
    assert not any("xác nhận" in label for label, _n, _link in todo_rows(home(login, cast.alice)))


def test_a_comment_waits_for_an_answer_from_the_units_staff(login, cast, tree, province_clerk):
    today = timezone.localdate()
    consultation = PublicConsultation.objects.create(unit=tree.phu_tho, title="Lấy ý kiến", opens_on=today,
                                                     closes_on=today, days=5, created_by=province_clerk)
    ConsultationComment.objects.create(consultation=consultation, name="Nguyễn Văn Dân", text="Đồng ý.",
                                       created_at=timezone.now())
    expected = ("Ý kiến góp ý chờ trả lời", 1, reverse("awards:consultation_detail", args=[consultation.pk]))
    assert expected in todo_rows(home(login, province_clerk))
    assert expected in todo_rows(home(login, cast.carol))
    assert expected not in todo_rows(home(login, cast.dave))


def test_a_plan_from_above_waits_until_the_commune_implements_it(login, cast, tree, plan):
    row = ("Kế hoạch cấp trên chưa triển khai", 1, reverse("campaigns:plan_detail", args=[plan.pk]))
    assert row in todo_rows(home(login, cast.alice))
    assert row not in todo_rows(home(login, cast.olga))  # another province's plan is not hers
    make_plan(tree.ha_hoa, title="Triển khai kế hoạch của tỉnh", parent_plan=plan)
    assert row not in todo_rows(home(login, cast.alice))


def test_it_lists_the_plans_dossier_deadline_with_the_days_left(login, cast, tree, plan):
    html = home(login, cast.alice)
    assert "Hạn sắp đến" in html
    assert f"Hạn {plan.dossier_deadline:%d/%m/%Y} · còn 10 ngày" in re.sub(r"\s+", " ", html)


def test_an_overdue_deadline_comes_first(login, cast, tree, plan):
    late = make_plan(tree.phu_tho, title="Kế hoạch quá hạn", status="issued",
                     dossier_deadline=timezone.localdate() - datetime.timedelta(days=3))
    html = re.sub(r"\s+", " ", home(login, cast.alice))
    assert "quá hạn 3 ngày" in html
    assert html.index(late.title) < html.index(plan.title)


def test_a_sent_list_takes_the_plans_deadline_off_the_list(login, cast, tree, plan, central):
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH")], plan=plan), cast.alice)
    assert "Hạn sắp đến" not in home(login, cast.alice)


def test_it_shows_the_latest_notifications(login, cast):
    Notification.objects.create(recipient=cast.alice, verb="return", text="Hồ sơ số 7 bị trả lại.", link="/ho-so/7/")
    assert "Hồ sơ số 7 bị trả lại." in home(login, cast.alice)


@pytest.mark.parametrize("waiting", [1, 6])
def test_the_home_page_runs_a_fixed_number_of_queries(client, login, cast, tree, province_clerk, submitted_dossier,
                                                      waiting, django_assert_num_queries):
    for start in range(waiting - 1):
        add_packet(tree, 2, start=100 * (start + 1))
    client = login(province_clerk)
    # 9 of the page itself; counts 2, the inbox 3, the province's reports owed above it 1, notifications 1
    with django_assert_num_queries(16):
        html = client.get(HOME).content.decode()
    assert todo_rows(html)[0][:2] == ("Hồ sơ chờ tiếp nhận", waiting)


@pytest.mark.parametrize("plans", [1, 5])
def test_the_commune_home_page_runs_a_fixed_number_of_queries_however_many_plans(
        client, login, cast, tree, plans, django_assert_num_queries):
    soon = timezone.localdate() + datetime.timedelta(days=5)
    for i in range(plans):
        plan = make_plan(tree.phu_tho, title=f"Kế hoạch số {i}", status="issued", dossier_deadline=soon)
        DeadlineExtension.objects.create(plan=plan, unit=tree.ha_hoa, new_deadline=soon + datetime.timedelta(days=1),
                                         reason="Mưa lũ.", granted_by=cast.dave)
        Milestone.objects.create(plan=plan, kind="report", date=soon + datetime.timedelta(days=2))
        Milestone.objects.create(plan=plan, kind="midterm", date=timezone.localdate() - datetime.timedelta(days=4))
    client = login(cast.alice)
    # 9 of the page itself; counts 2, the inbox 1 (empty), plans' deadlines 4, reports owed 1, notifications 1
    with django_assert_num_queries(18):
        html = client.get(HOME).content.decode()
    assert ("Kế hoạch cấp trên chưa triển khai", plans) in [row[:2] for row in todo_rows(html)]
    assert ("Báo cáo kết quả thực hiện kế hoạch cần gửi", 2 * plans) in [row[:2] for row in todo_rows(html)]
    text = re.sub(r"\s+", " ", html)
    assert text.count("· còn 6 ngày") == plans
    assert text.count("· còn 7 ngày") == plans and text.count("quá hạn 4 ngày") == plans


def deadline_rows(html):
    """(label, unit, due and days) of each row of the coming deadlines, as the page reads."""
    block = html.split('id="han-sap-den"', 1)[1].split("</section>", 1)[0]
    return [(label, unit, " ".join(rest.split())) for label, unit, rest in re.findall(
        r'<a href="[^"]+">([^<]+)</a>(?: <span[^>]*>\(([^)]*)\)</span>)?\s*<div class="small">(.*?)</div>',
        block, re.S)]


@pytest.fixture
def report_due(tree):
    plan = make_plan(tree.phu_tho, title="Thi đua năm 2026", status="issued", number=12)
    return Milestone.objects.create(plan=plan, kind="final", date=timezone.localdate() + datetime.timedelta(days=5))


def test_the_commune_sees_the_report_it_owes_with_its_date_and_a_link(login, cast, tree, report_due):
    html = home(login, cast.alice)
    row = ("Báo cáo tổng kết thực hiện kế hoạch “Thi đua năm 2026”", tree.ha_hoa.name,
           f"Hạn {report_due.date:%d/%m/%Y} · còn 5 ngày")
    assert row in deadline_rows(html)
    assert (f'href="{reverse("awards:plan_report_status", args=[report_due.plan_id])}?moc={report_due.pk}"'
            in html)
    assert row in deadline_rows(home(login, cast.bob))  # the approver who sends it
    issuer = home(login, cast.dave)  # the province asks for the report, it owes none
    assert "Thi đua năm 2026”" not in issuer.split('id="han-sap-den"', 1)[-1].split("</section>", 1)[0]


def test_an_overdue_report_is_marked_and_comes_first(login, cast, tree, report_due):
    Milestone.objects.filter(pk=report_due.pk).update(date=timezone.localdate() - datetime.timedelta(days=3))
    rows = deadline_rows(home(login, cast.alice))
    assert rows[0][0] == "Báo cáo tổng kết thực hiện kế hoạch “Thi đua năm 2026”"
    assert rows[0][2].endswith('<strong class="text-danger">quá hạn 3 ngày</strong>')


def test_a_sent_report_a_distant_date_or_a_meeting_is_not_listed(login, cast, tree, report_due):
    plan = report_due.plan
    Milestone.objects.create(plan=plan, kind="report", date=timezone.localdate() + datetime.timedelta(days=30))
    Milestone.objects.create(plan=plan, kind="launch", date=timezone.localdate() + datetime.timedelta(days=2))
    assert [row[0] for row in deadline_rows(home(login, cast.alice))].count(
        "Báo cáo tổng kết thực hiện kế hoạch “Thi đua năm 2026”") == 1
    PlanReport.objects.create(milestone=report_due, unit=tree.ha_hoa, status="sent", sent_at=timezone.now())
    html = home(login, cast.alice)
    assert "Thi đua năm 2026”" not in (html.split('id="han-sap-den"', 1)[-1].split("</section>", 1)[0]
                                       if 'id="han-sap-den"' in html else "")


def test_a_commune_that_implemented_a_plan_from_further_up_owes_its_report(login, cast, tree):
    central_plan = make_plan(tree.phu_tho, title="Kế hoạch tỉnh", status="issued")
    make_plan(tree.ha_hoa, title="Kế hoạch xã", status="issued", parent_plan=central_plan)
    Milestone.objects.create(plan=central_plan, kind="report", date=timezone.localdate() + datetime.timedelta(days=1))
    labels = [row[0] for row in deadline_rows(home(login, cast.alice))]
    assert "Báo cáo kết quả thực hiện kế hoạch “Kế hoạch tỉnh”" in labels
