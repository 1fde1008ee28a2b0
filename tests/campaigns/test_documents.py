"""Printed plans: PDF (WeasyPrint), Word (python-docx) and the HTML both come from.

The plan below is modelled on a real one (Kế hoạch of UBND tỉnh Ninh Thuận, 2024): three levels of
sections, numbered paragraphs without headings, bullets, bold and italic runs, four pages of text,
six recipients and a "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" signature.
"""

import io
import re
import unicodedata

import pytest
from django.core.management import call_command

from units.models import Unit

from campaigns.documents import plan_document, render_plan_docx, render_plan_html, render_plan_pdf
from campaigns.markup import parse
from campaigns.models import Plan, PlanSection

from tests.conftest import make_unit

MM = 72 / 25.4  # PDF points per millimetre

PREAMBLE = (
    "Căn cứ Kế hoạch số 789/KH-UBTVQH15 ngày 17/4/2024 của Ủy ban Thường vụ Quốc hội triển khai phong trào "
    "thi đua chào mừng “Kỷ niệm 80 năm Ngày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam” (06/01/1946 - "
    "06/01/2026);\n\n"
    "Chủ tịch Ủy ban nhân dân tỉnh ban hành Kế hoạch tổ chức thực hiện phong trào thi đua chào mừng “Kỷ niệm "
    "80 năm Ngày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam” (06/01/1946 - 06/01/2026) trên địa bàn tỉnh "
    "Ninh Thuận (sau đây viết tắt là Kế hoạch); cụ thể như sau:"
)

PURPOSE = (
    "a) Tuyên truyền sâu rộng ý nghĩa quan trọng của cuộc Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam, tạo "
    "ra một bước ngoặt quan trọng – Thời kỳ đất nước ta có Quốc hội, Chính phủ, Hiến pháp tiến bộ, hội nhập và "
    "một hệ thống chính quyền đại diện cho Nhân dân Việt Nam về đối nội, đối ngoại.\n\n"
    "b) Khơi dậy sức mạnh to lớn của khối đại đoàn kết dân tộc, tạo động lực mới nhằm thực hiện thắng lợi "
    "nhiệm vụ phát triển kinh tế - xã hội của đất nước, xây dựng Nhà nước pháp quyền xã hội chủ nghĩa, dân "
    "giàu, nước mạnh, dân chủ, công bằng, văn minh.\n\n"
    "c) Nâng cao nhận thức, trách nhiệm, cổ vũ, động viên, truyền cảm hứng, khơi dậy niềm tự hào để các cơ "
    "quan, tổ chức, các cấp, các ngành, các địa phương, cán bộ, công chức, viên chức, người lao động và công "
    "dân trên địa bàn tỉnh tiếp tục nỗ lực, đẩy mạnh phong trào thi đua yêu nước, lập thành tích xuất sắc "
    "trong lao động, sản xuất, trong học tập và công tác, góp phần thực hiện thắng lợi Nghị quyết Đại hội "
    "Đảng bộ tỉnh Ninh Thuận lần thứ XIV."
)

REQUIREMENTS = (
    "a) Kế hoạch phải được tổ chức, triển khai đến các cấp, các ngành, các địa phương, các doanh nghiệp và "
    "Nhân dân; gắn với đề cao **trách nhiệm người đứng đầu** trong chỉ đạo, điều hành và tổ chức thực hiện, "
    "có sự hưởng ứng rộng rãi của các cấp, các ngành, các địa phương và Nhân dân.\n\n"
    "b) Tổ chức triển khai sâu rộng trong các cơ quan, đơn vị, địa phương để hưởng ứng kế hoạch với nội dung "
    "thiết thực, hình thức phong phú, đảm bảo hiệu quả, thực hiện tiết kiệm gắn với phong trào thi đua của "
    "các cơ quan, tổ chức, địa phương; phát huy sáng kiến, mô hình tiên tiến điển hình.\n\n"
    "c) Thường xuyên kiểm tra, giám sát thực hiện tổ chức thực hiện kế hoạch. Kịp thời biểu dương, khen "
    "thưởng những tập thể, cá nhân tiêu biểu xuất sắc trong triển khai thực hiện Kế hoạch."
)

