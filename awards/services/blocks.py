"""The state changes of an emulation block: define it and its members, its covenant and scoring table, a member's
self-score and sending, the head's cross-check and the closing of the scoring. Each writes the admin's log."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from units import dates
from units.models import Membership, Unit
from units.storage import files_removed_on_rollback

from awards.documents.block_minutes import render_block_minutes_pdf
from awards.models import (
    AwardType,
    BlockMember,
    CovenantTarget,
    Criterion,
    DocumentKind,
    EmulationBlock,
    ScoreEntry,
    ScoreGroup,
    ScoreSheet,
)
from awards.rules import blocks as rules
from awards.rules.uploads import inspect_pdf
from awards.services import attachments, journal, nominations
from awards.services.record_log import ADDITION, CHANGE, log_records
from awards.storage import private_storage

ORGANISER_KINDS = (Unit.Kind.PROVINCE, Unit.Kind.MINISTRY)
# The organiser's people told when the scoring is closed: those who define blocks and the clerk who drafts the list.
ORGANISER_TOLD = (*rules.ORGANISER_ROLES, Membership.Role.CLERK)


def notify_units(*, units, text: str, link: str, actor, roles=rules.MEMBER_ROLES):
    """After commit, tell the clerks and approvers (or ``roles``) of ``units``; never the actor of their own act."""
    journal.notify(verb="block", text=text, link=link, actor=actor, unit_roles=[(unit, roles) for unit in units])


def _member_units(block):
    return [member.unit for member in block.members.select_related("unit")]


def locked_block(block, *, open_only=True):
    """The block's row, locked: acts on one block wait for each other, then read it as it is now."""
    locked = EmulationBlock.objects.select_for_update(of=("self",)).select_related("organiser", "head").get(pk=block.pk)
    if open_only and locked.is_closed:
        raise ValidationError("Khối đã chốt điểm, không thay đổi được nữa.")
    return locked


def require_organiser(actor, block_or_unit):
    if not rules.can_organise(actor, block_or_unit):
        raise PermissionDenied("Chỉ quản trị hoặc lãnh đạo của tỉnh, bộ tổ chức khối mới làm được việc này.")


@transaction.atomic
def create_block(organiser: Unit, *, actor, year: int, name: str, kind: str = EmulationBlock.Kind.BLOCK,
                 units=(), tie_break: str = "") -> EmulationBlock:
    """A new block of ``organiser`` for ``year`` with ``units`` in this rotation order; the first is its head."""
    require_organiser(actor, organiser)
    if organiser.kind not in ORGANISER_KINDS:
        raise ValidationError("Chỉ tỉnh hoặc bộ, ngành lập khối, cụm thi đua.")
    block = EmulationBlock(organiser=organiser, year=year, name=name, kind=kind, created_by=actor,
                           tie_break=tie_break or EmulationBlock._meta.get_field("tie_break").default)
    block.full_clean()
    block.save()
    for unit in units:
        _add_member(block, unit)
    units = list(units)
    if units:
        block.head = units[0]
        block.deputy = units[1] if len(units) > 1 else None
        block.save(update_fields=["head", "deputy"])
    log_records(actor, [block], ADDITION, f"Lập {block.get_kind_display().lower()} {block.name} năm {year}")
    notify_units(units=units, actor=actor, link=block.get_absolute_url(),
                 text=f"{organiser.name} đưa đơn vị vào {block.name} năm {year}; đơn vị tự chấm điểm theo bảng "
                      "điểm của khối.")
    return block


def _add_member(block, unit):
    if not unit.path.startswith(block.organiser.path) or unit.pk == block.organiser_id:
        raise ValidationError(f"{unit.name} không thuộc {block.organiser.name}.")
    if BlockMember.objects.filter(unit=unit, year=block.year).exists():
        raise ValidationError(f"{unit.name} đã thuộc một khối, cụm thi đua của năm {block.year}.")
    position = (block.members.aggregate(last=Max("position"))["last"] or 0) + 1
    try:
        with transaction.atomic():
            return BlockMember.objects.create(block=block, unit=unit, year=block.year, position=position)
    except IntegrityError:  # another block took the unit a moment ago
        raise ValidationError(f"{unit.name} đã thuộc một khối, cụm thi đua của năm {block.year}.") from None


