"""The only code that writes nominations. One function per state change, each in one transaction.

A subject may be proposed for an award once per plan (or once per year for the annual
review) across every unit: the service names the unit that got there first, and unique
constraints on the lines back it up when two communes propose at the same moment. Nor may it
be proposed for two awards the exclusion table keeps apart (one achievement, one form); the
subject's row is locked for that check, so two units cannot both slip past it. Quotas are
checked with the plan's award tiers locked, so two clerks submitting together are applied one
after the other.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from campaigns.models import AwardTier, Plan
from units.models import Membership, Person, Unit
from units.scoping import has_role, holds_role_at

from . import eligibility
from .dossier_contents import missing_documents
from .models import AwardExclusion, AwardType, DeadlineExtension, NominationLine, NominationList
from .models.nominations import ONE_SUBJECT

R = Membership.Role
OPEN_PLAN = (Plan.Status.ISSUED, Plan.Status.IN_PROGRESS)
EDITING_ROLES = (R.CLERK, R.APPROVER)


@transaction.atomic
def create_list(*, actor, unit, plan: Plan | None = None, year: int, title: str) -> NominationList:
    """Start a draft list of ``unit``, under ``plan`` or (without one) for the annual review of ``year``."""
    if not has_role(actor, unit, (R.CLERK,)):
        raise PermissionDenied("Bạn không có quyền lập danh sách đề nghị khen thưởng cho đơn vị này.")
    if plan is not None:
        if plan.status not in OPEN_PLAN:
            raise ValidationError("Chỉ lập danh sách đề nghị theo kế hoạch đã ban hành hoặc đang thực hiện.")
        if not unit.path.startswith(plan.issuing_unit.path):
            raise ValidationError(f"{unit.name} không thuộc phạm vi kế hoạch của {plan.issuing_unit.name}.")
        if year != plan.issue_year:
            # Lines copy the year; a plan's lines must share the plan's year for the guards to agree.
            raise ValidationError({"year": f"Năm thành tích của danh sách theo kế hoạch là {plan.issue_year}."})
    nomination_list = NominationList(unit=unit, plan=plan, year=year, title=title, created_by=actor)
    nomination_list.full_clean()
    nomination_list.save()
    return nomination_list


def _lock_list(nomination_list) -> NominationList:
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the plan join.
    return (NominationList.objects.select_for_update(of=("self",))
            .select_related("unit", "plan", "plan__issuing_unit").get(pk=nomination_list.pk))


def _require_draft(locked):
    if not locked.is_editable:
        raise ValidationError(f"Danh sách đã ở trạng thái “{locked.get_status_display()}”, không thể sửa.")


def _existing_line(*, plan, year, person, collective, award):
    """The line that already proposes this subject for ``award`` in this plan (or year), if any."""
    if person is None and collective is None:
        return None  # households are free text: nothing reliable to match on
    lines = NominationLine.objects.filter(award=award).select_related("nomination_list__unit")
    lines = lines.filter(person=person) if person is not None else lines.filter(collective=collective)
    lines = lines.filter(plan=plan) if plan is not None else lines.filter(plan__isnull=True, year=year)
    return lines.first()


def _duplicate_message(existing, subject_name, award, plan, year):
    scope = "trong kế hoạch này" if plan is not None else f"năm {year}"
    return (f"{subject_name} đã được {existing.nomination_list.unit.name} đề nghị {award.name} {scope}; "
            "không thể đề nghị trùng.")


def _conflicting_line(*, plan, year, person, collective, award):
    """A line proposing this subject for an award ``award`` may not go with, and the rule, if any."""
    if person is None and collective is None:
        return None, None
    rules = list(AwardExclusion.objects.in_force(datetime.date(year, 12, 31))
                 .filter(Q(award=award) | Q(excluded_award=award)).select_related("award", "excluded_award"))
    if not rules:
        return None, None
    wanted = Q(pk__in=[])
    for rule in rules:
        if rule.scope == AwardExclusion.Scope.SAME_YEAR:
            when = Q(year=year)
        else:
            when = Q(plan=plan) if plan is not None else Q(plan__isnull=True, year=year)
        wanted |= Q(award=rule.other(award.pk)) & when
    lines = NominationLine.objects.filter(wanted).select_related("nomination_list__unit", "award")
    lines = lines.filter(person=person) if person is not None else lines.filter(collective=collective)
    line = lines.order_by("pk").first()
    if line is None:
        return None, None
    return line, next(r for r in rules if r.other(award.pk).pk == line.award_id)


def _conflict_message(line, rule, subject_name, award, plan, year):
    if rule.scope == AwardExclusion.Scope.SAME_YEAR:
        scope = f"cho thành tích năm {year}"
    else:
        scope = "trong kế hoạch này" if plan is not None else f"khi tổng kết năm {year}"
    return (f"{subject_name} đã được {line.nomination_list.unit.name} đề nghị {line.award_label} {scope} "
            f"(danh sách “{line.nomination_list.title}”); không đề nghị đồng thời {award.name}. {rule.reason}")


def _lock_subject(person, collective):
    # The exclusion guard reads other units' lines; with the subject's row locked, a second
    # unit proposing the same subject waits here and then sees the first one's line.
    if person is not None:
        Person.objects.select_for_update().filter(pk=person.pk).first()
    elif collective is not None:
        Unit.objects.select_for_update().filter(pk=collective.pk).first()


def _subject_check(locked, person, collective, household, award):
    subjects = sum([person is not None, collective is not None, bool(household.strip())])
    if subjects != 1:
        raise ValidationError(ONE_SUBJECT)
    unit_path = locked.unit.path
    if person is not None:
        if not person.unit.path.startswith(unit_path):
            raise ValidationError(f"{person.full_name} không thuộc {locked.unit.name}.")
        if not award.for_individuals:
            raise ValidationError(f"{award.name} không dành cho cá nhân.")
    elif collective is not None:
        if not collective.path.startswith(unit_path):
            raise ValidationError(f"{collective.name} không thuộc {locked.unit.name}.")
        if not award.for_collectives:
            raise ValidationError(f"{award.name} không dành cho tập thể.")
    elif not award.for_households:
        raise ValidationError(f"{award.name} không dành cho hộ gia đình.")


@transaction.atomic
def add_line(nomination_list, *, actor, person=None, collective=None, household: str = "",
             award: AwardType, award_class: str = "", summary: str = "") -> NominationLine:
    """Propose one subject for ``award`` on a draft list; the eligibility verdict is stored with it."""
    locked = _lock_list(nomination_list)
    if not has_role(actor, locked.unit, EDITING_ROLES):
        raise PermissionDenied("Bạn không có quyền sửa danh sách đề nghị của đơn vị này.")
    _require_draft(locked)
    _subject_check(locked, person, collective, household, award)
    line = NominationLine(nomination_list=locked, plan=locked.plan, year=locked.year, person=person,
                          collective=collective, household=household.strip(), award=award,
                          award_class=award_class, summary=summary)
    subject_name = line.subject_name
    existing = _existing_line(plan=locked.plan, year=locked.year, person=person, collective=collective,
                              award=award)
    if existing is not None:
        raise ValidationError(_duplicate_message(existing, subject_name, award, locked.plan, locked.year))
    _lock_subject(person, collective)
    conflict, rule = _conflicting_line(plan=locked.plan, year=locked.year, person=person, collective=collective,
                                       award=award)
    if conflict is not None:
        raise ValidationError(_conflict_message(conflict, rule, subject_name, award, locked.plan, locked.year))
    if person is not None or collective is not None:
        verdict = eligibility.check(person or collective, award, locked.year, award_class=award_class)
        # Without a standard for this award and subject the portal cannot judge: the line is
        # "not judged" (nothing to override), and the stored verdict says why.
        line.eligible = verdict.eligible if verdict.standard is not None else None
        line.eligibility = verdict.as_dict()
    # Constraints are left to the database: the check above gives the named message, and the
    # unique index catches the proposal another unit commits between that check and our insert.
    line.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            line.save()
    except IntegrityError:
        existing = _existing_line(plan=locked.plan, year=locked.year, person=person, collective=collective,
                                  award=award)
        if existing is None:
            raise
        raise ValidationError(_duplicate_message(existing, subject_name, award, locked.plan, locked.year)) from None
    locked.version += 1
    locked.save(update_fields=["version"])
    return line


@transaction.atomic
def override_eligibility(line, *, actor, reason: str) -> NominationLine:
    """Let an approver of the list's unit keep a line that failed the eligibility check, with a reason."""
    locked = (NominationLine.objects.select_for_update(of=("self",))
              .select_related("nomination_list__unit", "award", "person", "collective").get(pk=line.pk))
    if not holds_role_at(actor, locked.nomination_list.unit, (R.APPROVER,)):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị đề nghị mới được đề nghị khi chưa đủ tiêu chuẩn.")
    _require_draft(locked.nomination_list)
    if not reason.strip():
        raise ValidationError({"override_reason": "Ghi rõ lý do vẫn đề nghị khi chưa đủ tiêu chuẩn."})
    if locked.eligible is not False:
        raise ValidationError("Đề nghị này không cần xác nhận: đối tượng không bị đánh giá là chưa đủ tiêu chuẩn.")
    locked.override_reason, locked.override_by, locked.override_at = reason.strip(), actor, timezone.now()
    locked.save(update_fields=["override_reason", "override_by", "override_at"])
    return locked


