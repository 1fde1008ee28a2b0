"""The one page every long task is followed on: progress, then the result or a plain error."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from units.downloads import download
from units.jobs import live, sweep_stale_jobs
from units.models import Job
from units.security_log import record_export


def _visible_job(request, pk):
    # Reading a job page is also when a dead worker's job is noticed, so its owner is told at once.
    sweep_stale_jobs()
    return live(get_object_or_404(Job.objects.visible_to(request.user).select_related("subject_type"), pk=pk))


def _state(job):
    return {
        "state": job.state, "state_label": job.get_state_display(), "done": job.done, "total": job.total,
        "percent": job.percent, "message": job.message, "error": job.error, "finished": job.is_finished,
        "download_url": reverse("units:job_download", args=[job.pk]) if job.result else "",
    }


@require_safe
def job_detail(request, pk):
    job = _visible_job(request, pk)
    subject = job.subject if job.subject_type_id else None
    return render(request, "units/job_detail.html", {
        "job": job, "subject": subject,
        "subject_url": subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else "",
    })


@require_safe
def job_status(request, pk):
    """The job's state as JSON, polled by job_progress.js to update the page in place."""
    response = JsonResponse(_state(_visible_job(request, pk)))
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def job_download(request, pk):
    job = _visible_job(request, pk)
    if job.state != Job.State.SUCCEEDED or not job.result:
        raise Http404("Việc này không có tệp kết quả.")
    try:
        handle = job.result.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp kết quả không còn trên máy chủ.") from None
    record_export(request, unit=None, target=f"Kết quả việc nền #{job.pk}: {job.get_kind_display()}")
    response = download(handle, job.result_name or job.result.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response


def redirect_to_job(request, pk, kind):
    """Where an app's old job address (``?tai=1`` downloads, ``?trang_thai=1`` polls) leads now."""
    job = get_object_or_404(Job.objects.visible_to(request.user).filter(kind=kind), pk=pk)
    if request.GET.get("tai"):
        return redirect("units:job_download", job.pk)
    if request.GET.get("trang_thai"):
        return redirect("units:job_status", job.pk)
    return redirect(job)
