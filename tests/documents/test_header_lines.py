"""A body's name too wide for the header's left column is broken where an official breaks it, in PDF and Word."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from campaigns.documents.common import HEADER_ISSUER_PT, HEADER_LEFT, fit_header_line, text_width_mm

from awards.documents.council_minutes import render_minutes_docx, render_minutes_pdf

from tests.awards.council_factories import make_council, open_session, reviewed_packet
from tests.awards.dossier_factories import R, official


@pytest.mark.parametrize("name, lines", [
    ("ỦY BAN NHÂN DÂN", ["ỦY BAN NHÂN DÂN"]),
    ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", ["HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG"]),
    ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH BẮC GIANG", ["HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG", "TỈNH BẮC GIANG"]),
    ("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH BẮC KẠN", ["VĂN PHÒNG", "ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN"]),
    ("TRƯỜNG TRUNG HỌC CƠ SỞ THỊ TRẤN HẠ HÒA", ["TRƯỜNG TRUNG HỌC CƠ SỞ", "THỊ TRẤN HẠ HÒA"]),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]),
])
def test_a_wide_name_breaks_after_the_dash_or_before_the_place_and_never_inside_a_set_phrase(name, lines):
    assert fit_header_line(name) == lines
    assert all(text_width_mm(line, HEADER_ISSUER_PT, bold=True) <= HEADER_LEFT for line in lines)


def test_a_single_word_wider_than_the_column_stays_whole():
    assert fit_header_line("X" * 60) == ["X" * 60]


@pytest.mark.django_db
def test_the_council_minutes_print_the_council_on_two_whole_lines_in_pdf_and_word(cast, tree, central,
                                                                                   province_clerk):
    cast.tree, cast.phuong = tree, province_clerk
    cast.sarah = official("sarah", tree.phu_tho, R.SECRETARY)
    cast.council = make_council(tree.phu_tho)
    reviewed_packet(cast, tree.ha_hoa, ["Nguyễn Văn An"])
    session = open_session(cast)
    first_page = PdfReader(io.BytesIO(render_minutes_pdf(session))).pages[0].extract_text().splitlines()
    assert "HỘI ĐỒNG THI ĐUA -" in [line.strip() for line in first_page]
    assert not any(line.strip().endswith("KHEN") for line in first_page)
    header = Document(io.BytesIO(render_minutes_docx(session))).tables[0].cell(0, 0).text
    assert "HỘI ĐỒNG THI ĐUA -\nKHEN THƯỞNG" in header
