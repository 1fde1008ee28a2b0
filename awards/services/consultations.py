"""Public consultation (công khai, lấy ý kiến) before state-level awards go up: open, comment, answer, close.

A unit that received packets lists the approved proposals whose award needs publishing at its
level (awards.rules.gates) in a ``PublicConsultation`` open for a number of working days.
Anyone comments on the public page; the unit's clerk or reviewer answers each comment. After the
last day, once every comment is answered, the clerk closes it: one transaction writes the
Báo cáo kết quả công khai, attaches it to every packet concerned and appends a CONSULT event to
each packet's chain. Then the packets may go on (awards.rules.workflow's gate).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from units import rate_limits
from units.models import Membership
from units.scoping import holds_role_at
from units.storage import files_removed_on_rollback

from awards.documents.consultation_report import render_consultation_report_pdf
from awards.models import (
    ConsultationCandidate,
    ConsultationComment,
    DocumentKind,
    Dossier,
    DossierLine,
    PublicConsultation,
    level_of,
)
from awards.rules import gates, working_days
from awards.rules.workflow import Action as A
from awards.services import journal

R = Membership.Role
STAFF_ROLES = gates.CONSULTATION_STAFF  # who prepares the listing and answers the comments
CLOSING_ROLES = (R.CLERK,)
AT_RECEIVER = (Dossier.Status.RECEIVED, Dossier.Status.REVIEWED)
# At most this many comments from one address per window: enough for a person with several
# remarks, too few for a script.
COMMENT_LIMIT, COMMENT_WINDOW_SECONDS = 5, 60 * 60


def may_manage(user, unit) -> bool:
    return holds_role_at(user, unit, STAFF_ROLES)


# Selectors

def candidate_lines(unit, on=None) -> list[DossierLine]:
    """Approved proposals in packets ``unit`` received that need publishing at its level and are in no consultation."""
    from awards.models import ConsultationRule

    on = on or timezone.localdate()
    awards = ConsultationRule.objects.in_force(on).filter(level=level_of(unit)).values("award_id")
    return list(DossierLine.objects.filter(
        dossier__receiver=unit, dossier__status__in=AT_RECEIVER, status=DossierLine.Status.APPROVED,
        nomination_line__award_id__in=awards, consultation_candidates__isnull=True,
    ).select_related("dossier", "nomination_line__person__unit", "nomination_line__collective__parent",
                     "nomination_line__award").order_by("dossier_id", "pk"))


def days_needed(unit, lines, on) -> int:
    """The longest publishing period the lines' rules ask for at ``unit``'s level."""
    from awards.models import ConsultationRule

    award_ids = {line.nomination_line.award_id for line in lines}
    rules = ConsultationRule.objects.in_force(on).filter(level=level_of(unit), award_id__in=award_ids)
    return max((rule.days for rule in rules), default=0)


def closing_day(opens_on: datetime.date, days: int) -> datetime.date:
    """The ``days``-th working day counted from ``opens_on`` (itself the first when it is a working day)."""
    return working_days.add_working_days(opens_on - datetime.timedelta(days=1), days)


def public_candidates(consultation):
    """The candidates with what the public page may show of them, in listing order."""
    return list(consultation.candidates.select_related(
        "line__nomination_line__person__unit", "line__nomination_line__collective__parent",
        "line__nomination_line__award").order_by("pk"))


# Services

@transaction.atomic
def open_consultation(*, actor, unit, title: str, line_ids, opens_on: datetime.date,
                      where_published: str = "") -> PublicConsultation:
    """The unit's clerk or reviewer publishes the chosen proposals for comment from ``opens_on``."""
    if not may_manage(actor, unit):
        raise PermissionDenied(f"Chỉ cán bộ TĐKT hoặc chuyên viên thẩm định của {unit.name} mới lập được đợt "
                               "lấy ý kiến.")
    today = timezone.localdate()
    if opens_on < today:
        raise ValidationError({"opens_on": "Ngày bắt đầu công khai không được trước hôm nay."})
    available = {line.pk: line for line in candidate_lines(unit, today)}
    chosen = [available[pk] for pk in sorted(set(line_ids)) if pk in available]
    if not chosen or len(chosen) != len(set(line_ids)):
        raise ValidationError({"lines": "Chọn ít nhất một đề nghị đang chờ công khai, lấy ý kiến (trang có thể đã "
                                        "cũ: hãy tải lại)."})
    # Rows locked so two clerks opening at once cannot list the same proposal twice.
    list(DossierLine.objects.select_for_update().filter(pk__in=[line.pk for line in chosen]))
    if ConsultationCandidate.objects.filter(line_id__in=[line.pk for line in chosen]).exists():
        raise ValidationError({"lines": "Có đề nghị vừa được đưa vào một đợt lấy ý kiến khác; hãy tải lại trang."})
    days = days_needed(unit, chosen, today)
    consultation = PublicConsultation(
        unit=unit, title=title.strip(), where_published=where_published.strip() or
        PublicConsultation._meta.get_field("where_published").default,
        opens_on=opens_on, closes_on=closing_day(opens_on, days), days=days, created_by=actor)
    consultation.full_clean()
    consultation.save()
    ConsultationCandidate.objects.bulk_create([ConsultationCandidate(consultation=consultation, line=line)
                                               for line in chosen])
    return consultation


