"""Tờ trình and Báo cáo thành tích generated from the entered data, opened again as PDF (pypdf) and Word.

The cast: alice (clerk of Xã Hạ Hòa) proposes people of the commune's office, the office itself and a
household, under the province's plan or for the annual review; carol reviews at the province.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.documents import (
    proposal_document,
    render_proposal_docx,
    render_proposal_pdf,
    render_report_docx,
    render_report_pdf,
    report_document,
)
from awards.models import AwardRecord, AwardType, Initiative, NominationLine, NominationList, TaskRating
from awards.services import nominations

from tests.campaigns.test_documents import MM, assert_in_order, body_text, open_docx, open_pdf, squash, text_boxes
from tests.conftest import make_person, make_plan

pytestmark = pytest.mark.django_db

D = datetime.date
A4 = (595.28, 841.89)
SUMMARY_AN = ("Hoàn thành xuất sắc nhiệm vụ tiếp nhận, giải quyết hồ sơ một cửa; 100% hồ sơ đúng hạn.\n"
              "Chủ trì số hóa 12.500 hồ sơ hộ tịch, rút ngắn thời gian tra cứu còn dưới 5 phút.")
SUMMARY_OFFICE = "Tập thể đoàn kết, hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm 2026."


def award(code):
    return AwardType.objects.get(code=code)


@pytest.fixture
def plan(tree):
    return make_plan(tree.phu_tho, status="issued", number=5, issue_day=10, issue_month=3,
                     title="Phát động phong trào thi đua “Chuyển đổi số” năm 2026")


@pytest.fixture
def an(tree):
    return make_person("Nguyễn Văn An", tree.van_phong, date_of_birth=D(1980, 3, 5), cccd="025080001234",
                       position="Công chức Văn phòng - Thống kê")


@pytest.fixture
def binh(tree):
    return make_person("Trần Thị Bình", tree.ha_hoa, gender="female", position="")


def history_of(person):
    """Ratings for 2022–2026, an initiative of 2025 and three awards (one revoked)."""
    for year, rating in [(2022, "good"), (2023, "good"), (2024, "excellent"), (2025, "excellent"),
                         (2026, "excellent")]:
        TaskRating.objects.create(person=person, year=year, rating=rating)
    initiative = Initiative.objects.create(title="Số hóa hồ sơ hộ tịch trên địa bàn xã", year=2025,
                                           recognising_body="Hội đồng sáng kiến xã Hạ Hòa",
                                           decision_number="45/QĐ-UBND", decision_date=D(2025, 12, 5))
    initiative.authors.add(person)
    AwardRecord.objects.create(person=person, award=award("LDTT"), year=2023, decision_number="1234/QĐ-UBND",
                               decision_date=D(2023, 12, 20), issuing_body="UBND huyện Hạ Hòa")
    AwardRecord.objects.create(person=person, award=award("GIAY_KHEN"), year=2024, decision_number="567/QĐ-UBND",
                               decision_date=D(2025, 1, 15), issuing_body="UBND huyện Hạ Hòa")
    AwardRecord.objects.create(person=person, award=award("LDTT"), year=2021, decision_number="99/QĐ-UBND",
                               decision_date=D(2021, 12, 1), issuing_body="UBND huyện Hạ Hòa",
                               revoked_on=D(2022, 3, 1), revocation_reason="Sai đối tượng")


@pytest.fixture
def plan_list(cast, tree, plan, an, binh):
    """Under the province's plan: Bình and the office for a Giấy khen, An for a Bằng khen, and a household."""
    nomination_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026,
                                              title="Đề nghị khen thưởng Chuyển đổi số 2026")
    history_of(an)
    add = lambda **kw: nominations.add_line(nomination_list, actor=cast.alice, **kw)  # noqa: E731
    add(person=binh, award=award("GIAY_KHEN"), summary="Hướng dẫn 300 hộ dân dùng dịch vụ công trực tuyến.")
    add(collective=tree.van_phong, award=award("GIAY_KHEN"), summary=SUMMARY_OFFICE)
    add(person=an, award=award("BK_TINH"), summary=SUMMARY_AN)
    add(household="Hộ ông Đỗ Văn Cường, thôn Đồng Phú", award=award("GIAY_KHEN"),
        summary="Hiến 200 m² đất mở rộng đường liên thôn.")
    return nomination_list


