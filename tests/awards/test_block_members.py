"""The organiser takes a member out of a block (only while no sheet has been sent for it, never its head or
deputy) and changes the rotation order; each change is one locked transaction with a Vietnamese refusal."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.urls import reverse

from awards.models import BlockMember, ScoreEvidence, ScoreSheet
from awards.rules import blocks as rules
from awards.services import block_evidence, block_members, blocks

from tests.awards import concurrency
from tests.awards.block_factories import score_all, world  # noqa: F401
from tests.awards.pdf_files import pdf_upload
from tests.conftest import make_user


def rotation(block):
    return [(m.position, m.unit.short_name) for m in block.members.select_related("unit").order_by("position")]


def test_the_organiser_removes_a_member_with_a_draft_sheet_and_the_rotation_closes_up(
        world, cast, django_capture_on_commit_callbacks):
    member = world.members[2]  # Sở Nội vụ: a draft line and a file, not sent
    blocks.save_self_score(member, actor=world.sam, criterion=world.c1, points=D(10))
    file = block_evidence.attach_score_evidence(member, actor=world.sam, criterion=world.c1, upload=pdf_upload())
    stored = file.file.name
    with django_capture_on_commit_callbacks(execute=True):
        block_members.remove_block_member(member, actor=cast.dave)
    assert rotation(world.block) == [(1, "Hạ Hòa"), (2, "Hiền Lương"), (3, "Tài chính tỉnh Phú Thọ")]
    assert not ScoreSheet.objects.filter(member_id=member.pk).exists()
    assert not ScoreEvidence.objects.exists()
    assert not storages["private"].exists(stored)
    # The unit is free to join another block of the year.
    assert not BlockMember.objects.filter(unit=member.unit, year=2026).exists()


def test_a_member_whose_sheet_is_sent_stays(world, cast):
    blocks.save_self_score(world.members[2], actor=world.sam, criterion=world.c1, points=D(10))
    score_all(world)
    with pytest.raises(ValidationError, match="đã gửi bảng tự chấm điểm nên không xóa khỏi khối được nữa"):
        block_members.remove_block_member(world.members[2], actor=cast.dave)
    assert len(rotation(world.block)) == 4


def test_the_head_and_deputy_are_changed_before_they_are_removed(world, cast):
    with pytest.raises(ValidationError, match="đang là trưởng khối"):
        block_members.remove_block_member(world.members[0], actor=cast.dave)
    with pytest.raises(ValidationError, match="đang là phó khối"):
        block_members.remove_block_member(world.members[1], actor=cast.dave)


def test_only_the_organiser_removes_or_moves_a_member(world, cast):
    with pytest.raises(PermissionDenied):
        block_members.remove_block_member(world.members[3], actor=cast.alice)  # the head is not the organiser
    with pytest.raises(PermissionDenied):
        block_members.move_block_member(world.members[3], actor=world.tam, position=1)


def test_the_organiser_moves_a_member_and_the_others_keep_their_order(world, cast):
    block_members.move_block_member(world.members[3], actor=cast.dave, position=1)
    assert rotation(world.block) == [(1, "Tài chính tỉnh Phú Thọ"), (2, "Hạ Hòa"), (3, "Hiền Lương"),
                                     (4, "Nội vụ tỉnh Phú Thọ")]
    block_members.move_block_member(world.members[3], actor=cast.dave, position=4)
    assert [name for _, name in rotation(world.block)] == ["Hạ Hòa", "Hiền Lương", "Nội vụ tỉnh Phú Thọ",
                                                          "Tài chính tỉnh Phú Thọ"]
    with pytest.raises(ValidationError, match="Thứ tự luân phiên từ 1 đến 4."):
        block_members.move_block_member(world.members[0], actor=cast.dave, position=5)


def test_next_years_head_follows_the_new_rotation(world, cast):
    block_members.move_block_member(world.members[3], actor=cast.dave, position=2)
    assert rules.next_head(world.block) == world.members[3].unit_id


def test_a_closed_block_keeps_its_members_and_order(world, cast):
    score_all(world)
    blocks.close_block_scoring(world.block, actor=cast.alice)
    with pytest.raises(ValidationError, match="đã chốt điểm"):
        block_members.move_block_member(world.members[3], actor=cast.dave, position=1)
    with pytest.raises(ValidationError, match="đã chốt điểm"):
        block_members.remove_block_member(world.members[3], actor=cast.dave)


# The pages


def test_the_organiser_confirms_then_removes_a_member_from_the_blocks_page(world, login, cast):
    client = login(cast.dave)
    page = client.get(world.block.get_absolute_url()).content.decode()
    url = reverse("awards:block_member_remove", args=[world.members[3].pk])
    assert url in page and "Đổi thứ tự: Sở Tài chính tỉnh Phú Thọ" in page
    confirmation = client.get(url).content.decode()
    assert "Xóa Sở Tài chính tỉnh Phú Thọ khỏi Khối các xã, sở năm 2026" in confirmation
    response = client.post(url)
    assert response["Location"].endswith("#thanh-vien")
    assert "Đã xóa Sở Tài chính tỉnh Phú Thọ khỏi Khối các xã, sở." in client.get(response["Location"]).content.decode()
    assert len(rotation(world.block)) == 3


def test_the_confirmation_says_why_the_head_cannot_be_removed(world, login, cast):
    client = login(cast.dave)
    url = reverse("awards:block_member_remove", args=[world.members[0].pk])
    page = client.get(url).content.decode()
    assert "đang là trưởng khối hoặc phó khối" in page
    response = client.post(url)
    assert "đang là trưởng khối" in client.get(response["Location"]).content.decode()
    assert len(rotation(world.block)) == 4


def test_the_organiser_changes_the_order_and_a_bad_number_is_told(world, login, cast):
    client = login(cast.dave)
    url = reverse("awards:block_member_move", args=[world.members[2].pk])
    client.post(url, {"position": "1"})
    assert rotation(world.block)[0] == (1, "Nội vụ tỉnh Phú Thọ")
    refused = client.post(url, {"position": "9"})
    assert "Thứ tự luân phiên từ 1 đến 4." in client.get(refused["Location"]).content.decode()
    refused = client.post(url, {"position": "hai"})
    assert "Thứ tự luân phiên là một số" in client.get(refused["Location"]).content.decode()


@pytest.mark.parametrize("who, status", [("alice", 403), ("hana", 403), ("olga", 404)])
def test_members_and_outsiders_neither_remove_nor_move(world, login, cast, who, status):
    user = getattr(cast, who, None) or getattr(world, who)
    client = login(user)
    member = world.members[3]
    assert client.get(reverse("awards:block_member_remove", args=[member.pk])).status_code == status
    assert client.post(reverse("awards:block_member_move", args=[member.pk]), {"position": "1"}).status_code == status
    assert len(rotation(world.block)) == 4


def test_anonymous_is_sent_to_log_in(world, client):
    assert client.get(reverse("awards:block_member_remove", args=[world.members[3].pk])).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_a_member_sending_while_the_organiser_removes_it_ends_one_way_or_the_other(tree, cast):
    from units.models import Membership

    block = blocks.create_block(tree.phu_tho, actor=cast.dave, year=2026, name="Khối B",
                                units=[tree.ha_hoa, tree.hien_luong])
    group = blocks.add_score_group(block, actor=cast.dave, name="Nhiệm vụ", max_points=D(100))
    criterion = blocks.add_criterion(group, actor=cast.dave, name="Chỉ tiêu", max_points=D(100))
    blocks.set_block_leaders(block, actor=cast.dave, head=tree.ha_hoa, deputy=None)
    hana = make_user("hana", tree.hien_luong, Membership.Role.CLERK)
    member = block.members.get(unit=tree.hien_luong)
    blocks.save_self_score(member, actor=hana, criterion=criterion, points=D(90))
    outcomes = concurrency.race(lambda: blocks.send_score_sheet(member, actor=hana),
                                lambda: block_members.remove_block_member(member, actor=cast.dave))
    assert [kind for kind, _ in outcomes] == ["done", "refused"]
    sent = ScoreSheet.objects.filter(member__pk=member.pk, status=ScoreSheet.Status.SENT).exists()
    # Either the sheet was sent and the member stays, or the member left with its draft.
    assert sent == BlockMember.objects.filter(pk=member.pk).exists()
