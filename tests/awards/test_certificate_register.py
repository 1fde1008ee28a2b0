"""The certificate register: filters by year, issuing body and state, search without diacritics, paging at a
fixed query count, and the Excel file of the filtered register opened back."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import AwardRecord
from awards.services import certificates

from tests.awards.certificate_factories import PROVINCE_CHAIR, make_record, recipients
from tests.conftest import make_person

pytestmark = pytest.mark.django_db
URL = reverse("awards:certificate_list")
XLSX_URL = reverse("awards:certificate_register_xlsx")


@pytest.fixture
def papers(cast, tree):
    hoa = make_person("Đặng Thị Hường", tree.ha_hoa)
    tam = make_person("Lê Văn Tám", tree.ha_hoa)
    mai = make_person("Phạm Thị Mai", tree.ha_hoa)
    [first, second, third] = certificates.issue_certificates(
        [make_record(hoa), make_record(tam), make_record(mai, number="7/QĐ-UBND", body="Chủ tịch UBND huyện Hạ Hòa")],
        actor=cast.alice)
    copy = certificates.reissue_certificate(first, actor=cast.alice, reason="Giấy bị hỏng do ngập nước")
    AwardRecord.objects.filter(pk=second.record_id).update(revoked_on=datetime.date(2026, 6, 1))
    first.refresh_from_db()
    return {"replaced": first, "copy": copy, "revoked": second, "other_body": third}


def page(client, **params):
    return client.get(URL, params).content.decode()


def test_it_shows_each_state_with_the_serial_that_replaced_a_paper(client, login, cast, papers):
    html = page(login(cast.alice))
    assert "Các giấy đã cấp (4)" in html
    link = reverse("awards:record_certificates", args=[papers["copy"].record_id])
    assert f'đã được thay bằng số <a href="{link}">{papers["copy"].serial}</a>' in html
    assert "khen thưởng đã hủy bỏ ngày 01/06/2026" in html and "Bản cấp lại lần 1" in html


@pytest.mark.parametrize("state, expected", [("con-gia-tri", {"copy", "other_body"}), ("da-cap-lai", {"replaced"}),
                                             ("da-huy-bo", {"revoked"})])
def test_it_filters_by_state(client, login, cast, papers, state, expected):
    html = page(login(cast.alice), tinh_trang=state)
    cell = '{}</a></td>\n      <td data-label="Đối tượng">'
    shown = {name for name, paper in papers.items() if cell.format(paper.serial) in html}
    assert shown == expected


def test_it_filters_by_issuing_body_and_year(client, login, cast, papers):
    client = login(cast.alice)
    html = page(client, co_quan="Chủ tịch UBND huyện Hạ Hòa")
    assert "Các giấy đã cấp (1)" in html and "Phạm Thị Mai" in html
    assert "Các giấy đã cấp (3)" in page(client, co_quan=PROVINCE_CHAIR)
    assert "Các giấy đã cấp (4)" in page(client, nam=papers["copy"].issued_on.year)
    assert "Không có giấy khen nào khớp bộ lọc." in page(client, nam=2001)


@pytest.mark.parametrize("query", ["huong", "DANG THI HUONG", "Hường"])
def test_it_finds_papers_by_name_without_diacritics(client, login, cast, papers, query):
    html = page(login(cast.alice), q=query)
    assert "Các giấy đã cấp (2)" in html and "Lê Văn Tám" not in html


def test_it_finds_a_paper_by_its_serial(client, login, cast, papers):
    html = page(login(cast.alice), q=papers["other_body"].serial)
    assert "Các giấy đã cấp (1)" in html and "Phạm Thị Mai" in html


def test_the_excel_register_holds_the_filtered_papers(client, login, cast, papers):
    response = login(cast.alice).get(XLSX_URL, {"tinh_trang": "da-cap-lai"})
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book["Sổ cấp giấy khen"].iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Số giấy", "Đối tượng") and len(rows) == 2
    assert rows[1][1] == papers["replaced"].serial and rows[1][2] == "Đặng Thị Hường"
    assert f"đã được thay bằng số {papers['copy'].serial}" in rows[1][9]
    about = [row[0] for row in book["Thông tin"].iter_rows(values_only=True)]
    assert about == ["SỔ CẤP GIẤY KHEN", "Số giấy: 1"]


def test_the_excel_register_of_an_outsider_is_empty(client, login, cast, papers):
    response = login(cast.olga).get(XLSX_URL)
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert len(list(book["Sổ cấp giấy khen"].iter_rows(values_only=True))) == 1


def test_it_pages_at_a_fixed_query_count(client, login, cast, tree, papers, django_assert_num_queries):
    client = login(cast.alice)
    page(client)
    with django_assert_num_queries(11):
        page(client)
    certificates.issue_certificates([make_record(p) for p in recipients(tree.ha_hoa, 60)], actor=cast.alice)
    with django_assert_num_queries(11):
        first = page(client)
    with django_assert_num_queries(11):
        second = page(client, trang=2)
    assert "Các giấy đã cấp (64)" in first and "Trang 1 / 2" in first and "Trang 2 / 2" in second
    assert second.count('<td data-label="Số">') == 14
