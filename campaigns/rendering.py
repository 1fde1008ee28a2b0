"""Printing long plans as jobs, so that no page waits on them.

A plan of a few pages prints in well under a second and is served at once. A longer one becomes
a units.Job: the job page shows its progress while the task worker lays the plan out and keeps
the file for its owner to download.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Length
from django_tasks import task

from units.jobs import JobResult, create_job, run_job
from units.models import Job

from campaigns.models import Plan


def text_size(plan) -> int:
    """Characters of the plan's text: what layout time grows with."""
    sections = plan.sections.aggregate(body=Sum(Length("body")), heading=Sum(Length("heading")))
    return len(plan.preamble) + len(plan.closing) + (sections["body"] or 0) + (sections["heading"] or 0)


def is_long(plan) -> bool:
    return text_size(plan) > settings.PLAN_INLINE_RENDER_MAX_CHARS


@transaction.atomic
def start_pdf_job(plan, *, actor) -> Job:
    """The actor's job printing this version of the plan: one already queued, running or done, or a new one."""
    job = (Job.objects.of(plan).filter(kind=Job.Kind.PLAN_PDF, owner=actor, payload__plan_version=plan.version)
           .exclude(state=Job.State.FAILED).first())
    if job is None:
        job = create_job(kind=Job.Kind.PLAN_PDF, owner=actor, task=print_plan_pdf, subject=plan,
                         payload={"plan_version": plan.version}, total=100, message="Đang chờ in")
    return job


@task()
def print_plan_pdf(job_id: int) -> None:
    run_job(job_id, _print_plan, failure_message="Không in được kế hoạch; vui lòng thử lại.")


def _print_plan(job, progress) -> JobResult:
    from campaigns.documents import render_plan_pdf

    plan = Plan.objects.select_related("issuing_unit").get(pk=job.subject_id)
    pdf = render_plan_pdf(plan, progress=progress.percent_reporter())
    return JobResult(content=pdf, filename=f"ke-hoach-{plan.pk}.pdf", message=f"Đã in xong ({len(pdf) // 1024} KB)")
