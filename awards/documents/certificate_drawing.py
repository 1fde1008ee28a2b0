"""Certificates drawn straight onto PDF pages: the look of static/css/print-certificate.css, ten times faster.

Laying out a whole HTML document costs WeasyPrint about 50 ms a paper, though every paper is the
same few centred lines at the same places. Here each paper is drawn at positions computed from the
stylesheet's own measures (mm, pt, line height 1.25, Liberation Serif's ascent and descent, as a
browser places a line), with the same fonts embedded as subsets:

- the frame and the national heading, the same on every paper, are one Form XObject drawn once in
  the file and placed on each page;
- the authority, the verb and the paper's name (BẰNG KHEN …), shared by every paper of one award
  and one issuing body, are one Form XObject per wording;
- the rest — name, position and unit, merit, decision, date, signer, serial, copy label and the QR
  code (vector squares) — is drawn on each page.

Lines wrap at spaces as the browser wraps them (a word wider than its line breaks between letters
instead of running off the paper). When the name, its lines and the merit would reach the signature
block, their type shrinks until they fit: one paper is always one page.
"""

import io
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import repeat

from units.printable import printable

from campaigns.documents.common import fonts_dir

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 297 * MM, 210 * MM  # A4 landscape
LINE_HEIGHT = 1.25
# Liberation Serif's hhea ascent and descent (1825 and 443 of 2048 units): where a browser puts the baseline.
ASCENT, DESCENT = 1825 / 2048, 443 / 2048

# The stylesheet's box: @page margin 12 mm, a 4.5 pt double border, padding 10 mm 16 mm 8 mm.
MARGIN = 12 * MM
BORDER = 4.5
FRAME_COLOR = (0x8A / 255, 0x1C / 255, 0x1C / 255)
HEADING_COLOR = (0xB1 / 255, 0x1D / 255, 0x1D / 255)
BLACK = (0, 0, 0)
CONTENT_LEFT = MARGIN + BORDER + 16 * MM
CONTENT_WIDTH = PAGE_WIDTH - 2 * CONTENT_LEFT
CONTENT_TOP = MARGIN + BORDER + 10 * MM  # measured down from the top edge of the paper
CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN - BORDER - 8 * MM
CHECK_SHARE = 0.4  # the foot's first cell (QR code, serial); the signature has the rest
QR_SIZE = 24 * MM
QR_BORDER = 4  # modules of quiet zone, inside the 24 mm square as the SVG had them
QR_MASK = 2
SIGN_SPACE = 20 * MM  # room for the handwritten signature and the seal
FOOT_GAP = 3 * MM  # the least room kept between the merit and the signature block when shrinking
SHRINK_TRIALS = 7  # halvings between the smallest and the full size: within 1 % of the largest that fits
SMALLEST = 0.3  # of the stylesheet's sizes: 4.5 pt merit, a length no form lets through

FONT_FILES = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
              "italic": "LiberationSerif-Italic.ttf"}
# For a character Liberation Serif lacks (a name in another script, a symbol), as the browser falls back
# to another installed font: DejaVu where the system has it (Debian's fonts-dejavu-core, beside Pango).
FALLBACK_FILES = {"regular": ("DejaVuSerif.ttf", "DejaVuSans.ttf"),
                  "bold": ("DejaVuSerif-Bold.ttf", "DejaVuSans-Bold.ttf"),
                  "italic": ("DejaVuSerif-Italic.ttf", "DejaVuSans-Oblique.ttf")}


@dataclass(frozen=True)
class Style:
    face: str  # a key of FONT_FILES
    size: float  # pt
    color: tuple = BLACK
    spacing: float = 0.0  # letter spacing, pt

    def scaled(self, factor):
        return Style(self.face, self.size * factor, self.color, self.spacing * factor)


NATIONAL = Style("bold", 13)
AUTHORITY = Style("bold", 15)
VERB = Style("bold", 15)
HEADING = Style("bold", 44, HEADING_COLOR, 2)
RECIPIENT = Style("bold", 22)
DETAIL = Style("regular", 15)
MERIT = Style("italic", 15)
SERIAL = Style("regular", 12)
COPY = Style("bold", 12)
DECISION = Style("regular", 13)
PLACE_DATE = Style("italic", 14)
SIGN_LINE = Style("bold", 13)
SIGNER = Style("bold", 14)


