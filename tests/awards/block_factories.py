"""A block of Tỉnh Phú Thọ for 2026 with four members and a scoring table (see tests/awards/test_blocks.py for
the hand-counted figures)."""

from decimal import Decimal as D

import pytest

from awards.models import ScoreGroup
from awards.services import blocks

from tests.conftest import make_unit, make_user

K = ScoreGroup.Kind


@pytest.fixture
def world(tree, cast):
    from units.models import Membership, Unit

    R = Membership.Role
    so_tai_chinh = make_unit("Sở Tài chính tỉnh Phú Thọ", Unit.Kind.DEPARTMENT, tree.phu_tho)
    w = type("World", (), {})()
    w.units = [tree.ha_hoa, tree.hien_luong, tree.so_noi_vu, so_tai_chinh]
    w.hana = make_user("hana", tree.hien_luong, R.CLERK)
    w.sam = make_user("sam", tree.so_noi_vu, R.CLERK)
    w.tam = make_user("tam", so_tai_chinh, R.CLERK)
    w.block = blocks.create_block(tree.phu_tho, actor=cast.dave, year=2026, name="Khối các xã, sở", units=w.units)
    g1 = blocks.add_score_group(w.block, actor=cast.dave, name="Thực hiện nhiệm vụ", max_points=D(30))
    g2 = blocks.add_score_group(w.block, actor=cast.dave, name="Tổ chức phong trào", max_points=D(50))
    gb = blocks.add_score_group(w.block, actor=cast.dave, name="Điểm thưởng", max_points=D(5), kind=K.BONUS)
    gd = blocks.add_score_group(w.block, actor=cast.dave, name="Điểm trừ", max_points=D(10), kind=K.DEDUCTION)
    w.c1 = blocks.add_criterion(g1, actor=cast.dave, name="Chỉ tiêu kinh tế", max_points=D(20))
    w.c2 = blocks.add_criterion(g1, actor=cast.dave, name="Chỉ tiêu xã hội", max_points=D(20))
    w.c3 = blocks.add_criterion(g2, actor=cast.dave, name="Phong trào thi đua", max_points=D(50))
    w.b1 = blocks.add_criterion(gb, actor=cast.dave, name="Mô hình mới", max_points=D(10))
    w.d1 = blocks.add_criterion(gd, actor=cast.dave, name="Vi phạm kỷ luật", max_points=D(10))
    w.members = list(w.block.members.order_by("position"))
    w.people = [cast.alice, w.hana, w.sam, w.tam]
    return w


SCORES = [(20, 15, 40, 8, 0), (15, 10, 45, 5, 0), (20, 5, 48, 5, 3), (20, 5, 48, 5, 3)]


def score_all(w, send=True):
    for member, person, row in zip(w.members, w.people, SCORES, strict=True):
        for criterion, points in zip((w.c1, w.c2, w.c3, w.b1, w.d1), row, strict=True):
            blocks.save_self_score(member, actor=person, criterion=criterion, points=D(points), evidence="Báo cáo")
        if send:
            blocks.send_score_sheet(member, actor=person)
