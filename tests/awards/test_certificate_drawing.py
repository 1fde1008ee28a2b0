"""Papers drawn straight onto PDF pages keep the look of the HTML layout and fit any text on one page.

The reference is the same pages laid out by WeasyPrint from templates/pdf/certificate.html: every line
must sit on the same baseline and about the same place (WeasyPrint kerns, the drawing does not: a few
tenths of a millimetre along a line), and the two pictures must differ in almost no pixel outside the
QR code (whose mask may differ: every mask reads the same).
"""

import dataclasses
import unicodedata

import pypdfium2
import pytest
from PIL import Image, ImageChops, ImageFilter

from campaigns.documents.pdf import html_to_pdf

from awards.documents.certificate import CertificatePage, render_pages_html
from awards.documents.certificate_drawing import draw_certificates

from tests import decree30
from tests.awards.certificate_factories import pdf_pages_text, qr_texts
from tests.hostile_text import UNPRINTABLE

URL = "http://127.0.0.1:8000/xac-minh/Zq3xV0b6m1aT0WkR9sYpLc2dEfGhJk7M/"


def paper(**fields) -> CertificatePage:
    values = dict(authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", verb="TẶNG", heading="BẰNG KHEN",
                  recipient="Ông Nguyễn Văn An", recipient_details=["Phó Chủ tịch Hội Nông dân xã", "Xã Hạ Hòa"],
                  merit="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025.",
                  decision="Quyết định số 125/QĐ-UBND ngày 05 tháng 02 năm 2026",
                  place_date="Phú Thọ, ngày 05 tháng 02 năm 2026", serial="Số: BK-2026-00001", copy_label="",
                  url=URL, sign_lines=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), signer_name="Trần Duy Đông")
    return CertificatePage(**values | fields)


LONG_NAME = "Bà Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Ngọc Bích Trâm Lê Thị Minh Khai Hồ Xuân Hương"
LONG_MERIT = ("Đã có thành tích xuất sắc trong phong trào thi đua yêu nước, góp phần vào sự nghiệp xây dựng và bảo "
              "vệ Tổ quốc, thực hiện thắng lợi các nhiệm vụ phát triển kinh tế - xã hội của tỉnh giai đoạn 2021–2025.")
LOOKS = {
    "province": paper(),
    "reissued, long name, signed direct": paper(recipient=LONG_NAME, copy_label="Bản cấp lại lần 1",
                                                sign_lines=("CHỦ TỊCH",)),
    "long merit, no verb, no lines under the name": paper(merit=LONG_MERIT, verb="", recipient_details=[]),
    "commune title, collective, no signer": paper(heading="GIẤY CHỨNG NHẬN", recipient_details=[],
                                                  authority="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HẠ HÒA",
                                                  recipient="Văn phòng HĐND và UBND xã Hạ Hòa", signer_name="",
                                                  place_date="Hạ Hòa, ngày 05 tháng 02 năm 2026"),
}
MM = 72 / 25.4
DPI = 72


def reference(pages) -> bytes:
    return html_to_pdf(render_pages_html(pages))


def lines(data) -> list[list[tuple]]:
    """Each page's text lines: (text, baseline mm, left mm, right mm), in reading order."""
    out = []
    for page in decree30.read_pages(data):
        rows = []
        for glyph in page.inked:
            if rows and abs(rows[-1][0][-1].bottom - glyph.bottom) < 0.8 and glyph.left >= rows[-1][0][-1].left:
                rows[-1][0].append(glyph)
            else:
                rows.append(([glyph],))
        out.append([("".join(g.char for g in row), round(min(g.bottom for g in row), 1),
                     min(g.left for g in row), max(g.right for g in row)) for (row,) in rows])
    return out


def pictures(data) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(data)
    try:
        return [page.render(scale=DPI / 72).to_pil().convert("L") for page in document]
    finally:
        document.close()


def without_qr(image, data, index) -> Image.Image:
    """The picture with the QR code's square (found by its serial line's left edge and the 24 mm size) white."""
    image = image.copy()
    [serial] = [line for line in lines(data)[index] if line[0].startswith("Số:")]
    left, bottom = serial[2], serial[1]
    box = [round(v * MM * DPI / 72) for v in (left - 1, bottom - 32, left + 26, bottom - 3)]
    image.paste(255, box)
    return image


