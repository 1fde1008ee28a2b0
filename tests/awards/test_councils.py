"""The council's vote: quorum, thresholds on the rule's base, written votes, downgrades, and what closing applies."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from awards.models import (
    AwardDowngrade,
    CouncilMember,
    DocumentKind,
    Dossier,
    DossierAttachment,
    DossierEvent,
    DossierLine,
    Notification,
    VoteRule,
)
from awards.rules import hash_chain as audit, workflow
from awards.rules.regulations import regulation_on
from awards.rules.tally import count_session
from awards.rules.workflow import Action as A
from awards.services import councils, dossiers

from tests.awards.council_factories import HELD_ON, open_session, reviewed_packet, tally, world  # noqa: F401
from tests.awards.dossier_factories import award, lines_of, refresh
from tests.job_workers import tasks_at_once  # noqa: F401

pytestmark = pytest.mark.django_db
L = DossierLine.Status


def pdf_text(data):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_below_two_thirds_present_the_session_cannot_record_results(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    session = open_session(world)
    [line] = lines_of(packet)
    tally(session, {line.pk: (7, 0, 5, 0)}, present=7)  # 7 of 12 = 58%
    quorum = r"chưa đủ số thành viên dự họp.*7/12 thành viên dự họp \(58%; tối thiểu 66,7%\)"
    with pytest.raises(ValidationError, match=quorum):
        councils.close_session(session, actor=world.sarah)
    assert refresh(packet).version == packet.version and lines_of(packet)[0].council_result == ""


def test_eight_of_twelve_is_a_quorum_of_two_thirds(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    session = open_session(world)
    [line] = lines_of(packet)
    tally(session, {line.pk: (8, 0, 2, 0)}, present=8)  # 10/12 = 83% of all members
    councils.close_session(session, actor=world.sarah)
    [line] = lines_of(packet)
    assert (line.status, line.council_result) == (L.APPROVED, "passed")


@pytest.mark.parametrize(("votes_for", "result"), [(8, "passed"), (7, "failed")])
def test_exactly_eighty_percent_of_the_members_in_force_passes(world, tree, votes_for, result):
    # Two of the twelve left the council before the session: ten are in force on the day.
    for member in CouncilMember.objects.order_by("-pk")[:2]:
        member.valid_to = HELD_ON.replace(day=1)
        member.save()
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    session = open_session(world)
    [line] = lines_of(packet)
    tally(session, {line.pk: (votes_for, 10 - votes_for, 0, 0)}, present=10)
    councils.close_session(session, actor=world.sarah)
    [line] = lines_of(packet)
    assert line.council_result == result
    if result == "failed":
        assert line.status == L.REJECTED
        assert line.reason == "Đạt 7/10 phiếu (70%), chưa đạt tỷ lệ 80% tổng số thành viên hội đồng"


def test_the_share_is_taken_on_those_present_when_the_rule_says_so(world, tree):
    VoteRule.objects.create(regulation=regulation_on(HELD_ON), award=award("BK_TTG"), level="province",
                            base=VoteRule.Base.PRESENT, min_ratio="0.800")
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    an, binh = lines_of(packet)
    session = open_session(world)
    # Ten present: 8/10 = 80% of those present passes, though it is only 8/12 = 67% of all members;
    # written votes do not count where the base is those present.
    tally(session, {an.pk: (8, 2, 0, 0), binh.pk: (7, 3, 2, 0)}, present=10)
    councils.close_session(session, actor=world.sarah)
    an, binh = lines_of(packet)
    assert (an.council_result, binh.council_result) == ("passed", "failed")
    assert binh.reason == "Đạt 7/10 phiếu (70%), chưa đạt tỷ lệ 80% số thành viên dự họp"


def test_written_votes_of_absentees_count_on_the_whole_council(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    an, binh = lines_of(packet)
    session = open_session(world)
    # Nine present, three absent: 7 + 3 written = 10/12 = 83% passes; 7 alone = 7/12 = 58% fails.
    tally(session, {an.pk: (7, 2, 3, 0), binh.pk: (7, 2, 0, 3)}, present=9)
    councils.close_session(session, actor=world.sarah)
    an, binh = lines_of(packet)
    assert (an.status, an.council_result) == (L.APPROVED, "passed")
    assert (binh.status, binh.council_result) == (L.REJECTED, "failed")
    assert binh.reason == "Đạt 7/12 phiếu (58%), chưa đạt tỷ lệ 80% tổng số thành viên hội đồng"


def test_tallies_larger_than_the_room_are_refused_and_nothing_is_saved(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    [line] = lines_of(packet)
    session = open_session(world)
    with pytest.raises(ValidationError, match="11 phiếu tại phiên họp, nhiều hơn số thành viên dự họp"):
        tally(session, {line.pk: (9, 2, 0, 0)}, present=10)
    with pytest.raises(ValidationError, match="3 phiếu bằng văn bản, nhiều hơn số thành viên vắng mặt \\(2\\)"):
        tally(session, {line.pk: (9, 1, 3, 0)}, present=10)
    assert session.ballots.get().votes_for == 0 and session.attendees.count() == 0


def test_a_downgraded_line_is_then_decided_by_the_province_and_the_other_goes_up(
        world, tree, central, tasks_at_once, django_capture_on_commit_callbacks):  # noqa: F811
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    an, binh = lines_of(packet)
    assert an.deciding_unit == central.body
    lower = AwardDowngrade.objects.get(award__code="BK_TTG", lower_award__code="BK_TINH")
    session = open_session(world)
    tally(session, {an.pk: (6, 6, 0, 0, lower.pk), binh.pk: (11, 1, 0, 0)})
    with django_capture_on_commit_callbacks(execute=True):  # the minutes' job runs once the closing commits
        councils.close_session(session, actor=world.sarah)
    an, binh = lines_of(packet)
    assert an.awarded() == (award("BK_TINH"), "") and an.deciding_unit == tree.phu_tho
    assert an.status == L.APPROVED and "chuyển hình thức Bằng khen của Chủ tịch UBND tỉnh" in an.reason
    assert binh.awarded() == (award("BK_TTG"), "") and binh.deciding_unit == central.body
    bundle = dossiers.forward_dossiers([packet], actor=world.dave)
    assert [line.status for line in lines_of(packet)] == [L.READY, L.FORWARDED]
    [up] = lines_of(bundle)
    assert up.nomination_line == binh.nomination_line
    minutes = DossierAttachment.objects.get(dossier=bundle, kind=DocumentKind.MINUTES)
    assert "BIÊN BẢN" in pdf_text(minutes.file.open("rb").read())
    assert all(problem is None for _d, problem in audit.verify_all())


def test_the_council_may_downgrade_only_to_a_lower_award_of_the_table(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    [line] = lines_of(packet)
    unrelated = AwardDowngrade.objects.get(award__code="CSTD_BT", lower_award__code="CSTDCS")
    session = open_session(world)
    with pytest.raises(ValidationError, match="không có trong danh mục hình thức khen thấp hơn"):
        tally(session, {line.pk: (6, 6, 0, 0, unrelated.pk)})


def test_the_gate_holds_forward_until_the_council_voted(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    assert workflow.allowed_actions(packet, world.dave) == []
    with pytest.raises(PermissionDenied, match="chưa biểu quyết"):
        dossiers.forward_dossiers([packet], actor=world.dave)
    session = open_session(world)
    tally(session, {lines_of(packet)[0].pk: (12, 0, 0, 0)})
    councils.close_session(session, actor=world.sarah)
    packet = refresh(packet)
    assert workflow.allowed_actions(packet, world.dave) == [A.FORWARD]


def test_a_level_without_a_council_keeps_its_flow(world, tree):
    world.council.delete()
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    assert workflow.allowed_actions(packet, world.dave) == [A.FORWARD]


def test_a_council_no_longer_in_force_does_not_hold_the_packet(world, tree):
    world.council.valid_to = HELD_ON
    world.council.save()
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    assert workflow.allowed_actions(packet, world.dave) == [A.FORWARD]


def test_closing_applies_every_packet_in_one_go_with_one_event_and_the_minutes_each(
        world, tree, tasks_at_once, django_capture_on_commit_callbacks):  # noqa: F811
    first = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    second = reviewed_packet(world, tree.hien_luong, ["Lê Văn Cường"])
    session = open_session(world)
    assert session.ballots.count() == 2
    tally(session, {lines_of(first)[0].pk: (10, 2, 0, 0), lines_of(second)[0].pk: (3, 9, 0, 0)})
    with django_capture_on_commit_callbacks(execute=True):
        councils.close_session(session, actor=world.sarah)
    for packet, result in ((first, "passed"), (second, "failed")):
        packet = refresh(packet)
        # The vote, then the minutes filed once printed: each a step of the packet's chain.
        vote, filed = DossierEvent.objects.filter(dossier=packet).order_by("-seq")[:2][::-1]
        assert (vote.action, vote.from_status, vote.to_status, vote.actor) == (
            A.VOTE, "reviewed", "reviewed", world.sarah)
        assert vote.details[result] == [str(lines_of(packet)[0].pk)]
        minutes = DossierAttachment.objects.get(dossier=packet, kind=DocumentKind.MINUTES)
        assert (filed.action, filed.actor, filed.details) == (A.VOTE, world.sarah,
                                                              {"session": session.pk, "minutes": minutes.pk})
        assert "BIÊN BẢN" in pdf_text(minutes.file.open("rb").read())
    assert Notification.objects.filter(recipient=world.dave, verb=A.VOTE).count() == 2
    assert all(problem is None for _d, problem in audit.verify_all())
    with pytest.raises(councils.SessionClosed, match="đã được Sarah kết thúc"):
        councils.close_session(session, actor=world.sarah)


def test_only_the_secretary_of_the_level_opens_and_closes_sessions(world, tree):
    reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    with pytest.raises(PermissionDenied, match="Chỉ thư ký Hội đồng TĐKT của Tỉnh Phú Thọ"):
        councils.open_session(actor=world.dave, unit=tree.phu_tho, held_on=HELD_ON, place="Hội trường")
    session = open_session(world)
    with pytest.raises(PermissionDenied):
        councils.close_session(session, actor=world.carol)
    with pytest.raises(PermissionDenied):
        councils.close_session(session, actor=world.olga)


def test_a_line_already_on_an_open_session_is_not_put_on_another(world, tree):
    reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    open_session(world)
    with pytest.raises(ValidationError, match="Không có đề nghị nào"):
        open_session(world)


def test_awarded_reads_the_proposal_when_the_council_kept_it(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    [line] = lines_of(packet)
    assert line.awarded() == (award("BK_TTG"), "")
    assert Dossier.objects.get(pk=packet.pk).status == "reviewed"


def test_a_session_with_no_candidate_rule_takes_its_quorum_from_the_level_vote_rule(world, tree):
    VoteRule.objects.create(regulation=regulation_on(HELD_ON), level="province", min_ratio="0.500",
                            quorum_ratio="0.750")
    reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    session = open_session(world)
    tally(session, {}, present=8)
    count = count_session(session, ballots=[])
    assert count.quorum_ratio == Decimal("0.750")
    assert not count.has_quorum and count.quorum_text.endswith("(67%; tối thiểu 75%)")


def test_without_any_vote_rule_in_force_no_quorum_is_assumed(world, tree):
    reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    session = open_session(world)
    tally(session, {}, present=12)
    VoteRule.objects.all().delete()
    count = count_session(session)
    assert count.quorum_ratio is None and not count.has_quorum
    assert "chưa có quy tắc biểu quyết" in count.quorum_text
    with pytest.raises(ValidationError, match="chưa đủ số thành viên dự họp"):
        councils.close_session(session, actor=world.sarah)
