"""Excel exports of nominee lists, while the clerk waits or as a job when the list is long.

A list of up to ``INLINE_MAX_LINES`` lines is written during the request (well under a second). A
longer one — a province's list may hold 100,000 lines, a few seconds of work — becomes a units.Job,
started only by a POST (the list page's button): the task worker writes the workbook to the job's
scratch folder in openpyxl's write-only mode, its rows as ready XML (units.sheet_rows; memory stays
flat whatever the length), reporting every thousand rows to the job page, which then offers the
file. Asking again for the same export while one is waiting or running leads to that one rather
than starting another (one per user, list and form).
"""

from django.conf import settings
from django.db import transaction
from django_tasks import task

from units.jobs import JobResult, create_job, run_job
from units.models import Job

from awards.documents.nominee_workbook import nominee_rows, write_workbook
from awards.documents.standard_list import PROGRESS_EVERY, write_standard_list
from awards.models import NominationList
from awards.services.nominee_imports import vi_count

INLINE_MAX_LINES = getattr(settings, "NOMINEE_EXPORT_INLINE_MAX_LINES", 2_000)
PRINTABLE, TEMPLATE = "printable", "template"
FILE_NAMES = {PRINTABLE: "danh-sach-de-nghi-khen-thuong-{pk}.xlsx", TEMPLATE: "danh-sach-de-nghi-{pk}.xlsx"}
WHAT = {PRINTABLE: "danh sách đề nghị khen thưởng (bản in)", TEMPLATE: "danh sách đề nghị (theo cột tệp mẫu)"}
CRASH_MESSAGE = "Không xuất được danh sách; vui lòng thử lại."


def is_long(nomination_list) -> bool:
    """Whether the list is too long to be written while the clerk waits."""
    return runs_as_job(nomination_list.lines.count())


def runs_as_job(line_count: int) -> bool:
    """Whether a list of ``line_count`` lines is exported by the task worker (started by a POST only)."""
    return line_count > INLINE_MAX_LINES


def start_export(nomination_list, *, actor, form: str) -> Job:
    """The job writing ``nomination_list`` as ``form`` (PRINTABLE or TEMPLATE) for ``actor``: the one already
    waiting or running if there is one, else a new one, queued when the transaction commits."""
    if form not in FILE_NAMES:
        raise ValueError(form)
    with transaction.atomic():
        pending = (Job.objects.of(nomination_list)
                   .filter(kind=Job.Kind.NOMINEE_EXPORT, owner=actor, payload__form=form,
                           state__in=[Job.State.QUEUED, Job.State.RUNNING]).order_by("-pk").first())
        if pending is not None:
            return pending
        return create_job(kind=Job.Kind.NOMINEE_EXPORT, owner=actor, task=export_nominee_file,
                          subject=nomination_list, payload={"form": form}, total=nomination_list.lines.count(),
                          message=f"Đang chờ xuất {WHAT[form]}")


@task()
def export_nominee_file(job_id: int) -> None:
    run_job(job_id, export_for_job, failure_message=CRASH_MESSAGE)


def export_for_job(job, progress) -> JobResult:
    """The job's work: the workbook written to its scratch folder, progress reported as rows are written."""
    nomination_list = NominationList.objects.select_related("unit", "plan__issuing_unit").get(pk=job.subject_id)
    form = job.payload.get("form", PRINTABLE)
    total = nomination_list.lines.count()
    progress.report(0, total, f"Đang xuất 0/{vi_count(total)} dòng")

    def report(done):
        progress.report(done, total, f"Đang xuất {vi_count(done)}/{vi_count(total)} dòng")

    name = FILE_NAMES[form].format(pk=nomination_list.pk)
    path = progress.scratch / name
    if form == PRINTABLE:
        written = write_standard_list(nomination_list, path, progress=report)
    else:
        written = 0

        def counted():
            nonlocal written
            for written, row in enumerate(nominee_rows(nomination_list), start=1):
                if written % PROGRESS_EVERY == 0:
                    report(written)
                yield row
        write_workbook(nomination_list, counted(), path)
    progress.report(written, max(total, written), f"Đã xuất {vi_count(written)} dòng")
    return JobResult(message=f"Đã xuất {WHAT[form]}: {vi_count(written)} dòng.", path=path, filename=name)