def differing_share(old, new) -> float:
    """The share of pixels that differ, after a blur (about 1 mm) that forgives kerning's shifts.

    Measured: 0.03 % for the papers above, 1.1 % when the name's lines go missing and the rest moves up.
    """
    blur = ImageFilter.BoxBlur(3)
    difference = ImageChops.difference(old.filter(blur), new.filter(blur))
    return sum(1 for value in difference.tobytes() if value > 60) / (old.width * old.height)


@pytest.fixture(scope="module")
def compared():
    pages = list(LOOKS.values())
    return reference(pages), draw_certificates(pages)


@pytest.mark.parametrize("index", range(len(LOOKS)), ids=list(LOOKS))
def test_every_line_sits_where_the_html_layout_puts_it(compared, index):
    old, new = (lines(data)[index] for data in compared)
    assert [line[0] for line in new] == [line[0] for line in old]
    for (text, old_base, old_left, old_right), (_, new_base, new_left, new_right) in zip(old, new):
        assert abs(new_base - old_base) <= 0.15, text
        assert abs((new_left + new_right) / 2 - (old_left + old_right) / 2) <= 0.6, text
        assert abs((new_right - new_left) - (old_right - old_left)) <= 1.2, text


@pytest.mark.parametrize("index", range(len(LOOKS)), ids=list(LOOKS))
def test_the_pictures_differ_in_almost_no_pixel(compared, index):
    old, new = (without_qr(pictures(data)[index], data, index) for data in compared)
    assert old.size == new.size
    assert differing_share(old, new) < 0.002


def test_the_comparison_sees_a_misplaced_line():
    """The pixel check is not blind: the name a line lower (5 mm more above it) fails it."""
    moved = dataclasses.replace(LOOKS["province"], recipient="")
    old, new = reference([LOOKS["province"]]), draw_certificates([moved])
    assert differing_share(without_qr(pictures(old)[0], old, 0), without_qr(pictures(new)[0], new, 0)) > 0.002


def test_the_paper_keeps_its_qr_code_its_fonts_and_its_words():
    data = draw_certificates([LOOKS["province"]], title="BẰNG KHEN — Ông Nguyễn Văn An")
    assert qr_texts(data) == [URL]
    assert [str(v) for v in decree30.check_paper(data)] == []
    [text] = pdf_pages_text(data)
    assert text == pdf_pages_text(reference([LOOKS["province"]]))[0]


def inside_the_frame(page):
    frame = 12 + 4.5 / MM
    return all(frame < g.left and g.right < 297 - frame and frame < 210 - g.top and 210 - g.bottom < 210 - frame
               for g in page.inked)


def above_the_foot(page, last_body_text):
    """The body's last line ends above the top of the decision line and of the QR code."""
    body_bottom = min(g.bottom for g in page.find(last_body_text))
    decision_top = max(g.top for g in page.find("Quyết định số"))
    return body_bottom > decision_top + 2


def test_a_long_name_wraps_inside_the_frame_at_its_full_size():
    name = "Bà " + " ".join(["Tôn Nữ Hoàng Thị Phương Thảo"] * 4)
    data = draw_certificates([paper(recipient=name)])
    [page] = decree30.read_pages(data)
    glyphs = page.find(name)
    assert glyphs and {round(g.size) for g in glyphs} == {22}
    bottoms = sorted(g.bottom for g in glyphs)
    assert sum(1 for low, high in zip(bottoms, bottoms[1:]) if high - low > 4) == 1  # two lines
    assert inside_the_frame(page) and above_the_foot(page, "năm 2025.")


def test_a_word_wider_than_the_paper_breaks_between_its_letters():
    word = "Nguyễn" * 30
    data = draw_certificates([paper(recipient=f"Ông {word}")])
    [page] = decree30.read_pages(data)
    assert page.find(word) and inside_the_frame(page)


