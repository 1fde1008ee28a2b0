"""A provincial Department of Education's school-year plan, given as Word with its header and
signature in two-column tables as offices type them, imported whole and printed back."""

import io
import re
from pathlib import Path

import docx
import pytest

from units.models import Unit

from campaigns.markup import parse_inline
from campaigns.models import Plan
from campaigns.plan_import import import_plan_file, plan_as_dict, read_plan_text

from tests.campaigns.test_import_plan import assert_printed_in_order
from tests.conftest import make_unit

K = Unit.Kind
TEXT = (Path(__file__).parent / "plans" / "so-gddt-phu-tho-2024-2025.txt").read_text(encoding="utf-8")


def _runs(paragraph, block, **style):
    for run in parse_inline(block):
        for i, part in enumerate(run.text.split("\n")):
            if i:
                paragraph.add_run().add_break()
            if part:
                piece = paragraph.add_run(part)
                piece.bold = run.bold or style.get("bold") or None
                piece.italic = run.italic or style.get("italic") or None


def _cell(cell, lines, **style):
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        _runs(cell.paragraphs[0] if i == 0 else cell.add_paragraph(), line, **style)


def plan_as_word(text) -> bytes:
    """The plan as Word holds it: the header in a two-row, two-column table (issuer | national motto,
    number | place and date), the body in paragraphs, "Nơi nhận:" beside the signature in a second table."""
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]
    issuer, motto, number, place_date = blocks[:4]
    signing_at = next(i for i, b in enumerate(blocks) if b.startswith("Nơi nhận:"))
    body, recipients, signature = blocks[4:signing_at], blocks[signing_at], blocks[signing_at + 1:]
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    _cell(header.cell(0, 0), issuer.split("\n"))
    _cell(header.cell(0, 1), motto.split("\n"), bold=True)
    _cell(header.cell(1, 0), [number])
    _cell(header.cell(1, 1), [place_date], italic=True)
    for block in body:
        _runs(document.add_paragraph(), block)
    footer = document.add_table(rows=1, cols=2)
    _cell(footer.cell(0, 0), recipients.split("\n"))
    _cell(footer.cell(0, 1), [line for block in signature for line in block.split("\n")], bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


EXPECTED = {
    "superior_body": "UBND TỈNH PHÚ THỌ", "issuer_name": "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "number": None,
    "symbol": "KH-SGDĐT", "place": "Phú Thọ", "issue_year": 2024, "issue_month": 9, "issue_day": 20,
    "doc_type": "KẾ HOẠCH", "title": "Tổ chức phong trào thi đua năm học 2024-2025", "theme": "",
    "closing": "Trên đây là Kế hoạch tổ chức phong trào thi đua năm học 2024-2025 của Sở Giáo dục và Đào tạo./.",
    "kind": "regular", "period": {"start": "2024-09-05", "end": "2025-05-31"},
    "dossier_place": "Văn phòng Sở", "dossier_deadline": "2025-06-10",
    "references": [
        {"kind": "basis", "doc_type": "Luật", "doc_number": "", "doc_date": "2022-06-15", "issuer": "",
         "text": "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"},
        {"kind": "basis", "doc_type": "Thông tư", "doc_number": "21/2020/TT-BGDĐT", "doc_date": "2020-07-31",
         "issuer": "Bộ trưởng Bộ Giáo dục và Đào tạo",
         "text": "Thông tư số 21/2020/TT-BGDĐT ngày 31/7/2020 của Bộ trưởng Bộ Giáo dục và Đào tạo hướng dẫn công "
                 "tác thi đua, khen thưởng ngành Giáo dục"},
        {"kind": "implements", "doc_type": "Kế hoạch", "doc_number": "3120/KH-UBND", "doc_date": "2024-09-05",
         "issuer": "Ủy ban nhân dân tỉnh Phú Thọ",
         "text": "Kế hoạch số 3120/KH-UBND ngày 05/9/2024 của Ủy ban nhân dân tỉnh Phú Thọ"}],
    "recipients": ["Gửi bản điện tử:", "- UBND tỉnh (để b/c);", "- Ban Thi đua - Khen thưởng tỉnh;",
                   "- Các trường THPT, trung tâm trực thuộc;", "Gửi bản giấy:", "- Lưu: VT, VP."],
    "signature": {"prefix": "KT.", "on_behalf": "GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Đỗ Thị Thu Hà"},
    "dossier_requirements": [
        {"name": "Tờ trình đề nghị khen thưởng", "form_reference": "", "copies": 1},
        {"name": "Biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị", "form_reference": "", "copies": 1},
        {"name": "Báo cáo thành tích", "form_reference": "Mẫu số 02 kèm theo Nghị định số 98/2023/NĐ-CP",
         "copies": 1}],
    "milestones": [],
}
SECTIONS = [
    (1, "I.", "MỤC ĐÍCH, YÊU CẦU", "purpose"), (2, "1.", "", "purpose"), (2, "2.", "", "purpose"),
    (1, "II.", "NỘI DUNG THI ĐUA", "content"), (2, "1.", "", "content"), (2, "2.", "", "content"),
    (1, "III.", "THỜI GIAN THI ĐUA", "period"), (1, "IV.", "HÌNH THỨC KHEN THƯỞNG", "awards"),
    (2, "1.", "Bằng khen của Chủ tịch UBND tỉnh", "awards"),
    (2, "2.", "Giấy khen của Giám đốc Sở Giáo dục và Đào tạo", "awards"),
    (1, "V.", "HỒ SƠ, THỜI HẠN", "dossier"), (1, "VI.", "TỔ CHỨC THỰC HIỆN", "assignments")]
# The quotas are written in words: "không quá hai tập thể", "không quá bốn cá nhân".
TIERS = [
    {"award_name": "Bằng khen của Chủ tịch UBND tỉnh", "authority": "Chủ tịch UBND tỉnh", "for_collectives": True,
     "for_individuals": True, "for_households": False, "quota": 2, "quota_note": "không quá hai tập thể",
     "section_position": 90},
    {"award_name": "Giấy khen của Giám đốc Sở Giáo dục và Đào tạo", "authority": "Giám đốc Sở Giáo dục và Đào tạo",
     "for_collectives": False, "for_individuals": True, "for_households": False, "quota": 4,
     "quota_note": "không quá bốn cá nhân", "section_position": 100}]


@pytest.fixture
def department(db):
    province = make_unit("Tỉnh Phú Thọ", K.PROVINCE, code="25")
    return make_unit("Sở Giáo dục và Đào tạo tỉnh Phú Thọ", K.DEPARTMENT, province)


def test_the_header_table_reads_as_its_two_columns_in_order():
    text = read_plan_text(plan_as_word(TEXT))
    assert text.index("SỞ GIÁO DỤC VÀ ĐÀO TẠO") < text.index("CỘNG HÒA") < text.index("Số: 1875/KH-SGDĐT") \
        < text.index("Phú Thọ, ngày 20") < text.index("KẾ HOẠCH")


def test_a_word_school_year_plan_imports_every_field_like_its_text(department):
    from_word, report = import_plan_file(data=plan_as_word(TEXT), filename="kh-thi-dua-2024-2025.docx",
                                         unit=department)
    from_text, _ = import_plan_file(data=TEXT.encode(), filename="kh.txt", unit=department)
    data = plan_as_dict(from_word)
    assert {k: data[k] for k in EXPECTED} == EXPECTED
    assert [(s["level"], s["number"], s["heading"], s["kind"]) for s in data["sections"]] == SECTIONS
    assert data["award_tiers"] == TIERS
    assert data["preamble"] == "\n\n".join(TEXT.split("\n\n")[6:9]).replace("**", "")
    skip = {"id", "source_file"}
    assert {k: v for k, v in data.items() if k not in skip} == {
        k: v for k, v in plan_as_dict(from_text).items() if k not in skip}
    assert report.recognised["Số, ký hiệu"] == "1875/KH-SGDĐT"  # read; the draft keeps no number
    assert_printed_in_order(re.sub(r"Số: \d+/\S+", "", TEXT), from_word)


def test_a_word_school_year_plan_prints_every_paragraph_in_pdf_and_word(department):
    from campaigns.documents import render_plan_docx, render_plan_pdf

    from tests.campaigns.test_documents import assert_in_order, body_text, open_pdf, squash
    from tests.campaigns.test_seed_printing import docx_text

    plan, _ = import_plan_file(data=plan_as_word(TEXT), filename="kh.docx", unit=department)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ISSUED)  # as its source was: numbered
    plan = Plan.objects.get(pk=plan.pk)
    paragraphs = [p.replace("*", "") for p in re.split(r"\n\s*\n", TEXT) if p.strip()]
    start = paragraphs.index("KẾ HOẠCH")
    for printed in (body_text(open_pdf(render_plan_pdf(plan))), docx_text(render_plan_docx(plan))):
        for paragraph in paragraphs[:start]:
            if not paragraph.startswith("Số:"):
                assert squash(paragraph) in printed, paragraph
        assert "/KH-SGDĐT" in printed
        assert_in_order(printed, paragraphs[start:])