@transaction.atomic
def add_block_member(block: EmulationBlock, *, actor, unit: Unit) -> BlockMember:
    """Add ``unit`` at the end of the block's rotation; a unit belongs to one block a year."""
    locked = locked_block(block)
    require_organiser(actor, locked)
    member = _add_member(locked, unit)
    log_records(actor, [locked], CHANGE, f"Thêm {unit.name} vào khối")
    notify_units(units=[unit], actor=actor, link=locked.get_absolute_url(),
                 text=f"{locked.organiser.name} đưa đơn vị vào {locked.name} năm {locked.year}; đơn vị tự chấm "
                      "điểm theo bảng điểm của khối.")
    return member


@transaction.atomic
def set_block_leaders(block: EmulationBlock, *, actor, head: Unit | None, deputy: Unit | None) -> EmulationBlock:
    """Name the head and deputy units, both members of the block and not the same."""
    locked = locked_block(block, open_only=False)
    require_organiser(actor, locked)
    member_ids = set(locked.members.values_list("unit_id", flat=True))
    if (head and head.pk not in member_ids) or (deputy and deputy.pk not in member_ids):
        raise ValidationError("Trưởng khối và phó khối phải là thành viên của khối.")
    if head and deputy and head.pk == deputy.pk:
        raise ValidationError("Trưởng khối và phó khối phải là hai đơn vị khác nhau.")
    locked.head, locked.deputy = head, deputy
    locked.save(update_fields=["head", "deputy"])
    log_records(actor, [locked], CHANGE, "Đổi trưởng khối, phó khối: "
                f"{head.name if head else '—'} / {deputy.name if deputy else '—'}")
    return locked


@transaction.atomic
def roll_block_to_next_year(block: EmulationBlock, *, actor) -> EmulationBlock:
    """Next year's block: same name, members and rotation order, the next member in the rotation proposed as
    head and this year's head as deputy (both editable), the scoring table and covenant targets copied."""
    require_organiser(actor, block)
    if EmulationBlock.objects.filter(organiser=block.organiser_id, year=block.year + 1, name=block.name).exists():
        raise ValidationError(f"Năm {block.year + 1} đã có {block.name}.")
    new = create_block(block.organiser, actor=actor, year=block.year + 1, name=block.name, kind=block.kind,
                       tie_break=block.tie_break,
                       units=[m.unit for m in block.members.select_related("unit").order_by("position")])
    head_id = rules.next_head(block)
    new.head_id, new.deputy_id = head_id, (block.head_id if block.head_id != head_id else None)
    new.save(update_fields=["head", "deputy"])
    _copy_table(block, new)
    CovenantTarget.objects.bulk_create(CovenantTarget(block=new, position=t.position, text=t.text)
                                       for t in block.targets.all())
    return new


def _copy_table(source, target):
    for group in source.groups.prefetch_related("criteria"):
        copy = ScoreGroup.objects.create(block=target, position=group.position, kind=group.kind, name=group.name,
                                         max_points=group.max_points)
        Criterion.objects.bulk_create(Criterion(group=copy, position=c.position, name=c.name,
                                                max_points=c.max_points) for c in group.criteria.all())


@transaction.atomic
def copy_scoring_table(block: EmulationBlock, *, actor, source: EmulationBlock) -> EmulationBlock:
    """Start the block's table from another block's (last year's): only while the block has no table yet."""
    locked = locked_block(block)
    require_organiser(actor, locked)
    if locked.groups.exists():
        raise ValidationError("Khối đã có bảng điểm; xóa bảng cũ trước khi sao chép.")
    _copy_table(source, locked)
    log_records(actor, [locked], CHANGE, f"Sao chép bảng điểm của {source}")
    notify_units(units=_member_units(locked), actor=actor, link=locked.get_absolute_url(),
                 text=f"Bảng điểm của {locked.name} năm {locked.year} đã sẵn sàng: đơn vị tự chấm điểm và gửi "
                      "trưởng khối.")
    return locked


