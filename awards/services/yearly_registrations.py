"""The yearly registration sheet's state changes: add or remove a row, link a row to its recognised initiative,
send the sheet, and take it back (withdrawn by its unit, acknowledged or returned by the level above)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from units.models import Membership, Person, Unit

from awards.models import AwardType, Initiative, YearlyEntry, YearlySheet, period_start
from awards.rules import yearly_registrations as rules
from awards.rules.yearly_registrations import Action as A, can_draft
from awards.services import journal
from awards.services.record_log import CHANGE, log_records


def _row_number(entry):
    return YearlyEntry.objects.filter(sheet=entry.sheet_id, pk__lte=entry.pk).count()


@transaction.atomic
def add_yearly_entry(unit: Unit, *, actor, period: str, person: Person | None = None,
                     collective: Unit | None = None, title: AwardType | None = None,
                     recognition: AwardType | None = None, initiative_title: str = "") -> YearlyEntry:
    """Add a row to ``unit``'s sheet of ``period`` (opened on its first row); refuses a person's second
    registration of the same title in the same year, naming the row that holds it."""
    year = period_start(period)
    if not can_draft(actor, unit):
        raise PermissionDenied("Bạn không lập được bảng đăng ký của đơn vị này.")
    sheet, _created = YearlySheet.objects.get_or_create(unit=unit, period=period.strip(),
                                                        defaults={"year": year, "created_by": actor})
    sheet = YearlySheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.is_sent:
        raise ValidationError("Bảng đăng ký năm này đã gửi, không thêm được dòng nào.")
    subject_unit = person.unit if person else collective
    if subject_unit is None or not subject_unit.path.startswith(unit.path):
        raise ValidationError("Cá nhân hoặc tập thể phải thuộc đơn vị đăng ký.")
    if title is not None and title.group != AwardType.Group.TITLE:
        raise ValidationError({"title": "Đây không phải danh hiệu thi đua."})
    if person is not None and title is not None:
        Person.objects.select_for_update().get(pk=person.pk)  # two clerks registering the same person wait here
        existing = (YearlyEntry.objects.filter(person=person, title=title, sheet__year=year)
                    .select_related("sheet__unit").first())
        if existing:
            raise ValidationError(
                f"{person.full_name} đã được đăng ký danh hiệu “{title.name}” năm {existing.sheet.period} "
                f"ở dòng {_row_number(existing)} của bảng đăng ký {existing.sheet.unit.name}.")
    entry = YearlyEntry(sheet=sheet, person=person, collective=collective, title=title, recognition=recognition,
                        initiative_title=initiative_title, created_by=actor)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def remove_yearly_entry(entry: YearlyEntry, *, actor) -> None:
    sheet = YearlySheet.objects.select_for_update(of=("self",)).select_related("unit").get(pk=entry.sheet_id)
    if not can_draft(actor, sheet.unit, sheet):
        raise PermissionDenied("Bạn không xóa được dòng này.")
    entry.delete()


# Moves of the sheet between its statuses (awards.rules.yearly_registrations.TRANSITIONS), each written to the
# admin's change log of the sheet.

VERBS = {A.SEND: "gửi", A.WITHDRAW: "rút lại", A.ACKNOWLEDGE: "tiếp nhận", A.RETURN: "trả lại"}
# The notification's verb (ten letters at most): tiếp nhận is "receive", as for a dossier.
NOTICE_VERBS = {A.SEND: "send", A.WITHDRAW: "withdraw", A.ACKNOWLEDGE: "receive", A.RETURN: "return"}
R = Membership.Role


def _move(sheet, *, actor, action, reason=""):
    """Lock the sheet and check ``action`` on the row as it is now: of two people acting at once, the second
    waits for the first and then finds the sheet moved, and is told so."""
    locked = YearlySheet.objects.select_for_update(of=("self",)).select_related("unit").get(pk=sheet.pk)
    if action not in rules.allowed_actions(actor, locked):
        if (locked.status, action) in rules.TRANSITIONS or locked.status == sheet.status:
            raise PermissionDenied(f"Bạn không {VERBS[action]} được bảng đăng ký này.")
        raise ValidationError(f"Bảng đăng ký vừa chuyển sang “{locked.get_status_display()}”, không "
                              f"{VERBS[action]} được nữa. Tải lại trang để xem tình trạng mới.")
    reason = (reason or "").strip()
    if action in (A.WITHDRAW, A.RETURN) and not reason:
        raise ValidationError({"reason": f"Ghi lý do {VERBS[action]} bảng đăng ký."})
    locked.status = rules.TRANSITIONS[(locked.status, action)]
    message = f"{VERBS[action].capitalize()} bảng đăng ký năm {locked.period}" + (f": {reason}" if reason else "")
    return locked, reason, message


def _save(locked, *, actor, action, fields, message, reason=""):
    """Save the move, log it, and tell the other side once it is committed: the level above hears of a sheet
    sent or withdrawn, the unit of its sheet acknowledged or returned (with the reason)."""
    locked.full_clean(exclude=["unit", "created_by"], validate_unique=False)
    locked.save(update_fields=["status", *fields])
    log_records(actor, [locked], CHANGE, message)
    unit = locked.unit
    what = f"{VERBS[action]} bảng đăng ký thi đua năm {locked.period}"
    if action in (A.SEND, A.WITHDRAW):
        told, text = [(unit.parent, (R.CLERK, R.REVIEWER))] if unit.parent_id else [], f"{unit.name} đã {what}"
    else:
        told, text = [(unit, (R.CLERK, R.APPROVER))], f"Cấp trên đã {what} của {unit.name}"
    text += f": {reason}" if reason else "."
    journal.notify(verb=NOTICE_VERBS[action], text=text, actor=actor, unit_roles=told,
                   link=f"{reverse('awards:yearly_sheet', args=[unit.pk])}?{urlencode({'ky': locked.period})}")
    return locked


@transaction.atomic
def send_yearly_sheet(sheet: YearlySheet, *, actor) -> YearlySheet:
    """Lock the sheet and send it to the level above; only the unit's approver, only once, never empty."""
    locked, _reason, message = _move(sheet, actor=actor, action=A.SEND)
    if not locked.entries.exists():
        raise ValidationError("Bảng đăng ký chưa có dòng nào.")
    locked.sent_by, locked.sent_at = actor, timezone.now()
    return _save(locked, actor=actor, action=A.SEND, fields=["sent_by", "sent_at"], message=message)


