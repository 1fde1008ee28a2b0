"""Long work as jobs on Django's tasks framework: one record, one way to run, one way to fail.

A service calls create_job(): the Job row is written in the caller's transaction and its task is
queued when that transaction commits, so a worker never looks for a row it cannot see yet. The
task's body is run_job(job_id, work): it claims the job with one conditional UPDATE (two workers
handed the same job cannot both run it), gives the work a Progress to report to and a scratch
folder, beats a heartbeat from a thread while the work runs, and records the outcome: a result
file in private storage, or a plain Vietnamese error.

A worker that dies (killed, out of memory, its machine stopped) stops beating. sweep_stale_jobs()
then fails its job with a message its owner can act on and removes its temporary files. It runs
when a job page is read, when a worker starts (``jobs_worker``) and from cron (``sweep_jobs``).

Heartbeats and progress go to the "jobs" cache as well as to the row: a long import holds one
transaction (all rows or none), whose writes other connections cannot see, and on SQLite it holds
the database's write lock, so the row cannot always be written while the work runs.
"""

import datetime
import hashlib
import logging
import shutil
import threading
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from units import write_marks
from units.models import Job
from units.storage import PRIVATE_DIRECTORY_MODE

logger = logging.getLogger(__name__)
S = Job.State

STALE_MESSAGE = ("Việc bị dừng giữa chừng vì bộ xử lý nền ngừng hoạt động (máy chủ khởi động lại hoặc hết bộ nhớ). "
                 "Vui lòng thực hiện lại.")
QUEUE_FAILED_MESSAGE = "Không đưa được việc vào hàng đợi xử lý nền; vui lòng thử lại sau ít phút."


class JobFailed(Exception):
    """Raised by a job's work to end it as failed with this message for its owner (an expected outcome,
    such as a refused file, so no traceback is logged)."""


@dataclass
class JobResult:
    """What finished work hands back: a message, and optionally a file (bytes or a scratch path) to download."""

    message: str = ""
    content: bytes | None = None
    path: Path | None = None
    filename: str = ""


def create_job(*, kind, owner, task, subject=None, payload=None, total=0, message="Đang chờ đến lượt",
               input_data: bytes | None = None, input_name: str = "") -> Job:
    """Record a job and queue ``task(job.pk)`` when the current transaction commits."""
    job = Job(kind=kind, owner=owner, subject=subject, payload=payload or {}, total=total, message=message)
    job.full_clean(exclude=["input", "result"])
    job.save()
    if input_data is not None:
        job.input.save(input_name or f"viec-{job.pk}", ContentFile(input_data), save=True)
    transaction.on_commit(partial(enqueue_job, task, job.pk))
    return job


def enqueue_job(task, job_id) -> None:
    """Hand a recorded job to the task backend; a queue that cannot be reached fails the job, never the page."""
    try:
        result = task.using(queue_name=settings.JOBS_QUEUE).enqueue(job_id)
    except Exception:
        logger.exception("Could not enqueue job %s", job_id)
        Job.objects.filter(pk=job_id, state=S.QUEUED).update(
            state=S.FAILED, error=QUEUE_FAILED_MESSAGE, message=QUEUE_FAILED_MESSAGE, finished_at=timezone.now())
        return
    Job.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


def _database_tag():
    # Two portals (or two test runs) may share a cache or a scratch root; their job numbers collide.
    return hashlib.sha1(str(connection.settings_dict["NAME"]).encode(), usedforsecurity=False).hexdigest()[:10]


def _live_key(job_id):
    return f"job:{_database_tag()}:{job_id}"


def scratch_dir(job_id) -> Path:
    """The folder a running job keeps its temporary files in (removed when it ends or is found dead)."""
    return Path(settings.JOB_SCRATCH_ROOT) / f"{_database_tag()}-{job_id}"