@transaction.atomic
def add_score_group(block: EmulationBlock, *, actor, name: str, max_points: Decimal,
                    kind: str = ScoreGroup.Kind.CRITERIA) -> ScoreGroup:
    locked = locked_block(block)
    require_organiser(actor, locked)
    if ScoreEntry.objects.filter(sheet__member__block=locked).exists():
        raise ValidationError("Đã có đơn vị tự chấm điểm: không sửa được bảng điểm nữa.")
    position = (locked.groups.aggregate(last=Max("position"))["last"] or 0) + 1
    group = ScoreGroup(block=locked, position=position, kind=kind, name=name, max_points=max_points)
    group.full_clean()
    group.save()
    log_records(actor, [locked], CHANGE, f"Thêm nhóm “{name}” vào bảng điểm")
    return group


@transaction.atomic
def add_criterion(group: ScoreGroup, *, actor, name: str, max_points: Decimal) -> Criterion:
    locked = locked_block(group.block)
    require_organiser(actor, locked)
    if ScoreEntry.objects.filter(sheet__member__block=locked).exists():
        raise ValidationError("Đã có đơn vị tự chấm điểm: không sửa được bảng điểm nữa.")
    position = (group.criteria.aggregate(last=Max("position"))["last"] or 0) + 1
    criterion = Criterion(group=group, position=position, name=name, max_points=max_points)
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def add_covenant_target(block: EmulationBlock, *, actor, text: str) -> CovenantTarget:
    locked = locked_block(block, open_only=False)
    require_organiser(actor, locked)
    position = (locked.targets.aggregate(last=Max("position"))["last"] or 0) + 1
    target = CovenantTarget(block=locked, position=position, text=text)
    target.full_clean()
    target.save()
    return target


def sign_covenant(block: EmulationBlock, *, actor, signed_on, file=None) -> EmulationBlock:
    """Record the covenant's signing date and, optionally, its signed PDF (checked as a dossier's documents
    are, kept in private storage; the copy it replaces is removed once the change is saved)."""
    if file is not None:
        inspect_pdf(file)  # reading can take a moment: before the block is locked
    with transaction.atomic(), files_removed_on_rollback("private") as saved:
        locked = locked_block(block, open_only=False)
        require_organiser(actor, locked)
        locked.covenant_signed_on = signed_on
        fields_ = ["covenant_signed_on"]
        replaced = locked.covenant_file.name
        if file is not None:
            stored = private_storage().save(locked.covenant_file.field.generate_filename(locked, file.name), file)
            saved.append(stored)
            locked.covenant_file.name = stored
            fields_.append("covenant_file")
        locked.save(update_fields=fields_)
        log_records(actor, [locked], CHANGE, f"Ghi ngày ký giao ước thi đua {dates.in_figures(signed_on)}")
        if file is not None and replaced:
            transaction.on_commit(lambda: private_storage().delete(replaced))
    return locked


def _points(value) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _check_points(points, limit, label="Điểm"):
    if points is None or points < 0:
        raise ValidationError({"points": f"{label} phải là số không âm."})
    if points > limit:
        raise ValidationError({"points": f"{label} tối đa của tiêu chí này là {_points(limit)}."})


def draft_sheet(member: BlockMember) -> ScoreSheet:
    """The member's sheet, started if need be and locked (in the caller's transaction); refused once sent."""
    sheet, _created = ScoreSheet.objects.get_or_create(member=member)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.is_sent:
        raise ValidationError("Bảng tự chấm điểm đã gửi trưởng khối, không sửa được nữa.")
    return sheet


@transaction.atomic
def save_self_score(member: BlockMember, *, actor, criterion: Criterion, points: Decimal,
                    evidence: str = "") -> ScoreEntry:
    """The member's own points on ``criterion`` (at most its maximum), with evidence; while its sheet is a draft."""
    block = locked_block(member.block)
    if not rules.acts_for_member(actor, member):
        raise PermissionDenied("Chỉ cán bộ, lãnh đạo của đơn vị thành viên tự chấm điểm của đơn vị mình.")
    if criterion.group.block_id != block.pk:
        raise ValidationError("Tiêu chí không thuộc bảng điểm của khối.")
    sheet = draft_sheet(member)
    _check_points(points, criterion.max_points)
    entry, _created = ScoreEntry.objects.update_or_create(
        sheet=sheet, criterion=criterion, defaults={"self_points": points, "evidence": evidence})
    entry.full_clean()
    return entry


