"""Emulation blocks: the organiser defines a block, members score themselves, the head cross-checks and closes,
the portal ranks members with the block's tie-break rules.

The hand-counted table (group 1 capped at 30, group 2 at 50, bonus at 5, deductions at 10):

  member        c1  c2  → g1   c3  bonus  ded.  total   note
  Hạ Hòa        20  15  → 30   40   8→5    0     75     first: most points in group 1
  Hiền Lương    15  10  → 25   45   5      0     75     second: group 1 (25 < 30)
  Sở Nội vụ     20   5  → 25   48   5      3     75     below Hiền Lương by deductions (3 > 0)
  Sở Tài chính  20   5  → 25   48   5      3     75     equal to Sở Nội vụ on every figure: the vote decides,
                                                          or without votes they share the third rank
"""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import EmulationBlock, ScoreEntry
from awards.rules import blocks as rules
from awards.services import blocks

from tests.awards import concurrency
from tests.awards.block_factories import SCORES, score_all, world  # noqa: F401
from tests.conftest import make_user


def names(standings):
    return [(s.member.unit.short_name, s.rank, s.total, s.broken_by) for s in standings]


def test_it_ranks_equal_totals_by_group_one_then_deductions_and_lets_identical_members_share_a_rank(world):
    score_all(world)
    standings = rules.ranking(world.block)
    assert names(standings) == [
        ("Hạ Hòa", 1, D(75), ""),
        ("Hiền Lương", 2, D(75), "Nhiều điểm hơn ở nhóm tiêu chí thứ nhất"),
        ("Nội vụ tỉnh Phú Thọ", 3, D(75), "Ít điểm trừ hơn"),
        ("Tài chính tỉnh Phú Thọ", 3, D(75), ""),
    ]
    assert [s.shared for s in standings] == [False, False, True, True]


def test_the_blocks_vote_breaks_the_last_tie_and_is_named(world, cast):
    score_all(world)
    blocks.close_block_scoring(world.block, actor=cast.alice)
    blocks.record_block_votes(world.block, actor=cast.alice, votes={world.members[2].pk: 1, world.members[3].pk: 3})
    assert names(rules.ranking(world.block))[2:] == [
        ("Tài chính tỉnh Phú Thọ", 3, D(75), "Ít điểm trừ hơn"),
        ("Nội vụ tỉnh Phú Thọ", 4, D(75), "Nhiều phiếu bầu hơn tại cuộc họp của khối"),
    ]


def test_the_tie_break_order_is_the_blocks_own_data(world):
    score_all(world)
    EmulationBlock.objects.filter(pk=world.block.pk).update(tie_break="deductions,group1")
    world.block.refresh_from_db()
    # Fewer deductions first: Hạ Hòa and Hiền Lương (0) above the two departments (3), then group 1.
    assert [s.member.unit.short_name for s in rules.ranking(world.block)][:2] == ["Hạ Hòa", "Hiền Lương"]
    assert rules.ranking(world.block)[1].broken_by == "Nhiều điểm hơn ở nhóm tiêu chí thứ nhất"


def test_it_refuses_an_unknown_tie_break_rule(tree, cast):
    with pytest.raises(ValidationError):
        blocks.create_block(tree.phu_tho, actor=cast.dave, year=2026, name="Khối A", tie_break="luck")


def test_the_heads_cross_check_counts_instead_of_the_self_score_and_needs_a_reason(world, cast):
    score_all(world)
    entry = ScoreEntry.objects.get(sheet__member=world.members[1], criterion=world.c3)
    with pytest.raises(ValidationError):
        blocks.cross_check_score(entry, actor=cast.alice, points=D(40), reason="", seen_points=D(45))
    blocks.cross_check_score(entry, actor=cast.alice, points=D(40), reason="Thiếu minh chứng", seen_points=D(45))
    standings = rules.ranking(world.block)
    assert (standings[-1].member.unit.short_name, standings[-1].total) == ("Hiền Lương", D(70))


def test_a_self_score_above_the_criterions_maximum_is_refused(world):
    with pytest.raises(ValidationError, match="tối đa"):
        blocks.save_self_score(world.members[0], actor=world.people[0], criterion=world.c1, points=D(21))