@dataclass(frozen=True)
class Font:
    name: str  # as registered with reportlab
    widths: dict  # advance per code point, 1/1000 em

    def width(self, text: str) -> float:
        return sum(map(self.widths.get, map(ord, text), repeat(0)))

    def covers(self, text: str) -> bool:
        return self.widths.keys() >= set(map(ord, text))


@cache
def main_font(face: str) -> Font:
    """Liberation Serif in ``face``, registered with reportlab once a process (reading a TTF is slow)."""
    from reportlab import rl_config

    # Streams compressed, not also ASCII85-encoded (reportlab's default, done in pure Python): a
    # fifth smaller and much faster. Nothing else in the portal draws with reportlab.
    rl_config.useA85 = 0
    return _register(f"Certificate-{face}", str(fonts_dir() / FONT_FILES[face]))


@cache
def fallback_fonts(face: str) -> tuple[Font, ...]:
    """The fallbacks for ``face`` present on this system, read only when a paper needs one."""
    found = (_register(f"Certificate-{face}-{n}", path) for n, path in enumerate(FALLBACK_FILES[face], 1))
    return tuple(font for font in found if font)


def _register(name, path) -> Font | None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        font = TTFont(name, path)  # a bare file name is looked for on reportlab's font path
    except (TTFError, OSError):
        return None
    pdfmetrics.registerFont(font)
    return Font(name, font.face.charWidths)


def fonts(face: str) -> tuple[Font, ...]:
    return (main_font(face),) + fallback_fonts(face)


def font_name(face: str) -> str:
    return main_font(face).name


def runs(text: str, face: str) -> list[tuple[Font, str]]:
    """``text`` cut where the font that has its characters changes (Liberation Serif first)."""
    choices = fonts(face)
    out = []
    for char in text:
        code = ord(char)
        font = next((f for f in choices if code in f.widths), choices[0])
        if out and out[-1][0] is font:
            out[-1][1].append(char)
        else:
            out.append((font, [char]))
    return [(font, "".join(chars)) for font, chars in out]


def text_width(text: str, style: Style) -> float:
    main = main_font(style.face)
    try:
        units = sum(map(main.widths.__getitem__, map(ord, text)))
    except KeyError:  # a character Liberation Serif lacks: measured in the font that draws it
        units = sum(font.width(part) for font, part in runs(text, style.face))
    return units * style.size / 1000 + style.spacing * len(text)


def clean(text) -> str:
    """Stored text as the paper prints it: printable, composed (NFC), white space run together as HTML does."""
    return " ".join(unicodedata.normalize("NFC", printable(text)).split())


def wrap(text: str, style: Style, width: float) -> list[str]:
    """``text`` broken into lines of at most ``width`` at spaces, first fit, as a browser breaks them."""
    if not text:
        return []
    space = text_width(" ", style)
    lines, line, used = [], [], 0.0
    for word in text.split(" "):
        size = text_width(word, style)
        if line and used + space + size <= width:
            line.append(word)
            used += space + size
            continue
        if line:
            lines.append(" ".join(line))
        if size > width:  # one word wider than the paper: break between its letters
            pieces = _break_word(word, style, width)
            lines.extend(pieces[:-1])
            word = pieces[-1]
            size = text_width(word, style)
        line, used = [word], size
    lines.append(" ".join(line))
    return lines


def _break_word(word, style, width):
    pieces, piece = [], ""
    for char in word:
        if piece and text_width(piece + char, style) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return pieces + [piece]


def baseline(top: float, style: Style) -> float:
    """The baseline of a line whose box starts ``top`` below the paper's top edge (half-leading above)."""
    return top + (LINE_HEIGHT - ASCENT - DESCENT) * style.size / 2 + ASCENT * style.size


@dataclass
class Line:
    text: str
    style: Style
    x: float  # left end, pt from the paper's left edge
    y: float  # baseline, pt below the paper's top edge


class Column:
    """Centred lines stacked down from ``top`` within ``left``..``left + width``."""

    def __init__(self, top, left=CONTENT_LEFT, width=CONTENT_WIDTH):
        self.top, self.left, self.width, self.lines = top, left, width, []

    def add(self, text, style, *, margin=0.0, inset=0.0):
        self.top += margin
        for line in wrap(text, style, self.width - 2 * inset):
            # letter spacing follows every letter, the last too: the line's box is that much wider
            x = self.left + (self.width - text_width(line, style)) / 2
            self.lines.append(Line(line, style, x, baseline(self.top, style)))
            self.top += LINE_HEIGHT * style.size
        return self


