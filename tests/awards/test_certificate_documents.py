"""Printed certificates read back: the words on the paper and the address its QR code carries."""

import datetime
import io

import pytest
from pypdf import PdfReader

from units import dates

from awards.documents.certificate import render_certificate_pdf, render_certificates_pdf
from awards.models import CertificateWording
from awards.services import certificates

from tests.awards.certificate_factories import make_record, pdf_pages_text, qr_texts, recipients
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def an(tree):
    return make_person("Nguyễn Văn An", tree.ha_hoa, position="Phó Chủ tịch Hội Nông dân xã")


def test_the_paper_shows_authority_award_recipient_decision_and_serial(cast, tree, an):
    [paper] = certificates.issue_certificates([make_record(an)], actor=cast.alice)
    [text] = pdf_pages_text(render_certificate_pdf(paper))
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ" in text
    assert "TẶNG" in text and "BẰNG KHEN" in text
    assert "Ông Nguyễn Văn An" in text and "Phó Chủ tịch Hội Nông dân xã" in text and "Xã Hạ Hòa" in text
    assert "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025." in text
    assert "Quyết định số 125/QĐ-UBND ngày 05 tháng 02 năm 2026" in text
    assert "Phú Thọ, ngày 05 tháng 02 năm 2026" in text
    assert f"Số: {paper.serial}" in text and "Bản cấp lại" not in text


def test_the_qr_code_opens_the_public_check_page(cast, tree, an, settings):
    settings.PUBLIC_BASE_URL = "https://thidua.phutho.gov.vn/"
    [paper] = certificates.issue_certificates([make_record(an)], actor=cast.alice)
    assert qr_texts(render_certificate_pdf(paper)) == [f"https://thidua.phutho.gov.vn/xac-minh/{paper.token}/"]


def test_a_reissued_copy_says_so_and_carries_its_own_serial_and_code(cast, tree, an):
    [original] = certificates.issue_certificates([make_record(an)], actor=cast.alice)
    copy = certificates.reissue_certificate(original, actor=cast.alice, reason="Mất.")
    data = render_certificate_pdf(copy)
    [text] = pdf_pages_text(data)
    assert "Bản cấp lại lần 1" in text and f"Số: {copy.serial}" in text and original.serial not in text
    assert qr_texts(data) == [f"http://127.0.0.1:8000/xac-minh/{copy.token}/"]


def test_a_title_prints_its_own_wording_from_the_catalogue(cast, tree, an):
    record = make_record(an, "LDTT", number="30/QĐ-UBND", body="Chủ tịch Ủy ban nhân dân xã Hạ Hòa")
    [paper] = certificates.issue_certificates([record], actor=cast.alice)
    [text] = pdf_pages_text(render_certificate_pdf(paper))
    assert "GIẤY CHỨNG NHẬN" in text and "Đạt danh hiệu Lao động tiên tiến năm 2025." in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HẠ HÒA" in text and "Hạ Hòa, ngày 05 tháng 02 năm 2026" in text


def test_an_admins_wording_replaces_the_seeded_one_from_its_date(cast, tree, an):
    record = make_record(an, "GIAY_KHEN", number="8/QĐ-UBND", body="Chủ tịch Ủy ban nhân dân xã Hạ Hòa")
    CertificateWording.objects.create(award=record.award, verb="TẶNG", heading="GIẤY KHEN",
                                      merit="Đã có thành tích trong phong trào Toàn dân đoàn kết",
                                      valid_from=datetime.date(2026, 1, 1))
    [paper] = certificates.issue_certificates([record], actor=cast.alice)
    [text] = pdf_pages_text(render_certificate_pdf(paper))
    assert "Đã có thành tích trong phong trào Toàn dân đoàn kết năm 2025." in text


def test_a_collective_is_named_by_its_unit(cast, tree):
    [paper] = certificates.issue_certificates([make_record(tree.van_phong)], actor=cast.alice)
    [text] = pdf_pages_text(render_certificate_pdf(paper))
    assert "Văn phòng HĐND và UBND xã Hạ Hòa" in text and "Ông" not in text


def test_a_decision_prints_one_page_per_paper_in_one_file(cast, tree):
    records = [make_record(p) for p in recipients(tree.ha_hoa, 5)]
    papers = certificates.issue_certificates(records, actor=cast.alice)
    data = render_certificates_pdf(papers)
    pages = pdf_pages_text(data)
    assert len(pages) == 5
    for page, paper in zip(pages, papers):
        assert paper.record.person.full_name in page and f"Số: {paper.serial}" in page
    assert qr_texts(data, page=3) == [f"http://127.0.0.1:8000/xac-minh/{papers[3].token}/"]


def test_dates_are_written_as_officials_write_them():
    assert dates.in_words(datetime.date(2025, 2, 5)) == "ngày 05 tháng 02 năm 2025"
    assert dates.in_words(datetime.date(2025, 11, 20)) == "ngày 20 tháng 11 năm 2025"


def test_the_command_prints_a_whole_decision_to_a_file(cast, tree, tmp_path):
    from django.core.management import call_command

    records = [make_record(p, number="300/QĐ-UBND") for p in recipients(tree.ha_hoa, 2)]
    out = tmp_path / "qd-300.pdf"
    call_command("print_certificates", str(out), decision="300/QĐ-UBND", body=records[0].issuing_body,
                 username="alice")
    pages = pdf_pages_text(out.read_bytes())
    assert len(pages) == 2 and all(c.issued_by == cast.alice for c in certificates.issue_certificates(records,
                                                                                                      actor=cast.alice))


def test_a_decision_of_two_awards_prints_each_paper_with_its_own_wording(cast, tree):
    people = recipients(tree.ha_hoa, 40)
    records = [make_record(p, "BK_TINH" if i % 2 else "LDTT") for i, p in enumerate(people)]
    papers = certificates.issue_certificates(records, actor=cast.alice)
    data = render_certificates_pdf(papers)
    pages = pdf_pages_text(data)
    assert len(pages) == 40
    for i, (page, paper) in enumerate(zip(pages, papers)):
        assert paper.record.person.full_name in page and f"Số: {paper.serial}" in page
        assert ("BẰNG KHEN" if i % 2 else "GIẤY CHỨNG NHẬN") in page
    assert PdfReader(io.BytesIO(data)).metadata.title == "40 giấy khen"
    assert qr_texts(data, page=39) == [f"http://127.0.0.1:8000/xac-minh/{papers[39].token}/"]


def test_one_paper_is_titled_by_its_name_and_recipient(cast, tree, an):
    [paper] = certificates.issue_certificates([make_record(an)], actor=cast.alice)
    assert PdfReader(io.BytesIO(render_certificate_pdf(paper))).metadata.title == "BẰNG KHEN — Ông Nguyễn Văn An"