CONTENT_ITEMS = [
    "Thực hiện Kết luận số 843-KL/ĐĐQH15 ngày 03/8/2022 của Đảng đoàn Quốc hội về việc tiếp tục đổi mới, "
    "nâng cao chất lượng, hiệu quả hoạt động giám sát, chương trình giám sát năm 2024, 2025 của Đoàn đại biểu "
    "Quốc hội, Hội đồng nhân dân tỉnh. Giám sát chuyên đề, giám sát theo chương trình, kế hoạch đi đôi với "
    "giám sát thường xuyên, liên tục của Đoàn Đại biểu Quốc hội đơn vị tỉnh, Hội đồng nhân dân tỉnh.",
    "Thực hiện quyết liệt, hiệu quả các Luật, nghị quyết của Quốc hội, Nghị quyết của HĐND tỉnh: về kinh tế "
    "- xã hội, về ngân sách hàng năm và các nghị quyết về các vấn đề quan trọng khác góp phần thực hiện đạt "
    "hiệu quả cao Nghị quyết Đại hội Đảng bộ tỉnh Ninh Thuận lần thứ XIV.",
    "Nâng cao chất lượng tham mưu, phối hợp thực hiện hiệu quả chương trình công tác của Đoàn ĐBQH đơn vị "
    "tỉnh, HĐND tỉnh. Phối hợp hiệu quả với Văn phòng Đoàn ĐBQH và HĐND tỉnh trong công tác tiếp xúc cử tri, "
    "tiếp công dân và giải quyết khiếu nại tố cáo:\n"
    "- Tổ chức tiếp xúc cử tri trước và sau mỗi kỳ họp đúng thời gian, đúng thành phần;\n"
    "- Tiếp công dân định kỳ, đột xuất theo quy định, *giải quyết dứt điểm* các vụ việc tồn đọng;\n"
    "- Tổng hợp, trả lời kiến nghị của cử tri đúng thời hạn.",
    "Đẩy mạnh ứng dụng công nghệ thông tin và chuyển đổi số vào hoạt động của các cơ quan, đơn vị, địa "
    "phương, tiếp cận kịp thời thông tin, xây dựng cơ quan, đơn vị, địa phương chuyên nghiệp trong điều kiện "
    "nền kinh tế số, xã hội số, phù hợp với Chiến lược chuyển đổi số quốc gia.",
]

CRITERIA = (
    "Căn cứ Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh Ninh Thuận, xây dựng tiêu chí thi "
    "đua, hình thức khen thưởng phù hợp với nhiệm vụ, quyền hạn, thực tiễn của cơ quan, đơn vị, địa phương, "
    "trong đó cần lưu ý một số nội dung:\n\n"
    "a) Bảo đảm chất lượng, nội dung, tiến độ, thời gian các nội dung trình kỳ họp HĐND tỉnh theo đúng quy "
    "định pháp luật.\n\n"
    "b) Thực hiện có hiệu quả kết luận, kiến nghị trước và sau hoạt động giám sát, chất vấn, giải trình của "
    "Quốc hội, Đoàn đại biểu Quốc hội, HĐND tỉnh, đại biểu Quốc hội, đại biểu Hội đồng nhân dân tỉnh.\n\n"
    "c) Phối hợp chặt chẽ, hiệu quả với Đoàn đại biểu Quốc hội, Hội đồng nhân dân trong việc thực hiện nhiệm "
    "vụ như hoạt động tiếp xúc cử tri, tiếp công dân, giám sát, lấy ý kiến góp ý vào các dự án luật."
)

PM_AWARD = (
    "Kết thúc đợt thi đua, Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh phối hợp với Sở Nội vụ xét, trình "
    "Chủ tịch Ủy ban nhân dân tỉnh đề nghị Ủy ban Thường vụ Quốc hội trình Thủ tướng Chính phủ tặng "
    "***Bằng khen của Thủ tướng Chính phủ*** đối với tập thể, cá nhân có thành tích tiêu biểu, xuất sắc trong "
    "thực hiện Kế hoạch; số lượng *không quá 01 tập thể và 01 cá nhân*."
)

