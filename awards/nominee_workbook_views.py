"""Excel template, export and import of one nominee list (the work is in ``nominee_workbook``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from units.scoping import has_role

from . import nominations
from .models import NominationList
from .nominee_workbook import build_nominee_template, export_nominee_list, import_nominee_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 10 * 1024 * 1024
MAX_SHOWN_ERRORS = 50  # messages live in the session; a file full of errors must not overflow it


def _visible_list(request, pk):
    # Same scoping as the list page: a list outside the user's units is "not found".
    return get_object_or_404(NominationList.objects.visible_to(request.user).select_related("unit"), pk=pk)


def _xlsx(data, filename):
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def nominee_template(request, pk):
    nomination_list = _visible_list(request, pk)
    return _xlsx(build_nominee_template(nomination_list), f"mau-danh-sach-de-nghi-{nomination_list.pk}.xlsx")


@require_GET
def nominee_export(request, pk):
    nomination_list = _visible_list(request, pk)
    return _xlsx(export_nominee_list(nomination_list), f"danh-sach-de-nghi-{nomination_list.pk}.xlsx")


@require_POST
def nominee_import(request, pk):
    """Upload a filled template; the outcome (or every bad row) is shown on the list page."""
    nomination_list = _visible_list(request, pk)
    if not has_role(request.user, nomination_list.unit, nominations.EDITING_ROLES):
        raise PermissionDenied("Bạn không có quyền sửa danh sách đề nghị của đơn vị này.")
    back = redirect("awards:nomination_list_detail", nomination_list.pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Chọn tệp Excel cần nhập.")
        return back
    if upload.size > MAX_BYTES:
        messages.error(request, "Tệp lớn hơn 10 MB.")
        return back
    result = import_nominee_rows(nomination_list, upload.read(), actor=request.user)
    if result.errors:
        messages.error(request, f"Không ghi dòng nào: tệp có {len(result.errors)} lỗi.")
        for row, message in result.errors[:MAX_SHOWN_ERRORS]:
            messages.error(request, f"Dòng {row}: {message}" if row else message)
        if len(result.errors) > MAX_SHOWN_ERRORS:
            messages.error(request, f"… và {len(result.errors) - MAX_SHOWN_ERRORS} lỗi khác.")
    else:
        messages.success(request, f"Đã nhập từ Excel: thêm mới {result.created}, đã có {result.present}.")
    return back