def stack_up(bottom, items, left, width, *, centred):
    """Lines stacked up from ``bottom``: ``items`` are (text, style, margin above) from the top down.

    Returns the lines and the top of the stack.
    """
    blocks = [(wrap(text, style, width), style, margin) for text, style, margin in items]
    top = y = bottom - sum(len(lines) * LINE_HEIGHT * style.size + margin for lines, style, margin in blocks)
    placed = []
    for lines, style, margin in blocks:
        y += margin
        for line in lines:
            x = left + (width - text_width(line, style)) / 2 if centred else left
            placed.append(Line(line, style, x, baseline(y, style)))
            y += LINE_HEIGHT * style.size
    return placed, top


@dataclass
class Foot:
    lines: list
    top: float  # the top of the taller cell: the merit must end above it
    qr_top: float


def foot(page) -> Foot:
    """The QR code, serial and copy label bottom left; the decision, date and signature bottom right.

    The foot is a table as wide as its widest line needs (shrink-to-fit, at most the frame's width),
    its cells 40 % and 60 % of it; each cell sits on the foot's bottom edge (vertical-align: bottom).
    """
    check = [(clean(page.serial), SERIAL, 1 * MM), (clean(page.copy_label), COPY, 0.0)]
    signer = clean(page.signer_name)
    sign = [(clean(page.decision), DECISION, 0.0), (clean(page.place_date), PLACE_DATE, 1 * MM)]
    sign += [(clean(line), SIGN_LINE, 0.0) for line in page.sign_lines]
    sign.append((signer, SIGNER, SIGN_SPACE))  # the room to sign is there with or without a name under it
    widest_check = max([QR_SIZE] + [text_width(text, style) for text, style, _ in check])
    widest_sign = max(text_width(text, style) for text, style, _ in sign)
    width = min(CONTENT_WIDTH, max(widest_check / CHECK_SHARE, widest_sign / (1 - CHECK_SHARE)))
    check_lines, check_top = stack_up(CONTENT_BOTTOM, check, CONTENT_LEFT, CHECK_SHARE * width, centred=False)
    sign_lines, sign_top = stack_up(CONTENT_BOTTOM, sign, CONTENT_LEFT + CHECK_SHARE * width,
                                    (1 - CHECK_SHARE) * width, centred=True)
    qr_top = check_top - QR_SIZE
    return Foot(check_lines + sign_lines, min(qr_top, sign_top), qr_top)


@dataclass
class Header:
    """The authority, the verb and the paper's name: the same for every paper of one wording."""

    lines: list
    bottom: float


def national() -> tuple[list, float]:
    """The two lines of the national heading, and where they end."""
    column = Column(CONTENT_TOP)
    column.add("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", NATIONAL).add("Độc lập - Tự do - Hạnh phúc", NATIONAL)
    return column.lines, column.top


def header(authority, verb, heading) -> Header:
    _, top = national()
    column = Column(top)
    column.add(clean(authority), AUTHORITY, margin=6 * MM)
    if clean(verb):
        column.add(clean(verb), VERB, margin=3 * MM)
    column.add(clean(heading), HEADING, margin=2 * MM)
    return Header(column.lines, column.top)


def body(page, top, limit) -> list:
    """The recipient, the lines under the name and the merit, shrunk until they end above ``limit``.

    The largest size that fits is found by halving (a size where a line break goes away can fit
    where a slightly larger one does not): a few trial layouts, only for a paper that overflows.
    """
    def layout(factor):
        column = Column(top)
        column.add(clean(page.recipient), RECIPIENT.scaled(factor), margin=5 * MM * factor)
        for detail in page.recipient_details:
            column.add(clean(detail), DETAIL.scaled(factor))
        column.add(clean(page.merit), MERIT.scaled(factor), margin=5 * MM * factor, inset=8 * MM)
        return column.lines, column.top <= limit

    lines, fits = layout(1.0)
    if fits:
        return lines
    best, fits = layout(SMALLEST)
    if not fits:
        return best
    small, large = SMALLEST, 1.0
    for _ in range(SHRINK_TRIALS):
        middle = (small + large) / 2
        lines, fits = layout(middle)
        if fits:
            small, best = middle, lines
        else:
            large = middle
    return best


