"""The plan text parser and the .docx reader, without the database."""

import datetime
import io
from types import SimpleNamespace

import docx
import pytest

from campaigns.importing import parse_plan_text, read_docx, split_paragraphs
from campaigns.importing_dates import format_span, parse_count, parse_date, parse_period
from campaigns.importing_rules import find_kind, match_award

HEADER = """**ỦY BAN NHÂN DÂN
TỈNH NINH THUẬN**

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc**

Số: 188/KH-UBND

Ninh Thuận, ngày 05 tháng 02 năm 2024

KẾ HOẠCH

Tổ chức phong trào thi đua năm 2024
"""

SIGNING = """
Nơi nhận:

- Sở Nội vụ;
- Lưu: VT.

**KT. CHỦ TỊCH
PHÓ CHỦ TỊCH**

Nguyễn Văn An
"""


def plan_of(body, header=HEADER, signing=SIGNING):
    return parse_plan_text(header + "\n" + body + "\n\n" + signing)


# Header -----------------------------------------------------------------------------------------

def test_it_reads_number_symbol_place_and_full_date():
    plan = plan_of("I. MỤC ĐÍCH\n\nNội dung.")
    assert (plan.number, plan.symbol) == (188, "KH-UBND")
    assert (plan.place, plan.issue_day, plan.issue_month, plan.issue_year) == ("Ninh Thuận", 5, 2, 2024)
    assert plan.issuer_name == "ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN"
    assert plan.doc_type == "KẾ HOẠCH"
    assert plan.title == "Tổ chức phong trào thi đua năm 2024"


def test_it_keeps_the_blanks_of_a_draft_date_and_number():
    plan = parse_plan_text("Số: /KH-UBND\n\nThị trấn Bắc Sơn, ngày    tháng 6 năm 2024\n\nKẾ HOẠCH\n\nTriển khai\n")
    assert (plan.number, plan.symbol) == (None, "KH-UBND")
    assert (plan.place, plan.issue_day, plan.issue_month, plan.issue_year) == ("Thị trấn Bắc Sơn", None, 6, 2024)
    assert "Không nhận ra ngày ban hành (để trống trong văn bản)" in plan.report.not_recognised


def test_it_drops_the_motto_and_reports_it():
    plan = plan_of("I. MỤC ĐÍCH")
    assert "CỘNG HÒA" not in plan.issuer_name + plan.preamble
    assert any("Quốc hiệu" in note for note in plan.report.notes)


def test_a_plain_line_above_a_bold_one_is_the_superior_body():
    plan = parse_plan_text("UBND HUYỆN BẮC SƠN\n**PHÒNG NỘI VỤ**\n\nSố: 12/KH-PNV\n\nBắc Sơn, ngày 01 tháng 3 năm 2024"
                           "\n\nKẾ HOẠCH\n\nThi đua\n")
    assert plan.superior_body == "UBND HUYỆN BẮC SƠN"
    assert plan.issuer_name == "PHÒNG NỘI VỤ"
    assert plan.symbol == "KH-PNV"


def test_it_reads_a_header_table_flattened_with_tabs():
    text = ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN HẠ HÒA\tĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 176/KH-UBND\tHạ Hòa, ngày 14 tháng 02 năm 2022\n\nKẾ HOẠCH\n\nPhát động thi đua\n")
    plan = parse_plan_text(text)
    assert plan.issuer_name == "ỦY BAN NHÂN DÂN\nHUYỆN HẠ HÒA"
    assert (plan.number, plan.place, plan.issue_day, plan.issue_month) == (176, "Hạ Hòa", 14, 2)


def test_a_title_over_several_lines_keeps_its_line_breaks_without_markers():
    plan = parse_plan_text(HEADER.replace("Tổ chức phong trào thi đua năm 2024", "**Thực hiện phong trào\nthi đua**")
                           + "\nCăn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n")
    assert plan.title == "Thực hiện phong trào\nthi đua"
    assert plan.preamble.startswith("Căn cứ Luật")


def test_unknown_header_lines_go_to_the_preamble_with_a_note():
    plan = parse_plan_text("Số: 12/KH-UBND\n\nDỰ THẢO 2\n\nHạ Hòa, ngày 01 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nThi đua\n\n"
                           "I. MỤC ĐÍCH\n")
    assert "DỰ THẢO 2" in plan.preamble
    assert any("DỰ THẢO 2" in note for note in plan.report.notes)


