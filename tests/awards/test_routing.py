"""Routing: the chain follows whatever tree and routing rows the data holds, and each line stops at its authority."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from units.models import Membership, Unit

from awards.models import Authority, AwardType, Dossier, RoutingLink
from awards.rules import routing
from awards.services.routing import ensure_central_levels

from tests.awards.dossier_factories import make_list, official, people, submit
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db
K = Unit.Kind
AFTER = datetime.date(2026, 3, 1)
BEFORE = datetime.date(2025, 5, 15)


def names(chain):
    return [unit.name for unit in chain]


def deciding(unit, codes, on=AFTER):
    """{award code: deciding unit} for one line per code, without saving anything."""
    lines = []
    for index, code in enumerate(codes):
        line = type("Line", (), {})()
        line.pk, line.award_id = index, AwardType.objects.get(code=code).pk
        line.award, line.subject_name = AwardType.objects.get(code=code), f"Đối tượng {index}"
        lines.append(line)
    route = routing.route_lines(unit, lines, on)
    return {code: route.deciding[index] for index, code in enumerate(codes)}


def test_after_the_reform_a_commune_goes_to_its_province_then_the_centre_then_the_president(tree, central):
    assert names(routing.resolve_chain(tree.ha_hoa, AFTER)) == [
        "Xã Hạ Hòa", "Tỉnh Phú Thọ", "Ban Thi đua - Khen thưởng Trung ương", "Chủ tịch nước (Văn phòng Chủ tịch nước)"]


def test_before_the_reform_a_commune_passes_its_district(tree, central):
    old_commune = make_unit("Xã Vĩnh Chân", K.COMMUNE, tree.ha_hoa_district, valid_to=datetime.date(2025, 6, 30))
    assert names(routing.resolve_chain(old_commune, BEFORE)) == [
        "Xã Vĩnh Chân", "Huyện Hạ Hoà", "Tỉnh Phú Thọ", central.body.name, central.state.name]


def test_an_ancestor_that_has_ended_is_passed_over(tree, central):
    # A school left under the old district by the loader still reaches the province after the reform.
    school = make_unit("Trường THCS Hạ Hòa", K.SCHOOL, tree.ha_hoa_district)
    assert names(routing.resolve_chain(school, AFTER))[:3] == ["Trường THCS Hạ Hòa", "Tỉnh Phú Thọ",
                                                               central.body.name]


def test_a_school_under_a_ward_grants_its_giay_khen_and_sends_the_rest_to_whoever_may_grant_them(tree, central):
    ward = make_unit("Phường Âu Cơ", K.WARD, tree.phu_tho, valid_from=datetime.date(2025, 7, 1))
    school = make_unit("Trường Tiểu học Âu Cơ", K.SCHOOL, ward)
    assert names(routing.resolve_chain(school, AFTER))[:3] == ["Trường Tiểu học Âu Cơ", "Phường Âu Cơ", "Tỉnh Phú Thọ"]
    assert deciding(school, ["GIAY_KHEN", "CSTDCS", "BK_TINH", "BK_TTG", "HC_LAO_DONG"]) == {
        "GIAY_KHEN": school, "CSTDCS": school, "BK_TINH": tree.phu_tho, "BK_TTG": central.body,
        "HC_LAO_DONG": central.state}


def test_taking_away_a_levels_authority_row_moves_the_decision_up_the_chain(tree, central):
    room = make_unit("Phòng Tổ chức cán bộ", K.OFFICE, tree.so_noi_vu)
    assert deciding(room, ["GIAY_KHEN"])["GIAY_KHEN"] == room
    # Rules are rows: once unit heads no longer grant Giấy khen, the department's director does.
    Authority.objects.filter(award__code="GIAY_KHEN", level="unit_head").delete()
    assert deciding(room, ["GIAY_KHEN"])["GIAY_KHEN"] == tree.so_noi_vu


def test_the_dossiers_date_picks_the_authority_rows_in_force(tree, central):
    old_commune = make_unit("Xã Vĩnh Chân", K.COMMUNE, tree.ha_hoa_district, valid_to=datetime.date(2025, 6, 30))
    # Before the reform the district chair granted CSTĐ cơ sở; the commune chair did not (Art. 80).
    assert deciding(old_commune, ["CSTDCS"], BEFORE)["CSTDCS"] == tree.ha_hoa_district
    # After it, the commune chair takes the district's powers (a row marked uncertain, U).
    assert deciding(tree.ha_hoa, ["CSTDCS"])["CSTDCS"] == tree.ha_hoa


def test_a_link_named_for_a_unit_wins_over_its_parent(tree, central):
    hospital = make_unit("Bệnh viện Đa khoa tỉnh", K.HOSPITAL, tree.so_noi_vu)
    RoutingLink.objects.create(source_unit=hospital, target=tree.phu_tho, note="Trực thuộc UBND tỉnh")
    assert names(routing.resolve_chain(hospital, AFTER))[:2] == ["Bệnh viện Đa khoa tỉnh", "Tỉnh Phú Thọ"]


def test_links_have_dates_and_a_cycle_typed_by_hand_ends_the_chain(tree, central):
    RoutingLink.objects.filter(source_unit=central.body).update(valid_to=datetime.date(2026, 1, 1))
    assert names(routing.resolve_chain(tree.ha_hoa, AFTER))[-1] == central.body.name
    RoutingLink.objects.create(source_unit=central.body, target=tree.phu_tho)
    assert names(routing.resolve_chain(tree.ha_hoa, AFTER)) == ["Xã Hạ Hòa", "Tỉnh Phú Thọ", central.body.name]


def test_without_a_link_above_the_province_the_chain_ends_there(tree):
    assert names(routing.resolve_chain(tree.ha_hoa, AFTER)) == ["Xã Hạ Hòa", "Tỉnh Phú Thọ"]
    with pytest.raises(ValidationError, match="Bằng khen của Thủ tướng Chính phủ: Đối tượng 0"):
        deciding(tree.ha_hoa, ["BK_TTG"])


def test_the_central_levels_are_created_once(tree):
    first = ensure_central_levels()
    counts = (Unit.objects.count(), RoutingLink.objects.count())
    assert ensure_central_levels() == first
    assert (Unit.objects.count(), RoutingLink.objects.count()) == counts == (counts[0], 4)
    assert {first[0].kind, first[1].kind} == {K.CENTRAL, K.STATE}


def test_the_route_is_frozen_on_the_dossier_when_the_tree_changes_later(cast, tree, central):
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    [dossier] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH")]), cast.alice)
    tree.phu_tho.name = "Tỉnh Phú Thọ (đổi tên)"
    tree.phu_tho.save()
    RoutingLink.objects.all().delete()
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert [stop["name"] for stop in dossier.route] == [
        "Xã Hạ Hòa", "Tỉnh Phú Thọ", central.body.name, central.state.name]
    assert dossier.lines.get().deciding_unit == tree.phu_tho


def test_officials_of_the_central_body_see_only_what_was_sent_to_it(cast, tree, central):
    reviewer = official("tw-reviewer", central.body, Membership.Role.REVIEWER)
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH")]), cast.alice)
    assert not Dossier.objects.visible_to(reviewer).exists()