def comment_allowed(address: str) -> bool:
    """Count a comment from ``address``; False once it sent ``COMMENT_LIMIT`` in the window.

    The count lives in the shared cache (units.rate_limits), as a hash of the address only.
    """
    return rate_limits.add_one("consult-comment", address, window=COMMENT_WINDOW_SECONDS) <= COMMENT_LIMIT


@transaction.atomic
def submit_comment(consultation, *, name: str, text: str, contact: str = "", candidate_id=None) -> ConsultationComment:
    """Anyone sends a comment on an open consultation, on one candidate or on the whole list."""
    # The consultation's row is locked: a comment and the closing never cross.
    locked = PublicConsultation.objects.select_for_update().get(pk=consultation.pk)
    today = timezone.localdate()
    if not locked.is_open or not locked.opens_on <= today <= locked.closes_on:
        raise ValidationError("Đợt lấy ý kiến này không còn nhận ý kiến.")
    candidate = None
    if candidate_id is not None:
        candidate = locked.candidates.filter(pk=candidate_id).first()
        if candidate is None:
            raise ValidationError({"candidate": "Đối tượng được chọn không có trong danh sách công khai."})
    comment = ConsultationComment(consultation=locked, candidate=candidate, name=name.strip(),
                                  contact=contact.strip(), text=text.strip(), created_at=timezone.now())
    comment.full_clean()
    comment.save()
    # A comment concerns no single packet: the staff are told with a link to the consultation.
    journal.notify(verb=A.CONSULT, text=f"Ý kiến mới về “{locked.title}” của {comment.name}.",
                   link=locked.get_absolute_url(), unit_roles=[(locked.unit, STAFF_ROLES)])
    return comment


def _locked_consultation(consultation, actor):
    locked = (PublicConsultation.objects.visible_to(actor).select_for_update(of=("self",))
              .select_related("unit").filter(pk=consultation.pk).first())
    if locked is None:
        raise PermissionDenied("Không tìm thấy đợt lấy ý kiến này trong phạm vi của bạn.")
    return locked


@transaction.atomic
def answer_comment(comment, *, actor, answer: str) -> ConsultationComment:
    """The unit's clerk or reviewer answers a comment (or corrects the answer) while the consultation is open."""
    locked = _locked_consultation(comment.consultation, actor)
    if not may_manage(actor, locked.unit):
        raise PermissionDenied(f"Chỉ cán bộ TĐKT hoặc chuyên viên thẩm định của {locked.unit.name} mới trả lời "
                               "ý kiến.")
    if not locked.is_open:
        raise ValidationError("Đợt lấy ý kiến đã kết thúc; không sửa được câu trả lời.")
    if not answer.strip():
        raise ValidationError({"answer": "Ghi nội dung trả lời ý kiến."})
    row = ConsultationComment.objects.select_for_update().get(pk=comment.pk, consultation=locked)
    row.answer, row.answered_by, row.answered_at = answer.strip(), actor, timezone.now()
    row.full_clean()
    row.save(update_fields=["answer", "answered_by", "answered_at"])
    return row


def close_consultation(consultation, *, actor) -> PublicConsultation:
    """After the last day, with every comment answered, the clerk closes the consultation and files its report.

    One transaction: the report (PDF) attached to every packet listed, a CONSULT event on each
    packet's chain, the consultation closed. Any refusal leaves everything as it was.
    """
    with files_removed_on_rollback("private") as stored:
        return _close(consultation, actor, stored)