def make_scratch_dir(job_id) -> Path:
    """Create a job's scratch folder, open to the portal's own account only (parts of packs, uploads)."""
    root = Path(settings.JOB_SCRATCH_ROOT)
    root.mkdir(mode=PRIVATE_DIRECTORY_MODE, parents=True, exist_ok=True)
    scratch = scratch_dir(job_id)
    scratch.mkdir(mode=PRIVATE_DIRECTORY_MODE, exist_ok=True)
    # mkdir leaves an existing folder as it was and its mode is cut by the umask: set both explicitly.
    # The files the work writes inside take the process's umask, but no other account can reach them.
    for folder in (root, scratch):
        folder.chmod(PRIVATE_DIRECTORY_MODE)
    return scratch


class Progress:
    """How far the work has got, reported by the work and carried to the row and the cache."""

    # The row is written at most this often from the work's own thread.
    ROW_INTERVAL = 0.5

    def __init__(self, job, scratch: Path):
        self.job_id = job.pk
        self.scratch = scratch
        self.done, self.total, self.message = job.done, job.total, job.message
        self._lock = threading.Lock()
        self._row_written = 0.0

    def report(self, done, total=None, message=None) -> None:
        with self._lock:
            if total is not None:
                self.total = max(0, int(total))
            self.done = max(0, min(int(done), self.total)) if self.total else 0
            if message is not None:
                self.message = message[:255]
        publish(self)
        # Inside a transaction the row's update would stay invisible until commit (and on SQLite wait
        # for the lock the transaction holds): the cache carries it, the heartbeat writes it later.
        if not connection.in_atomic_block and time.monotonic() - self._row_written >= self.ROW_INTERVAL:
            self._row_written = time.monotonic()
            self.write_row(Job.objects)

    def percent_reporter(self):
        """A ``progress(percent, message)`` callable, the shape the renderers and the importer report in."""
        return lambda percent, message: self.report(percent, 100, message)

    def snapshot(self):
        with self._lock:
            return {"done": self.done, "total": self.total, "message": self.message}

    def write_row(self, manager, **extra):
        manager.filter(pk=self.job_id, state=S.RUNNING).update(**self.snapshot(), **extra)


def publish(progress: Progress) -> None:
    caches["jobs"].set(_live_key(progress.job_id), {"at": time.time(), **progress.snapshot()},
                       timeout=max(3600, settings.JOB_STALE_SECONDS * 10))


def live(job: Job) -> Job:
    """The job with the freshest progress known: the cache's while it runs, when newer than the row's."""
    if job.state == S.RUNNING:
        beat = caches["jobs"].get(_live_key(job.pk))
        if beat and (job.heartbeat_at is None or beat["at"] >= job.heartbeat_at.timestamp()):
            job.done, job.total, job.message = beat["done"], beat["total"], beat["message"]
    return job


class _Heartbeat(threading.Thread):
    """Tells the world the work is alive, every JOB_HEARTBEAT_SECONDS, until stopped."""

    def __init__(self, progress: Progress):
        super().__init__(name=f"job-{progress.job_id}-heartbeat", daemon=True)
        self.progress = progress
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(settings.JOB_HEARTBEAT_SECONDS):
                publish(self.progress)
                try:
                    self.progress.write_row(Job.objects, heartbeat_at=timezone.now())
                except DatabaseError:
                    # The work's own transaction holds the write lock (SQLite): the cache has the beat.
                    logger.debug("Heartbeat of job %s not written to the row", self.progress.job_id)
        finally:
            # This thread's own connection, opened by its updates.
            connections.close_all()

    def stop(self):
        self.stopped.set()
        self.join(timeout=settings.JOB_HEARTBEAT_SECONDS + 30)


