"""The only code that writes plans. One function per state change, each in one transaction.

Every function re-reads the plan with a row lock and checks the action against
``workflow.allowed_actions`` — the same function the pages use to show buttons — so the page
never offers what the server would refuse, and two people acting at once are applied one
after the other (the second sees the first's result and is refused or warned).
"""

import datetime
import hashlib
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from units import dates
from units.models import ADMINISTRATIVE_KINDS, Unit
from units.scoping import acting_in, holds_role_at
from units.storage import files_removed_on_rollback

from campaigns import revisions, section_numbers, workflow
from campaigns.importing_rules import find_kind
from campaigns.models import AwardTier, Plan, PlanReference, PlanSection

STALE = ("Kế hoạch vừa được người khác sửa trong lúc bạn đang sửa. Trang đã được tải lại với nội dung mới nhất; "
         "vui lòng nhập lại thay đổi của bạn.")


class StaleEdit(Exception):
    """The draft changed since the editor loaded it."""


# Where a body's name turns to the place it serves: "VĂN PHÒNG UBND | TỈNH BẮC KẠN".
_PLACE_START = re.compile(r"\s+(?=(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s)")
# Bodies whose symbol is the initials of their name (Sở Nội vụ: KH-SNV; Văn phòng UBND: KH-VP).
_INITIALLED_KINDS = (Unit.Kind.OFFICE, Unit.Kind.DEPARTMENT, Unit.Kind.MINISTRY, Unit.Kind.CENTRAL,
                     Unit.Kind.ORGANISATION)


def default_header(unit: Unit) -> dict:
    """Header fields a new plan of ``unit`` starts with (editable before issue).

    A People's Committee prints "ỦY BAN NHÂN DÂN / TỈNH …" and signs KH-UBND; another body prints
    its name on two lines, the body then the place it serves ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG /
    TỈNH BẮC GIANG"), and signs with its initials (KH-HĐTĐKT).
    """
    if unit.kind in ADMINISTRATIVE_KINDS:
        return {"issuer_name": f"ỦY BAN NHÂN DÂN\n{unit.name.upper()}", "symbol": "KH-UBND",
                "place": unit.short_name or unit.name}
    body, *place = _PLACE_START.split(" ".join(unit.name.upper().split()), maxsplit=1)
    symbol = "KH"
    if unit.kind in _INITIALLED_KINDS:
        initials = []
        for word in body.replace("-", " ").split():
            if word in ("UBND", "ỦY", "UỶ", "CỦA"):
                break  # "VĂN PHÒNG UBND": the rest names the body it serves
            initials.append(word[0])
        symbol = f"KH-{''.join(initials)}" if 1 < len(initials) <= 8 else "KH"
    return {"issuer_name": "\n".join([body, *place]), "symbol": symbol,
            "place": unit.short_name or unit.name}


def can_draft(user, unit) -> bool:
    return unit.is_in_force() and holds_role_at(user, unit, workflow.drafting_roles())


@transaction.atomic
def create_plan(*, actor, issuing_unit, title, parent_plan=None, kind="", **fields) -> Plan:
    """Start a draft plan of ``issuing_unit``; without a ``kind``, the kind its title names."""
    if not can_draft(actor, issuing_unit):
        raise PermissionDenied("Bạn không có quyền soạn kế hoạch cho đơn vị này.")
    # A title that names no kind leaves the plan thematic: its awards are then never counted
    # toward higher ones by mistake, and the drafter can still say otherwise in the form.
    kind = kind or find_kind(title, ())[0] or Plan.Kind.THEMATIC
    values = {**default_header(issuing_unit), "issue_year": datetime.date.today().year, **fields}
    plan = Plan(issuing_unit=issuing_unit, title=title, parent_plan=parent_plan, kind=kind, created_by=actor,
                **values)
    plan.full_clean()
    plan.save()
    revisions.record_revision(plan, actor=actor, note="Tạo dự thảo")
    return plan