@transaction.atomic
def send_score_sheet(member: BlockMember, *, actor) -> ScoreSheet:
    """Send the member's sheet to the head: every criterion scored; the sheet is locked from then on."""
    block = locked_block(member.block)
    if not rules.acts_for_member(actor, member):
        raise PermissionDenied("Chỉ cán bộ, lãnh đạo của đơn vị thành viên gửi bảng tự chấm điểm.")
    sheet = ScoreSheet.objects.select_for_update().filter(member=member).first()
    if sheet is None:
        raise ValidationError("Đơn vị chưa chấm tiêu chí nào.")
    if sheet.is_sent:
        raise ValidationError("Bảng tự chấm điểm đã gửi rồi.")
    missing = Criterion.objects.filter(group__block=block).exclude(entries__sheet=sheet).count()
    if missing:
        raise ValidationError(f"Còn {missing} tiêu chí chưa chấm điểm.")
    sheet.status, sheet.sent_by, sheet.sent_at = ScoreSheet.Status.SENT, actor, timezone.now()
    sheet.save(update_fields=["status", "sent_by", "sent_at"])
    log_records(actor, [block], CHANGE, f"{member.unit.name} gửi bảng tự chấm điểm")
    if block.head_id:
        notify_units(units=[block.head], actor=actor, link=reverse("awards:block_cross_check", args=[member.pk]),
                     text=f"{member.unit.name} đã gửi bảng tự chấm điểm {block.name}; chờ chấm kiểm tra chéo.")
    return sheet


@transaction.atomic
def cross_check_score(entry: ScoreEntry, *, actor, points: Decimal, reason: str,
                      seen_points: Decimal | None) -> ScoreEntry:
    """The head sets the points that count on a sent sheet, with a reason for the change.

    ``seen_points`` are the points that counted when the head opened the page: two people cross-checking the
    same line at once wait for each other on the entry's lock, and the second, finding the points changed
    since they looked, is told so instead of silently overwriting the first.
    """
    block = locked_block(entry.sheet.member.block)
    if not rules.acts_for_head(actor, block):
        raise PermissionDenied("Chỉ đơn vị trưởng khối chấm kiểm tra chéo.")
    locked = ScoreEntry.objects.select_for_update(of=("self",)).select_related(
        "criterion", "sheet__member__unit").get(pk=entry.pk)
    if not locked.sheet.is_sent:
        raise ValidationError("Đơn vị chưa gửi bảng tự chấm điểm.")
    if seen_points is not None and locked.points != seen_points:
        raise ValidationError(f"Điểm của tiêu chí này vừa được đổi thành {_points(locked.points)} "
                              f"(bạn thấy {_points(seen_points)}). Tải lại trang để xem điểm mới.")
    _check_points(points, locked.criterion.max_points)
    before = locked.points
    reason = (reason or "").strip()
    if points != locked.self_points and not reason:
        raise ValidationError({"reason": "Ghi lý do điều chỉnh điểm."})
    locked.checked_points = points
    locked.check_reason = reason
    locked.checked_by, locked.checked_at = actor, timezone.now()
    locked.full_clean()
    locked.save(update_fields=["checked_points", "check_reason", "checked_by", "checked_at"])
    log_records(actor, [block], CHANGE, f"Chấm kiểm tra chéo: {locked.criterion.name[:80]}: "
                f"{_points(locked.self_points)} → {_points(points)}" + (f" ({reason})" if reason else ""))
    if points != before:
        member = locked.sheet.member
        notify_units(units=[member.unit], actor=actor, link=reverse("awards:block_sheet", args=[member.pk]),
                     text=f"Trưởng khối chấm lại “{locked.criterion.name[:60]}”: {_points(before)} → "
                          f"{_points(points)}" + (f" ({reason})" if reason else ""))
    return locked


@transaction.atomic
def close_block_scoring(block: EmulationBlock, *, actor) -> EmulationBlock:
    """Close the scoring: every member has sent its sheet; from then on no point changes and the ranking is open."""
    locked = locked_block(block)
    if not rules.acts_for_head(actor, locked):
        raise PermissionDenied("Chỉ đơn vị trưởng khối chốt điểm.")
    unsent = locked.members.exclude(sheet__status=ScoreSheet.Status.SENT).count()
    if unsent:
        raise ValidationError(f"Còn {unsent} đơn vị chưa gửi bảng tự chấm điểm.")
    locked.status, locked.closed_by, locked.closed_at = EmulationBlock.Status.CLOSED, actor, timezone.now()
    locked.save(update_fields=["status", "closed_by", "closed_at"])
    log_records(actor, [locked], CHANGE, "Chốt điểm, xếp hạng thành viên khối")
    text = f"{locked.name} năm {locked.year} đã chốt điểm; bảng xếp hạng đã công khai với các thành viên."
    link = reverse("awards:block_ranking", args=[locked.pk])
    notify_units(units=_member_units(locked), actor=actor, link=link, text=text)
    notify_units(units=[locked.organiser], actor=actor, link=link, text=text, roles=ORGANISER_TOLD)
    return locked


