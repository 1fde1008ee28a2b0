"""Issuing a decision: the award records it writes, the lines and packets it moves, what it refuses, all or nothing."""

import datetime
import hashlib
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import Plan
from campaigns.plan_import import import_plan_file

from awards.models import AwardRecord, AwardType, Decision, DossierEvent, DossierLine, Initiative, Notification
from awards.rules import hash_chain as audit
from awards.rules.eligibility import check
from awards.rules.workflow import Action as A
from awards.services import decisions, dossiers

from tests.awards.decision_factories import SIGNED_ON, decide, draft
from tests.awards.dossier_factories import R, approve_all, lines_of, make_list, official, people, refresh, submit
from tests.campaigns.plan_texts import yearly_plan
from tests.conftest import SEEDS, make_plan

pytestmark = pytest.mark.django_db
L = DossierLine.Status


@pytest.fixture
def province(cast, tree, central, province_clerk):
    """Two commune lists at the province, each with Bằng khen lines settled there, ready for its decision."""
    cast.phuong = province_clerk
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    [cuong] = people(tree.hien_luong, ["Lê Văn Cường"])
    packets = []
    for unit, entries in ((tree.ha_hoa, [(an, "BK_TINH"), (binh, "BK_TINH"), (tree.van_phong, "BK_TINH")]),
                          (tree.hien_luong, [(cuong, "BK_TINH")])):
        clerk = cast.alice if unit == tree.ha_hoa else official("clerk-hl", unit, R.CLERK)
        [packet] = submit(make_list(unit, clerk, entries), clerk)
        dossiers.receive_dossier(packet, actor=cast.phuong)
        approve_all(packet, cast.carol)
        dossiers.settle_dossier(packet, actor=cast.dave)
        packets.append(refresh(packet))
    cast.packets, cast.an, cast.binh, cast.cuong = packets, an, binh, cuong
    return cast


def ready(unit):
    return list(decisions.ready_lines(unit))


def test_one_decision_decides_the_ready_lines_of_several_packets_and_writes_one_record_each(
        province, tree, django_capture_on_commit_callbacks):
    lines = ready(tree.phu_tho)
    assert len(lines) == 4
    decision = draft(tree.phu_tho, province.phuong, lines, number=7)
    with django_capture_on_commit_callbacks(execute=True):
        decision = decisions.issue_decision(decision, actor=province.dave)
    assert decision.status == Decision.Status.ISSUED and decision.number_text == "07/QĐ-UBND"
    records = list(AwardRecord.objects.filter(decision=decision).order_by("pk"))
    assert len(records) == 4
    by_line = {record.dossier_line_id: record for record in records}
    for line in lines:
        record = by_line[line.pk]
        assert (record.person_id, record.collective_id, record.award.code, record.year) == (
            line.nomination_line.person_id, line.nomination_line.collective_id, "BK_TINH", 2026)
        assert (record.decision_number, record.decision_date, record.source, record.kind) == (
            "07/QĐ-UBND", SIGNED_ON, AwardRecord.Source.PORTAL, "")
        assert record.issuing_body == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ"
    assert {line.status for line in DossierLine.objects.filter(pk__in=[line.pk for line in lines])} == {L.DECIDED}
    for packet in province.packets:
        event = DossierEvent.objects.filter(dossier=packet).latest("seq")
        assert (event.action, event.details["decision"], event.details["number"]) == (A.DECIDE, decision.pk,
                                                                                      "07/QĐ-UBND")
    assert all(problem is None for _d, problem in audit.verify_all())
    pdf = decision.issued_pdf.open("rb").read()
    assert pdf.startswith(b"%PDF-") and hashlib.sha256(pdf).hexdigest() == decision.issued_pdf_sha256
    assert Notification.objects.filter(recipient=province.alice, verb=A.DECIDE).exists()
    assert decisions.ready_lines(tree.phu_tho).count() == 0


def test_a_line_answering_a_plan_is_recorded_as_a_campaign_award(cast, tree, central):
    plan = make_plan(tree.ha_hoa, status="issued", number=3, issue_day=10)
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    [local] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "GIAY_KHEN")], plan=plan), cast.alice)
    decision = decide(local, cast.bob)
    [record] = decision.records.all()
    assert record.kind == AwardType.Kind.THEMATIC and record.effective_kind == AwardType.Kind.THEMATIC
    assert any("03/KH-UBND" in line for line in decision.legal_basis_lines)


def test_the_award_granted_comes_from_one_function(province, tree, monkeypatch):
    lines = ready(tree.phu_tho)[:1]
    other = AwardType.objects.get(code="GIAY_KHEN")
    from awards.models import DossierLine

    monkeypatch.setattr(DossierLine, "awarded", lambda line: (other, ""))
    decision = decisions.issue_decision(draft(tree.phu_tho, province.phuong, lines), actor=province.dave)
    assert [record.award.code for record in decision.records.all()] == ["GIAY_KHEN"]


