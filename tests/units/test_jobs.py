"""The job engine: queued on commit, claimed once, progress and heartbeat while running, the one job page,
and a worker that dies leaving a failed job with a plain message and no temporary files."""

import datetime
import socket
import time
import uuid

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from units import jobs
from units.models import Job

from tests.job_workers import finished, job_worker, tasks_at_once, wait_for  # noqa: F401
from tests.units import slow_jobs
from tests.units.job_factories import make_job

pytestmark = pytest.mark.django_db


def a_while_ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


def test_a_job_is_queued_only_when_its_transaction_commits(cast, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks() as callbacks:
        job = jobs.create_job(kind=Job.Kind.PLAN_PDF, owner=cast.alice, task=slow_jobs.count_runs)
        assert not DBTaskResult.objects.exists()
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    queued = DBTaskResult.objects.get()
    assert job.state == "queued" and job.task_id == str(queued.id)
    assert queued.task_path == "tests.units.slow_jobs.count_runs" and queued.args_kwargs["args"] == [job.pk]


def test_a_queue_that_cannot_be_reached_fails_the_job_and_not_the_page(cast, settings,
                                                                        django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.create_job(kind=Job.Kind.PLAN_PDF, owner=cast.alice, task=slow_jobs.count_runs)
    job.refresh_from_db()
    assert job.state == "failed" and job.error == jobs.QUEUE_FAILED_MESSAGE


def test_a_job_runs_once_however_often_it_is_handed_out(cast, tmp_path):
    tally = tmp_path / "tally"
    job = make_job(cast.alice, payload={"tally": str(tally)}, total=0)
    slow_jobs.count_runs.call(job.pk)
    slow_jobs.count_runs.call(job.pk)
    job.refresh_from_db()
    assert tally.read_text() == f"{job.pk}\n" and job.state == "succeeded" and job.message == "Đã đếm"
    assert job.result_name == "ket-qua.txt" and job.result.read() == b"ket qua"
    assert job.result.path.startswith(str(tmp_path / "private"))  # private storage, no public address


def test_progress_reaches_the_row_outside_a_transaction_and_the_cache_always(cast, settings):
    job = make_job(cast.alice, state="running", total=0)
    progress = jobs.Progress(job, scratch=None)
    progress.report(3, 10, "Đã in 3/10 giấy khen")
    assert jobs.live(Job.objects.get(pk=job.pk)).done == 3
    with transaction.atomic():
        progress.report(7, 10, "Đã in 7/10 giấy khen")
    fresh = jobs.live(Job.objects.get(pk=job.pk))
    assert (fresh.done, fresh.total, fresh.message, fresh.percent) == (7, 10, "Đã in 7/10 giấy khen", 70)


def test_the_sweep_fails_a_silent_job_and_removes_its_temporary_files(cast, settings):
    settings.JOB_STALE_SECONDS = 60
    job = make_job(cast.alice, state="running", heartbeat_at=a_while_ago(61))
    job.input.save("tep-tai-len.xlsx", jobs.ContentFile(b"du lieu"), save=True)
    scratch = jobs.scratch_dir(job.pk)
    scratch.mkdir(parents=True)
    (scratch / "phan-1.pdf").write_bytes(b"%PDF")
    alive = make_job(cast.alice, state="running", heartbeat_at=a_while_ago(30))
    assert jobs.sweep_stale_jobs() == 1
    job.refresh_from_db()
    assert job.state == "failed" and job.error == jobs.STALE_MESSAGE and job.finished_at
    assert not job.input and not scratch.exists() and not list((settings.PRIVATE_MEDIA_ROOT / "jobs").rglob("*.xlsx"))
    assert Job.objects.get(pk=alive.pk).state == "running"


def test_the_sweep_spares_a_job_whose_heartbeat_only_reached_the_cache(cast, settings):
    # A long import holds SQLite's write lock: its heartbeat cannot reach the row, only the cache.
    job = make_job(cast.alice, state="running", heartbeat_at=a_while_ago(600))
    jobs.publish(jobs.Progress(job, scratch=None))
    assert jobs.sweep_stale_jobs() == 0 and Job.objects.get(pk=job.pk).state == "running"


def test_the_sweep_command_says_how_many_it_failed(cast):
    from io import StringIO

    from django.core.management import call_command

    make_job(cast.alice, state="running", heartbeat_at=a_while_ago(3600))
    out = StringIO()
    call_command("sweep_jobs", stdout=out)
    assert "Đã dọn 1 việc nền bị dừng giữa chừng." in out.getvalue()


@pytest.mark.parametrize("who, expected", [(None, 302), ("olga", 404), ("bob", 404), ("alice", 200), ("root", 200)])
def test_a_job_page_is_its_owners_alone(client, login, cast, who, expected):
    job = make_job(cast.alice, state="succeeded", done=100)
    job.result.save("ket-qua.pdf", jobs.ContentFile(b"%PDF-1.7"), save=True)
    web = login(getattr(cast, who)) if who else client
    for name in ("units:job_detail", "units:job_status", "units:job_download"):
        response = web.get(reverse(name, args=[job.pk]))
        assert response.status_code == expected, name
        if expected == 302:
            assert response["Location"].startswith(reverse("login"))


def test_the_job_page_shows_an_accessible_progress_bar_and_polls_without_reloading(login, cast):
    job = make_job(cast.alice, state="running", done=40, total=100, message="Đã ghi 40.000 / 100.000 đề nghị",
                   heartbeat_at=timezone.now())
    html = login(cast.alice).get(job.get_absolute_url()).content.decode()
    assert 'role="progressbar"' in html and 'aria-valuenow="40"' in html and 'aria-labelledby="ten-tien-do"' in html
    assert 'aria-valuemin="0"' in html and 'aria-valuemax="100"' in html and 'id="ten-tien-do"' in html
    assert "Đã ghi 40.000 / 100.000 đề nghị" in html and 'aria-live="polite"' in html
    assert "js/job_progress.js" in html and reverse("units:job_status", args=[job.pk]) in html
    assert 'http-equiv="refresh"' not in html
    state = login(cast.alice).get(reverse("units:job_status", args=[job.pk])).json()
    assert state == {"state": "running", "state_label": "Đang chạy", "done": 40, "total": 100, "percent": 40,
                     "message": "Đã ghi 40.000 / 100.000 đề nghị", "error": "", "finished": False, "download_url": ""}


def test_reading_a_job_page_fails_a_job_whose_worker_died(login, cast, settings):
    settings.JOB_STALE_SECONDS = 60
    job = make_job(cast.alice, state="running", heartbeat_at=a_while_ago(120))
    html = login(cast.alice).get(job.get_absolute_url()).content.decode()
    assert 'role="alert"' in html and "bộ xử lý nền ngừng hoạt động" in html
    assert Job.objects.get(pk=job.pk).state == "failed"


def test_a_finished_job_offers_its_file_under_its_own_name(login, cast):
    job = make_job(cast.alice, state="succeeded", result_name="giay-khen-quyet-dinh-7.pdf")
    job.result.save("x.pdf", jobs.ContentFile(b"%PDF-1.7 pack"), save=True)
    response = login(cast.alice).get(reverse("units:job_download", args=[job.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="giay-khen-quyet-dinh-7.pdf"'
    assert {part.strip() for part in response["Cache-Control"].split(",")} == {"private", "no-store"}
    assert b"".join(response.streaming_content) == b"%PDF-1.7 pack"


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_a_failed_job_once_the_stale_window_passes(login, cast, settings, job_worker):
    settings.JOB_STALE_SECONDS, settings.JOB_HEARTBEAT_SECONDS = 2, 0.3
    job = jobs.create_job(kind=Job.Kind.CERTIFICATE_PACK, owner=cast.alice, task=slow_jobs.work_until_killed,
                          input_data=b"tep tai len", input_name="tai-len.xlsx")
    input_path = job.input.path
    worker = job_worker()
    wait_for(job, lambda job: job.state == "running" and job.done == 1, worker=worker)
    first_beat = job.heartbeat_at
    wait_for(job, lambda job: job.heartbeat_at > first_beat, timeout=5, worker=worker)  # the heartbeat thread
    scratch = jobs.scratch_dir(job.pk)
    assert (scratch / "phan-1.pdf").exists()
    worker.kill()
    killed_at = time.monotonic()
    assert jobs.sweep_stale_jobs() == 0  # silent for less than the window: maybe only slow
    client = login(cast.alice)
    while Job.objects.get(pk=job.pk).state == "running":
        assert time.monotonic() - killed_at < 10, "the job was never failed"
        client.get(reverse("units:job_status", args=[job.pk]))  # the page, polled, sweeps
        time.sleep(0.2)
    noticed = time.monotonic() - killed_at
    job.refresh_from_db()
    assert job.state == "failed" and job.error == jobs.STALE_MESSAGE and 2 <= noticed < 4
    assert not scratch.exists() and not job.input and not (settings.PRIVATE_MEDIA_ROOT / input_path).exists()
    html = client.get(job.get_absolute_url()).content.decode()
    assert 'class="alert alert-danger" role="alert"' in html and "Vui lòng thực hiện lại." in html
    print(f"killed worker noticed after {noticed:.2f} s (window {settings.JOB_STALE_SECONDS} s)")


@pytest.mark.django_db(transaction=True)
def test_a_new_worker_fails_the_jobs_a_dead_one_left_before_taking_work(cast, settings, job_worker):
    settings.JOB_STALE_SECONDS, settings.JOB_HEARTBEAT_SECONDS = 2, 0.3
    job = jobs.create_job(kind=Job.Kind.PLAN_PDF, owner=cast.alice, task=slow_jobs.work_until_killed)
    first = job_worker()
    wait_for(job, lambda job: job.state == "running", worker=first)
    first.kill()
    time.sleep(2.5)
    second = job_worker()
    wait_for(job, finished, worker=second, timeout=30)
    assert job.state == "failed" and job.error == jobs.STALE_MESSAGE
    deadline = time.monotonic() + 10
    while "Đã dọn 1 việc nền bị dừng giữa chừng." not in second.output():  # written just after the sweep
        assert time.monotonic() < deadline, second.output()
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_run_the_same_job_twice(cast, settings, tmp_path, job_worker):
    tally = tmp_path / "tally"
    queued = [jobs.create_job(kind=Job.Kind.PLAN_PDF, owner=cast.alice, task=slow_jobs.count_runs,
                              payload={"tally": str(tally), "seconds": 0.2}) for _ in range(6)]
    for job in queued:  # every job handed out a second time
        jobs.enqueue_job(slow_jobs.count_runs, job.pk)
    workers = [job_worker(), job_worker()]
    for job in queued:
        wait_for(job, finished, worker=workers[0])
        assert job.state == "succeeded"
    time.sleep(1)  # let the second copies be taken, and refused
    runs = tally.read_text().split()
    assert sorted(runs) == sorted(str(job.pk) for job in queued)


def redis_is_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_is_up(), reason="no Redis at 127.0.0.1:6379")
@pytest.mark.django_db(transaction=True)
def test_jobs_run_through_rq_on_redis_with_a_real_rq_worker(login, cast, tree, settings, job_worker):
    from tests.conftest import make_plan

    queue = f"thidua-test-{uuid.uuid4().hex[:12]}"
    settings.JOBS_QUEUE = queue
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default", queue]}}
    settings.RQ_QUEUES = {name: {"URL": "redis://127.0.0.1:6379/0"} for name in ("default", queue)}
    settings.PLAN_INLINE_RENDER_MAX_CHARS = 50
    plan = make_plan(tree.ha_hoa)
    client = login(cast.alice)
    client.get(reverse("campaigns:plan_pdf", args=[plan.pk]))
    job = Job.objects.get()
    import django_rq

    try:
        assert django_rq.get_queue(queue).count == 1 and job.task_id
        worker = job_worker(backend="rq", JOBS_QUEUE=queue)
        wait_for(job, finished, worker=worker, timeout=120)
        assert job.state == "succeeded", job.error
        pdf = b"".join(client.get(reverse("units:job_download", args=[job.pk])).streaming_content)
        assert pdf.startswith(b"%PDF")
        from django_tasks import task_backends

        assert task_backends["default"].get_result(job.task_id).status == "SUCCESSFUL"
    finally:
        django_rq.get_queue(queue).delete(delete_jobs=True)


def test_a_superuser_reads_every_job_in_the_admin_and_nobody_edits_one_there(login, cast):
    from django.urls import reverse

    from tests.units.job_factories import make_job

    failed = make_job(cast.alice, state=Job.State.FAILED, error="Tệp không đọc được.")
    client = login(cast.root)
    listing = client.get(reverse("admin:units_job_changelist"))
    assert listing.status_code == 200 and str(cast.alice) in listing.content.decode()
    page = client.get(reverse("admin:units_job_change", args=[failed.pk]))
    assert page.status_code == 200 and "Tệp không đọc được." in page.content.decode()
    assert client.post(reverse("admin:units_job_delete", args=[failed.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:units_job_add")).status_code == 403
    assert login(cast.bob).get(reverse("admin:units_job_changelist")).status_code in (302, 403)
    assert Job.objects.filter(pk=failed.pk).exists()