def annual_list(cast, tree, person, year, code="CSTDCS", submitted=None):
    """An annual-review list of Xã Hạ Hòa with one line, sent on ``submitted`` (a draft when None)."""
    nomination_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=year,
                                              title=f"Đề nghị khen thưởng năm {year}")
    line = nominations.add_line(nomination_list, actor=cast.alice, person=person, award=award(code),
                                summary="Hoàn thành xuất sắc nhiệm vụ được giao.")
    if submitted is not None:
        when = timezone.make_aware(datetime.datetime.combine(submitted, datetime.time(9)))
        NominationList.objects.filter(pk=nomination_list.pk).update(status="submitted", submitted_at=when)
    return NominationLine.objects.get(pk=line.pk)


def line_of(nomination_list, name):
    return next(line for line in nomination_list.lines.all() if line.subject_name == name)


def pdf_text(data):
    return body_text(open_pdf(data))


def docx_text(data):
    """Every paragraph and table cell of a Word file, in document order, squashed."""
    document = open_docx(data)
    texts = []
    for block in document.element.body.iterchildren():
        texts.append("".join(node.text or "" for node in block.iter() if node.tag.endswith("}t")))
    return squash(" ".join(texts))


THIS_YEAR = timezone.localdate().year


# Tờ trình (PDF) ----------------------------------------------------------------------------------

def test_the_proposal_asks_the_province_for_the_awards_of_the_list_under_its_plan(plan_list):
    text = pdf_text(render_proposal_pdf(plan_list))

    assert_in_order(text, [
        "ỦY BAN NHÂN DÂN", "XÃ HẠ HÒA", "Số: /TTr-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        f"Hạ Hòa, ngày tháng năm {THIS_YEAR}",
        "TỜ TRÌNH",
        "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho cá nhân có "
        "thành tích trong thực hiện Kế hoạch số 05/KH-UBND của Ủy ban nhân dân tỉnh Phú Thọ",
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ.",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành một "
        "số điều của Luật Thi đua, khen thưởng;",
        "Căn cứ Kế hoạch số 05/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân tỉnh Phú Thọ phát động phong trào "
        "thi đua “Chuyển đổi số” năm 2026;",
        "Ủy ban nhân dân xã Hạ Hòa thống nhất đề nghị khen thưởng cho 01 cá nhân, cụ thể như sau:",
        "- Bằng khen của Chủ tịch UBND tỉnh: 01 cá nhân.",
        "Ủy ban nhân dân xã Hạ Hòa kính trình Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ xem xét, quyết định./.",
        "Nơi nhận:", "- Như trên;", "- Sở Nội vụ tỉnh Phú Thọ;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
    ])
    assert "Giấy khen" not in text  # the commune grants those itself: they never go up


def test_a_list_the_commune_grants_entirely_asks_the_province_for_nothing(cast, tree, binh):
    nomination_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Giấy khen xã")
    nominations.add_line(nomination_list, actor=cast.alice, person=binh, award=award("GIAY_KHEN"))

    doc = proposal_document(nomination_list)

    assert doc.annex.table.rows == ()
    assert "Trần Thị Bình" not in pdf_text(render_proposal_pdf(nomination_list))


def test_the_attached_list_holds_every_line_in_the_order_entered(plan_list):
    text = pdf_text(render_proposal_pdf(plan_list))

    annex = text[text.index("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"):]
    assert_in_order(annex, [
        f"(Kèm theo Tờ trình số /TTr-UBND ngày tháng năm {THIS_YEAR} của Ủy ban nhân dân xã Hạ Hòa)",
        "STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức đề nghị", "Tóm tắt thành tích",
        "1", "Nguyễn Văn An", "Công chức Văn phòng - Thống kê", "Bằng khen của Chủ tịch UBND tỉnh",
        "Chủ trì số hóa 12.500 hồ sơ hộ tịch",
    ])