def test_a_member_cannot_score_for_another_or_cross_check(world):
    with pytest.raises(PermissionDenied):
        blocks.save_self_score(world.members[0], actor=world.hana, criterion=world.c1, points=D(1))
    score_all(world)
    entry = ScoreEntry.objects.get(sheet__member=world.members[0], criterion=world.c1)
    with pytest.raises(PermissionDenied):
        blocks.cross_check_score(entry, actor=world.hana, points=D(1), reason="x", seen_points=None)


def test_a_members_draft_scores_are_its_own_until_sent_and_everyones_once_closed(world, cast):
    score_all(world, send=False)
    own = world.members[0]
    sheet = own.sheet
    assert rules.can_see_scores(cast.alice, own, sheet)
    assert not rules.can_see_scores(world.hana, own, sheet)  # a neighbour
    hana_sheet = world.members[1].sheet
    assert not rules.can_see_scores(cast.alice, world.members[1], hana_sheet)  # the head, before sending
    for member, person in zip(world.members, world.people, strict=True):
        blocks.send_score_sheet(member, actor=person)
    hana_sheet.refresh_from_db()
    assert rules.can_see_scores(cast.alice, world.members[1], hana_sheet)
    sheet.refresh_from_db()
    assert not rules.can_see_scores(world.hana, own, sheet)  # sent, but not closed
    blocks.close_block_scoring(world.block, actor=cast.alice)
    world.members[0].block.refresh_from_db()
    assert rules.can_see_scores(world.hana, world.members[0], sheet)


def test_closing_waits_for_every_sheet_and_then_locks_the_points(world, cast):
    score_all(world, send=False)
    blocks.send_score_sheet(world.members[0], actor=cast.alice)
    with pytest.raises(ValidationError, match="Còn 3 đơn vị"):
        blocks.close_block_scoring(world.block, actor=cast.alice)
    for member, person in zip(world.members[1:], world.people[1:], strict=True):
        blocks.send_score_sheet(member, actor=person)
    blocks.close_block_scoring(world.block, actor=cast.alice)
    entry = ScoreEntry.objects.get(sheet__member=world.members[0], criterion=world.c1)
    with pytest.raises(ValidationError, match="chốt điểm"):
        blocks.cross_check_score(entry, actor=cast.alice, points=D(1), reason="x", seen_points=D(20))


def test_a_unit_belongs_to_one_block_a_year(world, tree, cast):
    with pytest.raises(ValidationError, match="đã thuộc"):
        blocks.create_block(tree.phu_tho, actor=cast.dave, year=2026, name="Khối khác", units=[tree.ha_hoa])


def test_only_the_provinces_admin_or_approver_defines_blocks(tree, cast):
    for person in (cast.alice, cast.carol, cast.olga):
        with pytest.raises(PermissionDenied):
            blocks.create_block(tree.phu_tho, actor=person, year=2026, name="Khối A")


def test_next_years_block_proposes_the_next_member_in_the_rotation_as_head(world, cast):
    blocks.add_covenant_target(world.block, actor=cast.dave, text="Hoàn thành 100% chỉ tiêu")
    new = blocks.roll_block_to_next_year(world.block, actor=cast.dave)
    assert (new.year, new.head, new.deputy) == (2027, world.units[1], world.units[0])
    assert [g.name for g in new.groups.all()] == ["Thực hiện nhiệm vụ", "Tổ chức phong trào", "Điểm thưởng",
                                                  "Điểm trừ"]
    assert new.groups.first().criteria.count() == 2
    assert new.targets.get().text == "Hoàn thành 100% chỉ tiêu"


@pytest.mark.django_db(transaction=True)
def test_two_cross_checks_of_one_line_at_once_keep_the_first_and_tell_the_second(tree, cast):
    from units.models import Membership

    block = blocks.create_block(tree.phu_tho, actor=cast.dave, year=2026, name="Khối B",
                                units=[tree.ha_hoa, tree.hien_luong])
    group = blocks.add_score_group(block, actor=cast.dave, name="Nhiệm vụ", max_points=D(100))
    criterion = blocks.add_criterion(group, actor=cast.dave, name="Chỉ tiêu", max_points=D(100))
    hana = make_user("hana", tree.hien_luong, Membership.Role.CLERK)
    member = block.members.get(unit=tree.hien_luong)
    blocks.save_self_score(member, actor=hana, criterion=criterion, points=D(90))
    blocks.send_score_sheet(member, actor=hana)
    entry = ScoreEntry.objects.get()
    outcomes = concurrency.race(
        lambda: blocks.cross_check_score(entry, actor=cast.alice, points=D(80), reason="Thiếu hồ sơ",
                                         seen_points=D(90)).checked_points,
        lambda: blocks.cross_check_score(entry, actor=cast.dave, points=D(85), reason="Thiếu báo cáo",
                                         seen_points=D(90)).checked_points,
    )
    assert [kind for kind, _ in outcomes] == ["done", "refused"]
    assert "vừa được đổi" in outcomes[1][1]
    entry.refresh_from_db()
    assert entry.checked_points == outcomes[0][1]