def effective_deadline(plan: Plan, unit) -> datetime.date | None:
    """The plan's dossier deadline for ``unit``: the latest extension granted to it or to all, else the plan's."""
    extension = (DeadlineExtension.objects.filter(Q(unit__isnull=True) | Q(unit=unit), plan=plan)
                 .order_by("-created_at", "-pk").first())
    return extension.new_deadline if extension else plan.dossier_deadline


@transaction.atomic
def submit_list(nomination_list, *, actor) -> NominationList:
    """Send a draft list upwards: before the deadline, failed checks overridden, documents attached, within quotas."""
    locked = _lock_list(nomination_list)
    if not has_role(actor, locked.unit, EDITING_ROLES):
        raise PermissionDenied("Bạn không có quyền gửi danh sách đề nghị của đơn vị này.")
    _require_draft(locked)
    lines = list(locked.lines.select_related("award", "person", "collective"))
    if not lines:
        raise ValidationError("Danh sách chưa có đề nghị nào.")
    pending = [line for line in lines if line.needs_override]
    if pending:
        names = ", ".join(line.subject_name for line in pending)
        raise ValidationError(f"Chưa đủ tiêu chuẩn và chưa được lãnh đạo xác nhận lý do đề nghị: {names}.")
    if locked.plan is not None:
        deadline = effective_deadline(locked.plan, locked.unit)
        if deadline is not None and timezone.localdate() > deadline:
            raise ValidationError(f"Đã quá hạn nộp hồ sơ ({deadline:%d/%m/%Y}). Đề nghị đơn vị ban hành kế hoạch "
                                  "gia hạn nếu cần.")
    dossier = missing_documents(locked, lines=lines)
    if not dossier.complete:
        raise ValidationError(dossier.message())
    # Write first, then count with the tiers locked: the count then includes this list, and a
    # refusal rolls the whole change back, so a failure leaves the list exactly as it was.
    locked.status = NominationList.Status.SUBMITTED
    locked.submitted_at, locked.submitted_by = timezone.now(), actor
    locked.version += 1
    locked.save(update_fields=["status", "submitted_at", "submitted_by", "version"])
    if locked.plan is not None:
        _enforce_quotas(locked)
    # The dossier's journey starts here: routed, its first packet opened and its first event written.
    from .dossiers import open_dossiers  # the dossier services read this module's models and rules

    open_dossiers(locked, actor=actor, lines=lines)
    return locked


