"""The only code that writes nominations. One function per state change, each in one transaction.

A subject may be proposed for an award once per plan (or once per year for the annual
review) across every unit: the service names the unit that got there first, and unique
constraints on the lines back it up when two communes propose at the same moment. Nor may it
be proposed for two awards the exclusion table keeps apart (one achievement, one form); the
subject's row is locked for that check, so two units cannot both slip past it (both guards:
awards.nomination_guards). Lines loaded from a file go through the same rules a batch at a
time (``add_lines``). Quotas are checked with the plan's award tiers locked, so two clerks
submitting together are applied one after the other.
"""

import datetime
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from units.models import Membership
from units.scoping import has_role, holds_role_at

from campaigns.models import AwardTier, Plan

from awards.models import AwardType, DeadlineExtension, NominationLine, NominationList
from awards.models.nominations import ONE_SUBJECT
from awards.rules import eligibility, exclusions as guards
from awards.rules.required_documents import missing_documents
from awards.storage import delete_private_files

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


def lock_list(nomination_list) -> NominationList:
    """The list re-read under a row lock (inside the caller's transaction)."""
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the plan join.
    return (NominationList.objects.select_for_update(of=("self",))
            .select_related("unit", "plan", "plan__issuing_unit").get(pk=nomination_list.pk))


def lock_draft(nomination_list, *, actor, refusal: str = "") -> NominationList:
    """The list locked for a change by ``actor``: refused unless they edit their unit's lists and it is a draft."""
    locked = lock_list(nomination_list)
    if not has_role(actor, locked.unit, EDITING_ROLES):
        raise PermissionDenied(refusal or "Bạn không có quyền sửa danh sách đề nghị của đơn vị này.")
    require_draft(locked)
    return locked


def require_draft(locked):
    """Refuse unless the locked list is still a draft its unit may edit."""
    if not locked.is_editable:
        raise ValidationError(f"Danh sách đã ở trạng thái “{locked.get_status_display()}”, không thể sửa.")


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


# Lines are checked, judged and written this many at a time: the queries a line needs are
# made once per batch, and memory stays bounded however long the file.
BATCH = 500
# Left out of full_clean: the relations hold instances the caller read from the database
# (the list is locked), which full_clean would read again — a query per field per line — for
# nothing the database's foreign keys do not guard; the verdict is the engine's own output,
# which full_clean would serialise once more only to see that it can.
_NOT_RECHECKED = ["nomination_list", "plan", "person", "collective", "award", "override_by", "eligibility"]


class LinesRefused(ValidationError):
    """Lines offered together that may not be proposed: ``refusals`` are (position, ValidationError)."""

    def __init__(self, refusals):
        super().__init__([message for _index, error in refusals for message in error.messages])
        self.refusals = refusals


def add_line(nomination_list, *, actor, person=None, collective=None, household: str = "",
             award: AwardType, award_class: str = "", summary: str = "") -> NominationLine:
    """Propose one subject for ``award`` on a draft list; the eligibility verdict is stored with it."""
    spec = {"person": person, "collective": collective, "household": household, "award": award,
            "award_class": award_class, "summary": summary}
    try:
        return _add_lines(nomination_list, actor=actor, lines=[spec], keep=True)[0]
    except LinesRefused as refused:
        raise refused.refusals[0][1] from None


def add_lines(nomination_list, *, actor, lines, progress=None) -> int:
    """Propose many subjects on a draft list, all or none, each by the rules of ``add_line``.

    ``lines`` yields add_line's keyword arguments (it may be a generator, read batch by batch).
    Every line is checked even after one is refused, so ``LinesRefused`` names all of them;
    ``progress(count)`` hears how many lines have been handled. Returns how many were added.
    """
    return _add_lines(nomination_list, actor=actor, lines=lines, progress=progress)


@transaction.atomic
def _add_lines(nomination_list, *, actor, lines, progress=None, keep=False):
    locked = lock_draft(nomination_list, actor=actor)
    refusals, added, taken, handled = [], [], set(), 0
    exclusions, standards = guards.Exclusions(locked), {}
    for batch in batches(enumerate(lines)):
        specs = [spec for _index, spec in batch]
        guards.lock_subjects(specs)
        proposals = guards.Proposals(locked, specs)
        exclusions.read(specs)
        judge = eligibility.Judge([s.get("person") or s.get("collective") for s in specs
                                   if s.get("person") or s.get("collective")], standards=standards)
        prepared = []
        for index, spec in batch:
            try:
                line = _prepare_line(locked, proposals, exclusions, judge, taken, **spec)
            except ValidationError as error:
                refusals.append((index, error))
            else:
                prepared.append((index, line))
        if not refusals:  # after a refusal nothing will be kept: check the rest, write nothing
            _insert(locked, prepared, refusals)
            if not refusals:
                exclusions.written()
            if keep:
                added.extend(line for _index, line in prepared)
        handled += len(batch)
        if progress:
            progress(handled)
    if refusals:
        raise LinesRefused(refusals)
    if handled:
        locked.version += 1
        locked.save(update_fields=["version"])
    return added if keep else handled


