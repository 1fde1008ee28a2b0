"""A real task worker, started as another process on the test database, for the job tests.

The worker is ``manage.py jobs_worker`` (db_worker, or rqworker when asked for RQ) run with the
test's database, private files, scratch folder and jobs cache passed in its environment. It only
sees committed rows, so tests using it are transactional (``transaction=True``).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from units.models import Job

ROOT = Path(__file__).resolve().parents[1]


def worker_environment(*, backend="database", **extra):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "TASKS_BACKEND": backend,
           "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT), "MEDIA_ROOT": str(settings.MEDIA_ROOT),
           "JOB_SCRATCH_ROOT": str(settings.JOB_SCRATCH_ROOT), "JOB_CACHE_DIR": settings.CACHES["jobs"]["LOCATION"],
           "JOB_STALE_SECONDS": str(settings.JOB_STALE_SECONDS),
           "JOB_HEARTBEAT_SECONDS": str(settings.JOB_HEARTBEAT_SECONDS), "PYTHONUNBUFFERED": "1"}
    env.pop("REDIS_URL", None)  # the jobs cache stays the test's own folder
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(name)
        env.pop("DATABASE_URL", None)
    else:
        url = urlsplit(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{name}"))
    env.update(extra)
    return env


class Worker:
    """One worker process; stopped (SIGTERM, then SIGKILL) when the test ends."""

    def __init__(self, log: Path, **environment):
        self.log = log
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "jobs_worker", "--interval", "0.1"], cwd=ROOT,
                env=worker_environment(**environment), stdout=out, stderr=subprocess.STDOUT)

    @property
    def pid(self):
        return self.process.pid

    def output(self):
        return self.log.read_text(errors="replace")

    def kill(self):
        """Die as a worker dies when its machine stops: no handler runs, nothing is cleaned up."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def wait_for(job, until, *, timeout=90.0, worker=None):
    """Re-read the job until ``until(job)`` holds; fails with the worker's output after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if until(job):
            return job
        if worker is not None and worker.process.poll() is not None:
            break
        time.sleep(0.1)
    pytest.fail(f"Job {job.pk} is {job.state} ({job.message}); worker said:\n{worker.output() if worker else ''}")


def finished(job):
    return job.state in (Job.State.SUCCEEDED, Job.State.FAILED)


@pytest.fixture
def job_worker(transactional_db, tmp_path):
    """Start a real worker process on the database backend; returns it (``job_worker()`` starts another)."""
    started = []

    def start(**environment):
        worker = Worker(tmp_path / f"worker-{len(started)}.log", **environment)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def tasks_at_once(settings):
    """Queued tasks run at once in the test's own process (Django's immediate backend).

    For tests about what a job does and shows; the tests that start ``job_worker`` cover the queue.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return settings