@transaction.atomic
def record_block_votes(block: EmulationBlock, *, actor, votes: dict) -> EmulationBlock:
    """The votes each member received at the block's meeting ({member id: votes}), after the scoring is closed."""
    locked = locked_block(block, open_only=False)
    if not rules.acts_for_head(actor, locked):
        raise PermissionDenied("Chỉ đơn vị trưởng khối ghi kết quả bỏ phiếu.")
    if not locked.is_closed:
        raise ValidationError("Chốt điểm trước khi ghi kết quả bỏ phiếu.")
    members = {m.pk: m for m in locked.members.select_for_update()}
    for member_id, count in votes.items():
        if member_id not in members or count is None or count < 0 or count > len(members):
            raise ValidationError("Số phiếu không hợp lệ.")
        members[member_id].votes = count
    BlockMember.objects.bulk_update(members.values(), ["votes"])
    log_records(actor, [locked], CHANGE, "Ghi kết quả bỏ phiếu tại cuộc họp khối")
    return locked


@transaction.atomic
def save_self_scores(member: BlockMember, *, actor, rows) -> int:
    """Several criteria at once from the sheet's page: ``rows`` of (criterion, points, evidence); points left
    empty are skipped. All or nothing: one refused line keeps every line as it was."""
    saved = 0
    for criterion, points, evidence in rows:
        if points is None:
            continue
        try:
            save_self_score(member, actor=actor, criterion=criterion, points=points, evidence=evidence)
        except ValidationError as error:
            raise ValidationError(f"Tiêu chí “{criterion.name[:80]}”: {' '.join(error.messages)}") from None
        saved += 1
    return saved


@transaction.atomic
def record_block_meeting(block: EmulationBlock, *, actor, held_on, place: str, chair: str, secretary: str,
                         present, votes: dict, flag, merit) -> EmulationBlock:
    """The block's meeting after the scoring is closed: who attended, each member's votes, and the leading units
    voted forward for the Cờ thi đua (``flag``) and for Bằng khen (``merit``), within the block's quota."""
    locked = locked_block(block, open_only=False)
    if not rules.acts_for_head(actor, locked):
        raise PermissionDenied("Chỉ đơn vị trưởng khối ghi kết quả cuộc họp khối.")
    if not locked.is_closed:
        raise ValidationError("Chốt điểm trước khi họp bình xét.")
    if locked.nomination_list_id:
        raise ValidationError("Kết quả họp khối đã chuyển thành danh sách đề nghị khen thưởng, không sửa được nữa.")
    members = {m.pk: m for m in locked.members.select_for_update()}
    present, flag, merit = set(present), set(flag), set(merit)
    if not (present | flag | merit | set(votes)) <= set(members):
        raise ValidationError("Đơn vị không thuộc khối.")
    if flag & merit:
        raise ValidationError("Một đơn vị chỉ được bầu một hình thức (Cờ thi đua hoặc Bằng khen).")
    if len(flag) > locked.flag_places:
        raise ValidationError(f"Khối chỉ được đề nghị Cờ thi đua cho {locked.flag_places} đơn vị dẫn đầu.")
    limit = locked.leading_limit(len(members))
    if len(flag | merit) > limit:
        raise ValidationError(f"Số đơn vị dẫn đầu không quá {locked.leading_share}% số thành viên "
                              f"({limit}/{len(members)} đơn vị); đã chọn {len(flag | merit)}.")
    if not present:
        raise ValidationError("Ghi các đơn vị dự họp.")
    flag_award, merit_award = leading_awards(locked)
    for pk, member in members.items():
        count = votes.get(pk)
        if count is not None and (count < 0 or count > len(present)):
            raise ValidationError(f"Số phiếu của {member.unit.name} không quá số đơn vị dự họp ({len(present)}).")
        member.present, member.votes = pk in present, count
        member.proposed_award = flag_award if pk in flag else merit_award if pk in merit else None
    BlockMember.objects.bulk_update(members.values(), ["present", "votes", "proposed_award"])
    locked.meeting_on, locked.meeting_place = held_on, place
    locked.meeting_chair, locked.meeting_secretary = chair, secretary
    locked.full_clean(exclude=["organiser", "head", "deputy", "created_by", "nomination_list"], validate_unique=False)
    locked.save(update_fields=["meeting_on", "meeting_place", "meeting_chair", "meeting_secretary"])
    log_records(actor, [locked], CHANGE, f"Ghi kết quả họp khối ngày {held_on:%d/%m/%Y}")
    return locked


