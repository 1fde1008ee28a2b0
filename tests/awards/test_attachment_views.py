"""Dossier documents on the list page: who uploads, deletes and downloads, what the page shows, what it costs."""

import datetime
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardType, DocumentKind, NominationAttachment, TaskRating
from awards.services import attachments, nominations

from tests.awards.pdf_files import attach_missing, pdf_upload, tiny_pdf
from tests.conftest import make_person, make_plan

pytestmark = pytest.mark.django_db

K = DocumentKind
TODAY = datetime.date.today()
ACTORS = ["alice", "bob", "carol", "dave", "olga", "root"]
REPORT_NAME = "Báo cáo thành tích — Nguyễn Văn An.pdf"


@pytest.fixture
def plan(tree):
    return make_plan(tree.phu_tho, status="issued", issue_day=4, dossier_deadline=TODAY + datetime.timedelta(days=10))


@pytest.fixture
def an(an):
    """An of tests/awards/conftest.py, rated as having done his tasks well in 2026: his LĐTT line is eligible."""
    TaskRating.objects.create(person=an, year=2026, rating=TaskRating.Rating.GOOD)
    return an


@pytest.fixture
def draft(cast, tree, plan):
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026,
                                   title="Đề nghị khen thưởng năm 2026")


@pytest.fixture
def line(cast, draft, an):
    return nominations.add_line(draft, actor=cast.alice, person=an, award=AwardType.objects.get(code="LDTT"))


@pytest.fixture
def report(cast, draft, line):
    return attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line,
                              upload=pdf_upload(REPORT_NAME, tiny_pdf(pages=2)))


def detail_url(nomination_list):
    return reverse("awards:nomination_list_detail", args=[nomination_list.pk])


def list_upload_url(nomination_list):
    return reverse("awards:nomination_attachment_upload", args=[nomination_list.pk])


def line_upload_url(line):
    return reverse("awards:nomination_line_attachment_upload", args=[line.pk])


def download_url(attachment):
    return reverse("awards:nomination_attachment_download", args=[attachment.pk])


def delete_url(attachment):
    return reverse("awards:nomination_attachment_delete", args=[attachment.pk])


# The permission matrix

def test_anonymous_visitors_are_sent_to_login_from_every_document_url(client, draft, line, report):
    for method, url in [("get", download_url(report)), ("post", list_upload_url(draft)),
                        ("post", line_upload_url(line)), ("post", delete_url(report))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


DOWNLOAD = {"alice": 200, "bob": 200, "carol": 200, "dave": 200, "olga": 404, "root": 200}


@pytest.mark.parametrize("actor", ACTORS)
def test_whoever_sees_the_list_downloads_its_documents_and_an_outsider_gets_404(login, cast, report, actor):
    response = login(getattr(cast, actor)).get(download_url(report))
    assert response.status_code == DOWNLOAD[actor]
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == report.file.open("rb").read()


# Uploading needs an editing role (clerk or approver) of the list's unit or a unit above it:
# the same rule that lets a user add lines and submit the list.
UPLOAD = {"alice": 302, "bob": 302, "carol": 403, "dave": 302, "olga": 404, "root": 302}


@pytest.mark.parametrize("actor", ACTORS)
def test_only_editors_of_the_unit_upload_to_the_list_and_its_lines(login, cast, draft, line, actor):
    client = login(getattr(cast, actor))
    on_list = client.post(list_upload_url(draft), {"kind": K.PROPOSAL, "file": pdf_upload("to-trinh.pdf")})
    on_line = client.post(line_upload_url(line), {"kind": K.ACHIEVEMENT_REPORT, "file": pdf_upload("bao-cao.pdf")})
    assert (on_list.status_code, on_line.status_code) == (UPLOAD[actor], UPLOAD[actor])
    expected = 2 if UPLOAD[actor] == 302 else 0
    assert NominationAttachment.objects.filter(nomination_list=draft).count() == expected


@pytest.mark.parametrize("actor", ACTORS)
def test_only_editors_of_the_unit_delete_a_document(login, cast, draft, report, actor,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(getattr(cast, actor)).post(delete_url(report))
    assert response.status_code == UPLOAD[actor]
    assert NominationAttachment.objects.filter(pk=report.pk).exists() is (UPLOAD[actor] != 302)


def test_the_document_urls_refuse_the_wrong_method(login, cast, draft, line, report):
    client = login(cast.alice)
    assert client.get(list_upload_url(draft)).status_code == 405
    assert client.get(line_upload_url(line)).status_code == 405
    assert client.post(download_url(report)).status_code == 405
    # GET on the delete address asks first and deletes nothing.
    assert client.get(delete_url(report)).status_code == 200
    assert NominationAttachment.objects.filter(pk=report.pk).exists()


# The download

def test_the_download_is_a_pdf_under_its_vietnamese_name_and_never_shows_where_it_is_stored(login, cast, report):
    response = login(cast.carol).get(download_url(report))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert f"filename*=UTF-8''{quote(REPORT_NAME, safe='')}" in disposition
    assert 'filename="Bao cao thanh tich _ Nguyen Van An.pdf"' in disposition  # for clients without RFC 5987
    stored = report.file.name
    assert Path(stored).stem not in str(response.headers) and str(django_settings.PRIVATE_MEDIA_ROOT) not in str(
        response.headers)
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_list_page_links_documents_without_revealing_the_storage(login, cast, draft, report):
    html = login(cast.carol).get(detail_url(draft)).content.decode()
    assert download_url(report) in html and REPORT_NAME in html
    assert Path(report.file.name).stem not in html and str(django_settings.PRIVATE_MEDIA_ROOT) not in html


def test_the_file_is_not_reachable_under_the_media_or_static_urls(login, cast, report, settings):
    client = login(cast.alice)
    stored = report.file.name
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / stored).exists()
    for prefix in (settings.MEDIA_URL, settings.STATIC_URL):
        assert client.get(f"/{prefix.strip('/')}/{stored}").status_code == 404
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS):
        public = public[1] if isinstance(public, tuple) else public
        assert not private.is_relative_to(Path(public).resolve())


