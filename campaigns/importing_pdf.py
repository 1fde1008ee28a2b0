"""A PDF's text layer as plan markup text: paragraphs, bold runs, the header's two columns.

A PDF holds positioned pieces of text, not paragraphs. The reader takes each piece with its place,
size and font (pypdf's text visitor), and rebuilds what the parser reads
(``campaigns.importing``):

- the Decree 30 header: on the first page, above the type line ("KẾ HOẠCH"), the issuer (left)
  and the national motto with the place and date (right) stand side by side, their lines at
  nearly the same heights; each piece goes to the column its middle falls in, and the left
  column is read before the right;
- the footer from "Nơi nhận:" on: the recipients (left) beside the signature (right), the same way;
- the body between them: a line starting at the text's left edge continues the paragraph above
  (also across a page break); a line starting further in (a first-line indent, a centred title
  after its first line aside) or after a wider gap, a list mark or a change of weight opens a new one.
  Decree 30 sets both marks on every paragraph (a first-line indent of 1–1.27 cm, at least 6 pt
  between paragraphs), so a plan laid out by it comes apart at its paragraphs.

Page numbers in the top or bottom margin and the "DỰ THẢO" stamp of a draft are left out: the
printed form draws them itself. Work is bounded before reading: a page count and a content size
per page (a few kilobytes of compressed stream can unpack to gigabytes).
"""

import io
import re
from collections import Counter
from dataclasses import dataclass

from units.text import fold

from campaigns.importing import _ISSUER_WORDS, DOC_TYPES

__all__ = ["MAX_PAGES", "PdfNotReadable", "read_pdf"]

MAX_PAGES = 60
MAX_CONTENT_BYTES = 4 * 1024 * 1024  # one page's content stream, unpacked
MARGIN = 56.7  # 20 mm: page numbers and running heads live in it
_DRAFT_STAMP = re.compile(r"^DỰ THẢO(?: LẦN \d+)?$")
_LIST_MARK = re.compile(r"^[-+•]\s")
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:", re.IGNORECASE)


class PdfNotReadable(Exception):
    """The PDF cannot be read as text; the message says why, in Vietnamese."""


@dataclass
class Piece:
    page: int
    x: float
    top: float
    size: float
    bold: bool
    text: str
    width: float
    runs: list = None  # (text, bold) of the fonts it was set in, when more than one

    def __post_init__(self):
        self.runs = self.runs or [(self.text, self.bold)]

    @property
    def middle(self):
        return self.x + self.width / 2


def read_pdf(data: bytes) -> str:
    """The PDF's text as plan markup; ``PdfNotReadable`` when it has no text to read."""
    from pypdf import PdfReader  # only in processes that read PDFs
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfNotReadable("Tệp PDF có mật khẩu: hãy gỡ mật khẩu, hoặc nhập tệp .docx hay .txt của kế hoạch.")
        pages = list(reader.pages)
    except PdfReadError as error:
        raise PdfNotReadable(f"Tệp PDF bị hỏng, không đọc được: {error}") from error
    if len(pages) > MAX_PAGES:
        raise PdfNotReadable(f"Tệp PDF có {len(pages)} trang, quá mức {MAX_PAGES} trang của một kế hoạch.")
    pieces, width, scanned = [], 595.0, []
    for number, page in enumerate(pages):
        contents = page.get_contents()
        if contents is not None and len(contents.get_data()) > MAX_CONTENT_BYTES:
            raise PdfNotReadable(f"Trang {number + 1} của tệp PDF quá nặng để đọc chữ (trên "
                                 f"{MAX_CONTENT_BYTES // (1024 * 1024)} MB nội dung).")
        width = float(page.mediabox.width)
        found = _pieces(page, number)
        if not found and _has_image(page):
            scanned.append(number + 1)
        pieces.extend(found)
    if sum(len(p.text.strip()) for p in pieces) < 20:
        raise PdfNotReadable("Tệp PDF không có lớp chữ (có lẽ là bản quét, chỉ gồm hình ảnh): cổng không đọc được chữ "
                             "trong ảnh. Hãy nhập tệp .docx hoặc .txt của kế hoạch, hoặc PDF xuất trực tiếp từ Word.")
    if scanned:  # read the rest and the plan would silently lack those pages
        listed = ", ".join(str(n) for n in scanned)
        raise PdfNotReadable(f"Trang {listed} của tệp PDF chỉ có hình ảnh, không có lớp chữ (trang quét): nhập "
                             "thì kế hoạch sẽ thiếu nội dung các trang đó. Hãy nhập tệp .docx hoặc .txt của kế "
                             "hoạch, hoặc PDF xuất trực tiếp từ Word.")
    return "\n\n".join(_blocks(pieces, width)) + "\n"


