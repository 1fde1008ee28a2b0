"""Long nominee lists are exported by the task worker, started by a button (a POST) that leads to the job page;
progress is reported as rows are written, and the file offered opens with every line. A GET of a long list
only explains and offers that button; a short list still downloads at once."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from units.jobs import Progress
from units.models import Job

from awards.documents import standard_list
from awards.models import NominationLine
from awards.services import nominee_export_jobs

from tests.awards.nominee_files import award, many_people
from tests.job_workers import tasks_at_once  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_lists(monkeypatch):
    """Lists of more than 30 lines are exported as a job, progress reported every 10 rows."""
    monkeypatch.setattr(nominee_export_jobs, "INLINE_MAX_LINES", 30)
    monkeypatch.setattr(nominee_export_jobs, "PROGRESS_EVERY", 10)
    monkeypatch.setattr(standard_list, "PROGRESS_EVERY", 10)


def _lines(nomination_list, count):
    people = many_people(nomination_list.unit, count)
    NominationLine.objects.bulk_create([
        NominationLine(nomination_list=nomination_list, year=nomination_list.year, person=p, award=award("LDTT"),
                       summary=f"Thành tích {p.pk}") for p in people])


def _rows(data, sheet=None):
    book = load_workbook(BytesIO(data), read_only=True)
    return list((book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True))


@pytest.mark.parametrize("url_name, form", [("awards:standard_list_export", "printable"),
                                            ("awards:nominee_export", "template")])
def test_a_long_list_is_exported_as_a_job_with_progress_and_the_file_holds_every_line(
        login, cast, annual_list, long_lists, tasks_at_once, django_capture_on_commit_callbacks, url_name, form,
        monkeypatch):
    _lines(annual_list, 45)
    reports = []
    original = Progress.report
    monkeypatch.setattr(Progress, "report", lambda self, done, total=None, message=None: (
        reports.append((done, total, message)), original(self, done, total, message))[1])
    client = login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(url_name, args=[annual_list.pk]))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.kind, job.owner, job.subject, job.payload) == (Job.Kind.NOMINEE_EXPORT, cast.alice, annual_list,
                                                              {"form": form})
    assert (job.state, job.done, job.total, job.percent) == ("succeeded", 45, 45, 100)
    assert [done for done, _total, _message in reports] == [0, 10, 20, 30, 40, 45]
    assert reports[2][2] == "Đang xuất 20/45 dòng" and "45 dòng" in job.message
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Xuất danh sách đề nghị ra Excel" in page
    download = client.get(reverse("units:job_download", args=[job.pk]))
    assert download.status_code == 200
    rows = _rows(b"".join(download.streaming_content))
    if form == "printable":
        numbered = [row for row in rows if row and isinstance(row[0], int)]
        assert [row[0] for row in numbered] == list(range(1, 46)) and numbered[0][1] == "Nguyễn Thị Mẫu 1"
    else:
        assert len(rows) == 46 and rows[1][1] == "Nguyễn Thị Mẫu 1" and rows[45][5] == "LDTT"


@pytest.mark.parametrize("url_name", ["awards:standard_list_export", "awards:nominee_export"])
def test_asking_again_while_the_export_waits_leads_to_the_same_job(login, cast, annual_list, long_lists, url_name):
    _lines(annual_list, 31)
    client = login(cast.alice)
    first = client.post(reverse(url_name, args=[annual_list.pk]))
    second = client.post(reverse(url_name, args=[annual_list.pk]))
    assert first["Location"] == second["Location"] and Job.objects.count() == 1
    assert Job.objects.get().state == "queued"


def test_each_form_and_each_clerk_has_its_own_job(login, cast, annual_list, long_lists):
    _lines(annual_list, 31)
    client = login(cast.alice)
    printable = client.post(reverse("awards:standard_list_export", args=[annual_list.pk]))
    template = client.post(reverse("awards:nominee_export", args=[annual_list.pk]))
    assert printable["Location"] != template["Location"] and Job.objects.count() == 2


@pytest.mark.parametrize("url_name, button", [("awards:standard_list_export", "Bắt đầu xuất"),
                                              ("awards:nominee_export", "Bắt đầu xuất")])
def test_a_get_of_a_long_list_explains_and_offers_the_button_without_starting_a_job(
        login, cast, annual_list, long_lists, url_name, button):
    _lines(annual_list, 31)
    url = reverse(url_name, args=[annual_list.pk])
    response = login(cast.alice).get(url)
    assert response.status_code == 200 and not Job.objects.exists()
    html = response.content.decode()
    assert "quá dài để tải ngay" in html and f'action="{url}"' in html and button in html
    assert "csrfmiddlewaretoken" in html


def test_the_list_page_offers_buttons_not_links_for_a_long_list(login, cast, annual_list, long_lists):
    _lines(annual_list, 31)
    html = login(cast.alice).get(reverse("awards:nomination_list_detail", args=[annual_list.pk])).content.decode()
    for name in ("awards:nominee_export", "awards:standard_list_export"):
        url = reverse(name, args=[annual_list.pk])
        assert f'<form method="post" action="{url}">' in html and f'href="{url}"' not in html
    assert not Job.objects.exists()


def test_the_list_page_links_a_short_lists_exports(login, cast, annual_list, long_lists):
    _lines(annual_list, 30)
    html = login(cast.alice).get(reverse("awards:nomination_list_detail", args=[annual_list.pk])).content.decode()
    assert f'href="{reverse("awards:nominee_export", args=[annual_list.pk])}"' in html


def test_a_short_list_still_downloads_at_once(login, cast, annual_list, long_lists):
    _lines(annual_list, 30)
    response = login(cast.alice).get(reverse("awards:standard_list_export", args=[annual_list.pk]))
    assert response.status_code == 200 and not Job.objects.exists()
    numbered = [row for row in _rows(b"".join(response.streaming_content)) if row and isinstance(row[0], int)]
    assert len(numbered) == 30


@pytest.mark.parametrize("form", ["printable", "template"])
def test_a_5000_line_export_opens_back_with_every_row(cast, annual_list, tmp_path, form):
    _lines(annual_list, 5_000)
    job = Job.objects.create(kind=Job.Kind.NOMINEE_EXPORT, owner=cast.alice, subject=annual_list,
                             payload={"form": form}, total=5_000, state=Job.State.RUNNING)
    outcome = nominee_export_jobs.export_for_job(job, Progress(job, tmp_path))
    rows = _rows(outcome.path.read_bytes())
    expected = [(f"0250{i:08d}", f"Nguyễn Thị Mẫu {i}") for i in range(1, 5_001)]
    if form == "printable":
        numbered = [row for row in rows if row and isinstance(row[0], int)]
        assert [row[0] for row in numbered] == list(range(1, 5_001))
        assert [row[1] for row in numbered] == [name for _cccd, name in expected]
        assert all(row[5] == "Lao động tiên tiến" and row[4].startswith("Thành tích ") for row in numbered)
    else:
        assert rows[0][0] == "Số CCCD" and len(rows) == 5_001
        assert [row[:2] for row in rows[1:]] == expected
        assert all(row[5] == "LDTT" and row[7].startswith("Thành tích ") for row in rows[1:])
