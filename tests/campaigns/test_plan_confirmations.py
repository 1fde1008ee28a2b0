"""Issuing, starting and implementing a plan ask first, and a plan missing a required part is not issued."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns import services, workflow
from campaigns.models import Plan, PlanSection

from tests.conftest import make_plan

pytestmark = pytest.mark.django_db

ISSUE_DATE = datetime.date(2026, 3, 5)


def summary(response) -> dict:
    return {row.label: list(row.values) for row in response.context["confirmation"].rows}


@pytest.fixture
def draft(tree):
    return make_plan(tree.ha_hoa)


@pytest.fixture
def bare(tree):
    """A draft with a title only: no sections, no recipients, no signer."""
    plan = make_plan(tree.ha_hoa, recipients="", signer_title="", signer_name="")
    plan.sections.all().delete()
    return plan


def test_the_issue_page_says_who_receives_the_plan_before_issuing(login, cast, draft):
    page = login(cast.bob).get(reverse("campaigns:plan_issue", args=[draft.pk]))
    rows = summary(page)
    html = page.content.decode()
    assert rows["Nơi nhận (2)"] == ["- Như trên;", "- Lưu: VT."]
    assert rows["Hình thức khen thưởng"] == ["Giấy khen của Chủ tịch UBND xã"]
    assert rows["Đơn vị ban hành"] == ["Xã Hạ Hòa"]
    assert "Xác nhận ban hành" in html and "Quay lại" in html and 'name="number"' in html
    draft.refresh_from_db()
    assert draft.status == Plan.Status.DRAFT


def test_the_service_refuses_a_plan_missing_its_parts_and_names_them(cast, bare):
    with pytest.raises(ValidationError) as refused:
        services.issue_plan(bare, actor=cast.bob, number=7, issue_date=ISSUE_DATE)
    message = " ".join(refused.value.messages)
    for part in ("nội dung kế hoạch (các mục)", "nơi nhận", "chức vụ người ký", "họ tên người ký"):
        assert part in message
    bare.refresh_from_db()
    assert bare.status == Plan.Status.DRAFT and bare.number is None


def test_the_issue_page_lists_what_is_missing_with_links_and_offers_no_button(login, cast, bare):
    page = login(cast.bob).get(reverse("campaigns:plan_issue", args=[bare.pk]))
    html = page.content.decode()
    edit = reverse("campaigns:plan_edit", args=[bare.pk])
    assert "Chưa ban hành được: kế hoạch còn thiếu" in html
    for anchor, label in (("sections-forms", "Nội dung kế hoạch (các mục)"), ("id_recipients", "Nơi nhận"),
                          ("id_signer_title", "Chức vụ người ký"), ("id_signer_name", "Họ tên người ký")):
        assert f'<a href="{edit}#{anchor}">{label}</a>' in html
    assert "Xác nhận ban hành" not in html
    response = login(cast.bob).post(reverse("campaigns:plan_issue", args=[bare.pk]),
                                    {"number": 7, "issue_date": "2026-03-05"})
    assert response.status_code == 200 and "Chưa ban hành được" in response.content.decode()
    bare.refresh_from_db()
    assert bare.status == Plan.Status.DRAFT


def test_the_plan_page_lists_what_is_missing_while_it_is_a_draft(login, cast, bare, draft):
    html = login(cast.alice).get(bare.get_absolute_url()).content.decode()
    assert 'id="ke-hoach-con-thieu"' in html and "Họ tên người ký" in html
    assert 'id="ke-hoach-con-thieu"' not in login(cast.alice).get(draft.get_absolute_url()).content.decode()


def test_a_signature_on_behalf_needs_the_name_of_whom(tree):
    plan = make_plan(tree.ha_hoa, sign_prefix=Plan.SignPrefix.KT, sign_on_behalf="")
    assert [m.anchor for m in workflow.missing_for_issue(plan)] == ["id_sign_on_behalf"]
    PlanSection.objects.filter(plan=plan).update(heading="", body="  ")
    assert [m.anchor for m in workflow.missing_for_issue(plan)] == ["sections-forms", "id_sign_on_behalf"]


@pytest.fixture
def province_plan(tree):
    plan = make_plan(tree.phu_tho, status="issued", number=188, issue_day=31, issue_month=5,
                     period_start=datetime.date(2026, 6, 1), period_end=datetime.date(2026, 12, 31))
    PlanSection.objects.create(plan=plan, position=15, level=1, number="II.", heading="NỘI DUNG THI ĐUA",
                               kind="content", body="1. Tuyên truyền.")
    return plan


def test_implementing_a_plan_asks_first_and_says_what_is_copied(login, cast, tree, province_plan):
    url = reverse("campaigns:plan_implement", args=[province_plan.pk])
    page = login(cast.alice).get(url, {"unit": tree.ha_hoa.pk})
    rows = summary(page)
    html = page.content.decode()
    assert rows["Đơn vị lập kế hoạch"] == ["Xã Hạ Hòa"]
    assert "1 mục nội dung thi đua" in rows["Được chép sang"]
    assert f'name="unit" value="{tree.ha_hoa.pk}"' in html and "Xác nhận tạo kế hoạch triển khai" in html
    assert not province_plan.implementing_plans.exists()
    assert login(cast.alice).get(url, {"unit": tree.hien_luong.pk}).status_code == 404


def test_starting_a_plan_asks_first(login, cast, tree):
    plan = make_plan(tree.ha_hoa, status="issued", number=3, issue_day=2)
    url = reverse("campaigns:plan_action", args=[plan.pk, "start"])
    page = login(cast.bob).get(url)
    assert summary(page)["Trạng thái"] == ["Đã ban hành → Đang thực hiện"]
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ISSUED
    login(cast.bob).post(url)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.IN_PROGRESS
    assert login(cast.olga).get(url).status_code == 404