def test_the_attached_list_starts_a_page_and_repeats_its_header_on_every_page(cast, tree, plan):
    nomination_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026,
                                              title="Danh sách dài")
    names = [f"Người Thứ {i:02d}" for i in range(1, 41)]
    for name in names:
        person = make_person(name, tree.van_phong)
        nominations.add_line(nomination_list, actor=cast.alice, person=person, award=award("BK_TINH"),
                             summary="Hoàn thành xuất sắc nhiệm vụ; tích cực tham gia chuyển đổi số.")

    reader = open_pdf(render_proposal_pdf(nomination_list))

    pages = [squash(page.extract_text()) for page in reader.pages]
    annex_pages = [page for page in pages if "Tóm tắt thành tích" in page]
    assert not any("TỜ TRÌNH" in page for page in annex_pages)  # the list begins on a new page
    assert len(annex_pages) >= 2 and all(page.count("Họ và tên / Tên tập thể") == 1 for page in annex_pages)
    assert_in_order(" ".join(annex_pages), names)
    assert "thống nhất đề nghị khen thưởng cho 40 cá nhân" in pages[0]


def test_a_proposal_pdf_is_a4_within_the_decree_margins(plan_list):
    reader = open_pdf(render_proposal_pdf(plan_list))

    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=1)
    boxes = [box for page in reader.pages for box in text_boxes(page) if box[2] > 20 * MM]
    assert min(box[0] for box in boxes) / MM == pytest.approx(30, abs=2)  # left margin 30 mm
    assert (A4[0] - max(box[1] for box in boxes)) / MM >= 15 - 0.3  # right margin 15 mm
    assert min(box[2] for box in boxes) > 20 * MM  # top margin (the page number sits inside it)
    assert max(box[2] for box in boxes) < A4[1] - 20 * MM  # bottom margin


def test_an_annual_list_cites_the_regulations_of_the_day_it_was_sent(cast, tree, an):
    history_of(an)
    line = annual_list(cast, tree, an, 2024, submitted=D(2024, 12, 20))

    text = pdf_text(render_proposal_pdf(line.nomination_list))

    assert "Về việc đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2024" in text
    assert "Hạ Hòa, ngày 20 tháng 12 năm 2024" in text and "DỰ THẢO" not in text  # sent: dated, no longer a draft
    assert ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 "
            "tháng 12 năm 2023 của Chính phủ") in text
    assert "Tổ chức chính quyền địa phương" not in text  # a Tờ trình asks; it does not decide
    assert "Trên cơ sở kết quả thực hiện nhiệm vụ và phong trào thi đua năm 2024" in text
    assert "Kế hoạch" not in text


def test_a_list_sent_in_2023_cites_the_2003_law_and_decree_91(cast, tree, an):
    line = annual_list(cast, tree, an, 2023, code="LDTT", submitted=D(2023, 12, 15))

    text = pdf_text(render_proposal_pdf(line.nomination_list))

    assert "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;" in text
    assert "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ" in text


def test_an_office_prints_its_parent_above_its_name_and_asks_its_parent(cast, tree, an):
    nomination_list = nominations.create_list(actor=cast.alice, unit=tree.van_phong, year=2026,
                                              title="Đề nghị của Văn phòng")
    nominations.add_line(nomination_list, actor=cast.alice, person=an, award=award("LDTT"))

    doc = proposal_document(nomination_list)

    assert doc.superior_lines == ["UBND XÃ HẠ HÒA"]
    assert doc.issuer_lines == ["VĂN PHÒNG HĐND VÀ UBND XÃ HẠ HÒA"]
    assert doc.number_line == "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/TTr-………"
    assert doc.place_and_date.startswith("Hạ Hòa, ngày")
    assert doc.addressee == "Chủ tịch Ủy ban nhân dân xã Hạ Hòa"
    assert doc.authority_lines == ["THỦ TRƯỞNG ĐƠN VỊ"]
    text = pdf_text(render_proposal_pdf(nomination_list))
    assert_in_order(text, ["UBND XÃ HẠ HÒA", "VĂN PHÒNG HĐND VÀ UBND XÃ HẠ HÒA", "TỜ TRÌNH",
                           "Kính gửi: Chủ tịch Ủy ban nhân dân xã Hạ Hòa."])


def test_the_proposal_leaves_the_signer_to_the_clerk(plan_list):
    doc = proposal_document(plan_list)

    assert set(doc.signer_name) == {"…"}
    assert "Hà Đức Thắng" not in pdf_text(render_proposal_pdf(plan_list))  # not even the plan's signer