ASSIGNMENTS = [
    "Các cơ quan, đơn vị, địa phương căn cứ Kế hoạch này xây dựng kế hoạch triển khai thực hiện phong trào thi "
    "đua với nội dung, tiêu chí cụ thể phù hợp với chức năng, nhiệm vụ của từng đơn vị; phát hiện, động "
    "viên, biểu dương, khen thưởng kịp thời các tập thể, cá nhân tiêu biểu xuất sắc; xây dựng điển hình và "
    "nhân điển hình tiên tiến.",
    "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội, các tổ chức xã hội, các "
    "đoàn thể thực hiện tốt công tác tuyên truyền, vận động hội viên, đoàn viên, các tầng lớp nhân dân tích "
    "cực tham gia hưởng ứng Phong trào thi đua; phối hợp tốt với các cơ quan của Quốc hội, Đoàn ĐBQH đơn vị "
    "tỉnh, HĐND tỉnh trong công tác xây dựng, ban hành chính sách, công tác giám sát, khảo sát.",
    "Hội đồng Thi đua - Khen thưởng các cấp phân công rõ trách nhiệm các thành viên trong quá trình chỉ đạo, "
    "hướng dẫn, giám sát việc triển khai thực hiện Phong trào thi đua ở các lĩnh vực, địa bàn cụ thể; lấy kết "
    "quả triển khai tổ chức thực hiện Phong trào thi đua là tiêu chí, nội dung quan trọng khi đánh giá, bình "
    "xét thi đua cho các đơn vị cấp dưới.",
    "Định kỳ hàng năm, các cơ quan, đơn vị, địa phương báo cáo tình hình tổ chức thực hiện Kế hoạch về Sở "
    "Nội vụ để tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân tỉnh.",
    "Giao Sở Nội vụ chủ trì phối hợp với Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh, các cơ "
    "quan, đơn vị, địa phương liên quan ban hành Hướng dẫn khen thưởng thành tích xuất sắc trong thực hiện "
    "Kế hoạch, tổng hợp, báo cáo kết quả thực hiện Kế hoạch theo quy định.",
]

CLOSING = (
    "Trong quá trình triển khai thực hiện, nếu có vướng mắc đề nghị các cơ quan, tổ chức, đơn vị và cá nhân "
    "phản ánh kịp thời bằng văn bản về Ủy ban nhân dân tỉnh (*thông qua Sở Nội vụ*) để xem xét, giải quyết "
    "theo quy định./."
)

RECIPIENTS = (
    "- Ủy ban Thường vụ Quốc hội;\n- TT. Tỉnh ủy, TT. HĐND tỉnh;\n- CT, các PCT UBND tỉnh;\n"
    "- Ban Thi đua - Khen thưởng Trung ương;\n- UBND các huyện, thành phố;\n- Lưu: VT, VXNV."
)


def make_plan(unit=None, *, number=None, issue_month=None, issue_day=None, repeat=1, **fields):
    """A province plan like Ninh Thuận's 2024 one; ``repeat`` copies the content items to lengthen it."""
    unit = unit or make_unit("Tỉnh Ninh Thuận", Unit.Kind.PROVINCE, code="58")
    values = dict(
        issuing_unit=unit, issuer_name="ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN", number=number, symbol="KH-UBND",
        place="Ninh Thuận", issue_year=2024, issue_month=issue_month, issue_day=issue_day,
        title="Thực hiện phong trào thi đua “Kỷ niệm 80 năm\nNgày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam”\n"
              "(06/01/1946 - 06/01/2026) trên địa bàn tỉnh Ninh Thuận",
        preamble=PREAMBLE, closing=CLOSING, recipients=RECIPIENTS,
        sign_prefix=Plan.SignPrefix.KT, sign_on_behalf="CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Long Biên",
    )
    plan = Plan.objects.create(**(values | fields))
    content = CONTENT_ITEMS * repeat
    rows = [
        (1, "I.", "MỤC ĐÍCH, YÊU CẦU", ""),
        (2, "1.", "Mục đích", PURPOSE),
        (2, "2.", "Yêu cầu", REQUIREMENTS),
        (1, "II.", "NỘI DUNG KẾ HOẠCH", "Để thực hiện tốt Kế hoạch, các sở, ban, ngành, các huyện, thành phố "
                                        "(sau đây viết tắt là cơ quan, đơn vị, địa phương) cần tập trung:"),
        *[(2, f"{i}.", "", text) for i, text in enumerate(content, 1)],
        (1, "III.", "TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG", ""),
        (2, "1.", "Tiêu chí thi đua", CRITERIA),
        (2, "2.", "Công tác khen thưởng", ""),
        (3, "2.1.", "Khen thưởng hàng năm:", "Căn cứ kết quả thực hiện Kế hoạch, cơ quan, đơn vị, địa phương "
                                             "biểu dương, khen thưởng kịp thời theo thẩm quyền."),
        (3, "2.2.", "Khen thưởng tổng kết phong trào thi đua:", ""),
        (4, "a)", "Xét tặng Bằng khen của Thủ tướng Chính phủ:", PM_AWARD),
        (4, "b)", "Xét tặng Bằng khen của Chủ tịch UBND tỉnh:", "Cho tập thể, cá nhân có thành tích tiêu biểu "
                                                                "xuất sắc khi kết thúc đợt thi đua."),
        (1, "IV.", "TỔ CHỨC THỰC HIỆN", ""),
        *[(2, f"{i}.", "", text) for i, text in enumerate(ASSIGNMENTS * repeat, 1)],
    ]
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, position=i, level=level, number=num, heading=heading, body=body)
        for i, (level, num, heading, body) in enumerate(rows, 1)
    )
    return plan