def test_the_longest_name_lines_and_merit_the_forms_allow_shrink_to_stay_on_one_page():
    """150 letters of name, 200 of position, 255 of unit, 255 of merit and a long signer block."""
    name = ("Bà " + "Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Ngọc Bích Trâm " * 4)[:150].strip()
    position = ("Phó Trưởng phòng Kế hoạch Tài chính kiêm Chánh Văn phòng Đảng ủy " * 4)[:200].strip()
    unit = ("Sở Nông nghiệp và Phát triển nông thôn tỉnh Phú Thọ " * 6)[:255].strip()
    merit = ("Đã có thành tích xuất sắc trong phong trào thi đua yêu nước, góp phần xây dựng quê hương " * 3)[:255]
    long = paper(recipient=name, recipient_details=[position, unit], merit=merit + " năm 2025.",
                 copy_label="Bản cấp lại lần 12",
                 sign_lines=("KT. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "PHÓ CHỦ TỊCH THƯỜNG TRỰC"))
    data = draw_certificates([long])
    [page] = decree30.read_pages(data)
    assert len(pdf_pages_text(data)) == 1
    for text in (name, position, unit, merit):
        assert page.find(text), text[:40]
    name_size = {round(g.size, 1) for g in page.find(name)}
    assert len(name_size) == 1 and 22 * 0.3 <= name_size.pop() < 22
    assert inside_the_frame(page) and above_the_foot(page, "năm 2025.")
    assert qr_texts(data) == [URL]


def test_stored_text_prints_as_read_whatever_it_holds():
    """Control characters and bidi overrides dropped, line breaks and tabs as spaces, markup as words,
    decomposed Vietnamese (NFD) printed composed."""
    spoiled = paper(recipient="=1+2\x07 Nguyễn\x08 Văn\x1b[31m Hùng\u202e",
                    recipient_details=["-2+3\x1b Phó\u2066 Chủ tịch\tUBND\r\nxã\u2069"],
                    merit=unicodedata.normalize("NFD", "Có <script>alert('x')</script>\x0b sáng kiến <b>hay</b>."),
                    signer_name="Trần\u200f Duy Đông")
    [text] = pdf_pages_text(draw_certificates([spoiled]))
    assert not any(char in text for char in UNPRINTABLE + "\u200f")
    assert "=1+2 Nguyễn Văn[31m Hùng" in text and "-2+3 Phó Chủ tịch UBND xã" in text
    assert "Có <script>alert('x')</script> sáng kiến <b>hay</b>." in text and "Trần Duy Đông" in text


def test_a_thousand_papers_are_a_thousand_pages_sharing_one_frame():
    pages = [paper(recipient=f"Ông Nguyễn Văn {i:04d}", serial=f"Số: BK-2026-{i:05d}",
                   heading="GIẤY KHEN" if i % 3 else "BẰNG KHEN", url=f"{URL}{i}") for i in range(1000)]
    data = draw_certificates(pages, title="1000 giấy khen")
    texts = pdf_pages_text(data)
    assert len(texts) == 1000
    for i, text in enumerate(texts):
        assert f"Ông Nguyễn Văn {i:04d}" in text and f"Số: BK-2026-{i:05d}" in text
        assert ("GIẤY KHEN" if i % 3 else "BẰNG KHEN") in text
    # the frame and the two headings are each drawn once: a page carries only what is its own
    assert len(data) / 1000 < 2_500
    assert qr_texts(data, page=999) == [f"{URL}999"]


def test_a_character_liberation_serif_lacks_is_drawn_from_a_fallback_font():
    from awards.documents.certificate_drawing import fallback_fonts

    if not fallback_fonts("regular"):
        pytest.skip("no DejaVu font on this system's font path")
    data = draw_certificates([paper(recipient="Ông Nguyễn Văn An ★", merit="Đo được 40 ℃ ngày nắng.")])
    [text] = pdf_pages_text(data)
    assert "Ông Nguyễn Văn An ★" in text and "Đo được 40 ℃ ngày nắng." in text
    embedded = decree30.embedded_fonts(data)
    assert all(embedded.values()) and any(name.startswith("DejaVu") for name in embedded)
