"""Loading nominee workbooks, recorded, and in the background when they are long.

A file of up to ``NOMINEE_IMPORT_INLINE_MAX_ROWS`` rows is loaded while the clerk waits (well
under a second). A longer one is kept in private storage and loaded by a thread or the
``process_nominee_imports`` worker (settings.RENDER_JOBS, as for long plans), while the list
page shows its progress. Either way the outcome is a NomineeImport: counts, errors and, for a
refused file, the same workbook with its faults marked.

Progress during the write phase cannot go through the database: the import holds one
transaction (all rows or none), which other connections do not see into, and on SQLite it
holds the write lock. So progress goes to the cache too (shared between processes when
REDIS_URL is set) and is written to the row whenever no transaction is open.
"""

import logging
import tempfile
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from units.scoping import has_role

from awards.documents.nominee_workbook import write_annotated_workbook
from awards.models import NomineeImport
from awards.services import nominations
from awards.services.nominee_imports import count_rows, import_nominee_rows, vi_count

logger = logging.getLogger(__name__)
S = NomineeImport.Status


def start_import(nomination_list, *, actor, data: bytes, file_name: str) -> NomineeImport:
    """Record an upload into a draft list; load it at once if short, else queue it (started on commit)."""
    if not has_role(actor, nomination_list.unit, nominations.EDITING_ROLES):
        raise PermissionDenied("Bạn không có quyền sửa danh sách đề nghị của đơn vị này.")
    if not nomination_list.is_editable:
        raise ValidationError(f"Danh sách đã ở trạng thái “{nomination_list.get_status_display()}”, không thể sửa.")
    limit = settings.NOMINEE_IMPORT_INLINE_MAX_ROWS
    short = count_rows(data, stop_after=limit + 1) <= limit + 1  # + 1: the header row
    _forget_marked_files(nomination_list)
    with transaction.atomic():
        job = NomineeImport.objects.create(nomination_list=nomination_list, created_by=actor,
                                           file_name=file_name[:255], message="Đang chờ nhập")
        if not short:
            job.source.save(f"danh-sach-{nomination_list.pk}.xlsx", ContentFile(data), save=True)
            transaction.on_commit(lambda: _launch(job.pk))
    if short:
        run_import(job.pk, data=data)
        job.refresh_from_db()
    return job


def _forget_marked_files(nomination_list):
    # A new upload supersedes the marked copies of earlier ones: only the latest is offered.
    for old in nomination_list.imports.exclude(annotated=""):
        old.annotated.delete(save=False)
        NomineeImport.objects.filter(pk=old.pk).update(annotated="")


def _launch(job_id):
    mode = settings.RENDER_JOBS
    if mode == "inline":
        run_import(job_id)
    elif mode == "thread":
        threading.Thread(target=_run_in_thread, args=(job_id,), daemon=True).start()
    # "worker": the process_nominee_imports command picks queued imports up.


def _run_in_thread(job_id):
    try:
        run_import(job_id)
    finally:
        connection.close()


def _progress_key(job_id):
    return f"nominee-import-progress:{job_id}"


def live_progress(job) -> tuple[int, str]:
    """(percent, message) of a job, the freshest known: the cache while it runs, else the row."""
    if job.status == S.RUNNING:
        live = cache.get(_progress_key(job.pk))
        if live:
            return live
    return job.progress, job.message


def _reporter(job_id):
    def report(percent, message):
        cache.set(_progress_key(job_id), (percent, message), timeout=24 * 3600)
        if not connection.in_atomic_block:
            NomineeImport.objects.filter(pk=job_id).update(progress=percent, message=message)
    return report


def run_import(job_id, *, data: bytes | None = None) -> None:
    """Load one queued import. Claiming it is one conditional UPDATE, so two workers never both run it."""
    claimed = NomineeImport.objects.filter(pk=job_id, status=S.QUEUED).update(
        status=S.RUNNING, progress=1, message="Đang đọc tệp")
    if not claimed:
        return
    job = NomineeImport.objects.select_related("nomination_list__unit", "created_by").get(pk=job_id)
    try:
        if data is None:
            with job.source.open("rb") as source:
                data = source.read()
        result = import_nominee_rows(job.nomination_list, data, actor=job.created_by, progress=_reporter(job_id))
        annotated = _marked_copy(job, data, result) if result.can_annotate else ""
    except PermissionDenied as denied:
        _finish(job, status=S.FAILED, message=str(denied))
        return
    except Exception:
        logger.exception("Importing nominee workbook %s failed", job_id)
        _finish(job, status=S.FAILED, message="Không nhập được tệp; vui lòng thử lại.")
        return
    errors = [[e.row, e.message] for e in result.errors[:NomineeImport.MAX_STORED_ERRORS]]
    if result.errors:
        message = f"Không ghi dòng nào: tệp có {vi_count(len(result.errors))} lỗi."
    else:
        message = (f"Đã nhập từ Excel: thêm mới {vi_count(result.created)}, cập nhật {vi_count(result.updated)}, "
                   f"đã có {vi_count(result.present)}.")
    _finish(job, status=S.FAILED if result.errors else S.DONE, message=message, row_count=result.rows,
            lines_created=result.created, lines_present=result.present, errors=errors,
            error_count=len(result.errors), annotated=annotated)


def _marked_copy(job, data, result):
    """The upload with its faults marked, saved in private storage; returns its name there."""
    with tempfile.TemporaryFile() as out:
        write_annotated_workbook(job.nomination_list, data, result.errors, out, last_row=result.last_row)
        out.seek(0)
        job.annotated.save(f"danh-sach-{job.nomination_list_id}-loi.xlsx", File(out), save=False)
    return job.annotated.name


def _finish(job, *, status, message, **fields):
    NomineeImport.objects.filter(pk=job.pk).update(status=status, message=message, progress=100,
                                                   finished_at=timezone.now(), **fields)
    cache.delete(_progress_key(job.pk))
    if job.source:
        job.source.delete(save=False)
        NomineeImport.objects.filter(pk=job.pk).update(source="")


def run_queued_imports() -> int:
    """Load every queued import in turn (the worker's loop body); returns how many were taken."""
    ids = list(NomineeImport.objects.filter(status=S.QUEUED).order_by("created_at").values_list("pk", flat=True))
    for job_id in ids:
        run_import(job_id)
    return len(ids)