class Drawing:
    """One PDF of certificate pages, the shared parts drawn once as forms."""

    def __init__(self, title=""):
        from reportlab.pdfgen.canvas import Canvas

        self.out = io.BytesIO()
        self.canvas = Canvas(self.out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), lang="vi", pageCompression=1,
                             initialFontName=font_name("regular"))
        self.canvas.setTitle(title)
        self.headers = {}
        self._form("frame", self._draw_frame)

    def _form(self, name, draw):
        self.canvas.beginForm(name)
        draw()
        self.canvas.endForm()

    def _draw_frame(self):
        # A CSS double border: two strokes of a third of its width, a third apart.
        canvas, third = self.canvas, BORDER / 3
        canvas.setStrokeColorRGB(*FRAME_COLOR)
        canvas.setLineWidth(third)
        for inset in (third / 2, BORDER - third / 2):
            canvas.rect(MARGIN + inset, MARGIN + inset, PAGE_WIDTH - 2 * (MARGIN + inset),
                        PAGE_HEIGHT - 2 * (MARGIN + inset), stroke=1, fill=0)
        self.draw_lines(national()[0])

    def header(self, page) -> Header:
        key = (page.authority, page.verb, page.heading)
        if key not in self.headers:
            name, found = f"header{len(self.headers)}", header(*key)
            self._form(name, lambda: self.draw_lines(found.lines))
            self.headers[key] = (name, found)
        return self.headers[key]

    def draw_lines(self, lines):
        canvas = self.canvas
        current = None
        for line in lines:
            style = line.style
            if (style.face, style.size, style.color) != current:
                canvas.setFont(font_name(style.face), style.size)
                canvas.setFillColorRGB(*style.color)
                current = (style.face, style.size, style.color)
            if main_font(style.face).covers(line.text):
                canvas.drawString(line.x, PAGE_HEIGHT - line.y, line.text, charSpace=style.spacing)
            else:
                self.draw_runs(line)
                current = None

    def draw_runs(self, line):
        """A line with characters Liberation Serif lacks: each run in the font that has them."""
        canvas, style, x = self.canvas, line.style, line.x
        for font, part in runs(line.text, style.face):
            canvas.setFont(font.name, style.size)
            canvas.drawString(x, PAGE_HEIGHT - line.y, part, charSpace=style.spacing)
            x += font.width(part) * style.size / 1000 + style.spacing * len(part)

    def draw_qr(self, url, top):
        """The QR code of ``url``, its quiet zone inside the 24 mm square, as filled squares (vector)."""
        import segno

        # Medium error correction survives a stamp or a crease. The mask is fixed: every mask reads the
        # same, and scoring all eight to pick one costs more than drawing the rest of the paper.
        matrix = segno.make(url, error="m", mask=QR_MASK).matrix
        module = QR_SIZE / (len(matrix) + 2 * QR_BORDER)
        # In module units, rows counted down from the square's top: one rectangle per run of dark modules.
        runs = []
        for row, bits in enumerate(matrix, QR_BORDER):
            start = None
            for column, bit in enumerate(bits + bytearray(1), QR_BORDER):
                if bit and start is None:
                    start = column
                elif not bit and start is not None:
                    runs.append(f"{start} {row} {column - start} 1 re")
                    start = None
        canvas = self.canvas
        canvas.saveState()
        canvas.setFillColorRGB(*BLACK)
        canvas.transform(module, 0, 0, -module, CONTENT_LEFT, PAGE_HEIGHT - top)
        canvas.addLiteral("\n".join(runs) + "\nf")
        canvas.restoreState()

    def add(self, page):
        canvas = self.canvas
        canvas.doForm("frame")
        name, found = self.header(page)
        canvas.doForm(name)
        bottom = foot(page)
        self.draw_lines(body(page, found.bottom, bottom.top - FOOT_GAP) + bottom.lines)
        self.draw_qr(page.url, bottom.qr_top)
        canvas.showPage()

    def finish(self) -> bytes:
        self.canvas.save()
        return self.out.getvalue()


def draw_certificates(pages, title="") -> bytes:
    """``pages`` (CertificatePage) as one PDF, one A4 landscape page each, in order."""
    drawing = Drawing(title)
    for page in pages:
        drawing.add(page)
    return drawing.finish()