def _has_image(page):
    """Whether the page draws an image (a scanned page) rather than being left blank."""
    try:
        resources = page.get("/Resources")
        objects = resources.get_object().get("/XObject") if resources is not None else None
        return objects is not None and any(
            objects[name].get_object().get("/Subtype") in ("/Image", "/Form") for name in objects.get_object())
    except Exception:  # a damaged resource dictionary: say nothing about the page
        return False


def _pieces(page, number):
    """The page's pieces of text, page numbers and the draft stamp left out."""
    from pypdf.generic._font import Font  # pypdf's own width tables (its layout mode uses them)

    height, fonts, found = float(page.mediabox.height), {}, []

    def visit(text, cm, tm, font, size):
        text = text.replace("\n", "").replace("\r", "")
        if not text.strip() or font is None:
            return
        key = id(font)
        if key not in fonts:
            try:
                fonts[key] = Font.from_font_resource(font)
            except Exception:  # a font pypdf cannot measure: widths are guessed from the size
                fonts[key] = None
        scale = abs(size * tm[0] * cm[0]) or abs(size) or 1.0
        measured = fonts[key]
        try:
            width = measured.get_text_width(text) * scale / 1000 if measured else len(text) * scale * 0.5
        except Exception:
            width = len(text) * scale * 0.5
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        name = str(font.get("/BaseFont", ""))
        found.append(Piece(number, x, height - y, scale, "Bold" in name or "bold" in name, text, width))

    page.extract_text(visitor_text=visit)
    kept = []
    for piece in _merged(found):
        text = " ".join(piece.text.split())
        if text.isdigit() and (piece.top < MARGIN or piece.top > height - MARGIN):
            continue  # a page number
        if number == 0 and _DRAFT_STAMP.match(text) and not kept:
            continue  # the draft's stamp above the header
        kept.append(piece)
    return kept


def _merged(pieces):
    """One piece per run of text: pypdf reports a change of font inside a line ("HUY" "Ệ" "N", a glyph
    the font lacks set in a fallback font) as pieces at the run's starting point; they are joined."""
    merged = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if last and abs(last.top - piece.top) < last.size / 3 and abs(last.x - piece.x) < 0.5:
            last.text += piece.text
            last.width += piece.width
            last.runs.append((piece.text, piece.bold))
            last.bold = last.bold and piece.bold
            last.size = max(last.size, piece.size)
        else:
            merged.append(piece)
    return merged


def _blocks(pieces, page_width):
    """Header columns, body paragraphs, footer columns, in reading order."""
    middle = page_width / 2
    type_at = next((i for i, p in enumerate(pieces) if p.page == 0 and " ".join(p.text.split()) in DOC_TYPES
                    and p.text.strip().isupper()), None)
    header = []
    if type_at is not None:
        type_top = pieces[type_at].top
        header = [p for p in pieces if p.page == 0 and p.top < type_top - 1]
    header_ids = {id(p) for p in header}
    rest = [p for p in pieces if id(p) not in header_ids]
    footer_at = next((i for i, p in enumerate(rest) if _RECIPIENTS.match(p.text.strip())), None)
    footer = []
    if footer_at is not None:
        start = rest[footer_at]
        # The signature's cell may sit a little higher than "Nơi nhận:" beside it: up to most of a line.
        footer = [p for p in rest if (p.page, p.top) >= (start.page, start.top - 0.8 * start.size)]
        footer_ids = {id(p) for p in footer}
        rest = [p for p in rest if id(p) not in footer_ids]
    return [*_columns(header, middle, rejoin=True), *_paragraphs(_lines(rest)), *_columns(footer, middle)]


def _lines(pieces):
    """Pieces grouped into lines: the same page, the same height (within a third of the size)."""
    lines = []
    for piece in sorted(pieces, key=lambda p: (p.page, p.top, p.x)):
        line = lines[-1] if lines else None
        if line and line[0].page == piece.page and abs(line[0].top - piece.top) < line[0].size / 3:
            line.append(piece)
        else:
            lines.append([piece])
    return [sorted(line, key=lambda p: p.x) for line in lines]


def _markup(line):
    """A line's text with bold runs in ``**``; a wide gap between pieces becomes a tab."""
    out, previous = [], None
    for piece in line:
        text = piece.text
        if previous is not None and piece.x - (previous.x + previous.width) > 2 * piece.size:
            out.append(("\t", False))
        out.extend(piece.runs)
        previous = piece
    merged = []
    for text, bold in out:
        if merged and merged[-1][1] == bold:
            merged[-1] = (merged[-1][0] + text, bold)
        else:
            merged.append((text, bold))
    parts = []
    for text, bold in merged:
        core = text.strip()
        if bold and core:
            lead, tail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            parts.append(f"{lead}**{core}**{tail}")
        else:
            parts.append(text)
    # A justified line comes out with its stretched word gaps as runs of blanks.
    return re.sub(r" {2,}", " ", "".join(parts)).strip()