def test_the_proposal_reads_a_fixed_number_of_queries_whatever_the_length(cast, tree, plan, plan_list,
                                                                          django_assert_num_queries):
    fresh = NominationList.objects.select_related("unit__parent", "plan__issuing_unit").get(pk=plan_list.pk)
    # The lines, which of them the commune grants, the legal bases in force, the council's session, the Sở Nội vụ.
    with django_assert_num_queries(5):
        proposal_document(fresh)
    for i in range(20):
        nominations.add_line(plan_list, actor=cast.alice, person=make_person(f"Người Số {i}", tree.van_phong),
                             award=award("GIAY_KHEN"))
    fresh = NominationList.objects.select_related("unit__parent", "plan__issuing_unit").get(pk=plan_list.pk)
    with django_assert_num_queries(5):
        proposal_document(fresh)


# Tờ trình (Word) ---------------------------------------------------------------------------------

def test_the_proposal_docx_carries_the_same_letter_and_list(plan_list):
    document = open_docx(render_proposal_docx(plan_list))

    header, signing, attached = document.tables
    assert [line for cell in header.rows[0].cells for line in cell.text.split("\n")] == [
        "ỦY BAN NHÂN DÂN", "XÃ HẠ HÒA", "", "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/TTr-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
        f"Hạ Hòa, ngày      tháng      năm {THIS_YEAR}"]
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[:4] == ["DỰ THẢO", "TỜ TRÌNH", proposal_document(plan_list).title.text,
                         "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ."]
    assert "- Bằng khen của Chủ tịch UBND tỉnh: 01 cá nhân." in texts
    assert signing.rows[0].cells[0].text.split("\n") == ["Nơi nhận:", "- Như trên;", "- Sở Nội vụ tỉnh Phú Thọ;",
                                                                 "- Lưu: VT."]
    assert signing.rows[0].cells[1].text.split("\n")[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    rows = [[cell.text for cell in row.cells] for row in attached.rows]
    assert rows[0] == ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức đề nghị",
                       "Tóm tắt thành tích"]
    assert [(row[0], row[1], row[3]) for row in rows[1:]] == [
        ("1", "Nguyễn Văn An", "Bằng khen của Chủ tịch UBND tỉnh")]
    assert rows[1][4] == SUMMARY_AN
    assert attached.rows[0]._tr.trPr.xml.count("w:tblHeader") == 1  # the header row repeats on each page


def test_the_docx_is_a4_with_decree_margins_and_the_list_on_its_own_page(plan_list):
    document = open_docx(render_proposal_docx(plan_list))

    section = document.sections[0]
    lengths = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
               section.left_margin, section.right_margin]
    assert [round(length.mm, 1) for length in lengths] == [210, 297, 20, 20, 30, 15]
    annex_title = next(p for p in document.paragraphs if p.text == "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG")
    assert annex_title.paragraph_format.page_break_before


# Báo cáo thành tích ------------------------------------------------------------------------------

def test_an_individual_report_of_2024_is_written_on_form_03_of_decree_98(cast, tree, an):
    history_of(an)
    line = annual_list(cast, tree, an, 2024, submitted=D(2024, 12, 20))

    text = pdf_text(render_report_pdf(line))

    assert_in_order(text, [
        "Mẫu số 03", "UBND XÃ HẠ HÒA", "VĂN PHÒNG HĐND VÀ UBND XÃ HẠ HÒA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hạ Hòa, ngày tháng năm 2024",
        "BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ",
        "Nguyễn Văn An, Công chức Văn phòng - Thống kê, Văn phòng HĐND và UBND xã Hạ Hòa",
        "I. SƠ LƯỢC LÝ LỊCH", "- Họ và tên: Nguyễn Văn An", "- Sinh ngày, tháng, năm: 05/3/1980; Giới tính: Nam",
        "- Quê quán: …", "- Đơn vị công tác: Văn phòng HĐND và UBND xã Hạ Hòa",
        "- Chức vụ (Đảng, chính quyền, đoàn thể): Công chức Văn phòng - Thống kê",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC", "Hoàn thành xuất sắc nhiệm vụ được giao.",
        "3. Kết quả đánh giá, xếp loại từ năm 2020 đến năm 2024:",
        "- Năm 2022: Hoàn thành tốt nhiệm vụ;", "- Năm 2023: Hoàn thành tốt nhiệm vụ;",
        "- Năm 2024: Hoàn thành xuất sắc nhiệm vụ.",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "1. Danh hiệu thi đua:",
        "2023", "Lao động tiên tiến", "1234/QĐ-UBND", "20/12/2023", "UBND huyện Hạ Hòa",
        "2. Hình thức khen thưởng:", "2024", "Giấy khen", "567/QĐ-UBND", "15/01/2025",
        "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)", "NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)",
        "Nguyễn Văn An",
    ])
    assert "2025" not in text.split("3. Kết quả")[1].split("III.")[0]  # years after the one proposed: not yet
    assert "99/QĐ-UBND" not in text  # a revoked award is not reported


