"""The yearly registration sheet's state changes: add a row, remove a row, send the sheet."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from units.models import Person, Unit

from awards.models import AwardType, YearlyEntry, YearlySheet, period_start
from awards.rules.yearly_registrations import can_draft, can_send


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
    sheet = YearlySheet.objects.select_for_update().select_related("unit").get(pk=entry.sheet_id)
    if not can_draft(actor, sheet.unit, sheet):
        raise PermissionDenied("Bạn không xóa được dòng này.")
    entry.delete()


@transaction.atomic
def send_yearly_sheet(sheet: YearlySheet, *, actor) -> YearlySheet:
    """Lock the sheet and send it to the level above; only the unit's approver, only once, never empty."""
    sheet = YearlySheet.objects.select_for_update().select_related("unit").get(pk=sheet.pk)
    if not can_send(actor, sheet.unit, sheet):
        raise PermissionDenied("Bạn không gửi được bảng đăng ký này.")
    if not sheet.entries.exists():
        raise ValidationError("Bảng đăng ký chưa có dòng nào.")
    sheet.status, sheet.sent_by, sheet.sent_at = YearlySheet.Status.SENT, actor, timezone.now()
    sheet.save(update_fields=["status", "sent_by", "sent_at"])
    return sheet


@transaction.atomic
def link_initiative(entry: YearlyEntry, *, actor, initiative) -> YearlyEntry:
    """Tie a registered initiative to the initiative record once it has been recognised."""
    if not can_draft(actor, entry.sheet.unit) or not entry.initiative_title:
        raise PermissionDenied("Bạn không gắn được sáng kiến cho dòng này.")
    if entry.person_id and not initiative.authors.filter(pk=entry.person_id).exists():
        raise ValidationError(f"{entry.person.full_name} không phải tác giả của sáng kiến “{initiative.title}”.")
    entry.initiative = initiative
    entry.save(update_fields=["initiative"])
    return entry