def expected_paragraphs(plan):
    """The body as printed, worked out from the stored plan: number in front of the heading, or of the
    first paragraph when the section has no heading; bullets as "- …"."""
    def blocks(text):
        return [("- " if b.kind == "bullet" else "") + b.text for b in parse(text)]

    out = blocks(plan.preamble)
    for section in plan.sections.order_by("position"):
        body = blocks(section.body)
        if section.heading:
            out.append(f"{section.number} {section.heading}")
        elif body:
            body[0] = f"{section.number} {body[0]}"
        out += body
    return out + blocks(plan.closing)


def squash(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def assert_in_order(haystack, needles):
    position = 0
    for needle in needles:
        found = haystack.find(squash(needle), position)
        assert found >= 0, f"missing or out of order: {needle[:80]!r}"
        position = found + len(squash(needle))


@pytest.fixture
def plan(db):
    return make_plan()


# PDF -------------------------------------------------------------------------------------------

def open_pdf(data):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def text_chunks(page):
    """(text, top, font name) for each piece of text; top in pt from the top of the paper."""
    chunks = []
    height = float(page.mediabox.height)

    def visit(text, cm, tm, font, size):
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            chunks.append((text, height - y, str(font["/BaseFont"]) if font else ""))

    page.extract_text(visitor_text=visit)
    return chunks


def body_text(reader):
    """The text of every page without the page numbers (anything in the 20 mm top margin)."""
    return squash("\n".join("".join(text for text, top, _ in text_chunks(page) if top > 20 * MM)
                             for page in reader.pages))


def _multiply(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def text_boxes(page):
    """(left, right, top) in pt from the paper's top-left of every text-showing operation, measured
    with the embedded fonts' glyph widths and the TJ spacing (WeasyPrint uses Tm/Tf/TJ only)."""
    from pypdf.generic import ContentStream

    fonts = page["/Resources"]["/Font"]
    widths = {}
    for name, font in fonts.items():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        table, w, i = {}, list(descendant.get("/W", [])), 0
        while i < len(w):
            if isinstance(w[i + 1], list):
                table.update({int(w[i]) + k: float(x) for k, x in enumerate(w[i + 1])})
                i += 2
            else:
                table.update({cid: float(w[i + 2]) for cid in range(int(w[i]), int(w[i + 1]) + 1)})
                i += 3
        widths[name] = (table, float(descendant.get("/DW", 1000)))
    height = float(page.mediabox.height)
    ctm, stack, tm, font, size, boxes = [1, 0, 0, 1, 0, 0], [], None, None, 0, []
    for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _multiply([float(x) for x in operands], ctm)
        elif op == b"Tm":
            tm = [float(x) for x in operands]
        elif op == b"Tf":
            font, size = operands[0], float(operands[1])
        elif op == b"TJ":
            table, default = widths[font]
            advance = 0.0
            for item in operands[0]:
                if isinstance(item, (bytes, str)) or hasattr(item, "original_bytes"):
                    raw = item.original_bytes if hasattr(item, "original_bytes") else bytes(item, "latin-1")
                    advance += sum(table.get(int.from_bytes(raw[j:j + 2], "big"), default)
                                   for j in range(0, len(raw), 2)) / 1000 * size
                else:
                    advance -= float(item) / 1000 * size
            matrix = _multiply(tm, ctm)
            left = matrix[4]
            right = advance * matrix[0] + matrix[4]
            boxes.append((min(left, right), max(left, right), height - matrix[5]))
    return boxes


def test_pdf_is_a4_and_prints_every_paragraph_in_order(plan):
    reader = open_pdf(render_plan_pdf(plan))

    assert len(reader.pages) >= 4
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.28, abs=1)
        assert float(page.mediabox.height) == pytest.approx(841.89, abs=1)
    text = body_text(reader)
    assert_in_order(text, ["ỦY BAN NHÂN DÂN", "TỈNH NINH THUẬN", "Số: /KH-UBND",
                           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                           "Ninh Thuận, ngày tháng năm 2024", "KẾ HOẠCH", plan.title]
                    + expected_paragraphs(plan)
                    + ["Nơi nhận:", *RECIPIENTS.splitlines(), "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Long Biên"])
    assert "1. Thực hiện Kết luận số 843-KL/ĐĐQH15" in text
    assert "- Tiếp công dân định kỳ, đột xuất theo quy định, giải quyết dứt điểm các vụ việc tồn đọng;" in text


def test_pdf_numbers_pages_in_the_top_margin_from_page_two(plan):
    reader = open_pdf(render_plan_pdf(plan))

    def in_top_margin(index):
        return [text.strip() for text, top, _ in text_chunks(reader.pages[index]) if top < 20 * MM]

    assert in_top_margin(0) == []
    for index in range(1, len(reader.pages)):
        assert in_top_margin(index) == [str(index + 1)]
    left, right, top = next(box for box in text_boxes(reader.pages[1]) if box[2] < 20 * MM)
    assert (left + right) / 2 == pytest.approx((30 * MM + 595.28 - 15 * MM) / 2, abs=2 * MM)


def test_pdf_embeds_liberation_serif_in_all_its_variants(plan):
    reader = open_pdf(render_plan_pdf(plan))

    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
                "/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            names.add(re.sub(r"^/[A-Z]{6}\+", "", str(font["/BaseFont"])).replace("-", ""))
    assert names == {"LiberationSerif", "LiberationSerifBold", "LiberationSerifItalic", "LiberationSerifBoldItalic"}


def test_pdf_keeps_text_inside_the_decree_margins(plan):
    reader = open_pdf(render_plan_pdf(plan))

    boxes = [box for page in reader.pages for box in text_boxes(page) if box[2] > 20 * MM]
    left = min(box[0] for box in boxes)
    right = max(box[1] for box in boxes)
    assert left / MM == pytest.approx(30, abs=2)
    # The PDF's glyph widths are whole thousandths of an em, so a justified line drawn by a viewer can
    # end up to ~0.2 mm past where WeasyPrint set it.
    assert (595.28 - right) / MM >= 15 - 0.3
    assert (595.28 - right) / MM == pytest.approx(15, abs=2)  # justified lines reach the right margin
    assert max(box[2] for box in boxes) < 841.89 - 20 * MM


def test_pdf_sets_bold_and_italic_in_their_font_variants(plan):
    reader = open_pdf(render_plan_pdf(plan))

    by_font = {}
    for page in reader.pages:
        for text, _, font in text_chunks(page):
            variant = re.sub(r"^/?[A-Z]{6}\+", "", font)
            by_font[variant] = by_font.get(variant, "") + "\n" + text
    by_font = {variant: squash(text) for variant, text in by_font.items()}
    bold, italic, both = (by_font["Liberation-Serif-Bold"], by_font["Liberation-Serif-Italic"],
                          by_font["Liberation-Serif-Bold-Italic"])
    assert "trách nhiệm người đứng đầu" in bold
    assert "I. MỤC ĐÍCH, YÊU CẦU" in bold and "1. Mục đích" in bold
    assert "Bằng khen của Thủ tướng Chính phủ" in both
    assert "2.1. Khen thưởng hàng năm:" in both
    assert "giải quyết dứt điểm" in italic and "thông qua Sở Nội vụ" in italic
    assert "a) Xét tặng Bằng khen của Thủ tướng Chính phủ:" in italic
    assert "Ninh Thuận, ngày tháng năm 2024" in italic
    assert "Nơi nhận:" in both
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in bold and "Nguyễn Long Biên" in bold
    assert "Thực hiện Kết luận số 843" not in bold  # a section number without heading is not a heading


def test_pdf_never_splits_recipients_and_signature(db):
    # Lengthen the closing two lines at a time, so that the block meets the end of page 1 at several
    # heights, until it has moved whole to page 2.
    plan = make_plan(repeat=1)
    plan.sections.all().delete()
    pages_seen = set()
    for extra in range(0, 120, 2):
        plan.closing = "\n\n".join([f"Dòng bổ sung số {i + 1}." for i in range(extra)] + [CLOSING])
        plan.save()
        reader = open_pdf(render_plan_pdf(plan))

        holding = {index for index, page in enumerate(reader.pages) for text, _, _ in text_chunks(page)
                   if any(part in text for part in ("Nơi nhận:", "KT. CHỦ TỊCH", "Lưu: VT, VXNV.", "Nguyễn Long"))}
        assert len(holding) == 1, f"split with {extra} extra lines"
        pages_seen |= holding
        if 1 in holding:
            break
    assert pages_seen == {0, 1}


# Word ------------------------------------------------------------------------------------------

def open_docx(data):
    import docx

    return docx.Document(io.BytesIO(data))


def test_docx_prints_every_paragraph_in_order(plan):
    document = open_docx(render_plan_docx(plan))

    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts.pop(0) == "DỰ THẢO"  # the plan is a draft
    assert texts[0] == "KẾ HOẠCH"
    assert texts[1] == plan.title
    assert texts[2:] == expected_paragraphs(plan)
    header, signing = document.tables
    assert [line for cell in header.rows[0].cells for line in cell.text.split("\n")] == [
        "ỦY BAN NHÂN DÂN", "TỈNH NINH THUẬN", "", "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
        "Ninh Thuận, ngày      tháng      năm 2024"]
    recipients, signature = signing.rows[0].cells
    assert recipients.text.split("\n") == ["Nơi nhận:", *RECIPIENTS.splitlines()]
    assert signature.text.split("\n") == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Long Biên"]


def test_docx_is_a4_with_decree_margins_and_page_numbers_from_page_two(plan):
    document = open_docx(render_plan_docx(plan))

    section = document.sections[0]
    lengths = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
               section.left_margin, section.right_margin]
    assert [round(length.mm, 1) for length in lengths] == [210, 297, 20, 20, 30, 15]  # stored in twips
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in "".join(section.header._element.itertext())
    assert 'w:fldCharType="begin"' in header_xml
    assert section.header.paragraphs[0].alignment == 1  # centred
    assert not section.first_page_header.is_linked_to_previous
    assert "".join(section.first_page_header._element.itertext()).strip() == ""