def test_a_report_under_a_plan_is_written_on_the_campaign_form_08(plan_list):
    line = line_of(plan_list, "Nguyễn Văn An")

    text = pdf_text(render_report_pdf(line))

    assert_in_order(text, [
        "Mẫu số 08", "BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
        "(Thành tích trong thực hiện Kế hoạch số 05/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân tỉnh Phú Thọ)",
        "2. Thành tích đạt được:", *SUMMARY_AN.split("\n"),
        "- Năm 2025: “Số hóa hồ sơ hộ tịch trên địa bàn xã” (phạm vi ảnh hưởng: cơ sở), Quyết định số "
        "45/QĐ-UBND ngày 05/12/2025 của Hội đồng sáng kiến xã Hạ Hòa",
        "1234/QĐ-UBND", "567/QĐ-UBND",
    ])


@pytest.mark.parametrize("subject, number", [("individual", "02"), ("collective", "01")])
def test_a_report_sent_in_2023_takes_the_numbering_of_decree_91(cast, tree, an, subject, number):
    nomination_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2023, title="Năm 2023")
    if subject == "individual":
        line = nominations.add_line(nomination_list, actor=cast.alice, person=an, award=award("LDTT"))
    else:
        line = nominations.add_line(nomination_list, actor=cast.alice, collective=tree.van_phong,
                                    award=award("TTLDXS"))
    when = timezone.make_aware(datetime.datetime(2023, 12, 15, 9))
    NominationList.objects.filter(pk=nomination_list.pk).update(status="submitted", submitted_at=when)
    line = NominationLine.objects.get(pk=line.pk)

    assert report_document(line).form_label == f"Mẫu số {number}"
    assert pdf_text(render_report_pdf(line)).startswith(f"Mẫu số {number}")
    assert open_docx(render_report_docx(line)).paragraphs[0].text == f"Mẫu số {number}"


def test_a_collective_report_describes_the_unit_and_its_own_awards(plan_list, tree):
    AwardRecord.objects.create(collective=tree.van_phong, award=award("TTLDXS"), year=2025,
                               decision_number="88/QĐ-UBND", decision_date=D(2026, 1, 10),
                               issuing_body="UBND tỉnh Phú Thọ")
    TaskRating.objects.create(collective=tree.van_phong, year=2025, rating="excellent")
    line = line_of(plan_list, "Văn phòng HĐND và UBND xã Hạ Hòa")

    text = pdf_text(render_report_pdf(line))

    assert_in_order(text, [
        "Mẫu số 08", "UBND XÃ HẠ HÒA", "VĂN PHÒNG HĐND VÀ UBND XÃ HẠ HÒA", "ĐỀ NGHỊ TẶNG GIẤY KHEN",
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", "- Tên tập thể: Văn phòng HĐND và UBND xã Hạ Hòa",
        "- Đơn vị cấp trên trực tiếp: Ủy ban nhân dân xã Hạ Hòa", "- Địa chỉ trụ sở: …",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC", SUMMARY_OFFICE, "- Năm 2025: Hoàn thành xuất sắc nhiệm vụ.",
        "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN", "2025", "Tập thể lao động xuất sắc", "88/QĐ-UBND",
        "10/01/2026", "UBND tỉnh Phú Thọ",
        "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ",
    ])
    assert "1234/QĐ-UBND" not in text  # An's awards belong to An