def meet(world, cast, *, flag=(), merit=(), votes=None):
    ids = [m.pk for m in world.members]
    return blocks.record_block_meeting(
        world.block, actor=cast.alice, held_on=datetime.date(2026, 12, 20), place="Hội trường Xã Hạ Hòa",
        chair="Nguyễn Văn Chủ", secretary="Lê Thị Thư", present=ids[:3], votes=votes or {},
        flag=[ids[i] for i in flag], merit=[ids[i] for i in merit])


def test_the_meeting_keeps_the_quota_of_leading_units(world, cast):
    score_all(world)
    blocks.close_block_scoring(world.block, actor=cast.alice)
    # Four members at 20%: one leading unit at most (rounded down, at least one).
    with pytest.raises(ValidationError, match="không quá 20% số thành viên"):
        meet(world, cast, flag=[0], merit=[1])
    with pytest.raises(ValidationError, match="Cờ thi đua cho 1"):
        EmulationBlock.objects.filter(pk=world.block.pk).update(leading_share=50)
        meet(world, cast, flag=[0, 1])
    meet(world, cast, flag=[0], merit=[1])
    assert [(m.present, m.proposed_award and m.proposed_award.code) for m in world.block.members.all()] == [
        (True, "CO_BT"), (True, "BK_TINH"), (True, None), (False, None)]


def test_the_blocks_minutes_print_in_pdf_and_word_with_the_ranking_and_the_leaders(world, cast):
    import io

    from docx import Document
    from pypdf import PdfReader

    from awards.documents.block_minutes import render_block_minutes_docx, render_block_minutes_pdf

    score_all(world)
    blocks.close_block_scoring(world.block, actor=cast.alice)
    meet(world, cast, flag=[0], votes={world.members[2].pk: 1, world.members[3].pk: 2})
    world.block.refresh_from_db()
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_block_minutes_pdf(world.block))).pages)
    flat = " ".join(pdf.split())
    assert "BIÊN BẢN" in flat and "Họp khối thi đua năm 2026" in flat
    assert "ngày 20 tháng 12 năm 2026" in flat and "có mặt: 3; vắng mặt: 1" in flat
    assert "Xã Hạ Hòa: đề nghị tặng Cờ thi đua của bộ, ban, ngành, tỉnh" in flat
    document = Document(io.BytesIO(render_block_minutes_docx(world.block)))
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["1", "Xã Hạ Hòa", "75", "—", ""] in rows
    assert ["4", "Sở Nội vụ tỉnh Phú Thọ", "75", "1",
            "Bằng điểm; xếp sau theo quy tắc: nhiều phiếu bầu hơn tại cuộc họp của khối"] in rows


def test_one_click_turns_the_meeting_into_a_draft_list_of_the_province_with_the_minutes(world, cast):
    from awards.models import DocumentKind

    from tests.awards.dossier_factories import R, official

    score_all(world)
    blocks.close_block_scoring(world.block, actor=cast.alice)
    EmulationBlock.objects.filter(pk=world.block.pk).update(leading_share=50)
    meet(world, cast, flag=[0], merit=[1])
    phuong = official("phuong", world.block.organiser, R.CLERK)
    nomination_list = blocks.nominate_block_leaders(world.block, actor=phuong)
    lines = [(line.collective.name, line.award.code) for line in nomination_list.lines.order_by("pk")]
    assert lines == [("Xã Hạ Hòa", "CO_BT"), ("Xã Hiền Lương", "BK_TINH")]
    assert nomination_list.status == "draft" and nomination_list.unit == world.block.organiser
    assert nomination_list.attachments.get().kind == DocumentKind.MINUTES
    with pytest.raises(ValidationError, match="đã được chuyển"):
        blocks.nominate_block_leaders(world.block, actor=phuong)
