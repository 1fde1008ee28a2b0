import datetime

import pytest

from units.models import Unit, UnitSuccession
from units.scoping import has_role

from tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def test_it_gives_each_unit_a_path_below_its_parent(tree):
    assert tree.ha_hoa.path.startswith(tree.phu_tho.path)
    assert tree.van_phong.depth == 2
    assert tree.van_phong.ancestors() == [tree.phu_tho, tree.ha_hoa]


def test_it_finds_a_subtree_in_one_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = set(Unit.objects.subtree_of(tree.phu_tho).values_list("name", flat=True))
    assert names == {"Tỉnh Phú Thọ", "Sở Nội vụ tỉnh Phú Thọ", "Xã Hạ Hòa", "Xã Hiền Lương",
                     "Văn phòng HĐND và UBND xã Hạ Hòa"}


def test_subtree_does_not_leak_into_a_sibling_whose_id_shares_a_prefix(db):
    # Ids 1 and 10..19 share a leading digit; fixed-width path segments keep them apart.
    first = make_unit("Tỉnh Một", Unit.Kind.PROVINCE)
    others = [make_unit(f"Tỉnh {i}", Unit.Kind.PROVINCE) for i in range(12)]
    assert list(Unit.objects.subtree_of(first)) == [first]
    assert set(Unit.objects.filter(parent__isnull=True)) == {first, *others}


def test_it_keeps_old_names_after_a_merger(tree):
    old = tree.old_phu_tho
    assert old.name == "Tỉnh Phú Thọ" and old.valid_to == datetime.date(2025, 6, 30)
    assert not old.is_in_force(datetime.date(2026, 1, 1))
    assert old.is_in_force(datetime.date(2024, 3, 1))
    assert UnitSuccession.objects.get(predecessor=tree.ha_hoa_district).successor == tree.phu_tho


def test_it_lists_units_in_force_on_a_date(tree):
    before = set(Unit.objects.in_force(datetime.date(2024, 1, 1)).values_list("name", flat=True))
    after = set(Unit.objects.in_force(datetime.date(2025, 7, 1)).values_list("name", flat=True))
    assert "Huyện Hạ Hoà" in before and "Xã Hạ Hòa" not in before
    assert "Xã Hạ Hòa" in after and "Huyện Hạ Hoà" not in after


@pytest.mark.parametrize("typed", ["ha hoa", "HẠ HÒA", "Hạ Hoà", "hạ hòa"])
def test_unit_search_ignores_diacritics_case_and_tone_placement(tree, typed):
    names = set(Unit.objects.search(typed).values_list("name", flat=True))
    assert {"Xã Hạ Hòa", "Huyện Hạ Hoà", "Văn phòng HĐND và UBND xã Hạ Hòa"} <= names
    assert "Xã Hiền Lương" not in names


def test_a_commune_clerk_sees_only_the_commune_subtree(cast, tree):
    visible = set(Unit.objects.visible_to(cast.alice))
    assert visible == {tree.ha_hoa, tree.van_phong}


def test_a_province_member_sees_the_whole_new_province(cast, tree):
    visible = set(Unit.objects.visible_to(cast.carol))
    assert tree.ha_hoa in visible and tree.so_noi_vu in visible
    assert tree.nha_trang not in visible and tree.khanh_hoa not in visible


def test_a_province_member_sees_the_history_of_the_provinces_it_was_formed_from(cast, tree):
    visible = set(Unit.objects.visible_to(cast.carol))
    assert {tree.old_phu_tho, tree.ha_hoa_district} <= visible


def test_a_commune_member_sees_the_communes_it_replaced_but_not_their_district(cast, tree):
    old_town = make_unit("Thị trấn Hạ Hòa", Unit.Kind.TOWN, tree.ha_hoa_district, code="08053",
                         valid_to=datetime.date(2025, 6, 30))
    neighbour = make_unit("Xã Đan Thượng", Unit.Kind.COMMUNE, tree.ha_hoa_district, code="08065",
                          valid_to=datetime.date(2025, 6, 30))
    UnitSuccession.objects.create(predecessor=old_town, successor=tree.ha_hoa, kind="merge",
                                  effective_date=datetime.date(2025, 7, 1))
    visible = set(Unit.objects.visible_to(cast.alice))
    assert old_town in visible
    assert tree.ha_hoa_district not in visible and neighbour not in visible


def test_history_gives_no_role(cast, tree):
    assert has_role(cast.erin, tree.phu_tho, ["unit_admin"])
    assert not has_role(cast.erin, tree.ha_hoa_district, ["unit_admin"])


def test_superusers_see_everything(cast):
    assert Unit.objects.visible_to(cast.root).count() == Unit.objects.count()


def test_an_ended_membership_grants_nothing(cast, tree):
    membership = cast.olga.memberships.get()
    membership.valid_to = datetime.date(2025, 8, 1)
    membership.save()
    assert not Unit.objects.visible_to(cast.olga).exists()


def test_roles_reach_down_the_tree_but_not_up(cast, tree):
    assert has_role(cast.erin, tree.van_phong, ["unit_admin"])
    assert not has_role(cast.alice, tree.phu_tho, ["clerk"])
    assert has_role(cast.alice, tree.van_phong, ["clerk"])


def test_moving_a_unit_moves_its_whole_subtree(tree):
    village = make_unit("Thôn Đồng Xuân", Unit.Kind.VILLAGE, tree.van_phong)
    tree.van_phong.parent = tree.hien_luong
    tree.van_phong.save()
    village.refresh_from_db()
    assert village.path.startswith(tree.hien_luong.path) and village.depth == 3
    assert set(Unit.objects.subtree_of(tree.hien_luong)) == {tree.hien_luong, tree.van_phong, village}
    assert village not in set(Unit.objects.subtree_of(tree.ha_hoa))


def test_a_unit_cannot_be_put_below_itself(tree):
    from django.core.exceptions import ValidationError

    tree.ha_hoa.parent = tree.van_phong
    with pytest.raises(ValidationError, match="chính nó"):
        tree.ha_hoa.full_clean()