def test_a_household_report_is_the_short_variant(plan_list):
    AwardRecord.objects.create(household="Hộ ông Đỗ Văn Cường, thôn Đồng Phú", award=award("GIAY_KHEN"),
                               year=2024, decision_number="12/QĐ-UBND", decision_date=D(2024, 9, 2),
                               issuing_body="UBND xã Hạ Hòa")
    line = line_of(plan_list, "Hộ ông Đỗ Văn Cường, thôn Đồng Phú")

    text = pdf_text(render_report_pdf(line))

    assert_in_order(text, [
        "ỦY BAN NHÂN DÂN", "XÃ HẠ HÒA", "ĐỀ NGHỊ TẶNG GIẤY KHEN", "I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH",
        "- Chủ hộ, địa chỉ: Hộ ông Đỗ Văn Cường, thôn Đồng Phú", "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "Hiến 200 m² đất mở rộng đường liên thôn.", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "12/QĐ-UBND",
        "XÁC NHẬN CỦA ỦY BAN NHÂN DÂN XÃ HẠ HÒA", "ĐẠI DIỆN HỘ GIA ĐÌNH",
    ])
    assert "SƠ LƯỢC LÝ LỊCH" not in text and "Sáng kiến" not in text


def test_what_the_registry_does_not_know_is_left_dotted_for_the_clerk(plan_list):
    line = line_of(plan_list, "Trần Thị Bình")

    doc = report_document(line)

    fields = {p.text.split(":")[0]: p.text.split(": ", 1)[1] for p in doc.blocks
              if getattr(p, "text", "").startswith("- ") and ": " in p.text}
    assert fields["- Họ và tên"] == "Trần Thị Bình"
    assert fields["- Sinh ngày, tháng, năm"].startswith("…") and fields["- Sinh ngày, tháng, năm"].endswith(
        "Giới tính: Nữ")
    assert set(fields["- Quê quán"]) == {"…"} and set(fields["- Chức vụ (Đảng, chính quyền, đoàn thể)"]) == {"…"}
    assert fields["- Đơn vị công tác"] == "Ủy ban nhân dân xã Hạ Hòa, tỉnh Phú Thọ"
    # Blank tables keep one empty row to write in.
    assert [block.rows for block in doc.blocks if getattr(block, "kind", "") == "table"] == [
        (("", "", "", "", ""),)] * 2


def test_a_report_pdf_is_a4_and_its_dotted_blanks_stay_inside_the_margins(plan_list):
    reader = open_pdf(render_report_pdf(line_of(plan_list, "Trần Thị Bình")))

    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=1)
    boxes = [box for page in reader.pages for box in text_boxes(page) if box[2] > 20 * MM]
    assert min(box[0] for box in boxes) / MM >= 30 - 0.3
    assert (A4[0] - max(box[1] for box in boxes)) / MM >= 15 - 0.3


def test_a_report_reads_its_history_in_a_fixed_number_of_queries(plan_list, django_assert_num_queries):
    line = NominationLine.objects.select_related(
        "nomination_list__unit__parent", "plan__issuing_unit", "person__unit__parent", "award",
    ).get(nomination_list=plan_list, person__full_name="Nguyễn Văn An")

    # Required documents, regulations in force, form (3); ratings, initiatives, awards (3).
    with django_assert_num_queries(6):
        report_document(line)


def test_the_report_docx_carries_the_form_the_history_and_both_signatures(plan_list):
    line = line_of(plan_list, "Nguyễn Văn An")

    document = open_docx(render_report_docx(line))

    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[:5] == ["Mẫu số 08", "BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
                         "(Thành tích trong thực hiện Kế hoạch số 05/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân "
                         "tỉnh Phú Thọ)",
                         "Nguyễn Văn An, Công chức Văn phòng - Thống kê, Văn phòng HĐND và UBND xã Hạ Hòa"]
    assert document.paragraphs[0].alignment == 2  # right
    assert SUMMARY_AN.split("\n")[1] in texts
    header, titles, others, signatures = document.tables
    assert [cell.text for cell in titles.rows[1].cells] == ["2023", "Lao động tiên tiến", "1234/QĐ-UBND",
                                                            "20/12/2023", "UBND huyện Hạ Hòa"]
    assert [cell.text for cell in others.rows[1].cells][:3] == ["2024", "Giấy khen", "567/QĐ-UBND"]
    left, right = (cell.text.split("\n") for cell in signatures.rows[0].cells)
    assert left == ["XÁC NHẬN CỦA", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)", ""]
    assert right == ["NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)", "Nguyễn Văn An"]


