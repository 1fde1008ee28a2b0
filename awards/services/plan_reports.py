"""A unit's report on a plan's milestone: start it (prefilled), save the draft, send it (locked), and the issuer's
return with a reason. Each move is logged in the admin's change log of the report and told to the other side."""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from units.models import Membership, Unit
from units.scoping import holds_role_at
from units.storage import files_removed_on_rollback

from campaigns.models import Milestone

from awards.models import AwardRecord, Dossier, PlanReport, PlanReportAttachment, PlanReportResult
from awards.rules import plan_reports as rules
from awards.rules.plan_reports import Action as A
from awards.rules.uploads import inspect_pdf
from awards.services import journal
from awards.services.checked_pdfs import save_checked_upload
from awards.services.record_log import ADDITION, CHANGE, log_records
from awards.storage import delete_private_files

R = Membership.Role
# Files a report carries at most: its tables, photographs, the signed scan.
MAX_FILES = 10
def prefilled_figures(milestone: Milestone, unit: Unit) -> dict:
    """Awards granted by the unit's own decisions, and proposals it sent up, within the plan's period (up to
    the milestone): where the report's figures start; the clerk corrects them."""
    plan = milestone.plan
    start, end = plan.period_start, milestone.date
    records = AwardRecord.objects.filter(decision__issuing_unit=unit, revoked_on__isnull=True,
                                         decision_date__lte=end)
    # A packet a commune sends to its own chairman for a Giấy khen is not a proposal upward.
    dossiers = Dossier.objects.filter(sender=unit, submitted_at__date__lte=end).exclude(receiver=unit)
    if start:
        records = records.filter(decision_date__gte=start)
        dossiers = dossiers.filter(submitted_at__date__gte=start)
    return {"awards_given": records.count(), "proposals_made": dossiers.count()}


@transaction.atomic
def start_plan_report(milestone: Milestone, unit: Unit, *, actor) -> PlanReport:
    """The unit's report on ``milestone``, made on first use with the figures the portal knows and, when it
    consolidates units below it that have reported, their sums and texts."""
    if not rules.owes_report(unit, milestone):
        raise PermissionDenied("Đơn vị không phải báo cáo theo mốc này.")
    existing = PlanReport.objects.filter(milestone=milestone, unit=unit).first()
    if existing:
        return existing
    if not holds_role_at(actor, unit, rules.DRAFTERS):
        raise PermissionDenied("Bạn không lập được báo cáo của đơn vị này.")
    report = PlanReport(milestone=milestone, unit=unit, created_by=actor, **prefilled_figures(milestone, unit))
    below = rules.consolidate(rules.source_milestone(milestone, unit), unit)
    if below.reports:
        report.consolidated = True
        for name in rules.FIGURES:
            report_value = getattr(report, name) if name in ("awards_given", "proposals_made") else 0
            setattr(report, name, report_value + below.totals[name])
    report.full_clean(validate_unique=False)
    report.save()
    texts = gathered_texts(below.reports)
    # Results below are written against the sections of the plan they answered; carried over by position
    # when that is the unit's own implementing plan.
    source_sections = rules.result_sections(below.reports[0].milestone.plan) if below.reports else []
    by_position = [texts.get(section.pk, "") for section in source_sections]
    PlanReportResult.objects.bulk_create(
        PlanReportResult(report=report, section=section,
                         text=texts.get(section.pk) or (by_position[i] if i < len(by_position) else ""))
        for i, section in enumerate(rules.result_sections(milestone.plan)))
    log_records(actor, [report], ADDITION, "Lập báo cáo")
    return report


def gathered_texts(reports) -> dict:
    """{section id: "Unit: text" paragraphs} over ``reports``, in their order."""
    texts = {}
    for report in reports:
        for result in report.results.all():
            if result.text.strip():
                texts.setdefault(result.section_id, []).append(f"{report.unit.name}: {result.text.strip()}")
    return {pk: "\n".join(lines) for pk, lines in texts.items()}


def _locked(report, *, actor, action):
    """Lock the report and check ``action`` on it as it is now: of two people acting at once, the second
    waits and finds the report moved."""
    locked = (PlanReport.objects.select_for_update(of=("self",)).select_related("unit", "milestone__plan__issuing_unit")
              .get(pk=report.pk))
    if action not in rules.allowed_actions(actor, locked):
        if locked.status != report.status:
            raise ValidationError(f"Báo cáo vừa chuyển sang “{locked.get_status_display()}”. Tải lại trang để "
                                  "xem tình trạng mới.")
        raise PermissionDenied("Bạn không thực hiện được thao tác này trên báo cáo.")
    return locked