def test_a_clerk_drafts_but_cannot_issue(province, tree):
    decision = draft(tree.phu_tho, province.phuong, ready(tree.phu_tho))
    with pytest.raises(PermissionDenied):
        decisions.issue_decision(decision, actor=province.phuong)
    assert refresh_decision(decision).status == Decision.Status.DRAFT and not AwardRecord.objects.exists()


def test_an_approver_who_reviewed_the_packet_is_barred(province, tree):
    reviewer_approver = official("carol-2", tree.phu_tho, R.APPROVER)
    packet = province.packets[0]
    type(packet).objects.filter(pk=packet.pk).update(reviewed_by=reviewer_approver)
    decision = draft(tree.phu_tho, province.phuong, lines_of(packet)[:1])
    with pytest.raises(PermissionDenied, match="thẩm định"):
        decisions.issue_decision(decision, actor=reviewer_approver)
    assert not AwardRecord.objects.exists()


def test_an_outsider_cannot_see_or_issue_the_decision(province, tree):
    decision = draft(tree.phu_tho, province.phuong, ready(tree.phu_tho))
    with pytest.raises(PermissionDenied):
        decisions.issue_decision(decision, actor=province.olga)
    with pytest.raises(PermissionDenied):
        decisions.create_decision(tree.phu_tho, actor=province.olga, fields={}, line_ids=[1])


def test_a_line_decided_meanwhile_by_another_decision_is_named_and_nothing_is_written(province, tree):
    lines = ready(tree.phu_tho)
    first = draft(tree.phu_tho, province.phuong, lines[:2], number=1)
    second = draft(tree.phu_tho, province.phuong, lines[1:], number=2)
    decisions.issue_decision(first, actor=province.dave)
    with pytest.raises(decisions.StaleDecision, match="vừa được Dave quyết định tại Quyết định số 01/QĐ-UBND"):
        decisions.issue_decision(second, actor=province.dave)
    assert refresh_decision(second).status == Decision.Status.DRAFT
    assert AwardRecord.objects.count() == 2
    assert DossierLine.objects.filter(pk__in=[line.pk for line in lines[2:]], status=L.READY).count() == 2


def test_a_failing_pdf_rolls_everything_back(province, tree, monkeypatch):
    import awards.documents.decision as documents

    decision = draft(tree.phu_tho, province.phuong, ready(tree.phu_tho))
    events = DossierEvent.objects.count()

    def broken(decision):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(documents, "render_decision_pdf", broken)
    with pytest.raises(RuntimeError):
        decisions.issue_decision(decision, actor=province.dave)
    assert refresh_decision(decision).status == Decision.Status.DRAFT
    assert not AwardRecord.objects.exists() and DossierEvent.objects.count() == events
    assert decisions.ready_lines(tree.phu_tho).count() == 4


def test_a_number_already_used_this_year_is_refused(province, tree):
    lines = ready(tree.phu_tho)
    decisions.issue_decision(draft(tree.phu_tho, province.phuong, lines[:1], number=5), actor=province.dave)
    again = draft(tree.phu_tho, province.phuong, lines[1:2], number=5)
    with pytest.raises(ValidationError, match="05/QĐ-UBND vừa được dùng"):
        decisions.issue_decision(again, actor=province.dave)
    assert AwardRecord.objects.count() == 1
    assert decisions.suggest_number(tree.phu_tho, 2026) == 6


def test_an_issued_decision_is_never_issued_or_edited_again(province, tree):
    decision = decisions.issue_decision(draft(tree.phu_tho, province.phuong, ready(tree.phu_tho)),
                                        actor=province.dave)
    with pytest.raises(decisions.StaleDecision, match="đã được Dave ban hành"):
        decisions.issue_decision(decision, actor=province.dave)
    with pytest.raises(decisions.StaleDecision):
        decisions.update_decision(decision, actor=province.dave, fields={"title": "Khác"}, line_ids=[1])


def test_a_draft_without_signer_or_with_a_future_date_is_not_issued(province, tree):
    decision = draft(tree.phu_tho, province.phuong, ready(tree.phu_tho), signer_name="")
    with pytest.raises(ValidationError, match="họ tên người ký"):
        decisions.issue_decision(decision, actor=province.dave)
    Decision.objects.filter(pk=decision.pk).update(signer_name="Trần Duy Đông",
                                                   signed_on=datetime.date.today() + datetime.timedelta(days=2))
    with pytest.raises(ValidationError, match="sau ngày hôm nay"):
        decisions.issue_decision(decision, actor=province.dave)


def test_the_prefill_cites_the_regulations_in_force_and_names_the_authority(province, tree):
    fields = decisions.draft_defaults(tree.phu_tho, ready(tree.phu_tho), on=SIGNED_ON)
    assert fields["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ"
    assert fields["title"] == "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm 2026"
    bases = fields["legal_bases"].splitlines()
    assert bases[:3] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành một "
        "số điều của Luật Thi đua, khen thưởng;"]
    assert fields["symbol"] == "QĐ-UBND" and fields["number"] == 1


