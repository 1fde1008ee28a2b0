"""A Decree 30/2020/NĐ-CP layout check read off a PDF itself: page size, margins, fonts, the header blocks,
the title and the closing (recipients beside the signature).

``check(pdf_bytes)`` returns a list of ``Violation`` (empty when the document keeps every rule checked);
``check_paper(pdf_bytes)`` checks only the A4 size and the embedded fonts (a certificate is a paper, not an
administrative document). Positions come from the glyph boxes pdfium reports, in millimetres from the
page's bottom-left corner.
"""

import ctypes
import io
import unicodedata
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pypdf import PdfReader

MM = 72 / 25.4
A4 = (210.0, 297.0)
SIZE_SLACK = 1.0  # mm, on the paper size
EDGE_SLACK = 0.5  # mm: a glyph's ink may not cross the minimum margin by more than this
REACH_SLACK = 3.0  # mm: the text must reach within this of the maximum margin (ink sits inside the line box)
MARGINS = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
BODY_SIZE = (13.0, 14.0)
CENTRE_SLACK = 10.0  # mm
FONT = "LiberationSerif"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS = "Nơi nhận:"
# The rules ``check`` reports, by the first word of ``Violation.rule``.
RULES = ("size", "margin", "page-number", "fonts", "body-size", "header", "title", "closing")


@dataclass(frozen=True)
class Violation:
    rule: str
    detail: str

    def __str__(self):
        return f"{self.rule}: {self.detail}"


@dataclass(frozen=True)
class Glyph:
    char: str
    left: float
    bottom: float
    right: float
    top: float
    size: float
    font: str

    @property
    def italic(self):
        return "Italic" in self.font


@dataclass
class Page:
    width: float
    height: float
    glyphs: list

    @property
    def text(self):
        return "".join(g.char for g in self.glyphs)

    @property
    def inked(self):
        return [g for g in self.glyphs if not g.char.isspace() and g.right > g.left]

    def find(self, needle):
        """The glyphs of the first occurrence of ``needle`` (spaces and line breaks ignored), or None."""
        wanted = "".join(unicodedata.normalize("NFC", needle).split())
        inked = self.inked
        hay = "".join(g.char for g in inked)
        start = hay.find(wanted)
        return None if start < 0 else inked[start:start + len(wanted)]

    def lines_from(self, glyphs, gap=6.0):
        """The run of text holding ``glyphs`` on their lines: glyphs on the same baseline band, cut where
        the gap between neighbours is over ``gap`` mm (the two columns of a header share their lines)."""
        line = sorted((g for g in self.inked if any(abs(g.bottom - o.bottom) < 1.0 for o in glyphs)),
                      key=lambda g: g.left)
        runs, run = [], []
        for g in line:
            if run and g.left - max(o.right for o in run) > gap:
                runs.append(run)
                run = []
            run.append(g)
        runs.append(run)
        wanted = set(map(id, glyphs))
        return [g for r in runs if any(id(o) in wanted for o in r) for g in r]


def _font_name(textpage, index):
    size = raw.FPDFText_GetFontInfo(textpage, index, None, 0, None)
    if not size:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFText_GetFontInfo(textpage, index, buffer, size, None)
    return buffer.value.decode("utf-8", "replace")


def _font_size(textpage, index):
    """The size as printed: the font size times the scale of the text and page matrices."""
    matrix = raw.FS_MATRIX()
    scale = 1.0
    if raw.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix)):
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
    return raw.FPDFText_GetFontSize(textpage, index) * scale


def read_pages(data: bytes) -> list[Page]:
    doc = pdfium.PdfDocument(data)
    pages = []
    try:
        for page in doc:
            width, height = page.get_size()
            textpage = page.get_textpage()
            glyphs = []
            for i in range(textpage.count_chars()):
                code = raw.FPDFText_GetUnicode(textpage.raw, i)
                if not code:
                    continue
                left, bottom, right, top = textpage.get_charbox(i)
                glyphs.append(Glyph(unicodedata.normalize("NFC", chr(code)), left / MM, bottom / MM, right / MM,
                                    top / MM, _font_size(textpage.raw, i),
                                    _font_name(textpage.raw, i)))
            pages.append(Page(width / MM, height / MM, glyphs))
    finally:
        doc.close()
    return pages


def box(glyphs):
    return (min(g.left for g in glyphs), min(g.bottom for g in glyphs), max(g.right for g in glyphs),
            max(g.top for g in glyphs))


# The rules


def check_size(pages, *, landscape_allowed=True):
    out = []
    for n, page in enumerate(pages, 1):
        dims = sorted((page.width, page.height))
        if abs(dims[0] - A4[0]) > SIZE_SLACK or abs(dims[1] - A4[1]) > SIZE_SLACK:
            out.append(Violation("size", f"page {n} is {page.width:.1f}×{page.height:.1f} mm, not A4"))
        elif page.width > page.height and not landscape_allowed:
            out.append(Violation("size", f"page {n} is landscape"))
    return out