def test_a_document_whose_file_is_gone_answers_404(login, cast, report, settings):
    (Path(settings.PRIVATE_MEDIA_ROOT) / report.file.name).unlink()
    assert login(cast.alice).get(download_url(report)).status_code == 404


# Uploading through the page

def test_a_renamed_program_is_refused_with_a_clear_message_and_nothing_is_kept(login, cast, draft, line, settings):
    exe = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode."
    response = login(cast.alice).post(line_upload_url(line), {"kind": K.ACHIEVEMENT_REPORT,
                                                              "file": pdf_upload("x.pdf", exe)}, follow=True)
    html = response.content.decode()
    assert "Chưa tải lên được tài liệu cho Nguyễn Văn An" in html
    assert "Tệp “x.pdf” không phải tệp PDF" in html
    assert response.redirect_chain[-1][0].endswith(f"?dong={line.pk}#dong-{line.pk}")
    assert not NominationAttachment.objects.exists()
    assert not Path(settings.PRIVATE_MEDIA_ROOT).exists() or not any(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf"))


def test_an_upload_without_a_file_says_so(login, cast, draft):
    html = login(cast.alice).post(list_upload_url(draft), {"kind": K.PROPOSAL}, follow=True).content.decode()
    assert "Chưa tải lên được tài liệu. Tệp PDF:" in html and not NominationAttachment.objects.exists()


def test_a_good_upload_is_confirmed_with_its_page_count(login, cast, draft, line):
    response = login(cast.alice).post(line_upload_url(line), {"kind": K.ACHIEVEMENT_REPORT, "file": pdf_upload(
        REPORT_NAME, tiny_pdf(pages=4))}, follow=True)
    assert f"Đã tải lên Báo cáo thành tích cho Nguyễn Văn An: “{REPORT_NAME}” (4 trang)." in response.content.decode()
    assert line.attachments.get().page_count == 4


def test_a_scan_too_big_to_stay_in_memory_is_checked_and_kept_all_the_same(login, cast, draft, line, settings):
    # Past FILE_UPLOAD_MAX_MEMORY_SIZE Django spools the upload to a temporary file on disk.
    scan = tiny_pdf(pages=3) + b"%" + b"0" * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1024)
    login(cast.alice).post(line_upload_url(line), {"kind": K.ACHIEVEMENT_REPORT, "file": pdf_upload("scan.pdf", scan)})
    kept = line.attachments.get()
    assert (kept.size, kept.page_count) == (len(scan), 3)
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / kept.file.name).read_bytes() == scan