# Body -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, number, heading, level", [
    ("I. MỤC ĐÍCH, YÊU CẦU", "I.", "MỤC ĐÍCH, YÊU CẦU", 1),
    ("1. Mục đích", "1.", "Mục đích", 2),
    ("1. Mục đích:", "1.", "Mục đích:", 2),
    ("2.1. Giấy khen của Chủ tịch UBND huyện", "2.1.", "Giấy khen của Chủ tịch UBND huyện", 3),
    ("1. Thời gian tổ chức đợt thi đua cao điểm: Từ ngày 25/4 đến ngày 30/5/2022", "1.", "", 2),
    ("1. Thi đua học tập, quán triệt, triển khai thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIV, "
     "Kế hoạch phát triển kinh tế - xã hội.", "1.", "", 2),
])
def test_it_tells_headings_from_numbered_body_items(line, number, heading, level):
    section = plan_of(line).sections[0]
    assert (section.number, section.heading, section.level) == (number, heading, level)
    if not heading:
        assert section.body == line.split(" ", 1)[1]


def test_letters_sit_one_level_below_their_parent_and_children_inherit_the_kind():
    plan = plan_of("I. HÌNH THỨC KHEN THƯỞNG\n\n1. Giấy khen\n\n2.1. Bằng khen của Chủ tịch UBND tỉnh\n\n"
                   "a) Đối với tập thể\n\n- Hoàn thành xuất sắc.\n\nb) Thời gian đề nghị khen thưởng\n\n"
                   "II. TỔ CHỨC THỰC HIỆN\n\na) Sở Nội vụ hướng dẫn.")
    rows = [(s.number, s.level, s.kind) for s in plan.sections]
    assert rows == [("I.", 1, "awards"), ("1.", 2, "awards"), ("2.1.", 3, "awards"), ("a)", 4, "awards"),
                    ("b)", 4, "awards"), ("II.", 1, "assignments"), ("a)", 2, "assignments")]
    assert plan.sections[3].body == "- Hoàn thành xuất sắc."


def test_a_heading_naming_several_kinds_takes_the_first_and_children_their_own():
    plan = plan_of("IV. ĐỐI TƯỢNG THI ĐUA, HÌNH THỨC, TIÊU CHUẨN KHEN THƯỞNG\n\n1. Đối tượng thi đua\n\n"
                   "2. Hình thức, tiêu chuẩn khen thưởng")
    assert [s.kind for s in plan.sections] == ["participants", "participants", "awards"]


def test_paragraphs_split_by_a_page_break_are_joined():
    plan = plan_of("I. NỘI DUNG\n\n1. Tổ chức quán triệt các quy định của Ủy ban Thường vụ Quốc hội,\n\n"
                   "các văn bản hướng dẫn thi hành.\n\na) Không nối mục chữ cái")
    assert plan.sections[1].body == ("Tổ chức quán triệt các quy định của Ủy ban Thường vụ Quốc hội, "
                                     "các văn bản hướng dẫn thi hành.")
    assert plan.sections[2].number == "a)"
    assert any("ngắt trang" in note for note in plan.report.notes)


def test_the_closing_is_the_last_unnumbered_paragraph_before_the_recipients():
    plan = plan_of("I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ hướng dẫn.\n\nĐoạn tiếp của mục 1.\n\n"
                   "UBND tỉnh đề nghị các cơ quan thực hiện./.")
    assert plan.closing == "UBND tỉnh đề nghị các cơ quan thực hiện./."
    assert plan.sections[-1].body == "Sở Nội vụ hướng dẫn.\n\nĐoạn tiếp của mục 1."


def test_a_numbered_last_item_is_not_the_closing():
    plan = plan_of("I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ hướng dẫn thực hiện./.")
    assert plan.closing == ""
    assert "Không thấy đoạn kết (…/.)" in plan.report.not_recognised