def batches(items, size=None):
    """``items`` in lists of ``size`` (BATCH), read lazily: a generator of lines is never held whole."""
    size, batch = size or BATCH, []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _prepare_line(locked, proposals, exclusions, judge, taken, *, person=None, collective=None, household="",
                  award, award_class="", summary=""):
    """The line, checked by every rule a proposal meets; raises ValidationError naming the first it breaks."""
    _subject_check(locked, person, collective, household, award)
    line = NominationLine(nomination_list=locked, plan=locked.plan, year=locked.year, person=person,
                          collective=collective, household=household.strip(), award=award,
                          award_class=award_class, summary=summary)
    key = guards.line_key(line)
    unit = locked.unit if key in taken else proposals.unit_of(key)
    if unit is not None:
        raise ValidationError(guards.duplicate_message(unit, line.subject_name, award, locked.plan, locked.year))
    other, rule = exclusions.conflict(line)
    if other is not None:
        raise ValidationError(exclusions.message(other, rule, line))
    if person is not None or collective is not None:
        verdict = judge.check(person or collective, award, locked.year, award_class=award_class)
        # Without a standard for this award and subject the portal cannot judge: the line is
        # "not judged" (nothing to override), and the stored verdict says why.
        line.eligible = verdict.eligible if verdict.standard is not None else None
        line.eligibility = verdict.as_dict()
    # Constraints are left to the database: the checks above give the named messages, and the
    # unique indexes catch the proposal another unit commits between those checks and our insert.
    line.full_clean(exclude=_NOT_RECHECKED, validate_constraints=False)
    if key:
        taken.add(key)
    exclusions.accept(line)
    return line


def _insert(locked, prepared, refusals):
    try:
        with transaction.atomic():
            NominationLine.objects.bulk_create([line for _index, line in prepared])
    except IntegrityError:
        # Another unit proposed one of these subjects after the batch was checked: name it.
        fresh = guards.Proposals(locked, [{"person": line.person, "collective": line.collective,
                                           "award": line.award} for _index, line in prepared])
        for index, line in prepared:
            unit = fresh.unit_of(guards.line_key(line))
            if unit is not None:
                refusals.append((index, ValidationError(guards.duplicate_message(
                    unit, line.subject_name, line.award, locked.plan, locked.year))))
        if not refusals:
            raise


def _lock_line(line) -> NominationLine:
    return (NominationLine.objects.select_for_update(of=("self",))
            .select_related("nomination_list__unit", "nomination_list__plan", "award", "person", "collective")
            .get(pk=line.pk))


@transaction.atomic
def update_line(line, *, actor, award_class: str, summary: str) -> NominationLine:
    """Correct a draft line's class or achievement summary; a new class is judged again."""
    locked = _lock_line(line)
    nomination_list = lock_draft(locked.nomination_list, actor=actor)
    award_class = award_class.strip()
    changed_class = award_class != locked.award_class
    locked.award_class, locked.summary = award_class, summary.strip()
    locked.full_clean(exclude=["nomination_list", "person", "collective", "award", "plan"],
                      validate_constraints=False)
    if changed_class and (locked.person_id or locked.collective_id):
        verdict = eligibility.check(locked.person or locked.collective, locked.award, locked.year,
                                    award_class=locked.award_class)
        locked.eligible = verdict.eligible if verdict.standard is not None else None
        locked.eligibility = verdict.as_dict()
        # The approver confirmed the old verdict, not this one.
        locked.override_reason, locked.override_by, locked.override_at = "", None, None
    locked.save()
    nomination_list.version += 1
    nomination_list.save(update_fields=["version"])
    return locked


@transaction.atomic
def remove_line(line, *, actor) -> None:
    """Take a line off a draft list, with its documents (their files go once the removal is committed)."""
    locked = _lock_line(line)
    nomination_list = lock_draft(locked.nomination_list, actor=actor)
    files = [name for name in locked.attachments.values_list("file", flat=True) if name]
    locked.delete()
    nomination_list.version += 1
    nomination_list.save(update_fields=["version"])
    transaction.on_commit(partial(delete_private_files, files))


