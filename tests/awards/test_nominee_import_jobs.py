"""Uploads recorded as imports: short files at once, long ones as a job with progress; refused files shown
on the list page with their marked copy, which only those who see the list may download."""

from io import BytesIO

import pytest
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from units.jobs import Progress, live
from units.models import Job

from awards.documents.nominee_workbook import SHEET
from awards.models import NomineeImport
from awards.services import nominations, nominee_import_jobs, nominee_imports as nominee_import

from tests.awards.nominee_files import award, filled, many_people, rows_for, upload
from tests.awards.pdf_files import attach_missing
from tests.conftest import make_person
from tests.job_workers import finished, job_worker, tasks_at_once, wait_for  # noqa: F401
from tests.units.job_factories import make_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_files(settings):
    """Files of more than 20 rows are loaded as a job."""
    settings.NOMINEE_IMPORT_INLINE_MAX_ROWS = 20
    return settings


@pytest.fixture
def background(long_files, tasks_at_once, monkeypatch):
    """Long files run as a job at commit, in this process; batches small enough to be many."""
    settings = long_files
    monkeypatch.setattr(nominations, "BATCH", 50)
    monkeypatch.setattr(nominee_import, "CHUNK", 40)
    return settings


def detail(nomination_list):
    return reverse("awards:nomination_list_detail", args=[nomination_list.pk])


def import_url(nomination_list):
    return reverse("awards:nominee_import", args=[nomination_list.pk])


def test_a_short_file_is_loaded_at_once_and_the_import_recorded(login, cast, tree, annual_list):
    make_person("Nguyễn Văn An", tree.ha_hoa, cccd="025080001234")
    data = filled(annual_list, ["025080001234", None, None, None, None, "LDTT", None, None])
    client = login(cast.alice)
    response = client.post(import_url(annual_list), upload(data, "de-nghi-ha-hoa.xlsx"))
    assert response.status_code == 302 and response["Location"] == detail(annual_list) + "#excel"
    job = NomineeImport.objects.get()
    assert (job.status, job.lines_created, job.lines_present, job.row_count) == ("done", 1, 0, 1)
    assert job.file_name == "de-nghi-ha-hoa.xlsx" and job.created_by == cast.alice and job.job is None
    html = client.get(detail(annual_list)).content.decode()
    assert "Đã nhập từ Excel: thêm mới 1, cập nhật 0, đã có 0." in html
    assert "job_progress.js" not in html and not Job.objects.exists()


def test_a_long_file_is_loaded_as_a_job_and_loading_it_again_creates_nothing(
        login, cast, tree, annual_list, background, django_capture_on_commit_callbacks):
    people = many_people(tree.ha_hoa, 120)
    data = filled(annual_list, *rows_for(people))
    client = login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(import_url(annual_list), upload(data))
    assert len(callbacks) == 1  # queued, then started when the upload was committed
    upload_ = NomineeImport.objects.get()
    job = upload_.job
    assert response["Location"] == job.get_absolute_url()
    assert (job.kind, job.owner, job.subject, job.state) == (Job.Kind.NOMINEE_IMPORT, cast.alice, upload_, "succeeded")
    assert (upload_.status, upload_.percent, upload_.lines_created, upload_.lines_present) == ("done", 100, 120, 0)
    assert not job.input  # the upload is not kept once read
    assert annual_list.lines.count() == 120 and annual_list.lines.filter(eligible__isnull=False).count() == 120
    job_page = client.get(job.get_absolute_url()).content.decode()
    assert "thêm mới 120" in job_page and "Tổng kết năm 2026" in job_page and detail(annual_list) in job_page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(import_url(annual_list), upload(data))
    again = NomineeImport.objects.first()
    assert (again.status, again.lines_created, again.lines_present) == ("done", 0, 120)
    assert annual_list.lines.count() == 120


def test_a_workbook_bomb_is_refused_from_its_directory_and_nothing_is_recorded(login, cast, annual_list, settings):
    from tests.archive_files import bomb

    settings.OFFICE_MAX_UNPACKED_BYTES = 64 * 1024 * 1024
    client = login(cast.alice)
    response = client.post(import_url(annual_list), upload(bomb("xl/worksheets/sheet1.xml", 100), "bom.xlsx"),
                           follow=True)
    assert "Tệp “bom.xlsx” khi giải nén chiếm 100 MB, vượt mức 64 MB" in response.content.decode()
    assert not NomineeImport.objects.exists() and not Job.objects.exists() and not annual_list.lines.exists()


