"""A task for the engine's tests: it leaves scratch files, reports, then works until its worker is killed."""

import time

from django_tasks import task

from units.jobs import JobResult, run_job


@task()
def work_until_killed(job_id: int) -> None:
    run_job(job_id, _work, failure_message="Không làm được việc thử.")


def _work(job, progress):
    (progress.scratch / "phan-1.pdf").write_bytes(b"%PDF- part one")
    progress.report(1, 10, "Đã làm 1/10 phần")
    time.sleep(job.payload.get("seconds", 300))
    return JobResult(message="Xong việc thử")


@task()
def count_runs(job_id: int) -> None:
    run_job(job_id, _count, failure_message="Không làm được việc thử.")


def _count(job, progress):
    with open(job.payload["tally"], "a") as tally:
        tally.write(f"{job.pk}\n")
    time.sleep(job.payload.get("seconds", 0))
    return JobResult(message="Đã đếm", content=b"ket qua", filename="ket-qua.txt")
