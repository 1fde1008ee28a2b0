"""The organiser's changes to a block's members: take one out (after a confirmation) and change the rotation order."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from units.confirmation import Confirmation, render_confirmation

from awards.forms.blocks import MemberPositionForm
from awards.models import ScoreSheet
from awards.rules import blocks as rules
from awards.services import block_members as services
from awards.views.blocks import member_or_404


def _members_of(block):
    return block.get_absolute_url() + "#thanh-vien"


@require_http_methods(["GET", "POST"])
def block_member_remove(request, pk):
    """Confirm, then take the member out of the block: refused once its sheet is sent, or while it leads the block."""
    member = member_or_404(request, pk)
    block = member.block
    if not rules.can_organise(request.user, block):
        raise PermissionDenied("Chỉ tỉnh, bộ tổ chức khối xóa được thành viên.")
    if request.method == "POST":
        try:
            services.remove_block_member(member, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Đã xóa {member.unit.name} khỏi {block.name}.")
        return redirect(_members_of(block))
    sheet = ScoreSheet.objects.filter(member=member).first()
    confirmation = Confirmation(
        heading=f"Xóa {member.unit.name} khỏi {block.name} năm {block.year}", action=request.path,
        back=_members_of(block), confirm_label="Xóa khỏi khối", tone="danger",
        lead="Bảng tự chấm đang soạn và minh chứng của đơn vị (nếu có) bị xóa theo; các đơn vị sau lên một bậc "
             "trong thứ tự luân phiên.")
    confirmation.add("Đơn vị", member.unit.name)
    confirmation.add("Thứ tự luân phiên", member.position)
    confirmation.add("Bảng tự chấm điểm", sheet.get_status_display() if sheet else "Chưa chấm")
    if sheet and sheet.is_sent:
        confirmation.warnings.append("Đơn vị đã gửi bảng tự chấm điểm nên không xóa khỏi khối được nữa.")
    if member.unit_id in (block.head_id, block.deputy_id):
        confirmation.warnings.append("Đơn vị đang là trưởng khối hoặc phó khối: chọn đơn vị khác trước khi xóa.")
    if block.is_closed:
        confirmation.warnings.append("Khối đã chốt điểm, không thay đổi được nữa.")
    confirmation.blocked = bool(confirmation.warnings)
    return render_confirmation(request, confirmation)


@require_POST
def block_member_move(request, pk):
    """Put the member at another place of the rotation order."""
    member = member_or_404(request, pk)
    block = member.block
    if not rules.can_organise(request.user, block):
        raise PermissionDenied("Chỉ tỉnh, bộ tổ chức khối đổi được thứ tự luân phiên.")
    form = MemberPositionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["position"]))
        return redirect(_members_of(block))
    try:
        services.move_block_member(member, actor=request.user, position=form.cleaned_data["position"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã chuyển {member.unit.name} sang thứ tự luân phiên "
                                  f"{form.cleaned_data['position']}.")
    return redirect(_members_of(block))
