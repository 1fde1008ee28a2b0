"""Long plans print in the background; the page shows progress, then the file."""

import pytest
from django.urls import reverse

from campaigns import rendering
from campaigns.models import RenderJob

from tests.conftest import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_plan_settings(settings):
    settings.PLAN_INLINE_RENDER_MAX_CHARS = 50
    settings.RENDER_JOBS = "inline"
    return settings


def test_a_short_plan_prints_at_once(login, cast, tree):
    plan = make_plan(tree.ha_hoa)
    response = login(cast.alice).get(reverse("campaigns:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert not RenderJob.objects.exists()


def test_a_long_plan_prints_in_the_background_and_is_downloaded_when_done(
        login, cast, tree, long_plan_settings, django_capture_on_commit_callbacks):
    plan = make_plan(tree.ha_hoa)
    client = login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("campaigns:plan_pdf", args=[plan.pk]))
    job = RenderJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("campaigns:render_job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 100 and "trang" not in job.message
    page = client.get(reverse("campaigns:render_job", args=[job.pk])).content.decode()
    assert "Đã in xong" in page and 'id="tai-pdf" href="?tai=1"' in page and "d-none" not in page
    download = client.get(reverse("campaigns:render_job", args=[job.pk]), {"tai": "1"})
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_job_in_progress_shows_how_far_it_has_got(login, cast, tree):
    plan = make_plan(tree.ha_hoa)
    job = RenderJob.objects.create(plan=plan, plan_version=plan.version, created_by=cast.alice,
                                   status="running", progress=80, message="Đã dàn 48 trang, đang ghi tệp PDF")
    client = login(cast.alice)
    html = client.get(reverse("campaigns:render_job", args=[job.pk])).content.decode()
    assert 'aria-valuenow="80"' in html and "Đã dàn 48 trang" in html
    state = client.get(reverse("campaigns:render_job", args=[job.pk]), {"trang_thai": "1"}).json()
    assert state == {"status": "running", "status_label": "Đang in", "progress": 80,
                     "message": "Đã dàn 48 trang, đang ghi tệp PDF"}


def test_asking_again_reuses_the_job_of_the_same_version(cast, tree, long_plan_settings):
    plan = make_plan(tree.ha_hoa)
    first = rendering.start_pdf_job(plan, actor=cast.alice)
    assert rendering.start_pdf_job(plan, actor=cast.bob) == first


def test_a_job_is_printed_once_even_if_two_workers_pick_it_up(cast, tree):
    plan = make_plan(tree.ha_hoa)
    job = RenderJob.objects.create(plan=plan, plan_version=plan.version, created_by=cast.alice)
    rendering.run_pdf_job(job.pk)
    done = RenderJob.objects.get(pk=job.pk)
    rendering.run_pdf_job(job.pk)  # the second worker finds it taken and leaves it
    assert RenderJob.objects.get(pk=job.pk).finished_at == done.finished_at


def test_the_worker_command_prints_queued_jobs(cast, tree):
    from io import StringIO

    from django.core.management import call_command

    plan = make_plan(tree.ha_hoa)
    RenderJob.objects.create(plan=plan, plan_version=plan.version, created_by=cast.alice)
    out = StringIO()
    call_command("process_render_jobs", once=True, stdout=out)
    assert RenderJob.objects.get().status == "done" and "Đã in 1 kế hoạch" in out.getvalue()


def test_a_failed_print_says_so(cast, tree, monkeypatch):
    plan = make_plan(tree.ha_hoa)
    job = RenderJob.objects.create(plan=plan, plan_version=plan.version, created_by=cast.alice)

    def broken(plan, progress=None):
        raise RuntimeError("font missing")

    monkeypatch.setattr("campaigns.documents.render_plan_pdf", broken)
    rendering.run_pdf_job(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "Không in được" in job.message


def test_outsiders_cannot_see_a_print_job(login, cast, tree):
    plan = make_plan(tree.ha_hoa)
    job = RenderJob.objects.create(plan=plan, plan_version=plan.version, created_by=cast.alice)
    assert login(cast.olga).get(reverse("campaigns:render_job", args=[job.pk])).status_code == 404
