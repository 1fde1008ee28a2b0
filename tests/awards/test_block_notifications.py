"""Who a block's moves tell, in their inbox: members when the block is set up for them and its table is ready, the
head when a member sends its sheet, a member when the head changes one of its scores, everyone at the closing."""

from decimal import Decimal as D

from django.urls import reverse

from units.models import Unit

from awards.models import Notification
from awards.services import blocks

from tests.awards.block_factories import score_all, world  # noqa: F401
from tests.conftest import make_unit


def told(*users):
    return {user.username: list(Notification.objects.filter(recipient=user).values_list("text", "link"))
            for user in users}


def test_the_members_are_told_when_the_block_is_set_up_for_them_and_its_table_is_ready(
        cast, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        last_year = blocks.create_block(tree.phu_tho, actor=cast.dave, year=2025, name="Cụm các xã",
                                        units=[tree.ha_hoa])
        group = blocks.add_score_group(last_year, actor=cast.dave, name="Nhiệm vụ", max_points=D(10))
        blocks.add_criterion(group, actor=cast.dave, name="Chỉ tiêu", max_points=D(10))
        block = blocks.create_block(tree.phu_tho, actor=cast.dave, year=2026, name="Cụm các xã", units=[tree.ha_hoa])
        blocks.copy_scoring_table(block, actor=cast.dave, source=last_year)
        newcomer = make_unit("Xã Mới", Unit.Kind.COMMUNE, tree.phu_tho)
        blocks.add_block_member(block, actor=cast.dave, unit=newcomer)
    inbox = told(cast.alice, cast.bob, cast.dave)
    assert ("Tỉnh Phú Thọ đưa đơn vị vào Cụm các xã năm 2026; đơn vị tự chấm điểm theo bảng điểm của khối.",
            block.get_absolute_url()) in inbox["alice"]
    assert ("Bảng điểm của Cụm các xã năm 2026 đã sẵn sàng: đơn vị tự chấm điểm và gửi trưởng khối.",
            block.get_absolute_url()) in inbox["bob"]
    assert inbox["dave"] == []  # never told of their own act


def test_the_head_is_told_when_a_member_sends_its_sheet(world, cast, django_capture_on_commit_callbacks):
    blocks.save_self_score(world.members[1], actor=world.hana, criterion=world.c1, points=D(10))
    with django_capture_on_commit_callbacks(execute=True):
        for criterion in (world.c2, world.c3, world.b1, world.d1):
            blocks.save_self_score(world.members[1], actor=world.hana, criterion=criterion, points=D(1))
        blocks.send_score_sheet(world.members[1], actor=world.hana)
    link = reverse("awards:block_cross_check", args=[world.members[1].pk])
    text = "Xã Hiền Lương đã gửi bảng tự chấm điểm Khối các xã, sở; chờ chấm kiểm tra chéo."
    assert told(cast.alice, cast.bob) == {"alice": [(text, link)], "bob": [(text, link)]}
    assert told(world.sam, world.hana) == {"sam": [], "hana": []}


def test_a_member_is_told_when_the_head_changes_its_score_not_when_it_confirms_it(
        world, cast, django_capture_on_commit_callbacks):
    score_all(world)
    entries = {e.criterion_id: e for e in world.members[1].sheet.entries.all()}
    with django_capture_on_commit_callbacks(execute=True):
        blocks.cross_check_score(entries[world.c2.pk], actor=cast.alice, points=D(10), reason="", seen_points=None)
        blocks.cross_check_score(entries[world.c3.pk], actor=cast.alice, points=D(40), reason="Thiếu minh chứng",
                                 seen_points=None)
    assert told(world.hana)["hana"] == [
        ("Trưởng khối chấm lại “Phong trào thi đua”: 45 → 40 (Thiếu minh chứng)",
         reverse("awards:block_sheet", args=[world.members[1].pk]))]
    assert told(world.sam)["sam"] == []


def test_everyone_is_told_when_the_block_is_closed(world, cast, django_capture_on_commit_callbacks):
    score_all(world)
    with django_capture_on_commit_callbacks(execute=True):
        blocks.close_block_scoring(world.block, actor=cast.alice)
    text = "Khối các xã, sở năm 2026 đã chốt điểm; bảng xếp hạng đã công khai với các thành viên."
    link = reverse("awards:block_ranking", args=[world.block.pk])
    inbox = told(cast.bob, world.hana, world.sam, world.tam, cast.dave, cast.erin, cast.alice, cast.olga)
    assert {name for name, rows in inbox.items() if rows == [(text, link)]} == {"bob", "hana", "sam", "tam", "dave",
                                                                                 "erin"}
    assert inbox["alice"] == inbox["olga"] == []
