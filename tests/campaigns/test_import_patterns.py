"""Plans written the ways real offices write them: one short text per pattern, imported whole."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from units.models import Unit

from campaigns.documents.common import plan_document
from campaigns.importing import parse_plan_text
from campaigns.models import Plan
from campaigns.plan_import import import_plan_file, plan_as_dict

from tests.campaigns.test_import_plan import assert_printed_in_order, seed_as_docx
from tests.conftest import BEFORE_REFORM, REFORM, make_unit

K = Unit.Kind
PLANS = Path(__file__).parent / "plans"

# 1. Copied from a web page: the site's lines and a metadata block come before the document.
WEB_PAGE = (PLANS / "tinh-lang-son-2023-tu-trang-web.txt").read_text(encoding="utf-8")

WEB_LINES = ("Cổng thông tin văn bản pháp luật\nThứ Hai, ngày 07/12/2026\nSố hiệu: 45/KH-UBND\nLoại văn bản: Kế hoạch\n"
             "Nơi ban hành: Tỉnh Lạng Sơn\nNgày ban hành: 15/03/2023")


def test_lines_before_a_web_copied_document_become_its_preamble_not_its_issuer():
    plan = parse_plan_text(WEB_PAGE)
    assert plan.issuer_name == "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"
    assert plan.superior_body == ""
    assert (plan.number, plan.symbol, plan.place) == (45, "KH-UBND", "Lạng Sơn")
    assert (plan.issue_day, plan.issue_month, plan.issue_year) == (15, 3, 2023)
    assert (plan.doc_type, plan.title) == ("KẾ HOẠCH", "Phát động phong trào thi đua năm 2023")
    assert plan.preamble == WEB_LINES + "\n\nCăn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    assert [r.text for r in plan.references] == ["Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"]
    assert [(s.number, s.heading, s.kind) for s in plan.sections] == [
        ("I.", "MỤC ĐÍCH, YÊU CẦU", "purpose"), ("II.", "THỜI GIAN THI ĐUA", "period")]
    assert (str(plan.period_start), str(plan.period_end)) == ("2023-03-15", "2023-11-30")
    assert plan.closing.startswith("Trên đây")
    assert plan.recipients == ["- Sở Nội vụ;", "- Lưu: VT."]
    assert (plan.sign_prefix, plan.sign_on_behalf, plan.signer_title, plan.signer_name) == (
        "TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hồ Tiến Thiệu")
    assert any("trang web" in note and "Số hiệu: 45/KH-UBND" in note for note in plan.report.notes)


@pytest.mark.django_db
def test_a_web_copied_plan_imports_with_every_paragraph():
    unit = make_unit("Tỉnh Lạng Sơn", K.PROVINCE, code="20", valid_to=BEFORE_REFORM)
    plan, _ = import_plan_file(data=WEB_PAGE.encode(), filename="web.txt", unit=unit)
    document = WEB_PAGE.split("\n\nỦY BAN NHÂN DÂN", 1)[1]
    # A draft prints no number: "Số: 45/KH-UBND" comes back as the symbol alone.
    assert_printed_in_order(("ỦY BAN NHÂN DÂN" + document).replace("Số: 45/KH-UBND", ""), plan)
    assert plan.symbol == "KH-UBND"
    assert plan.preamble.startswith(WEB_LINES)


# 2. "Nơi nhận:" sorted into groups, the signer an office's chief.
OFFICE = (PLANS / "van-phong-ubnd-bac-kan-2021.txt").read_text(encoding="utf-8")


def test_recipients_in_groups_are_kept_and_the_signer_follows_them():
    plan = parse_plan_text(OFFICE)
    assert plan.recipients == ["Gửi bản điện tử:", "- Thường trực UBND tỉnh;", "- Các phòng thuộc Văn phòng;",
                               "Gửi bản giấy:", "- Lưu: VT, HCTC."]
    assert (plan.sign_prefix, plan.signer_title, plan.signer_name) == ("", "CHÁNH VĂN PHÒNG", "Nông Văn Chí")
    assert "Nông Văn Chí" not in plan.sections[-1].body


def test_an_office_plan_reads_its_header_and_the_awards_named_in_a_sentence():
    plan = parse_plan_text(OFFICE)
    assert (plan.superior_body, plan.issuer_name) == ("", "VĂN PHÒNG UBND\nTỈNH BẮC KẠN")
    assert (plan.number, plan.symbol, plan.place, plan.issue_year) == (12, "KH-VP", "Bắc Kạn", 2021)
    [tier] = plan.award_tiers
    assert (tier.award_name, tier.authority, tier.quota) == ("Giấy khen của Chánh Văn phòng", "Chánh Văn phòng", 1)
    assert (tier.for_collectives, tier.for_individuals, tier.section) == (True, True, 0)
    assert str(plan.dossier_deadline) == "2021-12-05"
    assert plan.dossier_place == "Phòng Hành chính - Tổ chức"
    assert [(r.name, r.form_reference) for r in plan.dossier_requirements] == [
        ("Tờ trình đề nghị khen thưởng", ""), ("Biên bản họp Hội đồng Thi đua - Khen thưởng", ""),
        ("Báo cáo thành tích của cá nhân", "Mẫu số 02 kèm theo Nghị định số 91/2017/NĐ-CP")]


@pytest.mark.django_db
def test_an_office_plan_imports_with_every_paragraph():
    unit = make_unit("Văn phòng UBND tỉnh Bắc Kạn", K.OFFICE,
                     valid_to=BEFORE_REFORM)
    plan, _ = import_plan_file(data=OFFICE.encode(), filename="vp.txt", unit=unit)
    # A draft prints no number; the signer is a paragraph of its own.
    assert_printed_in_order(OFFICE.replace("Số: 12/KH-VP", "").replace("\nCHÁNH", "\n\nCHÁNH"), plan)


# 4. No date line: the year comes from the plan's own dates; its province has since ended.
NO_DATE = (PLANS / "hdtdkt-bac-giang-2021-khong-ngay.txt").read_text(encoding="utf-8")


def test_a_plan_without_a_date_line_reads_its_issuer_symbol_and_awards():
    plan = parse_plan_text(NO_DATE)
    assert plan.issuer_name == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG\nTỈNH BẮC GIANG"
    assert (plan.number, plan.symbol, plan.place, plan.issue_year) == (3, "KH-HĐTĐKT", "", None)
    assert plan.kind == "thematic"
    assert [(r.kind, r.doc_number, str(r.doc_date)) for r in plan.references] == [
        ("implements", "120/KH-HĐTĐKT", "2021-03-02")]
    [tier] = plan.award_tiers
    assert (tier.award_name, tier.quota, tier.quota_note) == (
        "Bằng khen của Chủ tịch UBND tỉnh", 2, "không quá hai cá nhân mỗi huyện")
    assert (tier.for_collectives, tier.for_individuals) == (True, True)
    assert (plan.sign_prefix, plan.sign_on_behalf, plan.signer_title, plan.signer_name) == (
        "TM.", "HỘI ĐỒNG", "CHỦ TỊCH", "Lê Ánh Dương")


@pytest.mark.django_db
def test_a_plan_without_a_date_line_is_imported_under_its_ended_province_by_its_year(tmp_path):
    province = make_unit("Tỉnh Bắc Giang", K.PROVINCE, code="24", valid_to=BEFORE_REFORM)
    make_unit("Tỉnh Bắc Ninh", K.PROVINCE, code="24", valid_from=REFORM)  # the code lives on after the merger
    path = tmp_path / "hdtdkt.txt"
    path.write_text(NO_DATE, encoding="utf-8")
    out = io.StringIO()
    call_command("import_plan", str(path), unit="24", json=True, stdout=out)
    data = json.loads(out.getvalue())
    plan = Plan.objects.get()
    assert plan.issuing_unit == province
    assert (data["issue_year"], data["symbol"], data["place"]) == (2021, "KH-HĐTĐKT", "Bắc Giang")
    assert data["period"] == {"start": "2021-04-01", "end": "2021-06-11"}
    assert any("năm 2021 (theo thời gian thi đua của văn bản; cần kiểm tra)" in n for n in data["report"]["notes"])
    assert_printed_in_order(NO_DATE.replace("Số: 03/KH-HĐTĐKT", "").replace("\nTM.", "\n\nTM."), plan)


# 6. A central body has no official code: the command reaches it by its id.
@pytest.mark.django_db
def test_the_command_reaches_a_unit_without_a_code_by_its_id(tmp_path):
    council = make_unit("Hội đồng Thi đua - Khen thưởng Trung ương", K.CENTRAL)
    make_unit("Xã có mã trùng id", K.COMMUNE, code=str(council.pk + 1000))
    path = tmp_path / "tw.txt"
    path.write_text(NO_DATE, encoding="utf-8")
    out = io.StringIO()
    call_command("import_plan", str(path), unit=f"id:{council.pk}", stdout=out)
    assert Plan.objects.get().issuing_unit == council
    assert out.getvalue().startswith(f"Đã tạo kế hoạch dự thảo id {Plan.objects.get().pk} của Hội đồng Thi đua")
    call_command("import_plan", str(path), unit=str(council.pk), stdout=io.StringIO())
    assert Plan.objects.filter(issuing_unit=council).count() == 2
    with pytest.raises(CommandError, match="Không có đơn vị nào có id “999999”."):
        call_command("import_plan", str(path), unit="id:999999", stdout=io.StringIO())


# 5. A body that is not a People's Committee: two-line issuer block and its own symbol.
@pytest.mark.django_db
@pytest.mark.parametrize("name, kind, issuer_lines, symbol", [
    ("Văn phòng UBND tỉnh Bắc Kạn", K.OFFICE, ["VĂN PHÒNG UBND", "TỈNH BẮC KẠN"], "KH-VP"),
    ("Hội đồng Thi đua - Khen thưởng tỉnh Bắc Giang", K.ORGANISATION,
     ["HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "TỈNH BẮC GIANG"], "KH-HĐTĐKT"),
    ("Sở Nội vụ", K.DEPARTMENT, ["SỞ NỘI VỤ"], "KH-SNV"),
    ("Huyện Hạ Hòa", K.DISTRICT, ["ỦY BAN NHÂN DÂN", "HUYỆN HẠ HÒA"], "KH-UBND"),
])
def test_a_plan_without_a_header_prints_its_issuer_in_two_lines_with_its_symbol(name, kind, issuer_lines, symbol):
    unit = make_unit(name, kind, valid_to=BEFORE_REFORM)
    body = OFFICE.split("KẾ HOẠCH\n\n", 1)[1]  # the office's plan without its header
    plan, report = import_plan_file(data=("KẾ HOẠCH\n\n" + body).encode(), filename="kh.txt", unit=unit)
    document = plan_document(plan)
    assert (document.issuer_lines, document.number_line.split("/")[-1], plan.symbol) == (issuer_lines, symbol, symbol)
    assert f"Tệp không có ký hiệu — đã dùng “{symbol}” (cần kiểm tra)." in report.notes


# Every plan text: its fields, as text and as Word, and every paragraph back in order --------------

# file → (issuing unit, the document's first line, the fields the importer must fill)
PLAN_FILES = {
    "tinh-lang-son-2023-tu-trang-web.txt": (("Tỉnh Lạng Sơn", K.PROVINCE), "ỦY BAN NHÂN DÂN", {
        "issuer_name": "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN", "symbol": "KH-UBND", "issue_year": 2023,
        "dossier_place": "", "kind": "regular", "signer_name": "Hồ Tiến Thiệu", "award_tiers": []}),
    "van-phong-ubnd-bac-kan-2021.txt": (("Văn phòng UBND tỉnh Bắc Kạn", K.OFFICE), "VĂN PHÒNG UBND", {
        "issuer_name": "VĂN PHÒNG UBND\nTỈNH BẮC KẠN", "symbol": "KH-VP", "issue_year": 2021,
        "dossier_place": "Phòng Hành chính - Tổ chức", "signer_name": "Nông Văn Chí",
        "award_tiers": [("Giấy khen của Chánh Văn phòng", True, True, 1)]}),
    "hdtdkt-bac-giang-2021-khong-ngay.txt": (
        ("Hội đồng Thi đua - Khen thưởng tỉnh Bắc Giang", K.ORGANISATION), "HỘI ĐỒNG THI ĐUA", {
            "issuer_name": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG\nTỈNH BẮC GIANG", "symbol": "KH-HĐTĐKT",
            "issue_year": 2021, "kind": "thematic", "signer_name": "Lê Ánh Dương",
            "award_tiers": [("Bằng khen của Chủ tịch UBND tỉnh", True, True, 2)]}),
    "xa-tan-lap-2026.txt": (("Xã Tân Lập", K.COMMUNE), "ỦY BAN NHÂN DÂN", {
        "issuer_name": "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP", "symbol": "KH-UBND", "issue_year": 2026, "kind": "regular",
        "dossier_place": "Văn phòng HĐND và UBND xã", "dossier_deadline": "2026-11-15",
        "period": {"start": "2026-01-01", "end": "2026-12-31"}, "signer_name": "Đinh Văn Hùng",
        "award_tiers": [("Giấy khen của Chủ tịch UBND xã", True, True, 3)]}),
    "truong-thcs-ha-hoa-2023.txt": (("Trường THCS Thị trấn Hạ Hòa", K.SCHOOL), "PHÒNG GD&ĐT", {
        "superior_body": "PHÒNG GD&ĐT HUYỆN HẠ HÒA", "issuer_name": "TRƯỜNG THCS THỊ TRẤN HẠ HÒA",
        "symbol": "KH-THCS", "issue_year": 2023, "dossier_place": "Văn phòng nhà trường",
        "dossier_deadline": "2024-05-20", "signer_name": "Phạm Thị Lan",
        "award_tiers": [("Giấy khen của Trưởng phòng Giáo dục và Đào tạo", False, True, 2)],
        "dossier_requirements": [{"name": "Biên bản họp tổ chuyên môn", "form_reference": "", "copies": None},
                                 {"name": "Danh sách đề nghị khen thưởng", "form_reference": "", "copies": None}]}),
    "huyen-thanh-son-2019.txt": (("Huyện Thanh Sơn", K.DISTRICT), "ỦY BAN NHÂN DÂN", {
        "issuer_name": "ỦY BAN NHÂN DÂN\nHUYỆN THANH SƠN", "symbol": "KH-UBND", "issue_year": 2019,
        "kind": "thematic", "dossier_place": "Phòng Nội vụ huyện", "dossier_deadline": "2019-09-10",
        "period": {"start": "2019-04-15", "end": "2019-09-30"}, "signer_name": "Hà Văn Bình",
        "award_tiers": [("Giấy khen của Chủ tịch UBND huyện", True, True, None)],
        "dossier_requirements": [{"name": "Tờ trình đề nghị khen thưởng", "form_reference": "", "copies": 1},
                                 {"name": "Báo cáo thành tích", "form_reference": "Mẫu số 07", "copies": 1}]}),
    "so-noi-vu-phu-tho-2024.txt": (("Sở Nội vụ tỉnh Phú Thọ", K.DEPARTMENT), "UBND TỈNH PHÚ THỌ", {
        "superior_body": "UBND TỈNH PHÚ THỌ", "issuer_name": "SỞ NỘI VỤ", "symbol": "KH-SNV", "issue_year": 2024,
        "dossier_place": "Văn phòng Sở", "dossier_deadline": "2024-11-30", "signer_name": "Trần Minh Hải",
        "recipients": ["Gửi bản điện tử:", "- UBND tỉnh;", "- Các phòng thuộc Sở;", "Gửi bản giấy:", "- Lưu: VT, VP."],
        "award_tiers": [("Giấy khen của Giám đốc Sở Nội vụ", True, True, 5)]}),
    "bo-noi-vu-2024.txt": (("Bộ Nội vụ", K.MINISTRY), "BỘ NỘI VỤ", {
        "superior_body": "", "issuer_name": "BỘ NỘI VỤ", "symbol": "KH-BNV", "place": "Hà Nội", "issue_year": 2024,
        "dossier_place": "Vụ Thi đua - Khen thưởng", "dossier_deadline": "2024-10-15",
        "signature": {"prefix": "KT.", "on_behalf": "BỘ TRƯỞNG", "title": "THỨ TRƯỞNG", "name": "Triệu Văn Cường"},
        "award_tiers": [("Bằng khen của Bộ trưởng Bộ Nội vụ", True, True, 1)]}),
    "hdtdkt-trung-uong-2025-tu-trang-web.txt": (
        ("Hội đồng Thi đua - Khen thưởng Trung ương", K.CENTRAL), "HỘI ĐỒNG THI ĐUA", {
            "superior_body": "", "issuer_name": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG\nTRUNG ƯƠNG", "symbol": "KH-HĐTĐKT",
            "place": "Hà Nội", "issue_year": 2025, "kind": "thematic",
            "dossier_place": "Ban Thi đua - Khen thưởng Trung ương", "dossier_deadline": "2030-06-30",
            "signature": {"prefix": "TM.", "on_behalf": "HỘI ĐỒNG", "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
                          "name": "Nguyễn Văn Thanh"},
            "recipients": ["Gửi bản điện tử:", "- Các bộ, ngành, đoàn thể Trung ương;", "- UBND các tỉnh, thành phố;",
                           "Gửi bản giấy:", "- Thủ tướng Chính phủ (để b/c);", "- Lưu: VT, Ban TĐKT."],
            "award_tiers": [("Bằng khen của Thủ tướng Chính phủ", True, True, 3)]}),
    "phuong-viet-tri-2025.txt": (("Phường Việt Trì", K.WARD), "ỦY BAN NHÂN DÂN", {
        "issuer_name": "ỦY BAN NHÂN DÂN\nPHƯỜNG VIỆT TRÌ", "symbol": "KH-UBND", "place": "Việt Trì",
        "issue_year": 2025, "kind": "thematic", "period": {"start": "2025-08-15", "end": "2025-10-30"},
        "dossier_place": "Văn phòng HĐND và UBND phường", "dossier_deadline": "2025-11-05",
        "signature": {"prefix": "KT.", "on_behalf": "CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Vũ Thị Mai"},
        "award_tiers": [("Giấy khen của Chủ tịch UBND phường", True, True, 5)]}),
    "xa-van-khuc-2022.txt": (("Xã Văn Khúc", K.COMMUNE), "ỦY BAN NHÂN DÂN", {
        "superior_body": "ỦY BAN NHÂN DÂN HUYỆN CẨM KHÊ", "issuer_name": "ỦY BAN NHÂN DÂN XÃ VĂN KHÚC",
        "number": None, "symbol": "KH-UBND", "place": "Văn Khúc", "issue_year": 2022, "issue_month": 3, "issue_day": 8,
        "doc_type": "KẾ HOẠCH",
        "title": 'Tổ chức phong trào thi đua "Chung sức xây dựng nông thôn mới nâng cao" năm 2022',
        "theme": "", "kind": "thematic", "period": {"start": "2022-03-15", "end": "2022-11-15"},
        "closing": "Trên đây là Kế hoạch tổ chức phong trào thi đua năm 2022 của Ủy ban nhân dân xã Văn Khúc./.",
        "dossier_place": "Văn phòng - Thống kê xã", "dossier_deadline": "2022-11-25",
        "references": [
            {"kind": "basis", "doc_type": "Luật", "doc_number": "", "doc_date": "2003-11-26", "issuer": "",
             "text": "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003"},
            {"kind": "implements", "doc_type": "Kế hoạch", "doc_number": "42/KH-UBND", "doc_date": "2022-02-21",
             "issuer": "Ủy ban nhân dân huyện Cẩm Khê",
             "text": "Kế hoạch số 42/KH-UBND ngày 21/02/2022 của Ủy ban nhân dân huyện Cẩm Khê về phong trào thi đua "
                     "xây dựng nông thôn mới năm 2022"}],
        "signature": {"prefix": "TM.", "on_behalf": "ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Nguyễn Đức Thịnh"},
        "recipients": ["- UBND huyện Cẩm Khê;", "- Phòng Nội vụ huyện;", "- Đảng ủy, HĐND xã;", "- Các khu dân cư;",
                       "- Lưu: VT."],
        "award_tiers": [("Giấy khen của Chủ tịch UBND xã", True, True, 3)],
        "dossier_requirements": [
            {"name": "Tờ trình đề nghị khen thưởng của Ban phát triển khu dân cư", "form_reference": "", "copies": 1},
            {"name": "Báo cáo tóm tắt thành tích của tập thể, cá nhân", "form_reference": "", "copies": 1}],
        "milestones": []}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("filename", list(PLAN_FILES))
def test_each_plan_text_imports_its_fields_and_every_paragraph_as_text_and_as_word(filename):
    (name, kind), first_line, expected = PLAN_FILES[filename]
    text = (PLANS / filename).read_text(encoding="utf-8")
    unit = make_unit(name, kind, valid_to=BEFORE_REFORM)
    from_text, _ = import_plan_file(data=text.encode(), filename=filename, unit=unit)
    from_docx, _ = import_plan_file(data=seed_as_docx(text), filename=filename.replace(".txt", ".docx"), unit=unit)
    skip = {"id", "source_file"}
    data = {k: v for k, v in plan_as_dict(from_text).items() if k not in skip}
    assert data == {k: v for k, v in plan_as_dict(from_docx).items() if k not in skip}
    data["award_tiers"] = [(t["award_name"], t["for_collectives"], t["for_individuals"], t["quota"])
                           for t in data["award_tiers"]]
    data["signer_name"] = data["signature"]["name"]
    assert {k: data[k] for k in expected} == expected
    assert data["recipients"] and data["sections"] and data["title"]
    # A draft prints no number, so "Số: 12/KH-VP" comes back as the symbol alone; the signer's
    # authority and name are paragraphs of their own.
    document = text if text.startswith(first_line) else text[text.index("\n\n" + first_line) + 2:]
    # The lines of a web page before the document are kept, at the head of the preamble.
    before = [line for line in text[:len(text) - len(document)].split("\n") if line.strip()]
    assert data["preamble"].split("\n")[:len(before)] == before
    document = re.sub(r"Số: \d+/\S+", "", document)
    document = re.sub(r"\n(?=(?:TM\.|KT\.|CHÁNH|HIỆU TRƯỞNG|GIÁM ĐỐC)\b)", "\n\n", document)
    assert_printed_in_order(document, from_text)


@pytest.mark.parametrize("filename", ["tinh-lang-son-2023-tu-trang-web.txt", "hdtdkt-trung-uong-2025-tu-trang-web.txt"])
def test_a_web_copy_without_blank_lines_reads_like_the_one_with_them(filename):
    text = (PLANS / filename).read_text(encoding="utf-8")
    spaced, dense = parse_plan_text(text), parse_plan_text(re.sub(r"\n\s*\n", "\n", text))
    for name in ("issuer_name", "symbol", "place", "issue_year", "title", "recipients", "sign_prefix",
                 "sign_on_behalf", "signer_title", "signer_name", "dossier_place", "dossier_deadline"):
        assert getattr(dense, name) == getattr(spaced, name), name
    assert [(s.number, s.heading) for s in dense.sections] == [(s.number, s.heading) for s in spaced.sections]
    assert dense.preamble.split("\n")[:4] == spaced.preamble.split("\n")[:4]


def test_an_issuer_in_capitals_the_importer_does_not_know_stays_the_issuer_below_a_web_page():
    text = ("Trang tin điện tử\nNgày ban hành: 02/3/2024\n\nLIÊN MINH HỢP TÁC XÃ\nTỈNH PHÚ THỌ\n\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 07/KH-LMHTX\n\n"
            "Phú Thọ, ngày 02 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nThi đua năm 2024\n\nI. MỤC ĐÍCH\n\nNội dung.\n")
    plan = parse_plan_text(text)
    assert plan.issuer_name == "LIÊN MINH HỢP TÁC XÃ\nTỈNH PHÚ THỌ"
    assert plan.preamble == "Trang tin điện tử\nNgày ban hành: 02/3/2024"
    assert (plan.symbol, plan.issue_year, plan.title) == ("KH-LMHTX", 2024, "Thi đua năm 2024")


# Printed: the issuer block on its two lines, the symbol, and every paragraph (PDF via pypdf, Word via python-docx).
PRINTED = ["van-phong-ubnd-bac-kan-2021.txt", "hdtdkt-bac-giang-2021-khong-ngay.txt",
           "hdtdkt-trung-uong-2025-tu-trang-web.txt", "truong-thcs-ha-hoa-2023.txt", "xa-van-khuc-2022.txt"]


@pytest.mark.django_db
@pytest.mark.parametrize("filename", PRINTED)
def test_an_imported_pattern_plan_prints_its_header_and_every_paragraph(filename):
    from campaigns.documents import render_plan_docx, render_plan_pdf

    from tests.campaigns.test_documents import assert_in_order, body_text, open_pdf, squash
    from tests.campaigns.test_seed_printing import docx_text

    (name, kind), first_line, _ = PLAN_FILES[filename]
    text = (PLANS / filename).read_text(encoding="utf-8")
    plan, _ = import_plan_file(data=text.encode(), filename=filename,
                               unit=make_unit(name, kind, valid_to=BEFORE_REFORM))
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ISSUED)  # as its source was: numbered
    plan = Plan.objects.get(pk=plan.pk)
    document = text if text.startswith(first_line) else text[text.index("\n\n" + first_line) + 2:]
    paragraphs = [p.replace("*", "") for p in re.split(r"\n\s*\n", document) if p.strip()]
    start = paragraphs.index("KẾ HOẠCH")
    for printed in (body_text(open_pdf(render_plan_pdf(plan))), docx_text(render_plan_docx(plan))):
        for paragraph in paragraphs[:start]:
            if not paragraph.startswith("Số:"):  # a draft's number is not kept: the symbol is printed alone
                assert squash(paragraph) in printed, paragraph
        assert f"/{plan.symbol}" in printed
        assert_in_order(printed, paragraphs[start:])


# 11. A commune of before 2025, under its district: both lines of the header, the commune the issuer.
COMMUNE_2022 = (PLANS / "xa-van-khuc-2022.txt").read_text(encoding="utf-8")


def test_a_commune_plan_under_a_district_reads_the_district_as_its_superior_body():
    plan = parse_plan_text(COMMUNE_2022)
    assert (plan.superior_body, plan.issuer_name) == ("ỦY BAN NHÂN DÂN HUYỆN CẨM KHÊ", "ỦY BAN NHÂN DÂN XÃ VĂN KHÚC")
    assert [(s.level, s.number, s.heading, s.kind) for s in plan.sections] == [
        (1, "I.", "MỤC ĐÍCH, YÊU CẦU", "purpose"), (2, "1.", "", "purpose"), (2, "2.", "", "purpose"),
        (1, "II.", "NỘI DUNG THI ĐUA", "content"), (2, "1.", "", "content"), (2, "2.", "", "content"),
        (1, "III.", "THỜI GIAN THI ĐUA", "period"), (1, "IV.", "HÌNH THỨC KHEN THƯỞNG", "awards"),
        (2, "1.", "Giấy khen của Chủ tịch UBND xã", "awards"), (1, "V.", "HỒ SƠ, THỜI HẠN", "dossier"),
        (1, "VI.", "TỔ CHỨC THỰC HIỆN", "assignments")]
    [tier] = plan.award_tiers
    assert (tier.for_households, tier.quota_note, tier.section) == (True, "không quá ba tập thể và mười cá nhân", 8)


@pytest.mark.django_db
def test_a_commune_plan_of_2022_is_imported_under_the_commune_of_its_era(tmp_path):
    old_province = make_unit("Tỉnh Phú Thọ", K.PROVINCE, code="25", valid_to=BEFORE_REFORM)
    district = make_unit("Huyện Cẩm Khê", K.DISTRICT, old_province, code="237", valid_to=BEFORE_REFORM)
    old_commune = make_unit("Xã Văn Khúc", K.COMMUNE, district, code="08206", valid_to=BEFORE_REFORM)
    province = make_unit("Tỉnh Phú Thọ", K.PROVINCE, code="25", valid_from=REFORM)
    make_unit("Xã Văn Khúc", K.COMMUNE, province, code="08206", valid_from=REFORM)  # the code lives on
    path = tmp_path / "van-khuc.txt"
    path.write_text(COMMUNE_2022, encoding="utf-8")
    call_command("import_plan", str(path), unit="08206", stdout=io.StringIO())
    plan = Plan.objects.get()
    assert plan.issuing_unit == old_commune
    assert (plan.superior_body, plan.issuer_name) == ("ỦY BAN NHÂN DÂN HUYỆN CẨM KHÊ", "ỦY BAN NHÂN DÂN XÃ VĂN KHÚC")
    document = plan_document(plan)
    assert document.issuer_lines[-1] == "ỦY BAN NHÂN DÂN XÃ VĂN KHÚC"
    assert_printed_in_order(re.sub(r"Số: \d+/\S+", "", COMMUNE_2022), plan)


@pytest.mark.parametrize("lines, superior, issuer", [
    ("ỦY BAN NHÂN DÂN HUYỆN CẨM KHÊ\nỦY BAN NHÂN DÂN XÃ VĂN KHÚC", "ỦY BAN NHÂN DÂN HUYỆN CẨM KHÊ",
     "ỦY BAN NHÂN DÂN XÃ VĂN KHÚC"),
    ("CÔNG AN TỈNH PHÚ THỌ\nPHÒNG TỔ CHỨC CÁN BỘ", "CÔNG AN TỈNH PHÚ THỌ", "PHÒNG TỔ CHỨC CÁN BỘ"),
    # One name set on two lines: the second names no body of its own.
    ("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN", "", "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"),
    ("SỞ GIÁO DỤC\nVÀ ĐÀO TẠO", "", "SỞ GIÁO DỤC\nVÀ ĐÀO TẠO"),
    ("LIÊN ĐOÀN LAO ĐỘNG\nTỈNH PHÚ THỌ", "", "LIÊN ĐOÀN LAO ĐỘNG\nTỈNH PHÚ THỌ"),
])
def test_a_plain_text_header_of_two_bodies_reads_the_upper_as_the_superior(lines, superior, issuer):
    plan = parse_plan_text(f"{lines}\n\nSố: 05/KH-UBND\n\nPhú Thọ, ngày 02 tháng 3 năm 2022\n\nKẾ HOẠCH\n\n"
                           "Thi đua năm 2022\n\nI. MỤC ĐÍCH\n\nNội dung.\n")
    assert (plan.superior_body, plan.issuer_name) == (superior, issuer)


@pytest.mark.parametrize("sentence, name, quota", [
    ("Chủ tịch UBND huyện tặng Giấy khen cho không quá 03 tập thể và 05 cá nhân.",
     "Giấy khen của Chủ tịch UBND huyện", 3),
    ("Hằng năm, Giám đốc Sở Nội vụ xét tặng Giấy khen cho tối đa hai tập thể.",
     "Giấy khen của Giám đốc Sở Nội vụ", 2),
    ("Hiệu trưởng nhà trường tặng Giấy khen đối với cá nhân tiêu biểu, không quá 01 cá nhân.",
     "Giấy khen của Hiệu trưởng nhà trường", 1),
])
def test_an_award_whose_giver_is_named_first_is_read_as_the_givers_award(sentence, name, quota):
    text = f"KẾ HOẠCH\n\nThi đua năm 2026\n\nI. KHEN THƯỞNG\n\n{sentence}\n"
    tiers = parse_plan_text(text).award_tiers
    assert [(t.award_name, t.quota) for t in tiers] == [(name, quota)]


def test_an_office_holder_named_in_passing_gives_no_award():
    text = ("KẾ HOẠCH\n\nThi đua năm 2026\n\nI. KHEN THƯỞNG\n\n"
            "Chủ tịch UBND huyện chỉ đạo tổng kết; Giấy khen được xét theo quy chế.\n")
    assert parse_plan_text(text).award_tiers == []
