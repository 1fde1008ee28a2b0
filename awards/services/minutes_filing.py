"""The minutes of a closed council session, printed and filed in its packets after the closing has committed.

Closing a session (awards.services.councils.close_session) applies the votes under the locks of the session
and its packets; printing the minutes of hundreds of candidates takes seconds, which those locks must not
wait for. So the closing only records a job (units.jobs) in its own transaction, and the task worker:

1. prints the minutes from the closed session, outside any transaction: a closed session no longer
   changes, so they say what they would have said at closing;
2. in one short transaction, files them as a MINUTES document in each packet of the session that has not
   got them yet, each with a VOTE step in its hash chain naming the document (as the closing did before),
   and, where a packet was forwarded meanwhile, in the packet that carried its lines up (forwarding copies
   the minutes only once they are filed); then marks the session filed.

Nothing is lost when printing fails: the session stays "not filed", its page says so and why, and its
secretary queues the job again (``retry_minutes``); ``queue_missing_minutes`` does the same for every such
session (the ``file_council_minutes`` command, for cron). Filing twice is harmless: a packet that has a
session's minutes is skipped.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from units.jobs import JobResult, create_job, run_job
from units.models import Job, Membership
from units.scoping import holds_role_at
from units.storage import files_removed_on_rollback

from awards.models import CouncilSession, DocumentKind, Dossier, DossierAttachment, DossierEvent, DossierLine
from awards.rules import workflow
from awards.rules.workflow import Action as A
from awards.services import journal

R = Membership.Role
SECRETARY = workflow.VOTE_WHO[1]
FAILURE = "Không lập được biên bản họp Hội đồng; kết quả biểu quyết đã được ghi, hãy lập lại biên bản."
ACTIVE = (Job.State.QUEUED, Job.State.RUNNING)


def minutes_filename(session, ext):
    return f"Bien-ban-hop-Hoi-dong-TDKT-{session.held_on:%Y-%m-%d}-{session.pk}.{ext}"


def queue_minutes(session, *, actor) -> Job:
    """Record the job that prints and files ``session``'s minutes; it is queued when the caller's transaction
    commits."""
    return create_job(kind=Job.Kind.COUNCIL_MINUTES, owner=actor, task=file_council_minutes, subject=session,
                      message="Chờ lập biên bản họp Hội đồng")


@task()
def file_council_minutes(job_id: int) -> None:
    run_job(job_id, _file_job, failure_message=FAILURE)


def _file_job(job, progress) -> JobResult:
    session = CouncilSession.objects.get(pk=job.subject_id)
    progress.report(0, 2, "Đang lập biên bản")
    filed = file_minutes(session)
    return JobResult(message=f"Đã lưu biên bản vào {len(filed)} hồ sơ" if filed else "Biên bản đã có trong hồ sơ")


def session_packets(session) -> list[int]:
    return sorted(set(DossierLine.objects.filter(council_ballots__session=session).values_list("dossier_id",
                                                                                               flat=True)))


def file_minutes(session) -> list[DossierAttachment]:
    """Print the closed ``session``'s minutes and file them where they are missing; the documents filed."""
    from awards.documents.council_minutes import render_minutes_pdf

    session = (CouncilSession.objects.select_related("council__unit", "chair", "created_by", "closed_by")
               .get(pk=session.pk))
    if session.is_open:
        raise ValueError(f"Phiên họp {session.pk} chưa kết thúc.")
    if session.minutes_filed_at is not None:
        return []
    pdf = render_minutes_pdf(session)  # the slow part, holding no lock
    facts = journal.pdf_facts(pdf)
    with files_removed_on_rollback("private") as stored:
        locked = CouncilSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
        if locked.minutes_filed_at is not None:  # another worker filed them meanwhile
            return []
        actor, here = session.closed_by, session.council.unit
        ids = session_packets(session)
        ids += sorted(set(DossierLine.objects.filter(previous__dossier_id__in=ids).values_list("dossier_id",
                                                                                               flat=True)) - set(ids))
        packets = list(Dossier.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk"))
        has = _sessions_filed(ids)
        filed = []
        for packet in packets:
            if session.pk in has.get(packet.pk, ()):
                continue
            document = journal.file_document(packet, kind=DocumentKind.MINUTES, content=pdf,
                                             name=minutes_filename(session, "pdf"), facts=facts, actor=actor,
                                             stored=stored)
            packet.version += 1
            Dossier.objects.filter(pk=packet.pk).update(version=packet.version)
            journal.record_event(packet, journal.read_lines(packet), actor=actor, action=A.VOTE,
                                 from_status=packet.status, from_unit=here,
                                 comment=f"Biên bản họp Hội đồng TĐKT ngày {session.held_on:%d/%m/%Y} được lưu vào "
                                         "hồ sơ.",
                                 details={"session": session.pk, "minutes": document.pk})
            filed.append(document)
        locked.minutes_filed_at = timezone.now()
        locked.save(update_fields=["minutes_filed_at"])
    return filed


def _sessions_filed(dossier_ids) -> dict[int, set]:
    """{packet pk: the sessions whose minutes it holds}, from the steps that filed them."""
    rows = [(dossier_id, details or {}) for dossier_id, details in DossierEvent.objects.filter(
        dossier_id__in=dossier_ids, action=A.VOTE).values_list("dossier_id", "details")]
    present = set(DossierAttachment.objects.filter(pk__in=[d["minutes"] for _, d in rows if d.get("minutes")])
                  .values_list("pk", flat=True))
    out = {}
    for dossier_id, details in rows:
        if details.get("minutes") in present:
            out.setdefault(dossier_id, set()).add(details.get("session"))
    return out


def latest_job(session):
    return Job.objects.of(session).filter(kind=Job.Kind.COUNCIL_MINUTES).order_by("-created_at", "-pk").first()


def minutes_state(session) -> tuple[str, str]:
    """("filed" | "waiting" | "failed" | "", words for the page) for a closed session; ("", "") while open."""
    if session.is_open:
        return "", ""
    if session.minutes_filed_at is not None:
        when = timezone.localtime(session.minutes_filed_at)
        return "filed", f"Biên bản đã được lưu vào hồ sơ lúc {when:%H:%M} ngày {when:%d/%m/%Y}."
    job = latest_job(session)
    if job is not None and job.state in ACTIVE:
        return "waiting", "Biên bản đang được lập và sẽ được lưu vào các hồ sơ trong ít phút."
    reason = job.error if job is not None and job.error else "chưa lập."
    return "failed", f"Biên bản chưa được lưu vào hồ sơ: {reason}"


@transaction.atomic
def retry_minutes(session, *, actor) -> Job | None:
    """The secretary queues the minutes again: the job already waiting, a new one, or None when filed."""
    session = CouncilSession.objects.select_for_update(of=("self",)).select_related("council__unit").get(pk=session.pk)
    if not holds_role_at(actor, session.council.unit, SECRETARY):
        raise PermissionDenied(f"Chỉ thư ký Hội đồng TĐKT của {session.council.unit.name} mới lập lại được biên bản.")
    if session.is_open or session.minutes_filed_at is not None:
        return None
    job = latest_job(session)
    if job is not None and job.state in ACTIVE:
        return job
    return queue_minutes(session, actor=actor)


def queue_missing_minutes() -> list[Job]:
    """Queue the minutes of every closed session that has none filed and no job waiting (for cron)."""
    jobs = []
    waiting = CouncilSession.objects.filter(status=CouncilSession.Status.CLOSED, minutes_filed_at__isnull=True)
    for session in waiting.select_related("closed_by").order_by("pk"):
        job = latest_job(session)
        if job is None or job.state not in ACTIVE:
            with transaction.atomic():
                jobs.append(queue_minutes(session, actor=session.closed_by))
    return jobs