def test_a_queued_import_shows_its_progress_and_is_polled_without_reloading(
        login, cast, tree, annual_list, long_files, django_capture_on_commit_callbacks):
    data = filled(annual_list, *rows_for(many_people(tree.ha_hoa, 30)))
    client = login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        job_page = client.post(import_url(annual_list), upload(data), follow=True).content.decode()
    upload_ = NomineeImport.objects.get()
    job = upload_.job
    assert job.state == "queued" and job.input.storage.exists(job.input.name)
    assert "chế độ nền" in job_page and 'role="progressbar"' in job_page and "job_progress.js" in job_page
    html = client.get(detail(annual_list)).content.decode()
    assert 'role="progressbar"' in html and "job_progress.js" in html and job.get_absolute_url() in html
    assert reverse("units:job_status", args=[job.pk]) in html and 'http-equiv="refresh"' not in html
    state = client.get(reverse("awards:nominee_import_status", args=[upload_.pk])).json()
    assert state == {"status": "queued", "status_label": "Đang chờ", "progress": 0, "message": "Đang chờ nhập",
                     "finished": False}
    nominee_import_jobs.import_nominee_file.call(job.pk)  # what the worker does
    state = client.get(reverse("awards:nominee_import_status", args=[upload_.pk])).json()
    assert state["status"] == "done" and state["finished"] and "thêm mới 30" in state["message"]
    job_state = client.get(reverse("units:job_status", args=[job.pk])).json()
    assert job_state["state"] == "succeeded" and job_state["finished"] and "thêm mới 30" in job_state["message"]
    assert annual_list.lines.count() == 30


def test_progress_is_heard_while_checking_and_while_writing(cast, tree, annual_list, background):
    data = filled(annual_list, *rows_for(many_people(tree.ha_hoa, 120)))
    heard = []
    result = nominee_import.import_nominee_rows(annual_list, data, actor=cast.alice,
                                                progress=lambda percent, message: heard.append((percent, message)))
    assert result.created == 120
    percents = [percent for percent, _message in heard]
    assert percents == sorted(percents) and percents[-1] == 99
    assert heard[0][1] == "Đã kiểm tra 40 dòng" and heard[-1][1] == "Đã ghi 120 / 120 đề nghị"


def test_a_running_import_reports_the_progress_its_transaction_hides_from_the_database(cast, annual_list):
    upload_ = NomineeImport.objects.create(nomination_list=annual_list, created_by=cast.alice)
    job = make_job(cast.alice, Job.Kind.NOMINEE_IMPORT, subject=upload_, state="running", done=40,
                   message="Đã kiểm tra 100.000 dòng")
    upload_.job = job
    upload_.save()
    progress = Progress(job, scratch=None)
    with transaction.atomic():  # the import's one transaction: the row is not written from inside it
        progress.percent_reporter()(70, "Đã ghi 50.000 / 100.000 đề nghị")
    assert Job.objects.get(pk=job.pk).done == 40
    assert (live(Job.objects.get(pk=job.pk)).done, live(Job.objects.get(pk=job.pk)).message) == (
        70, "Đã ghi 50.000 / 100.000 đề nghị")


def test_a_refused_file_shows_its_first_errors_on_the_page_and_offers_the_marked_workbook(
        login, cast, tree, annual_list):
    make_person("Nguyễn Văn An", tree.ha_hoa, cccd="025080001234")
    bad = [[f"0991{i:08d}", None, None, None, None, "LDTT", None, None] for i in range(60)]
    data = filled(annual_list, ["025080001234", None, None, None, None, "LDTT", None, None], *bad)
    client = login(cast.alice)
    html = client.post(import_url(annual_list), upload(data), follow=True).content.decode()
    job = NomineeImport.objects.get()
    assert job.status == "failed" and job.error_count == 60 and len(job.errors) == 60
    assert "Không ghi dòng nào: tệp có 60 lỗi." in html
    assert "Dòng 52: Không có cá nhân có số CCCD 099100000049" in html and "Dòng 53:" not in html
    assert "… và 10 lỗi khác" in html
    download = reverse("awards:nominee_import_annotated", args=[job.pk])
    assert download in html and not annual_list.lines.exists()
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content)))[SHEET]
    assert sheet["I62"].value == "Không có cá nhân có số CCCD 099100000059 trong đơn vị Xã Hạ Hòa."
    assert sheet["I2"].value is None and sheet["A3"].fill.fgColor.rgb.endswith("FFC7CE")


def test_the_marked_workbook_lives_outside_the_media_folder_and_a_new_upload_replaces_it(
        login, cast, tree, annual_list, settings):
    data = filled(annual_list, ["099999999999", None, None, None, None, "LDTT", None, None])
    client = login(cast.alice)
    client.post(import_url(annual_list), upload(data))
    first = NomineeImport.objects.get()
    path = first.annotated.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT)) and not path.startswith(str(settings.MEDIA_ROOT))
    client.post(import_url(annual_list), upload(data))
    first.refresh_from_db()
    assert not first.annotated and NomineeImport.objects.first().annotated
    assert client.get(reverse("awards:nominee_import_annotated", args=[first.pk])).status_code == 404


@pytest.mark.parametrize("who, expected", [(None, 302), ("olga", 404), ("alice", 200), ("carol", 200)])
def test_only_those_who_see_the_list_follow_or_download_its_import(client, login, cast, annual_list, who, expected):
    job = NomineeImport.objects.create(nomination_list=annual_list, created_by=cast.alice, status="failed",
                                       message="Không ghi dòng nào: tệp có 1 lỗi.", errors=[[2, "Sai"]],
                                       error_count=1)
    job.annotated.save("loi.xlsx", BytesIO(filled(annual_list)), save=True)
    web = login(getattr(cast, who)) if who else client
    for url in (reverse("awards:nominee_import_status", args=[job.pk]),
                reverse("awards:nominee_import_annotated", args=[job.pk])):
        response = web.get(url)
        assert response.status_code == expected
        if expected == 302:
            assert response["Location"].startswith(reverse("login"))