def test_plain_text_with_one_paragraph_a_line_is_read():
    plan = parse_plan_text("Số: 05/KH-UBND\nHạ Hòa, ngày 02 tháng 01 năm 2023\nKẾ HOẠCH\nThi đua năm 2023\n"
                           "I. MỤC ĐÍCH\nNội dung một.\nNơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn B")
    assert (plan.number, plan.title, plan.sections[0].body) == (5, "Thi đua năm 2023", "Nội dung một.")
    assert (plan.signer_title, plan.signer_name) == ("CHỦ TỊCH", "Nguyễn Văn B")


def test_without_recipients_the_signature_follows_the_closing():
    plan = parse_plan_text(HEADER + "\nI. MỤC ĐÍCH\n\nNội dung.\n\nUBND tỉnh đề nghị thực hiện./.\n\n"
                           "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn E")
    assert (plan.closing, plan.recipients) == ("UBND tỉnh đề nghị thực hiện./.", [])
    assert (plan.sign_prefix, plan.signer_title, plan.signer_name) == ("TM.", "CHỦ TỊCH", "Lê Văn E")
    assert plan.sections[-1].body == "Nội dung."


def test_a_text_without_header_keeps_everything_in_the_body_and_says_what_is_missing():
    plan = parse_plan_text("Nhằm động viên phong trào.\n\nI. MỤC ĐÍCH\n\nNội dung.")
    assert (plan.title, plan.preamble, plan.sections[0].body) == ("", "Nhằm động viên phong trào.", "Nội dung.")
    for text in ("Không nhận ra số, ký hiệu (Số: …/…)", "Không nhận ra trích yếu", "Không thấy nơi nhận"):
        assert text in plan.report.not_recognised


def test_a_title_in_capitals_under_the_type_is_the_title():
    plan = parse_plan_text(HEADER.replace("Tổ chức phong trào thi đua năm 2024", "**THI ĐUA NĂM 2024**")
                           + "\nI. MỤC ĐÍCH\n")
    assert plan.title == "THI ĐUA NĂM 2024"
    assert plan.sections[0].heading == "MỤC ĐÍCH"


# Preamble ---------------------------------------------------------------------------------------

def test_it_finds_two_references_in_one_paragraph_and_the_theme():
    plan = plan_of('Thực hiện Kế hoạch số 46-KH/HU ngày 15/12/2021 của Ban Thường vụ Huyện ủy Hạ Hòa về việc tổ chức '
                   'kỷ niệm (19/5/1947 - 19/5/2022); Kế hoạch số 176/KH-UBND ngày 14/02/2022 của UBND huyện về phát '
                   'động thi đua. UBND huyện phát động với chủ đề: *"Đoàn kết, sáng tạo"*, cụ thể như sau:\n\n'
                   'I. MỤC ĐÍCH')
    first, second = plan.references
    assert (first.kind, first.doc_type, first.doc_number, first.doc_date, first.issuer) == (
        "implements", "Kế hoạch", "46-KH/HU", datetime.date(2021, 12, 15), "Ban Thường vụ Huyện ủy Hạ Hòa")
    assert first.text.endswith("(19/5/1947 - 19/5/2022)")
    assert (second.doc_number, second.doc_date, second.issuer) == ("176/KH-UBND", datetime.date(2022, 2, 14),
                                                                   "UBND huyện")
    assert second.text == "Kế hoạch số 176/KH-UBND ngày 14/02/2022 của UBND huyện về phát động thi đua"
    assert plan.theme == "Đoàn kết, sáng tạo"
    assert plan.preamble.startswith("Thực hiện Kế hoạch số 46-KH/HU")


def test_a_basis_without_a_number_is_one_reference():
    plan = plan_of("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n\nI. MỤC ĐÍCH")
    (reference,) = plan.references
    assert (reference.kind, reference.doc_type, reference.doc_number, reference.doc_date) == (
        "basis", "Luật", "", datetime.date(2022, 6, 15))


# Rules ------------------------------------------------------------------------------------------

