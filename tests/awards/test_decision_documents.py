"""The decision printed: Decree 30 parts in order, the attached list grouped by award, PDF and Word read back."""

import datetime
import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from units import dates
from units.models import User

from awards.documents.decision import render_decision_docx, render_decision_pdf
from awards.models import Decision
from awards.services import decisions, dossiers

from tests.awards.decision_factories import draft
from tests.awards.dossier_factories import R, approve_all, make_list, official, people, refresh, submit

pytestmark = pytest.mark.django_db
D = datetime.date


def settle(cast, tree, entries):
    [packet] = submit(make_list(tree.ha_hoa, cast.alice, entries), cast.alice)
    dossiers.receive_dossier(packet, actor=cast.phuong)
    approve_all(packet, cast.carol)
    dossiers.settle_dossier(packet, actor=cast.dave)
    return refresh(packet)


@pytest.fixture
def decision(cast, tree, central, province_clerk):
    cast.phuong = province_clerk
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    settle(cast, tree, [(an, "BK_TINH"), (tree.van_phong, "BK_TINH"), (binh, "CSTD_BT")])
    return draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho), number=5,
                 sign_prefix="KT.", sign_on_behalf="Chủ tịch", signer_title="Phó Chủ tịch",
                 signer_name="Trần Duy Đông", recipients="- Như Điều 3;\n- Lưu: VT, NV.")


def flat(text):
    return " ".join(text.split())


def pdf_pages(data):
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def test_dates_are_written_as_officials_write_them():
    assert dates.in_words(D(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert dates.in_words(D(2026, 11, 20)) == "ngày 20 tháng 11 năm 2026"


def test_the_pdf_carries_the_decree_30_parts_in_order_and_the_list_on_its_own_pages(decision):
    decision = decisions.issue_decision(decision, actor=User.objects.get(username="dave"))
    pages = pdf_pages(decision.issued_pdf.open("rb").read())
    order = ["ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "Số: 05/QĐ-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Phú Thọ, ngày 05 tháng 3 năm 2026", "QUYẾT ĐỊNH", "Về việc", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ",
             "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
             "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
             "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ", "QUYẾT ĐỊNH:", "Điều 1.",
             "Khen thưởng 01 tập thể và 02 cá nhân (có danh sách kèm theo)", "Điều 2.", "Điều 3."]
    body = " ".join(pages)
    positions = [body.find(part) for part in order]
    assert -1 not in positions, [part for part in order if part not in body]
    assert positions == sorted(positions)
    assert "Nơi nhận:" in body and "KT. CHỦ TỊCH" in body and "PHÓ CHỦ TỊCH" in body and "Trần Duy Đông" in body
    annex = [page for page in pages if "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG" in page]
    assert annex and "Điều 1." not in annex[0]
    assert ("(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 3 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh "
            "Phú Thọ)") in annex[0]
    assert re.search(r"I\. CHIẾN SĨ THI ĐUA BỘ, BAN, NGÀNH, TỈNH \(01 cá nhân\).*Trần Thị Bình.*"
                     r"II\. BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH \(01 tập thể và 01 cá nhân\).*"
                     r"Văn phòng HĐND và UBND xã Hạ Hòa.*Nguyễn Văn An", annex[0])


def test_the_word_file_says_the_same(decision):
    decision = decisions.issue_decision(decision, actor=User.objects.get(username="dave"))
    text = "\n".join(p.text for p in Document(io.BytesIO(render_decision_docx(decision))).paragraphs)
    for part in ("QUYẾT ĐỊNH", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "QUYẾT ĐỊNH:", "Điều 1.", "Điều 3.",
                 "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG", "I. CHIẾN SĨ THI ĐUA BỘ, BAN, NGÀNH, TỈNH"):
        assert part in text
    document = Document(io.BytesIO(render_decision_docx(decision)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Nguyễn Văn An" in cells and "Số: 05/QĐ-UBND" in " ".join(cells) and "KT. CHỦ TỊCH" in " ".join(cells)


def test_a_draft_without_a_number_leaves_its_place_blank(decision):
    Decision.objects.filter(pk=decision.pk).update(number=None)
    first = pdf_pages(render_decision_pdf(Decision.objects.get(pk=decision.pk)))[0]
    assert "Số: /QĐ-UBND" in first


def test_a_long_decision_lists_every_line_on_the_pages_after_the_decision(cast, tree, central):
    # How long 200 lines take is measured by ``manage.py benchmark --dossiers``, not here.
    cast.phuong = official("phuong", tree.phu_tho, R.CLERK)
    persons = people(tree.ha_hoa, [f"Nguyễn Văn Số {i}" for i in range(60)])
    settle(cast, tree, [(person, "BK_TINH") for person in persons])
    issued = decisions.issue_decision(draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho)),
                                      actor=cast.dave)
    assert issued.records.count() == 60
    pages = pdf_pages(issued.issued_pdf.open("rb").read())
    assert len(pages) > 2 and "Nguyễn Văn Số 59" in " ".join(pages) and "(60 cá nhân)" in " ".join(pages)