def _is_page_number(page, glyphs):
    text = "".join(g.char for g in glyphs)
    if not text.isdigit():
        return False
    left, _, right, _ = box(glyphs)
    return abs((left + right) / 2 - page.width / 2) < 10


def check_margins(pages):
    """No glyph outside the minimum margins; on every page the text reaches within the maximum margins
    on the left and the top (a page starts at its top left), and somewhere in the document on the right."""
    out = []
    right_reach = 0.0
    for n, page in enumerate(pages, 1):
        inked = page.inked
        if not inked:
            continue
        top_band = [g for g in inked if g.top > page.height - MARGINS["top"][0] + EDGE_SLACK]
        body = inked
        if top_band and _is_page_number(page, top_band):
            body = [g for g in inked if g not in top_band]
        if not body:
            continue
        left, bottom, right, top = box(body)
        margin = {"left": left, "right": page.width - right, "top": page.height - top, "bottom": bottom}
        for side, value in margin.items():
            if value < MARGINS[side][0] - EDGE_SLACK:
                out.append(Violation(f"margin-{side}", f"page {n}: text {value:.1f} mm from the {side} edge, "
                                                       f"under {MARGINS[side][0]} mm"))
        for side in ("left", "top"):
            if margin[side] > MARGINS[side][1] + REACH_SLACK:
                out.append(Violation(f"margin-{side}", f"page {n}: text starts {margin[side]:.1f} mm from the "
                                                       f"{side} edge, over {MARGINS[side][1]} mm"))
        right_reach = max(right_reach, right - page.width)
    if pages and -right_reach > MARGINS["right"][1] + REACH_SLACK:
        out.append(Violation("margin-right", f"no line reaches past {-right_reach:.1f} mm from the right edge "
                                             f"(over {MARGINS['right'][1]} mm)"))
    return out


def check_page_numbers(pages):
    """Page numbers centred in the top margin from page 2, none on page 1."""
    out = []
    for n, page in enumerate(pages, 1):
        band = [g for g in page.inked if g.top > page.height - MARGINS["top"][0] + EDGE_SLACK]
        text = "".join(g.char for g in band)
        if n == 1 and band and _is_page_number(page, band):
            out.append(Violation("page-number", f"page 1 shows the number {text}"))
        elif n > 1 and not (band and _is_page_number(page, band) and text == str(n)):
            out.append(Violation("page-number", f"page {n}: top margin holds {text!r}, not {n} centred"))
    return out


