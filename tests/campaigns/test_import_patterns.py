"""Plans written the ways real offices write them: one short text per pattern, imported whole."""

import pytest

from units.models import Unit

from campaigns.importing import parse_plan_text
from campaigns.plan_import import import_plan_file

from tests.campaigns.test_import_plan import assert_printed_in_order
from tests.conftest import BEFORE_REFORM, make_unit

K = Unit.Kind

# 1. Copied from a web page: the site's lines and a metadata block come before the document.
WEB_PAGE = """Cổng thông tin văn bản pháp luật
Thứ Hai, ngày 07/12/2026

Số hiệu: 45/KH-UBND
Loại văn bản: Kế hoạch
Nơi ban hành: Tỉnh Lạng Sơn
Ngày ban hành: 15/03/2023

ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 45/KH-UBND

Lạng Sơn, ngày 15 tháng 3 năm 2023

KẾ HOẠCH

Phát động phong trào thi đua năm 2023

Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;

I. MỤC ĐÍCH, YÊU CẦU

Động viên cán bộ, công chức thi đua hoàn thành nhiệm vụ năm 2023.

II. THỜI GIAN THI ĐUA

Từ ngày 15/3/2023 đến ngày 30/11/2023.

Trên đây là Kế hoạch phát động phong trào thi đua năm 2023 của Ủy ban nhân dân tỉnh./.

Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Hồ Tiến Thiệu
"""

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
OFFICE = """VĂN PHÒNG UBND
TỈNH BẮC KẠN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 12/KH-VP

Bắc Kạn, ngày 20 tháng 02 năm 2021

KẾ HOẠCH

Tổ chức phong trào thi đua năm 2021 của Văn phòng UBND tỉnh

I. HÌNH THỨC KHEN THƯỞNG

Cuối năm, Chánh Văn phòng xét tặng Giấy khen của Chánh Văn phòng cho các tập thể, cá nhân có thành tích xuất sắc, không quá 01 tập thể và 01 cá nhân.

II. HỒ SƠ KHEN THƯỞNG

Các phòng gửi hồ sơ đề nghị khen thưởng về Phòng Hành chính - Tổ chức trước ngày 05/12/2021, gồm:

- Tờ trình đề nghị khen thưởng;

- Biên bản họp Hội đồng Thi đua - Khen thưởng;

- Báo cáo thành tích của cá nhân (Mẫu số 02 kèm theo Nghị định số 91/2017/NĐ-CP).

Nơi nhận:
Gửi bản điện tử:
- Thường trực UBND tỉnh;
- Các phòng thuộc Văn phòng;
Gửi bản giấy:
- Lưu: VT, HCTC.

CHÁNH VĂN PHÒNG

Nông Văn Chí
"""


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
    assert_printed_in_order(OFFICE.replace("Số: 12/KH-VP", "").replace("Nơi nhận:\n", "Nơi nhận:\n\n").replace("\nCHÁNH", "\n\nCHÁNH"), plan)