def test_it_reads_award_tiers_with_subjects_quota_and_section():
    plan = plan_of("III. HÌNH THỨC KHEN THƯỞNG\n\n1. Khen thưởng hàng năm:\n\n"
                   "a) Xét tặng Bằng khen của Thủ tướng Chính phủ:\n\nĐối với tập thể, cá nhân tiêu biểu.\n\n"
                   "b) Tặng Giấy khen của Chủ tịch UBND huyện cho hộ gia đình tiêu biểu, không quá 01 hộ mỗi thôn.\n\n"
                   "c) Các đơn vị đề nghị Bằng khen của Chủ tịch UBND tỉnh theo quy định.")
    first, second = plan.award_tiers
    assert (first.award_name, first.authority, first.section) == (
        "Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ", 2)
    assert (first.for_collectives, first.for_individuals, first.for_households) == (True, True, False)
    assert (second.award_name, second.authority) == ("Giấy khen của Chủ tịch UBND huyện", "Chủ tịch UBND huyện")
    assert (second.for_collectives, second.for_individuals, second.for_households) == (False, False, True)
    assert (second.quota, second.quota_note) == (1, "không quá 01 hộ mỗi thôn")


def test_it_reads_dossier_requirements_deadline_and_place():
    plan = plan_of("V. HỒ SƠ, THỜI HẠN ĐỀ NGHỊ KHEN THƯỞNG\n\n"
                   "- Tờ trình đề nghị khen thưởng (Mẫu số 01 ban hành kèm theo Nghị định số 98/2023/NĐ-CP); 02 bản.\n"
                   "- Báo cáo thành tích theo Mẫu số 08 ban hành kèm theo Nghị định số 98/2023/NĐ-CP.\n\n"
                   "Hồ sơ gửi về Sở Nội vụ trước ngày 15/11/2025.")
    assert plan.dossier_deadline == datetime.date(2025, 11, 15)
    assert plan.dossier_place == "Sở Nội vụ"
    first, second = plan.dossier_requirements
    assert (first.name, first.form_reference, first.copies) == (
        "Tờ trình đề nghị khen thưởng", "Mẫu số 01 ban hành kèm theo Nghị định số 98/2023/NĐ-CP", 2)
    assert (second.name, second.copies) == ("Báo cáo thành tích", None)


def test_it_reports_each_rule_it_looked_for_in_vain():
    missing = plan_of("I. MỤC ĐÍCH\n\nNội dung.").report.not_recognised
    for text in ("Không thấy thời gian thi đua (Từ ngày … đến ngày …)",
                 "Không thấy hạn nộp hồ sơ đề nghị khen thưởng",
                 "Không thấy danh sách thành phần hồ sơ (Mẫu số …)",
                 "Không thấy hình thức khen thưởng (Giấy khen, Bằng khen …) trong các mục khen thưởng"):
        assert text in missing


def test_it_reads_target_and_review_milestones():
    plan = plan_of("II. MỤC TIÊU\n\nPhấn đấu đến ngày 30/5/2022, hoàn thành từ 50% trở lên các chỉ tiêu. "
                   "Tổ chức tổng kết vào ngày 15/12/2022.")
    assert [(m.kind, m.date) for m in plan.milestones] == [
        ("target", datetime.date(2022, 5, 30)), ("final", datetime.date(2022, 12, 15))]
    assert plan.milestones[0].label == "hoàn thành từ 50% trở lên các chỉ tiêu"


@pytest.mark.parametrize("sentence, expected", [
    ("Các đơn vị báo cáo kết quả thực hiện Kế hoạch về Sở Nội vụ trước ngày 15/11/2025.",
     datetime.date(2025, 11, 15)),
    ("UBND các xã gửi báo cáo kết quả triển khai phong trào về UBND tỉnh (qua Sở Nội vụ) chậm nhất "
     "ngày 05 tháng 12 năm 2025.", datetime.date(2025, 12, 5)),
    ("Định kỳ báo cáo kết quả thực hiện trước ngày 20-6-2026 để tổng hợp.", datetime.date(2026, 6, 20)),
])
def test_it_reads_a_report_deadline_as_a_report_milestone(sentence, expected):
    plan = plan_of(f"IV. TỔ CHỨC THỰC HIỆN\n\n{sentence}")
    assert [(m.kind, m.date) for m in plan.milestones] == [("report", expected)]
    assert plan.milestones[0].label.startswith(sentence[sentence.index("áo cáo") - 1:][:20])


def test_it_does_not_count_a_review_report_twice():
    plan = plan_of("IV. TỔ CHỨC THỰC HIỆN\n\nCác đơn vị báo cáo kết quả sơ kết trước ngày 15/6/2025.")
    assert [(m.kind, m.date) for m in plan.milestones] == [("midterm", datetime.date(2025, 6, 15))]


