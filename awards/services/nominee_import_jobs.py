"""Loading nominee workbooks, recorded, and as a job when they are long.

A file of up to ``NOMINEE_IMPORT_INLINE_MAX_ROWS`` rows is loaded while the clerk waits (well
under a second). A longer one becomes a units.Job that keeps the upload in private storage until
the task worker has read it; the list page and the job page show its progress. Either way the
outcome is a NomineeImport: counts, errors and, for a refused file, the same workbook with its
faults marked.
"""

import logging
import tempfile

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from units.archives import check_office_archive
from units.jobs import JobFailed, JobResult, create_job, run_job
from units.models import Job
from units.scoping import has_role

from awards.documents.nominee_workbook import write_annotated_workbook
from awards.models import NomineeImport
from awards.services import nominations
from awards.services.nominee_imports import count_rows, import_nominee_rows, vi_count

logger = logging.getLogger(__name__)
S = NomineeImport.Status
CRASH_MESSAGE = "Không nhập được tệp; vui lòng thử lại."


def start_import(nomination_list, *, actor, data: bytes, file_name: str) -> NomineeImport:
    """Record an upload into a draft list; load it at once if short, else as a job (queued on commit)."""
    if not has_role(actor, nomination_list.unit, nominations.EDITING_ROLES):
        raise PermissionDenied("Bạn không có quyền sửa danh sách đề nghị của đơn vị này.")
    if not nomination_list.is_editable:
        raise ValidationError(f"Danh sách đã ở trạng thái “{nomination_list.get_status_display()}”, không thể sửa.")
    # Judged by its ZIP directory before anything unpacks it (a small file may hide gigabytes).
    check_office_archive(data, what=f"Tệp “{file_name[-80:]}”")
    limit = settings.NOMINEE_IMPORT_INLINE_MAX_ROWS
    short = count_rows(data, stop_after=limit + 1) <= limit + 1  # + 1: the header row
    _forget_marked_files(nomination_list)
    with transaction.atomic():
        upload = NomineeImport.objects.create(nomination_list=nomination_list, created_by=actor,
                                              file_name=file_name[:255], message="Đang chờ nhập")
        if not short:
            upload.job = create_job(kind=Job.Kind.NOMINEE_IMPORT, owner=actor, task=import_nominee_file,
                                    subject=upload, total=100, message="Đang chờ nhập",
                                    input_data=data, input_name=f"danh-sach-{nomination_list.pk}.xlsx")
            upload.save(update_fields=["job"])
    if short:
        try:
            _load(upload, data)
        except JobFailed:
            pass  # recorded on the import, which the list page shows
        except Exception:
            logger.exception("Importing nominee workbook %s failed", upload.pk)
            _finish(upload, status=S.FAILED, message=CRASH_MESSAGE)
        upload.refresh_from_db()
    return upload


def _forget_marked_files(nomination_list):
    # A new upload supersedes the marked copies of earlier ones: only the latest is offered.
    for old in nomination_list.imports.exclude(annotated=""):
        old.annotated.delete(save=False)
        NomineeImport.objects.filter(pk=old.pk).update(annotated="")


@task()
def import_nominee_file(job_id: int) -> None:
    run_job(job_id, _import_for_job, failure_message=CRASH_MESSAGE)


def _import_for_job(job, progress) -> JobResult:
    upload = NomineeImport.objects.select_related("nomination_list__unit", "created_by").get(pk=job.subject_id)
    with job.input.open("rb") as source:
        data = source.read()
    try:
        message = _load(upload, data, progress=progress.percent_reporter())
    except JobFailed:
        raise
    except Exception:
        _finish(upload, status=S.FAILED, message=CRASH_MESSAGE)
        raise
    return JobResult(message=message)


def _load(upload, data, *, progress=None) -> str:
    """Load the rows and record the outcome on the import; a refused file raises JobFailed with its message."""
    try:
        result = import_nominee_rows(upload.nomination_list, data, actor=upload.created_by, progress=progress)
        annotated = _marked_copy(upload, data, result) if result.can_annotate else ""
    except PermissionDenied as denied:
        _finish(upload, status=S.FAILED, message=str(denied))
        raise JobFailed(str(denied)) from None
    errors = [[e.row, e.message] for e in result.errors[:NomineeImport.MAX_STORED_ERRORS]]
    if result.errors:
        message = f"Không ghi dòng nào: tệp có {vi_count(len(result.errors))} lỗi."
    else:
        message = (f"Đã nhập từ Excel: thêm mới {vi_count(result.created)}, cập nhật {vi_count(result.updated)}, "
                   f"đã có {vi_count(result.present)}.")
    _finish(upload, status=S.FAILED if result.errors else S.DONE, message=message, row_count=result.rows,
            lines_created=result.created, lines_present=result.present, errors=errors,
            error_count=len(result.errors), annotated=annotated)
    if result.errors:
        raise JobFailed(message + " Xem các lỗi và tải tệp đã đánh dấu lỗi ở danh sách đề nghị.")
    return message


def _marked_copy(upload, data, result):
    """The upload with its faults marked, saved in private storage; returns its name there."""
    with tempfile.TemporaryFile() as out:
        write_annotated_workbook(upload.nomination_list, data, result.errors, out, last_row=result.last_row)
        out.seek(0)
        upload.annotated.save(f"danh-sach-{upload.nomination_list_id}-loi.xlsx", File(out), save=False)
    return upload.annotated.name


def _finish(upload, *, status, message, **fields):
    NomineeImport.objects.filter(pk=upload.pk).update(status=status, message=message, finished_at=timezone.now(),
                                                      **fields)