def test_docx_sets_times_new_roman_for_every_script(plan):
    from docx.oxml.ns import qn
    from lxml import etree

    document = open_docx(render_plan_docx(plan))

    fonts = document.styles["Normal"].element.rPr.rFonts
    assert {fonts.get(qn(f"w:{attr}")) for attr in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    assert document.styles["Normal"].font.size.pt == 14
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    defaults = etree.tostring(defaults, encoding="unicode")
    assert "w:asciiTheme" not in defaults and 'w:eastAsia="Times New Roman"' in defaults
    assert all(run.font.name in (None, "Times New Roman") for p in document.paragraphs for run in p.runs)


def test_docx_formats_body_paragraphs_like_the_pdf(plan):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = open_docx(render_plan_docx(plan))

    body = [next(p for p in document.paragraphs if p.text.startswith(start))
            for start in ("Căn cứ Kế hoạch số 789", "a) Tuyên truyền", "- Tổ chức tiếp xúc", "I. MỤC ĐÍCH")]
    for paragraph in body:
        fmt = paragraph.paragraph_format
        assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert abs(fmt.first_line_indent - Cm(1.27)) < Cm(0.01)
        assert fmt.space_after >= Pt(6)


def test_docx_marks_bold_and_italic_runs_as_the_markup_says(plan):
    document = open_docx(render_plan_docx(plan))

    runs = [run for p in document.paragraphs for run in p.runs if run.text.strip()]

    def style_of(text):
        run = next(run for run in runs if run.text == text)
        return bool(run.bold), bool(run.italic)

    assert style_of("trách nhiệm người đứng đầu") == (True, False)
    assert style_of("giải quyết dứt điểm") == (False, True)
    assert style_of("Bằng khen của Thủ tướng Chính phủ") == (True, True)
    assert style_of("I. MỤC ĐÍCH, YÊU CẦU") == (True, False)
    assert style_of("2.1. Khen thưởng hàng năm:") == (True, True)
    assert style_of("a) Xét tặng Bằng khen của Thủ tướng Chính phủ:") == (False, True)
    assert style_of(CLOSING.split("(")[0] + "(") == (False, False)


# HTML ------------------------------------------------------------------------------------------

def test_html_escapes_the_text_of_the_plan(db):
    plan = make_plan(repeat=1, preamble="Căn cứ <script>alert('x')</script> & **đậm**")
    PlanSection.objects.filter(plan=plan, position=2).update(heading="Mục <b>đích</b>")

    for for_print in (True, False):
        html = render_plan_html(plan, for_print=for_print)
        assert "<script>" not in html and "<b>" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; <strong>đậm</strong>" in html
        assert "Mục &lt;b&gt;đích&lt;/b&gt;" in html


def test_html_prints_the_decree_header(db):
    plan = make_plan(repeat=1, number=5, issue_month=2, issue_day=5, status=Plan.Status.ISSUED,
                     superior_body="Ủy ban nhân dân huyện Ninh Hải")

    page = render_plan_html(plan)
    fragment = render_plan_html(plan, for_print=False)

    assert page.startswith("<!doctype html>") and "css/print.css" in page
    assert fragment.lstrip().startswith("<article class=\"kh-document\"")
    for html in (page, fragment):
        for text in ("ỦY BAN NHÂN DÂN HUYỆN NINH HẢI", "ỦY BAN NHÂN DÂN<br>TỈNH NINH THUẬN", "Số: 05/KH-UBND",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Ninh Thuận, ngày 05 tháng 02 năm 2024", "KẾ HOẠCH", "Nơi nhận:", "KT. CHỦ TỊCH",
                     "PHÓ CHỦ TỊCH", "Nguyễn Long Biên"):
            assert text in html


def test_a_section_number_without_heading_opens_its_first_paragraph(db):
    plan = make_plan(repeat=1)

    doc = plan_document(plan)

    texts = [p.text for p in doc.paragraphs]
    first = texts.index("1. " + CONTENT_ITEMS[0])
    assert doc.paragraphs[first].style == "body"
    assert doc.paragraphs[first].runs[0].bold is False
    assert texts[texts.index("I. MỤC ĐÍCH, YÊU CẦU") + 1] == "1. Mục đích"


def test_the_signature_names_the_collective_after_tm(db):
    plan = make_plan(repeat=1, sign_prefix=Plan.SignPrefix.TM, sign_on_behalf="Ủy ban nhân dân",
                     signer_title="Chủ tịch")

    assert plan_document(plan).authority_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_it_reads_the_plan_parts_in_one_query(db, django_assert_num_queries):
    plan = make_plan(repeat=1)

    with django_assert_num_queries(1):
        render_plan_html(plan)
    prefetched = Plan.objects.prefetch_related("sections").get(pk=plan.pk)
    with django_assert_num_queries(0):
        render_plan_docx(prefetched)


# Command ---------------------------------------------------------------------------------------

def test_render_plan_writes_the_pdf_and_the_word_file(plan, tmp_path):
    out = io.StringIO()

    call_command("render_plan", str(plan.pk), "--pdf", str(tmp_path / "kh.pdf"), "--docx",
                 str(tmp_path / "kh.docx"), stdout=out)

    assert len(open_pdf((tmp_path / "kh.pdf").read_bytes()).pages) >= 4
    assert [p.text for p in open_docx((tmp_path / "kh.docx").read_bytes()).paragraphs[:2]] == ["DỰ THẢO", "KẾ HOẠCH"]
    assert "Đã ghi bản PDF" in out.getvalue() and "Đã ghi bản Word" in out.getvalue()
    assert "giây" in out.getvalue()


def test_render_plan_asks_for_an_output_and_an_existing_plan(plan, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--pdf hoặc --docx"):
        call_command("render_plan", str(plan.pk))
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("render_plan", str(plan.pk + 1000), "--docx", str(tmp_path / "kh.docx"))
