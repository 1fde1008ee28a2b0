"""Which kinds of unit cite a legal document: a row's list of kinds, not a rule in code.

A People's Committee cites the law on local government, a ministry the law on the Government, a department
(Sở) neither; a ministry's own decree on its functions is a row the administrator adds for that ministry.
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from units.models import Unit, User

from awards.admin.legal import LegalDocumentForm
from awards.documents.decision import render_decision_pdf
from awards.models import Decision, LegalDocument
from awards.rules.legal import PROPOSAL, basis_lines, legal_bases
from awards.services import decisions

from tests.awards.test_decision_documents import flat, pdf_pages
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db
D = datetime.date
ON = D(2026, 3, 10)
GOVERNMENT_LAW = "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;"
LOCAL_LAW = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
FUNCTIONS = ("Căn cứ Nghị định số 25/2025/NĐ-CP ngày 21 tháng 02 năm 2025 của Chính phủ quy định chức năng, nhiệm "
             "vụ, quyền hạn và cơ cấu tổ chức của Bộ Nội vụ;")


@pytest.fixture
def ministry(db):
    return make_unit("Bộ Nội vụ", Unit.Kind.MINISTRY)


def functions_decree(ministry, kinds):
    return LegalDocument.objects.create(
        kind="Nghị định", number="25/2025/NĐ-CP", signed_on=D(2025, 2, 21), issuer="Chính phủ",
        title="quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Nội vụ", role="organisation",
        unit=ministry, unit_kinds=kinds, valid_from=D(2025, 3, 1))


def test_a_ministrys_decision_cites_the_government_law_and_not_the_local_government_one(tree, ministry):
    lines = basis_lines(ministry, ON)

    assert lines[0] == GOVERNMENT_LAW
    assert LOCAL_LAW not in lines
    assert [row.number for row in legal_bases(ministry, D(2024, 6, 1))][0] == "76/2015/QH13"
    assert basis_lines(ministry, D(2024, 6, 1))[0] == "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"


def test_a_provinces_peoples_committee_cites_the_local_government_law_and_not_the_government_one(tree):
    lines = basis_lines(tree.phu_tho, ON)

    assert lines[0] == LOCAL_LAW
    assert GOVERNMENT_LAW not in lines


def test_a_department_cites_neither_organisation_law_and_a_proposal_none(tree, ministry):
    for unit in (tree.so_noi_vu, tree.van_phong):
        assert [row.number for row in legal_bases(unit, ON)] == ["06/2022/QH15", "152/2025/NĐ-CP"]
    assert [row.number for row in legal_bases(ministry, ON, PROPOSAL)] == ["06/2022/QH15", "152/2025/NĐ-CP"]


def test_a_row_added_for_a_ministry_with_its_own_kinds_is_cited_by_that_ministry_only(tree, ministry):
    functions_decree(ministry, [Unit.Kind.MINISTRY])
    department = make_unit("Vụ Thi đua, Khen thưởng", Unit.Kind.OFFICE, ministry)
    other = make_unit("Bộ Tài chính", Unit.Kind.MINISTRY)

    assert basis_lines(ministry, ON)[:2] == [GOVERNMENT_LAW, FUNCTIONS]
    assert FUNCTIONS not in basis_lines(department, ON)  # under the ministry, but not of a listed kind
    assert FUNCTIONS not in basis_lines(other, ON)  # of the kind, but not under the ministry
    assert FUNCTIONS not in basis_lines(tree.phu_tho, ON)


def test_a_row_without_kinds_is_cited_by_every_kind_of_unit_in_its_scope(tree, ministry):
    functions_decree(ministry, [])
    department = make_unit("Vụ Thi đua, Khen thưởng", Unit.Kind.OFFICE, ministry)

    assert FUNCTIONS in basis_lines(ministry, ON)
    assert FUNCTIONS in basis_lines(department, ON)


def test_the_kinds_are_read_in_the_same_single_query(tree, ministry, django_assert_num_queries):
    functions_decree(ministry, [Unit.Kind.MINISTRY])
    with django_assert_num_queries(1):
        assert len(legal_bases(ministry, ON)) == 4


def test_a_kind_outside_the_list_of_units_is_refused(ministry):
    row = functions_decree(ministry, [Unit.Kind.MINISTRY])
    row.unit_kinds = ["ministry", "bộ"]
    with pytest.raises(ValidationError, match="Loại đơn vị không có trong danh mục: bộ."):
        row.full_clean()
    row.unit_kinds = ["ministry", "ministry"]
    with pytest.raises(ValidationError, match="Mỗi loại đơn vị chỉ chọn một lần."):
        row.full_clean()
    row.unit_kinds = "ministry"
    with pytest.raises(ValidationError, match="phải là một danh sách"):
        row.full_clean()
    form = LegalDocumentForm(data={"kind": "Luật", "title": "Tổ chức Chính phủ", "role": "organisation",
                                   "unit_kinds": ["ministry", "bộ"], "certainty": "K"})
    assert not form.is_valid()
    assert form.errors["unit_kinds"] == ["Loại đơn vị “bộ” không có trong danh mục."]


def test_the_admin_shows_the_kinds_as_labelled_checkboxes_and_saves_the_ticked_ones(login, cast, tree, ministry):
    row = LegalDocument.objects.get(number="63/2025/QH15")
    client = login(cast.root)

    page = client.get(reverse("admin:awards_legaldocument_change", args=[row.pk])).content.decode()
    assert 'type="checkbox" name="unit_kinds" value="ministry"' in page
    assert "Bộ, ngành Trung ương" in page and "Đặc khu" in page
    assert page.count('name="unit_kinds"') == len(Unit.Kind.values)
    ticked = re.findall(r'<input type="checkbox" name="unit_kinds" value="(\w+)"[^>]* checked>', page)
    assert ticked == ["central", "ministry"]  # as seeded

    response = client.post(reverse("admin:awards_legaldocument_change", args=[row.pk]), {
        "kind": "Luật", "number": "63/2025/QH15", "signed_on": "2025-02-18", "issuer": "", "title": "Tổ chức Chính phủ",
        "role": "organisation", "unit": "", "unit_kinds": ["central", "ministry", "enterprise"],
        "valid_from": "2025-03-01", "valid_to": "", "certainty": "K", "note": ""})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.unit_kinds == ["central", "ministry", "enterprise"]  # in the order of the list of kinds
    enterprise = make_unit("Tổng công ty Bưu điện", Unit.Kind.ENTERPRISE)
    assert basis_lines(enterprise, ON)[0] == GOVERNMENT_LAW

    listing = client.get(reverse("admin:awards_legaldocument_changelist")).content.decode()
    assert "Cơ quan Trung ương, Bộ, ngành Trung ương, Doanh nghiệp" in listing
    assert "Mọi loại đơn vị" in listing


def test_a_ministrys_quyết_định_pdf_cites_the_government_law(tree, ministry):
    fields = decisions.draft_defaults(ministry, [], on=ON)
    decision = Decision.objects.create(issuing_unit=ministry, created_by=User.objects.create_user(username="minh"),
                                       **{**fields, "signer_name": "Nguyễn Văn Minh"})

    text = flat(" ".join(pdf_pages(render_decision_pdf(decision))))
    assert "BỘ NỘI VỤ" in text
    assert GOVERNMENT_LAW in text
    assert "chính quyền địa phương" not in text
    assert text.index(GOVERNMENT_LAW) < text.index("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
