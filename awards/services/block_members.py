"""The organiser's changes to a block's members after it is set up: take a member out (only while no sheet has
been sent for it) and change the rotation order. Each is one transaction on the locked block, logged."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from awards.models import BlockMember, ScoreEvidence, ScoreSheet
from awards.services.blocks import locked_block, notify_units, require_organiser
from awards.services.record_log import CHANGE, log_records
from awards.storage import delete_private_files


def _locked_member(block, member):
    locked = (BlockMember.objects.select_for_update(of=("self",)).select_related("unit")
              .filter(pk=member.pk, block=block).first())
    if locked is None:
        raise ValidationError("Đơn vị này không còn trong khối.")
    return locked


def _renumber(members):
    """Positions 1, 2, … in the given order; only the rows whose position changes are written."""
    changed = []
    for position, member in enumerate(members, start=1):
        if member.position != position:
            member.position = position
            changed.append(member)
    BlockMember.objects.bulk_update(changed, ["position"])


@transaction.atomic
def remove_block_member(member: BlockMember, *, actor) -> None:
    """Take ``member`` out of the block while its sheet is not sent (a draft and its evidence go with it); the
    head and deputy are changed first. The members after it move up one place in the rotation."""
    block = locked_block(member.block)  # a member sending its sheet locks the block too: one waits for the other
    require_organiser(actor, block)
    locked = _locked_member(block, member)
    unit = locked.unit
    if ScoreSheet.objects.filter(member=locked, status=ScoreSheet.Status.SENT).exists():
        raise ValidationError(f"{unit.name} đã gửi bảng tự chấm điểm nên không xóa khỏi khối được nữa.")
    if unit.pk == block.head_id:
        raise ValidationError(f"{unit.name} đang là trưởng khối: chọn đơn vị trưởng khối khác trước khi xóa.")
    if unit.pk == block.deputy_id:
        raise ValidationError(f"{unit.name} đang là phó khối: chọn đơn vị phó khối khác trước khi xóa.")
    files = list(ScoreEvidence.objects.filter(sheet__member=locked).values_list("file", flat=True))
    locked.delete()
    _renumber(list(block.members.select_for_update().order_by("position", "pk")))
    log_records(actor, [block], CHANGE, f"Xóa {unit.name} khỏi khối")
    notify_units(units=[unit], actor=actor, link=reverse("awards:block_list") + f"?nam={block.year}",
                 text=f"{block.organiser.name} đã đưa đơn vị ra khỏi {block.name} năm {block.year}.")
    if files:
        transaction.on_commit(partial(delete_private_files, files))


@transaction.atomic
def move_block_member(member: BlockMember, *, actor, position: int) -> BlockMember:
    """Put ``member`` at ``position`` (1 is first) of the rotation, the others keeping their order around it;
    while the scoring is open (the closed ranking lists equal members in rotation order)."""
    block = locked_block(member.block)
    require_organiser(actor, block)
    locked = _locked_member(block, member)
    members = [m for m in block.members.select_for_update().order_by("position", "pk") if m.pk != locked.pk]
    if not 1 <= position <= len(members) + 1:
        raise ValidationError({"position": f"Thứ tự luân phiên từ 1 đến {len(members) + 1}."})
    members.insert(position - 1, locked)
    _renumber(members)
    log_records(actor, [block], CHANGE, f"Chuyển {locked.unit.name} sang thứ tự luân phiên {position}")
    return locked