def _lock(plan, actor, action, expected_version=None):
    locked = Plan.objects.select_for_update().select_related("issuing_unit").get(pk=plan.pk)
    if action not in workflow.allowed_actions(locked, actor):
        if locked.status != plan.status:
            raise ValidationError(f"Kế hoạch đã chuyển sang trạng thái “{locked.get_status_display()}”.")
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với kế hoạch.")
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit(STALE)
    return locked


@transaction.atomic
def update_plan(plan, *, actor, expected_version, fields: dict, formsets=(), note="Sửa dự thảo") -> Plan:
    """Save edits of a draft: its fields and any formsets of its parts, then keep a revision.

    ``expected_version`` is the version the editor loaded; if someone saved in between, the
    edit is refused whole (nothing is written) instead of silently overwriting theirs.
    """
    locked = _lock(plan, actor, workflow.EDIT, expected_version)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.full_clean()
    locked.save()
    for formset in formsets:
        formset.instance = locked
        formset.save()
        _renumber(formset.model, locked)
    if locked.number_sections:
        section_numbers.renumber(locked)
    revisions.record_revision(locked, actor=actor, note=note)
    return locked


def _renumber(model, plan):
    """Positions 10, 20, 30 … in the order shown, whatever numbers the editor typed."""
    if not any(f.name == "position" for f in model._meta.fields):
        return
    ordered = model.objects.filter(plan=plan).order_by("position", "pk").values_list("pk", flat=True)
    for index, pk in enumerate(list(ordered), start=1):
        model.objects.filter(pk=pk).update(position=index * 10)


def suggest_number(unit: Unit, year: int) -> int:
    """The next free number of the unit's plans in ``year``."""
    last = Plan.objects.filter(issuing_unit=unit, issue_year=year).aggregate(Max("number"))["number__max"]
    return (last or 0) + 1


def issue_plan(plan, *, actor, number: int, issue_date: datetime.date) -> Plan:
    """Fix number and date, lock the content and freeze the signed-off PDF with its SHA-256."""
    with files_removed_on_rollback() as saved:
        return _issue(plan, actor, number, issue_date, saved)


def _issue(plan, actor, number, issue_date, saved):
    from campaigns.documents import render_plan_pdf

    locked = _lock(plan, actor, workflow.ISSUE)
    missing = workflow.missing_for_issue(locked)
    if missing:
        raise ValidationError(f"Chưa ban hành được: kế hoạch còn thiếu {', '.join(m.label.lower() for m in missing)}. "
                              "Hãy sửa dự thảo rồi ban hành.")
    locked.number = number
    locked.issue_year, locked.issue_month, locked.issue_day = issue_date.year, issue_date.month, issue_date.day
    if locked.period_from_issue and locked.period_start is None:
        locked.period_start = issue_date
    locked.status = workflow.next_status(locked, workflow.ISSUE)
    locked.issued_at, locked.issued_by = timezone.now(), actor
    locked.version += 1
    locked.full_clean()
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError:
        raise ValidationError({"number": "Số văn bản này vừa được dùng cho một kế hoạch khác."}) from None
    pdf = render_plan_pdf(locked)
    locked.issued_pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    locked.issued_pdf.save(f"ke-hoach-{locked.pk}-{number:02d}.pdf", ContentFile(pdf), save=False)
    saved.append(locked.issued_pdf.name)
    locked.save(update_fields=["issued_pdf", "issued_pdf_sha256"])
    revisions.record_revision(locked, actor=actor, note="Ban hành")
    return locked


@transaction.atomic
def change_status(plan, *, actor, action) -> Plan:
    """Start, close or mark reviewed an issued plan."""
    if action in (workflow.EDIT, workflow.ISSUE):
        raise ValueError(action)
    locked = _lock(plan, actor, action)
    locked.status = workflow.next_status(locked, action)
    locked.version += 1
    locked.save(update_fields=["status", "version", "updated_at"])
    return locked


IMPLEMENTABLE = (Plan.Status.ISSUED, Plan.Status.IN_PROGRESS)


