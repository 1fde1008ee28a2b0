"""Printing long plans in the background, so that no page waits on them.

A plan of a few pages prints in well under a second and is served at once. A longer one
becomes a RenderJob: the page shows its progress while a thread (or, where configured, the
``process_render_jobs`` worker) lays it out and writes the file.
"""

import logging
import threading

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.functions import Length
from django.utils import timezone

from campaigns.models import RenderJob

logger = logging.getLogger(__name__)


def text_size(plan) -> int:
    """Characters of the plan's text: what layout time grows with."""
    sections = plan.sections.aggregate(body=Sum(Length("body")), heading=Sum(Length("heading")))
    return len(plan.preamble) + len(plan.closing) + (sections["body"] or 0) + (sections["heading"] or 0)


def is_long(plan) -> bool:
    return text_size(plan) > settings.PLAN_INLINE_RENDER_MAX_CHARS


@transaction.atomic
def start_pdf_job(plan, *, actor) -> RenderJob:
    """The job printing this version of the plan: an existing one, or a new one started on commit."""
    job = (RenderJob.objects.filter(plan=plan, plan_version=plan.version)
           .exclude(status=RenderJob.Status.FAILED).first())
    if job is None:
        job = RenderJob.objects.create(plan=plan, plan_version=plan.version, created_by=actor,
                                       message="Đang chờ in")
        transaction.on_commit(lambda: _launch(job.pk))
    return job


def _launch(job_id):
    mode = settings.RENDER_JOBS
    if mode == "inline":
        run_pdf_job(job_id)
    elif mode == "thread":
        threading.Thread(target=_run_in_thread, args=(job_id,), daemon=True).start()
    # "worker": the process_render_jobs command picks queued jobs up.


def _run_in_thread(job_id):
    try:
        run_pdf_job(job_id)
    finally:
        connection.close()


def run_pdf_job(job_id) -> None:
    """Print one queued job. Claiming it is one conditional UPDATE, so two workers never both run it."""
    from campaigns.documents import render_plan_pdf

    claimed = RenderJob.objects.filter(pk=job_id, status=RenderJob.Status.QUEUED).update(
        status=RenderJob.Status.RUNNING, progress=5, message="Bắt đầu in")
    if not claimed:
        return
    job = RenderJob.objects.select_related("plan__issuing_unit").get(pk=job_id)

    def progress(percent, message):
        RenderJob.objects.filter(pk=job_id).update(progress=percent, message=message)

    try:
        pdf = render_plan_pdf(job.plan, progress=progress)
        name = job.file.storage.save(f"plans/renders/ke-hoach-{job.plan_id}-v{job.plan_version}.pdf",
                                     ContentFile(pdf))
    except Exception:
        logger.exception("Printing plan %s failed", job.plan_id)
        RenderJob.objects.filter(pk=job_id).update(status=RenderJob.Status.FAILED, finished_at=timezone.now(),
                                                   message="Không in được kế hoạch; vui lòng thử lại.")
        return
    RenderJob.objects.filter(pk=job_id).update(status=RenderJob.Status.DONE, progress=100, file=name,
                                               message=f"Đã in xong ({len(pdf) // 1024} KB)",
                                               finished_at=timezone.now())


def run_queued_jobs() -> int:
    """Print every queued job in turn (the worker's loop body); returns how many were taken."""
    ids = list(RenderJob.objects.filter(status=RenderJob.Status.QUEUED).order_by("created_at")
               .values_list("pk", flat=True))
    for job_id in ids:
        run_pdf_job(job_id)
    return len(ids)
