"""The library of legal documents: which bases a unit's documents cite on a day, and how each is written."""

import datetime

import pytest

from awards.models import LegalDocument
from awards.rules.legal import PROPOSAL, basis_lines, legal_bases

pytestmark = pytest.mark.django_db
D = datetime.date
ON = D(2026, 3, 10)
QUY_CHE_FROM = D(2025, 9, 1)


def quy_che(unit, *, valid_from=QUY_CHE_FROM, valid_to=None, number="25/2025/QĐ-UBND"):
    return LegalDocument.objects.create(
        kind="Quyết định", number=number, signed_on=D(2025, 8, 20), issuer="Ủy ban nhân dân tỉnh Phú Thọ",
        title="ban hành Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh Phú Thọ", role="local_rules",
        unit=unit, valid_from=valid_from, valid_to=valid_to)


def test_a_commune_decision_cites_the_local_government_law_then_the_emulation_law_and_decree(tree):
    assert basis_lines(tree.ha_hoa, ON) == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng;",
    ]


def test_a_proposal_and_a_department_do_not_cite_the_local_government_law(tree):
    assert [row.number for row in legal_bases(tree.ha_hoa, ON, PROPOSAL)] == ["06/2022/QH15", "152/2025/NĐ-CP"]
    assert [row.number for row in legal_bases(tree.so_noi_vu, ON)] == ["06/2022/QH15", "152/2025/NĐ-CP"]


def test_a_basis_out_of_force_on_the_day_is_left_out(tree):
    assert [row.number for row in legal_bases(tree.ha_hoa, D(2025, 2, 28))] == [
        "77/2015/QH13", "06/2022/QH15", "98/2023/NĐ-CP"]
    assert [row.number for row in legal_bases(tree.ha_hoa, D(2025, 3, 1))] == [
        "65/2025/QH15", "06/2022/QH15", "98/2023/NĐ-CP"]
    assert [row.number for row in legal_bases(tree.ha_hoa, D(2025, 6, 16))] == [
        "72/2025/QH15", "06/2022/QH15", "98/2023/NĐ-CP"]
    assert [row.number for row in legal_bases(tree.ha_hoa, D(2023, 12, 15), PROPOSAL)] == [
        "15/2003/QH11", "91/2017/NĐ-CP"]


def test_a_provinces_quy_che_holds_under_that_province_only_and_while_in_force(tree):
    quy_che(tree.phu_tho)

    assert "25/2025/QĐ-UBND" in [row.number for row in legal_bases(tree.van_phong, ON)]
    assert "25/2025/QĐ-UBND" in [row.number for row in legal_bases(tree.phu_tho, ON)]
    assert "25/2025/QĐ-UBND" not in [row.number for row in legal_bases(tree.nha_trang, ON)]
    assert "25/2025/QĐ-UBND" not in [row.number for row in legal_bases(tree.ha_hoa, D(2025, 8, 31))]
    assert basis_lines(tree.ha_hoa, ON)[-1] == (
        "Căn cứ Quyết định số 25/2025/QĐ-UBND ngày 20 tháng 8 năm 2025 của Ủy ban nhân dân tỉnh Phú Thọ ban hành "
        "Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh Phú Thọ;")


def test_the_bases_are_read_in_one_query(tree, django_assert_num_queries):
    quy_che(tree.phu_tho)
    with django_assert_num_queries(1):
        assert len(legal_bases(tree.ha_hoa, ON)) == 4


def test_a_quy_che_added_in_the_admin_is_cited_by_that_provinces_tờ_trình_and_not_anothers(login, cast, tree):
    from django.urls import reverse

    from awards.documents import render_proposal_docx, render_proposal_pdf
    from awards.models import AwardType
    from awards.services import nominations

    from tests.awards.test_dossier_documents import annual_list, docx_text, pdf_text
    from tests.conftest import make_person

    response = login(cast.root).post(reverse("admin:awards_legaldocument_add"), {
        "kind": "Quyết định", "number": "25/2025/QĐ-UBND", "signed_on": "2025-08-20",
        "issuer": "Ủy ban nhân dân tỉnh Phú Thọ",
        "title": "ban hành Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh Phú Thọ",
        "role": "local_rules", "unit": tree.phu_tho.pk, "valid_from": "2025-09-01", "valid_to": "",
        "certainty": "V", "note": ""})
    assert response.status_code == 302
    cited = ("Căn cứ Quyết định số 25/2025/QĐ-UBND ngày 20 tháng 8 năm 2025 của Ủy ban nhân dân tỉnh Phú Thọ ban "
             "hành Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh Phú Thọ;")
    an = make_person("Nguyễn Văn An", tree.van_phong)
    here = annual_list(cast, tree, an, 2025, code="LDTT", submitted=D(2025, 12, 15)).nomination_list
    elsewhere = nominations.create_list(actor=cast.olga, unit=tree.nha_trang, year=2025, title="Đề nghị năm 2025")
    nominations.add_line(elsewhere, actor=cast.olga, person=make_person("Lê Văn Cường", tree.nha_trang),
                         award=AwardType.objects.get(code="BK_TINH"))

    assert cited in pdf_text(render_proposal_pdf(here))
    assert cited in docx_text(render_proposal_docx(here))
    assert "25/2025/QĐ-UBND" not in pdf_text(render_proposal_pdf(elsewhere))
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in docx_text(render_proposal_docx(elsewhere))