def test_each_line_offers_only_the_kinds_its_award_asks_for_and_other(login, cast, tree, draft, line):
    soldier = nominations.add_line(draft, actor=cast.alice, person=make_person("Lê Thị Hoa", tree.ha_hoa),
                                   award=AwardType.objects.get(code="CSTDCS"))
    html = login(cast.alice).get(detail_url(draft)).content.decode()

    def options(select_id):
        select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', html, re.S).group(0)
        return re.findall(r'<option value="([^"]+)"', select)

    assert options(f"loai-{line.pk}") == ["bao_cao", "khac"]
    assert options(f"loai-{soldier.pk}") == ["bao_cao", "sang_kien", "khac"]
    assert options("loai-chung") == ["to_trinh", "bien_ban", "khac"]
    # Every field is labelled, naming whose document it is for screen readers.
    assert f'<label class="form-label small mb-0" for="tep-{line.pk}">Tệp PDF<span class="visually-hidden"> ' \
           f'của Nguyễn Văn An</span></label>' in html


def test_the_page_shows_what_each_line_and_the_list_still_lack(login, cast, draft, line, report):
    html = login(cast.carol).get(detail_url(draft)).content.decode()
    assert "Còn thiếu: Tờ trình đề nghị khen thưởng (Mẫu số 01 ban hành kèm theo Nghị định số 152/2025/NĐ-CP); " \
           "Biên bản họp xét khen thưởng" in html
    assert "Đủ tài liệu bắt buộc." in html  # An's report is there
    # The reviewer sees, but is offered no upload or delete.
    assert "Tải lên</button>" not in html and "Xóa<span" not in html


def test_a_page_of_a_long_list_counts_the_gaps_of_lines_on_other_pages(login, cast, tree, draft, line, report,
                                                                      monkeypatch):
    from awards.views import nominations as nomination_views

    monkeypatch.setattr(nomination_views, "LINES_PER_PAGE", 1)
    later = nominations.add_line(draft, actor=cast.alice, person=make_person("Lê Văn Bình", tree.van_phong),
                                 award=AwardType.objects.get(code="LDTT"))
    attach_missing(draft, actor=cast.alice)
    client = login(cast.alice)
    assert "Hồ sơ đã đủ các tài liệu bắt buộc." in client.get(detail_url(draft)).content.decode()
    draft.attachments.get(line=later).delete()
    first_page = client.get(detail_url(draft)).content.decode()
    assert "Lê Văn Bình" not in first_page  # on page two, yet its missing report counts
    assert "Hồ sơ đã đủ" not in first_page and "Danh sách chỉ gửi được khi đủ" in first_page


def test_a_submitted_list_shows_its_documents_but_refuses_changes(login, cast, draft, line,
                                                                  django_capture_on_commit_callbacks):
    attach_missing(draft, actor=cast.alice)
    nominations.submit_list(draft, actor=cast.alice)
    client = login(cast.alice)
    html = client.get(detail_url(draft)).content.decode()
    assert html.count("/khen-thuong/de-nghi/tai-lieu/") == 3 and "Tải lên</button>" not in html
    refused = client.post(line_upload_url(line), {"kind": K.OTHER, "file": pdf_upload()}, follow=True)
    assert "không thể sửa" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        kept = client.post(delete_url(draft.attachments.first()), follow=True)
    assert "không thể sửa" in kept.content.decode() and draft.attachments.count() == 3


# The list page costs the same whatever the number of lines and documents

def test_the_list_page_costs_a_fixed_number_of_queries(login, cast, tree, draft, django_assert_num_queries):
    client = login(cast.alice)
    household_award = AwardType.objects.get(code="GD_VH")

    def add(count, start=0):
        for i in range(start, start + count):
            line = nominations.add_line(draft, actor=cast.alice, household=f"Hộ ông {i}", award=household_award)
            attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line, upload=pdf_upload())
            attachments.attach(draft, actor=cast.alice, kind=K.OTHER, line=line, upload=pdf_upload())

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(detail_url(draft))
        assert response.status_code == 200
        return len(response.context["lines"]), len(queries)

    add(1)
    attachments.attach(draft, actor=cast.alice, kind=K.PROPOSAL, upload=pdf_upload())
    one = count()
    add(11, start=1)
    twelve = count()
    assert (one[0], twelve[0]) == (1, 12)
    assert one[1] == twelve[1]
    with django_assert_num_queries(one[1]):
        client.get(detail_url(draft))
    # The nominee is typed, not picked from a list of everyone. The lines come a page at a time
    # (their count is one query), the latest Excel import is shown, and the dossier asks the
    # database what the whole list holds and whether any line, shown or not, lacks a document; the
    # second step reads whether the clerk has turned it on. The awards offered are read once, after the
    # route above the unit that says which levels decide them (two queries); the documents uploaded twice
    # to the list are read in one query; the menu's to-do badge counts in two.
    assert one[1] == 25