# Signature --------------------------------------------------------------------------------------

@pytest.mark.parametrize("block, expected", [
    ("**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nNguyễn Long Biên", ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Long Biên")),
    ("**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**\n\nNguyễn Việt Dũng",
     ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Việt Dũng")),
    ("CHỦ TỊCH\n\nNguyễn Hữu Đạt", ("", "", "CHỦ TỊCH", "Nguyễn Hữu Đạt")),
    ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n(Đã ký)\nLê Thị C", ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Lê Thị C")),
    ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH\nTrần Văn D", ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn D")),
])
def test_it_reads_the_signature_block(block, expected):
    plan = plan_of("I. MỤC ĐÍCH", signing="Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n" + block)
    assert (plan.sign_prefix, plan.sign_on_behalf, plan.signer_title, plan.signer_name) == expected
    assert plan.recipients == ["- Như trên;", "- Lưu: VT."]


def test_text_after_the_signature_goes_into_the_last_section():
    plan = plan_of("I. TỔ CHỨC THỰC HIỆN\n\nNội dung.", signing=SIGNING + "\nPhụ lục: danh sách đơn vị\n")
    assert plan.sections[-1].body.endswith("Phụ lục: danh sách đơn vị")
    assert any("đã đưa vào mục I. TỔ CHỨC THỰC HIỆN" in note for note in plan.report.notes)


# Dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Từ ngày 25/4 đến ngày 30/5/2022", (datetime.date(2022, 4, 25), datetime.date(2022, 5, 30), False)),
    ("Từ ngày ban hành Kế hoạch đến hết ngày **31/12/2025**".replace("*", ""),
     (None, datetime.date(2025, 12, 31), True)),
    ("từ ngày 01/12 đến ngày 31/01/2026", (datetime.date(2025, 12, 1), datetime.date(2026, 1, 31), False)),
    ("từ tháng 6/2024 đến hết tháng 12/2025", (datetime.date(2024, 6, 1), datetime.date(2025, 12, 31), False)),
    ("từ ngày 15 tháng 6 năm 2024 đến ngày 30 tháng 9 năm 2024",
     (datetime.date(2024, 6, 15), datetime.date(2024, 9, 30), False)),
])
def test_it_reads_a_period(text, expected):
    assert parse_period(text)[:3] == expected


def test_dates_and_counts_as_written():
    assert parse_date("ngày 31/02/2024") is None
    assert parse_date("ngày 5 tháng 8 năm 2025") == datetime.date(2025, 8, 5)
    assert (parse_count("01"), parse_count("một"), parse_count("vài")) == (1, 1, None)
    assert format_span(None, datetime.date(2025, 12, 31), from_issue=True) == "từ ngày ban hành – 31/12/2025"


def test_split_paragraphs_normalises_line_endings_and_the_bom():
    assert split_paragraphs("\ufeffA\r\nB\r\n\r\nC") == ["A\nB", "C"]


# .docx -----------------------------------------------------------------------------------------

def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_read_docx_turns_runs_into_markup_and_keeps_line_breaks():
    def build(document):
        paragraph = document.add_paragraph()
        paragraph.add_run("ỦY BAN NHÂN DÂN").bold = True
        paragraph.add_run().add_break()
        paragraph.add_run("TỈNH NINH THUẬN").bold = True
        document.add_paragraph()  # an empty paragraph is only spacing
        paragraph = document.add_paragraph("Gửi về Ủy ban (")
        paragraph.add_run("thông qua Sở Nội vụ").italic = True
        paragraph.add_run(") trước ngày ")
        paragraph.add_run("31/12/2025").bold = True

    assert read_docx(_docx(build)) == ("**ỦY BAN NHÂN DÂN**\n**TỈNH NINH THUẬN**\n\n"
                                       "Gửi về Ủy ban (*thông qua Sở Nội vụ*) trước ngày **31/12/2025**")


