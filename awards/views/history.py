from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from units.downloads import download
from units.models import Unit

from awards.documents.history_workbook import build_history_template
from awards.models import AwardType
from awards.services.history_imports import can_import_history, import_history

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 10 * 1024 * 1024


@require_http_methods(["GET", "POST"])
def history_import(request):
    """Upload a filled template of past decisions and ratings; see every bad row, or what was added."""
    if not can_import_history(request.user):
        raise PermissionDenied("Chỉ cán bộ TĐKT, quản trị đơn vị được nhập lịch sử khen thưởng.")
    result, error = None, None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = "Chọn tệp Excel cần nhập."
        elif upload.size > MAX_BYTES:
            error = "Tệp lớn hơn 10 MB."
        else:
            result = import_history(upload.read(), actor=request.user)
    return render(request, "awards/history_import.html", {"result": result, "error": error})


def history_template(request):
    if not can_import_history(request.user):
        raise PermissionDenied("Chỉ cán bộ TĐKT, quản trị đơn vị được nhập lịch sử khen thưởng.")
    units = Unit.objects.visible_to(request.user).exclude(code="").order_by("path")
    data = build_history_template(awards=AwardType.objects.all(), units=units.iterator(chunk_size=2000))
    return download(data, "mau-nhap-lich-su-khen-thuong.xlsx", content_type=XLSX)
