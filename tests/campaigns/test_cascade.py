"""A lower unit implements a plan from above: prefilled, linked, and tracked on the parent."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import services
from campaigns.models import PlanSection

from tests.conftest import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_plan(tree):
    plan = make_plan(tree.phu_tho, status="issued", number=188, issue_day=31, issue_month=5,
                     title="Phát động phong trào thi đua chào mừng kỷ niệm 80 năm Ngày Tổng tuyển cử",
                     period_start=datetime.date(2026, 6, 1), period_end=datetime.date(2026, 12, 31))
    PlanSection.objects.create(plan=plan, position=15, level=1, number="II.", heading="NỘI DUNG THI ĐUA",
                               kind="content", body="1. Tuyên truyền về ý nghĩa của Ngày Tổng tuyển cử.")
    return plan


def test_a_commune_clerk_creates_the_communes_implementing_plan(login, cast, tree, province_plan):
    client = login(cast.alice)
    page = client.get(reverse("campaigns:plan_detail", args=[province_plan.pk]))
    assert list(page.context["implementing_units"]) == [tree.ha_hoa]
    response = client.post(reverse("campaigns:plan_implement", args=[province_plan.pk]), {"unit": tree.ha_hoa.pk})
    child = province_plan.implementing_plans.get()
    assert response.status_code == 302 and response["Location"] == reverse("campaigns:plan_edit", args=[child.pk])
    assert child.issuing_unit == tree.ha_hoa and child.status == "draft"
    assert child.preamble.startswith("Thực hiện Kế hoạch số 188/KH-UBND ngày 31/5/2026 của Ủy ban nhân dân "
                                     "tỉnh Phú Thọ về phát động phong trào thi đua")
    assert "Ủy ban nhân dân xã Hạ Hòa ban hành Kế hoạch triển khai thực hiện" in child.preamble
    reference = child.references.get()
    assert reference.referenced_plan == province_plan and reference.doc_number == "188/KH-UBND"
    assert [s.heading for s in child.sections.all()] == ["NỘI DUNG THI ĐUA"]
    assert (child.period_start, child.period_end) == (province_plan.period_start, province_plan.period_end)
    # The province's page now counts the commune as done.
    page = login(cast.dave).get(reverse("awards:plan_progress", args=[province_plan.pk]))
    [ha_hoa] = [unit for unit in page.context["page"].object_list if unit == tree.ha_hoa]
    assert ha_hoa.child_plan_id == child.pk and not ha_hoa.implemented  # a draft is not yet implementing


def test_an_implementing_period_must_lie_inside_the_parents(cast, tree, province_plan):
    child = services.create_implementing_plan(province_plan, actor=cast.alice, unit=tree.ha_hoa)
    child.period_end = datetime.date(2027, 3, 1)
    with pytest.raises(ValidationError, match="trong thời gian của kế hoạch cấp trên"):
        child.full_clean()


def test_a_draft_cannot_be_implemented(cast, tree):
    draft = make_plan(tree.phu_tho)
    with pytest.raises(PermissionDenied):
        services.create_implementing_plan(draft, actor=cast.alice, unit=tree.ha_hoa)


def test_a_clerk_cannot_implement_for_another_commune(login, cast, tree, province_plan):
    response = login(cast.alice).post(reverse("campaigns:plan_implement", args=[province_plan.pk]),
                                      {"unit": tree.hien_luong.pk})
    assert response.status_code == 404
    assert not province_plan.implementing_plans.exists()


def test_an_outsider_cannot_see_the_plan_to_implement_it(login, cast, tree, province_plan):
    response = login(cast.olga).post(reverse("campaigns:plan_implement", args=[province_plan.pk]),
                                     {"unit": tree.nha_trang.pk})
    assert response.status_code == 404


def test_the_calendar_starts_and_closes_plans(tree):
    from io import StringIO

    from django.core.management import call_command

    due = make_plan(tree.ha_hoa, status="issued", number=1, issue_day=1,
                    period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 6, 30))
    running = make_plan(tree.ha_hoa, status="issued", number=2, issue_day=1,
                        period_start=datetime.date(2026, 3, 1), period_end=datetime.date(2026, 12, 31))
    future = make_plan(tree.ha_hoa, status="issued", number=3, issue_day=1,
                       period_start=datetime.date(2026, 9, 1), period_end=datetime.date(2026, 12, 31))
    draft = make_plan(tree.ha_hoa, period_end=datetime.date(2026, 1, 31))
    out = StringIO()
    call_command("close_due_campaigns", ngay=datetime.date(2026, 7, 15), stdout=out)
    statuses = {p.pk: p.status for p in type(due).objects.all()}
    assert statuses == {due.pk: "closed", running.pk: "in_progress", future.pk: "issued", draft.pk: "draft"}
    assert "Bắt đầu thực hiện: 1 kế hoạch; kết thúc: 1 kế hoạch." in out.getvalue()


def test_an_implementing_plan_takes_only_the_awards_the_commune_may_grant(cast, tree, province_plan):
    from campaigns.models import AwardTier

    from awards.models import AwardType

    province_plan.award_tiers.all().delete()
    AwardTier.objects.create(plan=province_plan, position=1, award=AwardType.objects.get(code="BK_TINH"),
                             award_name="Bằng khen của Chủ tịch UBND tỉnh", authority="Chủ tịch UBND tỉnh")
    AwardTier.objects.create(plan=province_plan, position=2, award=AwardType.objects.get(code="GIAY_KHEN"),
                             award_name="Giấy khen của Chủ tịch UBND cấp xã", authority="Chủ tịch UBND cấp xã")
    child = services.create_implementing_plan(province_plan, actor=cast.alice, unit=tree.ha_hoa)
    assert [(t.award.code, t.award_name) for t in child.award_tiers.all()] == [
        ("GIAY_KHEN", "Giấy khen của Chủ tịch UBND cấp xã")]
