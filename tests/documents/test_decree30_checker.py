"""The layout check itself can fail: a page set the wrong way round is reported rule by rule."""

import io

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject
from weasyprint import HTML

from campaigns.documents.common import fonts_dir

from tests import decree30

FONTS = fonts_dir()

BODY = "Nội dung kế hoạch được trình bày thành đoạn văn dài, căn đều hai lề, đủ để chiếm nhiều dòng. " * 12

# Letter paper, 10 mm margins, DejaVu Sans 11 pt, the motto left and the issuer right, an upright date on
# the left, the kind flush left, the signature left of the recipients and far below them.
WRONG = f"""<html><head><style>
@page {{ size: letter; margin: 10mm; }}
body {{ font-family: "DejaVu Sans"; font-size: 11pt; }}
table {{ width: 100%; }} td {{ vertical-align: top; width: 50%; }} p {{ text-align: justify; }}
.kind {{ text-align: left; font-weight: bold; }}
.low {{ padding-top: 40mm; }}
</style></head><body>
<table><tr><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>
Hà Nội, ngày 05 tháng 02 năm 2026</td>
<td>ỦY BAN NHÂN DÂN<br>Số: 01/KH-UBND</td></tr></table>
<p class="kind">KẾ HOẠCH</p><p>{BODY}</p>
<table><tr><td class="low">CHỦ TỊCH</td><td>Nơi nhận:</td></tr></table>
</body></html>"""

# The same content set as the decree asks, with the portal's print stylesheet rules written out.
RIGHT = f"""<html><head><style>
@font-face {{ font-family: "Liberation Serif"; src: url("{FONTS.as_uri()}/LiberationSerif-Regular.ttf"); }}
@font-face {{ font-family: "Liberation Serif"; font-weight: bold;
  src: url("{FONTS.as_uri()}/LiberationSerif-Bold.ttf"); }}
@font-face {{ font-family: "Liberation Serif"; font-style: italic;
  src: url("{FONTS.as_uri()}/LiberationSerif-Italic.ttf"); }}
@page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
body {{ font-family: "Liberation Serif"; font-size: 14pt; }}
table {{ width: 100%; border-collapse: collapse; }}
td {{ vertical-align: top; text-align: center; padding: 0; }}
td.left {{ width: 40%; }} td.right {{ width: 60%; }}
em {{ font-style: italic; }} .kind {{ text-align: center; font-weight: bold; }} p {{ text-align: justify; }}
</style></head><body>
<table><tr><td class="left">ỦY BAN NHÂN DÂN<br>Số: 01/KH-UBND</td>
<td class="right">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>
<em>Hà Nội, ngày 05 tháng 02 năm 2026</em></td></tr></table>
<p class="kind">KẾ HOẠCH</p><p>{BODY}</p>
<table><tr><td class="left">Nơi nhận:</td><td class="right">CHỦ TỊCH</td></tr></table>
</body></html>"""



def not_embedded_pdf() -> bytes:
    """An A4 page printing in Helvetica, a font the file names but does not carry."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595.28, height=841.89)
    font = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                                NameObject("/Subtype"): NameObject("/Type1"),
                                                NameObject("/BaseFont"): NameObject("/Helvetica")}))
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): font})})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def rules(data, **kw):
    return {v.rule for v in decree30.check(data, issuer="ỦY BAN NHÂN DÂN", kind="KẾ HOẠCH", signature="CHỦ TỊCH",
                                           **kw)}


def test_a_page_set_the_wrong_way_breaks_every_rule_checked():
    found = rules(HTML(string=WRONG).write_pdf())
    assert found >= {"size", "margin-left", "margin-top", "margin-right", "fonts", "body-size", "header-motto",
                     "header-issuer", "header-number", "header-date", "title", "closing-recipients",
                     "closing-signature"}


def test_the_same_page_set_as_the_decree_asks_passes():
    assert rules(HTML(string=RIGHT).write_pdf()) == set()


def test_a_number_on_the_first_page_or_missing_from_the_second_is_reported():
    numbered = RIGHT.replace("margin: 20mm 15mm 20mm 30mm;",
                             "margin: 20mm 15mm 20mm 30mm; @top-center { content: counter(page); }")
    numbered = numbered.replace(f"<p>{BODY}</p>", f"<p>{BODY * 4}</p>")
    found = [str(v) for v in decree30.check_page_numbers(decree30.read_pages(HTML(string=numbered).write_pdf()))]
    assert found[0] == "page-number: page 1 shows the number 1"
    unnumbered = RIGHT.replace(f"<p>{BODY}</p>", f"<p>{BODY * 4}</p>")
    found = [str(v) for v in decree30.check_page_numbers(decree30.read_pages(HTML(string=unnumbered).write_pdf()))]
    assert found[0] == "page-number: page 2: top margin holds '', not 2 centred"


def test_a_margin_wider_than_the_decree_allows_is_reported():
    data = HTML(string=RIGHT.replace("margin: 20mm 15mm 20mm 30mm", "margin: 40mm 15mm 20mm 45mm")).write_pdf()
    assert {"margin-left", "margin-top"} <= rules(data)


def test_a_font_left_out_of_the_file_is_reported():
    data = not_embedded_pdf()
    assert decree30.embedded_fonts(data) == {"Helvetica": False}
    assert [str(v) for v in decree30.check_paper(data)] == [
        "fonts: Helvetica is not embedded", "fonts: Helvetica is not LiberationSerif"]
