"""Long plans print as a job; the job page shows progress, then the file."""

import pytest
from django.urls import reverse

from units.models import Job

from campaigns import rendering

from tests.conftest import make_plan
from tests.job_workers import finished, job_worker, tasks_at_once, wait_for  # noqa: F401
from tests.units.job_factories import make_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_plans(settings):
    settings.PLAN_INLINE_RENDER_MAX_CHARS = 50
    return settings


def test_a_short_plan_prints_at_once(login, cast, tree):
    plan = make_plan(tree.ha_hoa)
    response = login(cast.alice).get(reverse("campaigns:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert not Job.objects.exists()


def test_a_long_plan_prints_as_a_job_and_is_downloaded_from_the_job_page(
        login, cast, tree, long_plans, tasks_at_once, django_capture_on_commit_callbacks):
    plan = make_plan(tree.ha_hoa)
    client = login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("campaigns:plan_pdf", args=[plan.pk]))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("units:job_detail", args=[job.pk])
    assert (job.kind, job.owner, job.subject, job.payload) == (Job.Kind.PLAN_PDF, cast.alice, plan,
                                                                {"plan_version": plan.version})
    assert job.state == "succeeded" and job.percent == 100 and "Đã in xong" in job.message
    page = client.get(job.get_absolute_url()).content.decode()
    download = reverse("units:job_download", args=[job.pk])
    assert "Đã in xong" in page and f'href="{download}"' in page and plan.get_absolute_url() in page
    response = client.get(download)
    assert response["Content-Disposition"] == f'attachment; filename="ke-hoach-{plan.pk}.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_old_address_of_a_print_leads_to_its_job_page(login, cast, tree):
    plan = make_plan(tree.ha_hoa)
    job = make_job(cast.alice, Job.Kind.PLAN_PDF, subject=plan, state="running", done=80, total=100,
                   message="Đã dàn 48 trang, đang ghi tệp PDF")
    client = login(cast.alice)
    old = reverse("campaigns:render_job", args=[job.pk])
    assert client.get(old)["Location"] == job.get_absolute_url()
    assert client.get(old, {"trang_thai": "1"})["Location"] == reverse("units:job_status", args=[job.pk])
    assert client.get(old, {"tai": "1"})["Location"] == reverse("units:job_download", args=[job.pk])
    html = client.get(old, follow=True).content.decode()
    assert 'aria-valuenow="80"' in html and "Đã dàn 48 trang" in html


def test_asking_again_reuses_the_job_of_the_same_version(cast, tree, long_plans):
    plan = make_plan(tree.ha_hoa)
    first = rendering.start_pdf_job(plan, actor=cast.alice)
    assert rendering.start_pdf_job(plan, actor=cast.alice) == first
    # Another reader gets a job of their own: a job page is its owner's only.
    assert rendering.start_pdf_job(plan, actor=cast.bob) != first


def test_a_failed_print_is_not_reused(cast, tree, long_plans):
    plan = make_plan(tree.ha_hoa)
    failed = make_job(cast.alice, Job.Kind.PLAN_PDF, subject=plan, state="failed",
                      payload={"plan_version": plan.version})
    assert rendering.start_pdf_job(plan, actor=cast.alice) != failed


def test_a_job_is_printed_once_even_if_two_workers_pick_it_up(cast, tree):
    plan = make_plan(tree.ha_hoa)
    job = make_job(cast.alice, Job.Kind.PLAN_PDF, subject=plan, payload={"plan_version": plan.version})
    rendering.print_plan_pdf.call(job.pk)
    done = Job.objects.get(pk=job.pk)
    rendering.print_plan_pdf.call(job.pk)  # the second worker finds it taken and leaves it
    assert Job.objects.get(pk=job.pk).finished_at == done.finished_at and done.state == "succeeded"


def test_a_failed_print_says_so_in_plain_words(cast, tree, monkeypatch):
    plan = make_plan(tree.ha_hoa)
    job = make_job(cast.alice, Job.Kind.PLAN_PDF, subject=plan, payload={"plan_version": plan.version})

    def broken(plan, progress=None):
        raise RuntimeError("font missing")

    monkeypatch.setattr("campaigns.documents.render_plan_pdf", broken)
    with pytest.raises(RuntimeError):  # raised again, so that the task backend records it too
        rendering.print_plan_pdf.call(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and job.error == "Không in được kế hoạch; vui lòng thử lại."
    assert "font" not in job.error and not job.result


def test_outsiders_and_other_readers_of_the_plan_cannot_follow_a_print(login, cast, tree):
    plan = make_plan(tree.ha_hoa)
    job = make_job(cast.alice, Job.Kind.PLAN_PDF, subject=plan)
    for who in (cast.olga, cast.bob):
        assert login(who).get(reverse("campaigns:render_job", args=[job.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_prints_a_long_plan_queued_by_the_page(login, cast, tree, long_plans, job_worker):
    plan = make_plan(tree.ha_hoa)
    client = login(cast.alice)
    response = client.get(reverse("campaigns:plan_pdf", args=[plan.pk]))
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url() and job.task_id
    worker = job_worker()
    wait_for(job, finished, worker=worker)
    assert job.state == "succeeded", job.error
    assert job.started_at and job.heartbeat_at and job.finished_at >= job.started_at
    pdf = b"".join(client.get(reverse("units:job_download", args=[job.pk])).streaming_content)
    assert pdf.startswith(b"%PDF")
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
