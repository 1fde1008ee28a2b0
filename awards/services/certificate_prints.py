"""Printing a whole decision's papers: at once when few, as a job with progress when many.

Papers are drawn at a few milliseconds each (awards.documents.certificate_drawing), yet a decision of
thousands still holds a web worker for seconds. Numbering (serials, under each register's lock) always happens
in the request, so the papers exist and can be checked on the public page straight away; only
their printing becomes a units.Job for the task worker. The pack is printed in parts written to
the job's scratch folder, which gives its progress and keeps memory flat, then joined into one PDF.
"""

from django.conf import settings
from django_tasks import task
from pypdf import PdfWriter

from units.jobs import JobResult, create_job, run_job
from units.models import Job

from awards.documents.certificate import render_certificates_pdf
from awards.models import Certificate
from awards.rules.certificates import certifiable_records
from awards.services.certificates import issue_certificates

PART = 25  # papers per part file: the job's progress moves after each


def print_decision_papers(decision, *, actor) -> tuple[bytes | None, Job | None]:
    """Number the decision's missing papers and print them all: (pdf, None) at once, or (None, job) queued."""
    records = list(certifiable_records(actor).filter(decision=decision).order_by("pk"))
    papers = issue_certificates(records, actor=actor) if records else []
    if not papers:
        return None, None
    if len(papers) <= settings.CERTIFICATE_INLINE_MAX:
        return render_certificates_pdf(papers), None
    job = create_job(kind=Job.Kind.CERTIFICATE_PACK, owner=actor, task=print_certificate_pack, subject=decision,
                     payload={"certificate_ids": [paper.pk for paper in papers]}, total=len(papers),
                     message=f"Chờ in {len(papers)} giấy khen")
    return None, job


@task()
def print_certificate_pack(job_id: int) -> None:
    run_job(job_id, _print_pack, failure_message="Không in được bộ giấy khen; vui lòng thử lại.")


def _papers(ids):
    by_pk = {paper.pk: paper for paper in Certificate.objects.filter(pk__in=ids).select_related(
        "record__award", "record__person__unit", "record__collective__parent", "series")}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _print_pack(job, progress) -> JobResult:
    papers = _papers(job.payload["certificate_ids"])
    progress.report(0, len(papers), f"Đang in {len(papers)} giấy khen")
    writer = PdfWriter()
    for start in range(0, len(papers), PART):
        part = progress.scratch / f"phan-{start // PART:04d}.pdf"
        part.write_bytes(render_certificates_pdf(papers[start:start + PART]))
        writer.append(str(part))
        done = min(len(papers), start + PART)
        progress.report(done, len(papers), f"Đã in {done}/{len(papers)} giấy khen")
    pack = progress.scratch / "bo-giay-khen.pdf"
    with open(pack, "wb") as out:
        writer.write(out)
    return JobResult(path=pack, filename=f"giay-khen-quyet-dinh-{job.subject_id}.pdf",
                     message=f"Đã in {len(papers)} giấy khen")