def leading_awards(block):
    """The awards a block's leading units go forward for: the Cờ thi đua and the Bằng khen of the organiser's
    level (a province's or a ministry's)."""
    merit_code = "BK_BO" if block.organiser.kind == Unit.Kind.MINISTRY else "BK_TINH"
    awards = {a.code: a for a in AwardType.objects.filter(code__in=("CO_BT", merit_code))}
    if len(awards) != 2:
        raise ValidationError("Danh mục chưa có Cờ thi đua hoặc Bằng khen của cấp tổ chức khối.")
    return awards["CO_BT"], awards[merit_code]


@transaction.atomic
def nominate_block_leaders(block: EmulationBlock, *, actor):
    """One click: a draft list of the organiser for the block's year with a line per voted unit and its award,
    the block's minutes (PDF) attached to the list; refused a second time."""
    locked = locked_block(block, open_only=False)
    if locked.nomination_list_id:
        raise ValidationError("Kết quả họp khối đã được chuyển thành danh sách đề nghị.")
    if locked.meeting_on is None:
        raise ValidationError("Chưa ghi kết quả họp khối.")
    leaders = list(locked.members.filter(proposed_award__isnull=False).select_related("unit", "proposed_award")
                   .order_by("position"))
    if not leaders:
        raise ValidationError("Cuộc họp chưa bầu đơn vị dẫn đầu nào.")
    nomination_list = nominations.create_list(
        actor=actor, unit=locked.organiser, year=locked.year,
        title=f"Đề nghị khen thưởng đơn vị dẫn đầu {locked.name} năm {locked.year}")
    for member in leaders:
        nominations.add_line(nomination_list, actor=actor, collective=member.unit, award=member.proposed_award,
                             summary=f"Đơn vị dẫn đầu {locked.name} năm {locked.year} (biên bản họp khối ngày "
                                     f"{locked.meeting_on:%d/%m/%Y}).")
    pdf = render_block_minutes_pdf(locked)
    attachments.attach(nomination_list, actor=actor, kind=DocumentKind.MINUTES,
                       upload=SimpleUploadedFile(f"bien-ban-hop-khoi-{locked.pk}.pdf", pdf, "application/pdf"))
    locked.nomination_list = nomination_list
    locked.save(update_fields=["nomination_list"])
    log_records(actor, [locked], CHANGE, f"Lập danh sách đề nghị khen thưởng số {nomination_list.pk} từ họp khối")
    return nomination_list


@transaction.atomic
def set_block_rules(block: EmulationBlock, *, actor, tie_break: str, flag_places: int,
                    leading_share: int) -> EmulationBlock:
    """The block's own rules, as data: the order of the tie-break rules and the quota of leading units."""
    locked = locked_block(block, open_only=False)
    require_organiser(actor, locked)
    if locked.nomination_list_id:
        raise ValidationError("Kết quả họp khối đã chuyển thành danh sách đề nghị, không đổi quy tắc được nữa.")
    if not 0 < leading_share <= 100:
        raise ValidationError({"leading_share": "Tỷ lệ đơn vị dẫn đầu từ 1% đến 100%."})
    locked.tie_break, locked.flag_places, locked.leading_share = tie_break, flag_places, leading_share
    locked.full_clean(exclude=["organiser", "head", "deputy", "created_by", "nomination_list"], validate_unique=False)
    locked.save(update_fields=["tie_break", "flag_places", "leading_share"])
    log_records(actor, [locked], CHANGE, f"Đổi quy tắc xếp hạng ({tie_break}) và định mức đơn vị dẫn đầu "
                f"({flag_places} Cờ, {leading_share}%)")
    return locked