def test_read_docx_reads_tables_cell_by_cell_and_automatic_numbering():
    def build(document):
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).paragraphs[0].add_run("Nơi nhận:").bold = True
        table.cell(0, 0).add_paragraph("- Lưu: VT.")
        table.cell(0, 1).paragraphs[0].add_run("CHỦ TỊCH").bold = True
        document.add_paragraph("Mục đích", style="List Number")
        document.add_paragraph("Yêu cầu", style="List Number")
        document.add_paragraph("Một ý", style="List Bullet")

    assert read_docx(_docx(build)) == ("**Nơi nhận:**\n- Lưu: VT.\n\n**CHỦ TỊCH**\n\n"
                                       "1. Mục đích\n\n2. Yêu cầu\n\n- Một ý")


def test_read_docx_keeps_content_controls_insertions_and_text_boxes_once():
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'

    def build(document):
        body = document.element.body
        body.insert(0, parse_xml(f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>Trong khung nhập</w:t></w:r></w:p>'
                                 '</w:sdtContent></w:sdt>'))
        paragraph = document.add_paragraph("Sửa ")
        paragraph._p.append(parse_xml(f'<w:ins {w}><w:r><w:t>thêm</w:t></w:r></w:ins>'))
        paragraph._p.append(parse_xml(f'<w:del {w}><w:r><w:delText>bỏ</w:delText></w:r></w:del>'))
        anchor = document.add_paragraph("Neo")
        box = '<w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent>'
        anchor._p.append(parse_xml(f'<w:r {w} {mc}><mc:AlternateContent><mc:Choice>{box}</mc:Choice>'
                                   f'<mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r>'))

    assert read_docx(_docx(build)) == "Trong khung nhập\n\nSửa thêm\n\nDỰ THẢO\n\nNeo"


def test_read_docx_rebuilds_a_roman_arabic_letter_outline_from_word_numbering():
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                     f'</w:lvl>' for i, (fmt, text) in enumerate([("upperRoman", "%1."), ("decimal", "%2."),
                                                                   ("lowerLetter", "%3)")]))

    def build(document):
        numbering = document.part.numbering_part.element
        numbering.insert(0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{levels}</w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        for level, text in [(0, "MỤC ĐÍCH"), (1, "Mục đích"), (2, "Tuyên truyền."), (2, "Khơi dậy."),
                            (1, "Yêu cầu"), (2, "Tổ chức."), (0, "NỘI DUNG")]:
            paragraph = document.add_paragraph(text)
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    assert read_docx(_docx(build)).split("\n\n") == [
        "I. MỤC ĐÍCH", "1. Mục đích", "a) Tuyên truyền.", "b) Khơi dậy.", "2. Yêu cầu", "a) Tổ chức.", "II. NỘI DUNG"]


def test_the_longest_catalogue_name_in_the_wording_names_the_award():
    generic = SimpleNamespace(name="Bằng khen")
    prime_minister = SimpleNamespace(name="Bằng khen của Thủ tướng Chính phủ")
    catalogue = [generic, prime_minister, SimpleNamespace(name="Giấy khen")]
    assert match_award("Bằng khen của Thủ tướng Chính phủ cho tập thể", catalogue) is prime_minister
    assert match_award("BẰNG KHEN của Chủ tịch UBND tỉnh", catalogue) is generic
    assert match_award("Cờ thi đua của Chính phủ", catalogue) is None


@pytest.mark.parametrize("title, kind", [
    # A yearly movement that also greets an occasion is still the yearly movement.
    ("Phát động phong trào thi đua yêu nước năm 2025, lập thành tích chào mừng Đại hội Đảng bộ các cấp", "regular"),
    ("Công tác thi đua, khen thưởng năm 2026", "regular"),
    ("Tổ chức phong trào thi đua hằng năm của ngành Giáo dục", "regular"),
    # A campaign stays a campaign though it names a year.
    ("Phát động đợt thi đua cao điểm năm 2026", "thematic"),
    ("Phát động phong trào thi đua “Dân vận khéo” năm 2026", "thematic"),
    ("Phong trào thi đua “Cả nước chung tay vì người nghèo” giai đoạn 2021 - 2025", "thematic"),
    ("Phát động thi đua chuyên đề về cải cách hành chính", "thematic"),
    ("Kế hoạch của Ủy ban nhân dân xã", ""),
])
def test_the_kind_of_emulation_is_read_from_the_title(title, kind):
    assert find_kind(title, [])[0] == kind