def embedded_fonts(data: bytes) -> dict[str, bool]:
    """Every font the pages use: base name → embedded (a FontFile, FontFile2 or FontFile3 in its descriptor)."""
    fonts = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descriptor_holder = font
            if font.get("/Subtype") == "/Type0":
                descriptor_holder = font["/DescendantFonts"][0].get_object()
            descriptor = (descriptor_holder.get("/FontDescriptor") or {})
            if hasattr(descriptor, "get_object"):
                descriptor = descriptor.get_object()
            name = str(font.get("/BaseFont", "?")).lstrip("/").split("+")[-1]
            fonts[name] = fonts.get(name, True) and any(k in descriptor for k in
                                                        ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def check_fonts(data: bytes, *, family=FONT):
    out = []
    fonts = embedded_fonts(data)
    if not fonts:
        out.append(Violation("fonts", "no fonts on any page"))
    for name, embedded in sorted(fonts.items()):
        if not embedded:
            out.append(Violation("fonts", f"{name} is not embedded"))
        if family and not name.replace(" ", "").replace("-", "").startswith(family):
            out.append(Violation("fonts", f"{name} is not {family}"))
    return out


def body_size(pages) -> float:
    sizes = Counter(round(g.size, 1) for page in pages for g in page.inked)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def check_body_size(pages):
    size = body_size(pages)
    if not BODY_SIZE[0] - 0.05 <= size <= BODY_SIZE[1] + 0.05:
        return [Violation("body-size", f"most text is {size} pt, not {BODY_SIZE[0]:g}–{BODY_SIZE[1]:g} pt")]
    return []


def _text_centre(page):
    left, _, right, _ = box(page.inked)
    return (left + right) / 2


def check_header(pages, *, issuer: str, number="Số:", kind: str):
    """The first page: issuer and number top-left, motto and slogan top-right, the date italic under them,
    the kind of document centred below."""
    out = []
    page = pages[0]
    half = page.width / 2
    motto, slogan = page.find(MOTTO), page.find(SLOGAN)
    if not motto or not slogan:
        return [Violation("header", "no national motto and slogan on page 1")]
    motto_box = box(page.lines_from(motto))
    if box(page.inked)[3] - motto_box[3] > 15:
        out.append(Violation("header-motto", f"motto starts {box(page.inked)[3] - motto_box[3]:.1f} mm under the "
                                             "first line of page 1, not at the top"))
    if motto_box[0] < half - 20 or (motto_box[0] + motto_box[2]) / 2 < half:
        out.append(Violation("header-motto", f"motto spans {motto_box[0]:.1f}–{motto_box[2]:.1f} mm, "
                                             "not the right part of the page"))
    found = issuer_found = page.find(issuer)
    if not found:
        out.append(Violation("header-issuer", f"issuer {issuer!r} not on page 1"))
    else:
        issuer_box = box(page.lines_from(found))
        if issuer_box[2] > motto_box[0] + 1 or (issuer_box[0] + issuer_box[2]) / 2 > half:
            out.append(Violation("header-issuer", f"issuer spans {issuer_box[0]:.1f}–{issuer_box[2]:.1f} mm, "
                                                  f"not left of the motto ({motto_box[0]:.1f} mm)"))
        if abs(issuer_box[3] - motto_box[3]) > 6:
            out.append(Violation("header-issuer", f"issuer top {issuer_box[3]:.1f} mm, motto top "
                                                  f"{motto_box[3]:.1f} mm: not side by side"))
    found, issuer_bottom = number and page.find(number), issuer_box[1] if issuer_found else page.height
    if number and not found:
        out.append(Violation("header-number", f"{number!r} not on page 1"))
    elif number:
        left, _, right, top = box(found)
        if (left + right) / 2 > half or top > issuer_bottom + 0.5:
            out.append(Violation("header-number", f"{number!r} at {left:.1f}–{right:.1f} mm, top {top:.1f} mm: "
                                                  "not left, under the issuer"))
    dated = [g for g in page.inked if g.bottom < box(slogan)[1] and g.italic and g.bottom > box(slogan)[1] - 25]
    date = page.find("ngày")
    if not date or not all(g.italic for g in date) or not dated:
        out.append(Violation("header-date", "no italic place and date under the slogan on page 1"))
    else:
        left, _, right, _ = box(page.lines_from(date))
        if (left + right) / 2 < half:
            out.append(Violation("header-date", f"date line spans {left:.1f}–{right:.1f} mm, not right"))
    found = page.find(kind)
    if not found:
        out.append(Violation("title", f"{kind!r} not on page 1"))
    else:
        left, _, right, top = box(page.lines_from(found))
        centre, middle = (left + right) / 2, _text_centre(page)
        if abs(centre - middle) > CENTRE_SLACK:
            out.append(Violation("title", f"{kind!r} centred at {centre:.1f} mm, text centre {middle:.1f} mm"))
        if top > box(slogan)[1]:
            out.append(Violation("title", f"{kind!r} is not below the header"))
    return out


def check_closing(pages, *, signature: str, recipients=RECIPIENTS):
    """On the last page carrying "Nơi nhận:" (or what a form puts bottom-left), it sits in the left half and
    the signer's authority in the right half, on the same band."""
    RECIPIENTS = recipients  # noqa: N806 (the messages below name what was looked for)
    for n in range(len(pages) - 1, -1, -1):
        found = pages[n].find(RECIPIENTS)
        if found:
            break
    else:
        return [Violation("closing", f"no {RECIPIENTS!r} on any page")]
    page = pages[n]
    out = []
    left, _, right, top = box(found)
    if (left + right) / 2 > page.width / 2:
        out.append(Violation("closing-recipients", f"{RECIPIENTS!r} at {left:.1f}–{right:.1f} mm, not left"))
    sign = page.find(signature)
    if not sign:
        return out + [Violation("closing-signature", f"{signature!r} not on page {n + 1} beside {RECIPIENTS!r}")]
    s_left, _, s_right, s_top = box(page.lines_from(sign))
    if (s_left + s_right) / 2 < page.width / 2 or s_left < right:
        out.append(Violation("closing-signature", f"{signature!r} spans {s_left:.1f}–{s_right:.1f} mm, "
                                                  "not in the right half"))
    if abs(s_top - top) > 8:
        out.append(Violation("closing-signature", f"{signature!r} top {s_top:.1f} mm, {RECIPIENTS!r} top "
                                                  f"{top:.1f} mm: not on the same band"))
    return out


def check(data: bytes, *, issuer: str, kind: str, signature: str, number="Số:", recipients=RECIPIENTS,
          skip=()) -> list[Violation]:
    """Every rule for an administrative document; ``skip`` names rules (prefixes) left out. A form without a
    number passes ``number=None``; one closing with two signatures names its left one as ``recipients``."""
    pages = read_pages(data)
    found = (check_size(pages) + check_margins(pages) + check_page_numbers(pages) + check_fonts(data)
             + check_body_size(pages)
             + check_header(pages, issuer=issuer, number=number, kind=kind)
             + check_closing(pages, signature=signature, recipients=recipients))
    return [v for v in found if not any(v.rule.startswith(s) for s in skip)]


def check_paper(data: bytes) -> list[Violation]:
    pages = read_pages(data)
    return check_size(pages) + check_fonts(data)