def test_user_text_is_printed_as_text_never_as_markup(cast, tree, plan, an):
    nomination_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026,
                                              title="Thử ký tự")
    line = nominations.add_line(nomination_list, actor=cast.alice, person=an, award=award("GIAY_KHEN"),
                                summary="Đạt <b>100%</b> & **vượt** chỉ tiêu")

    from awards.documents.pdf import render_html

    assert "Đạt &lt;b&gt;100%&lt;/b&gt; &amp; **vượt** chỉ tiêu" in render_html(report_document(line))
    assert "Đạt <b>100%</b> & **vượt** chỉ tiêu" in pdf_text(render_report_pdf(line))
    assert "Đạt <b>100%</b> & **vượt** chỉ tiêu" in docx_text(render_report_docx(line))


def test_vietnamese_text_keeps_its_diacritics_in_both_formats(plan_list):
    line = line_of(plan_list, "Hộ ông Đỗ Văn Cường, thôn Đồng Phú")

    for text in (pdf_text(render_report_pdf(line)), docx_text(render_report_docx(line))):
        assert "Hộ ông Đỗ Văn Cường, thôn Đồng Phú" in text
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
        assert "Hiến 200 m² đất mở rộng đường liên thôn." in text
    for text in (pdf_text(render_proposal_pdf(plan_list)), docx_text(render_proposal_docx(plan_list))):
        assert "Nguyễn Văn An" in text and "Bằng khen của Chủ tịch UBND tỉnh" in text
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text


# Downloads -------------------------------------------------------------------------------------

ACTORS = ["alice", "bob", "carol", "dave", "olga", "root"]
VIEWS = {
    #               content type, file name pattern
    "proposal_pdf": ("application/pdf", "to-trinh-xa-ha-hoa-{list}.pdf"),
    "proposal_docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      "to-trinh-xa-ha-hoa-{list}.docx"),
    "report_pdf": ("application/pdf", "bao-cao-thanh-tich-nguyen-van-an-{line}.pdf"),
    "report_docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "bao-cao-thanh-tich-nguyen-van-an-{line}.docx"),
}
EXPECTED = {"alice": 200, "bob": 200, "carol": 200, "dave": 200, "olga": 404, "root": 200}


def url_of(view, plan_list):
    line = line_of(plan_list, "Nguyễn Văn An")
    return reverse(f"awards:{view}", args=[plan_list.pk if view.startswith("proposal") else line.pk])


@pytest.mark.parametrize("view", VIEWS)
def test_anonymous_visitors_are_sent_to_login(client, plan_list, view):
    response = client.get(url_of(view, plan_list))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("actor", ACTORS)
def test_each_download_answers_each_actor_as_the_matrix_says(login, cast, plan_list, view, actor):
    response = login(getattr(cast, actor)).get(url_of(view, plan_list))

    assert response.status_code == EXPECTED[actor]
    if response.status_code == 200:
        content_type, pattern = VIEWS[view]
        line = line_of(plan_list, "Nguyễn Văn An")
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == (
            f'attachment; filename="{pattern.format(list=plan_list.pk, line=line.pk)}"')
        assert response["Content-Disposition"].isascii()
        data = response.content
        text = pdf_text(data) if view.endswith("pdf") else docx_text(data)
        assert ("TỜ TRÌNH" if view.startswith("proposal") else "BÁO CÁO THÀNH TÍCH") in text


@pytest.mark.parametrize("view", VIEWS)
def test_the_downloads_refuse_post(login, cast, plan_list, view):
    assert login(cast.alice).post(url_of(view, plan_list)).status_code == 405


def test_the_list_page_links_the_proposal_and_each_report(login, cast, plan_list):
    html = login(cast.carol).get(reverse("awards:nomination_list_detail", args=[plan_list.pk])).content.decode()

    assert reverse("awards:proposal_pdf", args=[plan_list.pk]) in html
    assert reverse("awards:proposal_docx", args=[plan_list.pk]) in html
    for line in plan_list.lines.all():
        assert reverse("awards:report_pdf", args=[line.pk]) in html
        assert reverse("awards:report_docx", args=[line.pk]) in html
        assert f'aria-label="Báo cáo thành tích của {line.subject_name}, bản PDF"' in html