def _join(previous, line):
    """Two lines of one paragraph: a bold run across the break stays one run; a word broken after its
    hyphen ("98/2023/NĐ-" / "CP") is one word again."""
    if previous.endswith("**") and line.startswith("**"):
        previous, line = previous[:-2], line[2:]
    space = "" if re.search(r"\w-$", previous.rstrip()) else " "
    return previous.rstrip() + space + line.lstrip()


def _columns(pieces, middle, rejoin=False):
    """A two-column block (the header, the recipients beside the signature): the left column, then
    the right, each cut into blocks at wider gaps, its lines kept; with ``rejoin`` (the header), a
    line the column was too narrow for is joined again (the signature's lines are all meant)."""
    blocks = []
    for column in ([p for p in pieces if p.middle < middle], [p for p in pieces if p.middle >= middle]):
        current, last, lines = [], None, _lines(column)
        widest = max((sum(p.width for p in line) for line in lines), default=0)
        for line in lines:
            gap = line[0].top - last[0].top if last and last[0].page == line[0].page else None
            if current and (gap is None or gap > 1.45 * max(line[0].size, last[0].size)):
                blocks.append("\n".join(current))
                current = []
            if current and rejoin and _wrapped(last, line, widest):
                current[-1] = _join(current[-1], _markup(line))
            else:
                current.append(_markup(line))
            last = line
        if current:
            blocks.append("\n".join(current))
    return blocks


# Words that open a line of a name set on two lines by choice ("ỦY BAN NHÂN DÂN" / "TỈNH LẠNG SƠN").
_LOCALITY = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU|TRUNG ƯƠNG|VIỆT NAM)\b")


def _wrapped(previous, line, widest):
    """Whether ``line`` is the rest of a header line the column was too narrow for.

    "… Bắc Giang," / "ngày … năm 2021": the line below starts in lower case. "HỘI ĐỒNG THI ĐUA - KHEN" /
    "THƯỞNG": both in capitals and the same weight, the line above as wide as the column's widest
    (near enough), the line below starting neither a body of its own ("PHÒNG …", "TRƯỜNG …") nor a
    locality — a name set on two lines by choice ("ỦY BAN NHÂN DÂN" / "TỈNH LẠNG SƠN") is kept as written.
    """
    above, below = _markup(previous).replace("*", ""), _markup(line).replace("*", "")
    if below[:1].islower():
        return above[-1:] not in ".;:"
    if not (above.isupper() and below.isupper()) or all(p.bold for p in previous) != all(p.bold for p in line):
        return False
    return (sum(p.width for p in previous) >= 0.85 * widest and not _LOCALITY.match(below)
            and not _ISSUER_WORDS.match(fold(below)) and not _DRAFT_STAMP.match(below))


def _paragraphs(lines):
    """Body lines into paragraphs (see the module's note)."""
    if not lines:
        return []
    left = min(round(line[0].x) for line in lines)
    indents = Counter(round(line[0].x) for line in lines if round(line[0].x) > left + 2)
    indent = indents.most_common(1)[0][0] if indents else None
    # The text's right edge, as far as the glyph widths tell: most full lines reach it.
    ends = sorted(line[-1].x + line[-1].width for line in lines)
    right = ends[int(0.9 * (len(ends) - 1))]
    paragraphs, previous = [], None
    for line in lines:
        text = _markup(line)
        first = line[0]
        at_left = abs(first.x - left) <= 2
        at_indent = indent is not None and abs(first.x - indent) <= 2
        bold = all(p.bold for p in line)
        plain = text.replace("*", "").strip()
        opens = (
            previous is None or at_indent or _LIST_MARK.match(plain) or plain in DOC_TYPES
            or bold != previous["bold"] or abs(first.size - previous["size"]) > 0.5
            or previous["type"]
        )
        if not opens:
            if first.page == previous["page"]:
                gap = first.top - previous["top"]
                opens = gap > 1.45 * first.size or gap < 0
            else:
                opens = not at_left  # on a new page, a line at the left edge carries on
        if opens:
            paragraphs.append(text)
        elif previous["short"]:  # the line above stopped well before the edge: a line break of its own
            paragraphs[-1] = paragraphs[-1].rstrip() + "\n" + text.lstrip()
        else:
            paragraphs[-1] = _join(paragraphs[-1], text)
        end = line[-1].x + line[-1].width
        previous = {"page": first.page, "top": first.top, "size": first.size, "bold": bold,
                    "type": plain in DOC_TYPES, "short": end < left + 0.8 * (right - left)}
    return paragraphs
