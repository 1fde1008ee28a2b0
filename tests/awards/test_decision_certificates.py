"""The papers of an issued decision, printed from the decision's page."""

import pytest
from django.urls import reverse

from units.models import Job

from awards.documents.certificate import public_url
from awards.models import Certificate
from awards.services import certificate_prints, decisions

from tests.awards.certificate_factories import pdf_pages_text, qr_texts
from tests.awards.decision_factories import draft
from tests.awards.test_decision_views import settle_lines
from tests.job_workers import finished, job_worker, tasks_at_once, wait_for  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(cast, tree, central, province_clerk):
    cast.phuong = province_clerk
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


def test_each_paper_carries_the_decisions_signer_with_room_to_sign(client, login, cast, tree, central,
                                                                   province_clerk):
    cast.phuong = province_clerk
    settle_lines(cast, tree, 2)
    decision = draft(tree.phu_tho, province_clerk, decisions.ready_lines(tree.phu_tho), sign_prefix="KT.",
                     sign_on_behalf="Chủ tịch", signer_title="Phó Chủ tịch", signer_name="Lê Thị Thu")
    decisions.issue_decision(decision, actor=cast.dave)
    login(province_clerk)
    response = client.post(reverse("awards:decision_certificates", args=[decision.pk]))
    pages = pdf_pages_text(response.content)
    assert len(pages) == 2
    for text in pages:
        assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Thị Thu" in " ".join(text.split())
        assert text.index("KT. CHỦ TỊCH") > text.index(decision.number_text)


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


def test_a_long_pack_prints_as_a_job_and_the_job_page_follows_it(client, login, issued, settings, tasks_at_once,
                                                                 django_capture_on_commit_callbacks):
    settings.CERTIFICATE_INLINE_MAX = 2
    login(issued.phuong)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:decision_certificates", args=[issued.decision.pk]))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.kind, job.owner, job.subject, job.total) == (Job.Kind.CERTIFICATE_PACK, issued.phuong,
                                                              issued.decision, 3)
    assert Certificate.objects.filter(record__decision=issued.decision).count() == 3
    status = client.get(reverse("units:job_status", args=[job.pk])).json()
    assert status["state"] == "succeeded" and status["percent"] == 100 and "3 giấy khen" in status["message"]
    assert status["download_url"] == reverse("units:job_download", args=[job.pk])
    download = client.get(status["download_url"])
    assert download["Content-Disposition"] == (
        f'attachment; filename="giay-khen-quyet-dinh-{issued.decision.pk}.pdf"')
    pages = pdf_pages_text(b"".join(download.streaming_content))
    assert len(pages) == 3 and "Nguyễn Văn Số 2" in pages[2]
    assert not list(settings.JOB_SCRATCH_ROOT.glob("*/*"))  # the parts were removed


def test_a_queued_pack_waits_for_the_worker_and_hides_its_download(client, login, issued, settings):
    settings.CERTIFICATE_INLINE_MAX = 2
    login(issued.phuong)
    client.post(reverse("awards:decision_certificates", args=[issued.decision.pk]))
    job = Job.objects.get()
    assert job.state == Job.State.QUEUED and job.payload["certificate_ids"]
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'role="progressbar"' in page and "Chờ in 3 giấy khen" in page and 'class="btn btn-primary d-none"' in page
    assert client.get(reverse("units:job_download", args=[job.pk])).status_code == 404
    certificate_prints.print_certificate_pack.call(job.pk)
    certificate_prints.print_certificate_pack.call(job.pk)  # a second worker finds it taken
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED and job.result and job.done == 3


def test_the_old_address_of_a_pack_leads_to_its_job_page(client, login, issued, settings):
    settings.CERTIFICATE_INLINE_MAX = 2
    login(issued.phuong)
    client.post(reverse("awards:decision_certificates", args=[issued.decision.pk]))
    job = Job.objects.get()
    old = reverse("awards:certificate_print", args=[job.pk])
    assert client.get(old)["Location"] == job.get_absolute_url()
    assert client.get(old + "?tai=1")["Location"] == reverse("units:job_download", args=[job.pk])


@pytest.mark.parametrize("who, status", [("olga", 404), ("dave", 404), ("phuong", 200), ("root", 200)])
def test_only_who_asked_for_a_pack_follows_it(client, login, issued, settings, who, status):
    settings.CERTIFICATE_INLINE_MAX = 2
    login(issued.phuong)
    client.post(reverse("awards:decision_certificates", args=[issued.decision.pk]))
    job = Job.objects.get()
    login(getattr(issued, who))
    for url in (job.get_absolute_url(), reverse("units:job_status", args=[job.pk]),
                reverse("awards:certificate_print", args=[job.pk])):
        assert client.get(url, follow=True).status_code == status


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_prints_a_long_pack(client, login, cast, tree, central, settings, job_worker, province_clerk):
    from tests.awards.dossier_factories import load_rule_rows

    settings.CERTIFICATE_INLINE_MAX = 2
    load_rule_rows()
    cast.phuong = province_clerk
    settle_lines(cast, tree, 3)
    decision = decisions.issue_decision(draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho)),
                                        actor=cast.dave)
    login(cast.phuong)
    client.post(reverse("awards:decision_certificates", args=[decision.pk]))
    job = Job.objects.get()
    worker = job_worker()
    wait_for(job, finished, worker=worker)
    assert job.state == "succeeded", job.error
    pages = pdf_pages_text(b"".join(client.get(reverse("units:job_download", args=[job.pk])).streaming_content))
    assert len(pages) == 3 and "Nguyễn Văn Số 0" in pages[0]
