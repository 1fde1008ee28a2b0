"""A plan's progress below its issuer: "1/3 đơn vị đã triển khai, 1 đã gửi đề nghị" on the plan page, and the
units listed, filtered and paged, the user's own unit first."""

import pytest
from django.urls import reverse

from awards.models import NominationList

from tests.conftest import make_plan, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_plan(tree):
    return make_plan(tree.phu_tho, status="issued", number=1, issue_day=2)


@pytest.fixture
def progress(cast, tree, province_plan):
    """Hạ Hòa implemented the plan and its office sent a list under the commune's plan; Hiền Lương has a draft
    plan and a draft list; the province's department has done nothing."""
    commune_plan = make_plan(tree.ha_hoa, parent_plan=province_plan, status="issued", title="Triển khai")
    make_plan(tree.hien_luong, parent_plan=province_plan, title="Dự thảo triển khai")
    NominationList.objects.create(unit=tree.van_phong, plan=commune_plan, year=2026, title="Đề nghị của Văn phòng",
                                  created_by=cast.alice, status=NominationList.Status.SUBMITTED)
    NominationList.objects.create(unit=tree.hien_luong, plan=province_plan, year=2026, title="Chưa gửi",
                                  created_by=cast.alice)
    return commune_plan


def names(response):
    return [unit.name for unit in response.context["page"].object_list]


def test_the_issuing_unit_sees_how_many_units_implemented_and_sent_nominations(login, cast, province_plan, progress):
    html = login(cast.dave).get(reverse("campaigns:plan_detail", args=[province_plan.pk])).content.decode()

    assert "1/3 đơn vị đã triển khai, 1 đã gửi đề nghị." in html
    assert reverse("awards:plan_progress", args=[province_plan.pk]) in html


def test_the_summary_names_the_communes_when_only_communes_are_expected(login, cast, tree, province_plan):
    tree.so_noi_vu.delete()

    html = login(cast.dave).get(reverse("campaigns:plan_detail", args=[province_plan.pk])).content.decode()

    assert "0/2 xã đã triển khai, 0 đã gửi đề nghị." in html


@pytest.mark.parametrize(("chosen", "expected"), [
    ("", ["Xã Hạ Hòa", "Xã Hiền Lương", "Sở Nội vụ tỉnh Phú Thọ"]),
    ("da-trien-khai", ["Xã Hạ Hòa"]),
    ("chua-trien-khai", ["Xã Hiền Lương", "Sở Nội vụ tỉnh Phú Thọ"]),
    ("da-gui-de-nghi", ["Xã Hạ Hòa"]),
    ("khong-co", ["Xã Hạ Hòa", "Xã Hiền Lương", "Sở Nội vụ tỉnh Phú Thọ"]),
])
def test_the_list_filters_units_by_what_they_did(login, cast, province_plan, progress, chosen, expected):
    response = login(cast.dave).get(reverse("awards:plan_progress", args=[province_plan.pk]), {"tinh_trang": chosen})

    assert sorted(names(response)) == sorted(expected)


def test_a_commune_clerk_sees_her_own_commune_first(login, cast, tree, province_plan, progress):
    client = login(cast.alice)

    response = client.get(reverse("awards:plan_progress", args=[province_plan.pk]))
    plan_page = client.get(reverse("campaigns:plan_detail", args=[province_plan.pk])).content.decode()

    assert names(response)[0] == "Xã Hạ Hòa"
    assert "Đơn vị của bạn:" in plan_page and "Xã Hạ Hòa</a> — đã triển khai · đã gửi đề nghị" in plan_page


def test_a_clerk_of_the_other_commune_sees_hers_first_with_what_is_missing(login, cast, tree, province_plan,
                                                                          progress):
    from tests.conftest import make_user

    hana = make_user("hana", tree.hien_luong, "clerk")

    response = login(hana).get(reverse("awards:plan_progress", args=[province_plan.pk]))

    assert names(response)[0] == "Xã Hiền Lương"
    assert "Xã Hiền Lương</a> — đang dự thảo, chưa ban hành · chưa gửi đề nghị" in response.content.decode()


def test_another_provinces_clerk_does_not_find_the_list(login, cast, province_plan):
    assert login(cast.olga).get(reverse("awards:plan_progress", args=[province_plan.pk])).status_code == 404


def test_the_list_is_paged_and_runs_the_same_queries_however_many_units(login, cast, tree, province_plan,
                                                                       django_assert_num_queries):
    client = login(cast.dave)
    address = reverse("awards:plan_progress", args=[province_plan.pk])
    counts = []
    for total in (5, 70):
        for i in range(tree.phu_tho.children.count(), total):
            make_unit(f"Xã Số {i:03d}", "commune", tree.phu_tho)
        with django_assert_num_queries(14) as captured:  # with the menu's to-do badge (two)
            response = client.get(address)
        counts.append(len(captured))
        assert len(names(response)) == min(total, 50)
    assert counts[0] == counts[1]
    assert "0/70 đơn vị đã triển khai" in response.content.decode()
    assert len(names(client.get(address, {"trang": 2}))) == 20