@transaction.atomic
def save_plan_report(report: PlanReport, *, actor, figures: dict, summary: str = "", recommendations: str = "",
                     results: dict | None = None) -> PlanReport:
    """Save the draft: the figures, the texts, and ``results`` ({section id: text}) of the report's sections."""
    locked = _locked(report, actor=actor, action=A.EDIT)
    for name in (*rules.FIGURES, "consolidated"):
        if name in figures:
            setattr(locked, name, figures[name])
    locked.summary, locked.recommendations = summary, recommendations
    locked.full_clean(exclude=["milestone", "unit", "created_by"], validate_unique=False)
    locked.save()
    for result in locked.results.all():
        if results and result.section_id in results:
            result.text = results[result.section_id]
            result.full_clean(exclude=["report", "section"], validate_unique=False)
            result.save(update_fields=["text"])
    log_records(actor, [locked], CHANGE, "Sửa báo cáo")
    return locked


@transaction.atomic
def send_plan_report(report: PlanReport, *, actor) -> PlanReport:
    """The unit's approver sends the report to the plan's issuer; from then on it is locked."""
    locked = _locked(report, actor=actor, action=A.SEND)
    locked.status, locked.sent_by, locked.sent_at = PlanReport.Status.SENT, actor, timezone.now()
    locked.save(update_fields=["status", "sent_by", "sent_at"])
    log_records(actor, [locked], CHANGE, "Gửi báo cáo")
    issuer = locked.milestone.plan.issuing_unit
    status_page = reverse("awards:plan_report_status", args=[locked.milestone.plan_id])
    journal.notify(verb="send", actor=actor, unit_roles=[(issuer, (R.CLERK, R.REVIEWER))],
                   text=f"{locked.unit.name} đã gửi báo cáo {locked.milestone.get_kind_display().lower()} "
                        f"{locked.milestone.plan.reference_label}.",
                   link=f"{status_page}?moc={locked.milestone_id}")
    return locked


@transaction.atomic
def return_plan_report(report: PlanReport, *, actor, reason: str) -> PlanReport:
    """The issuer sends the report back to its unit as a draft again, saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Ghi lý do trả lại báo cáo."})
    locked = _locked(report, actor=actor, action=A.RETURN)
    locked.status = PlanReport.Status.DRAFT
    locked.returned_by, locked.returned_at, locked.return_reason = actor, timezone.now(), reason
    locked.full_clean(exclude=["milestone", "unit", "created_by"], validate_unique=False)
    locked.save(update_fields=["status", "returned_by", "returned_at", "return_reason"])
    log_records(actor, [locked], CHANGE, f"Trả lại báo cáo: {reason}")
    journal.notify(verb="return", actor=actor, unit_roles=[(locked.unit, (R.CLERK, R.APPROVER))],
                   text=f"Cấp trên đã trả lại báo cáo của {locked.unit.name}: {reason}",
                   link=reverse("awards:plan_report", args=[locked.pk]))
    return locked


def attach_report_file(report: PlanReport, *, actor, upload) -> PlanReportAttachment:
    """Attach a checked PDF to a draft report (the same checks as a dossier's documents); at most MAX_FILES."""
    if A.EDIT not in rules.allowed_actions(actor, report):  # cheap refusal: an outsider's file is never read
        raise PermissionDenied("Bạn không thêm được tài liệu vào báo cáo này.")
    facts = inspect_pdf(upload)  # reading can take a moment: before the report is locked
    with files_removed_on_rollback("private") as saved:
        locked = _locked(report, actor=actor, action=A.EDIT)
        if locked.attachments.count() >= MAX_FILES:
            raise ValidationError({"file": f"Mỗi báo cáo kèm tối đa {MAX_FILES} tệp."})
        attachment = save_checked_upload(PlanReportAttachment(report=locked), upload, facts=facts, actor=actor,
                                         saved=saved)
        log_records(actor, [locked], CHANGE, f"Thêm tài liệu {attachment.original_name}")
    return attachment


@transaction.atomic
def remove_report_file(attachment: PlanReportAttachment, *, actor) -> None:
    """Remove a file from a draft report; the file goes once the removal is committed."""
    locked = _locked(attachment.report, actor=actor, action=A.EDIT)
    row = PlanReportAttachment.objects.filter(pk=attachment.pk, report=locked).first()
    if row is None:
        raise ValidationError("Tài liệu này đã được xóa.")
    row.delete()
    log_records(actor, [locked], CHANGE, f"Xóa tài liệu {row.original_name}")
    transaction.on_commit(partial(delete_private_files, [row.file.name]))