def _enforce_quotas(locked):
    # The tier rows are the lock two submitting clerks meet on (ordered by pk, so two lists of
    # the same plan never wait on each other crosswise). Counting happens only once the lock is
    # held, so the second clerk counts the first one's committed lines.
    tiers = list(AwardTier.objects.select_for_update().filter(plan=locked.plan, quota__isnull=False,
                                                              award__isnull=False).order_by("pk"))
    for tier in tiers:
        used = NominationLine.objects.filter(
            plan=locked.plan, award_id=tier.award_id, nomination_list__unit=locked.unit,
            nomination_list__status=NominationList.Status.SUBMITTED,
        ).count()
        if used > tier.quota:
            raise ValidationError(f"Vượt số lượng tối đa của “{tier.award_name}”: kế hoạch cho phép {tier.quota}, "
                                  f"{locked.unit.name} đề nghị {used}.")


@transaction.atomic
def extend_deadline(plan, *, actor, unit=None, new_deadline: datetime.date, reason: str) -> DeadlineExtension:
    """Grant a later dossier deadline under ``plan``, to ``unit`` or (without one) to every unit."""
    locked = Plan.objects.select_for_update().select_related("issuing_unit").get(pk=plan.pk)
    if not holds_role_at(actor, locked.issuing_unit, (R.UNIT_ADMIN, R.APPROVER)):
        raise PermissionDenied("Chỉ đơn vị ban hành kế hoạch mới được gia hạn nộp hồ sơ.")
    if unit is not None and not unit.path.startswith(locked.issuing_unit.path):
        raise ValidationError({"unit": f"{unit.name} không thuộc phạm vi kế hoạch."})
    extension = DeadlineExtension(plan=locked, unit=unit, new_deadline=new_deadline, reason=reason.strip(),
                                  granted_by=actor)
    extension.full_clean()
    extension.save()
    return extension
