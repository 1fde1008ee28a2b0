"""The papers of an issued decision, printed from the decision's page."""

import pytest
from django.urls import reverse

from awards import decisions
from awards.certificate_documents import public_url
from awards.models import Certificate
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


@pytest.mark.parametrize("who, status", [("olga", 404), ("carol", 302), ("phuong", 200), ("dave", 200)])
def test_printing_answers_the_permission_matrix(client, login, issued, who, status):
    login(getattr(issued, who))
    response = client.post(reverse("awards:decision_certificates", args=[issued.decision.pk]))
    assert response.status_code == status
    assert Certificate.objects.exists() == (status == 200)