def run_job(job_id, work, *, failure_message: str) -> None:
    """Run ``work(job, progress) -> JobResult`` for a queued job, once, and record how it ended.

    ``failure_message`` is what the owner reads when the work raises anything but JobFailed; the
    exception itself is logged and raised again, so that the task backend records it too.
    """
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=S.QUEUED).update(
        state=S.RUNNING, started_at=now, heartbeat_at=now, message="Đang bắt đầu")
    if not claimed:
        return  # another worker has it, or the job was failed while it waited
    job = Job.objects.get(pk=job_id)
    scratch = make_scratch_dir(job_id)
    progress = Progress(job, scratch)
    publish(progress)
    heartbeat = _Heartbeat(progress)
    heartbeat.start()
    try:
        try:
            outcome = work(job, progress)
        finally:
            heartbeat.stop()
    except JobFailed as failure:
        _end(job, progress, error=str(failure))
    except Exception:
        logger.exception("Job %s (%s) failed", job_id, job.kind)
        _end(job, progress, error=failure_message)
        raise
    else:
        try:
            _end(job, progress, outcome=outcome or JobResult())
        except Exception:  # the result could not be kept (disk full): the owner must not wait forever
            logger.exception("Job %s (%s) could not keep its result", job_id, job.kind)
            _end(job, progress, error=failure_message)
            raise


def _end(job, progress, *, outcome: JobResult | None = None, error=""):
    """Keep the result, remove the temporary files, then record the outcome: whoever sees the job ended
    sees it complete."""
    name = _store_result(job, outcome) if outcome else ""
    _remove_temporary_files(job)
    caches["jobs"].delete(_live_key(job.pk))
    now = timezone.now()
    if error:
        # An error lists what went wrong, up to what its column holds (the database refuses more).
        fields = {"state": S.FAILED, "error": error[:Job._meta.get_field("error").max_length], "message": error[:255]}
    else:
        fields = {"state": S.SUCCEEDED, "done": progress.snapshot()["total"],
                  "message": (outcome.message or "Đã xong")[:255], "result": name,
                  "result_name": outcome.filename if name else ""}
    if not Job.objects.filter(pk=job.pk, state=S.RUNNING).update(finished_at=now, **fields) and name:
        # The sweep took the job for dead meanwhile: its owner was told to start again.
        job.result.storage.delete(name)
    # What the job wrote (an imported list, issued papers) shows in the to-do counts of the next page.
    write_marks.mark_written()


def _store_result(job, outcome: JobResult) -> str:
    if outcome.content is None and outcome.path is None:
        return ""
    name = f"jobs/result/{timezone.now():%Y}/{outcome.filename or f'ket-qua-{job.pk}'}"
    if outcome.path is not None:
        with open(outcome.path, "rb") as handle:
            return job.result.storage.save(name, File(handle))
    return job.result.storage.save(name, ContentFile(outcome.content))


def _remove_temporary_files(job):
    shutil.rmtree(scratch_dir(job.pk), ignore_errors=True)
    if job.input:
        try:
            job.input.storage.delete(job.input.name)
        except OSError:
            logger.warning("Could not delete the input of job %s", job.pk, exc_info=True)
        Job.objects.filter(pk=job.pk).update(input="")


def sweep_stale_jobs() -> int:
    """Fail the running jobs whose worker has stopped beating; returns how many."""
    window = settings.JOB_STALE_SECONDS
    cutoff = timezone.now() - datetime.timedelta(seconds=window)
    swept = 0
    # A read first: it never waits on SQLite's write lock, so a page read stays fast while an
    # import holds it; only a job that is really silent is written to.
    for job in Job.objects.filter(state=S.RUNNING, heartbeat_at__lt=cutoff).only("pk", "input", "heartbeat_at"):
        beat = caches["jobs"].get(_live_key(job.pk))
        if beat and beat["at"] >= cutoff.timestamp():
            continue
        if Job.objects.filter(pk=job.pk, state=S.RUNNING, heartbeat_at=job.heartbeat_at).update(
                state=S.FAILED, error=STALE_MESSAGE, message=STALE_MESSAGE[:255], finished_at=timezone.now()):
            logger.warning("Job %s had no heartbeat for %s s: marked failed", job.pk, window)
            _remove_temporary_files(job)
            caches["jobs"].delete(_live_key(job.pk))
            swept += 1
    return swept