@transaction.atomic
def acknowledge_yearly_sheet(sheet: YearlySheet, *, actor) -> YearlySheet:
    """The level above takes note of the sheet: from then on its unit can no longer withdraw it."""
    locked, _reason, message = _move(sheet, actor=actor, action=A.ACKNOWLEDGE)
    locked.acknowledged_by, locked.acknowledged_at = actor, timezone.now()
    return _save(locked, actor=actor, action=A.ACKNOWLEDGE, fields=["acknowledged_by", "acknowledged_at"],
                 message=message)


def _take_back(sheet, *, actor, action, reason, kind):
    locked, reason, message = _move(sheet, actor=actor, action=action, reason=reason)
    locked.taken_back, locked.taken_back_by, locked.taken_back_at = kind, actor, timezone.now()
    locked.taken_back_reason = reason
    locked.acknowledged_by = locked.acknowledged_at = None
    return _save(locked, actor=actor, action=action, message=message, reason=reason, fields=[
        "taken_back", "taken_back_by", "taken_back_at", "taken_back_reason", "acknowledged_by", "acknowledged_at"])


@transaction.atomic
def withdraw_yearly_sheet(sheet: YearlySheet, *, actor, reason: str) -> YearlySheet:
    """Rút lại: the sending unit's approver takes the sheet back to draft, until the level above acknowledges it."""
    return _take_back(sheet, actor=actor, action=A.WITHDRAW, reason=reason, kind=YearlySheet.TakeBack.WITHDRAWN)


@transaction.atomic
def return_yearly_sheet(sheet: YearlySheet, *, actor, reason: str) -> YearlySheet:
    """Trả lại: the level above sends the sheet back to its unit's clerk as a draft, saying why."""
    return _take_back(sheet, actor=actor, action=A.RETURN, reason=reason, kind=YearlySheet.TakeBack.RETURNED)


@transaction.atomic
def link_yearly_initiative(entry: YearlyEntry, *, actor, initiative: Initiative | None) -> YearlyEntry:
    """Link a registered initiative to the recognised one (``None`` unlinks), before or after sending.

    The choice must be among ``initiatives_for(entry)``: an initiative of another unit, another year or,
    on a person's row, of someone else is refused.
    """
    locked = (YearlyEntry.objects.select_for_update(of=("self",)).select_related("sheet__unit", "person", "collective")
              .get(pk=entry.pk))
    if not rules.can_link(actor, locked.sheet.unit, locked.sheet) or not locked.initiative_title:
        raise PermissionDenied("Bạn không gắn được sáng kiến cho dòng này.")
    before = locked.initiative
    if (before.pk if before else None) == (initiative.pk if initiative else None):
        return locked  # nothing changes (a link kept after the initiative's authors changed is kept as it is)
    if initiative is not None and not rules.initiatives_for(locked).filter(pk=initiative.pk).exists():
        if locked.person_id and not initiative.authors.filter(pk=locked.person_id).exists():
            raise ValidationError({"initiative": f"{locked.person.full_name} không phải tác giả của sáng kiến "
                                                 f"“{initiative.title}”."})
        raise ValidationError({"initiative": f"Sáng kiến “{initiative.title}” không phải sáng kiến được công nhận "
                                             f"năm {locked.sheet.period} của {locked.sheet.unit.name}."})
    locked.initiative = initiative
    locked.save(update_fields=["initiative"])
    if initiative is not None:
        message = (f"Gắn “{locked.initiative_title}” của {locked.subject_name} với sáng kiến được công nhận "
                   f"“{initiative.title}”")
    else:
        message = f"Bỏ gắn “{locked.initiative_title}” của {locked.subject_name} với “{before.title}”"
    log_records(actor, [locked], CHANGE, message)
    return locked
