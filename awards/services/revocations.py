"""Revoking an award record, and flagging for review every later award that rested on it.

A revoked record stops counting at once (the eligibility engine skips records with ``revoked_on``).
What was granted on its strength stays granted until someone decides otherwise, so each later
record of the same subject that counted it gets an ``AwardReviewFlag``: a portal record whose
proposal's stored verdict names the revoked record; any other later record whose award the engine
passed with the revoked record and fails without it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from units.models import Membership
from units.scoping import holds_role_at, ids_above, units_with_role

from awards.models import AwardRecord, AwardReviewFlag, AwardRevocation
from awards.rules import eligibility

R = Membership.Role


def responsible_unit(record):
    """The unit that answers for a record: the one that issued it, or else the subject's own."""
    if record.decision_id:
        return record.decision.issuing_unit
    if record.person_id:
        return record.person.unit
    return record.collective


# Who revokes an award record: the approver of the issuing unit, or a unit admin of it or above it.
REVOKERS = (R.APPROVER, R.UNIT_ADMIN)


def may_revoke(user, record) -> bool:
    """The approver of the issuing unit, or a unit admin of it or of a unit above it."""
    unit = responsible_unit(record)
    if unit is None:
        return bool(user.is_superuser)
    if holds_role_at(user, unit, REVOKERS):
        return True
    admin_of = units_with_role(user, (R.UNIT_ADMIN,))
    return bool(admin_of & set(ids_above(unit.path)))  # read off the path: a page asks for each of its rows


def subject_of(record):
    return record.person or record.collective


def _later_records(record):
    rows = AwardRecord.objects.filter(year__gt=record.year, revoked_on__isnull=True).exclude(pk=record.pk)
    rows = rows.filter(person=record.person) if record.person_id else rows.filter(collective=record.collective)
    return list(rows.select_related("award", "person", "collective", "dossier_line__nomination_line")
                .order_by("year", "pk"))


def named_in_verdict(record, later) -> bool:
    """Whether the verdict stored with ``later``'s proposal lists ``record`` among the records it used."""
    proposal = later.dossier_line.nomination_line if later.dossier_line_id else None
    if proposal is None or not proposal.eligibility:
        return False
    described = eligibility.describe_record(record, subject_of(record))
    return any(described in condition.get("records", []) for condition in proposal.eligibility.get("conditions", []))


def _passes(subjects, later_rows):
    judge = eligibility.Judge(subjects)
    return {row.pk: judge.check(subject_of(row), row.award, row.year, award_class=row.award_class)
            for row in later_rows}


@transaction.atomic
def revoke_award(record, *, actor, reason: str, on) -> AwardRevocation:
    """Revoke ``record`` from ``on`` for ``reason``; later awards that counted it are flagged for review."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Ghi rõ lý do hủy bỏ khen thưởng (căn cứ quyết định hủy bỏ)."})
    if on is None:
        raise ValidationError({"revoked_on": "Nhập ngày hủy bỏ."})
    locked = (AwardRecord.objects.visible_to(actor).select_for_update(of=("self",))
              .select_related("award", "person__unit", "collective", "decision__issuing_unit")
              .filter(pk=record.pk).first())
    if locked is None:
        raise PermissionDenied("Không tìm thấy khen thưởng này trong phạm vi của bạn.")
    if not may_revoke(actor, locked):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị đã quyết định khen thưởng hoặc quản trị đơn vị mới được hủy bỏ.")
    if locked.revoked_on:
        raise ValidationError(f"Khen thưởng này đã bị hủy bỏ từ ngày {locked.revoked_on:%d/%m/%Y}.")
    if on < locked.decision_date:
        raise ValidationError({"revoked_on": "Ngày hủy bỏ không được trước ngày quyết định khen thưởng."})

    later = _later_records(locked)
    named = {row.pk for row in later if named_in_verdict(locked, row)}
    others = [row for row in later if row.pk not in named]
    subject = subject_of(locked)
    before = _passes([subject], others) if others else {}
    locked.revoked_on, locked.revocation_reason = on, reason.strip()
    locked.save(update_fields=["revoked_on", "revocation_reason"])
    after = _passes([subject], others) if others else {}
    reasons = {pk: (f"Khi đề nghị, kết quả xét tiêu chuẩn đã dựa vào {locked.award_label} năm {locked.year} "
                    f"({locked.decision_number}), nay đã bị hủy bỏ.") for pk in named}
    for row in others:
        was, now = before[row.pk], after[row.pk]
        if was.standard is not None and was.eligible and not now.eligible:
            failed = [result.description for result in now.results if not result.met]
            reasons[row.pk] = (f"Không còn đủ tiêu chuẩn khi bỏ {locked.award_label} năm {locked.year} "
                               f"({locked.decision_number}): chưa đạt {'; '.join(failed)}.")
    AwardReviewFlag.objects.bulk_create([AwardReviewFlag(record_id=pk, cause=locked, reason=why)
                                         for pk, why in sorted(reasons.items())])
    return AwardRevocation.objects.create(record=locked, revoked_on=on, reason=reason.strip(), actor=actor,
                                          flagged=len(reasons))


@transaction.atomic
def resolve_flag(flag, *, actor, note: str) -> AwardReviewFlag:
    """Close a review flag with what the review found (kept the award, or started its revocation)."""
    if not (note or "").strip():
        raise ValidationError({"note": "Ghi kết quả rà soát trước khi đóng."})
    locked = (AwardReviewFlag.objects.visible_to(actor).select_for_update(of=("self",))
              .select_related("record__person__unit", "record__collective", "record__decision__issuing_unit")
              .filter(pk=flag.pk).first())
    if locked is None:
        raise PermissionDenied("Không tìm thấy mục rà soát này trong phạm vi của bạn.")
    if not may_revoke(actor, locked.record):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị đã quyết định khen thưởng hoặc quản trị đơn vị mới xử lý được.")
    if locked.resolved_at is not None:
        raise ValidationError("Mục rà soát này đã được xử lý.")
    locked.resolved_by, locked.resolved_at, locked.resolution_note = actor, timezone.now(), note.strip()
    locked.save(update_fields=["resolved_by", "resolved_at", "resolution_note"])
    return locked
