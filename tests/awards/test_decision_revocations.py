"""Revoking an award record: the trail, who may, and the later awards flagged for review."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import AwardRecord, AwardReviewFlag, AwardRevocation, AwardType, Initiative, NominationLine
from awards.rules.eligibility import check
from awards.services import revocations

from tests.awards.decision_factories import decide
from tests.awards.dossier_factories import make_list, people, submit

pytestmark = pytest.mark.django_db
D = datetime.date


def give(person, code, year, number):
    return AwardRecord.objects.create(person=person, award=AwardType.objects.get(code=code), year=year,
                                      decision_number=number, decision_date=D(year + 1, 1, 10),
                                      issuing_body="UBND xã Hạ Hòa")


@pytest.fixture
def streak(cast, tree, central):
    """An: CSTĐCS 2023, 2024, 2025 and a provincial initiative; CSTĐ tỉnh 2025 imported on their strength."""
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    base = {year: give(an, "CSTDCS", year, f"{year}/QĐ-UBND") for year in (2023, 2024, 2025)}
    Initiative.objects.create(title="Quy trình số hóa", year=2024, scope="province",
                              recognising_body="UBND tỉnh Phú Thọ").authors.add(an)
    higher = give(an, "CSTD_BT", 2025, "99/QĐ-UBND")
    return an, base, higher


def test_revoking_keeps_a_trail_and_flags_the_later_award_the_engine_no_longer_passes(cast, streak):
    an, base, higher = streak
    assert check(an, AwardType.objects.get(code="CSTD_BT"), 2025).eligible
    revocation = revocations.revoke_award(base[2024], actor=cast.bob, reason="Quyết định số 3/QĐ-UBND hủy bỏ.",
                                          on=D(2026, 5, 1))
    record = AwardRecord.objects.get(pk=base[2024].pk)
    assert (record.revoked_on, record.revocation_reason) == (D(2026, 5, 1), "Quyết định số 3/QĐ-UBND hủy bỏ.")
    assert (revocation.actor, revocation.flagged) == (cast.bob, 1)
    [flag] = AwardReviewFlag.objects.all()
    assert (flag.record, flag.cause) == (higher, record) and "Không còn đủ tiêu chuẩn" in flag.reason
    assert not check(an, AwardType.objects.get(code="CSTD_BT"), 2025).eligible
    # The later base titles do not rest on 2024: they are not flagged.
    assert not AwardReviewFlag.objects.filter(record=base[2025]).exists()


def test_a_portal_record_whose_stored_verdict_named_the_revoked_record_is_flagged(cast, tree, streak):
    an, base, _higher = streak
    [local] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "CSTDCS")], year=2026), cast.alice)
    decision = decide(local, cast.bob)
    [portal] = decision.records.all()
    verdict = check(an, AwardType.objects.get(code="CSTD_BT"), 2026).as_dict()
    NominationLine.objects.filter(pk=portal.dossier_line.nomination_line_id).update(eligibility=verdict)
    revocations.revoke_award(base[2025], actor=cast.bob, reason="Sai đối tượng.", on=D(2026, 6, 1))
    flags = {flag.record_id: flag.reason for flag in AwardReviewFlag.objects.all()}
    assert "kết quả xét tiêu chuẩn đã dựa vào Chiến sĩ thi đua cơ sở năm 2025" in flags[portal.pk]


def test_a_reason_is_required_and_a_record_is_revoked_once(cast, streak):
    _an, base, _higher = streak
    with pytest.raises(ValidationError, match="lý do"):
        revocations.revoke_award(base[2023], actor=cast.bob, reason="  ", on=D(2026, 5, 1))
    revocations.revoke_award(base[2023], actor=cast.bob, reason="Sai.", on=D(2026, 5, 1))
    with pytest.raises(ValidationError, match="đã bị hủy bỏ"):
        revocations.revoke_award(base[2023], actor=cast.bob, reason="Lần nữa.", on=D(2026, 5, 2))
    assert AwardRevocation.objects.count() == 1


@pytest.mark.parametrize(("who", "allowed"), [("alice", False), ("carol", False), ("olga", False), ("bob", True),
                                              ("erin", True)])
def test_only_the_approver_or_a_unit_admin_revokes(cast, streak, who, allowed):
    _an, base, _higher = streak

    def call():
        revocations.revoke_award(base[2023], actor=getattr(cast, who), reason="Sai.", on=D(2026, 5, 1))

    if allowed:
        call()
        assert AwardRecord.objects.get(pk=base[2023].pk).revoked_on == D(2026, 5, 1)
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert AwardRecord.objects.get(pk=base[2023].pk).revoked_on is None


def test_a_flag_is_resolved_with_a_note(cast, streak):
    _an, base, _higher = streak
    revocations.revoke_award(base[2024], actor=cast.bob, reason="Sai.", on=D(2026, 5, 1))
    flag = AwardReviewFlag.objects.get()
    with pytest.raises(ValidationError):
        revocations.resolve_flag(flag, actor=cast.bob, note="")
    revocations.resolve_flag(flag, actor=cast.bob, note="Đã trình hủy bỏ danh hiệu CSTĐ tỉnh.")
    flag.refresh_from_db()
    assert flag.resolved_by == cast.bob and flag.resolved_at is not None
    assert not AwardReviewFlag.objects.open().exists()
