"""Long imports and packs of certificates run as units.Job.

Every finished pack of certificates becomes a Job of its printer, its PDF kept where it was (both
live in private storage). An import queued or running when this runs would never be picked up by
the new worker: it is marked failed with a message asking for the file again, and its upload is
deleted. The imports' progress and upload move to their job (0019; apart, because PostgreSQL
will not alter a table in the transaction that has just written rows referring to it).
"""

import logging

from django.db import migrations

log = logging.getLogger(__name__)

PACK_STATES = {"queued": "failed", "running": "failed", "done": "succeeded", "failed": "failed"}
STOPPED = "Việc in bị dừng khi hệ thống được nâng cấp; vui lòng in lại."
IMPORT_STOPPED = "Lượt nhập bị dừng khi hệ thống được nâng cấp; vui lòng nhập lại tệp."


def _delete(storage, name):
    try:
        storage.delete(name)
    except OSError:  # only disk space is lost
        log.warning("Could not delete %s", name, exc_info=True)


def packs_and_imports_to_jobs(apps, schema_editor):
    CertificatePrint = apps.get_model("awards", "CertificatePrint")
    NomineeImport = apps.get_model("awards", "NomineeImport")
    Job = apps.get_model("units", "Job")
    ContentType = apps.get_model("contenttypes", "ContentType")
    decision_type, _ = ContentType.objects.get_or_create(app_label="awards", model="decision")
    for pack in CertificatePrint.objects.all().iterator():
        state = PACK_STATES[pack.status]
        done = state == "succeeded" and bool(pack.file)
        job = Job.objects.create(
            kind="certificate_pack", owner_id=pack.created_by_id, state=state if done else "failed",
            done=len(pack.certificate_ids) if done else 0, total=len(pack.certificate_ids),
            message=pack.message if done else STOPPED, error="" if done else STOPPED,
            subject_type=decision_type, subject_id=pack.decision_id,
            payload={"certificate_ids": pack.certificate_ids}, result=pack.file.name if done else "",
            result_name=f"giay-khen-quyet-dinh-{pack.decision_id}.pdf" if done else "",
            finished_at=pack.finished_at or pack.created_at)
        Job.objects.filter(pk=job.pk).update(created_at=pack.created_at, started_at=pack.created_at)
        if pack.file and not done:
            _delete(pack.file.storage, pack.file.name)
    for upload in NomineeImport.objects.filter(status__in=["queued", "running"]).iterator():
        if upload.source:
            _delete(upload.source.storage, upload.source.name)
        NomineeImport.objects.filter(pk=upload.pk).update(status="failed", message=IMPORT_STOPPED, source="")


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0017_certificate_prints"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("units", "0004_job"),
    ]

    operations = [
        migrations.RunPython(packs_and_imports_to_jobs, migrations.RunPython.noop),
    ]