def implementing_units(parent: Plan, user):
    """Units below the parent plan's issuer where ``user`` may draft an implementing plan."""
    if parent.status not in IMPLEMENTABLE:
        return Unit.objects.none()
    below = Unit.objects.subtree_of(parent.issuing_unit, include_self=False).acting()
    return below.filter(acting_in(user, workflow.drafting_roles()))


@transaction.atomic
def create_implementing_plan(parent: Plan, *, actor, unit: Unit) -> Plan:
    """A draft for ``unit`` implementing ``parent``: its reference, content items and period."""
    if not implementing_units(parent, actor).filter(pk=unit.pk).exists():
        raise PermissionDenied("Đơn vị này không thể lập kế hoạch triển khai kế hoạch đã chọn.")
    citation = (f"{parent.doc_type.capitalize()} số {parent.number_label.removeprefix('Số: ')} ngày "
                f"{dates.in_figures(parent.issue_date)} của {issuer_in_words(parent.issuing_unit)}")
    plan = create_plan(
        actor=actor, issuing_unit=unit, parent_plan=parent, title=parent.title, kind=parent.kind,
        preamble=(f"Thực hiện {citation} về {parent.title_one_line[:1].lower()}{parent.title_one_line[1:]}, "
                  f"{issuer_in_words(unit)} ban hành Kế hoạch triển khai thực hiện, cụ thể như sau:"),
        period_start=parent.period_start, period_end=parent.period_end,
    )
    PlanReference.objects.create(
        plan=plan, kind=PlanReference.Kind.IMPLEMENTS, doc_type=parent.doc_type.capitalize(),
        doc_number=parent.number_label.removeprefix("Số: "), doc_date=parent.issue_date,
        issuer=issuer_in_words(parent.issuing_unit), text=citation, referenced_plan=parent,
    )
    content = [s for s in parent.sections.all() if s.kind == PlanSection.Kind.CONTENT]
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, position=(i + 1) * 10, level=s.level, number=s.number, heading=s.heading,
                    body=s.body, kind=s.kind)
        for i, s in enumerate(content)
    )
    section_numbers.renumber(plan)  # the parent's "III. NỘI DUNG" is this plan's own part I.
    # Only the parent's awards that this unit may grant itself; the others are proposed upwards.
    # The catalogue is awards' model, reached through the tier's relation: campaigns does not import awards.
    catalogue = AwardTier._meta.get_field("award").related_model
    own = set(catalogue.objects.grantable_by(unit, parent.issue_date or datetime.date.today())
              .values_list("pk", flat=True))
    AwardTier.objects.bulk_create(
        AwardTier(plan=plan, position=t.position, award=t.award, award_name=t.award_name, authority=t.authority,
                  for_collectives=t.for_collectives, for_individuals=t.for_individuals,
                  for_households=t.for_households)
        for t in parent.award_tiers.all() if t.award_id in own
    )
    revisions.record_revision(plan, actor=actor, note="Tạo kế hoạch triển khai")
    return plan


def issuer_in_words(unit: Unit) -> str:
    """How running text names the body of ``unit``: "Ủy ban nhân dân tỉnh Phú Thọ"."""
    if unit.kind in ADMINISTRATIVE_KINDS:
        return f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"
    return unit.name


@transaction.atomic
def advance_plans_by_date(today: datetime.date) -> dict[str, int]:
    """Let the calendar move plans on: issued plans whose period has begun are in progress,
    plans whose period has ended are closed. Returns how many moved each way.

    The moves are the table's START and CLOSE; no person takes them, so no role is checked.
    """
    started = (Plan.objects.filter(status=Plan.Status.ISSUED, period_start__lte=today)
               .exclude(period_end__lt=today)
               .update(status=workflow.TRANSITIONS[(Plan.Status.ISSUED, workflow.START)][0]))
    closed = (Plan.objects.filter(status__in=[Plan.Status.ISSUED, Plan.Status.IN_PROGRESS], period_end__lt=today)
              .update(status=Plan.Status.CLOSED))
    return {"started": started, "closed": closed}
