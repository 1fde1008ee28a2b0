"""The papers of an issued decision, printed from the decision's page."""

import pytest
from django.urls import reverse

from awards.documents.certificate import public_url
from awards.models import Certificate, CertificatePrint
from awards.services import certificate_prints, decisions

from tests.awards.certificate_factories import pdf_pages_text, qr_texts
from tests.awards.decision_factories import draft
from tests.awards.dossier_factories import R, official
from tests.awards.test_decision_views import settle_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(cast, tree, central):
    cast.phuong = official("phuong", tree.phu_tho, R.CLERK)
    settle_lines(cast, tree, 3)
    decision = draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho))
    cast.decision = decisions.issue_decision(decision, actor=cast.dave)
    return cast


def test_the_decision_page_prints_one_paper_per_award_with_its_check_code(client, login, issued):
    login(issued.phuong)
    page = client.get(issued.decision.get_absolute_url()).content.decode()
    assert "In giấy khen, bằng khen (3)" in page
    response = client.post(reverse("awards:decision_certificates", args=[issued.decision.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = pdf_pages_text(response.content)
    assert len(pages) == 3
    assert "Nguyễn Văn Số 0" in pages[0] and issued.decision.number_text in pages[0]
    papers = list(Certificate.objects.filter(record__decision=issued.decision).order_by("record_id"))
    assert len(papers) == 3
    assert qr_texts(response.content, page=2) == [public_url(papers[2])]


def test_printing_again_gives_the_same_papers(client, login, issued):
    login(issued.phuong)
    url = reverse("awards:decision_certificates", args=[issued.decision.pk])
    client.post(url)
    serials = set(Certificate.objects.values_list("serial", flat=True))
    client.post(url)
    assert set(Certificate.objects.values_list("serial", flat=True)) == serials and len(serials) == 3


@pytest.mark.parametrize("who, status", [("olga", 404), ("alice", 404), ("carol", 302), ("phuong", 200), ("dave", 200)])
def test_printing_answers_the_permission_matrix(client, login, issued, who, status):
    login(getattr(issued, who))
    response = client.post(reverse("awards:decision_certificates", args=[issued.decision.pk]))
    assert response.status_code == status
    assert Certificate.objects.exists() == (status == 200)


def test_a_long_pack_prints_in_the_background_and_the_page_follows_it(client, login, issued, settings):
    settings.CERTIFICATE_INLINE_MAX, settings.RENDER_JOBS = 2, "inline"
    login(issued.phuong)
    response = client.post(reverse("awards:decision_certificates", args=[issued.decision.pk]))
    job = CertificatePrint.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert Certificate.objects.filter(record__decision=issued.decision).count() == 3
    status = client.get(job.get_absolute_url() + "?trang_thai=1").json()
    assert status["status"] == "done" and status["progress"] == 100 and "3 giấy khen" in status["message"]
    download = client.get(job.get_absolute_url() + "?tai=1")
    pages = pdf_pages_text(b"".join(download.streaming_content))
    assert len(pages) == 3 and "Nguyễn Văn Số 2" in pages[2]


def test_with_a_worker_the_pack_waits_until_the_worker_prints_it_once(client, login, issued, settings):
    settings.CERTIFICATE_INLINE_MAX, settings.RENDER_JOBS = 2, "worker"
    login(issued.phuong)
    client.post(reverse("awards:decision_certificates", args=[issued.decision.pk]))
    job = CertificatePrint.objects.get()
    assert job.status == CertificatePrint.Status.QUEUED
    assert "Tải PDF" in client.get(job.get_absolute_url()).content.decode()  # hidden until done
    assert certificate_prints.run_queued_prints() == 1
    assert certificate_prints.run_queued_prints() == 0
    job.refresh_from_db()
    assert job.status == CertificatePrint.Status.DONE and job.file


@pytest.mark.parametrize("who, status", [("olga", 404), ("dave", 404), ("phuong", 200)])
def test_only_who_asked_for_a_pack_follows_it(client, login, issued, settings, who, status):
    settings.CERTIFICATE_INLINE_MAX, settings.RENDER_JOBS = 2, "worker"
    login(issued.phuong)
    client.post(reverse("awards:decision_certificates", args=[issued.decision.pk]))
    job = CertificatePrint.objects.get()
    login(getattr(issued, who))
    assert client.get(job.get_absolute_url()).status_code == status
