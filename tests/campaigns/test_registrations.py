"""Units register people and collectives under an issued plan; the issuer sees the roll-up."""

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from campaigns import registrations
from campaigns.models import Registration

from tests.conftest import make_person, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tree):
    return make_plan(tree.phu_tho, status="issued", number=5, issue_day=2)


@pytest.fixture
def tier(plan):
    return plan.award_tiers.get()


def test_a_commune_clerk_registers_a_person_and_the_province_sees_the_roll_up(login, cast, tree, plan, tier):
    person = make_person("Nguyễn Văn An", tree.van_phong)
    response = login(cast.alice).post(reverse("campaigns:plan_registrations", args=[plan.pk]), {
        "unit": tree.ha_hoa.pk, "person": person.pk, "award_tier": tier.pk, "initiative_title": "Số hóa hồ sơ",
    })
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.unit, registration.person, registration.award_tier) == (tree.ha_hoa, person, tier)
    page = login(cast.dave).get(reverse("campaigns:plan_registrations", args=[plan.pk]))
    assert page.context["summary"] == [("Xã Hạ Hòa", [("Giấy khen của Chủ tịch UBND xã", 1)])]


def test_a_collective_registers_and_the_excel_lists_it(login, cast, tree, plan, tier):
    registrations.register(plan, actor=cast.alice, unit=tree.ha_hoa, collective=tree.van_phong, award_tier=tier)
    response = login(cast.dave).get(reverse("campaigns:plan_registrations_xlsx", args=[plan.pk]))
    rows = list(load_workbook(BytesIO(response.content), read_only=True).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("DANH SÁCH ĐĂNG KÝ THI ĐUA")
    assert rows[4][:4] == (1, "Xã Hạ Hòa", "Văn phòng HĐND và UBND xã Hạ Hòa", "Tập thể")
    assert rows[4][6] == "Giấy khen của Chủ tịch UBND xã"


def test_the_same_person_cannot_be_registered_twice_for_one_award(cast, tree, plan, tier):
    person = make_person("Nguyễn Văn An", tree.ha_hoa)
    registrations.register(plan, actor=cast.alice, unit=tree.ha_hoa, person=person, award_tier=tier)
    with pytest.raises(ValidationError, match="đã được đăng ký"):
        registrations.register(plan, actor=cast.alice, unit=tree.ha_hoa, person=person, award_tier=tier)
    assert Registration.objects.count() == 1


def test_a_clerk_cannot_register_people_of_another_commune(cast, tree, plan, tier):
    stranger = make_person("Lê Văn Bình", tree.hien_luong)
    with pytest.raises(ValidationError, match="thuộc đơn vị đăng ký"):
        registrations.register(plan, actor=cast.alice, unit=tree.ha_hoa, person=stranger, award_tier=tier)


def test_a_draft_plan_takes_no_registrations(cast, tree):
    draft = make_plan(tree.phu_tho)
    with pytest.raises(PermissionDenied):
        registrations.register(draft, actor=cast.alice, unit=tree.ha_hoa, collective=tree.ha_hoa, target="Cờ thi đua")


def test_the_form_asks_for_a_subject_and_a_target_and_keeps_what_was_typed(login, cast, tree, plan):
    response = login(cast.alice).post(reverse("campaigns:plan_registrations", args=[plan.pk]), {
        "unit": tree.ha_hoa.pk, "initiative_title": "Ứng dụng phần mềm quản lý",
    })
    html = response.content.decode()
    assert response.status_code == 200 and "Chọn một cá nhân hoặc một tập thể" in html
    assert "Ứng dụng phần mềm quản lý" in html


def test_registrations_of_another_province_stay_hidden(login, cast, tree, plan, tier):
    registrations.register(plan, actor=cast.alice, unit=tree.ha_hoa, collective=tree.ha_hoa, award_tier=tier)
    response = login(cast.olga).get(reverse("campaigns:plan_registrations", args=[plan.pk]))
    assert response.status_code == 404


def test_a_clerk_withdraws_a_registration(login, cast, tree, plan, tier):
    registration = registrations.register(plan, actor=cast.alice, unit=tree.ha_hoa, collective=tree.ha_hoa,
                                          award_tier=tier)
    assert login(cast.carol).post(reverse("campaigns:registration_withdraw", args=[registration.pk])).status_code == 403
    login(cast.alice).post(reverse("campaigns:registration_withdraw", args=[registration.pk]))
    assert not Registration.objects.exists()


def test_the_registration_page_runs_a_fixed_number_of_queries(login, cast, tree, plan, tier,
                                                               django_assert_num_queries):
    for i in range(25):
        person = make_person(f"Nguyễn Văn Số {i}", tree.ha_hoa)
        registrations.register(plan, actor=cast.alice, unit=tree.ha_hoa, person=person, award_tier=tier)
    client = login(cast.dave)
    client.get(reverse("campaigns:plan_registrations", args=[plan.pk]))
    # session, user, second step, memberships, predecessors, plan, registering units, registrations (joined),
    # the three choice lists of the form (unit, collective, award: the person is typed, never listed), and
    # the menu badge's two counts
    with django_assert_num_queries(13):
        response = client.get(reverse("campaigns:plan_registrations", args=[plan.pk]))
    assert len(response.context["rows"]) == 25


def test_a_person_is_typed_not_chosen_from_a_list_of_everyone(login, cast, tree, plan, tier):
    make_person("Nguyễn Văn Số Một", tree.ha_hoa)
    binh = make_person("Trần Thị Bình", tree.van_phong)
    client = login(cast.alice)
    html = client.get(reverse("campaigns:plan_registrations", args=[plan.pk])).content.decode()
    assert "Nguyễn Văn Số Một" not in html and "js/person_picker.js" in html
    assert f'data-person-picker="{reverse("units:person_picker")}?don_vi={tree.ha_hoa.pk}"' in html
    response = client.post(reverse("campaigns:plan_registrations", args=[plan.pk]), {
        "unit": tree.ha_hoa.pk, "person_query": "tran thi binh", "award_tier": tier.pk})
    assert response.status_code == 302 and Registration.objects.get().person == binh