def _close(consultation, actor, stored):
    locked = _locked_consultation(consultation, actor)
    unit = locked.unit
    if not holds_role_at(actor, unit, CLOSING_ROLES):
        raise PermissionDenied(f"Chỉ cán bộ TĐKT của {unit.name} mới kết thúc được đợt lấy ý kiến.")
    if not locked.is_open:
        raise ValidationError("Đợt lấy ý kiến này đã kết thúc.")
    today = timezone.localdate()
    if today <= locked.closes_on:
        raise ValidationError(f"Chưa hết thời gian lấy ý kiến (đến hết ngày {locked.closes_on:%d/%m/%Y}); "
                              "chỉ kết thúc được từ ngày làm việc sau đó.")
    comments = list(locked.comments.select_related("answered_by").order_by("created_at", "pk"))
    waiting = sum(1 for comment in comments if not comment.is_answered)
    if waiting:
        raise ValidationError(f"Còn {waiting} ý kiến chưa được trả lời; trả lời hết rồi mới kết thúc.")
    candidates = public_candidates(locked)
    locked.status, locked.closed_by, locked.closed_at = PublicConsultation.Status.CLOSED, actor, timezone.now()
    pdf = render_consultation_report_pdf(locked, candidates, comments)
    facts = journal.pdf_facts(pdf)
    by_packet = {}
    for candidate in candidates:
        by_packet.setdefault(candidate.line.dossier_id, []).append(candidate)
    for dossier_id in sorted(by_packet):
        packet, lines = _lock_packet(dossier_id, actor, unit)
        listed = by_packet[dossier_id]
        row = journal.file_document(packet, kind=DocumentKind.OTHER, content=pdf, facts=facts, actor=actor,
                                    name=f"bao-cao-ket-qua-cong-khai-{locked.pk}.pdf", stored=stored)
        before = packet.status
        packet.version += 1  # filed, not moved: a page showing the packet before this is stale
        packet.save(update_fields=["version"])
        listed_ids = {candidate.pk for candidate in listed}
        count = sum(1 for comment in comments if comment.candidate_id in listed_ids)
        journal.record_event(
            packet, lines, actor=actor, action=A.CONSULT, from_status=before, from_unit=unit,
            comment=f"Kết thúc công khai, lấy ý kiến “{locked.title}” ({locked.opens_on:%d/%m/%Y} – "
                    f"{locked.closes_on:%d/%m/%Y}): {len(listed)} đề nghị, {count} ý kiến, đã trả lời đầy đủ.",
            details={"consultation": locked.pk, "attachment": row.pk, "lines": sorted(c.line_id for c in listed),
                     "comments": count})
        journal.notify(verb=A.CONSULT, dossier=packet, actor=actor, unit_roles=[(unit, (R.APPROVER,))],
                       text=f"Đã kết thúc lấy ý kiến “{locked.title}”: hồ sơ “{packet.title}” có thể "
                            "chuyển lên hoặc trình quyết định.")
    locked.save(update_fields=["status", "closed_by", "closed_at"])
    return locked


def _lock_packet(dossier_id, actor, unit):
    """A packet listed in the consultation, locked, still at its receiver with proposals waiting for publishing."""
    packet = (Dossier.objects.visible_to(actor).select_for_update(of=("self",)).select_related("sender", "receiver")
              .filter(pk=dossier_id, receiver=unit).first())
    if packet is None:
        raise PermissionDenied("Không tìm thấy hồ sơ này trong phạm vi của bạn.")
    lines = journal.read_lines(packet)
    if packet.status not in AT_RECEIVER or not gates.lines_needing(packet, lines, user=actor):
        raise ValidationError(f"Hồ sơ số {packet.pk} “{packet.title}” không còn đề nghị chờ công khai tại {unit.name} "
                              f"(hồ sơ đang ở trạng thái “{packet.get_status_display()}”); hãy xem lại hồ sơ.")
    return packet, lines


def consultation_state(dossier, lines, user=None) -> dict | None:
    """What the dossier page says of consultation: the lines that need it, their consultations, what still waits."""
    needing = gates.lines_needing(dossier, lines, user=user)
    if not needing:
        return None
    listed = {}
    for candidate in (ConsultationCandidate.objects.filter(line_id__in=[line.pk for line in needing])
                      .select_related("consultation")):
        listed[candidate.line_id] = candidate.consultation
    rows = [(line, listed.get(line.pk)) for line in needing]
    return {"rows": rows, "pending": [line for line, found in rows if found is None or found.is_open]}
