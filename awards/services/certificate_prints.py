"""Printing a whole decision's papers: at once when few, in the background with progress when many.

At about a tenth of a second per page, 200 papers take some 20 seconds to print, longer than a
request should hold a web worker. Numbering (serials, under each register's lock) always happens
in the request, so the papers exist and can be checked on the public page straight away; only
their printing moves to a thread or to the ``process_certificate_prints`` worker
(settings.RENDER_JOBS, as for long plans and imports). The pack is printed in parts, which gives
its progress and keeps memory flat, then joined into one PDF.
"""

import io
import logging
import threading

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from pypdf import PdfWriter

from awards.documents.certificate import render_certificates_pdf
from awards.models import Certificate, CertificatePrint
from awards.services.certificates import certifiable_records, issue_certificates

logger = logging.getLogger(__name__)
S = CertificatePrint.Status
PART = 25  # papers per WeasyPrint run


def print_decision_papers(decision, *, actor) -> tuple[bytes | None, CertificatePrint | None]:
    """Number the decision's missing papers and print them all: (pdf, None) at once, or (None, job) queued."""
    records = list(certifiable_records(actor).filter(decision=decision).order_by("pk"))
    papers = issue_certificates(records, actor=actor) if records else []
    if not papers:
        return None, None
    if len(papers) <= settings.CERTIFICATE_INLINE_MAX:
        return render_certificates_pdf(papers), None
    job = CertificatePrint.objects.create(decision=decision, certificate_ids=[paper.pk for paper in papers],
                                          created_by=actor, message=f"Chờ in {len(papers)} giấy khen")
    _launch(job.pk)
    return None, job


def _launch(job_id):
    mode = settings.RENDER_JOBS
    if mode == "inline":
        run_print(job_id)
    elif mode == "thread":
        threading.Thread(target=_run_in_thread, args=(job_id,), daemon=True).start()
    # "worker": process_certificate_prints picks queued prints up.


def _run_in_thread(job_id):
    try:
        run_print(job_id)
    finally:
        connection.close()


def _papers(job):
    by_pk = {paper.pk: paper for paper in Certificate.objects.filter(pk__in=job.certificate_ids).select_related(
        "record__award", "record__person__unit", "record__collective__parent", "series")}
    return [by_pk[pk] for pk in job.certificate_ids if pk in by_pk]


def run_print(job_id) -> bool:
    """Print one queued pack; False when another worker took it first (claiming is one conditional UPDATE)."""
    if not CertificatePrint.objects.filter(pk=job_id, status=S.QUEUED).update(
            status=S.RUNNING, progress=1, message="Đang in"):
        return False
    job = CertificatePrint.objects.get(pk=job_id)
    try:
        papers = _papers(job)
        writer = PdfWriter()
        for start in range(0, len(papers), PART):
            part = render_certificates_pdf(papers[start:start + PART])
            writer.append(io.BytesIO(part))
            done = min(len(papers), start + PART)
            CertificatePrint.objects.filter(pk=job_id).update(
                progress=max(1, round(99 * done / len(papers))), message=f"Đã in {done}/{len(papers)} giấy khen")
        out = io.BytesIO()
        writer.write(out)
        job.file.save(f"giay-khen-quyet-dinh-{job.decision_id}.pdf", ContentFile(out.getvalue()), save=False)
    except Exception:
        logger.exception("Printing certificates %s failed", job_id)
        CertificatePrint.objects.filter(pk=job_id).update(status=S.FAILED, finished_at=timezone.now(),
                                                          message="Không in được; vui lòng thử lại.")
        return True
    CertificatePrint.objects.filter(pk=job_id).update(
        status=S.DONE, progress=100, file=job.file.name, finished_at=timezone.now(),
        message=f"Đã in {len(papers)} giấy khen")
    return True


def run_queued_prints() -> int:
    """Print every queued pack, oldest first; returns how many this call printed."""
    queued = CertificatePrint.objects.filter(status=S.QUEUED).order_by("created_at", "pk").values_list("pk", flat=True)
    return sum(run_print(job_id) for job_id in list(queued))