def test_a_submitted_list_records_no_import(login, cast, annual_list):
    nominations.add_line(annual_list, actor=cast.alice, household="Hộ ông A", award=award("GD_VH"))
    attach_missing(annual_list, actor=cast.alice)
    nominations.submit_list(annual_list, actor=cast.alice)
    data = filled(annual_list, [None, None, None, None, "Hộ ông B", "GD_VH", None, None])
    html = login(cast.alice).post(import_url(annual_list), upload(data), follow=True).content.decode()
    assert "Danh sách đã ở trạng thái “Đã gửi”, không thể sửa." in html
    assert not NomineeImport.objects.exists() and annual_list.lines.count() == 1


def test_a_crash_is_recorded_as_a_failed_import_with_a_plain_message(login, cast, annual_list, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(nominee_import_jobs, "import_nominee_rows", broken)
    data = filled(annual_list, [None, None, None, None, "Hộ ông B", "GD_VH", None, None])
    html = login(cast.alice).post(import_url(annual_list), upload(data), follow=True).content.decode()
    job = NomineeImport.objects.get()
    assert job.status == "failed" and job.message == "Không nhập được tệp; vui lòng thử lại."
    assert "Không nhập được tệp; vui lòng thử lại." in html and "disk full" not in html


def test_a_refused_long_file_fails_its_job_and_the_list_shows_why(
        login, cast, tree, annual_list, background, django_capture_on_commit_callbacks):
    bad = [[f"0991{i:08d}", None, None, None, None, "LDTT", None, None] for i in range(25)]
    client = login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(import_url(annual_list), upload(filled(annual_list, *bad)))
    upload_ = NomineeImport.objects.get()
    assert upload_.status == "failed" and upload_.error_count == 25 and upload_.annotated
    assert upload_.job.state == "failed" and upload_.job.error.startswith("Không ghi dòng nào: tệp có 25 lỗi.")
    page = client.get(upload_.job.get_absolute_url()).content.decode()
    assert 'role="alert"' in page and "Không ghi dòng nào: tệp có 25 lỗi." in page and detail(annual_list) in page
    html = client.get(detail(annual_list)).content.decode()
    assert "Dòng 2: Không có cá nhân có số CCCD 099100000000" in html and "job_progress.js" not in html


def test_a_crash_in_a_long_file_fails_both_the_job_and_the_import_in_plain_words(
        login, cast, tree, annual_list, background, monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(nominee_import_jobs, "import_nominee_rows", broken)
    data = filled(annual_list, *rows_for(many_people(tree.ha_hoa, 30)))
    with django_capture_on_commit_callbacks(execute=True):
        login(cast.alice).post(import_url(annual_list), upload(data))
    upload_ = NomineeImport.objects.get()
    assert upload_.status == "failed" and upload_.message == "Không nhập được tệp; vui lòng thử lại."
    assert upload_.job.state == "failed" and upload_.job.error == "Không nhập được tệp; vui lòng thử lại."
    assert not upload_.job.input


def test_an_import_whose_worker_died_shows_as_failed_on_the_list(login, cast, annual_list):
    upload_ = NomineeImport.objects.create(nomination_list=annual_list, created_by=cast.alice, message="Đang chờ nhập")
    upload_.job = make_job(cast.alice, Job.Kind.NOMINEE_IMPORT, subject=upload_, state="failed",
                           error="Việc bị dừng giữa chừng vì bộ xử lý nền ngừng hoạt động.")
    upload_.save()
    html = login(cast.carol).get(detail(annual_list)).content.decode()
    assert "Việc bị dừng giữa chừng" in html and 'role="progressbar"' not in html
    state = login(cast.carol).get(reverse("awards:nominee_import_status", args=[upload_.pk])).json()
    assert state["status"] == "failed" and state["finished"]


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_loads_a_long_file_queued_by_the_page(login, cast, tree, long_files, job_worker):
    from tests.awards.dossier_factories import load_rule_rows

    load_rule_rows()  # the catalogue a data migration wrote, flushed by earlier transactional tests
    people = many_people(tree.ha_hoa, 60)
    annual_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026")
    client = login(cast.alice)
    client.post(import_url(annual_list), upload(filled(annual_list, *rows_for(people))))
    upload_ = NomineeImport.objects.get()
    worker = job_worker()
    job = wait_for(upload_.job, finished, worker=worker)
    assert job.state == "succeeded", job.error
    upload_.refresh_from_db()
    assert (upload_.status, upload_.lines_created) == ("done", 60) and annual_list.lines.count() == 60
    assert not job.input and "thêm mới 60" in client.get(job.get_absolute_url()).content.decode()
