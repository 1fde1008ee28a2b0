"""Excel template, exports and imports of one nominee list (the work is in ``nominee_workbook``,
``nominee_import``, ``nominee_import_jobs`` and ``standard_list``)."""

import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from units.downloads import download
from units.jobs import live
from units.scoping import has_role
from units.security_log import record_export

from awards.documents.nominee_workbook import build_nominee_template, export_nominee_list
from awards.documents.standard_list import write_standard_list
from awards.models import NominationList, NomineeImport
from awards.services import nominations
from awards.services.nominee_export_jobs import PRINTABLE, TEMPLATE, WHAT, runs_as_job, start_export
from awards.services.nominee_import_jobs import start_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 40 * 1024 * 1024  # 100,000 rows with summaries of a few lines


def _visible_list(request, pk):
    # Same scoping as the list page: a list outside the user's units is "not found".
    return get_object_or_404(NominationList.objects.visible_to(request.user).select_related("unit"), pk=pk)


def _visible_import(request, pk):
    return get_object_or_404(NomineeImport.objects.visible_to(request.user).select_related("job"), pk=pk)


@require_GET
def nominee_template(request, pk):
    nomination_list = _visible_list(request, pk)
    return download(build_nominee_template(nomination_list), f"mau-danh-sach-de-nghi-{nomination_list.pk}.xlsx",
                    content_type=XLSX)


@require_http_methods(["GET", "POST"])
def nominee_export(request, pk):
    """The list in the template's columns: a short one downloads at once; a long one is a job, started by POST."""
    nomination_list = _visible_list(request, pk)
    target = f"Danh sách đề nghị #{nomination_list.pk} (Excel)"
    line_count = nomination_list.lines.count()
    if runs_as_job(line_count):
        return _as_job(request, nomination_list, TEMPLATE, target, line_count)
    record_export(request, unit=nomination_list.unit, target=target)
    return download(export_nominee_list(nomination_list), f"danh-sach-de-nghi-{nomination_list.pk}.xlsx",
                    content_type=XLSX)


@require_http_methods(["GET", "POST"])
def standard_list_export(request, pk):
    """The printable "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"; a long list is a job, started by POST.

    An xlsx is a zip whose directory is written last, so it cannot be streamed while it is
    made; it is written to a temporary file on disk (memory stays flat) and ``download``
    sends that in blocks, the file vanishing when the response closes it.
    """
    nomination_list = get_object_or_404(NominationList.objects.visible_to(request.user)
                                        .select_related("unit", "plan__issuing_unit"), pk=pk)
    target = f"Danh sách đề nghị khen thưởng #{nomination_list.pk}"
    line_count = nomination_list.lines.count()
    if runs_as_job(line_count):
        return _as_job(request, nomination_list, PRINTABLE, target, line_count)
    record_export(request, unit=nomination_list.unit, target=target)
    out = tempfile.TemporaryFile()
    write_standard_list(nomination_list, out)
    out.seek(0)
    return download(out, f"danh-sach-de-nghi-khen-thuong-{nomination_list.pk}.xlsx", content_type=XLSX)


def _as_job(request, nomination_list, form, target, line_count):
    """A long list is written by the task worker, started only by a POST (a link, a prefetch or a crawler
    starts nothing): a GET shows why and offers the button; the POST leads to the job page, which shows
    the progress, then offers the file."""
    if request.method != "POST":
        return render(request, "awards/nominee_export_job.html", {
            "nomination_list": nomination_list, "what": WHAT[form], "line_count": line_count,
            "action": request.path})
    record_export(request, unit=nomination_list.unit, target=target)
    job = start_export(nomination_list, actor=request.user, form=form)
    messages.info(request, "Danh sách dài nên được xuất ở chế độ nền; tệp sẽ có ở trang này khi xuất xong.")
    return redirect(job)


@require_POST
def nominee_import(request, pk):
    """Upload a filled template; the outcome (every bad row, or progress) is shown on the list page."""
    nomination_list = _visible_list(request, pk)
    if not has_role(request.user, nomination_list.unit, nominations.EDITING_ROLES):
        raise PermissionDenied("Bạn không có quyền sửa danh sách đề nghị của đơn vị này.")
    back = redirect(reverse("awards:nomination_list_detail", args=[nomination_list.pk]) + "#excel")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Chọn tệp Excel cần nhập.")
        return back
    if getattr(upload, "refused", False):  # its body passed UPLOAD_MAX_BYTES: nothing of it was kept
        messages.error(request, upload.message)
        return back
    if upload.size > MAX_BYTES:
        messages.error(request, f"Tệp lớn hơn {MAX_BYTES // (1024 * 1024)} MB.")
        return back
    try:
        job = start_import(nomination_list, actor=request.user, data=upload.read(), file_name=upload.name)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    if job.job is not None:
        messages.info(request, "Tệp dài nên được nhập ở chế độ nền; tiến độ hiện ở trang này và ở mục "
                               "“Nhập, xuất Excel”.")
        return redirect(job.job)
    if job.status == NomineeImport.Status.DONE:
        messages.success(request, job.message)
    else:
        messages.error(request, job.message)
    return back


@require_GET
def nominee_import_status(request, pk):
    """How far an import has got, for everyone who sees its list (its job page is its owner's)."""
    job = _visible_import(request, pk)
    if job.job is not None:
        live(job.job)
    return JsonResponse({"status": job.current_status, "status_label": job.get_current_status_display(),
                         "progress": job.percent, "message": job.current_message, "finished": job.is_finished})


@require_GET
def nominee_import_annotated(request, pk):
    """The refused workbook with its faults marked, to be corrected and loaded again."""
    job = _visible_import(request, pk)
    if not job.annotated:
        raise Http404("Lượt nhập này không có tệp đánh dấu lỗi.")
    record_export(request, unit=job.nomination_list.unit, target=f"Tệp nhập đánh dấu lỗi #{job.pk}")
    return download(job.annotated.open("rb"), f"danh-sach-de-nghi-{job.nomination_list_id}-danh-dau-loi.xlsx",
                    content_type=XLSX)