def test_a_record_written_by_a_decision_counts_next_year(cast, tree, central):
    """CSTĐCS 2024 and 2025 imported; the 2026 CSTĐCS decided here makes CSTĐ tỉnh 2026 reachable."""
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    two_years_of_cstdcs_and_an_initiative(an)
    cstd_bt = AwardType.objects.get(code="CSTD_BT")
    before = check(an, cstd_bt, 2026)
    assert not before.eligible
    [local] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "CSTDCS")]), cast.alice)
    assert local.receiver == tree.ha_hoa
    decision = decide(local, cast.bob, number=12)
    after = check(an, cst_bt_award(), 2026)
    assert after.eligible
    streak = next(result for result in after.results if "liên tục" in result.description)
    assert any(record.decision_id == decision.pk for record in streak.used)


def test_the_engine_ignores_a_revoked_portal_record(cast, tree, central):
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    [local] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "CSTDCS")]), cast.alice)
    decision = decide(local, cast.bob)
    [record] = decision.records.all()
    AwardRecord.objects.filter(pk=record.pk).update(revoked_on=datetime.date(2026, 6, 1))
    verdict = check(an, AwardType.objects.get(code="CSTD_BT"), 2026)
    streak = next(result for result in verdict.results if "liên tục" in result.description)
    assert record.pk not in [used.pk for used in streak.used]
    assert [ignored.pk for ignored, _why in streak.ignored] == [record.pk]


def two_years_of_cstdcs_and_an_initiative(person):
    """CSTĐCS 2024 and 2025 imported, and a provincial initiative of 2025: one more CSTĐCS reaches CSTĐ tỉnh."""
    cstdcs = AwardType.objects.get(code="CSTDCS")
    for year in (2024, 2025):
        AwardRecord.objects.create(person=person, award=cstdcs, year=year, decision_number=f"{year}/QĐ-UBND",
                                   decision_date=datetime.date(year + 1, 1, 10), issuing_body="UBND xã Hạ Hòa")
    Initiative.objects.create(title="Quy trình số hóa", year=2025, scope="province",
                              recognising_body="UBND tỉnh Phú Thọ").authors.add(person)


def cst_bt_award():
    return AwardType.objects.get(code="CSTD_BT")


def refresh_decision(decision):
    return Decision.objects.get(pk=decision.pk)


@pytest.mark.parametrize("seed, kind, counts", [
    (None, "regular", True),
    # A real campaign plan (read from ../shared/seeds when the test runs, never at collection).
    pytest.param("ke-hoach-huyen-ha-hoa-2022.txt", "thematic", False, marks=pytest.mark.needs_shared),
])
def test_a_title_granted_under_a_yearly_plan_counts_toward_the_next_and_under_a_campaign_does_not(
        cast, tree, central, seed, kind, counts):
    """CSTĐCS 2024 and 2025 imported; the 2026 CSTĐCS is decided under an imported plan of the commune."""
    text = (SEEDS / seed).read_bytes() if seed else yearly_plan()
    plan, _report = import_plan_file(data=text, filename="ke-hoach.txt", unit=tree.ha_hoa, actor=cast.alice)
    assert plan.kind == kind
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ISSUED, number=2, issue_day=15, issue_month=1)
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    two_years_of_cstdcs_and_an_initiative(an)
    [local] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "CSTDCS")], plan=Plan.objects.get(pk=plan.pk)),
                     cast.alice)
    decision = decide(local, cast.bob, number=12)
    [record] = decision.records.all()
    assert record.kind == ("" if counts else AwardType.Kind.THEMATIC)
    verdict = check(an, cst_bt_award(), 2026)
    assert verdict.eligible is counts
    streak = next(result for result in verdict.results if "liên tục" in result.description)
    assert (record.pk in [used.pk for used in streak.used]) is counts
    if not counts:
        [(ignored, why)] = streak.ignored
        assert ignored.pk == record.pk and "theo đợt, chuyên đề" in why


def test_grants_recorded_before_plans_had_a_kind_count_again_under_a_yearly_plan(cast, tree, central):
    migration = import_module("awards.migrations.0020_award_records_of_yearly_plans")
    records = {}
    for kind, name in (("regular", "Nguyễn Văn An"), ("thematic", "Trần Thị Bình")):
        plan = make_plan(tree.ha_hoa, status="issued", number=len(records) + 3, issue_day=10, kind=kind)
        [person] = people(tree.ha_hoa, [name])
        [local] = submit(make_list(tree.ha_hoa, cast.alice, [(person, "LDTT")], plan=plan), cast.alice)
        [records[kind]] = decide(local, cast.bob, number=len(records) + 20).records.all()
    AwardRecord.objects.update(kind=AwardType.Kind.THEMATIC)  # as every grant under a plan was recorded
    migration.count_yearly_plan_grants(apps, None)
    assert AwardRecord.objects.get(pk=records["regular"].pk).kind == ""
    assert AwardRecord.objects.get(pk=records["thematic"].pk).kind == AwardType.Kind.THEMATIC
