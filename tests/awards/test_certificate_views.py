"""Certificate pages as each of the cast sees them, and the public check page behind the QR code."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from awards.models import Certificate
from awards.services import certificates

from tests.awards.certificate_factories import PROVINCE_CHAIR, make_record, pdf_pages_text, recipients
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def an(tree):
    return make_person("Nguyễn Văn An", tree.ha_hoa, cccd="025090001234", date_of_birth=datetime.date(1990, 4, 2),
                       position="Phó Chủ tịch Hội Nông dân xã")


@pytest.fixture
def record(an):
    return make_record(an)


@pytest.fixture
def paper(cast, record):
    [paper] = certificates.issue_certificates([record], actor=cast.alice)
    return paper


def _as(client, login, cast, who):
    if who != "anonymous":
        login(getattr(cast, who))
    return client


# Who: anonymous → login; olga (another province) → not found; carol (a reviewer over the subject)
# → sees the record's page but may not print; alice (the commune clerk) and dave (the province approver) act.
EXPECTED = {"anonymous": "login", "olga": 404, "carol": 403, "alice": "ok", "dave": "ok"}


@pytest.mark.parametrize("who", EXPECTED)
def test_issuing_answers_the_permission_matrix(client, login, cast, record, who):
    response = _as(client, login, cast, who).post(reverse("awards:certificate_issue", args=[record.pk]))
    expected = EXPECTED[who]
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif expected == "ok":
        paper = Certificate.objects.get(record=record)
        assert response.status_code == 302 and response["Location"] == reverse("awards:certificate_pdf",
                                                                               args=[paper.pk])
        assert paper.issued_by == getattr(cast, who)
    else:
        assert response.status_code == expected
    if expected != "ok":
        assert not Certificate.objects.exists()


@pytest.mark.parametrize("who", EXPECTED)
def test_downloading_answers_the_permission_matrix(client, login, cast, paper, who):
    response = _as(client, login, cast, who).get(reverse("awards:certificate_pdf", args=[paper.pk]))
    expected = EXPECTED[who]
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif expected == "ok":
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline;")
        [text] = pdf_pages_text(response.content)
        assert f"Số: {paper.serial}" in text and "Nguyễn Văn An" in text
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("who", EXPECTED)
def test_reissuing_answers_the_permission_matrix(client, login, cast, paper, who):
    response = _as(client, login, cast, who).post(reverse("awards:certificate_reissue", args=[paper.pk]),
                                                  {"reason": "Bản chính bị mất do lũ."})
    expected = EXPECTED[who]
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif expected == "ok":
        assert response.status_code == 302
        assert Certificate.objects.live().get().copy_number == 1
    else:
        assert response.status_code == expected
    if expected != "ok":
        assert Certificate.objects.get().is_live


@pytest.mark.parametrize("who", ["anonymous", "olga", "carol", "alice"])
def test_the_record_page_answers_the_permission_matrix(client, login, cast, paper, who):
    response = _as(client, login, cast, who).get(reverse("awards:record_certificates", args=[paper.record_id]))
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif who == "olga":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        page = response.content.decode()
        assert paper.serial in page
        # The page offers exactly what the server would allow.
        assert ("Tải lại bản in" in page) == (who == "alice") and ("Cấp lại</button>" in page) == (who == "alice")


def test_a_reissue_without_a_reason_is_refused_on_the_page(client, login, cast, paper):
    response = login(cast.alice).post(reverse("awards:certificate_reissue", args=[paper.pk]), {"reason": "  "})
    assert response.status_code == 400 and "Nhập lý do cấp lại." in response.content.decode()
    assert Certificate.objects.count() == 1


def test_a_stale_reissue_keeps_the_typed_reason_and_says_why(client, login, cast, paper):
    certificates.reissue_certificate(paper, actor=cast.bob, reason="Mất.")
    response = login(cast.alice).post(reverse("awards:certificate_reissue", args=[paper.pk]), {"reason": "Bị cháy."})
    page = response.content.decode()
    assert response.status_code == 400 and "đã được cấp lại" in page and "Bị cháy." in page
    assert Certificate.objects.count() == 2


def test_the_person_page_links_each_award_to_its_papers(client, login, cast, record):
    page = login(cast.alice).get(reverse("units:person_detail", args=[record.person_id])).content.decode()
    assert reverse("awards:record_certificates", args=[record.pk]) in page


def test_an_annulled_award_cannot_be_issued_from_the_page(client, login, cast, an):
    record = make_record(an, revoked_on=datetime.date(2026, 3, 1))
    response = login(cast.alice).post(reverse("awards:certificate_issue", args=[record.pk]), follow=True)
    assert "đã bị hủy bỏ" in response.content.decode() and not Certificate.objects.exists()


# The public page.

def test_the_public_page_confirms_the_paper_and_shows_nothing_private(client, paper, an):
    response = client.get(f"/xac-minh/{paper.token}/")
    page = response.content.decode()
    assert response.status_code == 200 and response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex' in page
    for shown in ["Nguyễn Văn An", "Bằng khen của Chủ tịch UBND tỉnh", "125/QĐ-UBND", "05/02/2026", PROVINCE_CHAIR,
                  paper.serial, "Bản chính", "đang có giá trị"]:
        assert shown in page, shown
    for hidden in ["025090001234", "02/04/1990", "1990", "Phó Chủ tịch Hội Nông dân xã", "Chuyên viên",
                   "Xã Hạ Hòa", "alice", "Alice"]:
        assert hidden not in page, hidden


def test_the_public_page_of_a_replaced_copy_says_it_is_no_longer_valid(client, cast, paper):
    copy = certificates.reissue_certificate(paper, actor=cast.alice, reason="Bản chính bị mất do lũ.")
    page = client.get(f"/xac-minh/{paper.token}/").content.decode()
    assert "không còn giá trị" in page and "bản cấp lại" in page
    assert copy.token not in page and copy.serial not in page and "lũ" not in page
    page = client.get(f"/xac-minh/{copy.token}/").content.decode()
    assert "Bản cấp lại lần 1" in page and "đang có giá trị" in page


def test_the_public_page_of_an_annulled_award_says_so(client, paper, record):
    record.revoked_on, record.revocation_reason = datetime.date(2026, 6, 1), "Kê khai thành tích không đúng."
    record.save()
    page = client.get(f"/xac-minh/{paper.token}/").content.decode()
    assert "đã bị hủy bỏ ngày 01/06/2026" in page and "đang có giá trị" not in page


def test_an_unknown_token_is_a_vietnamese_not_found_and_guessing_is_cut_short(client, settings, paper):
    settings.CERTIFICATE_CHECK_MISSES = 3
    response = client.get("/xac-minh/khong-co-ma-nay/")
    assert response.status_code == 404 and "Không tìm thấy giấy khen" in response.content.decode()
    client.get("/xac-minh/khong-co-1/")
    client.get("/xac-minh/khong-co-2/")
    response = client.get(f"/xac-minh/{paper.token}/")
    assert response.status_code == 429 and "quá nhiều" in response.content.decode()


# The list and the whole decision.

def test_the_list_shows_the_papers_the_user_may_issue_in_a_fixed_number_of_queries(client, login, cast, tree,
                                                                                   django_assert_num_queries):
    certificates.issue_certificates([make_record(p) for p in recipients(tree.ha_hoa, 60)], actor=cast.alice)
    certificates.issue_certificates([make_record(make_person("Lê Văn Xa", tree.nha_trang))], actor=cast.olga)
    login(cast.alice)
    # session, user, second step, grants, lineage, count, page rows (the records' award, subject, series and
    # replacement joined in), the years and the issuing bodies of the filters
    with django_assert_num_queries(11):
        response = client.get(reverse("awards:certificate_list"))
    page = response.content.decode()
    assert response.status_code == 200 and "Các giấy đã cấp (60)" in page and "Lê Văn Xa" not in page
    assert login(cast.carol).get(reverse("awards:certificate_list")).content.decode().count("<tr>") == 0


def test_a_whole_decision_prints_in_one_pdf_issuing_the_missing_papers(client, login, cast, tree):
    records = [make_record(p, number="300/QĐ-UBND") for p in recipients(tree.ha_hoa, 3)]
    [first] = certificates.issue_certificates(records[:1], actor=cast.bob)
    make_record(make_person("Lê Văn Xa", tree.nha_trang), number="300/QĐ-UBND")
    response = login(cast.alice).post(reverse("awards:decision_certificates_pdf"),
                                      {"decision_number": "300/QĐ-UBND", "issuing_body": PROVINCE_CHAIR})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = pdf_pages_text(response.content)
    assert len(pages) == 3 and f"Số: {first.serial}" in pages[0] and "Lê Văn Xa" not in " ".join(pages)
    assert Certificate.objects.count() == 3


def test_a_decision_with_nothing_to_print_is_explained_and_keeps_what_was_typed(client, login, cast):
    response = login(cast.alice).post(reverse("awards:decision_certificates_pdf"),
                                      {"decision_number": "999/QĐ-UBND", "issuing_body": PROVINCE_CHAIR})
    page = response.content.decode()
    assert response.status_code == 400 and "Không có khen thưởng nào" in page and "999/QĐ-UBND" in page
    response = login(cast.alice).post(reverse("awards:decision_certificates_pdf"), {"decision_number": ""})
    assert "Nhập số quyết định." in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "olga", "carol"])
def test_the_decision_print_answers_the_permission_matrix(client, login, cast, record, who):
    response = _as(client, login, cast, who).post(reverse("awards:decision_certificates_pdf"),
                                                  {"decision_number": "125/QĐ-UBND", "issuing_body": PROVINCE_CHAIR})
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:  # nothing of the decision lies in their issuing scope: nothing issued, nothing printed
        assert response.status_code == 400
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("who", ["alice", "carol"])
def test_the_whole_decision_print_is_offered_only_to_those_who_print_papers(client, login, cast, who):
    html = login(getattr(cast, who)).get(reverse("awards:certificate_list")).content.decode()
    assert (reverse("awards:decision_certificates_pdf") in html) == (who == "alice")