@transaction.atomic
def override_eligibility(line, *, actor, reason: str) -> NominationLine:
    """Let an approver of the list's unit keep a line that failed the eligibility check, with a reason."""
    locked = (NominationLine.objects.select_for_update(of=("self",))
              .select_related("nomination_list__unit", "award", "person", "collective").get(pk=line.pk))
    if not holds_role_at(actor, locked.nomination_list.unit, eligibility.CONFIRMING_ROLES):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị đề nghị mới được đề nghị khi chưa đủ tiêu chuẩn.")
    require_draft(locked.nomination_list)
    if not reason.strip():
        raise ValidationError({"override_reason": "Ghi rõ lý do vẫn đề nghị khi chưa đủ tiêu chuẩn."})
    if locked.eligible is not False:
        raise ValidationError("Đề nghị này không cần xác nhận: đối tượng không bị đánh giá là chưa đủ tiêu chuẩn.")
    _record_override(locked, actor=actor, reason=reason, at=timezone.now())
    return locked


def _record_override(locked, *, actor, reason, at):
    locked.override_reason, locked.override_by, locked.override_at = reason, actor, at
    # The reason comes from a bare POST field, not a form: the model field normalises and bounds it.
    locked.clean_fields(exclude=[f.name for f in NominationLine._meta.concrete_fields if f.name != "override_reason"])
    locked.save(update_fields=["override_reason", "override_by", "override_at"])


@dataclass
class BulkOverride:
    """What ``override_eligibility_many`` did: the lines confirmed, and those refused with why."""

    confirmed: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (line, message)


@transaction.atomic
def override_eligibility_many(nomination_list, *, actor, line_ids, reason: str) -> BulkOverride:
    """Confirm several lines of a draft list at once with one reason, recorded on each line as if one by one.

    A line that does not need confirming (it meets the standard, is not judged, or was confirmed
    already) or is not on the list is refused with the reason; the others are confirmed.
    """
    locked = lock_list(nomination_list)
    if not holds_role_at(actor, locked.unit, (R.APPROVER,)):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị đề nghị mới được đề nghị khi chưa đủ tiêu chuẩn.")
    require_draft(locked)
    if not reason.strip():
        raise ValidationError({"override_reason": "Ghi rõ lý do vẫn đề nghị khi chưa đủ tiêu chuẩn."})
    wanted = list(dict.fromkeys(line_ids))
    if not wanted:
        raise ValidationError("Chọn ít nhất một đề nghị cần xác nhận.")
    lines = {line.pk: line for line in (locked.lines.select_for_update(of=("self",))
                                        .select_related("person", "collective", "award").filter(pk__in=wanted))}
    result, now = BulkOverride(), timezone.now()
    for pk in wanted:
        line = lines.get(pk)
        if line is None:
            result.refused.append((None, f"Đề nghị số {pk} không thuộc danh sách này."))
        elif line.override_reason:
            result.refused.append((line, "đã được xác nhận trước đó"))
        elif line.eligible is not False:
            result.refused.append((line, "không cần xác nhận (không bị đánh giá là chưa đủ tiêu chuẩn)"))
        else:
            _record_override(line, actor=actor, reason=reason, at=now)
            result.confirmed.append(line)
    return result


def effective_deadline(plan: Plan, unit) -> datetime.date | None:
    """The plan's dossier deadline for ``unit``: the latest extension granted to it or to all, else the plan's."""
    extension = (DeadlineExtension.objects.filter(Q(unit__isnull=True) | Q(unit=unit), plan=plan)
                 .order_by("-created_at", "-pk").first())
    return extension.new_deadline if extension else plan.dossier_deadline


@transaction.atomic
def submit_list(nomination_list, *, actor) -> NominationList:
    """Send a draft list upwards: before the deadline, failed checks overridden, documents attached, within quotas."""
    locked = lock_draft(nomination_list, actor=actor,
                        refusal="Bạn không có quyền gửi danh sách đề nghị của đơn vị này.")
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
    from awards.services.decisions import draft_retained_decision  # decisions and dossiers read this module's rows
    from awards.services.dossiers import open_dossiers  # the dossier services read this module's models and rules

    for packet in open_dossiers(locked, actor=actor, lines=lines):
        # What the unit grants itself is not sent up: it gets its own draft decision here.
        if packet.is_local:
            draft_retained_decision(packet, actor=actor)
    return locked


def _enforce_quotas(locked):
    # The tier rows are the lock two submitting clerks meet on (ordered by pk, so two lists of
    # the same plan never wait on each other crosswise). Counting happens only once the lock is
    # held, so the second clerk counts the first one's committed lines.
    tiers = list(AwardTier.objects.select_for_update().filter(plan=locked.plan, quota__isnull=False,
                                                              award__isnull=False).order_by("pk"))
    for tier in tiers:
        used = NominationLine.objects.counted_against_quota().filter(
            plan=locked.plan, award_id=tier.award_id, nomination_list__unit=locked.unit).count()
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
