"""load_units on the real package data: counts, history kept, successions, idempotence.

The tree is loaded once for the module (a full load takes seconds) and removed at the end so
that other modules start from an empty table; each test runs in its own transaction on top.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from units.models import PROVINCE_KINDS, Unit, UnitSuccession
from units.tree_loader import OWNED_PREFIX, load_administrative_tree

K, S = Unit.Kind, UnitSuccession.Kind
BEFORE, REFORM = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
LATER = datetime.date(2026, 11, 1)  # after the 2026 changes in the data
NEW_COMMUNE_KINDS = [K.COMMUNE, K.WARD, K.SPECIAL_ZONE]
OLD_COMMUNE_KINDS = [K.COMMUNE, K.WARD, K.TOWN]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        assert not Unit.objects.exists(), "the loader tests expect an empty unit table"
        report = load_administrative_tree()
        yield report
        with connection.cursor() as cursor:
            # One statement each: foreign keys are checked at commit, children go with parents.
            cursor.execute(f"DELETE FROM {UnitSuccession._meta.db_table}")
            cursor.execute(f"DELETE FROM {Unit._meta.db_table} WHERE import_key IS NOT NULL")


@pytest.fixture
def tree(loaded, db):
    return loaded


def unit(key):
    return Unit.objects.get(import_key=key)


def successors(u):
    return {(s.successor.import_key, s.kind) for s in u.successions_out.select_related("successor")}


def predecessors(u):
    return {(s.predecessor.name, s.kind) for s in u.successions_in.select_related("predecessor")}


def test_real_counts(tree):
    in_force = Unit.objects.in_force
    assert in_force(REFORM).filter(kind__in=PROVINCE_KINDS).count() == 34
    assert in_force(BEFORE).filter(kind__in=PROVINCE_KINDS).count() == 63
    assert in_force(LATER).filter(kind__in=PROVINCE_KINDS).count() == 34
    assert Unit.objects.filter(kind=K.DISTRICT).count() == 696
    assert in_force(BEFORE).filter(kind=K.DISTRICT).count() == 696
    assert in_force(REFORM).filter(kind=K.DISTRICT).count() == 0
    assert in_force(BEFORE).filter(kind__in=OLD_COMMUNE_KINDS).count() == 10_051
    assert in_force(REFORM).filter(kind__in=NEW_COMMUNE_KINDS).count() == 3_321
    assert in_force(LATER).filter(kind__in=NEW_COMMUNE_KINDS).count() == 3_321
    assert in_force(REFORM).filter(kind=K.SPECIAL_ZONE).count() == 13


def test_report_of_the_first_load(tree):
    assert tree.units_created == Unit.objects.count() and tree.units_updated == 0
    assert tree.successions_created == UnitSuccession.objects.count()
    assert tree.new_communes == 3_321 and tree.old_communes == 10_051
    assert tree.link_share > 0.99
    assert tree.old_communes_unlinked < 150
    assert len(tree.ambiguous_names) + len(tree.unmatched_names) < 60


@pytest.mark.parametrize("old_name, old_key, new_key, new_name", [
    ("Tỉnh Bắc Kạn", "vn1:p:06", "vn2:p:19", "Tỉnh Thái Nguyên"),
    ("Tỉnh Ninh Thuận", "vn1:p:58", "vn2:p:56", "Tỉnh Khánh Hòa"),
])
def test_merged_provinces_keep_their_names(tree, old_name, old_key, new_key, new_name):
    old = Unit.objects.get(name=old_name)
    assert (old.import_key, old.kind, old.valid_from, old.valid_to) == (old_key, K.PROVINCE, None, BEFORE)
    new = unit(new_key)
    assert (new.name, new.valid_from, new.valid_to) == (new_name, REFORM, None)
    assert successors(old) == {(new_key, S.MERGE)}
    [merge] = old.successions_out.all()
    assert (merge.effective_date, merge.legal_basis) == (REFORM, "NQ 202/2025/QH15")


def test_new_thai_nguyen_is_a_new_unit(tree):
    old, new = unit("vn1:p:19"), unit("vn2:p:19")
    assert old.name == new.name == "Tỉnh Thái Nguyên" and old.pk != new.pk
    assert old.valid_to == BEFORE and new.valid_from == REFORM
    assert successors(old) == {("vn2:p:19", S.MERGE)}
    assert {s.predecessor.import_key for s in new.successions_in.filter(kind=S.MERGE)} == {"vn1:p:06", "vn1:p:19"}


def test_unchanged_province_is_one_unit_across_the_reform(tree):
    hanoi = Unit.objects.get(name="Thành phố Hà Nội")
    assert (hanoi.valid_from, hanoi.valid_to, hanoi.kind) == (None, None, K.CITY)
    assert not hanoi.successions_out.exists()
    children = Unit.objects.filter(parent=hanoi)
    assert children.filter(kind=K.DISTRICT, valid_to=BEFORE).count() == 30
    assert children.in_force(REFORM).filter(kind__in=NEW_COMMUNE_KINDS).count() == 126
    district = children.get(name="Quận Ba Đình")
    assert successors(district) == {(hanoi.import_key, S.ABOLISH)}


def test_district_abolished_and_its_communes_carried_over(tree):
    ha_hoa = Unit.objects.get(name="Huyện Hạ Hòa")
    new_phu_tho = unit("vn2:p:25")
    assert ha_hoa.parent.import_key == "vn1:p:25" and ha_hoa.valid_to == BEFORE
    [abolish] = ha_hoa.successions_out.all()
    assert (abolish.successor, abolish.kind, abolish.effective_date, abolish.legal_basis) == (
        new_phu_tho, S.ABOLISH, REFORM, "Luật 72/2025/QH15")
    communes = Unit.objects.filter(parent=ha_hoa)
    assert communes.count() == 20 and all(c.valid_to == BEFORE for c in communes)
    links = UnitSuccession.objects.filter(predecessor__parent=ha_hoa).select_related("successor")
    assert {s.predecessor_id for s in links} == {c.pk for c in communes}
    assert all(s.successor.parent == new_phu_tho and s.successor.valid_from == REFORM for s in links)
    assert predecessors(unit("vn2:c:08071")) == {  # Xã Đan Thượng
        ("Xã Tứ Hiệp", S.MERGE), ("Xã Đại Phạm", S.MERGE), ("Xã Hà Lương", S.MERGE), ("Xã Đan Thượng", S.MERGE)}


@pytest.mark.parametrize("code, expected", [
    ("04792", {("Phường Tân Hòa", S.MERGE), ("Xã Hòa Bình", S.MERGE), ("Xã Yên Mông", S.MERGE)}),
    ("08707", {("Phường Tích Sơn", S.MERGE), ("Phường Hội Hợp", S.MERGE), ("Phường Đồng Tâm", S.MERGE),
               ("Xã Thanh Trù", S.MERGE)}),
    ("09616", {("Xã Cổ Đông", S.SPLIT), ("Xã Kim Sơn", S.MERGE), ("Xã Sơn Đông", S.MERGE)}),
    ("29551", {("Phường 1", S.MERGE), ("Phường 9", S.MERGE), ("Phường Trường An", S.MERGE)}),
    ("03901", {("Xã Suối Tọ", S.TRANSFER)}),
    ("20695", {("Thị trấn Thạnh Mỹ", S.RENAME)}),
    ("04891", {("Xã Tiền Phong", S.MERGE), ("Xã Vầy Nưa", S.SPLIT)}),
    ("20333", {("Huyện Hoàng Sa", S.RENAME)}),
])
def test_commune_successions_from_the_notes(tree, code, expected):
    assert predecessors(unit(f"vn2:c:{code}")) == expected


def test_same_names_told_apart_by_the_note(tree):
    # "xã Đồng Thịnh thuộc huyện Sông Lô, tỉnh Vĩnh Phúc" vs "… thuộc huyện Yên Lập, tỉnh Phú Thọ".
    song_lo = unit("vn2:c:08848").successions_in.get(predecessor__name="Xã Đồng Thịnh").predecessor
    yen_lap = unit("vn2:c:08290").successions_in.get(predecessor__name="Xã Đồng Thịnh").predecessor
    assert (song_lo.parent.name, yen_lap.parent.name) == ("Huyện Sông Lô", "Huyện Yên Lập")
    # Phường 1 of the Vĩnh Long city, not of another district.
    phuong_1 = unit("vn2:c:29551").successions_in.get(predecessor__name="Phường 1").predecessor
    assert phuong_1.parent.name == "Thành phố Vĩnh Long"


def test_commune_successions_cite_their_resolution(tree):
    links = UnitSuccession.objects.filter(successor__import_key="vn2:c:04792")
    assert {(s.legal_basis, s.effective_date) for s in links} == {("1676/NQ-UBTVQH15", REFORM)}
    vandon = unit("vn2:c:06994")
    assert vandon.kind == K.SPECIAL_ZONE and vandon.successions_in.filter(kind=S.MERGE).count() == 12


def test_changes_of_2026(tree):
    xa, phuong = unit("vn2:c:07375"), unit("vn2:c:07375:2026")
    assert (xa.name, xa.kind, xa.valid_from, xa.valid_to) == ("Xã Lạng Giang", K.COMMUNE, REFORM,
                                                             datetime.date(2026, 8, 3))
    assert (phuong.name, phuong.kind, phuong.valid_from) == ("Phường Lạng Giang", K.WARD, datetime.date(2026, 8, 4))
    [rename] = xa.successions_out.all()
    assert (rename.successor, rename.kind, rename.legal_basis) == (phuong, S.RENAME, "388/NQ-UBTVQH16")
    assert xa.successions_in.count() == 4  # the 2025 merger is kept on the xã
    province, city = unit("vn:p:22"), unit("vn:p:22:2026")
    assert (province.name, province.valid_from, province.valid_to) == (
        "Tỉnh Quảng Ninh", None, datetime.date(2026, 8, 23))
    assert (city.name, city.kind, city.valid_from) == ("Thành phố Quảng Ninh", K.CITY, datetime.date(2026, 8, 24))
    assert successors(province) == {("vn:p:22:2026", S.RENAME)}
    # Old districts stay under the province, the communes in force now under the city.
    assert Unit.objects.filter(parent=province, kind=K.DISTRICT).count() == 13
    assert Unit.objects.filter(parent=city).count() == 54
    assert xa.parent == unit("vn2:p:24") and phuong.parent == unit("vn2:p:24:2026")
    assert Unit.objects.in_force(LATER).filter(kind=K.WARD).count() == 709


def test_subtree_of_a_province(tree):
    phu_tho = unit("vn2:p:25")
    communes = Unit.objects.subtree_of(phu_tho).filter(kind__in=NEW_COMMUNE_KINDS)
    assert communes.count() == 148
    assert set(communes.values_list("parent_id", flat=True)) == {phu_tho.pk}
    old_phu_tho = unit("vn1:p:25")
    old_tree = Unit.objects.subtree_of(old_phu_tho, include_self=False)
    assert old_tree.filter(kind=K.DISTRICT).count() == 13
    assert not old_tree.filter(kind__in=NEW_COMMUNE_KINDS, valid_from=REFORM).exists()
    assert all(u.depth == len(u.path) // 8 - 1 for u in old_tree)


def test_second_run_changes_nothing(tree):
    counts = Unit.objects.count(), UnitSuccession.objects.count()
    report = load_administrative_tree()
    assert report.changes == 0
    assert report.units_unchanged == counts[0]
    assert (Unit.objects.count(), UnitSuccession.objects.count()) == counts
    out = StringIO()
    call_command("load_units", stdout=out)
    assert "Không có thay đổi nào" in out.getvalue()


def test_hand_made_rows_survive_and_drift_is_repaired(tree):
    province = unit("vn2:p:25")
    office = Unit(name="Sở Nội vụ tỉnh Phú Thọ", kind=K.DEPARTMENT, parent=province)
    office.save()
    school = Unit(name="Trường THCS Đan Thượng", kind=K.SCHOOL, parent=unit("vn2:c:08071"))
    school.save()
    by_hand = UnitSuccession.objects.create(
        predecessor=unit("vn1:c:08071"), successor=office, kind=S.TRANSFER,
        effective_date=REFORM, legal_basis="Quyết định của UBND tỉnh", source="")
    drifted = unit("vn2:c:08071")
    Unit.objects.filter(pk=drifted.pk).update(name="Xã Đan Thượng (sửa tay)")
    UnitSuccession.objects.filter(source__startswith=OWNED_PREFIX).order_by("pk").first().delete()

    report = load_administrative_tree()

    assert (report.units_created, report.units_updated, report.successions_created) == (0, 1, 1)
    assert Unit.objects.get(pk=drifted.pk).name == "Xã Đan Thượng"
    office.refresh_from_db()
    school.refresh_from_db()
    assert (office.parent, office.path) == (province, province.path + str(office.pk).zfill(8))
    assert school.path.startswith(drifted.path)
    assert UnitSuccession.objects.filter(pk=by_hand.pk).exists()
    assert office in Unit.objects.subtree_of(province)
